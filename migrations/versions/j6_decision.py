"""the decision meeting: one decision per candidate, members' answers, the three
questions about the day

Revision ID: j6_decision
Revises: g7_worker
Create Date: 2026-12-01 15:54:07

Every table belongs to a job (so to its organisation). The words a text column may hold
are written out here, not read from the app, so later changes cannot change this step.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'j6_decision'
down_revision = "j3_retention"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('decision_meeting',
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('released_at', sa.DateTime(), nullable=True),
    sa.Column('released_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['job_id'], ['job.id'], name=op.f('fk_decision_meeting_job_id_job'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['opened_by_id'], ['user.id'], name=op.f('fk_decision_meeting_opened_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['released_by_id'], ['user.id'], name=op.f('fk_decision_meeting_released_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('job_id', name=op.f('pk_decision_meeting'))
    )
    op.create_table('day_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('candidate_id', sa.Integer(), nullable=True),
    sa.Column('listened', sa.Integer(), nullable=False),
    sa.Column('time', sa.Integer(), nullable=False),
    sa.Column('again', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('"again" >= 1 AND "again" <= 3', name=op.f('ck_day_feedback_again')),
    sa.CheckConstraint('"listened" >= 1 AND "listened" <= 3', name=op.f('ck_day_feedback_listened')),
    sa.CheckConstraint('"time" >= 1 AND "time" <= 3', name=op.f('ck_day_feedback_time')),
    sa.CheckConstraint('(member_id IS NULL) <> (candidate_id IS NULL)', name=op.f('ck_day_feedback_member_or_candidate')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_day_feedback_candidate_id_candidate'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['job_id'], ['job.id'], name=op.f('fk_day_feedback_job_id_job'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['panel_member.id'], name=op.f('fk_day_feedback_member_id_panel_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_day_feedback')),
    sa.UniqueConstraint('job_id', 'candidate_id', name='uq_day_feedback_candidate'),
    sa.UniqueConstraint('job_id', 'member_id', name='uq_day_feedback_member')
    )
    with op.batch_alter_table('day_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_day_feedback_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_day_feedback_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_day_feedback_member_id'), ['member_id'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('proposal', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('reason_needed', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('lived_first', sa.Boolean(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.Column('changes', sa.Integer(), nullable=False),
    sa.CheckConstraint("NOT reason_needed OR reason <> ''", name=op.f('ck_decision_reason_given')),
    sa.CheckConstraint("proposal IN ('offer', 'reserve', 'not_this_time')", name=op.f('ck_decision_proposal')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_decision_candidate_id_candidate'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_decision_decided_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['job_id'], ['job.id'], name=op.f('fk_decision_job_id_job'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision')),
    sa.UniqueConstraint('candidate_id', name='uq_decision_candidate')
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_job_id'), ['job_id'], unique=False)

    op.create_table('decision_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('answer', sa.String(length=20), nullable=False),
    sa.Column('phrase', sa.String(length=20), nullable=True),
    sa.CheckConstraint("answer IN ('agree', 'disagree', 'not_sure')", name=op.f('ck_decision_answer_answer')),
    sa.CheckConstraint(
        "phrase IN ('good_answers', 'kind', 'listened', 'needs_time', 'worried')",
        name=op.f('ck_decision_answer_phrase'),
    ),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_decision_answer_decision_id_decision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['job_id'], ['job.id'], name=op.f('fk_decision_answer_job_id_job'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['panel_member.id'], name=op.f('fk_decision_answer_member_id_panel_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_answer')),
    sa.UniqueConstraint('decision_id', 'member_id', name='uq_decision_answer_member')
    )
    with op.batch_alter_table('decision_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_answer_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_answer_member_id'), ['member_id'], unique=False)



def downgrade():
    with op.batch_alter_table('decision_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_answer_member_id'))
        batch_op.drop_index(batch_op.f('ix_decision_answer_job_id'))

    op.drop_table('decision_answer')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_job_id'))

    op.drop_table('decision')
    with op.batch_alter_table('day_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_day_feedback_member_id'))
        batch_op.drop_index(batch_op.f('ix_day_feedback_job_id'))
        batch_op.drop_index(batch_op.f('ix_day_feedback_candidate_id'))

    op.drop_table('day_feedback')
    op.drop_table('decision_meeting')
