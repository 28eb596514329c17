"""The optional target ids of the rule mutations, decoded for the domain functions."""

from resolvers.call_rules.fields import GivenId
from resolvers.ids import pk_of


def given_id(global_id: str | None, type_name: str) -> GivenId | None:
    """None when the input gave no id; otherwise the id, its key None if it names no
    ``type_name``."""
    return None if global_id is None else GivenId(pk_of(global_id, type_name))
