"""interview times candidates can choose: booking settings per job and who has which time

Revision ID: j2_booking
Revises: g7_worker
Create Date: 2026-12-01 16:10:00
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "j2_booking"
down_revision = "j6_decision"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "booking_job",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("slots", sa.Integer(), nullable=False),
        sa.Column("self_booking", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("cutoff_hours", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint('"slots" >= 1 AND "slots" <= 50', name=op.f("ck_booking_job_slots")),
        sa.CheckConstraint(
            '"cutoff_hours" >= 0 AND "cutoff_hours" <= 336',
            name=op.f("ck_booking_job_cutoff_hours"),
        ),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job.id"], name=op.f("fk_booking_job_job_id_job"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_booking_job")),
    )
    op.create_table(
        "slot_booking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("booked_by", sa.String(length=20), nullable=False),
        sa.Column("booked_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint('"slot" >= 1 AND "slot" <= 50', name=op.f("ck_slot_booking_slot")),
        sa.CheckConstraint(
            "booked_by IN ('candidate', 'coordinator')", name=op.f("ck_slot_booking_booked_by")
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_slot_booking_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job.id"], name=op.f("fk_slot_booking_job_id_job"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slot_booking")),
        sa.UniqueConstraint("candidate_id", name=op.f("uq_slot_booking_candidate_id")),
        sa.UniqueConstraint("job_id", "slot", name="uq_slot_booking_job_slot"),
    )
    op.create_index(op.f("ix_slot_booking_job_id"), "slot_booking", ["job_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_slot_booking_job_id"), table_name="slot_booking")
    op.drop_table("slot_booking")
    op.drop_table("booking_job")
