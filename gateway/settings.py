"""Every setting of roster, read from the environment (prefix ``ROSTER_``)."""

from functools import lru_cache
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ROSTER_", env_file=".env", extra="ignore")

    database_url: str = Field(
        "sqlite+aiosqlite:///./roster.db",
        description="SQLAlchemy async URL: sqlite+aiosqlite:///FILE or postgresql+asyncpg://...",
    )
    env: Literal["development", "production"] = Field(
        "development", description="production turns off introspection, GraphiQL and suggestions"
    )
    subgraph_secret: str = Field(
        "", description="shared secret the router sends in X-Roster-Subgraph-Secret"
    )
    max_depth: int = Field(12, description="deepest selection nesting accepted")
    max_aliases: int = Field(30, description="most aliases in one operation")
    max_tokens: int = Field(5000, description="most lexical tokens in one document")
    max_body_bytes: int = Field(1_000_000, description="largest request body, in bytes")
    request_timeout_seconds: float = Field(10.0, description="time limit of one request")
    planned_execution: bool = Field(
        True,
        description="run fields with roster's planned executor (docs/executor.md); false:"
        " graphql-core's stock execution through Strawberry",
    )

    @property
    def is_production(self) -> bool:
        return self.env == "production"


@lru_cache
def get_settings() -> Settings:
    return Settings()
