"""Each rule's Python answer and its SQL filter say the same, for users in every state.

Both forms are built from the rule's one condition in ``resolvers.policy``; this runs
both over a world with every combination of the facts the chart reads (status, seat,
calls in the period; for call rules, every action and every kind of target) and
requires the same rows, on each backend.
"""

import itertools
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import and_, exists, select

from db.enums import CallDirection, IncomingCallAction, UserStatus
from db.models import Call, IncomingCallRule, User
from db.types import utcnow
from resolvers import policy
from resolvers.call_rules import incoming_call_rules
from resolvers.conditions import Fact, Is, UnknownCondition, evaluator
from resolvers.reader import Reader
from resolvers.visibility import (
    _Subject,
    _where,
    listed_call_rules,
    listed_users,
    logs_in,
    visible_users,
)
from tests.factories import (
    make_call,
    make_phone_number,
    make_rule,
    make_seat,
    make_tenant,
    make_user,
)

_users = User.__table__  # type: ignore[attr-defined]
_calls = Call.__table__  # type: ignore[attr-defined]
_rules = IncomingCallRule.__table__  # type: ignore[attr-defined]

NOW = utcnow().replace(microsecond=0)
START, END = NOW - timedelta(days=7), NOW


@dataclass
class World:
    tenant_id: int
    facts_by_user: dict[int, policy.Facts]
    facts_by_rule: dict[int, policy.CallRuleFacts]


async def _build(database) -> World:
    tenant = await make_tenant(database)
    other = await make_tenant(database, "globex")
    # The other tenant's rows must never be counted: one user of each state there too.
    await make_user(database, other, "Otto Other", status=UserStatus.DEACTIVATED)
    facts_by_user: dict[int, policy.Facts] = {}
    for index, (status, has_seat, calls) in enumerate(
        itertools.product(UserStatus, (False, True), ("none", "in period", "before period"))
    ):
        user = await make_user(database, tenant, f"User {index:02d}", status=status)
        if has_seat:
            await make_seat(database, tenant, f"S{index:02d}", user=user)
        if calls == "in period":
            await make_call(database, user, CallDirection.OUTBOUND, START + timedelta(hours=1))
        elif calls == "before period":
            await make_call(database, user, CallDirection.INBOUND, START - timedelta(hours=1))
        facts_by_user[user.id] = policy.status_facts(status, has_seat, calls == "in period")

    phone = await make_phone_number(database, tenant, "+81300000001")
    facts_by_rule: dict[int, policy.CallRuleFacts] = {}
    targets: list[int | None] = [None, *facts_by_user]
    for action, target_id in itertools.product(IncomingCallAction, targets):
        target = None
        if target_id is not None:
            (target,) = [u for u in await _users_of(database, tenant.id) if u.id == target_id]
        rule = await make_rule(database, phone, f"{action} {target_id}", action, target_user=target)
        known = facts_by_user[target_id] if target_id is not None else None
        facts_by_rule[rule.id] = policy.call_rule_facts(action, known)
    return World(tenant.id, facts_by_user, facts_by_rule)


async def _users_of(database, tenant_id: int) -> list[User]:
    async with database.session() as session:
        return list(
            (await session.execute(select(User).where(User.tenant_id == tenant_id))).scalars()
        )


def _had_calls_in_period():
    return exists().where(
        and_(
            _calls.c.user_id == _users.c.id,
            _calls.c.tenant_id == _users.c.tenant_id,
            _calls.c.started_at >= START,
            _calls.c.started_at < END,
        )
    )


async def _user_ids(database, tenant_id: int, where) -> set[int]:
    reader = Reader(database)
    try:
        rows = await reader.rows(select(_users.c.id).where(_users.c.tenant_id == tenant_id, where))
    finally:
        await reader.close()
    return {row.id for row in rows}


def _expected(facts_by_id, answer) -> set[int]:
    return {pk for pk, facts in facts_by_id.items() if answer(facts)}


async def test_every_user_rule_answers_the_same_in_python_and_in_sql(database):
    world = await _build(database)
    user_rules = [rule for rule in policy.RULES if rule.type_name == "User"]
    assert len(user_rules) == len(policy.CHART_ROWS) == 21
    for rule in user_rules:
        if rule.field == "canLogIn":
            where = logs_in(rule.product)

            def python(facts, product=rule.product):
                return policy.can_log_in(product, facts)

        else:
            where = listed_users(rule.field, had_calls_in_period=_had_calls_in_period())

            def python(facts, field=rule.field):
                return policy.answer(field, facts)

        expected = _expected(world.facts_by_user, python)
        assert await _user_ids(database, world.tenant_id, where) == expected, rule
        # Every state is in the world, so each rule shows some users and (but for the
        # rows that keep everyone) hides some.
        assert expected
        if rule.visibility is not policy.Visibility.ALWAYS:
            assert expected != set(world.facts_by_user), rule


