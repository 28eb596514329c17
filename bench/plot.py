"""The users page plot: roster/raw (and naive/raw) against list size."""

from pathlib import Path

from bench.operations import NAIVE, RAW, ROSTER
from bench.results import OperationResults

TARGET = 0.5


def plot_users(results: list[OperationResults], path: Path) -> bool:
    """Writes the PNG; False when matplotlib (the `bench` extra) is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    users = sorted(
        (result for result in results if result.operation.name.startswith("users-")),
        key=lambda result: result.operation.items,
    )
    sizes = [result.operation.items for result in users]
    raw = [result.summary(RAW)["operations_per_second"] for result in users]
    figure, axes = plt.subplots(figsize=(7, 4.2), dpi=120)
    axes.plot(sizes, [result.ratio(RAW) or 0.0 for result in users], "o-", label="roster / raw")
    naive = [result.summary(NAIVE)["operations_per_second"] for result in users]
    axes.plot(sizes, [n / r for n, r in zip(naive, raw, strict=True)], "s--", label="naive / raw")
    axes.axhline(TARGET, color="grey", linestyle=":", label=f"target {TARGET:g}")
    axes.set_xscale("log")
    axes.set_xticks(sizes, [str(size) for size in sizes])
    axes.set_ylim(0, 1.05)
    axes.set_xlabel("users in the list (1000 = 10 pages of 100)")
    axes.set_ylabel("throughput, fraction of raw SQL + orjson")
    axes.set_title(f"Users page, every field of the five subgraphs ({ROSTER} 1 worker)")
    axes.grid(True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return True
