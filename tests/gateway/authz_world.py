"""Two tenants and a token for every kind of caller the authorization matrix tries."""

from dataclasses import dataclass
from datetime import UTC, datetime

from db.engine import Database
from db.enums import (
    ActorKind,
    AuditAction,
    CallDirection,
    IncomingCallAction,
    Role,
    TokenKind,
    UserStatus,
    UserStatusAction,
    VideoProvider,
)
from db.models import (
    ApiToken,
    AuditEntry,
    Call,
    Comment,
    IncomingCallRule,
    Meeting,
    PhoneNumber,
    ScheduledStatusChange,
    Seat,
    User,
    UserGroup,
    UserStatusEvent,
    VideoIntegration,
    WebhookEndpoint,
)
from resolvers.ids import to_global_id
from tests.factories import (
    add,
    make_call,
    make_comment,
    make_group,
    make_integration,
    make_meeting,
    make_phone_number,
    make_rule,
    make_seat,
    make_tenant,
    make_token,
    make_user,
)

# The callers, by what they are; the last three get past authentication.
NO_TOKEN = "no token"
BAD_TOKEN = "bad token"
DEACTIVATED = "deactivated user"
MEMBER = "member"
FOREIGN_ADMIN = "admin of another tenant"
ADMIN = "admin"
UNAUTHENTICATED_CALLERS = (NO_TOKEN, BAD_TOKEN, DEACTIVATED)
AUTHENTICATED_CALLERS = (MEMBER, FOREIGN_ADMIN, ADMIN)

PERIOD = {"from": "2026-01-01T00:00:00+00:00", "to": "2026-02-01T00:00:00+00:00"}


@dataclass
class AuthzWorld:
    """acme: Ada (ADMIN), Ben (MEMBER), Cai (MEMBER, whose data the rows ask for), Dee
    (deactivated). globex: Gus (ADMIN), who must never see any of acme."""

    ada: User
    ben: User
    cai: User
    dee: User
    gus: User
    sales: UserGroup
    phone: PhoneNumber
    rule: IncomingCallRule
    seat: Seat
    call: Call
    comment: Comment
    meeting: Meeting
    zoom: VideoIntegration
    event: UserStatusEvent
    leave: ScheduledStatusChange  # Cai's, scheduled by Ada
    audit_entry: AuditEntry  # the audit log's record of that event
    tokens: dict[str, str | None]
    cai_token: ApiToken  # issue 13: a token of Cai's, named "cai-laptop"
    scim_token: ApiToken  # issue 14: acme's SCIM token, named "acme-okta"
    hook: WebhookEndpoint  # issue 15: acme's webhook endpoint, "Phone backend"

    def node_gid(self, type_name: str) -> str:
        """The global id of acme's object of Node type ``type_name``."""
        return to_global_id(type_name, self.acme_objects()[type_name].id)  # type: ignore[attr-defined]

    def gid(self, row: object) -> str:
        return to_global_id(type(row).__name__, row.id)  # type: ignore[attr-defined]

    def headers(self, caller: str) -> dict[str, str]:
        token = self.tokens[caller]
        return {"Authorization": f"Bearer {token}"} if token else {}

    def acme_objects(self) -> dict[str, object]:
        """One object of acme of every Node type, by type name."""
        objects: list[object] = [
            self.cai, self.sales, self.phone, self.rule, self.seat, self.call,
            self.comment, self.meeting, self.zoom, self.event, self.leave, self.cai_token,
            self.comment, self.meeting, self.zoom, self.event, self.audit_entry, self.hook,
        ]  # fmt: skip
        # A SCIM token is an api_tokens row too; the graph calls it a ScimToken.
        return {type(row).__name__: row for row in objects} | {"ScimToken": self.scim_token}


