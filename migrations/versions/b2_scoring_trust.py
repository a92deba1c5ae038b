"""scores you can trust: a sheet keeps its scale; views of others' scores are recorded

Revision ID: b2_scoring_trust
Revises: d1d56846cec0
Create Date: 2026-12-01 10:00:00

Existing sheets get the scale their member has now (the best we know: before this
revision the sheet did not remember it).
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "b2_scoring_trust"
down_revision = "a4_signin"
branch_labels = None
depends_on = None

FALLBACK_SCALE = "faces3"


def upgrade():
    with op.batch_alter_table("score_sheet", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scale", sa.String(length=20), nullable=True))

    sheet = sa.table("score_sheet", sa.column("member_id", sa.Integer), sa.column("scale"))
    member = sa.table("panel_member", sa.column("id", sa.Integer), sa.column("user_id"))
    user = sa.table("user", sa.column("id", sa.Integer), sa.column("scale"))
    current = (
        sa.select(user.c.scale)
        .select_from(member.join(user, user.c.id == member.c.user_id))
        .where(member.c.id == sheet.c.member_id)
        .scalar_subquery()
    )
    op.execute(sheet.update().values(scale=sa.func.coalesce(current, FALLBACK_SCALE)))

    with op.batch_alter_table("score_sheet", schema=None) as batch_op:
        batch_op.alter_column("scale", existing_type=sa.String(length=20), nullable=False)

    op.create_table(
        "score_view",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=True),
        sa.Column("what", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_score_view_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job.id"], name=op.f("fk_score_view_job_id_job"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_score_view_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_view")),
    )
    with op.batch_alter_table("score_view", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_score_view_job_id"), ["job_id"], unique=False)
        batch_op.create_index("ix_score_view_user_job", ["user_id", "job_id"], unique=False)


def downgrade():
    with op.batch_alter_table("score_view", schema=None) as batch_op:
        batch_op.drop_index("ix_score_view_user_job")
        batch_op.drop_index(batch_op.f("ix_score_view_job_id"))
    op.drop_table("score_view")
    with op.batch_alter_table("score_sheet", schema=None) as batch_op:
        batch_op.drop_column("scale")
