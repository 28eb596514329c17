"""Calls summed per tenant, user and local calendar day: what analytics read for whole days."""

from datetime import date

from sqlalchemy import Column, Date, Index
from sqlmodel import Field, SQLModel


class CallRollup(SQLModel, table=True):
    """The calls a user made (OUTBOUND) and answered (INBOUND) on one local day.

    The day is the calendar day in the tenant's time zone. Database triggers on ``calls``
    and on ``tenants.time_zone`` keep the rows (db/rollup_triggers.py), whoever writes;
    a row whose counts fall to zero is deleted. Both directions share a row: the
    dashboard reads them summed, the Call Center report side by side.
    """

    __tablename__ = "call_rollups"
    __table_args__ = (
        # Had-calls facts and reports for a few users read by user first.
        Index("ix_call_rollups_tenant_user_day", "tenant_id", "user_id", "local_day"),
    )

    tenant_id: int = Field(foreign_key="tenants.id", primary_key=True)
    local_day: date = Field(sa_column=Column(Date(), primary_key=True, nullable=False))
    user_id: int = Field(foreign_key="users.id", primary_key=True)
    inbound_count: int = Field(default=0)
    inbound_seconds: int = Field(default=0)
    outbound_count: int = Field(default=0)
    outbound_seconds: int = Field(default=0)
