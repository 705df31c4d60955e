"""Government purchase of services (政府购买服务; 三社联动, seed 003).

Each street gets a yearly budget and contracts, per service category its organizations serve, the
cheapest organization (competitive bidding: quality is not known in advance). The committee sends
`contracted_share` of that category's needs to the contractor, which works its contracted hours
(paid per hour used, so unspent money stays in the street's purchase account). Every
`evaluation_days` each contract is evaluated on performance (绩效评价): properly resolved share ×
on-time share. Below `renewal_threshold` it moves to the cheapest organization not yet tried; if
none is left, the street incubates a new one (公益创投) when it can pay `incubation_cost`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.agents import SocialOrganization
from sim.config import PurchaseOfServicesConfig
from sim.handling import Shift
from sim.policies.base import Policy
from sim.workitems import Kind

DAYS_PER_YEAR = 365
WORKING_DAYS_PER_YEAR = DAYS_PER_YEAR * 5 / 7


@dataclass
class Contract:
    street: int
    category: int
    org: SocialOrganization
    tried: set[int] = field(default_factory=set)
    shift: Shift | None = None  # today's contracted hours, once offered


class PurchaseOfServices(Policy):
    name = "purchase_of_services"
    cfg: PurchaseOfServicesConfig

    def __init__(self, cfg: PurchaseOfServicesConfig) -> None:
        super().__init__(cfg)
        self.contracts: dict[tuple[int, int], Contract] = {}
        self.next_evaluation = 0
        self.year_endowed = -1  # the last year whose budget has arrived

    @staticmethod
    def account(street: int) -> str:
        return f"street:{street}:purchase"

    def _street_budget(self, model, street: int) -> float:
        people = sum(c.residents for c in model.committees if c.street == street)
        return self.cfg.budget_per_10k * people / 10_000

    def setup(self, model) -> None:
        for (street, category), orgs in sorted(model.orgs_for.items()):
            org = min(orgs, key=lambda o: (o.price, o.index))
            self.contracts[(street, category)] = Contract(street, category, org, {org.index})
        self.next_evaluation = model.day + self.cfg.evaluation_days
        # This year's budget (pro rata when switched on mid-year); later years in `on_day`.
        self._endow(model, 1 - (model.day % DAYS_PER_YEAR) / DAYS_PER_YEAR)

    def _endow(self, model, share: float) -> None:
        self.year_endowed = model.day // DAYS_PER_YEAR
        for street in {c.street for c in self.contracts.values()}:
            model.ledger.endow(self.account(street), self._street_budget(model, street) * share)

    def on_day(self, model, day: int) -> None:
        if day // DAYS_PER_YEAR > self.year_endowed:
            self._endow(model, 1.0)
        if day >= self.next_evaluation:
            self._evaluate(model)
            self.next_evaluation += self.cfg.evaluation_days

    def route(self, item, day, model):
        if item.kind != Kind.SERVICE:
            return None
        street = model.committees[item.community].street
        contract = self.contracts.get((street, item.category))
        if contract is None or item.u_desk >= self.cfg.contracted_share:
            return None
        return contract.org.desk

    def extra_shifts(self, handler, model) -> list[Shift]:
        shifts = []
        for contract in self.contracts.values():
            if contract.org is not handler:
                continue
            n_contracts = sum(c.street == contract.street for c in self.contracts.values())
            yearly = self._street_budget(model, contract.street) / n_contracts
            hours = min(
                yearly / contract.org.price / WORKING_DAYS_PER_YEAR,
                model.cfg.staff.org_contract_hours,
                model.ledger.balance(self.account(contract.street)) / contract.org.price,
            )
            if hours > 0:
                contract.shift = Shift(
                    hours, kinds=(Kind.SERVICE,), paid=True, quality=handler.quality, owner=handler
                )
                shifts.append(contract.shift)
        return shifts

    def settle(self, model) -> None:
        for contract in self.contracts.values():
            if contract.shift is not None:
                pay = contract.shift.used * contract.org.price
                model.ledger.transfer(
                    self.account(contract.street), contract.org.account, pay, "contract_payment"
                )
                contract.shift = None

    def _evaluate(self, model) -> None:
        for contract in self.contracts.values():
            score = contract.org.performance()
            if score is not None and score < self.cfg.renewal_threshold:
                self._replace(model, contract)
        for org in model.social_orgs:
            org.reset_record()

    def _replace(self, model, contract: Contract) -> None:
        candidates = [
            o
            for o in model.orgs_for[(contract.street, contract.category)]
            if o.index not in contract.tried
        ]
        if not candidates:
            account = self.account(contract.street)
            if model.ledger.balance(account) < self.cfg.incubation_cost:
                return  # cannot afford a new organization: keep the contract
            model.ledger.transfer(account, "incubation", self.cfg.incubation_cost, "incubation")
            home = next(c for c in model.committees if c.street == contract.street)
            candidates = [model.add_social_org(home, contract.category)]
            model.records.count("orgs_incubated")
        org = min(candidates, key=lambda o: (o.price, o.index))
        contract.org = org
        contract.tried.add(org.index)
        model.records.count("contracts_moved")
