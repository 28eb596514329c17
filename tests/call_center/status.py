"""Changing a user's status the way an admin does: through the real mutations."""

from db.models import User
from resolvers.ids import to_global_id
from resolvers.tokens import Caller
from tests.graphql import data_of


def gid(type_name: str, row: object) -> str:
    return to_global_id(type_name, row.id)  # type: ignore[attr-defined]


async def set_active(database, admin: Caller, user: User, active: bool) -> None:
    """Activate or deactivate ``user`` as ``admin``; fails the test unless it changed."""
    mutation = "activateUser" if active else "deactivateUser"
    input_type = "ActivateUserInput" if active else "DeactivateUserInput"
    data = await data_of(
        database,
        admin,
        f"mutation($input: {input_type}!) {{ {mutation}(input: $input) "
        "{ changed userErrors { code } } }",
        {"input": {"userId": gid("User", user)}},
    )
    assert data[mutation] == {"changed": True, "userErrors": []}
