"""Each product subgraph's SDL holds its own fields and no other subgraph's."""

import re

import pytest

from schemas.graph import build_subgraph_schema

USER_KEY = 'type User implements Node @key(fields: "id")'
OWN = {
    "phone": ["phoneUserMenu", "inPhoneUserMenu"],
    "phoneMobile": ["mobileInternalContacts", "inMobileInternalList"],
    "callCenter": [
        "seatMap",
        "realtimeMonitor",
        "callCenterReport",
        "inRealtimeMonitor",
        "seat",
        "visibleInSeatMap",
        "inCallCenterReport",
        "occupant",
        "inboundCount",
        "outboundCount",
        "totalTalkSeconds",
    ],
}
ADMIN = ["email", "displayName", "canLogIn", "users", "activationPolicy", "deactivateUser"]
# The mutations each subgraph owns: the seat map's are Call Center's (issue 13).
MUTATIONS = {
    "phone": set(),
    "phoneMobile": set(),
    "callCenter": {"createSeat", "assignSeat", "deleteSeat"},
}


def _fields(sdl: str) -> set[str]:
    """Names declared as fields (``name:`` or ``name(``) anywhere in the SDL."""
    return set(re.findall(r"^\s+(\w+)\s*[:(]", sdl, flags=re.MULTILINE))


@pytest.mark.parametrize("subgraph", list(OWN))
async def test_sdl_has_the_subgraphs_own_fields_only(subgraph):
    result = await build_subgraph_schema(subgraph).execute("{ _service { sdl } }")
    assert result.errors is None
    assert result.data is not None
    sdl = result.data["_service"]["sdl"]
    fields = _fields(sdl)
    others = [name for other, names in OWN.items() if other != subgraph for name in names]

    assert USER_KEY in sdl
    assert set(OWN[subgraph]) <= fields
    assert fields.isdisjoint(others + ADMIN)
    mutation = re.search(r"^type Mutation \{(.*?)^\}", sdl, flags=re.MULTILINE | re.DOTALL)
    assert (_fields(mutation.group(1)) if mutation else set()) == MUTATIONS[subgraph]


async def test_seat_is_an_entity_of_call_center_only_and_known_by_key_to_admin():
    call_center = build_subgraph_schema("callCenter").as_str()
    admin = build_subgraph_schema("admin").as_str()

    assert 'type Seat implements Node @key(fields: "id")' in call_center
    assert "union _Entity = Seat | User" in call_center
    admin_seat = admin[admin.index("type Seat") :].split("}")[0]
    assert _fields(admin_seat) == {"id"}
