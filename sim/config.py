"""Typed configuration: every parameter with its unit, allowed range and source.

The dataclasses below are registered in Hydra's ConfigStore as the schema of `conf/`; the YAML files
in `conf/` only choose presets and override values. `param()` attaches the metadata that
`validate()` checks and that the parameter table in `docs/odd.md` lists.

Sources are cited by short names: seed files `seed 000`–`seed 004` (`../shared/seeds`), and the
public figures listed in `docs/odd.md` §6 (Input data). "assumption" marks a value we chose.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

from hydra.core.config_store import ConfigStore


class ConfigError(ValueError):
    """A configuration value outside its allowed range (reported as one line, before any run)."""


def param(
    default: Any,
    unit: str,
    lo: float | None = None,
    hi: float | None = None,
    source: str = "assumption",
    doc: str = "",
) -> Any:
    """A config field with unit, closed range [lo, hi] and source kept as metadata."""
    meta = {"unit": unit, "lo": lo, "hi": hi, "source": source, "doc": doc}
    return field(default=default, metadata=meta)


PROB = {"unit": "probability", "lo": 0.0, "hi": 1.0}


def prob(default: float, source: str = "assumption", doc: str = "") -> Any:
    return param(default, PROB["unit"], 0.0, 1.0, source, doc)


# --------------------------------------------------------------------------------------- scale
@dataclass
class DistrictConfig:
    """The administrative world's size: streets (街道), communities (社区), residents (居民)."""

    name: str = "community"
    streets: int = param(
        1,
        "streets",
        1,
        1000,
        "district preset: 6 (seed 000: 8 merged into 6)",
        doc="street offices (街道) in the district",
    )
    communities: int = param(
        1,
        "communities",
        1,
        10_000,
        "district preset: 40 (seed 000: 92 merged into 40)",
        doc="communities (社区), spread evenly over the streets",
    )
    residents: int = param(
        5000,
        "residents",
        10,
        20_000_000,
        "community preset: assumption; district preset: 500k actual residents (seed 000)",
        doc="residents, split evenly over the communities",
    )
    block_residents: int = param(
        125,
        "residents per cell",
        1,
        100_000,
        doc="residents of one building/courtyard (楼院), a cell",
    )
    departments: int = param(
        20,
        "departments",
        1,
        1000,
        "issue brief: ~20 line departments",
        doc="line departments (部门) that push tasks; the first few lead service categories",
    )
    social_orgs: int = param(
        4,
        "organizations",
        0,
        100_000,
        "seed 003: 142 in a district (≈3.5 per community)",
        doc="social organizations (社会组织), spread over communities",
    )


# ---------------------------------------------------------------------------------- population
@dataclass
class PopulationConfig:
    """Who the residents are (居民): groups that carry specific needs."""

    household_size: float = param(
        2.62,
        "persons per household",
        1.0,
        20.0,
        "2020 census",
        doc="mean persons per household (patrol visits households)",
    )
    elderly_share: float = prob(0.20, "seed 004: 20% aged 60+", doc="share of residents aged 60+")
    elderly_disabled_share: float = prob(
        0.171,
        "Li Jianwei et al., 改革 2022(2)",
        doc="share of the elderly who are disabled or semi-disabled",
    )
    low_income_share: float = prob(
        0.005,
        "低保 3.3–7 per 1,000 (Beijing 2022; national)",
        doc="share receiving subsistence allowance (低保)",
    )
    unemployed_share: float = prob(
        0.052,
        "NBS surveyed urban unemployment 2023",
        "applied to all residents under 60 (no finer age structure): an upper bound",
    )
    initial_satisfaction: float = prob(0.6, doc="mean satisfaction at start (0..1)")
    initial_trust: float = prob(0.5, doc="mean trust in the committee at start (0..1)")
    spread: float = param(
        0.1, "sd", 0.0, 0.5, doc="between-resident sd of initial satisfaction/trust"
    )


