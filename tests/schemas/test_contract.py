"""The composed graph keeps every promise of the public contract (it may add, never change)."""

from pathlib import Path
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    build_schema,
    value_from_ast,
)

from schemas.graph import plain_schemas

KINDS = (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
)
REPO = Path(__file__).resolve().parents[2]
# The repository keeps a copy of the public contract, so a clone standing alone checks it;
# where the shared contract lies beside the checkout, the copy must be identical to it.
CONTRACT = REPO / "schema" / "contract.graphql"
SHARED_CONTRACT = REPO.parent / "shared" / "api" / "contract.graphql"


def _contract() -> GraphQLSchema:
    return build_schema(CONTRACT.read_text())


def _contract_type_names() -> list[str]:
    if not CONTRACT.exists():
        return []
    return sorted(name for name in _contract().type_map if not name.startswith("__"))


def _default(value_holder: Any) -> Any:
    """The declared default of an argument or input field, also for an SDL-built schema."""
    node = value_holder.ast_node
    if node is not None and node.default_value is not None:
        return value_from_ast(node.default_value, value_holder.type)
    return value_holder.default_value


def _ours() -> GraphQLSchema:
    return plain_schemas()["composed"]._schema


def test_the_contract_is_found():
    assert CONTRACT.exists(), f"the repository's copy of the contract is missing: {CONTRACT}"


def test_the_kept_contract_is_the_shared_one():
    if not SHARED_CONTRACT.exists():
        pytest.skip(f"no shared contract beside this checkout ({SHARED_CONTRACT})")
    assert CONTRACT.read_text() == SHARED_CONTRACT.read_text(), (
        f"{CONTRACT} differs from {SHARED_CONTRACT}: copy the shared contract over"
    )


@pytest.mark.parametrize("name", _contract_type_names())
def test_type_keeps_the_contract(name: str):
    theirs = _contract().type_map[name]
    ours = _ours().type_map.get(name)
    assert ours is not None, f"type {name} is missing"
    kind = next(k for k in KINDS if isinstance(theirs, k))
    assert isinstance(ours, kind), f"{name} is a {type(ours).__name__}, not a {kind.__name__}"
    if isinstance(theirs, GraphQLEnumType):
        assert set(theirs.values) <= set(ours.values)  # type: ignore[union-attr]
        return
    if isinstance(theirs, GraphQLObjectType | GraphQLInterfaceType):
        their_interfaces = {i.name for i in theirs.interfaces}
        assert their_interfaces <= {i.name for i in ours.interfaces}  # type: ignore[union-attr]
    if isinstance(theirs, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
        for field_name, field in theirs.fields.items():
            our_field = ours.fields.get(field_name)  # type: ignore[union-attr]
            assert our_field is not None, f"{name}.{field_name} is missing"
            assert str(our_field.type) == str(field.type), f"{name}.{field_name}"
            if isinstance(theirs, GraphQLInputObjectType):
                assert our_field.default_value == _default(field), f"{name}.{field_name} default"
                continue
            for arg_name, arg in field.args.items():
                our_arg = our_field.args.get(arg_name)
                assert our_arg is not None, f"{name}.{field_name}({arg_name}) is missing"
                assert str(our_arg.type) == str(arg.type), f"{name}.{field_name}({arg_name})"
                assert our_arg.default_value == _default(arg), (
                    f"{name}.{field_name}({arg_name}) default"
                )
            added_required = [
                a
                for a, v in our_field.args.items()
                if a not in field.args and str(v.type).endswith("!") and v.default_value is None
            ]
            assert not added_required, (
                f"{name}.{field_name} adds required arguments {added_required}"
            )
