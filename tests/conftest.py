"""Test fixtures: an app on a throwaway database, people, jobs and signed-in clients."""

from __future__ import annotations

import os
from datetime import date, time

import pytest
from sqlalchemy import delete

from panels import create_app
from panels.auth.service import set_password
from panels.config import TestConfig
from panels.db import db
from panels.models import Candidate, Job, PanelMember, User

PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    url = os.environ.get("PANELS_TEST_DATABASE_URL") or (
        "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")
    )
    instance = tmp_path_factory.mktemp("instance")
    app = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": url,
            "MEDIA_DIR": str(instance / "media"),
        }
    )
    app.instance_path = str(instance)
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_tables(request):
    """Empty every table after each test that used the app."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(delete(table))
        db.session.commit()


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


def make_user(name="Sam Patel", email=None, coordinator=False, **prefs) -> User:
    user = User(
        name=name,
        email=email or name.lower().replace(" ", ".") + "@example.org",
        is_coordinator=coordinator,
        **prefs,
    )
    set_password(user, PASSWORD)
    db.session.add(user)
    db.session.flush()
    return user


def make_job(ref="JOB-1", title="Support worker", members=(), candidates=(), **extra) -> Job:
    job = Job(
        ref=ref,
        title=title,
        interview_date=extra.pop("interview_date", date(2026, 12, 15)),
        start_time=extra.pop("start_time", time(9, 30)),
        place=extra.pop("place", "Community Hub, Leeds"),
        **extra,
    )
    db.session.add(job)
    for i, user in enumerate(members):
        db.session.add(PanelMember(job=job, user=user, key=f"m{i + 1}"))
    for i, name in enumerate(candidates):
        db.session.add(Candidate(job=job, key=f"c{i + 1}", name=name, position=i + 1))
    db.session.flush()
    return job


def sign_in(client, user: User) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True


@pytest.fixture
def world(app):
    """A coordinator, two members on job A, an outsider on job B."""
    with app.app_context():
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
        session["_user_id"] = str(user_id)
        session["_fresh"] = True
    return client
