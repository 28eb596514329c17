"""The dispatcher's and the URL policy's configuration, from the settings."""

from gateway.settings import Settings
from gateway.webhooks.dispatcher import DispatcherConfig
from resolvers.webhooks.outcome import RetryPolicy
from resolvers.webhooks.urls import UrlPolicy


def url_policy(settings: Settings) -> UrlPolicy:
    """https only in production; the allow-list's private hosts in any environment."""
    return UrlPolicy(
        https_only=settings.is_production, allowed_hosts=settings.webhook_allowed_hosts
    )


def dispatcher_config(settings: Settings) -> DispatcherConfig:
    return DispatcherConfig(
        policy=url_policy(settings),
        timeout_seconds=settings.webhook_timeout_seconds,
        batch=settings.webhook_batch,
        concurrency=settings.webhook_concurrency,
        retry=RetryPolicy(settings.webhook_retry_schedule, settings.webhook_disable_after),
    )
