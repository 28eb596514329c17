"""Subscriptions' transports on the GraphQL paths: GraphQL over SSE (``sse.py``, from the
GraphQL endpoint itself) and graphql-transport-ws (``websocket.py``), with the limits
they share (``limits.py``)."""
