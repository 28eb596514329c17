"""Loaders behind the audit log."""

from db.models import AuditEntry
from resolvers.loaders.base import RowByIdLoader


class AuditEntryByIdLoader(RowByIdLoader):
    model = AuditEntry
