"""Before any timing: every variant must answer every request with roster's very JSON."""

import time
import urllib.request
from typing import Any

import orjson

from bench.operations import ROSTER, HttpRequest, Operation


class Mismatch(Exception):
    pass


def fetch(base_url: str, request: HttpRequest, token: str) -> dict[str, Any]:
    """The decoded JSON answer; refuses non-200 answers and GraphQL errors."""
    http_request = urllib.request.Request(
        base_url + request.path,
        data=request.body,
        method=request.method,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        },
    )
    with urllib.request.urlopen(http_request, timeout=120) as answer:
        body = orjson.loads(answer.read())
    if body.get("errors") or "data" not in body:
        raise Mismatch(f"{base_url}{request.path}: errors {body.get('errors')}")
    return body


def normalized(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _first_difference(expected: Any, actual: Any, path: str = "") -> str:
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            if key not in expected or key not in actual:
                return f"{path}.{key}: only in {'roster' if key in expected else 'the baseline'}"
            if normalized(expected[key]) != normalized(actual[key]):
                return _first_difference(expected[key], actual[key], f"{path}.{key}")
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{path}: {len(expected)} items in roster, {len(actual)} in the baseline"
        for index, (left, right) in enumerate(zip(expected, actual, strict=True)):
            if normalized(left) != normalized(right):
                return _first_difference(left, right, f"{path}[{index}]")
    return f"{path}: roster {str(expected)[:200]!r} != baseline {str(actual)[:200]!r}"


def _timed_fetch(base_url: str, request: HttpRequest, token: str) -> tuple[dict[str, Any], float]:
    started = time.perf_counter()
    answer = fetch(base_url, request, token)
    return answer, time.perf_counter() - started


def check_same_data(operation: Operation, urls: dict[str, str], token: str) -> float:
    """Raises Mismatch unless each variant's answers equal roster's, key order aside.

    Returns the slowest single request seen, in seconds (it sizes the timed runs)."""
    slowest = 0.0
    expected = []
    for request in operation.requests[ROSTER]:
        answer, seconds = _timed_fetch(urls[ROSTER], request, token)
        expected.append(answer)
        slowest = max(slowest, seconds)
    for variant, requests in operation.requests.items():
        if variant == ROSTER:
            continue
        for index, request in enumerate(requests):
            actual, seconds = _timed_fetch(urls[variant], request, token)
            slowest = max(slowest, seconds)
            if normalized(actual) != normalized(expected[index]):
                where = _first_difference(expected[index], actual)
                raise Mismatch(f"{operation.name}, {variant}, request {index + 1}: {where}")
    return slowest
