"""Whether a known token still lets its caller in: what every request checks, and what an
open subscription checks again on each event."""

from collections.abc import Iterable

from db.enums import Product
from resolvers import policy
from resolvers.tokens import TokenCaller, TokenState

# A token that no longer counts is refused the way a deactivated user's is: the same
# refusal, at the next request or event; the message says which it is.
_REFUSED_STATES = {
    TokenState.REVOKED: "This API token was revoked and cannot log in.",
    TokenState.EXPIRED: "This API token has expired and cannot log in.",
}
SIGN_IN_EXPIRED = "This sign-in token has expired: sign in again."
# A sign-in token (JWT) is never revoked here; it expires at its exp.
_REFUSED_SIGN_IN_STATES = {TokenState.EXPIRED: SIGN_IN_EXPIRED}
DEACTIVATED = "This user is deactivated and cannot log in."


def refusal_of(found: TokenCaller, products: Iterable[Product]) -> str | None:
    """Why ``found`` may not use ``products`` now, or None when it may: its token revoked
    or expired, or its user one the chart does not let log in to each of them."""
    states = _REFUSED_SIGN_IN_STATES if found.is_sign_in else _REFUSED_STATES
    refused = states.get(found.state)
    if refused is not None:
        return refused
    facts = policy.status_facts(found.caller.status)
    if not all(policy.can_log_in(product, facts) for product in products):
        return DEACTIVATED
    return None
