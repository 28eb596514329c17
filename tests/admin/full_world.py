"""A tenant with every kind of row a status payload can reach, every timestamp fixed.

Built twice in two databases it gives the same ids and the same JSON, so a dry run in
one can be compared with the real run in the other.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from db.engine import Database
from db.enums import CallDirection, IncomingCallAction, Role, UserStatus, UserStatusAction
from db.enums import VideoProvider as Provider
from db.models import (
    Call,
    IncomingCallRule,
    PhoneNumber,
    Seat,
    Tenant,
    User,
    UserGroup,
    UserStatusEvent,
)
from resolvers.ids import to_global_id
from resolvers.tokens import Caller
from tests.factories import (
    add,
    caller_of,
    make_call,
    make_comment,
    make_group,
    make_integration,
    make_meeting,
    make_phone_number,
    make_rule,
    make_seat,
    make_tenant,
    make_user,
)

LONG_AGO = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)


@dataclass
class FullWorld:
    acme: Tenant
    ada: User  # the admin who acts
    eve: User  # another admin
    fay: User  # another admin
    ben: User  # an active member with everything: integrations, seat, rules, calls
    cai: User  # an active member
    dee: User  # deactivated long ago, with a seat, a number and a rule of their own
    ben_call: Call  # commented on, mentioning ben and dee
    # issue 13, phone numbers and call rules: what their error cases name
    main_number: PhoneNumber  # +81312340001, ben's
    sales: UserGroup  # ben, cai and dee
    main_line: IncomingCallRule  # on main_number: CALL_SPECIFIC_USER -> ben
    # Groups and seats (issue 13): Sales is rung by a CALL_GROUP rule, Admins by none.
    admins_group: UserGroup
    seat_a1: Seat  # ben's
    seat_a2: Seat  # dee's
    seat_a3: Seat  # free

    @property
    def admin(self) -> Caller:
        return caller_of(self.ada, self.acme)

    @property
    def member(self) -> Caller:
        return caller_of(self.cai, self.acme)

    def gid(self, user: User) -> str:
        return to_global_id("User", user.id)

    def node_gid(self, row: object) -> str:
        return to_global_id(type(row).__name__, row.id)  # type: ignore[attr-defined]

    @property
    def call_gid(self) -> str:
        return to_global_id("Call", self.ben_call.id)


async def build_full_world(database: Database) -> FullWorld:
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    eve = await make_user(database, acme, "Eve Admin", role=Role.ADMIN)
    fay = await make_user(database, acme, "Fay Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    cai = await make_user(database, acme, "Cai Chen")
    dee = await make_user(
        database, acme, "Dee Dunn", status=UserStatus.DEACTIVATED, deactivated_at=LONG_AGO
    )
    await add(
        database,
        UserStatusEvent(
            tenant_id=acme.id,
            user_id=dee.id,
            actor_id=ada.id,
            action=UserStatusAction.DEACTIVATED,
            at=LONG_AGO,
            removed_video_integrations=[],
            affected_incoming_call_rule_ids=[],
        ),
    )
    await make_integration(database, ben, Provider.ZOOM)
    await make_integration(database, ben, Provider.MICROSOFT_TEAMS)
    await make_integration(database, cai, Provider.GOOGLE_MEET)
    sales = await make_group(database, acme, "Sales", [ben, cai, dee])
    admins_group = await make_group(database, acme, "Admins", [ada, eve, fay, ben])
    main = await make_phone_number(database, acme, "+81312340001", ben)
    support = await make_phone_number(database, acme, "+81312340002")
    desk = await make_phone_number(database, acme, "+81312340003", dee)
    specific = IncomingCallAction.CALL_SPECIFIC_USER
    main_line = await make_rule(database, main, "Main line", specific, target_user=ben)
    await make_rule(database, support, "Support", specific, target_user=ben)
    await make_rule(database, desk, "Dee's desk", specific, target_user=dee)
    await make_rule(
        database, support, "Sales desk", IncomingCallAction.CALL_GROUP, target_group=sales
    )
    await make_rule(database, main, "After hours", IncomingCallAction.VOICEMAIL)
    seat_a1 = await make_seat(database, acme, "A-1", x=0, y=0, user=ben)
    seat_a2 = await make_seat(database, acme, "A-2", x=1, y=0, user=dee)
    seat_a3 = await make_seat(database, acme, "A-3", x=2, y=0)
    ben_call = await make_call(
        database, ben, CallDirection.INBOUND, datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    )
    await make_call(database, ben, CallDirection.OUTBOUND, datetime(2026, 3, 3, 11, 0, tzinfo=UTC))
    dee_call = await make_call(
        database, dee, CallDirection.OUTBOUND, datetime(2026, 1, 20, 15, 0, tzinfo=UTC)
    )
    await make_call(database, cai, CallDirection.INBOUND, datetime(2026, 3, 4, 9, 30, tzinfo=UTC))
    await make_meeting(database, ben, Provider.ZOOM, datetime(2026, 3, 5, 14, 0, tzinfo=UTC))
    await make_meeting(database, dee, Provider.GOOGLE_MEET, datetime(2026, 1, 10, 8, 0, tzinfo=UTC))
    await make_comment(
        database,
        ben_call,
        cai,
        "@Ben @Dee see this",
        mentions=(ben, dee),
        created_at=datetime(2026, 3, 2, 12, 0, tzinfo=UTC),
    )
    await make_comment(
        database,
        ben_call,
        ben,
        "@Cai thanks",
        mentions=(cai,),
        created_at=datetime(2026, 3, 2, 12, 5, tzinfo=UTC),
    )
    await make_comment(
        database, dee_call, ada, "Archived", created_at=datetime(2026, 1, 21, 9, 0, tzinfo=UTC)
    )
    return FullWorld(
        acme=acme, ada=ada, eve=eve, fay=fay, ben=ben, cai=cai, dee=dee, ben_call=ben_call,
        main_number=main, sales=sales, main_line=main_line, admins_group=admins_group, seat_a1=seat_a1, seat_a2=seat_a2, seat_a3=seat_a3,
    )  # fmt: skip
