from tests.events.redis_server import channel_prefix, redis_url

__all__ = ["channel_prefix", "redis_url"]
