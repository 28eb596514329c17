"""API tokens as admins and members manage them: list, create, revoke."""
