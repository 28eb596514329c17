from sqlmodel import Field, SQLModel


class Seat(SQLModel, table=True):
    """A desk on the call center's seat map; kept when its user is deactivated."""

    __tablename__ = "seats"

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", index=True)
    label: str = Field(max_length=64)
    x: int
    y: int
    user_id: int | None = Field(default=None, foreign_key="users.id", unique=True)
