"""The folded search columns (users', a group's name): right after every kind of write, and
after migrations 0002 and 0005."""

import pytest
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.enums import Role, UserStatus
from db.folding import fold
from db.migrate import upgrade
from db.models import User, UserGroup
from tests.factories import make_group, make_tenant, make_user

_users = User.__table__  # type: ignore[attr-defined]
_groups = UserGroup.__table__  # type: ignore[attr-defined]


def test_fold_is_full_case_folding_between_nfc_normalizations():
    assert fold("ÅNGSTRÖM") == fold("ångström") == "ångström"
    assert fold("Straße") == fold("STRASSE") == "strasse"
    assert fold("O\u0308") == fold("Ö") == "ö"  # decomposed and composed alike
    assert fold("İ") == "i\u0307"  # Turkish dotted capital I: i + combining dot above
    assert fold("\u0131") == "\u0131"  # dotless i has no other case
    assert fold("山田 🚀 50%_") == "山田 🚀 50%_"


async def _folded(database: Database) -> list[tuple[str, str, str, str]]:
    async with database.engine.connect() as connection:
        rows = await connection.execute(
            select(
                _users.c.display_name,
                _users.c.email,
                _users.c.display_name_folded,
                _users.c.email_folded,
            ).order_by(_users.c.id)
        )
        return [tuple(row) for row in rows]


async def test_every_kind_of_write_keeps_the_folded_columns(database: Database):
    acme = await make_tenant(database)
    orm = await make_user(database, acme, "Ørjan ÅSE")  # ORM insert
    async with database.write_sessions() as session, session.begin():
        await session.execute(  # Core executemany, as the seed writes
            insert(_users),
            [
                {
                    "tenant_id": acme.id,
                    "email": f"BULK{n}@ACME.EXAMPLE",
                    "display_name": f"Groß {n}",
                    "role": Role.MEMBER,
                    "status": UserStatus.ACTIVE,
                    "version": 1,
                    "created_at": orm.created_at,
                }
                for n in (1, 2)
            ],
        )
        await session.execute(  # Core update with values(), as updateUser renames
            update(_users).where(_users.c.email == "BULK1@ACME.EXAMPLE").values(display_name="ÉVA")
        )
        await session.execute(  # Core update with execute parameters
            update(_users).where(_users.c.email == "BULK2@ACME.EXAMPLE"),
            {"email": "Ünal@ACME.EXAMPLE"},
        )
        await session.execute(  # an ORM-enabled update, keyed by the mapped attribute
            update(User)
            .where(User.email == "BULK1@ACME.EXAMPLE")
            .values({User.email: "ÆB@X.EXAMPLE"})
        )
        await session.execute(  # a status change leaves the search columns as they are
            update(_users).where(_users.c.id == orm.id).values(status=UserStatus.DEACTIVATED)
        )
    async with AsyncSession(database.engine, expire_on_commit=False) as session:
        row = await session.get(User, orm.id)
        assert row is not None
        row.display_name = "Þóra ÆGIS"  # ORM update
        await session.commit()

    rows = await _folded(database)
    assert rows == [
        ("Þóra ÆGIS", "ørjan.åse@acme.example", "þóra ægis", "ørjan.åse@acme.example"),
        ("ÉVA", "ÆB@X.EXAMPLE", "éva", "æb@x.example"),
        ("Groß 2", "Ünal@ACME.EXAMPLE", "gross 2", "ünal@acme.example"),
    ]


async def test_a_write_that_cannot_be_folded_is_refused(database: Database):
    acme = await make_tenant(database)
    await make_user(database, acme, "Ada")

    with pytest.raises(TypeError, match="display_name must be written as a string"):
        async with database.write_sessions() as session, session.begin():
            await session.execute(
                update(_users).values(display_name=func.upper(_users.c.display_name))
            )

    assert await _folded(database) == [("Ada", "ada@acme.example", "ada", "ada@acme.example")]


