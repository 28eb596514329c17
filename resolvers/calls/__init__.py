"""Calls: how they enter (the one ingestion path of recordCalls and ``roster calls import``),
the rollups kept of them by database triggers (db/rollup_triggers.py), and how reads
combine rollups with raw calls."""
