"""A unique constraint lost to a concurrent writer is told apart by its column, on each
backend, whatever the values say."""

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from db.models import User
from db.types import utcnow
from resolvers.people.checks import is_email_conflict, is_user_name_conflict
from tests.factories import make_tenant

_users = User.__table__  # type: ignore[attr-defined]


async def _conflict(database, first: dict, second: dict) -> IntegrityError:
    acme = await make_tenant(database)
    row = {
        "tenant_id": acme.id,
        "display_name": "X",
        "role": "MEMBER",
        "status": "ACTIVE",
        "created_at": utcnow(),
    }
    async with database.write_sessions() as session, session.begin():
        await session.execute(insert(_users).values(**row, **first))
    with pytest.raises(IntegrityError) as raised:
        async with database.write_sessions() as session, session.begin():
            await session.execute(insert(_users).values(**row, **second))
    return raised.value


async def test_a_taken_user_name_is_a_user_name_conflict_even_if_it_says_email(database):
    error = await _conflict(
        database,
        {"email": "a@acme.example", "user_name": "email@acme.example"},
        {"email": "b@acme.example", "user_name": "EMAIL@acme.example"},
    )
    assert is_user_name_conflict(error)
    assert not is_email_conflict(error)


async def test_a_taken_email_is_an_email_conflict(database):
    error = await _conflict(
        database,
        {"email": "user_name@acme.example", "user_name": "a"},
        {"email": "USER_NAME@acme.example", "user_name": "b"},
    )
    assert is_email_conflict(error)
    assert not is_user_name_conflict(error)
