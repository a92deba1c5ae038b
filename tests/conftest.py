"""Test fixtures: an app on a throwaway database, people, jobs and signed-in clients.

The database is SQLite, or PostgreSQL when PANELS_TEST_DATABASE_URL is set. Its tables are
made once per run by the migrations, as `flask db upgrade` makes them. Each test that uses
the app runs inside one transaction on one connection, rolled back at the end: every
session of the test (the test's own, each request's) joins it through a savepoint, so a
view's `db.session.commit()` only releases a savepoint. Tests marked
`@pytest.mark.concurrency` use several connections at once: they commit for real and
every table is emptied after them.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from datetime import date, time

import pytest
from flask import current_app
from flask_migrate import upgrade
from flask_sqlalchemy.session import Session as FlaskSession
from hypothesis import settings
from sqlalchemy import MetaData, create_engine, delete, select, text
from sqlalchemy.engine import make_url

from panels import create_app
from panels.auth.service import set_password, start_session
from panels.config import TestConfig
from panels.db import db
from panels.models import Candidate, Job, Organisation, OrgMembership, OrgRole, PanelMember, User
from tests.pagecheck import PageCheckingClient
from tests.prepare_helpers import agree_all

# Property tests are about behaviour, never speed (machines here are noisy): no deadline,
# and the same examples on every run so CI is repeatable.
settings.register_profile("panels", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("panels")

PASSWORD = "correct horse battery"


def pytest_collection_modifyitems(items):
    """Under pytest-xdist (`make test` runs `-n 2 --dist loadgroup`), tests that share one
    server or rely on file order stay together, in order, on one worker."""
    for item in items:
        path = item.path.as_posix()
        if "/tests/browser/" in path or path.endswith("/tests/test_suite_isolation.py"):
            item.add_marker(pytest.mark.xdist_group(item.path.stem))


def suite_database_url(tmp_path_factory) -> str:
    """SQLite in the run's temporary folder, or PANELS_TEST_DATABASE_URL's PostgreSQL.

    Each pytest-xdist worker gets a database of its own: a file in its own temporary
    folder, or on PostgreSQL a new database named after the worker (gw0, gw1...).
    """
    url = os.environ.get("PANELS_TEST_DATABASE_URL")
    if not url:
        return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    server = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        server.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    url = suite_database_url(tmp_path_factory)
    instance = tmp_path_factory.mktemp("instance")
    app = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": url,
            "MEDIA_DIR": str(instance / "media"),
        }
    )
    app.instance_path = str(instance)
    app.test_client_class = PageCheckingClient
    with app.app_context():
        drop_every_table()
        upgrade()  # the schema the way production makes it: `flask db upgrade`
    yield app
    with app.app_context():
        db.session.remove()
        drop_every_table()
        db.engine.dispose()


def drop_every_table() -> None:
    """Drop every table in the database, the models' and any other (alembic_version)."""
    found = MetaData()
    found.reflect(bind=db.engine)
    found.drop_all(bind=db.engine)


@pytest.fixture(autouse=True)
def _database_per_test(request):
    """A rolled-back transaction per test; real commits and emptied tables if marked."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    if request.node.get_closest_marker("concurrency"):
        assert _TestSession.test_connection is None, "a concurrency test in a shared world"
        yield
        empty_every_table(app)
        return
    if _TestSession.test_connection is not None:  # the module's world, built once
        assert "shared_world" in request.fixturenames, (
            "in a module with a shared world, every test on the database starts from it"
        )
        with undone_after():
            yield
        return
    with one_rolled_back_transaction(app):
        yield


@pytest.fixture(scope="module")
def shared_world(app):
    """``world``'s people and jobs, built once for a module whose tests all start from it:
    the module runs in one rolled-back transaction, each test in a savepoint inside it
    (rolled back after the test), so every test still starts from the same rows."""
    with one_rolled_back_transaction(app):
        with app.app_context():
            ids = build_world()
            db.session.remove()
        yield ids


def empty_every_table(app) -> None:
    with app.app_context():
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(delete(table))
        db.session.commit()


class _TestSession(FlaskSession):
    """A session on the test's one connection (Flask-SQLAlchemy's own picks the engine)."""

    suite_app = None
    test_thread: threading.Thread | None = None
    test_connection = None  # the test's one connection, while a test runs

    def __init__(self, *args, **kwargs):
        if threading.current_thread() is not self.test_thread:
            raise RuntimeError(
                "This test uses the database from another thread: "
                "mark it @pytest.mark.concurrency so it gets real commits."
            )
        super().__init__(*args, **kwargs)

    def get_bind(self, *args, **kwargs):
        if current_app and current_app._get_current_object() is self.suite_app:
            return self.bind
        return super().get_bind(*args, **kwargs)  # another app made inside the test


@contextmanager
def one_rolled_back_transaction(app):
    """SQLAlchemy's "Joining a Session into an External Transaction", for db.session."""
    with app.app_context():
        engine = db.engine
    connection = engine.connect()
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        # pysqlite opens a transaction only before a write, so the first SAVEPOINT would
        # open the real one and its RELEASE would commit it: say BEGIN ourselves instead.
        connection.connection.driver_connection.isolation_level = None
    outer = connection.begin()
    if sqlite:
        connection.exec_driver_sql("BEGIN")
    _TestSession.suite_app = app
    _TestSession.test_thread = threading.current_thread()
    _TestSession.test_connection = connection
    suite_session = db.session
    db.session = db._make_scoped_session(
        {"bind": connection, "join_transaction_mode": "create_savepoint", "class_": _TestSession}
    )
    try:
        yield
    finally:
        for session in list(db.session.registry.registry.values()):
            session.close()
        db.session = suite_session
        _TestSession.test_connection = None
        outer.rollback()
        if sqlite:
            connection.connection.driver_connection.isolation_level = ""
        connection.close()


