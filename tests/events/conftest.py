from tests.events.redis_server import channel_prefix, redis_server_url, redis_url

__all__ = ["channel_prefix", "redis_server_url", "redis_url"]
