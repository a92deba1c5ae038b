"""Two admins make each other coordinators at the same moment: one of them stays an admin."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import OrgMembership, OrgRole
from panels.orgs import queries
from tests.conftest import signed_in_client
from tests.integration.orgs_helpers import two_organisations

pytestmark = pytest.mark.concurrency


def test_two_admins_stepping_each_other_down_leave_one_admin(app, monkeypatch):
    with app.app_context():
        ids = two_organisations()
        cleo = db.session.get(OrgMembership, ids["cleo_membership"])
        cleo.role = OrgRole.ADMIN.value
        alex = db.session.scalar(select(OrgMembership).where(OrgMembership.user_id == ids["alex"]))
        targets = {ids["alex"]: ids["cleo_membership"], ids["cleo"]: alex.id}
        db.session.commit()

    counted = queries.admin_count

    def slow_count(organisation_id: int) -> int:
        time.sleep(0.3)  # both changes are written before either counts, unless one waits
        return counted(organisation_id)

    monkeypatch.setattr(queries, "admin_count", slow_count)
    clients = {uid: signed_in_client(app, uid) for uid in targets}
    barrier = threading.Barrier(len(clients))
    statuses: dict[int, int] = {}
    errors: list[BaseException] = []

    def step_down_the_other(uid: int) -> None:
        try:
            barrier.wait()
            url = f"/organisation/coordinators/{targets[uid]}/role"
            statuses[uid] = clients[uid].post(url, data={"role": "coordinator"}).status_code
        except BaseException as error:  # noqa: BLE001  (reported below)
            errors.append(error)

    threads = [threading.Thread(target=step_down_the_other, args=(u,)) for u in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(statuses.values()) == [302, 400]
    with app.app_context():
        roles = db.session.scalars(
            select(OrgMembership.role).where(
                OrgMembership.organisation_id == ids["org_a"],
                OrgMembership.role != OrgRole.MEMBER.value,  # Sam, on job A's panel
            )
        ).all()
    assert sorted(roles) == ["admin", "coordinator"]
