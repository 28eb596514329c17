"""Mention autocomplete: who the comment box suggests for a typed fragment."""

from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    Row,
    Select,
    String,
    bindparam,
    or_,
    select,
)

from db.folding import fold
from db.models import User
from resolvers.parameters import TENANT_ID
from resolvers.reader import Reader
from resolvers.visibility import listed_users

_users = User.__table__  # type: ignore[attr-defined]


_ESCAPE = "/"


@cache
def _statement(with_fragment: bool) -> Select[Any]:
    """Built once for each shape: what a keystroke sends must not rebuild it."""
    conditions: list[ColumnElement[bool]] = [
        _users.c.tenant_id == TENANT_ID,
        listed_users("mentionable"),
    ]
    if with_fragment:
        fragment: BindParameter[str] = bindparam("fragment", type_=String)
        # The fragment comes folded (see mention_suggestions): any script, any case.
        conditions.append(
            or_(
                _users.c.display_name_folded.contains(fragment, escape=_ESCAPE),
                _users.c.email_folded.contains(fragment, escape=_ESCAPE),
            )
        )
    return (
        select(_users)
        .where(*conditions)
        .order_by(_users.c.display_name, _users.c.id)
        .limit(bindparam("first", type_=Integer))
    )


def _escaped(fragment: str) -> str:
    """``fragment`` matched literally by LIKE (what ``autoescape=True`` does to a literal)."""
    escaped = fragment.replace(_ESCAPE, _ESCAPE + _ESCAPE)
    return escaped.replace("%", _ESCAPE + "%").replace("_", _ESCAPE + "_")


async def mention_suggestions(
    reader: Reader, *, tenant_id: int, query: str, first: int
) -> list[Row[Any]]:
    """Users ``mentionable`` shows whose display name or email contains ``query``, by name."""
    fragment = query.strip()
    parameters: dict[str, Any] = {"tenant_id": tenant_id, "first": first}
    if fragment:
        parameters["fragment"] = _escaped(fold(fragment))
    return list(await reader.rows(_statement(bool(fragment)), parameters))
