"""CORS for /graphql: product frontends on their own origins call it from the browser.

Only the origins of ROSTER_CORS_ORIGINS are allowed, and none by default (then no CORS
header is sent at all). No credentials: roster authenticates by bearer token, never by
cookie, so a browser never sends it on a page's behalf. CORS only lets an allowed page
read answers; what executes stays decided by ``gateway/view.py`` (JSON POST bodies
only, so a page cannot send one without a preflight; no mutations over GET).
"""

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp

from gateway.settings import Settings

CORS_METHODS = ("GET", "POST", "OPTIONS")
# What GraphQL clients send: the token, JSON, GraphQL-over-HTTP's Accept, and the client
# identification Apollo Client adds (and Apollo's own CSRF-prevention header).
CORS_HEADERS = (
    "Authorization",
    "Content-Type",
    "Accept",
    "apollographql-client-name",
    "apollographql-client-version",
    "apollo-require-preflight",
    "x-apollo-operation-name",
)
CORS_MAX_AGE_SECONDS = 600


def with_cors(app: ASGIApp, settings: Settings) -> ASGIApp:
    """``app`` behind CORS for the configured origins; ``app`` itself when there are none."""
    if not settings.cors_origins:
        return app
    return CORSMiddleware(
        app,
        allow_origins=settings.cors_origins,
        allow_methods=CORS_METHODS,
        allow_headers=CORS_HEADERS,
        allow_credentials=False,
        max_age=CORS_MAX_AGE_SECONDS,
    )
