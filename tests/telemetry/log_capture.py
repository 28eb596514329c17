"""The process's log as ``roster serve`` sets it up, written to a buffer the test reads."""

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

import orjson

from gateway.settings import Settings
from gateway.telemetry.logging import configure_logging, remove_logging


@dataclass
class CapturedLog:
    buffer: io.StringIO

    def text(self) -> str:
        return self.buffer.getvalue()

    def lines(self) -> list[dict[str, Any]]:
        """Each line of a JSON log, parsed (every line must be one JSON object)."""
        return [orjson.loads(line) for line in self.text().splitlines()]

    def events(self, event: str) -> list[dict[str, Any]]:
        return [line for line in self.lines() if line.get("event") == event]

    def errors(self) -> list[dict[str, Any]]:
        return [line for line in self.lines() if line["level"] == "ERROR"]


@contextmanager
def captured_log(log_format: Literal["json", "text"] = "json") -> Iterator[CapturedLog]:
    root = logging.getLogger()
    level = root.level
    buffer = io.StringIO()
    configure_logging(Settings(log_format=log_format, log_level="INFO"), buffer)
    try:
        yield CapturedLog(buffer)
    finally:
        remove_logging()
        root.setLevel(level)