# ---------------------------------------------------------------------------------------- cases
@dataclass
class ServiceCategoryConfig:
    """One category of resident service need (需求): who has it, how often, who serves it."""

    eligible: str = "all"  # all | elderly | unemployed | low_income | disabled
    rate: float = param(
        0.04,
        "needs per eligible resident per year",
        0.0,
        365.0,
        doc="needs arising per eligible resident",
    )
    effort_hours: float = param(2.0, "hours", 0.01, 1000.0, doc="mean hours to meet one need")
    department_share: float = prob(0.1, doc="share that needs a department's decision (归口办理)")
    org_share: float = prob(0.0, doc="share the committee passes to a social organization")


def _default_categories() -> dict[str, ServiceCategoryConfig]:
    # Rates split the ≈0.25 service requests per resident-year of 12345-type hotlines
    # (0.5 contacts × 40–60% requests; Beijing 2020, Jiangsu 2024) across categories: assumption.
    c = ServiceCategoryConfig
    return {
        "elderly_care": c("elderly", 0.30, 3.0, 0.1, 0.5),
        "employment": c("unemployed", 1.0, 2.0, 0.3, 0.0),
        "social_assistance": c("low_income", 2.0, 2.0, 0.5, 0.0),
        "health": c("all", 0.04, 1.5, 0.1, 0.2),
        "culture": c("all", 0.03, 1.5, 0.0, 0.5),
        "environment": c("all", 0.04, 1.5, 0.2, 0.0),
        "safety": c("all", 0.02, 2.0, 0.3, 0.0),
    }


@dataclass
class CasesConfig:
    """Residents' disputes (矛盾纠纷) and service needs: arrival and escalation."""

    dispute_rate: float = param(
        0.012,
        "disputes per resident per year",
        0.0,
        365.0,
        "0.006 reach people's mediation (2022; range 0.004–0.019) ÷ assumed 0.5 share found",
        doc="disputes (矛盾纠纷) arising per resident",
    )
    dispute_effort_hours: float = param(
        4.0, "hours per mediation session", 0.01, 1000.0, doc="mean hours of one mediation session"
    )
    severity_initial: float = param(
        0.2, "severity (1 = escalation)", 0.0, 1.0, doc="mean severity of a new dispute"
    )
    severity_growth: float = param(
        0.025,
        "severity per day",
        1e-6,
        1.0,
        doc="mean of an exponential draw per dispute; at the means, ≈32 days to escalation",
    )
    street_severity: float = param(
        0.6,
        "severity (1 = escalation)",
        0.0,
        1.0,
        doc="disputes at least this severe at intake go to the street",
    )
    mediation_success: float = prob(0.75, doc="chance a session resolves a fresh dispute")
    deadline_working_days: int = param(
        7,
        "working days",
        1,
        365,
        "seed 001: all closed within 7 working days",
        doc="on time = closed within this many working days of being known",
    )
    services: dict[str, ServiceCategoryConfig] = field(default_factory=_default_categories)


# ---------------------------------------------------------------------------------- behaviour
@dataclass
class ResidentsConfig:
    """How residents report and learn from how their cases end."""

    report_base: float = prob(0.5, doc="chance a resident reports a case, at engagement 0.5")
    report_slope: float = param(
        0.8, "per unit engagement", 0.0, 10.0, doc="engagement = mean of trust and satisfaction"
    )
    report_delay_days: float = param(
        3.0, "days (mean)", 0.0, 365.0, doc="mean days before a resident who reports does so"
    )
    satisfaction_rate: float = prob(0.3, doc="weight of a case's outcome in satisfaction")
    trust_rate: float = prob(0.15, doc="weight of a case's outcome in trust")
    late_score: float = prob(0.5, doc="outcome score of a case resolved late (on time = 1)")
    volunteer_share: float = prob(
        0.17,
        "China Daily 2024-04-23: 236M registered ≈ 17%",
        doc="share of residents registered as volunteers",
    )
    volunteer_hours: float = param(
        4.0,
        "hours per registered volunteer per year",
        0.0,
        2000.0,
        "Ningbo 2022 recorded ≈4 (national estimate ≈13)",
        doc="hours a registered volunteer gives a year",
    )
    volunteer_max_effort: float = param(
        2.0, "hours", 0.0, 1000.0, doc="largest service need volunteers take (low complexity)"
    )


