"""Concurrent seat writes end in a state some serial order explains: never two seats for
one user, never a unique-constraint fault, one audit entry per seat whose occupant changed."""

import asyncio

from sqlalchemy import select

from db.models import AuditEntry, Seat
from resolvers.ids import to_global_id
from tests.admin.world import build_world
from tests.factories import make_seat
from tests.graphql import data_of

ASSIGN = """mutation($seat: ID!, $user: ID) { assignSeat(input: {seatId: $seat, userId: $user}) {
  seat { label } userErrors { code } } }"""
CREATE = "mutation($label: String!) { createSeat(input: {label: $label, x: 0, y: 0}) { userErrors { code } } }"


async def test_one_user_raced_onto_many_seats_holds_exactly_one(database):
    world = await build_world(database)
    seats = [await make_seat(database, world.acme, f"S-{i}") for i in range(8)]
    cai = world.gid(world.cai)
    results = await asyncio.gather(*(
        data_of(database, world.admin, ASSIGN, {"seat": to_global_id("Seat", seat.id), "user": cai})
        for seat in seats
    ))  # fmt: skip
    assert all(result["assignSeat"]["userErrors"] == [] for result in results)
    async with database.session() as session:
        held = list(await session.scalars(select(Seat.id).where(Seat.user_id == world.cai.id)))
        entries = list(await session.scalars(select(AuditEntry.changes).order_by(AuditEntry.id)))
    assert len(held) == 1
    # Each assignment after the first also emptied the seat before it: 8 + 7 entries.
    assert len(entries) == 15


async def test_one_label_raced_is_created_once(database):
    world = await build_world(database)
    results = await asyncio.gather(
        *(
            data_of(database, world.admin, CREATE, {"label": label})
            for label in ("B-1", "b-1", "B-1 ")
        )
    )
    codes = sorted(code["code"] for r in results for code in r["createSeat"]["userErrors"])
    assert codes == ["ALREADY_EXISTS", "ALREADY_EXISTS"]
    async with database.session() as session:
        assert len(list(await session.scalars(select(Seat.id)))) == 1
