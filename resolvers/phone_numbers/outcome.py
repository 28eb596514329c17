"""What assigning or unassigning a number did."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row

from resolvers.errors import UserErrorData


@dataclass
class PhoneNumberChange:
    """The number as the change left it (None when refused), and whether it changed."""

    phone_number: Row[Any] | None = None
    changed: bool = False
    user_errors: list[UserErrorData] = field(default_factory=list)
