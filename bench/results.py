"""Repetitions folded into medians, and the ratios between variants."""

from dataclasses import dataclass, field
from statistics import median

from bench.operations import NAIVE, RAW, ROSTER, Operation
from bench.wrk import WrkResult


@dataclass
class OperationResults:
    operation: Operation
    runs: dict[str, list[WrkResult]] = field(default_factory=dict)

    def add(self, variant: str, result: WrkResult) -> None:
        self.runs.setdefault(variant, []).append(result)

    def per_second(self, variant: str) -> list[float]:
        """Operations per second of each repetition (a users list of 1000 is 10 requests)."""
        per = self.operation.per_operation
        return [run.requests_per_second / per for run in self.runs[variant]]

    def summary(self, variant: str) -> dict[str, float]:
        runs = self.runs[variant]
        return {
            "operations_per_second": median(self.per_second(variant)),
            "requests_per_second": median(run.requests_per_second for run in runs),
            "p50_ms": median(run.p50_ms for run in runs),
            "p99_ms": median(run.p99_ms for run in runs),
            "requests": sum(run.requests for run in runs),
        }

    def ratio(self, over: str) -> float | None:
        """Median over repetitions of roster's rate / ``over``'s rate, measured side by side."""
        if ROSTER not in self.runs or over not in self.runs:
            return None
        pairs = zip(self.per_second(ROSTER), self.per_second(over), strict=True)
        return median(mine / theirs for mine, theirs in pairs)

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.operation.name,
            "title": self.operation.title,
            "items": self.operation.items,
            "requests_per_operation": self.operation.per_operation,
            "variants": {variant: self.summary(variant) for variant in self.runs},
            "repetitions": {
                variant: [
                    {
                        "requests": run.requests,
                        "seconds": round(run.seconds, 3),
                        "requests_per_second": round(run.requests_per_second, 2),
                        "counted_per_second": round(run.counted_per_second, 2),
                        "mean_ms": run.mean_ms,
                        "p50_ms": run.p50_ms,
                        "p99_ms": run.p99_ms,
                    }
                    for run in runs
                ]
                for variant, runs in self.runs.items()
            },
            "roster_over_raw": self.ratio(RAW),
            "roster_over_naive": self.ratio(NAIVE),
        }
