"""the file store: uploaded photos and pictures kept in the database, not on one disk

Revision ID: h8_files
Revises: f6_orgs
Create Date: 2026-12-08 10:00:00

Photos already on disk stay where they are until `flask files import-local` moves them
into the store (see the README's upgrade notes): a migration cannot know which machine
holds them.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "h8_files"
down_revision = "f6_orgs"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "stored_file",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_stored_file")),
    )


def downgrade():
    op.drop_table("stored_file")
