"""who has lived experience: a flag on a panel, and a job's lived-experience group

Adds panel.lived_experience ("This panel is people with lived experience", default false)
and job.lived_group (the name of the job's member group of people with lived experience,
for a one-panel job that uses groups; empty: none). The decision meeting used to find
them by a name containing "lived": so existing panels whose name contains "lived" get
the flag, and each existing job gets as its lived-experience group the first group
(by name) of its members whose name contains "lived". Nothing changes for existing jobs.

Revision ID: k2_panel_flag
Revises: j8_shortlist
Create Date: 2026-12-01 19:00:00
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "k2_panel_flag"
down_revision = "j8_shortlist"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("panel", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("lived_experience", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lived_group", sa.String(length=60), nullable=True))

    op.execute(
        sa.text("UPDATE panel SET lived_experience = :yes WHERE LOWER(name) LIKE '%lived%'")
        .bindparams(yes=True)
    )
    op.execute(
        'UPDATE job SET lived_group = (SELECT MIN(panel_member."group") FROM panel_member '
        "WHERE panel_member.job_id = job.id "
        "AND LOWER(panel_member.\"group\") LIKE '%lived%')"
    )


def downgrade():
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_column("lived_group")
    with op.batch_alter_table("panel", schema=None) as batch_op:
        batch_op.drop_column("lived_experience")
