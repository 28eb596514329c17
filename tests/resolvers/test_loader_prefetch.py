"""TenantLoader.prefetch loads a list's keys in one statement; peek reads them without awaiting."""

import asyncio

import pytest

from resolvers.loaders.admin import PhoneNumbersByUserIdLoader, UserByIdLoader
from resolvers.loaders.base import NOT_LOADED
from resolvers.reader import Reader
from tests.factories import make_phone_number, make_tenant, make_user
from tests.graphql import StatementCounter


async def test_prefetch_answers_peek_and_load_from_one_statement(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada")
    bo = await make_user(database, acme, "Bo")
    await make_phone_number(database, acme, "+81311110000", ada)
    await make_phone_number(database, acme, "+81311110001", ada)
    reader = Reader(database)
    loader = PhoneNumbersByUserIdLoader(reader, acme.id)
    try:
        assert loader.peek(ada.id) is NOT_LOADED
        with StatementCounter(database) as counter:
            await loader.prefetch([ada.id, bo.id, ada.id])
            assert [row.number for row in loader.peek(ada.id)] == ["+81311110000", "+81311110001"]
            assert loader.peek(bo.id) == []
            assert [row.number for row in await loader.load(ada.id)] == [
                "+81311110000",
                "+81311110001",
            ]
            await loader.prefetch([ada.id, bo.id])  # all known: no statement
        assert counter.count == 1
    finally:
        await reader.close()


async def test_a_load_during_a_prefetch_waits_for_its_batch(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada")
    reader = Reader(database)
    loader = UserByIdLoader(reader, acme.id)
    try:
        with StatementCounter(database) as counter:
            prefetched, loaded = await asyncio.gather(
                loader.prefetch([ada.id]), loader.load(ada.id)
            )
        assert prefetched is None
        assert loaded.display_name == "Ada"
        assert counter.count == 1
    finally:
        await reader.close()


async def test_a_failed_batch_reaches_loads_and_is_not_kept(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada")
    reader = Reader(database)
    loader = UserByIdLoader(reader, acme.id)
    waiting: list[asyncio.Future] = []

    async def failing_batch(keys):
        waiting.append(loader.load(ada.id))  # asks while the batch is out
        raise RuntimeError("the database went away")

    loader.batch_load_fn = failing_batch  # type: ignore[method-assign]
    try:
        with pytest.raises(RuntimeError, match="went away"):
            await loader.prefetch([ada.id])
        with pytest.raises(RuntimeError, match="went away"):
            await waiting[0]
        assert loader.peek(ada.id) is NOT_LOADED
    finally:
        await reader.close()


async def test_prefetched_and_primed_answers_hold_no_future_until_loaded(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada")
    bo = await make_user(database, acme, "Bo")
    reader = Reader(database)
    loader = UserByIdLoader(reader, acme.id)
    try:
        await loader.prefetch([ada.id])
        loader.prime(bo.id, "Bo's row")
        loader.prime(ada.id, "ignored: Ada is known")
        assert loader._cache == {}
        assert loader._prefetching == {}
        assert loader.peek(ada.id).display_name == "Ada"
        assert loader.peek(bo.id) == "Bo's row"
        assert (await loader.load(ada.id)).display_name == "Ada"
        assert await loader.load(bo.id) == "Bo's row"
        loader.clear(bo.id)
        assert loader.peek(bo.id) is NOT_LOADED
        loader.clear_all()
        assert loader.peek(ada.id) is NOT_LOADED
    finally:
        await reader.close()


async def test_a_primed_error_stays_an_error(database):
    acme = await make_tenant(database)
    reader = Reader(database)
    loader = UserByIdLoader(reader, acme.id)
    try:
        loader.prime(7, LookupError("no such user"))
        assert loader.peek(7) is NOT_LOADED
        with pytest.raises(LookupError, match="no such user"):
            await loader.load(7)
    finally:
        await reader.close()


async def test_a_key_answered_with_an_error_or_cleared_during_a_prefetch_is_not_kept(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada")
    bo = await make_user(database, acme, "Bo")
    cy = await make_user(database, acme, "Cy")
    reader = Reader(database)
    loader = UserByIdLoader(reader, acme.id)
    original = loader.batch_load_fn
    waiting: list[asyncio.Future] = []

    async def batch(keys):
        rows = await original(keys)
        waiting.extend(loader.load(key) for key in keys)  # asked while the batch is out
        loader.clear(cy.id)
        return [
            LookupError("no Bo") if key == bo.id else row
            for key, row in zip(keys, rows, strict=True)
        ]

    loader.batch_load_fn = batch  # type: ignore[method-assign]
    try:
        await loader.prefetch([ada.id, bo.id, cy.id])
        assert loader._prefetching == {}
        assert loader.peek(ada.id).display_name == "Ada"
        assert loader.peek(bo.id) is NOT_LOADED
        assert loader.peek(cy.id) is NOT_LOADED
        ada_loaded, bo_failed, cy_loaded = await asyncio.gather(*waiting, return_exceptions=True)
        assert ada_loaded.display_name == "Ada"
        assert isinstance(bo_failed, LookupError)
        assert cy_loaded.display_name == "Cy"  # loaded again, after its clear
        with pytest.raises(LookupError, match="no Bo"):
            await loader.load(bo.id)
    finally:
        await reader.close()
