"""Phone numbers of a demo tenant, and the incoming call rules on its company lines."""

import random
from typing import Any

from db.enums import IncomingCallAction, Role
from db.seed.ids import IdCounters
from db.seed.names import VOICEMAIL_RULES
from db.seed.people import PlannedUser
from db.seed.spec import NumberFormat, TenantSpec

NUMBERED_SHARE = 0.85


class UniqueNumbers:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def draw(self, number_format: NumberFormat) -> str:
        while True:
            digits = self.rng.randrange(10**number_format.digits)
            number = f"{number_format.prefix}{digits:0{number_format.digits}d}"
            if number not in self.taken:
                self.taken.add(number)
                return number


def plan_lines(
    spec: TenantSpec,
    users: list[PlannedUser],
    groups: list[dict[str, Any]],
    *,
    rng: random.Random,
    ids: IdCounters,
    tenant_id: int,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Most users keep a direct number; each rule answers its own company line.

    Returns the phone number rows and the rule rows.
    """
    numbers = UniqueNumbers(rng)
    phones = []
    for user in users:
        if user.role is Role.ADMIN or rng.random() < NUMBERED_SHARE:
            phones.append(
                {
                    "id": ids.next("phone_numbers"),
                    "tenant_id": tenant_id,
                    "number": numbers.draw(spec.user_numbers),
                    "user_id": user.id,
                }
            )

    active = [user for user in users if user.active]
    deactivated = [user for user in users if not user.active]
    rules: list[dict[str, Any]] = []
    for user in rng.sample(active, spec.rules_for_active_users) + rng.sample(
        deactivated, min(spec.rules_for_deactivated_users, len(deactivated))
    ):
        rules.append(_rule(f"Direct line: {user.display_name}", target_user_id=user.id))
    for group in groups[: spec.group_rules]:
        rules.append(_rule(f"{group['name']} hotline", target_group_id=group["id"]))
    for index in range(spec.voicemail_rules):
        rules.append(_rule(VOICEMAIL_RULES[index % len(VOICEMAIL_RULES)]))
    rng.shuffle(rules)

    for rule in rules:
        line_id = ids.next("phone_numbers")
        phones.append(
            {
                "id": line_id,
                "tenant_id": tenant_id,
                "number": numbers.draw(spec.line_numbers),
                "user_id": None,
            }
        )
        rule_id = ids.next("incoming_call_rules")
        rule.update(id=rule_id, tenant_id=tenant_id, phone_number_id=line_id)
    return phones, rules


def _rule(
    name: str, *, target_user_id: int | None = None, target_group_id: int | None = None
) -> dict[str, Any]:
    if target_user_id is not None:
        action = IncomingCallAction.CALL_SPECIFIC_USER
    elif target_group_id is not None:
        action = IncomingCallAction.CALL_GROUP
    else:
        action = IncomingCallAction.VOICEMAIL
    return {
        "name": name,
        "action": action,
        "target_user_id": target_user_id,
        "target_group_id": target_group_id,
    }
