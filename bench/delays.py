"""A set of delays, and its quantiles."""

import statistics
from dataclasses import dataclass, field


@dataclass
class Delays:
    """Delays in seconds, one per (subscription, change)."""

    samples: list[float] = field(default_factory=list)

    def quantile(self, q: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def as_json(self) -> dict[str, float | int]:
        return {
            "p50_ms": round(self.quantile(0.50) * 1000, 3),
            "p99_ms": round(self.quantile(0.99) * 1000, 3),
            "mean_ms": round(statistics.fmean(self.samples) * 1000, 3),
            "samples": len(self.samples),
        }
