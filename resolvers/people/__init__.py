"""People: creating users and checking what an admin types about them."""
