"""Every table of roster. Importing this package registers them all on SQLModel.metadata,
with the rollup triggers that ``create_all`` installs after the tables."""

from sqlmodel import SQLModel

from db.models.activity import Call, Comment, CommentMention, Meeting
from db.models.audit import UserStatusEvent
from db.models.audit_entry import AuditEntry
from db.models.event import OutboxEvent, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from db.models.group import GroupMembership, UserGroup
from db.models.phone import IncomingCallRule, PhoneNumber
from db.models.rollup import CallRollup
from db.models.schedule import ScheduledStatusChange
from db.models.seat import Seat
from db.models.tenant import Tenant
from db.models.token import ApiToken
from db.models.user import User
from db.models.video import VideoIntegration
from db.rollup_triggers import attach_rollup_triggers

attach_rollup_triggers(SQLModel.metadata)

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Call",
    "CallRollup",
    "Comment",
    "CommentMention",
    "GroupMembership",
    "IncomingCallRule",
    "Meeting",
    "OutboxEvent",
    "PhoneNumber",
    "ScheduledStatusChange",
    "Seat",
    "Tenant",
    "User",
    "UserGroup",
    "UserStatusEvent",
    "VideoIntegration",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
]
