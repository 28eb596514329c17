"""Which GraphQL response media type a request's Accept header asks for."""

from gateway.responses import GRAPHQL_RESPONSE_JSON, JSON, Refusal


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media_range, *parameters = (piece.strip() for piece in part.split(";"))
        if not media_range:
            continue
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media_range.lower(), quality))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The quality of the most specific range that matches ``media_type``; 0 when none does."""
    kind = media_type.split("/")[0]
    for candidate in (media_type, f"{kind}/*", "*/*"):
        for media_range, quality in ranges:
            if media_range == candidate:
                return quality
    return 0.0


def response_media_type(accept: str | None) -> str:
    """The media type to answer with; refuses (406) an Accept that allows neither JSON type.

    No Accept header, or a wildcard, gets application/json: the type every client reads.
    """
    if accept is None or not accept.strip():
        return JSON
    ranges = _ranges(accept)
    graphql_quality = _quality(GRAPHQL_RESPONSE_JSON, ranges)
    json_quality = _quality(JSON, ranges)
    explicit = {media_range for media_range, _ in ranges}
    # A wildcard alone prefers plain JSON; an explicit mention of the spec's type wins a tie.
    if (
        GRAPHQL_RESPONSE_JSON in explicit
        and graphql_quality >= json_quality
        and graphql_quality > 0
    ):
        return GRAPHQL_RESPONSE_JSON
    if json_quality > 0:
        return JSON
    if graphql_quality > 0:
        return GRAPHQL_RESPONSE_JSON
    raise Refusal(
        406,
        f"Accept must allow {GRAPHQL_RESPONSE_JSON} or {JSON}.",
        "NOT_ACCEPTABLE",
    )


def names_media_type(accept: str | None, media_type: str) -> bool:
    """True when Accept names ``media_type`` itself (not by a wildcard) with q > 0."""
    if not accept:
        return False
    ranges = _ranges(accept)
    named = any(media_range == media_type for media_range, _ in ranges)
    return named and _quality(media_type, ranges) > 0
