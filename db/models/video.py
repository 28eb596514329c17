from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from db.enums import VideoProvider
from db.types import UTCDateTime, utcnow


class VideoIntegration(SQLModel, table=True):
    __tablename__ = "video_integrations"

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", index=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    provider: VideoProvider = Field(max_length=32)
    account_email: str = Field(max_length=320)
    connected_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )
