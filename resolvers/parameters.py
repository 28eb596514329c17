"""The bound parameters roster's prebuilt statements share.

Statements are built once (per loader class, per shape) with bound parameters: building
one with its keys inlined costs ~100 µs for a list of 100 (an element per key), and its
cache key as much again, on every batch or request.
"""

from typing import Any

from sqlalchemy import BindParameter, bindparam

# The keys of a batch, as one expanding ``IN`` list.
KEYS: BindParameter[Any] = bindparam("keys", expanding=True)
# The caller's tenant: every statement is confined to it.
TENANT_ID: BindParameter[int] = bindparam("tenant_id")
