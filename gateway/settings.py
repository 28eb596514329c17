"""Every setting of roster, read from the environment (prefix ``ROSTER_``), checked at start.

A setting that is out of bounds or of the wrong shape stops roster before it serves
anything, with a message naming the variable (``load_settings``, ``SettingsError``).
"""

import re
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BeforeValidator,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from gateway.auth.oidc_config import (
    MAX_CACHE_SECONDS,
    MIN_CACHE_SECONDS,
    OidcProvider,
    parse_providers,
)
from gateway.origins import normalized_origins, parse_origin_list
from resolvers.tokens import TOKEN_PREFIX
from resolvers.webhooks.schedule import DEFAULT_DISABLE_AFTER, DEFAULT_RETRY_SCHEDULE

DATABASE_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")
EVENTS_URL_SCHEMES = ("redis", "rediss")
MIN_PRODUCTION_SECRET_LENGTH = 16
HEADER_VALUE = re.compile(r"^[\x21-\x7e]+$")  # visible ASCII: what survives an HTTP header
TOKEN_SHAPE = re.compile(rf"^{re.escape(TOKEN_PREFIX)}[A-Za-z0-9_-]{{16,196}}$")
SECRET_FIELDS = frozenset({"subgraph_secret", "graphiql_token", "database_url", "events_url"})
# Metrics (issue 17): the token of /metrics is never shown in a refusal either.
SECRET_FIELDS = SECRET_FIELDS | {"metrics_token"}


def parse_host_list(value: object) -> object:
    """A comma-separated string (the environment's form) as lower-case names."""
    if isinstance(value, str):
        return frozenset(part.strip().lower() for part in value.split(",") if part.strip())
    return value


