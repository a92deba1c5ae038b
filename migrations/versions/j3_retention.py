"""retention: how long candidates' details are kept, holds, who was appointed, and which
candidates' details are gone

Revision ID: j3_retention
Revises: g7_worker
Create Date: 2026-12-01 16:00:00
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "j3_retention"
down_revision = "g7_worker"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("organisation_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("keep_months", sa.Integer(), server_default="6", nullable=False)
        )
        batch_op.add_column(
            sa.Column("keep_appointed_months", sa.Integer(), server_default="12", nullable=False)
        )
        batch_op.create_check_constraint(
            op.f("ck_organisation_settings_keep_months"),
            '"keep_months" >= 1 AND "keep_months" <= 120',
        )
        batch_op.create_check_constraint(
            op.f("ck_organisation_settings_keep_appointed_months"),
            '"keep_appointed_months" >= 1 AND "keep_appointed_months" <= 120',
        )
    op.create_table(
        "job_retention",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("held_at", sa.DateTime(), nullable=True),
        sa.Column("held_reason", sa.Text(), server_default="", nullable=False),
        sa.Column("held_by_id", sa.Integer(), nullable=True),
        sa.Column("appointed_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "held_at IS NULL OR held_reason <> ''", name=op.f("ck_job_retention_held_has_reason")
        ),
        sa.ForeignKeyConstraint(
            ["appointed_id"],
            ["candidate.id"],
            name=op.f("fk_job_retention_appointed_id_candidate"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["held_by_id"],
            ["user.id"],
            name=op.f("fk_job_retention_held_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job.id"], name=op.f("fk_job_retention_job_id_job"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_job_retention")),
    )
    op.create_table(
        "anonymised_candidate",
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("why", sa.String(length=10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "why IN ('retention', 'early', 'request')", name=op.f("ck_anonymised_candidate_why")
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_anonymised_candidate_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["job.id"],
            name=op.f("fk_anonymised_candidate_job_id_job"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("candidate_id", name=op.f("pk_anonymised_candidate")),
    )
    op.create_index(
        op.f("ix_anonymised_candidate_job_id"), "anonymised_candidate", ["job_id"], unique=False
    )


def downgrade():
    op.drop_index(op.f("ix_anonymised_candidate_job_id"), table_name="anonymised_candidate")
    op.drop_table("anonymised_candidate")
    op.drop_table("job_retention")
    with op.batch_alter_table("organisation_settings", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("ck_organisation_settings_keep_appointed_months"), type_="check"
        )
        batch_op.drop_constraint(op.f("ck_organisation_settings_keep_months"), type_="check")
        batch_op.drop_column("keep_appointed_months")
        batch_op.drop_column("keep_months")
