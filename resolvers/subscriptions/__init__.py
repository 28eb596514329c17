"""Subscriptions: what a committed event means for each live screen, and the caller
checked again on every event (their open subscriptions end when they may no longer log in).

The transports (gateway/subscriptions/) open a subscription with a ``CallerCheck`` in the
context; ``watch.py`` turns the tenant's notices into checked notices; ``status.py`` and
``screens.py`` say what each notice shows on each screen.
"""
