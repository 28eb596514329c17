"""Calls: how they enter, the rollups kept of them, and how reads combine rollups with raw calls."""
