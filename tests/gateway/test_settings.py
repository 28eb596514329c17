"""Settings are checked when roster starts: bounds, URL shapes, origins, the serving rules."""

import logging

import pytest

from gateway.app import create_app
from gateway.settings import Settings, SettingsError, load_settings

TOKEN = "rst_" + "a" * 43
SECRET = "0123456789abcdef0123"


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> pytest.MonkeyPatch:
    """No ROSTER_ variable of the machine, and no .env file, leaks into a test."""
    import os

    for name in list(os.environ):
        if name.startswith("ROSTER_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def refusal(environment: pytest.MonkeyPatch, **variables: str) -> str:
    for name, value in variables.items():
        environment.setenv(name, value)
    with pytest.raises(SettingsError) as refused:
        load_settings()
    return str(refused.value)


def intro(problem: str) -> str:
    return (
        f"roster cannot start with these settings: {problem}. "
        "Fix the environment (or .env) and start it again."
    )


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("ROSTER_MAX_DEPTH", "0", "input should be greater than or equal to 1"),
        ("ROSTER_MAX_DEPTH", "101", "input should be less than or equal to 100"),
        (
            "ROSTER_MAX_DEPTH",
            "deep",
            "input should be a valid integer, unable to parse string as an integer",
        ),
        ("ROSTER_MAX_ALIASES", "0", "input should be greater than or equal to 1"),
        ("ROSTER_MAX_ALIASES", "1001", "input should be less than or equal to 1000"),
        ("ROSTER_MAX_TOKENS", "-5", "input should be greater than or equal to 1"),
        ("ROSTER_MAX_TOKENS", "100001", "input should be less than or equal to 100000"),
        ("ROSTER_MAX_BODY_BYTES", "255", "input should be greater than or equal to 256"),
        ("ROSTER_MAX_BODY_BYTES", "100000001", "input should be less than or equal to 100000000"),
        ("ROSTER_REQUEST_TIMEOUT_SECONDS", "0", "input should be greater than 0"),
        ("ROSTER_REQUEST_TIMEOUT_SECONDS", "-1", "input should be greater than 0"),
        ("ROSTER_REQUEST_TIMEOUT_SECONDS", "601", "input should be less than or equal to 600"),
        (
            "ROSTER_SUBGRAPHS_ENABLED",
            "maybe",
            "input should be a valid boolean, unable to interpret input",
        ),
        ("ROSTER_ENV", "staging", "input should be 'development' or 'production'"),
        # issue 13, a leave scheduled
        ("ROSTER_WORKER_POLL_SECONDS", "0", "input should be greater than 0"),
        ("ROSTER_WORKER_POLL_SECONDS", "61", "input should be less than or equal to 60"),
        (
            "ROSTER_SERVE_WORKER",
            "maybe",
            "input should be a valid boolean, unable to interpret input",
        ),
    ],
)
def test_a_bound_or_a_type_refused_names_the_variable_and_its_value(
    environment, variable, value, reason
):
    assert refusal(environment, **{variable: value}) == intro(f"{variable}={value!r}: {reason}")


@pytest.mark.parametrize(
    ("url", "shown", "reason"),
    [
        (
            "mysql+aiomysql://roster:pw@db/roster",
            "='mysql+aiomysql://roster:***@db/roster'",
            "roster does not run on 'mysql+aiomysql'; write sqlite+aiosqlite:///FILE or "
            "postgresql+asyncpg://USER@HOST:PORT/DB",
        ),
        (
            "postgresql://roster@db/roster",
            "='postgresql://roster@db/roster'",
            "roster does not run on 'postgresql'; write sqlite+aiosqlite:///FILE or "
            "postgresql+asyncpg://USER@HOST:PORT/DB",
        ),
        (
            "sqlite:///./roster.db",
            "='sqlite:///./roster.db'",
            "roster does not run on 'sqlite'; write sqlite+aiosqlite:///FILE or "
            "postgresql+asyncpg://USER@HOST:PORT/DB",
        ),
        (
            "sqlite+aiosqlite://",
            "='sqlite+aiosqlite://'",
            "an in-memory SQLite database (no file) is a new one per connection; "
            "write sqlite+aiosqlite:///FILE",
        ),
        (
            "./roster.db",
            "",
            "not a database URL; write sqlite+aiosqlite:///FILE or "
            "postgresql+asyncpg://USER@HOST:PORT/DB",
        ),
    ],
)
def test_a_database_url_of_another_shape_is_refused_without_showing_its_password(
    environment, url, shown, reason
):
    assert refusal(environment, ROSTER_DATABASE_URL=url) == intro(
        f"ROSTER_DATABASE_URL{shown}: {reason}"
    )