@dataclass
class StaffConfig:
    """Handlers' capacity: committees (居委会), grid workers (网格员), street, departments."""

    community_workers_per_10k: float = param(
        18.0,
        "workers per 10k residents",
        0.0,
        1000.0,
        "Hubei, Gansu plans 2022: 18 per 10k",
        doc="community workers (社区工作者) per 10k residents",
    )
    worker_hours: float = param(
        8.0, "hours per working day", 0.0, 24.0, doc="hours a community worker works a working day"
    )
    certified_share: float = prob(
        0.3,
        "seed 003: 30% of community workers certified",
        doc="share of community workers certified (持证社工) at start",
    )
    certified_speed: float = param(
        1.25, "× mediation rate", 0.1, 10.0, doc="how much faster certified workers mediate"
    )
    certified_success: float = prob(0.85, doc="mediation success of a certified worker")
    grid_worker_hours: float = param(
        8.0,
        "hours per working day",
        0.0,
        24.0,
        doc="hours a grid worker (网格员) works a working day",
    )
    households_per_patrol_hour: float = param(
        3.0,
        "households per hour",
        0.0,
        1000.0,
        doc="households a grid worker visits per patrol hour",
    )
    detection_on_visit: float = prob(0.8, doc="chance a visit finds a hidden case")
    on_spot_hours: float = param(2.0, "hours", 0.0, 1000.0, doc="largest case a grid worker takes")
    org_hours: float = param(
        2.0,
        "hours per working day per organization",
        0.0,
        10_000.0,
        doc="what an organization gives without government money",
    )
    org_quality_low: float = prob(0.6, doc="lowest chance an organization resolves a case properly")
    org_quality_high: float = prob(0.95, doc="highest such chance (uniform between)")
    org_price_low: float = param(
        31.0,
        "yuan per hour",
        0.0,
        1e6,
        "MCA 2021: ≈31 yuan per hour",
        doc="lowest price an organization asks per contracted hour",
    )
    org_price_high: float = param(60.0, "yuan per hour", 0.0, 1e6, doc="with overheads")
    org_contract_hours: float = param(
        16.0, "hours per working day", 0.0, 1e5, doc="most an organization can sell (≈2 FTE)"
    )
    handoff_loss: float = prob(0.1, doc="chance a hand-off upward is lost and must be chased")
    lost_retry_days: int = param(5, "working days", 0, 365, doc="until a lost case is chased up")
    dispute_department_hours_per_10k: float = param(
        1.0,
        "hours per working day per 10k residents",
        0.0,
        1e4,
        doc="justice bureau capacity for disputes the street cannot settle (escalation path)",
    )
    street_hours_per_10k: float = param(
        6.0,
        "hours per working day per 10k residents",
        0.0,
        1e4,
        doc="street office mediation hours for disputes beyond communities",
    )
    department_hours_per_10k: float = param(
        1.5,
        "hours per working day per 10k residents",
        0.0,
        1e4,
        doc="case capacity of each department that leads a service category",
    )
    referral_delay_days: int = param(2, "working days", 0, 365, doc="hand-off delay upward")
    admin_priority: float = param(
        2.0,
        "× weight of residents' cases",
        0.0,
        100.0,
        "seed 003: tasks come with departments' evaluations (以考核为由); value an assumption",
        doc="weight of department tasks in the committee's priority rule",
    )


@dataclass
class DepartmentsConfig:
    """Administrative work items (工作事项) departments push down to communities."""

    push_rate: float = param(
        2387.0,
        "tasks per 10k residents per year",
        0.0,
        1e6,
        "Hubei study 2003: ≈1,850 per community-year ÷ 7,750 residents per committee (MCA 2014)",
        doc="administrative tasks departments push down (进社区)",
    )
    task_effort_hours: float = param(
        13.0,
        "hours per task (mean)",
        0.01,
        1000.0,
        "calibrated: at the push rate the tasks reaching committees fill ≈0.67 of staff hours, "
        "the pre-reform share assumed in the calibration note (0.65–0.70)",
        doc="mean hours a pushed task takes",
    )
    task_deadline_working_days: int = param(
        10, "working days", 1, 365, doc="deadline departments set on a task"
    )
    grid_task_share: float = prob(0.2, doc="share of tasks landing on grid workers")
    budget: float = param(
        60_000.0,
        "yuan per 10k residents per department per year",
        0.0,
        1e12,
        doc="what a department can pay communities for delegated work; ≈ the default fee load",
    )


