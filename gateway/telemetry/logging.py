"""Where a process's log lines go, and in which format: set up once per process
(``roster serve`` and each of its workers, ``roster worker``).

One handler on the root logger writes every line of the process (roster's, Strawberry's,
uvicorn's) to stderr in one format: JSON, one object a line, for a log pipeline
(production's default), or aligned text for a terminal (development's). Each line
written while a request is answered carries its ``request_id``.
"""

import logging
import sys
from typing import IO

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.orjson import OrjsonFormatter

from gateway.settings import Settings
from gateway.telemetry.log_text import TextFormatter
from gateway.telemetry.request_context import current_request_id

# uvicorn's own lines; its access log repeats what roster's request line says better.
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error")
UVICORN_ACCESS = "uvicorn.access"
# LogRecord attributes that are no field of a JSON line (uvicorn adds a coloured copy of
# its message; Python 3.12 the task's name).
_NOT_FIELDS = [*RESERVED_ATTRS, "color_message", "taskName"]

_installed: logging.Handler | None = None


class RequestIdFilter(logging.Filter):
    """Gives each line written on a request's behalf that request's id (a line that names
    its request already, the request line itself, keeps its own)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            request_id = current_request_id()
            if request_id is not None:
                record.request_id = request_id
        return True


def json_formatter() -> logging.Formatter:
    # orjson is roster's JSON encoder already; python-json-logger names the fields.
    return OrjsonFormatter(
        "{levelname}{name}{message}",
        style="{",
        rename_fields={"levelname": "level", "name": "logger", "exc_info": "traceback"},
        reserved_attrs=_NOT_FIELDS,
        timestamp=True,
    )


def configure_logging(settings: Settings, stream: IO[str] | None = None) -> logging.Handler:
    """Write the process's log lines to ``stream`` (stderr) in ``ROSTER_LOG_FORMAT``, from
    ``ROSTER_LOG_LEVEL`` up. Called again, it replaces the handler it installed before."""
    global _installed
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    use_json = settings.log_format_in_effect == "json"
    handler.setFormatter(json_formatter() if use_json else TextFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    if _installed is not None:
        root.removeHandler(_installed)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    _installed = handler
    for name in UVICORN_LOGGERS:
        # uvicorn's own configuration (when it ran one) gave these handlers of their own.
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
    access = logging.getLogger(UVICORN_ACCESS)
    access.handlers.clear()
    access.propagate = False
    access.disabled = True
    return handler


def remove_logging() -> None:
    """Take out the handler ``configure_logging`` installed (tests)."""
    global _installed
    if _installed is not None:
        logging.getLogger().removeHandler(_installed)
        _installed = None
    logging.getLogger(UVICORN_ACCESS).disabled = False
