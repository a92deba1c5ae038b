"""panels: more than one panel for a job, and activities as well as questions

Adds the table panel (a job's panels: name, room, order, start time). Every existing job
gets one panel, "Our panel", and every panel member, question and live interview of the
job goes on it, so nothing changes for a job with one panel. Then panel_member.panel_id,
question.panel_id and live_interview.panel_id become required. A live interview is one
per panel and candidate (it was one per job and candidate: the same with one panel).

Questions get a kind ("question", or "activity": something done together, such as making
a cup of tea) and look_for, the things to look for in an activity, one a line; an activity
must have at least one (CHECK). Existing questions are questions. Jobs get panel_parity
(every panel counts the same), never together with group_parity (CHECK); existing jobs
keep their rule (panel_parity false).

SQLite cannot add a CHECK or a NOT NULL to a table, so tables are copied (batch mode).

Revision ID: j5_panels
Revises: g7_worker
Create Date: 2026-12-01 16:00:00
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "j5_panels"
down_revision = "j1_mail"
branch_labels = None
depends_on = None

DEFAULT_NAME = "Our panel"
ON_PANEL = ("panel_member", "question", "live_interview")


def upgrade():
    op.create_table(
        "panel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("room", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint('"position" >= 0', name=op.f("ck_panel_position")),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job.id"], name=op.f("fk_panel_job_id_job"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel")),
        sa.UniqueConstraint("job_id", "name", name="uq_panel_job_name"),
    )
    with op.batch_alter_table("panel", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_panel_job_id"), ["job_id"], unique=False)

    # One panel for every existing job, and everything of the job on it.
    op.execute(
        sa.text(
            "INSERT INTO panel (job_id, name, room, position, created_at) "
            "SELECT id, :name, '', 0, created_at FROM job"
        ).bindparams(name=DEFAULT_NAME)
    )
    for table in ON_PANEL:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("panel_id", sa.Integer(), nullable=True))
        op.execute(
            f"UPDATE {table} SET panel_id = "
            f"(SELECT panel.id FROM panel WHERE panel.job_id = {table}.job_id)"
        )

    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("panel_parity", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_check_constraint("one_parity", "NOT (group_parity AND panel_parity)")

    with op.batch_alter_table("live_interview", schema=None) as batch_op:
        batch_op.alter_column("panel_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint("uq_live_job_candidate", type_="unique")
        batch_op.create_index(batch_op.f("ix_live_interview_panel_id"), ["panel_id"], unique=False)
        batch_op.create_unique_constraint("uq_live_panel_candidate", ["panel_id", "candidate_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_live_interview_panel_id_panel"),
            "panel",
            ["panel_id"],
            ["id"],
            ondelete="CASCADE",
        )

    with op.batch_alter_table("panel_member", schema=None) as batch_op:
        batch_op.alter_column("panel_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f("ix_panel_member_panel_id"), ["panel_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_panel_member_panel_id_panel"),
            "panel",
            ["panel_id"],
            ["id"],
            ondelete="CASCADE",
        )

    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.alter_column("panel_id", existing_type=sa.Integer(), nullable=False)
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), server_default="question", nullable=False)
        )
        batch_op.add_column(sa.Column("look_for", sa.Text(), server_default="", nullable=False))
        batch_op.create_check_constraint("kind", "kind IN ('question', 'activity')")
        batch_op.create_check_constraint(
            "activity_look_for", "kind <> 'activity' OR look_for <> ''"
        )
        batch_op.create_index(batch_op.f("ix_question_panel_id"), ["panel_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_question_panel_id_panel"),
            "panel",
            ["panel_id"],
            ["id"],
            ondelete="CASCADE",
        )
    # The app always writes these: the server defaults were only for existing rows.
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.alter_column("kind", existing_type=sa.String(length=20), server_default=None)
        batch_op.alter_column("look_for", existing_type=sa.Text(), server_default=None)
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.alter_column("panel_parity", existing_type=sa.Boolean(), server_default=None)


def downgrade():
    # Going back keeps only the first panel's live interviews (one per job and candidate).
    op.execute(
        "DELETE FROM live_interview WHERE panel_id <> "
        "(SELECT MIN(panel.id) FROM panel WHERE panel.job_id = live_interview.job_id)"
    )
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_constraint("fk_question_panel_id_panel", type_="foreignkey")
        batch_op.drop_index("ix_question_panel_id")
        batch_op.drop_constraint(batch_op.f("ck_question_activity_look_for"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_question_kind"), type_="check")
        batch_op.drop_column("look_for")
        batch_op.drop_column("kind")
        batch_op.drop_column("panel_id")

    with op.batch_alter_table("panel_member", schema=None) as batch_op:
        batch_op.drop_constraint("fk_panel_member_panel_id_panel", type_="foreignkey")
        batch_op.drop_index("ix_panel_member_panel_id")
        batch_op.drop_column("panel_id")

    with op.batch_alter_table("live_interview", schema=None) as batch_op:
        batch_op.drop_constraint("fk_live_interview_panel_id_panel", type_="foreignkey")
        batch_op.drop_constraint("uq_live_panel_candidate", type_="unique")
        batch_op.drop_index("ix_live_interview_panel_id")
        batch_op.create_unique_constraint("uq_live_job_candidate", ["job_id", "candidate_id"])
        batch_op.drop_column("panel_id")

    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_job_one_parity"), type_="check")
        batch_op.drop_column("panel_parity")

    with op.batch_alter_table("panel", schema=None) as batch_op:
        batch_op.drop_index("ix_panel_job_id")
    op.drop_table("panel")
