"""The world both executors answer over: every kind of row, in two tenants.

The authorization matrix's world (tests/gateway/authz_world.py: users active and
deactivated, a group, a number, a rule, a seat, an integration, calls, a meeting, a
comment with a mention, a status event; a second tenant), plus what makes lists hold
nulls and the chart's negative answers: an empty seat, a deactivated user's seat, a
rule to a deactivated user, a group rule, a number nobody holds, a deactivated user's
calls, meetings and a comment mentioning them.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from db.engine import Database
from db.enums import CallDirection, IncomingCallAction, VideoProvider
from db.models import Tenant
from resolvers.tokens import Caller
from tests.factories import (
    caller_of,
    make_call,
    make_comment,
    make_group,
    make_integration,
    make_meeting,
    make_phone_number,
    make_rule,
    make_seat,
)
from tests.gateway.authz_world import AuthzWorld, build_authz_world


@dataclass
class OracleWorld:
    rows: AuthzWorld
    admin: Caller  # acme's admin
    member: Caller  # acme's member Ben
    foreign_admin: Caller  # globex's admin

    def gid(self, row: object) -> str:
        return self.rows.gid(row)


async def build_oracle_world(database: Database) -> OracleWorld:
    rows = await build_authz_world(database)
    async with database.read_sessions() as session:
        tenants = {t.id: t for t in (await session.execute(select(Tenant))).scalars()}
    acme = tenants[rows.ada.tenant_id]
    globex = tenants[rows.gus.tenant_id]
    await make_seat(database, acme, "A-2", x=2, y=1)
    await make_seat(database, acme, "B-1", x=1, y=2, user=rows.dee)
    support = await make_phone_number(database, acme, "+81312340002", rows.ben)
    await make_phone_number(database, acme, "+81312340003")
    await make_rule(
        database, support, "To Dee", IncomingCallAction.CALL_SPECIFIC_USER, target_user=rows.dee
    )
    everyone = await make_group(database, acme, "Everyone", [rows.ada, rows.ben, rows.dee])
    await make_rule(
        database, support, "Everyone", IncomingCallAction.CALL_GROUP, target_group=everyone
    )
    await make_rule(database, support, "After hours", IncomingCallAction.VOICEMAIL)
    dee_call = await make_call(
        database, rows.dee, CallDirection.INBOUND, datetime(2026, 1, 15, 5, 0, tzinfo=UTC),
        duration_seconds=300,
    )  # fmt: skip
    await make_comment(
        database, dee_call, rows.ada, "Dee was here @Ben", mentions=(rows.ben, rows.dee),
        created_at=datetime(2026, 1, 15, 6, 0, tzinfo=UTC),
    )  # fmt: skip
    await make_meeting(
        database, rows.dee, VideoProvider.GOOGLE_MEET, datetime(2026, 1, 16, 3, 0, tzinfo=UTC)
    )
    await make_integration(database, rows.dee, VideoProvider.GOOGLE_MEET)
    await make_seat(database, globex, "G-1", user=rows.gus)
    return OracleWorld(
        rows=rows,
        admin=caller_of(rows.ada, acme),
        member=caller_of(rows.ben, acme),
        foreign_admin=caller_of(rows.gus, globex),
    )
