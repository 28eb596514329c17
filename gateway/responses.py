"""GraphQL-shaped error responses for refusals that happen before execution."""

from starlette.responses import Response

import orjson


def graphql_error_response(
    status_code: int, message: str, code: str, headers: dict[str, str] | None = None
) -> Response:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return Response(
        orjson.dumps(body),
        status_code=status_code,
        media_type="application/json",
        headers=headers,
    )
