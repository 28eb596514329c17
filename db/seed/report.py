"""What a demo seed did, table by table."""

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class SeedReport:
    """Rows inserted per table; ``skipped`` when the demo tenants were already there."""

    skipped: bool
    tenants: int = 0
    users: int = 0
    deactivated_users: int = 0
    user_groups: int = 0
    group_memberships: int = 0
    phone_numbers: int = 0
    incoming_call_rules: int = 0
    video_integrations: int = 0
    seats: int = 0
    user_status_events: int = 0
    calls: int = 0
    meetings: int = 0
    comments: int = 0
    comment_mentions: int = 0
    seconds: float = field(default=0.0, compare=False)

    @property
    def rows(self) -> int:
        return sum(
            getattr(self, item.name)
            for item in fields(self)
            if item.type is int and item.name != "deactivated_users"
        )

    def summary(self) -> str:
        if self.skipped:
            return "Demo data already present (tenant acme exists): nothing changed."
        return (
            f"Seeded {self.tenants} tenants, {self.users} users ({self.deactivated_users} "
            f"deactivated), {self.calls} calls, {self.meetings} meetings, {self.comments} "
            f"comments: {self.rows} rows in {self.seconds:.1f}s."
        )
