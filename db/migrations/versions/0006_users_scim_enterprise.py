"""users: scim_enterprise, SCIM's enterprise extension as the identity provider sent it

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 08:45:00

Entra ID maps employeeNumber, department and manager to the enterprise extension by
default; roster keeps what it sends (JSON: employeeNumber, costCenter, organization,
division, department, managerId), NULL when nothing was sent.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("scim_enterprise", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("scim_enterprise")
