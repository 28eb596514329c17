"""Events: what a committed change tells open screens and product services.

A change writes its event to the outbox in its own transaction (``record.py``) and
announces it; the announcement reaches subscribers only once the transaction commits
(PostgreSQL sends NOTIFY at COMMIT; the in-process and Redis buses take it from the
session's commit hand-over, ``db.engine.after_commit``). ``fanout.py`` gives the
announcements of one process to its open subscriptions.
"""
