"""Every Node type is an entity found one way: ``node(id:)`` and ``_entities`` alike."""

import pytest
from graphql import GraphQLObjectType
from strawberry.types.base import get_object_definition

from schemas.graph import NODE_TYPES, plain_schemas
from schemas.node_lookup import NODE_KINDS, node_entity


def _node_type_names(schema_name: str) -> set[str]:
    schema = plain_schemas()[schema_name]._schema
    return {
        name
        for name, graphql_type in schema.type_map.items()
        if isinstance(graphql_type, GraphQLObjectType)
        and any(interface.name == "Node" for interface in graphql_type.interfaces)
    }


def test_every_node_type_of_the_graph_is_a_registered_entity_with_one_resolve_reference():
    names = _node_type_names("composed")
    assert (
        names
        == set(NODE_KINDS)
        == {
            "User",
            "PhoneNumber",
            "UserGroup",
            "IncomingCallRule",
            "UserStatusEvent",
            "VideoIntegration",
            "Seat",
            "Call",
            "Meeting",
            "Comment",
            "ApiToken",
            "ScimToken",
            "AuditEntry",
            "ScheduledStatusChange",
            "WebhookEndpoint",
        }
    )
    assert {get_object_definition(cls, strict=True).name for cls in NODE_TYPES} == names
    for cls in NODE_TYPES:
        name = get_object_definition(cls, strict=True).name
        # The helper's, not one written per type.
        code = getattr(cls, "resolve_reference").__func__.__code__  # noqa: B009
        assert code.co_qualname == "node_entity.<locals>.register.<locals>.resolve_reference"
        assert NODE_KINDS[name].build == getattr(cls, "from_row")  # noqa: B009


def test_a_type_cannot_be_registered_twice():
    from schemas.video import VideoIntegration

    kind = NODE_KINDS["VideoIntegration"]
    with pytest.raises(ValueError, match="VideoIntegration is already a node entity"):
        node_entity(kind.loader)(VideoIntegration)
    assert NODE_KINDS["VideoIntegration"] == kind