@dataclass
class MoneyConfig:
    """Working funds (seed 004) and the hourly cost of paid help."""

    community_funds: float = param(
        200_000.0,
        "yuan per community per year",
        0.0,
        1e12,
        "seed 004",
        doc="working funds a community receives each year",
    )
    street_funds: float = param(
        1_000_000.0,
        "yuan per street per year",
        0.0,
        1e12,
        "seed 004",
        doc="working funds a street office receives each year",
    )
    wage: float = param(
        31.0,
        "yuan per hour",
        0.01,
        1e6,
        "MCA 2021: ≈62k yuan per social worker-year ÷ 2,000 h",
        doc="hourly cost of paid help a community hires",
    )


# ------------------------------------------------------------------------------------ policies
@dataclass
class AccessControlConfig:
    """Work-item access control (社区工作事项准入制度): only listed tasks enter, after approval."""

    enabled: bool = False
    catalogue_share: float = prob(
        0.53, "Beijing 2019: 150 of 322 tasks cancelled (47%)", "share of tasks on the list"
    )
    approval_delay_days: int = param(
        5, "working days", 0, 365, doc="approval time before a listed task enters"
    )
    bypass_rate: float = prob(0.2, doc="chance an unlisted task enters anyway (seed 003 names it)")


@dataclass
class FeeFollowsTaskConfig:
    """Fee follows task (费随事转): money per delegated hour reaches the community."""

    enabled: bool = False
    yuan_per_hour: float = param(
        31.0,
        "yuan per delegated hour",
        0.0,
        1e6,
        "= wage (MCA 2021)",
        doc="money a department sends per delegated task hour",
    )
    max_paid_share: float = param(
        0.5, "× staff hours", 0.0, 100.0, doc="paid help a committee can hire in a day"
    )


@dataclass
class GridConfig:
    """Grid management (网格化管理): density and patrol."""

    residents_per_worker: float = param(
        625.0,
        "residents per grid worker",
        10.0,
        1e6,
        "500k residents (seed 000) ÷ 797 grid workers (seed 003), districts not known to be the "
        "same; inside the ≤2,000–2,500 per grid norm",
        doc="grid density: residents one grid worker watches",
    )
    patrol_share: float = prob(0.5, doc="share of grid-worker hours on patrol (入户走访)")


@dataclass
class PurchaseOfServicesConfig:
    """Government purchase of services (政府购买服务, 三社联动): contracts with organizations."""

    enabled: bool = False
    budget_per_10k: float = param(
        146_000.0,
        "yuan per 10k residents per year",
        0.0,
        1e12,
        "MCA 2021: 2.49bn yuan / 17,000 stations ≈ 146k per station-year; one per 10k: assumption",
        doc="yearly purchase budget of a street",
    )
    contracted_share: float = prob(
        0.8, doc="share of a contracted category's needs (not needing a department) sent out"
    )
    evaluation_days: int = param(90, "days", 1, 3650, doc="contract evaluation period (绩效评价)")
    renewal_threshold: float = prob(0.6, doc="performance below which the contract moves")
    incubation_cost: float = param(
        100_000.0,
        "yuan",
        0.0,
        1e9,
        "seed 003: 100k-yuan subsidies (premises); assumption for NGOs",
        doc="cost of incubating a new organization (公益创投)",
    )


@dataclass
class VolunteerIncentivesConfig:
    """Volunteer incentives (志愿服务激励机制, seed 003): time bank and recognition."""

    enabled: bool = False
    uplift: float = param(
        1.5, "× participation", 1.0, 100.0, doc="how much incentives raise volunteering"
    )
    yuan_per_hour: float = param(
        5.0,
        "yuan per volunteer hour (time-bank credit)",
        0.0,
        1e4,
        doc="time-bank credit paid per volunteer hour",
    )


