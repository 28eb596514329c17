"""A tenant's phone numbers: assigned to a user, or kept unassigned with their call rules."""
