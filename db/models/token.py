from datetime import datetime

from sqlalchemy import CheckConstraint, Column, String
from sqlmodel import Field, SQLModel

from db.enums import TokenKind
from db.types import UTCDateTime, utcnow


class ApiToken(SQLModel, table=True):
    """A bearer token; only its SHA-256 is stored, so a leaked table grants nothing."""

    __tablename__ = "api_tokens"
    __table_args__ = (
        # A person's token names its person; a tenant's (SCIM) names none.
        CheckConstraint(
            "(kind = 'USER') = (user_id IS NOT NULL)", name="ck_api_tokens_person_kind"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", index=True)
    # TokenKind as text: later kinds (service tokens) need no type migration.
    kind: str = Field(
        default=TokenKind.USER,
        sa_column=Column(String(16), nullable=False, default=TokenKind.USER.value),
    )
    user_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    token_hash: str = Field(unique=True, max_length=64)
    name: str = Field(default="", max_length=200)
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )
    # Written at most once a minute per token (resolvers/tokens.py), never per request.
    last_used_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    expires_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
