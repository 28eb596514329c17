"""Log lines for a terminal (development): time, level, then either a request's aligned
columns, a status change, or a logger's message; a traceback on the lines below."""

import logging
from typing import Any

REQUEST = "request"
STATUS_CHANGE = "status_change"


def _or_dash(value: object) -> str:
    return "-" if value is None else str(value)


def request_text(fields: dict[str, Any]) -> str:
    """``200 query        Users    api/http   12.3 ms   4 sql tenant=1 id=...``: the
    columns line up from one request to the next."""
    codes = fields.get("error_codes") or []
    place = f"{fields.get('endpoint')}/{fields.get('transport')}"
    text = (
        f"{_or_dash(fields.get('status')):>3} "
        f"{_or_dash(fields.get('operation_type')):<12} "
        f"{_or_dash(fields.get('operation_name')):<28} "
        f"{place:<22} "
        f"{float(fields.get('duration_ms') or 0):>9.1f} ms "
        f"{int(fields.get('statements') or 0):>4} sql  "
        f"tenant={_or_dash(fields.get('tenant_id')):<6} "
        f"id={fields.get('request_id')}"
    )
    return text + (f"  errors={','.join(codes)}" if codes else "")


def status_change_text(fields: dict[str, Any]) -> str:
    """``status user=12 -> inactive by admin: changed (dry run)``, with the request's id."""
    text = (
        f"status user={fields.get('user_id')} tenant={fields.get('tenant_id')} "
        f"-> {fields.get('target')} by {fields.get('actor_kind')}: {fields.get('outcome')}"
    )
    if fields.get("refusal_code"):
        text += f" ({fields['refusal_code']})"
    if fields.get("dry_run"):
        text += " (dry run)"
    return text + f"  id={_or_dash(fields.get('request_id'))}"


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__(datefmt="%Y-%m-%d %H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        fields = record.__dict__
        event = fields.get("event")
        if event == REQUEST:
            body = request_text(fields)
        elif event == STATUS_CHANGE:
            body = status_change_text(fields)
        else:
            body = f"{record.name}: {record.getMessage()}"
            if fields.get("request_id"):
                body += f"  id={fields['request_id']}"
        line = f"{self.formatTime(record, self.datefmt)}.{int(record.msecs):03d} "
        line += f"{record.levelname:<7} {body}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        if record.stack_info:
            line += "\n" + self.formatStack(record.stack_info)
        return line
