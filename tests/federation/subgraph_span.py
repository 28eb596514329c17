"""Which subgraphs an operation needs, read off the supergraph's ``@join__*`` routing."""

from graphql import (
    GraphQLSchema,
    TypeInfo,
    Visitor,
    build_schema,
    get_named_type,
    parse,
    visit,
)
from graphql.language import FieldNode, ObjectTypeDefinitionNode, StringValueNode
from graphql.utilities import TypeInfoVisitor


def _graph_names(schema: GraphQLSchema) -> dict[str, str]:
    """join__Graph enum value -> subgraph name (from ``@join__graph(name:)``)."""
    graphs = schema.get_type("join__Graph")
    names: dict[str, str] = {}
    for value_name, value in graphs.values.items():  # type: ignore[union-attr]
        assert value.ast_node is not None
        for directive in value.ast_node.directives or ():
            if directive.name.value == "join__graph":
                for argument in directive.arguments:
                    if argument.name.value == "name":
                        assert isinstance(argument.value, StringValueNode)
                        names[value_name] = argument.value.value
    return names


def _graphs_of(node: object, directive_name: str) -> list[str]:
    graphs = []
    for directive in getattr(node, "directives", None) or ():
        if directive.name.value != directive_name:
            continue
        for argument in directive.arguments:
            if argument.name.value == "graph":
                graphs.append(argument.value.value)
    return graphs


class _SpanVisitor(Visitor):
    def __init__(self, schema: GraphQLSchema, type_info: TypeInfo) -> None:
        super().__init__()
        self.type_info = type_info
        self.names = _graph_names(schema)
        self.subgraphs: set[str] = set()

    def enter_field(self, node: FieldNode, *_: object) -> None:
        parent = self.type_info.get_parent_type()
        definition = self.type_info.get_field_def()
        if parent is None or definition is None or definition.ast_node is None:
            return
        graphs = _graphs_of(definition.ast_node, "join__field")
        if not graphs and isinstance(get_named_type(parent).ast_node, ObjectTypeDefinitionNode):
            graphs = _graphs_of(parent.ast_node, "join__type")
        if len(set(graphs)) == 1:  # only a field one subgraph alone resolves decides
            self.subgraphs.add(self.names[graphs[0]])


def subgraphs_needed(supergraph_sdl: str, query: str) -> set[str]:
    """The subgraphs that alone resolve some field of ``query``."""
    schema = build_schema(supergraph_sdl)
    type_info = TypeInfo(schema)
    span = _SpanVisitor(schema, type_info)
    visit(parse(query), TypeInfoVisitor(type_info, span))
    return span.subgraphs
