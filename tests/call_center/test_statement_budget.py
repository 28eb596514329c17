"""The phone, phoneMobile and callCenter reads cost the same statements for 5 items as for 50."""

import pytest

from tests.call_center.crowd import make_crowd
from tests.factories import caller_of, make_tenant
from tests.graphql import StatementCounter, data_of

PERIOD = {"from": "2026-03-01T00:00:00+09:00", "to": "2026-04-01T00:00:00+09:00"}
PRODUCT_FIELDS = """id displayName canLogIn(product: CALL_CENTER) inPhoneUserMenu
  inMobileInternalList inRealtimeMonitor seat { label } visibleInSeatMap
  inCallCenterReport(from: $from, to: $to)"""
VARIABLES = "($from: DateTime!, $to: DateTime!)"

# root field: (operation, the statements it may cost)
BUDGETS = {
    "seatMap": (
        """{ seatMap { label occupant { displayName canLogIn(product: CALL_CENTER)
             inRealtimeMonitor visibleInSeatMap inPhoneUserMenu } } }""",
        1,  # the seats joined with their occupants
    ),
    "callCenterReport": (
        f"""query{VARIABLES} {{ callCenterReport(from: $from, to: $to) {{
             user {{ displayName inCallCenterReport(from: $from, to: $to) }}
             inboundCount outboundCount totalTalkSeconds }} }}""",
        1,  # the report, which also answers inCallCenterReport
    ),
    "realtimeMonitor": (
        f"query{VARIABLES} {{ realtimeMonitor {{ {PRODUCT_FIELDS} }} }}",
        3,  # the users, their seats, their calls in the period
    ),
    "phoneUserMenu": (
        f"query{VARIABLES} {{ phoneUserMenu {{ {PRODUCT_FIELDS} }} }}",
        3,
    ),
    "mobileInternalContacts": (
        f"query{VARIABLES} {{ mobileInternalContacts {{ {PRODUCT_FIELDS} }} }}",
        3,
    ),
}


async def _measure(database, size: int, name: str) -> tuple[int, int]:
    """(statements, items) of root field ``name`` over a tenant of ``size`` users."""
    tenant = await make_tenant(database, f"t{size}")
    users = await make_crowd(database, tenant, size)
    with StatementCounter(database) as counter:
        data = await data_of(database, caller_of(users[0], tenant), BUDGETS[name][0], PERIOD)
    return counter.count, len(data[name])


@pytest.mark.parametrize("name", list(BUDGETS))
async def test_product_reads_cost_a_constant_number_of_statements(database, name):
    budget = BUDGETS[name][1]
    small = await _measure(database, 5, name)
    large = await _measure(database, 50, name)
    # Every user has a seat and calls in the period; one in five is deactivated.
    listed = {"seatMap": (5, 50), "callCenterReport": (5, 50)}.get(name, (4, 40))
    assert (small[1], large[1]) == listed
    assert small[0] == large[0] == budget


async def test_users_page_with_every_product_field_costs_the_same_for_5_and_100(database):
    tenant = await make_tenant(database)
    users = await make_crowd(database, tenant, 100)
    counts = []
    for first in (5, 100):
        with StatementCounter(database) as counter:
            data = await data_of(
                database,
                caller_of(users[0], tenant),
                f"query{VARIABLES} {{ users(first: {first}) {{ edges {{ node {{ "
                f"{PRODUCT_FIELDS} }} }} }} }}",
                PERIOD,
            )
        assert len(data["users"]["edges"]) == first
        counts.append(counter.count)
    assert counts == [3, 3]  # the page, its users' seats, their calls in the period
