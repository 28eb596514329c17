"""What each demo tenant holds: sizes and local conventions, before any row is drawn."""

from dataclasses import dataclass

from db.seed.names import TEAMS

# The fewest acme users that still hold two admins, both kinds of deactivated users,
# a returning user and enough active people for every call rule the demo promises.
MIN_DEMO_USERS = 12


@dataclass(frozen=True)
class NumberFormat:
    """E.164 numbers: a prefix then ``digits`` random digits."""

    prefix: str
    digits: int


@dataclass(frozen=True)
class TenantSpec:
    slug: str
    name: str
    time_zone: str
    admin_email: str
    admin_display_name: str
    users: int
    admins: int
    deactivated_recently: int  # 2 to 20 days ago: calls in the last 30 days
    deactivated_long_ago: int  # 35 to 80 days ago: no call in the last 30 days
    returned: int  # deactivated and activated again, before the 90 days of activity
    calls: int
    meetings: int
    groups: int
    teams: tuple[str, ...]  # cross-department groups some users also join
    japanese_share: float  # of users with Japanese names; the rest get English ones
    user_numbers: NumberFormat
    line_numbers: NumberFormat
    counterpart_numbers: tuple[tuple[NumberFormat, float], ...]
    rules_for_active_users: int
    rules_for_deactivated_users: int
    group_rules: int
    voicemail_rules: int

    @property
    def domain(self) -> str:
        return f"{self.slug}.example"


def acme_spec(*, users: int, calls: int) -> TenantSpec:
    if users < MIN_DEMO_USERS:
        raise ValueError(f"the demo needs at least {MIN_DEMO_USERS} users, not {users}")
    if calls < 0:
        raise ValueError(f"calls must not be negative, not {calls}")
    deactivated_each = max(2, round(users * 0.05))
    groups = max(6, users // 25)
    return TenantSpec(
        slug="acme",
        name="Acme",
        time_zone="Asia/Tokyo",
        admin_email="admin@acme.example",
        admin_display_name="Acme Admin",
        users=users,
        admins=2,
        deactivated_recently=deactivated_each,
        deactivated_long_ago=deactivated_each,
        returned=max(1, users // 40),
        calls=calls,
        meetings=calls // 10,
        groups=groups,
        teams=TEAMS,
        japanese_share=0.7,
        # 050 numbers: the IP-phone range cloud telephony hands out in Japan.
        user_numbers=NumberFormat("+8150", 8),
        line_numbers=NumberFormat("+813", 8),
        counterpart_numbers=(
            (NumberFormat("+813", 8), 0.35),
            (NumberFormat("+816", 8), 0.15),
            (NumberFormat("+8190", 8), 0.2),
            (NumberFormat("+8180", 8), 0.15),
            (NumberFormat("+8170", 8), 0.1),
            (NumberFormat("+1", 10), 0.03),
            (NumberFormat("+44", 10), 0.02),
        ),
        rules_for_active_users=max(4, users // 100),
        rules_for_deactivated_users=2,
        group_rules=min(groups, max(3, users // 200)),
        voicemail_rules=2,
    )


def globex_spec() -> TenantSpec:
    return TenantSpec(
        slug="globex",
        name="Globex",
        time_zone="America/New_York",
        admin_email="admin@globex.example",
        admin_display_name="Globex Admin",
        users=6,
        admins=1,
        deactivated_recently=0,
        deactivated_long_ago=1,
        returned=0,
        calls=40,
        meetings=8,
        groups=2,
        teams=(),
        japanese_share=0.0,
        user_numbers=NumberFormat("+1646555", 4),
        line_numbers=NumberFormat("+1212555", 4),
        counterpart_numbers=(
            (NumberFormat("+1212", 7), 0.5),
            (NumberFormat("+1415", 7), 0.3),
            (NumberFormat("+44", 10), 0.2),
        ),
        rules_for_active_users=1,
        rules_for_deactivated_users=0,
        group_rules=1,
        voicemail_rules=1,
    )
