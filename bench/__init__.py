"""Benchmarks: roster's reads next to a raw SQL+orjson baseline and a naive Strawberry one.

``make bench`` (``python -m bench``) builds the database once, starts every variant, checks
that they answer the same JSON, times them with wrk and writes docs/benchmarks.*.
"""
