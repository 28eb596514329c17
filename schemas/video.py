"""VideoIntegration: owned by analytics, also shown by admin from deactivation snapshots."""

from datetime import datetime
from typing import Any, Self

import strawberry

from db.enums import VideoProvider as VideoProviderValue
from resolvers.ids import to_global_id
from resolvers.loaders.analytics import VideoIntegrationByIdLoader
from schemas.enums import VideoProvider
from schemas.node import Node
from schemas.node_lookup import node_entity


@node_entity(VideoIntegrationByIdLoader, private_to="user_id")
@strawberry.federation.type(
    keys=["id"],
    shareable=True,
    description="A Zoom, Microsoft Teams or Google Meet connection of a user.",
)
class VideoIntegration(Node):
    provider: VideoProvider = strawberry.field(description="The meeting service.")
    account_email: str = strawberry.field(description="The account connected at the service.")
    connected_at: datetime = strawberry.field(description="When it was connected.")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            id=strawberry.ID(to_global_id("VideoIntegration", row.id)),
            provider=VideoProviderValue(row.provider),
            account_email=row.account_email,
            connected_at=row.connected_at,
        )

    @classmethod
    def from_snapshot(cls, snapshot: dict[str, Any]) -> Self:
        """An integration as a status event recorded it when deactivation deleted it."""
        return cls(
            id=strawberry.ID(to_global_id("VideoIntegration", snapshot["id"])),
            provider=VideoProviderValue(snapshot["provider"]),
            account_email=snapshot["account_email"],
            connected_at=datetime.fromisoformat(snapshot["connected_at"]),
        )