@contextmanager
def undone_after():
    """Whatever is written inside is undone at the end: a savepoint on the test's one
    connection, rolled back (every session inside must be closed by then)."""
    connection = _TestSession.test_connection
    assert connection is not None, "undone_after() needs a test in a rolled-back transaction"
    savepoint = connection.begin_nested()
    try:
        yield
    finally:
        for session in list(db.session.registry.registry.values()):
            session.close()
        savepoint.rollback()


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


TEST_ORG = "test-org"


def default_organisation() -> Organisation:
    """The organisation every test's jobs and coordinators are in, unless they say."""
    org = db.session.scalar(select(Organisation).where(Organisation.slug == TEST_ORG))
    if org is None:
        org = Organisation(name="Test organisation", slug=TEST_ORG)
        db.session.add(org)
        db.session.flush()
    return org


def make_user(name="Sam Patel", email=None, coordinator=False, **prefs) -> User:
    """A person; with ``coordinator``, an admin of the default organisation (or of
    ``organisation=``)."""
    organisation = prefs.pop("organisation", None)
    user = User(
        name=name,
        email=email or name.lower().replace(" ", ".") + "@example.org",
        **prefs,
    )
    set_password(user, PASSWORD)
    db.session.add(user)
    if coordinator:
        db.session.add(
            OrgMembership(
                user=user,
                organisation=organisation or default_organisation(),
                role=OrgRole.ADMIN.value,
            )
        )
    db.session.flush()
    return user


def make_job(
    ref="JOB-1", title="Support worker", members=(), candidates=(), agreed=True, **extra
) -> Job:
    """A job of the default organisation (or ``organisation=``); its panel members are in
    its organisation and have agreed to keep candidates' information private (unless
    ``agreed=False``)."""
    if "organisation" not in extra and "organisation_id" not in extra:
        extra["organisation"] = default_organisation()
    job = Job(
        ref=ref,
        title=title,
        interview_date=extra.pop("interview_date", date(2026, 12, 15)),
        start_time=extra.pop("start_time", time(9, 30)),
        place=extra.pop("place", "Community Hub, Leeds"),
        **extra,
    )
    db.session.add(job)
    db.session.flush()
    for i, user in enumerate(members):
        db.session.add(PanelMember(job=job, user=user, key=f"m{i + 1}"))
        _join(job.organisation_id, user)
    for i, name in enumerate(candidates):
        db.session.add(Candidate(job=job, key=f"c{i + 1}", name=name, position=i + 1))
    db.session.flush()
    if agreed:
        agree_all(job)
    return job


def _join(organisation_id: int, user: User) -> None:
    """Someone on a job's panel is in its organisation (as the app does it)."""
    if not any(m.organisation_id == organisation_id for m in user.org_memberships):
        db.session.add(
            OrgMembership(user=user, organisation_id=organisation_id, role=OrgRole.MEMBER.value)
        )
        db.session.flush()


def sign_in(client, user: User) -> None:
    with client.session_transaction() as session:
        session.update(start_session(user.id, client.application))


@pytest.fixture
def world(app):
    """A coordinator, two members on job A, an outsider on job B."""
    with app.app_context():
        return build_world()


def build_world() -> dict[str, int]:
    """``world``'s rows, committed (inside the test's transaction); their ids."""
    coordinator = make_user("Alex Morgan", "alex@example.org", coordinator=True)
    sam = make_user("Sam Patel", "sam@example.org", pace=2.0, read_aloud=True)
    jo = make_user("Jo Williams", "jo@example.org")
    outsider = make_user("Olu Outside", "olu@example.org")
    job_a = make_job("JOB-A", "Support worker", [coordinator, sam, jo], ["Ruth", "Dan"])
    job_b = make_job("JOB-B", "Office assistant", [outsider], ["Mei"])
    db.session.commit()
    ids = {
        "coordinator": coordinator.id,
        "sam": sam.id,
        "jo": jo.id,
        "outsider": outsider.id,
        "job_a": job_a.id,
        "job_b": job_b.id,
        "member_sam": job_a.members[1].id,
        "member_outsider": job_b.members[0].id,
        "cand_a": job_a.candidates[0].id,
        "cand_b": job_b.candidates[0].id,
    }
    return ids


def signed_in_client(app, user_id: int):
    client = app.test_client()
    with client.session_transaction() as session:
        session.update(start_session(user_id, app))
    return client
