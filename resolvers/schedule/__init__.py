"""A leave, scheduled: status changes queued in a table and run when due (docs/scheduling.md)."""
