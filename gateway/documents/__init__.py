"""Trusted documents: the operations frontends register ahead of time, each known by the
``sha256:`` id of its exact text (GraphQL over HTTP's persisted documents), parsed and
validated once when roster starts (docs/trusted-documents.md)."""
