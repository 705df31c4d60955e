"""GovernanceModel: builds the street–community world and runs each day's processes in order.

0. on the first day of each year, budgets and working funds arrive
1. needs and disputes arise among residents
2. residents report some; grid workers find some on patrol
3. departments push administrative tasks (through any access control)
4. handlers spend the day's hours by their priority rule; cases go up to streets/departments;
   disputes whose severity reached 1 escalate (petitions)
5. money moves (fees follow tasks, paid help is paid)
6. residents whose cases ended update satisfaction and trust; the day is recorded
"""

from __future__ import annotations

import copy
import dataclasses
from collections import defaultdict
from collections.abc import Callable
from functools import partial

import mesa
import numpy as np

from sim import metrics, policies
from sim.agents import (
    Committee,
    CommunityWorker,
    Department,
    Resident,
    ResidentPopulation,
    SocialOrganization,
    StreetOffice,
)
from sim.calendar import WEEK, WORKING_DAYS_PER_WEEK, Calendar
from sim.config import SimConfig
from sim.discovery import NEVER, HiddenCases
from sim.handling import Desk, Shift
from sim.ledger import Ledger
from sim.policies import Admission, Decision
from sim.records import Records
from sim.rng import Streams
from sim.workitems import Kind, Registry, State, WorkItem

DAYS_PER_YEAR = 365
WORKING_DAYS_PER_YEAR = DAYS_PER_YEAR * WORKING_DAYS_PER_WEEK / WEEK
PER_10K = 10_000
PRESET_SESSIONS = 6  # mediation-session uniforms each dispute draws at arrival
EFFORT_SHAPE = 2.0  # gamma shape of effort draws: most items near the mean, a few long ones
MIN_GROWTH = 1e-9  # severity per day: keeps the escalation day finite