def test_both_database_drivers_are_accepted(environment):
    for url in ("sqlite+aiosqlite:///./roster.db", "postgresql+asyncpg://roster@db:5432/roster"):
        environment.setenv("ROSTER_DATABASE_URL", url)
        assert load_settings().database_url == url


def test_cors_origins_are_read_comma_separated_and_written_as_browsers_send_them(environment):
    environment.setenv(
        "ROSTER_CORS_ORIGINS",
        " https://App.Example.com , http://localhost:5173,https://app.example.com:443,"
        "http://[::1]:3000,https://admin.example.com:8443,",
    )

    assert load_settings().cors_origins == (
        "https://app.example.com",
        "http://localhost:5173",
        "http://[::1]:3000",
        "https://admin.example.com:8443",
    )


def test_no_cors_origin_by_default(environment):
    assert load_settings().cors_origins == ()


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("*", "wildcards are not accepted, list each origin"),
        ("https://*.example.com", "wildcards are not accepted, list each origin"),
        ("null", "the opaque origin 'null' cannot be allowed"),
        ("app.example.com", "an origin is http:// or https:// followed by a host"),
        ("ftp://app.example.com", "an origin is http:// or https:// followed by a host"),
        (
            "https://app.example.com/",
            "an origin has no path, query or fragment (not even a final '/'); "
            "write scheme://host[:port]",
        ),
        (
            "https://app.example.com/graphql",
            "an origin has no path, query or fragment (not even a final '/'); "
            "write scheme://host[:port]",
        ),
        (
            "https://app.example.com?x=1",
            "an origin has no path, query or fragment (not even a final '/'); "
            "write scheme://host[:port]",
        ),
        ("https://user@app.example.com", "an origin has no user name or password"),
        ("https://app.example.com:99999", "the port is not a number from 1 to 65535"),
        ("https://app.example.com:0", "the port is not a number from 1 to 65535"),
        ("https://", "the origin has no host"),
        (
            "https://bücher.example",
            "'bücher.example' is not a host name; write a non-ASCII name in its ASCII "
            "(xn--) form, as browsers send it",
        ),
        (
            "https://app_example.com",
            "'app_example.com' is not a host name; write a non-ASCII name in its ASCII "
            "(xn--) form, as browsers send it",
        ),
    ],
)
def test_a_cors_origin_that_is_not_scheme_host_port_is_refused(environment, entry, reason):
    listed = f"https://ok.example,{entry}"

    assert refusal(environment, ROSTER_CORS_ORIGINS=listed) == intro(
        f"ROSTER_CORS_ORIGINS={listed!r}: {entry!r}: {reason}"
    )


def test_every_refused_setting_is_named_at_once(environment):
    message = refusal(
        environment,
        ROSTER_MAX_DEPTH="0",
        ROSTER_CORS_ORIGINS="*",
        ROSTER_SUBGRAPH_SECRET="with space",
    )

    assert message == intro(
        "ROSTER_SUBGRAPH_SECRET: only visible ASCII characters, no spaces, travel in an HTTP "
        "header; ROSTER_CORS_ORIGINS='*': '*': wildcards are not accepted, list each origin; "
        "ROSTER_MAX_DEPTH='0': input should be greater than or equal to 1"
    )


