"""The User fields the phone subgraph owns."""

import strawberry

from resolvers import policy
from schemas.subgraph import owned_by
from schemas.user_facts import UserFacts


@owned_by("phone")
@strawberry.type
class PhoneUserFields:
    @strawberry.field(
        description='Chart, Phone: "Will the username be displayed in Menu > User?" (active only).'
    )
    def in_phone_user_menu(self: UserFacts) -> bool:
        return policy.answer("inPhoneUserMenu", self.facts)
