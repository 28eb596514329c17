"""Per-request DataLoaders; each batch is one SQL statement."""
