"""The naive baseline: Strawberry as a first attempt writes it, one query per field per item."""