class GovernanceModel(mesa.Model):
    """One district (or one community) of the street–community system."""

    def __init__(self, cfg: SimConfig) -> None:
        streams = Streams.from_seed(cfg.seed)
        super().__init__(rng=streams.mesa)
        self.cfg = copy.deepcopy(cfg)  # interventions change it: never the caller's object
        self.streams = streams
        self.day = 0
        self.calendar = Calendar(cfg.days)
        self.registry = Registry()
        self.records = Records()
        self.ledger = Ledger()
        self.hidden = HiddenCases()
        self.agenda: defaultdict[int, list[Callable[[int], None]]] = defaultdict(list)
        self.escalations: defaultdict[int, list[WorkItem]] = defaultdict(list)
        self.categories = list(cfg.cases.services.values())
        self.category_names = list(cfg.cases.services)
        self.volunteer_hours_today: dict[int, float] = {}
        self._build_world()
        self._endow_year()  # the first year's budgets, before any lever spends
        self.levers: dict[str, policies.Policy] = {}
        self._sync_levers()
        self.interventions = sorted(cfg.interventions, key=lambda i: i.day)

    @property
    def policies(self) -> list[policies.Policy]:
        """The levers switched on, in the order their hooks run."""
        return list(self.levers.values())

    # --------------------------------------------------------------- levers and interventions
    def _sync_levers(self) -> None:
        """Make the running levers match `cfg.policy`: set up, re-tune or tear down."""
        running = {}
        for name, cls in policies.LEVERS.items():
            settings = getattr(self.cfg.policy, name)
            lever = self.levers.get(name)
            if not policies.is_on(self.cfg.policy, name):
                if lever is not None:
                    lever.teardown(self)
                continue
            if lever is None:
                lever = cls(settings)
                lever.setup(self)
            elif lever.cfg != settings:
                lever.cfg = settings
                lever.retune(self)
            running[name] = lever
        self.levers = running
        for committee in self.committees:
            committee.desk.weights = self._committee_weights()

    def intervene(self, lever: str, enabled: bool | None = None, **settings: float) -> None:
        """Switch a lever on or off and/or change its dials, from today on (mid-run)."""
        from sim.config import InterventionConfig, validate

        change = InterventionConfig(self.day, lever, enabled, dict(settings))
        validate(change, "intervention.")
        current = getattr(self.cfg.policy, lever)
        updated = dataclasses.replace(current, **settings)
        if enabled is not None and hasattr(updated, "enabled"):
            updated = dataclasses.replace(updated, enabled=enabled)
        setattr(self.cfg.policy, lever, updated)
        self.records.count("interventions")
        self._sync_levers()

    # ------------------------------------------------------------------------------ world
    def _base_weights(self) -> dict[Kind, float]:
        return {Kind.ADMIN: self.cfg.staff.admin_priority, Kind.DISPUTE: 1.0, Kind.SERVICE: 1.0}

    def _committee_weights(self) -> dict[Kind, float]:
        weights = self._base_weights()
        for lever in self.policies:
            weights = lever.priority(weights)
        return weights

    def new_desk(self, level: int = 0) -> Desk:
        """A desk inside the community (level 0) or beyond it (level 1)."""
        return Desk(self.calendar, self._base_weights(), level)

    def _build_world(self) -> None:
        cfg, d = self.cfg, self.cfg.district
        sizes = np.array([len(a) for a in np.array_split(np.arange(d.residents), d.communities)])
        street_of = np.arange(d.communities) * d.streets // d.communities
        community = np.repeat(np.arange(d.communities), sizes)
        self.population = ResidentPopulation(cfg.population, community, self.streams.population)
        self.population.cell = self._local_index(community, sizes) // d.block_residents
        self.residents = [Resident(self, i) for i in range(d.residents)]
        self.committees = [
            Committee(self, c, int(street_of[c]), int(sizes[c]), d.block_residents, self.new_desk())
            for c in range(d.communities)
        ]
        for committee in self.committees:
            n = max(1, round(committee.residents * cfg.staff.community_workers_per_10k / PER_10K))
            certified = round(n * cfg.staff.certified_share)
            committee.workers = [
                CommunityWorker(self, committee.index, i < certified) for i in range(n)
            ]
        self.streets = []
        for s in range(d.streets):
            people = sizes[street_of == s].sum()
            hours = cfg.staff.street_hours_per_10k * people / PER_10K
            self.streets.append(
                StreetOffice(self, s, hours, cfg.staff.certified_success, self.new_desk(1))
            )
        # Department k leads service category k (归口); departments beyond the categories only push.
        dept_hours = cfg.staff.department_hours_per_10k * d.residents / PER_10K
        n_cat = len(self.categories)
        justice = n_cat if d.departments > n_cat else d.departments - 1  # the justice bureau
        dispute_hours = cfg.staff.dispute_department_hours_per_10k * d.residents / PER_10K
        self.departments = [
            Department(
                self,
                i,
                dept_hours if i < n_cat else 0.0,
                dispute_hours if i == justice else 0.0,
                cfg.staff.certified_success,
                self.new_desk(1),
            )
            for i in range(d.departments)
        ]
        self.justice = self.departments[justice]
        self._build_social_orgs()
        self.grid_workers: list = []

    @staticmethod
    def _local_index(community: np.ndarray, sizes: np.ndarray) -> np.ndarray:
        starts = np.r_[0, np.cumsum(sizes)[:-1]]
        return np.arange(len(community)) - starts[community]

    def _build_social_orgs(self) -> None:
        """Organizations spread over communities; each serves one category that uses them."""
        served = [k for k, cat in enumerate(self.categories) if cat.org_share > 0]
        self.social_orgs: list[SocialOrganization] = []
        self.orgs_for: dict[tuple[int, int], list[SocialOrganization]] = defaultdict(list)
        if not served:
            return
        for i in range(self.cfg.district.social_orgs):
            self.add_social_org(self.committees[i % len(self.committees)], served[i % len(served)])

    def add_social_org(self, home: Committee, category: int) -> SocialOrganization:
        """A new organization (at construction, or incubated later) with drawn quality and price."""
        staff, rng = self.cfg.staff, self.streams.organizations
        index = len(self.social_orgs)
        org = SocialOrganization(
            self,
            index,
            home.street,
            home.cell_of(index % home.blocks),
            category,
            staff.org_hours,
            float(rng.uniform(staff.org_quality_low, staff.org_quality_high)),
            float(rng.uniform(staff.org_price_low, staff.org_price_high)),
            self.new_desk(),
        )
        self.social_orgs.append(org)
        self.orgs_for[(home.street, category)].append(org)
        return org

    # -------------------------------------------------------------------------------- day
    def step(self) -> None:
        day = self.day
        working = self.calendar.working(day)
        self.volunteer_hours_today = {}
        if day % DAYS_PER_YEAR == 0 and day > 0:
            self._endow_year()
        while self.interventions and self.interventions[0].day <= day:
            change = self.interventions.pop(0)
            self.intervene(change.lever, change.enabled, **change.settings)
        for lever in self.policies:
            lever.on_day(self, day)
        self._arrivals(day)
        if working:
            self.hazard += self.grid_hazard
        self._discover(day)
        if working:
            self._push_tasks(day)
        for action in self.agenda.pop(day, []):  # hand-offs and approvals due today
            action(day)
        staff_hours = self._serve(day) if working else None
        self._escalate(day)
        for lever in self.policies:
            lever.settle(self)
        self._learn()
        self._record_day(day, staff_hours)
        self.day += 1

    def _endow_year(self) -> None:
        """Yearly working funds and budgets arrive (seed 004: 200k per community, 1M per street)."""
        money = self.cfg.money
        for committee in self.committees:
            self.ledger.endow(committee.funds, money.community_funds)
        for street in self.streets:
            self.ledger.endow(street.account, money.street_funds)
        for dept in self.departments:
            self.ledger.endow(
                dept.account, self.cfg.departments.budget * self.population.n / PER_10K
            )

    # 1. arrivals ---------------------------------------------------------------------------
    def _arrivals(self, day: int) -> None:
        rng, cases = self.streams.arrivals, self.cfg.cases
        who = self.population.draw_arrivals(rng, "all", cases.dispute_rate)
        self._new_cases(day, Kind.DISPUTE, who, 0, cases.dispute_effort_hours)
        for k, cat in enumerate(self.categories):
            who = self.population.draw_arrivals(rng, cat.eligible, cat.rate)
            self._new_cases(day, Kind.SERVICE, who, k, cat.effort_hours)

    def _new_cases(self, day: int, kind: Kind, who: np.ndarray, category: int, effort: float):
        n = len(who)
        if n == 0:
            return
        rng, cases, res = self.streams.cases, self.cfg.cases, self.cfg.residents
        pop = self.population
        counts = self.records.by_community(f"{kind.name.lower()}_arisen", len(self.committees))
        np.add.at(counts, pop.community[who], 1)
        np.add.at(pop.open_cases, who, 1)
        if kind == Kind.SERVICE:
            self.records.count(f"service_arisen_{self.category_names[category]}", n)
        self.records.count(f"{kind.name.lower()}_arisen_vulnerable", int(pop.vulnerable[who].sum()))
        # Every case draws the same numbers whatever the policy (common random numbers).
        u_report, u_route = rng.random(n), rng.random(n)
        delay = rng.geometric(1.0 / (1.0 + res.report_delay_days), n) - 1
        threshold = rng.exponential(1.0, n)
        efforts = rng.gamma(EFFORT_SHAPE, effort / EFFORT_SHAPE, n)
        severity0 = np.minimum(rng.uniform(0, 2 * cases.severity_initial, n), 0.999)
        growth = rng.exponential(cases.severity_growth, n)
        u_sessions = rng.random((n, PRESET_SESSIONS))
        u_desk, u_handoff = rng.random(n), rng.random(n)
        reports = u_report < pop.report_probability(who, res.report_base, res.report_slope)
        report_day = np.where(reports, day + delay, NEVER)
        items = []
        for i in range(n):
            item = WorkItem(
                self.registry.new_id(),
                kind,
                int(pop.community[who[i]]),
                day,
                float(efforts[i]),
                cases.deadline_working_days,
                resident=int(who[i]),
                category=category,
                vulnerable=bool(pop.vulnerable[who[i]]),
                u_route=float(u_route[i]),
                u_desk=float(u_desk[i]),
            )
            item.u_handoff = float(u_handoff[i])
            if kind == Kind.DISPUTE:
                item.severity0, item.growth = float(severity0[i]), float(growth[i])
                item.u_sessions = tuple(u_sessions[i].tolist())
                growth_floor = max(item.growth, MIN_GROWTH)
                item.escalate_day = day + int(np.ceil((1.0 - item.severity0) / growth_floor))
                self.escalations[item.escalate_day].append(item)
            items.append(self.registry.arise(item))
        self.hidden.add(items, report_day, threshold, pop.grid[who], self.hazard)

    # 2. discovery ------------------------------------------------------------------------
    def _discover(self, day: int) -> None:
        reported, detected = self.hidden.due(day, self.hazard)
        for state, items in ((State.REPORTED, reported), (State.DETECTED, detected)):
            for item in items:
                self.registry.move(item, state, day)
                self.records.count(f"{item.kind.name.lower()}_{state.name.lower()}")
                self._route(item, day, on_patrol=state == State.DETECTED)

    def _route(self, item: WorkItem, day: int, on_patrol: bool) -> None:
        desk, beyond = self._destination(item, day)
        committee = self.committees[item.community]
        if on_patrol and desk is committee.desk and item.effort <= self.cfg.staff.on_spot_hours:
            # A small case the committee would handle: the grid worker does it on the spot.
            desk = self.grid_workers[int(self.population.grid[item.resident])].desk
        if beyond:
            self._hand_off(item, desk, day)
        else:
            self._queue(item, desk, day)

    def _destination(self, item: WorkItem, day: int) -> tuple[Desk, bool]:
        """Where the committee's counter sends a case, and whether that is beyond the community
        (归口办理: severe disputes to the street, some needs to a department or organization)."""
        committee = self.committees[item.community]
        if (
            item.kind == Kind.SERVICE
            and item.u_route < self.categories[item.category].department_share
        ):
            return self.departments[item.category % len(self.departments)].desk, True
        for lever in self.policies:
            if (desk := lever.route(item, day, self)) is not None:
                return desk, True
        if item.kind == Kind.DISPUTE:
            if item.severity(day) >= self.cfg.cases.street_severity:
                return self.streets[committee.street].desk, True
            return committee.desk, False
        cat = self.categories[item.category]
        orgs = self.orgs_for.get((committee.street, item.category), [])
        if item.u_route < cat.department_share + cat.org_share and orgs:
            return orgs[item.id % len(orgs)].desk, True
        return committee.desk, False

    def _hand_off(self, item: WorkItem, desk: Desk, day: int) -> None:
        """Pass a case upward after the referral delay; some hand-offs get lost on the way and
        arrive only once the resident chases them up (a case is lost at most once)."""
        staff = self.cfg.staff
        delay, loss = staff.referral_delay_days, staff.handoff_loss
        for lever in self.policies:
            delay, loss = lever.handoff_terms(delay, loss)
        if not item.lost_once and item.u_handoff < loss:
            item.lost_once = True
            self.records.count("handoffs_lost")
            delay += staff.lost_retry_days
        arrive = self.calendar.add_working_days(day, delay)
        if arrive == day:
            self._queue(item, desk, day)
        else:
            self.agenda[arrive].append(partial(self._queue, item, desk))

    def _queue(self, item: WorkItem, desk: Desk, day: int) -> None:
        if item.is_open:
            self.registry.move(item, State.QUEUED, day)
            desk.add(item)

    # 3. departments push tasks -----------------------------------------------------------
    def _push_tasks(self, day: int) -> None:
        rng, dep = self.streams.departments, self.cfg.departments
        n_dept, n_comm = len(self.departments), len(self.committees)
        residents = np.array([c.residents for c in self.committees]) / PER_10K
        lam = dep.push_rate * residents / WORKING_DAYS_PER_YEAR / n_dept
        counts = rng.poisson(np.broadcast_to(lam, (n_dept, n_comm)))
        total = int(counts.sum())
        efforts = rng.gamma(EFFORT_SHAPE, dep.task_effort_hours / EFFORT_SHAPE, total)
        u = rng.random((3, total))
        dept_of, comm_of = np.nonzero(counts)
        reps = counts[dept_of, comm_of]
        for i, (d, c) in enumerate(
            zip(np.repeat(dept_of, reps), np.repeat(comm_of, reps), strict=True)
        ):
            task = self.registry.arise(
                WorkItem(
                    self.registry.new_id(),
                    Kind.ADMIN,
                    int(c),
                    day,
                    float(efforts[i]),
                    dep.task_deadline_working_days,
                    category=int(d),
                    u_route=float(u[0, i]),
                    u_bypass=float(u[1, i]),
                    u_desk=float(u[2, i]),
                )
            )
            self.records.count("admin_pushed")
            self._admit(task, day)

    def _admit(self, task: WorkItem, day: int) -> None:
        ruling = next(
            (a for lever in self.policies if (a := lever.admit(task, self)) is not None), None
        )
        if ruling is None:  # no access control: every task walks in
            self._enter(task, day)
        elif ruling.decision == Decision.REFUSE:
            self.records.count("admin_refused")
            self.registry.move(task, State.REFUSED, day)
        elif ruling.decision == Decision.BYPASS:
            self.records.count("admin_bypassed")
            self._enter(task, day)
        else:
            self._approve(task, ruling, day)

    def _approve(self, task: WorkItem, ruling: Admission, day: int) -> None:
        self.records.count("admin_approved")
        enter = self.calendar.add_working_days(day, ruling.delay)
        if enter == day:
            self._enter(task, day)
        else:
            self.agenda[enter].append(partial(self._enter, task))

    def _enter(self, task: WorkItem, day: int) -> None:
        """A task reaches the community: the committee or, for some, a grid worker takes it."""
        committee = self.committees[task.community]
        share = self.cfg.departments.grid_task_share
        desk = committee.desk
        if task.u_desk < share and committee.grid_workers:
            pick = int(task.u_desk / share * len(committee.grid_workers))
            desk = committee.grid_workers[pick].desk
        self.records.count("admin_entered")
        self._queue(task, desk, day)
        for lever in self.policies:
            lever.task_entered(task, committee, self)

    # 4. handling -------------------------------------------------------------------------
    def _serve(self, day: int) -> dict[str, float]:
        """Every handler works its desk; returns committee staff hours (available, on tasks)."""
        grid_cfg, staff = self.cfg.policy.grid, self.cfg.staff
        for worker in self.grid_workers:
            self._work(worker.desk, [worker.shift(grid_cfg, staff)], day)
        available = admin = 0.0
        for committee in self.committees:
            # Bought and volunteer hours go first: they take what they can, staff do the rest.
            extra = [*self._extra_shifts(committee), self._volunteer_shift(committee)]
            self._work(committee.desk, extra, day)
            own_shifts = committee.shifts(staff, day)
            own = self._work(committee.desk, own_shifts, day)
            available += sum(s.hours for s in own_shifts)
            admin += own[Kind.ADMIN]
            self.records.count("paid_help_hours", sum(s.used for s in extra if s.paid))
            self.volunteer_hours_today[committee.index] = extra[-1].used
        self.records.count("volunteer_hours", sum(self.volunteer_hours_today.values()))
        for handler in (*self.social_orgs, *self.streets, *self.departments):
            # Paid (contracted) hours first: the organization is paid only for hours it uses.
            self._work(handler.desk, self._extra_shifts(handler) + handler.shifts(), day)
        self.records.count("staff_hours", available)
        self.records.count("staff_admin_hours", admin)
        return {"available": available, "admin": admin}

    def _extra_shifts(self, handler) -> list[Shift]:
        return [s for lever in self.policies for s in lever.extra_shifts(handler, self)]

    def _volunteer_shift(self, committee: Committee) -> Shift:
        """Residents' volunteer hours today (志愿服务): small service needs only."""
        res = self.cfg.residents
        uplift = float(np.prod([lever.volunteer_uplift() for lever in self.policies]))
        people = self.population.volunteers(committee.index, res.volunteer_share) * uplift
        hours = people * res.volunteer_hours / WORKING_DAYS_PER_YEAR
        return Shift(hours, kinds=(Kind.SERVICE,), max_effort=res.volunteer_max_effort)

    def _work(self, desk: Desk, shifts: list[Shift], day: int) -> dict[Kind, float]:
        return desk.serve(
            day,
            shifts,
            lambda item: self._start(item, day),
            lambda item, shift: self._finish(item, shift, desk, day),
        )

    def _start(self, item: WorkItem, day: int) -> None:
        if item.state == State.QUEUED:
            self.registry.move(item, State.IN_PROGRESS, day)

    def _finish(self, item: WorkItem, shift: Shift, desk: Desk, day: int) -> None:
        if item.kind == Kind.DISPUTE and not self._mediated(item, shift, day):
            return
        if item.kind == Kind.SERVICE and not self._served_properly(item, shift, day):
            return
        item.level = desk.level
        self.registry.move(item, State.RESOLVED, day)

    def _mediated(self, item: WorkItem, shift: Shift, day: int) -> bool:
        # Mediation is harder the more a dispute has grown (从苗头抓起, seed 002).
        fresh = 1.0 - self.cfg.cases.severity_initial
        chance = shift.success * min(1.0, (1.0 - item.severity(day)) / fresh)
        if self._session_draw(item) < chance:
            return True
        # Another session later, at whichever desk its severity now calls for; it waits its
        # turn at the back of that queue. Unlike a first referral there is no hand-off delay:
        # the case file is already with the committee.
        self._requeue(
            item, self._destination(item, day)[0], self.cfg.cases.dispute_effort_hours, day
        )
        return False

    def _served_properly(self, item: WorkItem, shift: Shift, day: int) -> bool:
        """An organization's work resolves the need only with its quality; otherwise the case
        goes back to the committee (and counts against the organization's evaluation)."""
        properly = shift.quality >= 1.0 or self.streams.handling.random() < shift.quality
        if shift.owner is not None and hasattr(shift.owner, "record"):
            waited = self.calendar.working_days_between(item.known, day)
            shift.owner.record(properly, waited <= item.deadline_days)
        if not properly:
            self.records.count("service_not_properly_resolved")
            effort = self.categories[item.category].effort_hours
            self._requeue(item, self.committees[item.community].desk, effort, day)
        return properly

    def _requeue(self, item: WorkItem, desk: Desk, effort: float, day: int) -> None:
        item.effort = effort
        self.registry.move(item, State.QUEUED, day)
        desk.add(item)

    def _session_draw(self, item: WorkItem) -> float:
        """The item's own pre-drawn uniform for this session (common random numbers), then the
        handling stream once those run out."""
        k = item.sessions
        item.sessions += 1
        return item.u_sessions[k] if k < len(item.u_sessions) else self.streams.handling.random()

    def _escalate(self, day: int) -> None:
        """Disputes still unresolved when their severity reaches 1 become petitions (信访)."""
        for item in self.escalations.pop(day, []):
            if item.is_open:
                self.registry.move(item, State.ESCALATED, day)

    # 6. learning and records ---------------------------------------------------------------
    def _learn(self) -> None:
        res = self.cfg.residents
        for item in self.registry.ended_today:
            if item.resident >= 0:
                self.population.open_cases[item.resident] -= 1
            resolved = item.state == State.RESOLVED
            waited = self.calendar.working_days_between(item.known, item.ended)
            on_time = resolved and item.known >= 0 and waited <= item.deadline_days
            self.records.end(item, on_time)
            if item.resident >= 0:
                score = 1.0 if on_time else (res.late_score if resolved else 0.0)
                self.population.learn(item.resident, score, res.satisfaction_rate, res.trust_rate)
        self.registry.ended_today.clear()

    def _record_day(self, day: int, staff_hours: dict[str, float] | None) -> None:
        staff_hours = staff_hours or {"available": 0.0, "admin": 0.0}
        burden = np.nan
        if staff_hours["available"] > 0:
            burden = staff_hours["admin"] / staff_hours["available"]
        c = self.records.counters
        self.records.daily.append(
            {
                "day": day,
                "working_day": int(self.calendar.working(day)),
                "open_disputes": self.registry.open(Kind.DISPUTE),
                "open_services": self.registry.open(Kind.SERVICE),
                "open_admin": self.registry.open(Kind.ADMIN),
                "hidden_cases": int(
                    self.registry.counts[[Kind.DISPUTE, Kind.SERVICE], State.ARISEN].sum()
                ),
                "admin_burden_share": burden,
                "mean_satisfaction": self.population.mean_satisfaction,
                "mean_trust": self.population.mean_trust,
                "staff_hours": staff_hours["available"],
                "staff_admin_hours": staff_hours["admin"],
                "disputes_arisen_total": self.registry.arisen(Kind.DISPUTE),
                "services_arisen_total": self.registry.arisen(Kind.SERVICE),
                "disputes_known_total": c["dispute_reported"] + c["dispute_detected"],
            }
        )

    # -------------------------------------------------------------------------------- run
    def run(self, days: int | None = None, progress: Callable[[int], None] | None = None):
        for _ in range(self.cfg.days if days is None else days):
            self.step()
            if progress:
                progress(self.day)
        return self.metrics()

    def metrics(self) -> dict[str, float]:
        return metrics.compute(self)
