"""Webhooks' HTTP side: the signed POST to a product service, and the dispatcher that
claims deliveries, sends them a few at a time and records how each went."""
