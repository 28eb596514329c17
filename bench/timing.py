"""Timing side by side: each operation's variants under wrk, in a rotating order."""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from bench.machine import load_average
from bench.operations import Operation
from bench.results import OperationResults
from bench.servers import Server, Target, wait_idle
from bench.wrk import CONNECTIONS, run_wrk

# A run lasts at least --seconds, and long enough for each connection to see one of the
# slowest single request (they queue behind each other), up to MAX_RUN_SECONDS: the
# dashboard takes seconds. A run that still ends with fewer answers than connections is
# run again, twice as long. `make bench` must stay well under 15 minutes on two cores.
MAX_RUN_SECONDS = 12.0
# Slower than this, the check's own requests were the warm-up.
WARM_AFTER_CHECK_SECONDS = 0.2


@contextmanager
def running(servers: list[Server]) -> Iterator[dict[str, Server]]:
    with ExitStack() as stack:
        for server in servers:
            stack.callback(server.stop)
            server.start()
        yield {server.name: server for server in servers}


def time_operations(
    operations: list[Operation],
    targets: dict[str, Target],
    slowest: dict[str, float],
    token: str,
    *,
    repetitions: int,
    seconds: float,
    warmup: float,
    max_run_seconds: float = MAX_RUN_SECONDS,
    timeout: float = 60.0,
    connections: int = CONNECTIONS,
) -> list[OperationResults]:
    results = [OperationResults(operation) for operation in operations]
    for repetition in range(repetitions):
        print(f"  repetition {repetition + 1} of {repetitions} (load {load_average()})", flush=True)
        for result in results:
            operation = result.operation
            slow = slowest[operation.name]
            duration = min(max(seconds, connections * slow), max_run_seconds)
            variants = operation.variants
            # Side by side, in a rotating order: drift and noise hit every variant alike.
            shift = repetition % len(variants)
            for variant in variants[shift:] + variants[:shift]:
                requests = operation.requests[variant]
                target = targets[variant]
                if slow < WARM_AFTER_CHECK_SECONDS:
                    run_wrk(
                        target.url,
                        requests,
                        token=token,
                        seconds=warmup,
                        timeout=timeout,
                        connections=connections,
                    )
                    wait_idle(target)
                measured = run_wrk(
                    target.url,
                    requests,
                    token=token,
                    seconds=duration,
                    timeout=timeout,
                    connections=connections,
                )
                wait_idle(target)
                longer = duration
                while measured.requests < connections and longer < 2 * max_run_seconds:
                    longer *= 2
                    measured = run_wrk(
                        target.url,
                        requests,
                        token=token,
                        seconds=longer,
                        timeout=timeout,
                        connections=connections,
                    )
                    wait_idle(target)
                if measured.requests < connections:
                    raise RuntimeError(f"{operation.name} on {variant}: too slow to measure")
                if measured.failures:
                    raise RuntimeError(f"{operation.name} on {variant}: {measured.failures} failed")
                result.add(variant, measured)
                print(
                    f"    {operation.name:<22} {variant:<7} "
                    f"{measured.requests_per_second / operation.per_operation:8.1f} op/s"
                    f"  p50 {measured.p50_ms:8.1f} ms  p99 {measured.p99_ms:8.1f} ms"
                    f"  ({measured.requests} requests in {measured.seconds:.0f} s)",
                    flush=True,
                )
    return results
