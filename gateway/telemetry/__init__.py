"""Observability: what each request did (its record), and the traces, metrics and logs
made of it."""
