"""What a change of an incoming call rule did."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row

from resolvers.errors import UserErrorData


@dataclass
class CallRuleChange:
    """The rule as the change left it (None when refused or deleted)."""

    rule: Row[Any] | None = None
    changed: bool = False
    # Set by a deletion: the id the rule had.
    deleted_rule_id: int | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)
