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
# The repository keeps a copy of the public contract, grown with every addition the
# issues name, so a clone standing alone checks it; where the shared contract lies beside
# the checkout, the copy must contain it (the shared one is the floor).
CONTRACT = REPO / "schema" / "contract.graphql"
SHARED_CONTRACT = REPO.parent / "shared" / "api" / "contract.graphql"


def _contract() -> GraphQLSchema:
    return build_schema(CONTRACT.read_text())


def _type_names(schema: GraphQLSchema) -> list[str]:
    return sorted(name for name in schema.type_map if not name.startswith("__"))


def _contract_type_names() -> list[str]:
    return _type_names(_contract()) if CONTRACT.exists() else []


def _shared_type_names() -> list[str]:
    return (
        _type_names(build_schema(SHARED_CONTRACT.read_text())) if SHARED_CONTRACT.exists() else []
    )


def _default(value_holder: Any) -> Any:
    """The declared default of an argument or input field, also for an SDL-built schema."""
    node = value_holder.ast_node
    if node is not None and node.default_value is not None:
        return value_from_ast(node.default_value, value_holder.type)
    return value_holder.default_value


def _ours() -> GraphQLSchema:
    return plain_schemas()["composed"]._schema


def assert_keeps(theirs_schema: GraphQLSchema, ours_schema: GraphQLSchema, name: str) -> None:
    """``ours_schema``'s type ``name`` keeps every promise ``theirs_schema``'s makes: the
    same kind, every field, argument and enum value, with the same types and defaults,
    and no new required argument."""
    theirs = theirs_schema.type_map[name]
    ours = ours_schema.type_map.get(name)
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
                assert _default(our_field) == _default(field), f"{name}.{field_name} default"
                continue
            for arg_name, arg in field.args.items():
                our_arg = our_field.args.get(arg_name)
                assert our_arg is not None, f"{name}.{field_name}({arg_name}) is missing"
                assert str(our_arg.type) == str(arg.type), f"{name}.{field_name}({arg_name})"
                assert _default(our_arg) == _default(arg), (
                    f"{name}.{field_name}({arg_name}) default"
                )
            added_required = [
                a
                for a, v in our_field.args.items()
                if a not in field.args and str(v.type).endswith("!") and _default(v) is None
            ]
            assert not added_required, (
                f"{name}.{field_name} adds required arguments {added_required}"
            )


def test_the_contract_is_found():
    assert CONTRACT.exists(), f"the repository's copy of the contract is missing: {CONTRACT}"


@pytest.mark.parametrize("name", _shared_type_names() or ["(no shared contract)"])
def test_the_kept_contract_contains_the_shared_one(name: str):
    """The shared contract is the floor: the repository's copy may add to it, never change it."""
    if not SHARED_CONTRACT.exists():
        pytest.skip(f"no shared contract beside this checkout ({SHARED_CONTRACT})")
    assert_keeps(build_schema(SHARED_CONTRACT.read_text()), _contract(), name)


@pytest.mark.parametrize("name", _contract_type_names())
def test_type_keeps_the_contract(name: str):
    assert_keeps(_contract(), _ours(), name)


@pytest.mark.parametrize("root", ["Query", "Mutation"])
def test_the_kept_contract_records_every_root_field(root: str):
    """The repository's copy records the whole API: a root field added to the graph is
    added to the copy too."""
    ours = _ours().type_map[root]
    theirs = _contract().type_map[root]
    missing = sorted(set(ours.fields) - set(theirs.fields))  # type: ignore[attr-defined]
    assert not missing, f"schema/contract.graphql lacks {root} fields {missing}"