async def test_migration_0002_folds_the_users_already_there(empty_database_url: str):
    upgrade(empty_database_url, "0001")
    database = Database(empty_database_url)
    try:
        async with database.write_sessions() as session, session.begin():
            await session.execute(
                text(
                    "INSERT INTO tenants (id, slug, name, time_zone) "
                    "VALUES (1, 'acme', 'Acme', 'Asia/Tokyo')"
                )
            )
            for pk, name, email in [
                (1, "Anders ÅNGSTRÖM", "ANDERS@ACME.EXAMPLE"),
                (2, "山田 花子", "hanako@acme.example"),
                (3, "Jürgen Straße", "Jürgen@acme.example"),
            ]:
                await session.execute(
                    text(
                        "INSERT INTO users (id, tenant_id, email, display_name, role, status, "
                        "version, created_at) VALUES (:pk, 1, :email, :name, 'MEMBER', 'ACTIVE', "
                        "1, '2026-01-01 00:00:00')"
                    ),
                    {"pk": pk, "name": name, "email": email},
                )
    finally:
        await database.dispose()

    upgrade(empty_database_url)

    database = Database(empty_database_url)
    try:
        assert await _folded(database) == [
            ("Anders ÅNGSTRÖM", "ANDERS@ACME.EXAMPLE", "anders ångström", "anders@acme.example"),
            ("山田 花子", "hanako@acme.example", "山田 花子", "hanako@acme.example"),
            ("Jürgen Straße", "Jürgen@acme.example", "jürgen strasse", "jürgen@acme.example"),
        ]
    finally:
        await database.dispose()


async def _group_names(database: Database) -> list[tuple[str, str]]:
    async with database.engine.connect() as connection:
        rows = await connection.execute(
            select(_groups.c.name, _groups.c.name_folded).order_by(_groups.c.id)
        )
        return [tuple(row) for row in rows]


async def test_every_kind_of_write_keeps_a_groups_folded_name(database: Database):
    acme = await make_tenant(database)
    await make_group(database, acme, "ÅSE Team", [])  # ORM insert
    async with database.write_sessions() as session, session.begin():
        await session.execute(  # Core executemany, as the seed writes
            insert(_groups), [{"tenant_id": acme.id, "name": f"Groß {n}"} for n in (1, 2)]
        )
        await session.execute(  # Core update with values(), as updateUserGroup renames
            update(_groups).where(_groups.c.name == "Groß 1").values(name="ÉQUIPE")
        )
    assert await _group_names(database) == [
        ("ÅSE Team", "åse team"),
        ("ÉQUIPE", "équipe"),
        ("Groß 2", "gross 2"),
    ]
    with pytest.raises(TypeError, match=r"user_groups\.name must be written as a string"):
        async with database.write_sessions() as session, session.begin():
            await session.execute(update(_groups).values(name=func.upper(_groups.c.name)))


async def test_migration_0005_folds_the_group_names_already_there(empty_database_url: str):
    upgrade(empty_database_url, "0004")
    database = Database(empty_database_url)
    try:
        async with database.write_sessions() as session, session.begin():
            await session.execute(
                text(
                    "INSERT INTO tenants (id, slug, name, time_zone) "
                    "VALUES (1, 'acme', 'Acme', 'Asia/Tokyo')"
                )
            )
            for pk, name in [(1, "Ångström Lab"), (2, "営業"), (3, "STRASSE")]:
                await session.execute(
                    text(
                        "INSERT INTO user_groups (id, tenant_id, name, version) "
                        "VALUES (:pk, 1, :name, 1)"
                    ),
                    {"pk": pk, "name": name},
                )
    finally:
        await database.dispose()

    upgrade(empty_database_url)

    database = Database(empty_database_url)
    try:
        assert await _group_names(database) == [
            ("Ångström Lab", "ångström lab"),
            ("営業", "営業"),
            ("STRASSE", "strasse"),
        ]
    finally:
        await database.dispose()
