"""The root ``phoneNumbers`` list: the tenant's numbers, page by page, for admins."""

from typing import Any

from resolvers.phone_numbers.listing import page_of_phone_numbers
from schemas.admin.types import PhoneNumber
from schemas.connections import Connection, connection
from schemas.context import Info
from schemas.cursors import PHONE_NUMBERS
from schemas.errors import forbidden_error
from schemas.pagination import check_first


@connection(
    owner="admin",
    node_type=PhoneNumber,
    noun="phone number",
    plural="phone numbers",
    list_name="phone numbers",
    description="A page of the tenant's phone numbers, in E.164 order.",
)
class PhoneNumberConnection(Connection[PhoneNumber]):
    pass


def _sort_key(row: Any) -> tuple[str, int]:
    return row.number, row.id


async def resolve_phone_number_page(
    info: Info, *, unassigned: bool | None, first: int | None, after: str | None
) -> PhoneNumberConnection:
    if not info.context.caller.is_admin:
        raise forbidden_error()
    first = check_first(first)
    cursors = PHONE_NUMBERS.of(unassigned)
    page = await page_of_phone_numbers(
        info.context.reader,
        tenant_id=info.context.tenant_id,
        unassigned=unassigned,
        first=first,
        after=cursors.decode(after),
    )
    return PhoneNumberConnection.of(
        page.rows,
        node=PhoneNumber.from_row,
        key=_sort_key,
        cursors=cursors,
        has_next_page=page.has_next_page,
        total_count=page.total_count,
    )
