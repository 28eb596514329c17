"""user_groups: name_folded, the case-folded name SCIM's displayName filter compares

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 07:40:00

A group's name is unique per tenant case-insensitively (compared folded), and SCIM's
Group displayName is not case-exact; a filter compares this column with the value
folded, the same on both backends. From now on db.folding's listener keeps it right.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.folding import fold

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def upgrade() -> None:
    with op.batch_alter_table("user_groups") as batch:
        batch.add_column(sa.Column("name_folded", sa.Text(), nullable=False, server_default=""))
    _backfill()
    with op.batch_alter_table("user_groups") as batch:
        batch.alter_column("name_folded", server_default=None)


def _backfill() -> None:
    connection = op.get_bind()
    groups = sa.table(
        "user_groups",
        sa.column("id", sa.Integer()),
        sa.column("name", sa.String()),
        sa.column("name_folded", sa.Text()),
    )
    # Written under a bound name: the listener folds only statements that write the
    # source column, and this one writes the folded column alone.
    fill = (
        sa.update(groups)
        .where(groups.c.id == sa.bindparam("pk"))
        .values(name_folded=sa.bindparam("name_value"))
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.select(groups.c.id, groups.c.name)
            .where(groups.c.id > last)
            .order_by(groups.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        connection.execute(fill, [{"pk": pk, "name_value": fold(name)} for pk, name in rows])
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("user_groups") as batch:
        batch.drop_column("name_folded")
