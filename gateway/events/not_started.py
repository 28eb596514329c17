"""The error of a subscription opened on a cross-process bus that is not running."""


class BusNotStarted(RuntimeError):
    """``start`` was never awaited (the app's lifespan awaits it): the subscription would
    never hear anything, so it fails at once instead."""
