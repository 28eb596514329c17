"""make bench-telemetry: the users page with and without instrumentation, in one run."""
