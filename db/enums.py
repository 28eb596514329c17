"""Enumerations stored in the database, shared by every layer above it."""

from enum import StrEnum


class Product(StrEnum):
    ADMIN = "ADMIN"
    ANALYTICS = "ANALYTICS"
    PHONE = "PHONE"
    PHONE_MOBILE = "PHONE_MOBILE"
    CALL_CENTER = "CALL_CENTER"


class UserStatus(StrEnum):
    ACTIVE = "ACTIVE"
    DEACTIVATED = "DEACTIVATED"


class Role(StrEnum):
    ADMIN = "ADMIN"
    MEMBER = "MEMBER"


class IncomingCallAction(StrEnum):
    CALL_SPECIFIC_USER = "CALL_SPECIFIC_USER"
    CALL_GROUP = "CALL_GROUP"
    VOICEMAIL = "VOICEMAIL"


class UserStatusAction(StrEnum):
    ACTIVATED = "ACTIVATED"
    DEACTIVATED = "DEACTIVATED"


class VideoProvider(StrEnum):
    ZOOM = "ZOOM"
    MICROSOFT_TEAMS = "MICROSOFT_TEAMS"
    GOOGLE_MEET = "GOOGLE_MEET"


class CallDirection(StrEnum):
    INBOUND = "INBOUND"
    OUTBOUND = "OUTBOUND"


class TokenKind(StrEnum):
    """Whose a bearer token is: a person's (GraphQL), a tenant's provisioning door's, or a
    tenant's product service's (GraphQL, as no person)."""

    USER = "USER"
    SCIM = "SCIM"
    # A product's backend (the Phone service): records calls, reads what products read.
    SERVICE = "SERVICE"


class ActorKind(StrEnum):
    """Who made a change: a signed-in user, or the system on its own account."""

    USER = "USER"
    CLI = "CLI"
    SCHEDULE = "SCHEDULE"
    PROVISIONING = "PROVISIONING"


class AuditAction(StrEnum):
    """What an audit entry records. Stored as text, so later issues add values freely."""

    USER_CREATED = "USER_CREATED"
    USER_UPDATED = "USER_UPDATED"
    USER_ACTIVATED = "USER_ACTIVATED"
    USER_DEACTIVATED = "USER_DEACTIVATED"
    # A provisioning client's DELETE: the user stays, deactivated, out of SCIM's view.
    USER_DETACHED = "USER_DETACHED"
    PHONE_NUMBER_ASSIGNED = "PHONE_NUMBER_ASSIGNED"
    PHONE_NUMBER_UNASSIGNED = "PHONE_NUMBER_UNASSIGNED"
    USER_GROUP_CREATED = "USER_GROUP_CREATED"
    USER_GROUP_UPDATED = "USER_GROUP_UPDATED"
    USER_GROUP_DELETED = "USER_GROUP_DELETED"
    SEAT_CREATED = "SEAT_CREATED"
    SEAT_ASSIGNED = "SEAT_ASSIGNED"
    SEAT_DELETED = "SEAT_DELETED"
    INCOMING_CALL_RULE_CREATED = "INCOMING_CALL_RULE_CREATED"
    INCOMING_CALL_RULE_UPDATED = "INCOMING_CALL_RULE_UPDATED"
    INCOMING_CALL_RULE_DELETED = "INCOMING_CALL_RULE_DELETED"
    API_TOKEN_CREATED = "API_TOKEN_CREATED"
    API_TOKEN_REVOKED = "API_TOKEN_REVOKED"
    SCIM_TOKEN_CREATED = "SCIM_TOKEN_CREATED"
    SCIM_TOKEN_REVOKED = "SCIM_TOKEN_REVOKED"
    SERVICE_TOKEN_CREATED = "SERVICE_TOKEN_CREATED"
    SERVICE_TOKEN_REVOKED = "SERVICE_TOKEN_REVOKED"
    STATUS_CHANGE_SCHEDULED = "STATUS_CHANGE_SCHEDULED"
    SCHEDULED_STATUS_CHANGE_CANCELLED = "SCHEDULED_STATUS_CHANGE_CANCELLED"
    WEBHOOK_ENDPOINT_CREATED = "WEBHOOK_ENDPOINT_CREATED"
    WEBHOOK_ENDPOINT_UPDATED = "WEBHOOK_ENDPOINT_UPDATED"
    WEBHOOK_ENDPOINT_DELETED = "WEBHOOK_ENDPOINT_DELETED"
    WEBHOOK_SECRET_ROTATED = "WEBHOOK_SECRET_ROTATED"


class ScheduledChangeState(StrEnum):
    PENDING = "PENDING"
    DONE = "DONE"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"
