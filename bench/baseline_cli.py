"""The command line both baseline servers start with: `roster serve`'s uvicorn settings,
so that roster and its baselines pay the same HTTP costs."""

import argparse
from collections.abc import Callable

import uvicorn
from starlette.types import ASGIApp


def serve_baseline(create_app: Callable[[], ASGIApp], *, description: str, port: int) -> None:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=port)
    options = parser.parse_args()
    uvicorn.run(
        create_app(),
        host=options.host,
        port=options.port,
        workers=1,
        loop="auto",
        http="auto",
        log_level="info",
        proxy_headers=False,
    )
