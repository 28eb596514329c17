"""The event bus a process runs: which one (``setup.py``), and the buses that cross
processes (PostgreSQL LISTEN/NOTIFY, Redis pub/sub)."""
