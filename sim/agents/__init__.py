"""The actors of the street–community system, one module each."""

from sim.agents.committee import Committee, CommunityWorker
from sim.agents.department import Department
from sim.agents.grid_worker import GridWorker
from sim.agents.resident import Resident, ResidentPopulation
from sim.agents.social_org import SocialOrganization
from sim.agents.street_office import StreetOffice

__all__ = [
    "Committee",
    "CommunityWorker",
    "Department",
    "GridWorker",
    "Resident",
    "ResidentPopulation",
    "SocialOrganization",
    "StreetOffice",
]
