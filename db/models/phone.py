from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from db.enums import IncomingCallAction


class PhoneNumber(SQLModel, table=True):
    __tablename__ = "phone_numbers"
    # A number exists once in a tenant, held by one user or by none.
    __table_args__ = (
        UniqueConstraint("tenant_id", "number", name="uq_phone_numbers_tenant_number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", index=True)
    number: str = Field(max_length=32)
    user_id: int | None = Field(default=None, foreign_key="users.id", index=True)


class IncomingCallRule(SQLModel, table=True):
    __tablename__ = "incoming_call_rules"

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", index=True)
    name: str = Field(max_length=200)
    phone_number_id: int = Field(foreign_key="phone_numbers.id", index=True)
    action: IncomingCallAction = Field(max_length=32)
    target_user_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    target_group_id: int | None = Field(default=None, foreign_key="user_groups.id", index=True)
