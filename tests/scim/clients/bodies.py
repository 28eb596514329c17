"""The documents' request bodies with the ids roster gave in place of the documents' ids."""

import json
from typing import Any


def with_ids(body: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    """``body`` with every occurrence of each key of ``ids`` replaced by its value, in
    values and inside strings (a ``members[value eq "..."]`` path)."""
    text = json.dumps(body)
    for document_id, roster_id in ids.items():
        text = text.replace(document_id, roster_id)
    result: dict[str, Any] = json.loads(text)
    return result
