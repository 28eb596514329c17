"""Case-insensitive search for any script: the case-folded columns, kept by every write.

SQLite's ``lower()`` and ``LIKE`` fold ASCII only, and PostgreSQL's follow the
database's ctype (the C locale folds ASCII only too). So searches compare columns
folded here, in Python, the same on both backends: ``display_name_folded`` and
``email_folded`` hold ``fold(display_name)`` and ``fold(email)`` (``user_name_folded``
and ``user_groups.name_folded`` likewise: see ``FOLDED``).

They are kept right by one listener on every engine, not by each writer: any INSERT
or UPDATE of ``users`` that writes ``display_name`` or ``email``, or of ``user_groups``
that writes ``name`` (ORM flush, Core statement, bulk executemany alike) gets their
folded forms added. A write the listener
cannot fold (a SQL expression as the new name, say) is refused with TypeError rather
than left stale. Raw SQL text is outside it: write the columns there yourself.

``fold`` is Unicode full case folding (``str.casefold``) between NFC normalizations:
"ÅNGSTRÖM" finds "Ångström", "STRASSE" finds "Straße", a decomposed "é" finds a
composed one. It is locale-independent: Turkish dotted and dotless i fold as in
English ("İ" becomes "i" plus a combining dot, "I" becomes "i", dotless i stays).
Kana, kanji and emoji have no case and match as typed.
"""

import unicodedata
from collections.abc import Mapping
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.dml import Insert, Update
from sqlalchemy.sql.elements import BindParameter, Null

# Each table's folded columns: source column -> its folded form.
FOLDED = {
    "users": {
        "display_name": "display_name_folded",
        "email": "email_folded",
        "user_name": "user_name_folded",
    },
    # Group names are unique per tenant case-insensitively; SCIM filters compare them so.
    "user_groups": {"name": "name_folded"},
}
NULLABLE_COLUMNS = {"user_name"}


def fold(text: str) -> str:
    """The form a search compares: NFC, full case folding, NFC again."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def _folded(value: str | None) -> str | None:
    # Only a column that may be empty (user_name) is ever written as None; so is its fold.
    return None if value is None else fold(value)


def _folded_parameters(
    parameters: Mapping[str, Any], columns: Mapping[str, str]
) -> Mapping[str, Any]:
    folded = {
        target: _folded(parameters[source])
        for source, target in columns.items()
        if source in parameters and isinstance(parameters[source], str | None)
    }
    return {**parameters, **folded} if folded else parameters


def _folded_values(statement: Insert | Update, columns: Mapping[str, str]) -> Insert | Update:
    """``statement`` with the folded columns of the names and emails its ``values()`` set."""
    if statement._multi_values:
        for rows in statement._multi_values:
            for row in rows:
                if isinstance(row, Mapping) and any(_key(key) in columns for key in row):
                    raise TypeError(
                        f"multi-row values() on {statement.table}: pass the rows as execute "
                        "parameters so that their search columns are folded"
                    )
    folded: dict[str, str | None] = {}
    for key, value in (statement._values or {}).items():
        target = columns.get(_key(key))
        if target is None:
            continue
        if isinstance(value, Null) and _key(key) in NULLABLE_COLUMNS:
            folded[target] = None
            continue
        if not isinstance(value, BindParameter) or not isinstance(value.value, str | None):
            raise TypeError(
                f"{statement.table}.{_key(key)} must be written as a string, so that {target} is"
            )
        folded[target] = _folded(value.value)
    return statement.values(**folded) if folded else statement


def _key(column: Any) -> str:
    return column if isinstance(column, str) else str(column.key)


@event.listens_for(Engine, "before_execute", retval=True)
def _keep_folded_columns(
    connection: Connection,
    statement: Any,
    multiparams: list[Mapping[str, Any]],
    params: Mapping[str, Any],
    execution_options: Any,
) -> tuple[Any, list[Mapping[str, Any]], Mapping[str, Any]]:
    if not isinstance(statement, Insert | Update):
        return statement, multiparams, params
    columns = FOLDED.get(getattr(statement.table, "name", None) or "")
    if columns is None:
        return statement, multiparams, params
    statement = _folded_values(statement, columns)
    if multiparams:
        multiparams = [_folded_parameters(row, columns) for row in multiparams]
    elif params:
        params = _folded_parameters(params, columns)
    return statement, multiparams, params