async def test_every_visibility_has_a_sql_form_that_agrees_with_its_python_form(database):
    world = await _build(database)
    for visibility in policy.Visibility:
        where = visible_users(visibility, had_calls_in_period=_had_calls_in_period())

        def python(facts, visibility=visibility):
            return policy.shows(visibility, facts)

        expected = _expected(world.facts_by_user, python)
        assert await _user_ids(database, world.tenant_id, where) == expected, visibility


async def test_receivable_answers_the_same_in_python_in_sql_and_in_the_list_query(database):
    world = await _build(database)
    python = _expected(
        world.facts_by_rule,
        lambda facts: policy.answer("receivable", facts, type_name="IncomingCallRule"),
    )
    reader = Reader(database)
    try:
        rows = await reader.rows(
            select(_rules.c.id).where(
                _rules.c.tenant_id == world.tenant_id, listed_call_rules("receivable")
            )
        )
        receivable = await incoming_call_rules(reader, tenant_id=world.tenant_id, receivable=True)
        unreceivable = await incoming_call_rules(
            reader, tenant_id=world.tenant_id, receivable=False
        )
    finally:
        await reader.close()
    assert {row.id for row in rows} == python
    assert {row.id for row in receivable} == python
    assert {row.id for row in unreceivable} == set(world.facts_by_rule) - python
    # A rule that rings a specific user receives calls exactly while that user is active.
    for pk, facts in world.facts_by_rule.items():
        if facts.rings_specific_user:
            assert (pk in python) is (facts.target is not None and facts.target.active)
        else:
            assert pk in python


def test_a_reassigned_rule_may_ring_exactly_the_users_it_can_receive_calls_for():
    assert policy.can_ring(policy.status_facts(UserStatus.ACTIVE)) is True
    assert policy.can_ring(policy.status_facts(UserStatus.DEACTIVATED)) is False


@pytest.mark.parametrize("unknown", ["SOMETIMES", "ACTIVE_ONLY_ON_TUESDAYS"])
def test_a_visibility_the_policy_does_not_know_is_refused_in_both_forms(unknown):
    with pytest.raises(policy.UnknownVisibility):
        visible_users(unknown)  # type: ignore[arg-type]
    with pytest.raises(policy.UnknownVisibility):
        policy.shows(unknown, policy.facts(True))  # type: ignore[arg-type]
    with pytest.raises(policy.UnknownVisibility):
        policy.condition_of(unknown)  # type: ignore[arg-type]


def test_a_condition_neither_form_knows_is_refused():
    class Sometimes:
        pass

    with pytest.raises(UnknownCondition):
        evaluator(Sometimes())  # type: ignore[arg-type]
    with pytest.raises(UnknownCondition):
        _where(Sometimes(), _Subject())  # type: ignore[arg-type]


def test_a_condition_on_calls_in_a_period_is_not_built_without_them():
    with pytest.raises(ValueError, match="calls in a period"):
        listed_users("inCallCenterReport")
    with pytest.raises(ValueError, match="incoming call rule"):
        _where(Is(Fact.RINGS_SPECIFIC_USER), _Subject())


def test_the_python_form_reads_every_kind_of_node_as_its_sql_form_does():
    from resolvers.conditions import ALWAYS, AllOf, AnyOf, Not, OfTarget

    user = policy.facts(True, None, True)
    assert evaluator(ALWAYS)(user) is True
    assert evaluator(AnyOf(()))(user) is False
    # An unknown fact (None) is not had, in Python as in SQL's false.
    assert evaluator(Is(Fact.HAS_SEAT))(user) is False
    assert evaluator(Not(Is(Fact.HAS_SEAT)))(user) is True
    three = AllOf((Is(Fact.ACTIVE), Is(Fact.HAD_CALLS_IN_PERIOD), Not(Is(Fact.HAS_SEAT))))
    assert evaluator(three)(user) is True
    rings = OfTarget(Is(Fact.ACTIVE))
    assert evaluator(rings)(policy.CallRuleFacts(True, None)) is False
    assert evaluator(rings)(policy.CallRuleFacts(True, policy.facts(False))) is False
    assert evaluator(rings)(policy.CallRuleFacts(True, policy.facts(True))) is True
