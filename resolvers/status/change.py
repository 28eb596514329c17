"""The one code path that activates or deactivates a user, with every effect, or none."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.enums import AuditAction, Product, Role, UserStatus, UserStatusAction
from db.models import User, UserStatusEvent
from db.types import utcnow
from resolvers import policy
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, api_value, record_audit
from resolvers.context import RosterContext
from resolvers.errors import UserErrorCode, UserErrorData, UserErrorRaised, forbidden, not_found
from resolvers.events.record import record_event
from resolvers.events.types import EventType
from resolvers.locks import lock_tenant, lock_user
from resolvers.observe import (
    StatusChangeReport,
    StatusOutcome,
    is_dry_run,
    report_status_change,
)
from resolvers.status.effects import reassign_rules, removers, rules_targeting
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction
from resolvers.visibility import logs_in


@dataclass
class StatusChange:
    """What one change did (or, for a dry run, would do)."""

    user: Row[Any] | None = None
    changed: bool = False
    dry_run: bool = False
    removed_video_integrations: list[dict[str, Any]] = field(default_factory=list)
    affected_incoming_call_rules: list[Row[Any]] = field(default_factory=list)
    user_errors: list[UserErrorData] = field(default_factory=list)
    # The status event the change wrote; None when nothing changed.
    event_id: int | None = None


USER_ID = ("input", "userId")
REASSIGN_TO = ("input", "reassignIncomingCallRulesTo")


def _fail(code: UserErrorCode, message: str, field: tuple[str, ...]) -> UserErrorRaised:
    return UserErrorRaised(UserErrorData(code, message, field))


def refusals(
    caller: Caller | None, user_id: int | None, *, user_field: tuple[str, ...] = USER_ID
) -> list[UserErrorData]:
    """Why a change is refused before any transaction: a member acting, an id not decoded."""
    if caller is not None and caller.role is not Role.ADMIN:
        return [forbidden()]
    if user_id is None:
        return [not_found(user_field)]
    return []


async def change_user_status(
    context: RosterContext,
    *,
    caller: Caller | None,
    tenant_id: int,
    user_id: int | None,
    target: UserStatus,
    dry_run: bool = False,
    reassign_rules_to: int | None = None,
    reassign_given: bool = False,
    user_field: tuple[str, ...] = USER_ID,
    actor: Actor | None = None,
) -> StatusChange:
    """Set ``user_id``'s status to ``target`` in one transaction of ``context``'s request.

    ``caller`` None means the system (CLI, provisioning) acts. ``user_id`` and
    ``reassign_rules_to`` are primary keys already decoded; None means the id given
    did not decode. ``user_field`` is where the user's id is in the input, for the
    errors about it. ``actor`` is who the audit log names (by default the caller, or
    the CLI for no caller). A dry run goes through every step; nothing is committed, and the
    rest of the request's answer is read from its transaction (``write_transaction``).
    """
    refused = refusals(caller, user_id, user_field=user_field)
    if refused or user_id is None:
        return StatusChange(dry_run=dry_run, user_errors=refused)

    async def work(session: AsyncSession) -> StatusChange:
        change = await apply_status_change(
            session,
            database=context.database,
            caller=caller,
            tenant_id=tenant_id,
            user_id=user_id,
            target=target,
            reassign_rules_to=reassign_rules_to,
            reassign_given=reassign_given,
            user_field=user_field,
            actor=actor,
        )
        change.dry_run = dry_run
        return change

    try:
        return await write_transaction(context, work, dry_run=dry_run)
    except UserErrorRaised as raised:
        return StatusChange(dry_run=dry_run, user_errors=[raised.error])


async def count_other_active_admins(
    session: AsyncSession, database: Database, *, tenant_id: int, user_id: int
) -> int:
    """The tenant's admins other than ``user_id`` who can log in to Admin, counted inside
    ``session``'s transaction; on PostgreSQL with the tenant's row locked first, so two
    deactivations or demotions of admins cannot each leave the other as the last one."""
    await lock_tenant(session, database=database, tenant_id=tenant_id)
    users = User.__table__  # type: ignore[attr-defined]
    return int(
        await session.scalar(
            select(func.count())
            .select_from(users)
            .where(
                users.c.tenant_id == tenant_id,
                users.c.role == Role.ADMIN,
                logs_in(Product.ADMIN, users=users),
                users.c.id != user_id,
            )
        )
        or 0
    )


async def apply_status_change(
    session: AsyncSession,
    *,
    database: Database,
    caller: Caller | None,
    tenant_id: int,
    user_id: int,
    target: UserStatus,
    reassign_rules_to: int | None = None,
    reassign_given: bool = False,
    user_field: tuple[str, ...] = USER_ID,
    actor: Actor | None = None,
) -> StatusChange:
    """The change, every effect included, in ``session``'s open transaction.

    Raises ``UserErrorRaised`` for a change the chart or the guards refuse; the
    transaction is then the caller's to roll back. Every outcome is reported to the
    domain's observers (``resolvers.observe``).
    """
    acting = actor or Actor.of(caller)

    def report(outcome: StatusOutcome, refusal_code: str | None = None) -> None:
        report_status_change(
            session,
            StatusChangeReport(
                tenant_id=tenant_id,
                user_id=user_id,
                target=target,
                actor_kind=acting.kind,
                outcome=outcome,
                dry_run=is_dry_run(session),
                refusal_code=refusal_code,
            ),
        )

    try:
        change = await _apply(
            session,
            database=database,
            caller=caller,
            acting=acting,
            tenant_id=tenant_id,
            user_id=user_id,
            target=target,
            reassign_rules_to=reassign_rules_to,
            reassign_given=reassign_given,
            user_field=user_field,
        )
    except UserErrorRaised as raised:
        report(StatusOutcome.REFUSED, raised.error.code.value)
        raise
    report(StatusOutcome.CHANGED if change.changed else StatusOutcome.UNCHANGED)
    return change


async def _apply(
    session: AsyncSession,
    *,
    database: Database,
    caller: Caller | None,
    acting: Actor,
    tenant_id: int,
    user_id: int,
    target: UserStatus,
    reassign_rules_to: int | None,
    reassign_given: bool,
    user_field: tuple[str, ...],
) -> StatusChange:
    user = await lock_user(session, database, tenant_id=tenant_id, user_id=user_id)
    if user is None:
        raise UserErrorRaised(not_found(user_field))
    if user.status == target:
        return StatusChange(user=user, changed=False)

    deactivating = target is UserStatus.DEACTIVATED
    reassign_to = None
    if deactivating:
        if caller is not None and caller.user_id == user_id:
            raise _fail(
                UserErrorCode.CANNOT_DEACTIVATE_SELF, "You cannot deactivate yourself.", user_field
            )
        if user.role == Role.ADMIN and not await count_other_active_admins(
            session, database, tenant_id=tenant_id, user_id=user_id
        ):
            raise _fail(
                UserErrorCode.LAST_ADMIN,
                "This is the tenant's last active admin; make another admin first.",
                user_field,
            )
        if reassign_given:
            reassign_to = await _check_reassign_target(
                session, tenant_id=tenant_id, user_id=user_id, to_user_id=reassign_rules_to
            )

    removed: list[dict[str, Any]] = []
    if deactivating:
        for _field, remove in removers():
            removed.extend(await remove(session, tenant_id=tenant_id, user_id=user_id))

    rules = await rules_targeting(session, tenant_id=tenant_id, user_id=user_id)
    if reassign_to is not None:
        rules = await reassign_rules(
            session, rule_ids=[rule.id for rule in rules], to_user_id=reassign_to
        )

    now = utcnow()
    updated = await _write_status(session, user=user, target=target, now=now)
    event = UserStatusEvent(
        tenant_id=tenant_id,
        user_id=user_id,
        actor_id=caller.user_id if caller is not None else None,
        actor_kind=acting.kind,
        action=UserStatusAction.DEACTIVATED if deactivating else UserStatusAction.ACTIVATED,
        at=now,
        removed_video_integrations=removed,
        affected_incoming_call_rule_ids=[rule.id for rule in rules],
    )
    session.add(event)
    await session.flush()
    await record_audit(
        session,
        tenant_id=tenant_id,
        actor=acting,
        action=AuditAction.USER_DEACTIVATED if deactivating else AuditAction.USER_ACTIVATED,
        target_type="User",
        target_id=user_id,
        target_user_id=user_id,
        changes=_status_changes(user, updated, reassigned=rules if reassign_to else []),
        at=now,
    )
    assert event.id is not None
    await record_event(
        session,
        tenant_id=tenant_id,
        type=EventType.USER_DEACTIVATED if deactivating else EventType.USER_ACTIVATED,
        user_id=user_id,
        data=status_event_data(updated, event, rules),
        occurred_at=now,
        status_event_id=event.id,
    )
    return StatusChange(
        event_id=event.id,
        user=updated,
        changed=True,
        removed_video_integrations=removed,
        affected_incoming_call_rules=rules,
    )


async def _check_reassign_target(
    session: AsyncSession, *, tenant_id: int, user_id: int, to_user_id: int | None
) -> int:
    field = REASSIGN_TO
    if to_user_id is None:
        raise UserErrorRaised(not_found(field))
    if to_user_id == user_id:
        raise _fail(
            UserErrorCode.INVALID_INPUT,
            "Rules cannot be reassigned to the user being deactivated.",
            field,
        )
    users = User.__table__  # type: ignore[attr-defined]
    status = await session.scalar(
        select(users.c.status).where(users.c.id == to_user_id, users.c.tenant_id == tenant_id)
    )
    if status is None:
        raise UserErrorRaised(not_found(field))
    if not policy.can_ring(policy.status_facts(status)):
        raise _fail(
            UserErrorCode.INVALID_INPUT, "Rules can only be reassigned to an active user.", field
        )
    return to_user_id


async def _write_status(
    session: AsyncSession, *, user: Row[Any], target: UserStatus, now: datetime
) -> Row[Any]:
    users = User.__table__  # type: ignore[attr-defined]
    deactivated_at = now if target is UserStatus.DEACTIVATED else None
    result = await session.execute(
        update(users)
        .where(users.c.id == user.id, users.c.version == user.version)
        .values(
            status=target,
            deactivated_at=deactivated_at,
            version=user.version + 1,
            updated_at=now,
        )
        .returning(*users.c)
    )
    updated = result.first()
    # The row lock (or SQLite's write lock) makes a lost race impossible; the version
    # check is the belt to those braces.
    if updated is None:
        raise RuntimeError("user changed under a held lock")
    return updated


def status_event_data(
    user: Row[Any], event: UserStatusEvent, rules: list[Row[Any]]
) -> dict[str, Any]:
    """A status event's ``data``, as webhooks send it: ids only, no personal data."""
    return {
        "userId": api_value(user.id, id_type="User"),
        "externalId": user.external_id,
        "status": api_value(user.status),
        "statusEventId": api_value(event.id, id_type="UserStatusEvent"),
        "actorKind": api_value(event.actor_kind),
        "at": api_value(event.at),
        "affectedIncomingCallRuleIds": api_value(
            [rule.id for rule in rules], id_type="IncomingCallRule"
        ),
        "removedVideoIntegrationCount": len(event.removed_video_integrations or []),
    }


def _status_changes(
    before: Row[Any], after: Row[Any], *, reassigned: list[Row[Any]]
) -> list[FieldChange]:
    changes = [
        FieldChange("status", api_value(before.status), api_value(after.status)),
        FieldChange(
            "deactivatedAt", api_value(before.deactivated_at), api_value(after.deactivated_at)
        ),
    ]
    if reassigned:
        changes.append(
            FieldChange(
                "reassignedIncomingCallRules",
                None,
                api_value([rule.id for rule in reassigned], id_type="IncomingCallRule"),
            )
        )
    return changes
