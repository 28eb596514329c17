from sqlmodel import Field, SQLModel


class Tenant(SQLModel, table=True):
    """A company using the suite; every other row belongs to one."""

    __tablename__ = "tenants"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, max_length=64)
    name: str = Field(max_length=200)
    time_zone: str = Field(default="Asia/Tokyo", max_length=64)