@dataclass
class ResidentEvaluationConfig:
    """Resident evaluation of cadres (居民评议, 双评): ratings count in the committee's review."""

    enabled: bool = False
    weight: float = prob(0.5, doc="share of the appraisal that residents' ratings make up")
    coverage: float = prob(
        0.8,
        "seed 001: 双评 coverage target ≥ 80%",
        doc="share of residents who rate (双评 coverage)",
    )


@dataclass
class OneWindowConfig:
    """One-window intake (一口式接件、归口式办理, seed 004): take in once, route without loss."""

    enabled: bool = False
    delay_days: int = param(0, "working days", 0, 365, doc="hand-off delay with one window")
    loss_reduction: float = prob(0.8, doc="share of lost hand-offs avoided")


@dataclass
class ProfessionalizationConfig:
    """Professionalization (持证社工, seed 003): more certified social workers."""

    enabled: bool = False
    target_share: float = prob(
        0.5, "Hubei plan ≥ 50% (seed 003: 30%)", doc="certified share each committee trains up to"
    )
    training_days: int = param(
        10, "working days away per worker", 0, 365, doc="working days a trainee is away"
    )
    training_cost: float = param(
        3000.0, "yuan per worker", 0.0, 1e7, doc="training cost per trainee"
    )
    allowance: float = param(
        100.0,
        "yuan per certified worker per month",
        0.0,
        1e6,
        "seed 003: 50–150 yuan a month",
        doc="monthly allowance per certified worker",
    )


@dataclass
class EscalationPathConfig:
    """Escalation path (归口办理): disputes the street cannot settle go to the justice bureau."""

    enabled: bool = False
    department_severity: float = param(
        0.8,
        "severity (1 = escalation)",
        0.0,
        1.0,
        doc="disputes at least this severe, at any intake or re-routing, go to the justice bureau",
    )


@dataclass
class PolicyConfig:
    name: str = "baseline"
    access_control: AccessControlConfig = field(default_factory=AccessControlConfig)
    fee_follows_task: FeeFollowsTaskConfig = field(default_factory=FeeFollowsTaskConfig)
    grid: GridConfig = field(default_factory=GridConfig)
    purchase_of_services: PurchaseOfServicesConfig = field(default_factory=PurchaseOfServicesConfig)
    volunteer_incentives: VolunteerIncentivesConfig = field(
        default_factory=VolunteerIncentivesConfig
    )
    resident_evaluation: ResidentEvaluationConfig = field(default_factory=ResidentEvaluationConfig)
    one_window: OneWindowConfig = field(default_factory=OneWindowConfig)
    professionalization: ProfessionalizationConfig = field(
        default_factory=ProfessionalizationConfig
    )
    escalation_path: EscalationPathConfig = field(default_factory=EscalationPathConfig)


@dataclass
class InterventionConfig:
    """From `day` on, switch a lever on or off and/or change its dials (mid-run intervention)."""

    day: int = param(
        0, "day", 0, 36_500, source="scenario choice", doc="first day the change applies"
    )
    lever: str = "access_control"
    enabled: bool | None = None
    settings: dict[str, float] = field(default_factory=dict)


# -------------------------------------------------------------------------------------- top
@dataclass
class SimConfig:
    seed: int = param(
        0,
        "integer",
        0,
        2**63 - 1,
        source="run control",
        doc="root of all random streams (same seed ⇒ same residents and cases)",
    )
    replicates: int = param(
        1,
        "runs",
        1,
        10_000,
        "run control",
        doc="seeds one job runs (seed, seed+1, …), each in its own folder; saves per-job cost",
    )
    days: int = param(
        365, "days", 1, 36_500, source="run control", doc="length of the run; day 0 is a Monday"
    )
    quiet: bool = param(False, "", source="run control", doc="no summary or progress output")
    lang: str = param("en", "", source="run control", doc="language of the app: en or zh")
    district: DistrictConfig = field(default_factory=DistrictConfig)
    population: PopulationConfig = field(default_factory=PopulationConfig)
    cases: CasesConfig = field(default_factory=CasesConfig)
    residents: ResidentsConfig = field(default_factory=ResidentsConfig)
    staff: StaffConfig = field(default_factory=StaffConfig)
    departments: DepartmentsConfig = field(default_factory=DepartmentsConfig)
    money: MoneyConfig = field(default_factory=MoneyConfig)
    policy: PolicyConfig = field(default_factory=PolicyConfig)
    interventions: list[InterventionConfig] = field(default_factory=list)


