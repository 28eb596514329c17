"""Incoming call rules: listing them (and whether each can still receive calls), and an
admin's create, update and delete, each in its own module."""

from resolvers.call_rules.listing import incoming_call_rules as incoming_call_rules
