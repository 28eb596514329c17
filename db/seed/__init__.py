"""Demo data: ``seed_demo`` fills the acme and globex tenants, deterministically and once."""

from db.seed.demo import DEFAULT_SEED, seed_demo
from db.seed.report import SeedReport

__all__ = ["DEFAULT_SEED", "SeedReport", "seed_demo"]