RUN_CONTROL = (
    "quiet",
    "replicates",
    "lang",
)  # fields that change how a run is done, not its results


def identity(cfg: SimConfig) -> dict[str, Any]:
    """The configuration as a plain dict, without the fields that cannot change results."""
    out = asdict(cfg)
    for name in RUN_CONTROL:
        out.pop(name)
    return out


LANGUAGES = ("en", "zh")
ELIGIBLE_GROUPS = ("all", "elderly", "unemployed", "low_income", "disabled")


def _check_value(path: str, value: Any, meta: dict[str, Any]) -> None:
    lo, hi = meta.get("lo"), meta.get("hi")
    if lo is None and hi is None:
        return
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{path} = {value} is not a finite number (allowed: {lo} to {hi})")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        unit = meta.get("unit", "")
        raise ConfigError(f"{path} = {value} is out of range (allowed: {lo} to {hi} {unit})")


def validate(cfg: Any, path: str = "") -> None:
    """Check every field against its declared range; raise ConfigError naming the first bad one."""
    for f in fields(cfg):
        value = getattr(cfg, f.name)
        where = f"{path}{f.name}"
        if is_dataclass(value):
            validate(value, where + ".")
        elif isinstance(value, dict) and all(is_dataclass(v) for v in value.values()):
            for key, sub in value.items():
                validate(sub, f"{where}.{key}.")
        elif isinstance(value, list):
            for i, sub in enumerate(value):
                validate(sub, f"{where}[{i}].")
        else:
            _check_value(where, value, dict(f.metadata))
    if isinstance(cfg, ServiceCategoryConfig) and cfg.eligible not in ELIGIBLE_GROUPS:
        raise ConfigError(
            f"{path}eligible = {cfg.eligible!r} is not allowed "
            f"(allowed: {', '.join(ELIGIBLE_GROUPS)})"
        )
    if isinstance(cfg, SimConfig) and cfg.lang not in LANGUAGES:
        raise ConfigError(f"lang = {cfg.lang!r} is not allowed (allowed: {', '.join(LANGUAGES)})")
    if isinstance(cfg, InterventionConfig):
        _check_intervention(cfg, path)
    if isinstance(cfg, DistrictConfig):
        if cfg.communities < cfg.streets:
            raise ConfigError(
                f"district.communities = {cfg.communities} must be at least district.streets "
                f"= {cfg.streets}"
            )
        if cfg.residents < cfg.communities:
            raise ConfigError(
                f"district.residents = {cfg.residents} must be at least district.communities "
                f"= {cfg.communities}"
            )


def _check_intervention(cfg: InterventionConfig, path: str) -> None:
    levers = [f.name for f in fields(PolicyConfig) if f.name != "name"]
    if cfg.lever not in levers:
        raise ConfigError(
            f"{path}lever = {cfg.lever!r} is not a lever (allowed: {', '.join(levers)})"
        )
    lever_cfg = next(f for f in fields(PolicyConfig) if f.name == cfg.lever).default_factory()
    known = {f.name: f for f in fields(lever_cfg) if f.name != "enabled"}
    for key, value in cfg.settings.items():
        if key not in known:
            raise ConfigError(
                f"{path}settings.{key} is not a setting of {cfg.lever} "
                f"(allowed: {', '.join(known)})"
            )
        _check_value(f"{path}settings.{key}", value, dict(known[key].metadata))


def register() -> None:
    """Register the schema so `conf/config.yaml` is checked against it."""
    ConfigStore.instance().store(name="schema", node=SimConfig)
