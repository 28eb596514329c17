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
