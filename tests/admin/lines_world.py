"""Two tenants with numbers, groups and call rules, for the phone number and call rule
mutations; and what those mutations may have written, to compare before and after."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from db.engine import Database
from db.enums import IncomingCallAction, Role, UserStatus
from db.models import AuditEntry, IncomingCallRule, PhoneNumber, Tenant, User, UserGroup
from resolvers.ids import to_global_id
from resolvers.tokens import Caller
from tests.factories import (
    caller_of,
    make_group,
    make_phone_number,
    make_rule,
    make_tenant,
    make_user,
)


@dataclass
class LinesWorld:
    acme: Tenant
    ada: User  # the admin who acts
    ben: User  # an active member holding the main number
    cai: User  # an active member, the member who tries
    dee: User  # deactivated
    sales: UserGroup  # ben and cai
    main: PhoneNumber  # +81312340001, ben's
    spare: PhoneNumber  # +81312340002, unassigned
    main_line: IncomingCallRule  # on main: CALL_SPECIFIC_USER -> ben
    sales_line: IncomingCallRule  # on spare: CALL_GROUP -> sales
    voicemail: IncomingCallRule  # on spare: VOICEMAIL
    globex: Tenant
    gus: User  # globex's admin
    gus_number: PhoneNumber  # +81312340009, gus's
    gus_group: UserGroup
    gus_rule: IncomingCallRule  # on gus_number: CALL_SPECIFIC_USER -> gus

    @property
    def admin(self) -> Caller:
        return caller_of(self.ada, self.acme)

    @property
    def member(self) -> Caller:
        return caller_of(self.cai, self.acme)

    @property
    def foreign_admin(self) -> Caller:
        return caller_of(self.gus, self.globex)

    def gid(self, row: object) -> str:
        return to_global_id(type(row).__name__, row.id)  # type: ignore[attr-defined]


async def build_lines_world(database: Database) -> LinesWorld:
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    cai = await make_user(database, acme, "Cai Chen")
    dee = await make_user(database, acme, "Dee Dunn", status=UserStatus.DEACTIVATED)
    sales = await make_group(database, acme, "Sales", [ben, cai])
    main = await make_phone_number(database, acme, "+81312340001", ben)
    spare = await make_phone_number(database, acme, "+81312340002")
    specific = IncomingCallAction.CALL_SPECIFIC_USER
    main_line = await make_rule(database, main, "Main line", specific, target_user=ben)
    sales_line = await make_rule(
        database, spare, "Sales desk", IncomingCallAction.CALL_GROUP, target_group=sales
    )
    voicemail = await make_rule(database, spare, "After hours", IncomingCallAction.VOICEMAIL)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant", role=Role.ADMIN)
    gus_number = await make_phone_number(database, globex, "+81312340009", gus)
    gus_group = await make_group(database, globex, "Globex sales", [gus])
    gus_rule = await make_rule(database, gus_number, "Gus's line", specific, target_user=gus)
    return LinesWorld(
        acme=acme, ada=ada, ben=ben, cai=cai, dee=dee, sales=sales, main=main, spare=spare,
        main_line=main_line, sales_line=sales_line, voicemail=voicemail, globex=globex,
        gus=gus, gus_number=gus_number, gus_group=gus_group, gus_rule=gus_rule,
    )  # fmt: skip


async def written(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row the phone number and call rule mutations write, to compare."""
    async with database.session() as session:
        numbers = (await session.execute(select(PhoneNumber).order_by(PhoneNumber.id))).all()
        table = IncomingCallRule.__table__  # type: ignore[attr-defined]
        rules = (await session.execute(select(table).order_by(table.c.id))).all()
        audit = (await session.execute(select(AuditEntry.id))).all()
    return {
        "numbers": [(row.id, row.tenant_id, row.number, row.user_id) for (row,) in numbers],
        "rules": [tuple(rule) for rule in rules],
        "audit": [tuple(row) for row in audit],
    }