async def build_authz_world(database: Database) -> AuthzWorld:
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    cai = await make_user(database, acme, "Cai Chen")
    dee = await make_user(database, acme, "Dee Dunn", status=UserStatus.DEACTIVATED)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant", role=Role.ADMIN)

    sales = await make_group(database, acme, "Sales", [ben, cai])
    phone = await make_phone_number(database, acme, "+81312340001", cai)
    rule = await make_rule(
        database, phone, "Front desk", IncomingCallAction.CALL_SPECIFIC_USER, target_user=cai
    )
    seat = await make_seat(database, acme, "A-1", x=1, y=1, user=cai)
    call = await make_call(
        database, cai, CallDirection.INBOUND, datetime(2026, 1, 10, 1, 0, tzinfo=UTC),
        duration_seconds=120,
    )  # fmt: skip
    comment = await make_comment(
        database, call, ben, "Call back on Friday", mentions=(cai,),
        created_at=datetime(2026, 1, 10, 2, 0, tzinfo=UTC),
    )  # fmt: skip
    meeting = await make_meeting(
        database, cai, VideoProvider.ZOOM, datetime(2026, 1, 11, 3, 0, tzinfo=UTC),
        title="Pipeline review",
    )  # fmt: skip
    zoom = await make_integration(database, cai, VideoProvider.ZOOM, "cai@zoom.example")
    # Ben's own private data, which he may read while Cai's is refused to him.
    await make_integration(database, ben, VideoProvider.MICROSOFT_TEAMS, "ben@teams.example")
    await make_call(
        database, ben, CallDirection.OUTBOUND, datetime(2026, 1, 12, 4, 0, tzinfo=UTC),
        duration_seconds=30,
    )  # fmt: skip
    (event,) = await add(
        database,
        UserStatusEvent(
            tenant_id=acme.id, user_id=cai.id, actor_id=ada.id,
            action=UserStatusAction.ACTIVATED, at=datetime(2026, 1, 2, 0, 0, tzinfo=UTC),
        ),
    )  # fmt: skip
    (leave,) = await add(
        database,
        ScheduledStatusChange(
            tenant_id=acme.id, user_id=cai.id, action=UserStatusAction.DEACTIVATED.value,
            at=datetime(2099, 1, 5, 0, 0, tzinfo=UTC), created_by_id=ada.id,
        ),
    )  # fmt: skip
    (cai_token,) = await add(
        database,
        ApiToken(
            tenant_id=acme.id, user_id=cai.id, token_hash="0" * 64, name="cai-laptop",
            created_at=datetime(2026, 1, 3, 0, 0, tzinfo=UTC),
        ),
    )  # fmt: skip
    (scim_token, _) = await add(
        database,
        ApiToken(
            tenant_id=acme.id, kind=TokenKind.SCIM, token_hash="1" * 64, name="acme-okta",
            created_at=datetime(2026, 1, 4, 0, 0, tzinfo=UTC),
        ),
        ApiToken(
            tenant_id=globex.id, kind=TokenKind.SCIM, token_hash="2" * 64, name="globex-entra",
            created_at=datetime(2026, 1, 4, 0, 0, tzinfo=UTC),
        ),
    )  # fmt: skip
    (audit_entry,) = await add(
        database,
        AuditEntry(
            tenant_id=acme.id, at=event.at, actor_kind=ActorKind.USER, actor_id=ada.id,
            action=AuditAction.USER_ACTIVATED, target_type="User", target_id=cai.id,
            target_user_id=cai.id,
            changes=[{"field": "status", "before": "DEACTIVATED", "after": "ACTIVE"}],
        ),
    )  # fmt: skip
    (hook, _) = await add(
        database,
        WebhookEndpoint(
            tenant_id=acme.id, url="https://93.184.215.14/acme", description="Phone backend",
            event_types=["user.deactivated"], secret="whsec_" + "A" * 44,
        ),
        WebhookEndpoint(
            tenant_id=globex.id, url="https://93.184.215.14/globex", description="CRM",
            event_types=["user.activated"], secret="whsec_" + "B" * 44,
        ),
    )  # fmt: skip
    # Dee's token was made before the deactivation; it must not work now.
    tokens: dict[str, str | None] = {
        NO_TOKEN: None,
        BAD_TOKEN: "rst_this-token-was-never-issued",
        DEACTIVATED: await make_token(database, dee),
        MEMBER: await make_token(database, ben),
        FOREIGN_ADMIN: await make_token(database, gus),
        ADMIN: await make_token(database, ada),
    }
    return AuthzWorld(
        ada=ada, ben=ben, cai=cai, dee=dee, gus=gus, sales=sales, phone=phone, rule=rule,
        seat=seat, call=call, comment=comment, meeting=meeting, zoom=zoom, event=event,
        leave=leave, tokens=tokens, cai_token=cai_token, scim_token=scim_token,
        audit_entry=audit_entry, hook=hook,
    )  # fmt: skip
