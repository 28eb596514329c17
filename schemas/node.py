import strawberry


@strawberry.interface(description="An object with an opaque global ID, the same in every subgraph.")
class Node:
    id: strawberry.ID = strawberry.field(description="Opaque global ID.")
