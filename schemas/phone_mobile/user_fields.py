"""The User fields the phoneMobile subgraph owns."""

import strawberry

from resolvers import policy
from schemas.subgraph import owned_by
from schemas.user_facts import UserFacts


@owned_by("phoneMobile")
@strawberry.type
class PhoneMobileUserFields:
    @strawberry.field(
        description='Chart, Phone Mobile: "Will the user name be displayed under Internal?" '
        "(active only)."
    )
    def in_mobile_internal_list(self: UserFacts) -> bool:
        return policy.answer("inMobileInternalList", self.facts)
