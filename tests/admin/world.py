"""A small tenant in which deactivation has something to do."""

from dataclasses import dataclass

from db.engine import Database
from db.enums import IncomingCallAction, Role, UserStatus, VideoProvider
from db.models import IncomingCallRule, Tenant, User, VideoIntegration
from resolvers.ids import to_global_id
from resolvers.tokens import Caller
from tests.factories import (
    caller_of,
    make_group,
    make_integration,
    make_phone_number,
    make_rule,
    make_tenant,
    make_user,
)


@dataclass
class World:
    acme: Tenant
    ada: User  # the admin
    ben: User  # the member to deactivate
    cai: User  # an active member
    dee: User  # already deactivated
    zoom: VideoIntegration
    teams: VideoIntegration
    main_line: IncomingCallRule  # CALL_SPECIFIC_USER -> ben
    support_line: IncomingCallRule  # CALL_SPECIFIC_USER -> ben
    group_line: IncomingCallRule  # CALL_GROUP
    voicemail: IncomingCallRule

    @property
    def admin(self) -> Caller:
        return caller_of(self.ada, self.acme)

    @property
    def member(self) -> Caller:
        return caller_of(self.cai, self.acme)

    def gid(self, row: object) -> str:
        return to_global_id(type(row).__name__, row.id)  # type: ignore[attr-defined]


async def build_world(database: Database) -> World:
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    cai = await make_user(database, acme, "Cai Chen")
    dee = await make_user(database, acme, "Dee Dunn", status=UserStatus.DEACTIVATED)
    zoom = await make_integration(database, ben, VideoProvider.ZOOM)
    teams = await make_integration(database, ben, VideoProvider.MICROSOFT_TEAMS)
    await make_integration(database, cai, VideoProvider.GOOGLE_MEET)
    sales = await make_group(database, acme, "Sales", [ben, cai])
    main = await make_phone_number(database, acme, "+81312340001", ben)
    support = await make_phone_number(database, acme, "+81312340002")
    return World(
        acme=acme,
        ada=ada,
        ben=ben,
        cai=cai,
        dee=dee,
        zoom=zoom,
        teams=teams,
        main_line=await make_rule(
            database, main, "Main line", IncomingCallAction.CALL_SPECIFIC_USER, target_user=ben
        ),
        support_line=await make_rule(
            database, support, "Support", IncomingCallAction.CALL_SPECIFIC_USER, target_user=ben
        ),
        group_line=await make_rule(
            database, support, "Sales desk", IncomingCallAction.CALL_GROUP, target_group=sales
        ),
        voicemail=await make_rule(database, main, "After hours", IncomingCallAction.VOICEMAIL),
    )
