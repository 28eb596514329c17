"""The User fields the phone subgraph owns."""

import strawberry

from resolvers import policy
from resolvers.policy_text import describe
from schemas.subgraph import owned_by
from schemas.user_facts import UserFacts


@owned_by("phone")
@strawberry.type
class PhoneUserFields:
    @strawberry.field(description=describe("inPhoneUserMenu"))
    def in_phone_user_menu(self: UserFacts) -> bool:
        return policy.answer("inPhoneUserMenu", self.facts)