def parse_seconds_list(value: object) -> object:
    if isinstance(value, str):
        return tuple(float(part) for part in value.split(",") if part.strip())
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ROSTER_", env_file=".env", extra="ignore")

    database_url: str = Field(
        "sqlite+aiosqlite:///./roster.db",
        description="SQLAlchemy async URL: sqlite+aiosqlite:///FILE or postgresql+asyncpg://...",
    )
    events_url: SecretStr = Field(
        SecretStr(""),
        description="where committed changes travel to the subscriptions of every process: "
        "redis://[:PASSWORD@]HOST:PORT[/DB] (or rediss://) for Redis pub/sub; empty: "
        "PostgreSQL LISTEN/NOTIFY on a PostgreSQL database, this process alone on SQLite "
        "(docs/events.md)",
    )
    events_channel_prefix: str = Field(
        "",
        max_length=64,
        pattern=r"^[A-Za-z0-9_.:-]*$",
        description="put before each Redis channel name (roster_events_<tenant>), so that "
        "several roster installations can share one Redis server",
    )
    env: Literal["development", "production"] = Field(
        "development", description="production turns off introspection, GraphiQL and suggestions"
    )
    subgraph_secret: SecretStr = Field(
        SecretStr(""), description="shared secret the router sends in X-Roster-Subgraph-Secret"
    )
    subgraphs_enabled: bool = Field(
        True,
        description="serve /subgraphs/<name>/graphql for a federation router; in production "
        "only with ROSTER_SUBGRAPH_SECRET set",
    )
    cors_origins: Annotated[tuple[str, ...], NoDecode, BeforeValidator(parse_origin_list)] = Field(
        (),
        description="browser origins (scheme://host[:port], comma-separated) that may call "
        "/graphql; empty: no CORS headers at all",
    )
    graphiql_token: SecretStr = Field(
        SecretStr(""),
        description="development only: the API token GraphiQL's Headers tab starts with "
        "(make run passes the demo admin's)",
    )
    max_depth: int = Field(12, ge=1, le=100, description="deepest selection nesting accepted")
    max_aliases: int = Field(30, ge=1, le=1000, description="most aliases in one operation")
    max_tokens: int = Field(
        5000, ge=1, le=100_000, description="most lexical tokens in one document"
    )
    max_body_bytes: int = Field(
        1_000_000, ge=256, le=100_000_000, description="largest request body, in bytes"
    )
    request_timeout_seconds: float = Field(
        10.0, gt=0, le=600, description="time limit of one request"
    )
    planned_execution: bool = Field(
        True,
        description="run fields with roster's planned executor (docs/executor.md); false:"
        " graphql-core's stock execution through Strawberry",
    )

    worker_poll_seconds: float = Field(
        1.0,
        gt=0,
        le=60,
        description="how often the background worker looks for due work (scheduled status "
        "changes): a change runs at most about this late",
    )
    serve_worker: bool = Field(
        True,
        description="run the background worker inside `roster serve` (each uvicorn worker "
        "process runs one; safe by design); false, or `roster serve --no-worker`: run "
        "`roster worker` beside the API processes instead",
    )
    webhook_allowed_hosts: Annotated[frozenset[str], NoDecode, BeforeValidator(parse_host_list)] = (
        Field(
            frozenset(),
            description="host names or addresses (comma-separated) webhooks may reach although "
            "they are private, loopback or link-local: development and tests only",
        )
    )
    webhook_timeout_seconds: float = Field(
        10.0, gt=0, le=60, description="how long a webhook POST may take to connect, and to answer"
    )
    webhook_retry_schedule: Annotated[
        tuple[float, ...], NoDecode, BeforeValidator(parse_seconds_list)
    ] = Field(
        DEFAULT_RETRY_SCHEDULE,
        description="seconds (comma-separated) between a failed webhook attempt and the "
        "next; after the last, the delivery is FAILED (Standard Webhooks' schedule)",
    )
    webhook_disable_after: timedelta = Field(
        DEFAULT_DISABLE_AFTER,
        description="an endpoint whose every attempt failed for this long (seconds, or "
        "ISO 8601 such as P5D) is disabled",
    )
    webhook_batch: int = Field(20, ge=1, le=500, description="deliveries claimed per poll")
    webhook_concurrency: int = Field(
        4, ge=1, le=64, description="webhook POSTs one dispatcher has in flight at once"
    )
    scim_documentation_url: str = Field(
        "",
        description="where SCIM's ServiceProviderConfig sends identity providers for help "
        "(documentationUri: an https URL of docs/scim.md as published); empty: none",
    )

    subscriptions_per_token: int = Field(
        20,
        ge=1,
        le=10_000,
        description="most subscriptions one API token holds open at once in one process "
        "(SSE streams and WebSocket subscriptions together); one more is refused "
        "(SSE: 429, WebSocket: an error message) with TOO_MANY_SUBSCRIPTIONS",
    )
    subscriptions_per_connection: int = Field(
        10,
        ge=1,
        le=1000,
        description="most subscriptions open at once on one WebSocket connection",
    )
    subscription_keep_alive_seconds: float = Field(
        15.0,
        gt=0,
        le=300,
        description="how often a quiet subscription stream sends a keep-alive (SSE: a "
        "comment line; WebSocket: a ping)",
    )
    subscription_init_timeout_seconds: float = Field(
        10.0,
        gt=0,
        le=300,
        description="how long a WebSocket may wait before its connection_init; then it is "
        "closed (4408)",
    )
    subscription_recheck_seconds: float = Field(
        30.0,
        gt=0,
        le=3600,
        description="how often an open subscription checks its caller again with no event "
        "(it also does on every event, and when its token expires)",
    )
    # Logs (issue 17, part 3): gateway/telemetry/logging.py, docs/observability.md.
    log_format: Literal["json", "text"] | None = Field(
        None,
        description="json (one JSON object a line) or text (aligned, for a terminal); "
        "unset: json in production, text in development",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        "INFO", description="the least severe log lines written"
    )

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level_in_capitals(cls, level: object) -> object:
        return level.strip().upper() if isinstance(level, str) else level

    @property
    def log_format_in_effect(self) -> Literal["json", "text"]:
        if self.log_format is not None:
            return self.log_format
        return "json" if self.is_production else "text"

    # Metrics (issue 17, docs/observability.md#metrics): who may read /metrics, and where.
    metrics_token: SecretStr = Field(
        SecretStr(""),
        description="serve /metrics on the main port to `Authorization: Bearer <this>` "
        "(compared in constant time); empty: not on the main port in production, and in "
        "development to loopback clients only",
    )
    metrics_port: int | None = Field(
        None,
        ge=1,
        le=65535,
        description="also serve /metrics, without a token, on this port of "
        "ROSTER_METRICS_HOST (by the same process; the supervisor under --workers N); "
        "unset: no metrics port",
    )
    metrics_host: str = Field(
        "127.0.0.1",
        min_length=1,
        description="the interface the metrics port listens on (it asks for no token: "
        "keep it loopback or on a network only the scraper reaches)",
    )
    metrics_multiproc_dir: str = Field(
        "",
        description="`roster serve --workers N` (N > 1): the directory the workers count "
        "into (emptied at each start); empty: a fresh temporary one per serve",
    )
    metrics_operation_names: int = Field(
        200,
        ge=1,
        le=10_000,
        description="most distinct operation names /metrics tells apart (per process); "
        "later ones are counted as `other`",
    )

    # Trusted documents (issue 17, part 5; docs/trusted-documents.md).
    trusted_documents_dir: Path = Field(
        Path("trusted-documents"),
        description="the registered documents (<sha256 hex>.graphql files and manifest.json, "
        "written by `roster documents add`), read once at start; relative to the working "
        "directory; a directory that does not exist holds none",
    )
    trusted_documents_only: bool | None = Field(
        None,
        description="run only registered documents on /graphql (documentId or APQ's hash): "
        "free text in `query` is refused before parsing (TRUSTED_DOCUMENTS_ONLY); unset: "
        "true in production, false in development; the subgraph endpoints are never limited",
    )

    @property
    def only_trusted_documents(self) -> bool:
        if self.trusted_documents_only is None:
            return self.is_production
        return self.trusted_documents_only

    # Traces (issue 17, part 1): on only when the OTEL_* environment asks (docs/observability.md).
    trace_resolvers: bool = Field(
        False,
        description="with traces on, a span for each resolver call too (its arguments "
        "filtered of personal data); it turns the planned executor off, so it costs",
    )

    # Issue 17, part 4: single sign-on (gateway/auth/, docs/sso.md).
    oidc_providers: Annotated[tuple[OidcProvider, ...], NoDecode] = Field(
        (),
        description="the identity providers whose sign-in tokens (JWTs) roster accepts "
        "beside its API tokens: a JSON list of {issuer, audience, tenant, claim (email or "
        "sub), jwks_uri (optional: from discovery), algorithms (optional: RS256, ES256)}; "
        "empty: API tokens only",
    )
    oidc_leeway_seconds: int = Field(
        60,
        ge=0,
        le=300,
        description="clock skew allowed when checking a sign-in token's exp, nbf and iat",
    )
    oidc_jwks_cache_seconds: float = Field(
        3600.0,
        ge=MIN_CACHE_SECONDS,
        le=MAX_CACHE_SECONDS,
        description="how long a provider's key set is kept when its response names no "
        "Cache-Control max-age (a max-age is honoured between 60 s and 24 h)",
    )
    oidc_jwks_refetch_seconds: float = Field(
        60.0,
        gt=0,
        le=3600,
        description="a token with a key id the cached key set lacks makes roster fetch "
        "the keys again (the provider rotated them), at most once per this many seconds",
    )
    oidc_http_timeout_seconds: float = Field(
        5.0, gt=0, le=60, description="how long fetching a discovery document or key set may take"
    )

    @field_validator("oidc_providers", mode="before")
    @classmethod
    def _providers_shape(cls, value: object, info: ValidationInfo) -> tuple[OidcProvider, ...]:
        return parse_providers(value, production=info.data.get("env") == "production")

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @field_validator("webhook_retry_schedule")
    @classmethod
    def _schedule_shape(cls, schedule: tuple[float, ...]) -> tuple[float, ...]:
        if len(schedule) > 20 or any(not 0 < seconds <= 7 * 86400 for seconds in schedule):
            raise ValueError("at most 20 waits, each more than 0 and at most 604800 seconds")
        return schedule

    @field_validator("database_url")
    @classmethod
    def _database_url_shape(cls, url: str) -> str:
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise ValueError(
                "not a database URL; write sqlite+aiosqlite:///FILE or "
                "postgresql+asyncpg://USER@HOST:PORT/DB"
            ) from None
        if parsed.drivername not in DATABASE_DRIVERS:
            raise ValueError(
                f"roster does not run on {parsed.drivername!r}; write "
                "sqlite+aiosqlite:///FILE or postgresql+asyncpg://USER@HOST:PORT/DB"
            )
        if parsed.drivername.startswith("sqlite") and not parsed.database:
            raise ValueError(
                "an in-memory SQLite database (no file) is a new one per connection; "
                "write sqlite+aiosqlite:///FILE"
            )
        return url

    @field_validator("events_url")
    @classmethod
    def _events_url_shape(cls, url: SecretStr) -> SecretStr:
        value = url.get_secret_value()
        scheme, separator, rest = value.partition("://")
        if value and (scheme not in EVENTS_URL_SCHEMES or not separator or not rest.strip("/")):
            raise ValueError(
                "the events bus is a Redis server: write redis://HOST:PORT (rediss:// for "
                "TLS), or leave it empty for PostgreSQL LISTEN/NOTIFY or, on SQLite, this "
                "process alone"
            )
        return url

    @field_validator("scim_documentation_url")
    @classmethod
    def _documentation_url_shape(cls, url: str) -> str:
        if url and not re.match(r"^https?://[^\s/]+\S*$", url):
            raise ValueError("an absolute http(s) URL, or empty")
        return url

    @field_validator("cors_origins")
    @classmethod
    def _origins_shape(cls, origins: tuple[str, ...]) -> tuple[str, ...]:
        return normalized_origins(origins)

    @field_validator("subgraph_secret")
    @classmethod
    def _secret_shape(cls, secret: SecretStr) -> SecretStr:
        value = secret.get_secret_value()
        if value and not HEADER_VALUE.match(value):
            raise ValueError("only visible ASCII characters, no spaces, travel in an HTTP header")
        return secret

    @field_validator("metrics_token")
    @classmethod
    def _metrics_token_shape(cls, token: SecretStr) -> SecretStr:
        value = token.get_secret_value()
        if value and not HEADER_VALUE.match(value):
            raise ValueError("only visible ASCII characters, no spaces, travel in an HTTP header")
        if value and len(value) < MIN_PRODUCTION_SECRET_LENGTH:
            raise ValueError(
                f"shorter than {MIN_PRODUCTION_SECRET_LENGTH} characters, too easy to guess: "
                "use a long random value (e.g. `openssl rand -hex 24`)"
            )
        return token

    @field_validator("graphiql_token")
    @classmethod
    def _token_shape(cls, token: SecretStr) -> SecretStr:
        value = token.get_secret_value()
        if value and not TOKEN_SHAPE.match(value):
            raise ValueError(
                f"not an API token ({TOKEN_PREFIX}..., as `roster token create` prints one)"
            )
        return token

    def check_serving(self) -> None:
        """SettingsError unless these settings may serve requests: the rules over several
        settings that matter to `roster serve` (a migration or a seed needs none of them)."""
        problems = []
        secret = self.subgraph_secret.get_secret_value()
        if self.is_production and self.subgraphs_enabled and not secret:
            problems.append(
                "ROSTER_ENV=production serves the subgraph endpoints (/subgraphs/<name>/graphql), "
                "which answer `_entities` and `_service` to any valid API token unless they are "
                "closed to all but the router: set ROSTER_SUBGRAPH_SECRET to a long random "
                "value the router sends, or set ROSTER_SUBGRAPHS_ENABLED=false to serve "
                "/graphql alone"
            )
        if self.is_production and secret and len(secret) < MIN_PRODUCTION_SECRET_LENGTH:
            problems.append(
                f"ROSTER_SUBGRAPH_SECRET is shorter than {MIN_PRODUCTION_SECRET_LENGTH} "
                "characters, too easy to guess for production: use a long random value "
                "(e.g. `openssl rand -hex 24`)"
            )
        if self.is_production and self.graphiql_token.get_secret_value():
            problems.append(
                "ROSTER_GRAPHIQL_TOKEN would put an API token into the GraphiQL page; it is "
                "for development only (make run sets it), and production serves no GraphiQL: "
                "unset it"
            )
        if problems:
            raise SettingsError(refusal(problems))