def test_a_graphiql_token_that_is_no_api_token_is_refused_without_showing_it(environment):
    assert refusal(environment, ROSTER_GRAPHIQL_TOKEN="Bearer rst_abc") == intro(
        "ROSTER_GRAPHIQL_TOKEN: not an API token (rst_..., as `roster token create` prints one)"
    )


def test_secrets_are_kept_out_of_the_settings_repr(environment):
    environment.setenv("ROSTER_SUBGRAPH_SECRET", SECRET)
    environment.setenv("ROSTER_GRAPHIQL_TOKEN", TOKEN)
    settings = load_settings()

    assert settings.subgraph_secret.get_secret_value() == SECRET
    assert settings.graphiql_token.get_secret_value() == TOKEN
    assert SECRET not in repr(settings) and TOKEN not in repr(settings)


PRODUCTION_WITHOUT_SECRET = (
    "ROSTER_ENV=production serves the subgraph endpoints (/subgraphs/<name>/graphql), which "
    "answer `_entities` and `_service` to any valid API token unless they are closed to all "
    "but the router: set ROSTER_SUBGRAPH_SECRET to a long random value the router sends, or "
    "set ROSTER_SUBGRAPHS_ENABLED=false to serve /graphql alone"
)


@pytest.mark.parametrize(
    ("settings", "problem"),
    [
        ({"env": "production"}, PRODUCTION_WITHOUT_SECRET),
        (
            {"env": "production", "subgraph_secret": "short"},
            "ROSTER_SUBGRAPH_SECRET is shorter than 16 characters, too easy to guess for "
            "production: use a long random value (e.g. `openssl rand -hex 24`)",
        ),
        (
            {"env": "production", "subgraph_secret": SECRET, "graphiql_token": TOKEN},
            "ROSTER_GRAPHIQL_TOKEN would put an API token into the GraphiQL page; it is for "
            "development only (make run sets it), and production serves no GraphiQL: unset it",
        ),
    ],
)
def test_the_app_refuses_to_serve_production_with_open_subgraphs_or_a_graphiql_token(
    environment, settings, problem
):
    with pytest.raises(SettingsError) as refused:
        create_app(Settings(**settings))

    assert str(refused.value) == intro(problem)


@pytest.mark.parametrize(
    "settings",
    [
        {"env": "production", "subgraph_secret": SECRET},
        {"env": "production", "subgraphs_enabled": False},
        {"env": "development", "subgraph_secret": "s3cret", "graphiql_token": TOKEN},
    ],
)
def test_the_app_serves_production_with_closed_or_no_subgraphs(environment, settings, caplog):
    with caplog.at_level(logging.WARNING, logger="gateway.app"):
        create_app(Settings(**settings))

    assert caplog.messages == []


def test_development_with_no_secret_says_in_the_log_that_the_subgraphs_are_open(
    environment, caplog
):
    with caplog.at_level(logging.WARNING, logger="gateway.app"):
        create_app(Settings(env="development"))

    assert caplog.messages == [
        "roster: the subgraph endpoints answer `_entities` and `_service` to any valid API "
        "token, as ROSTER_SUBGRAPH_SECRET is empty. That is for a local router in development "
        "only (production refuses to start so): set ROSTER_SUBGRAPH_SECRET, or "
        "ROSTER_SUBGRAPHS_ENABLED=false when no router calls this process."
    ]


def test_a_single_subgraph_is_refused_when_the_subgraph_endpoints_are_off(environment):
    with pytest.raises(SettingsError) as refused:
        create_app(Settings(subgraphs_enabled=False), only_subgraph="admin")

    assert str(refused.value) == (
        "roster cannot serve the subgraph admin: ROSTER_SUBGRAPHS_ENABLED=false "
        "turns the subgraph endpoints off."
    )


def test_the_worker_polls_every_second_inside_roster_serve_by_default(environment):
    settings = load_settings()
    assert (settings.worker_poll_seconds, settings.serve_worker) == (1.0, True)
