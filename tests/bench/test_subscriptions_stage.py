"""The subscriptions stage measures what it says: every open subscription gets every
change once, and the report shows each row against its baseline."""

from pathlib import Path

from bench.delays import Delays
from bench.subscriptions import delays_of, embedded
from bench.subscriptions_report import END, START, section


async def test_every_subscription_is_timed_for_every_change(tmp_path: Path):
    delays = await embedded(tmp_path / "embedded.db", count=3, changes=4)
    assert len(delays.samples) == 12
    assert all(0 <= delay < 20 for delay in delays.samples)


def test_delays_pair_each_arrival_with_its_commit():
    delays = delays_of([[(7, 1.5), (8, 2.25)], [(7, 1.25)]], {7: 1.0, 8: 2.0})
    assert sorted(delays.samples) == [0.25, 0.25, 0.5]
    assert Delays([0.001, 0.002, 0.003]).as_json()["p50_ms"] == 2.0


def test_the_section_sets_each_row_against_its_baseline():
    row = {
        "subscriptions": 100,
        "roster": {"p50_ms": 0.5, "p99_ms": 2.0},
        "baseline": {"p50_ms": 0.25, "p99_ms": 0.5},
    }
    lines = section(
        {
            "changes": 20,
            "embedded": [row],
            "postgres": [row],
            "memory_bytes_per_subscription": 5000,
            "memory_subscriptions": 10_000,
            "load_average": {"before": "1.00", "after": "2.00"},
            "total_seconds": 9.0,
        },
        machine={"cpus": 2, "cpu": "x", "python": "3.11"},
        measured_at="2026-12-03T15:00:00+00:00",
    )
    assert (lines[0], lines[-1]) == (START, END)
    assert lines.count("| 100 | 0.50 / 2.00 | 0.25 / 0.50 | 2.0 | 4.0 |") == 2
    assert "**5,000 bytes**" in "\n".join(lines)