class SettingsError(ValueError):
    """The settings roster was started with cannot be used; the message says which and why."""


def refusal(problems: list[str]) -> str:
    return (
        "roster cannot start with these settings: "
        + "; ".join(problems)
        + ". Fix the environment (or .env) and start it again."
    )


def _variable(field: str) -> str:
    return f"ROSTER_{field.upper()}"


def _shown(field: str, value: object) -> str:
    """How a refused value appears in the message: never a secret, never a password."""
    if field == "database_url" and isinstance(value, str):
        try:
            return f"={make_url(value).render_as_string(hide_password=True)!r}"
        except ArgumentError:
            return ""
    return "" if field in SECRET_FIELDS else f"={value!r}"


def describe(error: ValidationError) -> str:
    """One paragraph naming each refused variable and why (secrets' values never shown)."""
    problems = []
    for item in error.errors():
        message = item["msg"].removeprefix("Value error, ")
        if not item["loc"]:  # a rule over several settings: its message names them
            problems.append(message)
            continue
        field = str(item["loc"][0])
        reason = message[:1].lower() + message[1:]
        problems.append(f"{_variable(field)}{_shown(field, item['input'])}: {reason}")
    return refusal(problems)


def load_settings() -> Settings:
    """The settings from the environment; SettingsError with a readable message if refused."""
    try:
        return Settings()
    except ValidationError as error:
        raise SettingsError(describe(error)) from None


@lru_cache
def get_settings() -> Settings:
    return load_settings()
