"""organisations: jobs and people belong to one; coordinators to one or more

Adds organisation, org_membership (admin, coordinator or member) and
organisation_settings. Existing data moves into one organisation: every job goes into
it, every coordinator becomes its admin, and everyone on a panel becomes its member. Its
name comes from PANELS_ORGANISATION_NAME when that is set, else "Our organisation" (an
admin can change it on the organisation page). An empty database gets no organisation:
the first one is made by `flask create-coordinator` or `flask load-demo`.

job.organisation_id becomes required, a job's reference is unique within its
organisation (no longer across the installation), and user.is_coordinator goes: being
a coordinator is having an admin or coordinator membership.

Revision ID: f6_orgs
Revises: h8_files
Create Date: 2026-12-01 13:00:00

"""

import os
import re
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "f6_orgs"
down_revision = "h8_files"
branch_labels = None
depends_on = None

DEFAULT_NAME = "Our organisation"

organisation = sa.table(
    "organisation",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("slug", sa.String),
    sa.column("created_at", sa.DateTime),
)
org_membership = sa.table(
    "org_membership",
    sa.column("user_id", sa.Integer),
    sa.column("organisation_id", sa.Integer),
    sa.column("role", sa.String),
    sa.column("created_at", sa.DateTime),
)
job = sa.table("job", sa.column("organisation_id", sa.Integer))
user = sa.table("user", sa.column("id", sa.Integer), sa.column("is_coordinator", sa.Boolean))
panel_member = sa.table("panel_member", sa.column("user_id", sa.Integer))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _name_and_slug() -> tuple[str, str]:
    name = (os.environ.get("PANELS_ORGANISATION_NAME") or "").strip()[:200] or DEFAULT_NAME
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40].strip("-")
    return name, slug or "organisation"


def upgrade():
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
        sa.UniqueConstraint("slug", name=op.f("uq_organisation_slug")),
    )
    op.create_table(
        "org_membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "role IN ('admin', 'coordinator', 'member')", name=op.f("ck_org_membership_role")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_org_membership_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
            name=op.f("fk_org_membership_user_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_membership")),
        sa.UniqueConstraint("user_id", "organisation_id", name="uq_org_membership_user_org"),
    )
    with op.batch_alter_table("org_membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_org_membership_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_org_membership_user_id"), ["user_id"], unique=False)
    op.create_table(
        "organisation_settings",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=200), server_default="", nullable=False),
        sa.Column("contact", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_organisation_settings_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("organisation_id", name=op.f("pk_organisation_settings")),
    )

    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))

    _move_existing_data_into_one_organisation()

    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.alter_column("organisation_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f("ix_job_organisation_id"), ["organisation_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_job_organisation_id_organisation"),
            "organisation",
            ["organisation_id"],
            ["id"],
        )
        batch_op.drop_constraint("uq_job_ref", type_="unique")
        batch_op.create_unique_constraint("uq_job_organisation_ref", ["organisation_id", "ref"])

    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("is_coordinator")


def _move_existing_data_into_one_organisation() -> None:
    bind = op.get_bind()
    has_jobs = bind.execute(sa.select(sa.func.count()).select_from(job)).scalar()
    coordinators = [
        row.id for row in bind.execute(sa.select(user.c.id).where(user.c.is_coordinator))
    ]
    if not has_jobs and not coordinators:
        return  # a new installation: its first organisation is made by a command
    name, slug = _name_and_slug()
    now = _now()
    bind.execute(organisation.insert().values(name=name, slug=slug, created_at=now))
    org_id = bind.execute(
        sa.select(organisation.c.id).where(organisation.c.slug == slug)
    ).scalar_one()
    bind.execute(job.update().values(organisation_id=org_id))
    on_panels = {row.user_id for row in bind.execute(sa.select(panel_member.c.user_id))}
    rows = [
        {"user_id": uid, "organisation_id": org_id, "role": "admin", "created_at": now}
        for uid in coordinators
    ] + [
        {"user_id": uid, "organisation_id": org_id, "role": "member", "created_at": now}
        for uid in sorted(on_panels - set(coordinators))
    ]
    if rows:
        bind.execute(org_membership.insert(), rows)


def downgrade():
    # Back to one organisation for everyone: every admin or coordinator of any
    # organisation is a coordinator again. Fails if two organisations used one reference.
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_coordinator", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    coordinating = sa.select(org_membership.c.user_id).where(
        org_membership.c.role.in_(("admin", "coordinator"))
    )
    op.get_bind().execute(
        user.update().where(user.c.id.in_(coordinating)).values(is_coordinator=True)
    )
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.alter_column("is_coordinator", existing_type=sa.Boolean(), server_default=None)

    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_constraint("uq_job_organisation_ref", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_job_ref"), ["ref"])
        batch_op.drop_constraint(
            batch_op.f("fk_job_organisation_id_organisation"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_job_organisation_id"))
        batch_op.drop_column("organisation_id")

    op.drop_table("organisation_settings")
    with op.batch_alter_table("org_membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_membership_user_id"))
        batch_op.drop_index(batch_op.f("ix_org_membership_organisation_id"))
    op.drop_table("org_membership")
    op.drop_table("organisation")
