"""Who makes a change: a signed-in user, or the system on its own account."""

from dataclasses import dataclass

from db.enums import ActorKind
from resolvers.tokens import Caller


@dataclass(frozen=True, slots=True)
class Actor:
    kind: ActorKind
    # The user acting; for SCHEDULE, the user who scheduled the change. None: the system.
    user_id: int | None = None

    @classmethod
    def of(cls, caller: Caller | None, *, system: ActorKind = ActorKind.CLI) -> "Actor":
        """The caller as an actor; no caller means the system, of kind ``system``. A
        service caller is refused: it is no person, and it makes no audited change (every
        such change is an admin's), so an entry naming it would be a missed check."""
        if caller is None:
            return cls(system)
        if caller.user_id is None:
            raise ValueError("a service token's caller makes no audited change")
        return cls(ActorKind.USER, caller.user_id)


# A provisioning client (SCIM's door) acting for an identity provider: no user of roster.
PROVISIONING = Actor(ActorKind.PROVISIONING)
