from sqlmodel import Field, SQLModel


class UserGroup(SQLModel, table=True):
    __tablename__ = "user_groups"

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", index=True)
    name: str = Field(max_length=200)


class GroupMembership(SQLModel, table=True):
    __tablename__ = "group_memberships"

    group_id: int = Field(foreign_key="user_groups.id", primary_key=True)
    user_id: int = Field(foreign_key="users.id", primary_key=True, index=True)
