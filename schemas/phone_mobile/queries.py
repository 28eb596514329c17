"""The phoneMobile subgraph's queries."""

import strawberry

from schemas.product_lists import chart_row_list
from schemas.subgraph import owned_by
from schemas.user import User


@owned_by("phoneMobile")
@strawberry.type
class PhoneMobileQuery:
    mobile_internal_contacts: list[User] = chart_row_list(
        "inMobileInternalList", screen="The Internal contacts of MiiTel Phone Mobile"
    )
