"""The suite's own set-up: each test's writes are rolled back, marked tests commit for real,
and tests hash passwords cheaply. (Tests here run in file order, as pytest runs them.)"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash

from panels import create_app
from panels.auth.service import set_password
from panels.db import db
from panels.models import Job, User
from tests.conftest import PASSWORD, make_job, make_user, signed_in_client


def _users(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(User.id)))


def _rows_seen_by_another_connection(app, model) -> int:
    """Counted on a new engine of our own: sees only what was really committed."""
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(model.__table__))
    finally:
        engine.dispose()


def test_commits_in_a_test_are_seen_by_its_later_requests(app, world):
    with app.app_context():
        make_user("Kit Extra", "kit@example.org")
        db.session.commit()
    assert _users(app) == 5
    client = signed_in_client(app, world["sam"])
    response = client.post("/my-preferences", data={"pace": "1.5", "scale": "points5"})
    assert response.status_code == 302  # the view committed
    with app.app_context():
        assert db.session.get(User, world["sam"]).scale == "points5"
    assert _rows_seen_by_another_connection(app, User) == 0  # nothing really committed


def test_the_previous_tests_rows_are_gone(app):
    assert _users(app) == 0
    with app.app_context():
        assert db.session.scalar(select(func.count(Job.id))) == 0


def test_rollback_after_an_integrity_error_keeps_what_was_committed(app):
    with app.app_context():
        make_user("Ann First", "ann@example.org")
        db.session.commit()
        db.session.add(User(name="Ann Again", email="ann@example.org"))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()
        names = db.session.scalars(select(User.name)).all()
        assert names == ["Ann First"]
        make_user("Ben Next", "ben@example.org")
        db.session.commit()
    assert _users(app) == 2


def test_begin_nested_rolls_back_only_its_own_part(app):
    with app.app_context():
        make_user("Cy Kept", "cy@example.org")
        try:
            with db.session.begin_nested():
                make_user("Di Dropped", "di@example.org")
                raise RuntimeError("undo the nested part")
        except RuntimeError:
            pass
        db.session.commit()
        assert db.session.scalars(select(User.name)).all() == ["Cy Kept"]


def test_a_lock_for_update_works_inside_the_test_transaction(app):
    with app.app_context():
        make_job("LOCK-1")
        db.session.commit()
        job = db.session.scalar(select(Job).where(Job.ref == "LOCK-1").with_for_update())
        job.title = "Locked and changed"
        db.session.commit()
    with app.app_context():
        assert db.session.scalar(select(Job.title)) == "Locked and changed"


def test_using_the_database_from_a_thread_needs_the_marker(app):
    errors: list[BaseException] = []

    def other_thread():
        try:
            with app.app_context():
                db.session.scalar(select(func.count(User.id)))
        except RuntimeError as error:
            errors.append(error)

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert len(errors) == 1 and "pytest.mark.concurrency" in str(errors[0])


@pytest.mark.concurrency
def test_marked_tests_commit_for_real(app):
    with app.app_context():
        make_user("Eve Real", "eve@example.org")
        db.session.commit()
    assert _rows_seen_by_another_connection(app, User) == 1


def test_marked_tests_tables_are_emptied_after(app):
    assert _users(app) == 0
    assert _rows_seen_by_another_connection(app, User) == 0


def test_tests_hash_passwords_cheaply(app):
    with app.app_context():
        user = make_user("Fay Hash", "fay@example.org")
    assert user.password_hash.startswith("pbkdf2:sha256:1$")
    assert check_password_hash(user.password_hash, PASSWORD)


def test_the_app_hashes_with_scrypt_by_default(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite3"})
    app.instance_path = str(tmp_path)
    assert app.config["PASSWORD_HASH_METHOD"] == "scrypt"
    user = User(name="Gus Default", email="gus@example.org")
    with app.app_context():
        set_password(user, PASSWORD)
    assert user.password_hash.startswith("scrypt:")
    assert check_password_hash(user.password_hash, PASSWORD)
