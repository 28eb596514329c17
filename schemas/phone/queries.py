"""The phone subgraph's queries."""

import strawberry

from schemas.product_lists import chart_row_list
from schemas.subgraph import owned_by
from schemas.user import User


@owned_by("phone")
@strawberry.type
class PhoneQuery:
    phone_user_menu: list[User] = chart_row_list(
        "inPhoneUserMenu", screen="Menu > User of MiiTel Phone"
    )
