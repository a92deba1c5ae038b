"""two-step sign-in for coordinators; an organisation may require it

Revision ID: j4_door
Revises: g7_worker
Create Date: 2026-12-01 16:00:00
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "j4_door"
down_revision = "j7_prepare"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("two_step_secret", sa.String(length=255), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("two_step_on_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("two_step_last_step", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("two_step_recovery", sa.Text(), server_default="", nullable=False)
        )
    with op.batch_alter_table("organisation_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("require_two_step", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table("organisation_settings", schema=None) as batch_op:
        batch_op.drop_column("require_two_step")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("two_step_recovery")
        batch_op.drop_column("two_step_last_step")
        batch_op.drop_column("two_step_on_at")
        batch_op.drop_column("two_step_secret")
