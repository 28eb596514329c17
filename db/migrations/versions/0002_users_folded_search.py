"""users: display_name_folded and email_folded, the case-folded forms searches compare

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 14:10:00

SQLite's LIKE and lower() fold ASCII only (PostgreSQL's follow the database's ctype),
so "ÅNGSTRÖM" did not find "Ångström". The new columns hold db.folding.fold() of the
display name and email, computed in Python; from now on db.folding's listener keeps
them right on every write. No index: a search is a substring match (LIKE '%...%'),
which no B-tree serves; it runs over one tenant's rows, found by the tenant indexes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.folding import fold

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("email_folded", sa.Text(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("display_name_folded", sa.Text(), nullable=False, server_default="")
        )
    _backfill()
    with op.batch_alter_table("users") as batch:
        batch.alter_column("email_folded", server_default=None)
        batch.alter_column("display_name_folded", server_default=None)


def _backfill() -> None:
    connection = op.get_bind()
    users = sa.table(
        "users",
        sa.column("id", sa.Integer()),
        sa.column("email", sa.String()),
        sa.column("display_name", sa.String()),
        sa.column("email_folded", sa.Text()),
        sa.column("display_name_folded", sa.Text()),
    )
    # Written under bound names: the listener folds only statements that write the
    # source columns, and this one writes the folded columns alone.
    fill = (
        sa.update(users)
        .where(users.c.id == sa.bindparam("pk"))
        .values(
            email_folded=sa.bindparam("email_value"),
            display_name_folded=sa.bindparam("name_value"),
        )
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.select(users.c.id, users.c.email, users.c.display_name)
            .where(users.c.id > last)
            .order_by(users.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        connection.execute(
            fill,
            [
                {"pk": pk, "email_value": fold(email), "name_value": fold(name)}
                for pk, email, name in rows
            ],
        )
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("display_name_folded")
        batch.drop_column("email_folded")
