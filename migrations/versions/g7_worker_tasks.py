"""background tasks for the worker process, and the worker's heartbeat

Revision ID: g7_worker
Revises: i9_pay
Create Date: 2026-12-01 13:00:00
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "g7_worker"
down_revision = "i9_pay"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("run_after", sa.DateTime(), nullable=False),
        sa.Column("leased_until", sa.DateTime(), nullable=True),
        sa.Column("worker_id", sa.String(length=80), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'done', 'failed')", name=op.f("ck_task_status")
        ),
        sa.CheckConstraint(
            "attempts >= 0 AND max_attempts >= 1", name=op.f("ck_task_attempts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
        sa.UniqueConstraint("key", name=op.f("uq_task_key")),
    )
    op.create_index("ix_task_status_run_after", "task", ["status", "run_after"], unique=False)
    op.create_table(
        "worker_heartbeat",
        sa.Column("worker_id", sa.String(length=80), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("beat_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("worker_id", name=op.f("pk_worker_heartbeat")),
    )
    op.create_index(
        op.f("ix_worker_heartbeat_beat_at"), "worker_heartbeat", ["beat_at"], unique=False
    )


def downgrade():
    op.drop_index(op.f("ix_worker_heartbeat_beat_at"), table_name="worker_heartbeat")
    op.drop_table("worker_heartbeat")
    op.drop_index("ix_task_status_run_after", table_name="task")
    op.drop_table("task")
