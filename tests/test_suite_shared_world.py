"""A module's shared world (``shared_world`` in tests/conftest.py): its rows are made once,
each test runs in a savepoint rolled back after it, and nothing is committed for real.
(The tests here stay together on one worker, so each later one sees what the ones before
it left: nothing.)"""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, func, select

from panels.db import db
from panels.models import Job, User
from tests.conftest import make_user, signed_in_client

pytestmark = pytest.mark.xdist_group("test_suite_shared_world")


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("n", [1, 2, 3])
def test_each_test_starts_from_the_same_rows_whatever_the_one_before_wrote(app, shared_world, n):
    with app.app_context():
        assert _count(User) == 4
        job = db.session.get(Job, shared_world["job_a"])
        assert job.title == "Support worker"
        make_user(f"Kit Extra {n}", f"kit{n}@example.org")
        job.title = f"Changed by test {n}"
        db.session.commit()
    client = signed_in_client(app, shared_world["coordinator"])
    page = client.get(f"/jobs/{shared_world['job_a']}")
    assert f"Changed by test {n}" in page.get_data(as_text=True)  # requests see the writes
    with app.app_context():
        assert _count(User) == 5


def test_nothing_is_committed_for_real(app, shared_world):
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        with engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(User.__table__)) == 0
    finally:
        engine.dispose()
