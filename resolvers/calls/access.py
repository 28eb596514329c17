"""Who may record calls: the tenant's product service, or an admin (an import by hand)."""

from resolvers.errors import UserErrorData, forbidden
from resolvers.tokens import Caller

ONLY_SERVICES_RECORD_CALLS = "Only the tenant's product service or an admin may record calls."


def refusal_to_record(caller: Caller) -> UserErrorData | None:
    """FORBIDDEN unless ``caller`` is a service token's or an admin's; None when allowed."""
    if caller.is_service or caller.is_admin:
        return None
    return forbidden(ONLY_SERVICES_RECORD_CALLS)
