"""Webhooks: the endpoints admins register and the deliveries owed to them."""
