"""Calls entering roster: the one ingestion path of the recordCalls mutation and of
``roster calls import``. The rollups follow by database triggers (db/rollup_triggers.py)."""
