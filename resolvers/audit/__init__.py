"""The audit log: who changed what, when, with each field's before and after."""
