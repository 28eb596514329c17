"""The User fields the phoneMobile subgraph owns."""

import strawberry

from resolvers import policy
from resolvers.policy_text import describe
from schemas.subgraph import owned_by
from schemas.user_facts import UserFacts


@owned_by("phoneMobile")
@strawberry.type
class PhoneMobileUserFields:
    @strawberry.field(description=describe("inMobileInternalList"))
    def in_mobile_internal_list(self: UserFacts) -> bool:
        return policy.answer("inMobileInternalList", self.facts)
