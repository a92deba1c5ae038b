"""email: the outbox of messages, and each job's reminder settings

Revision ID: j1_mail
Revises: g7_worker
Create Date: 2026-12-01 16:00:00
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "j1_mail"
down_revision = "j2_booking"
branch_labels = None
depends_on = None

KINDS = (
    "invitation", "invitation-again", "sign-in-link", "candidate-reminder",
    "member-day-before", "member-morning", "scores-reminder", "outcome",
)  # fmt: skip


def _in(column, values):
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade():
    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("dedupe_key", sa.String(length=160), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("via", sa.String(length=10), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_try_at", sa.DateTime(), nullable=False),
        sa.Column("leased_until", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint('"attempts" >= 0', name=op.f("ck_message_attempts")),
        sa.CheckConstraint("length(recipient) >= 3", name=op.f("ck_message_recipient")),
        sa.CheckConstraint(_in("kind", KINDS), name=op.f("ck_message_kind")),
        sa.CheckConstraint(
            _in("status", ("queued", "sending", "sent", "failed")), name=op.f("ck_message_status")
        ),
        sa.CheckConstraint(_in("via", ("smtp", "outbox")), name=op.f("ck_message_via")),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job.id"], name=op.f("fk_message_job_id_job"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_message_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_message_dedupe_key")),
    )
    op.create_index(op.f("ix_message_job_id"), "message", ["job_id"], unique=False)
    op.create_index(
        op.f("ix_message_organisation_id"), "message", ["organisation_id"], unique=False
    )
    op.create_index(
        "ix_message_status_next_try_at", "message", ["status", "next_try_at"], unique=False
    )
    op.create_table(
        "mail_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("remind_candidates", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("remind_members", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("score_reminders", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            '"score_reminders" >= 0 AND "score_reminders" <= 7',
            name=op.f("ck_mail_settings_score_reminders"),
        ),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job.id"], name=op.f("fk_mail_settings_job_id_job"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_settings")),
        sa.UniqueConstraint("job_id", name=op.f("uq_mail_settings_job_id")),
    )


def downgrade():
    op.drop_table("mail_settings")
    op.drop_index("ix_message_status_next_try_at", table_name="message")
    op.drop_index(op.f("ix_message_organisation_id"), table_name="message")
    op.drop_index(op.f("ix_message_job_id"), table_name="message")
    op.drop_table("message")
