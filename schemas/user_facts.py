"""What a product's User fields may read from the User they are mixed into."""

from typing import Protocol

from resolvers import policy


class UserFacts(Protocol):
    """The self-type of the product mixins of ``User``: its key and its status facts."""

    pk: int
    active: bool

    @property
    def facts(self) -> policy.Facts: ...
