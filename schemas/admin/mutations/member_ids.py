"""User ids of a mutation's input as primary keys: None for one that names no User."""

from collections.abc import Sequence

import strawberry

from resolvers.ids import pk_of


def user_pks(ids: Sequence[strawberry.ID] | None) -> list[int | None]:
    return [pk_of(user_id, "User") for user_id in ids or ()]
