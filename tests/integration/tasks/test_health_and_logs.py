"""/healthz for load balancers, and the log lines: JSON, request ids, no secrets."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from sqlalchemy.exc import OperationalError

from panels.common import logs
from panels.config import from_environment
from panels.models.base import utcnow
from panels.tasks import queue
from tests.conftest import PASSWORD
from tests.integration.auth_helpers import another_app


@pytest.fixture
def json_lines(app):
    """The panels logs as JSON lines into a buffer, for this test."""
    buffer = io.StringIO()
    logs.configure("json", stream=buffer)
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    finally:
        logs.configure(app.config["LOG_FORMAT"])


def test_healthz_is_200_when_a_worker_beat_recently(app, ctx, client, json_lines):
    queue.beat("w1", utcnow())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "worker": "ok"}}
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers  # no session for a load balancer
    assert json_lines() == []  # a passing health check is not logged


def test_healthz_is_503_without_any_worker(app, ctx, client, json_lines):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "failing"
    assert body["checks"] == {
        "database": "ok",
        "worker": "no worker has ever written a heartbeat",
    }
    assert [line["level"] for line in json_lines()] == ["WARNING", "INFO"]  # not an error


def test_healthz_is_503_when_the_heartbeat_is_old(app, ctx, client):
    queue.beat("w1", utcnow() - timedelta(hours=1), utcnow() - timedelta(seconds=45))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["worker"] == "no heartbeat for 45 seconds"


def test_healthz_is_503_when_the_database_does_not_answer(
    app, ctx, client, monkeypatch, json_lines
):
    def down():
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(queue, "latest_beat", down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {
        "database": "not answering (OperationalError)",
        "worker": "unknown",
    }
    assert [line["level"] for line in json_lines()] == ["WARNING", "INFO"]  # not an error


def test_json_log_lines_parse_and_carry_the_request_id(app, world, json_lines):
    client = app.test_client()
    response = client.post("/sign-in", data={"email": "sam@example.org", "password": PASSWORD})
    request_id = response.headers["X-Request-ID"]
    assert len(request_id) == 32
    lines = json_lines()
    access = [line for line in lines if line["logger"] == "panels.access"]
    assert access == [
        {
            "time": access[0]["time"],
            "level": "INFO",
            "message": f"POST /sign-in {response.status_code}",
            "logger": "panels.access",
            "request_id": request_id,
            "method": "POST",
            "path": "/sign-in",
            "status": response.status_code,
            "duration_ms": access[0]["duration_ms"],
        }
    ]
    assert isinstance(access[0]["duration_ms"], float)
    assert access[0]["time"].endswith("+00:00")
    text = json.dumps(lines)
    assert PASSWORD not in text and "sam@example.org" not in text


def test_every_request_gets_its_own_id_and_a_client_cannot_choose_it(client, json_lines):
    first = client.get("/accessibility", headers={"X-Request-ID": "chosen-by-me"})
    second = client.get("/accessibility")
    ids = [first.headers["X-Request-ID"], second.headers["X-Request-ID"]]
    assert "chosen-by-me" not in ids and ids[0] != ids[1]
    assert [line["request_id"] for line in json_lines()] == ids


def test_tokens_in_paths_are_not_logged(client, json_lines):
    client.get("/sign-in/link/very-secret-token-123")
    client.get("/invite/another-secret-token")
    paths = [line["path"] for line in json_lines()]
    assert paths == ["/sign-in/link/<token>", "/invite/<token>"]


def test_a_healthy_healthz_is_not_logged_but_a_failing_one_is(app, ctx, client, json_lines):
    client.get("/healthz")  # no worker: 503
    queue.beat("w1", utcnow())
    client.get("/healthz")
    lines = json_lines()
    assert [(line["level"], line["logger"]) for line in lines] == [
        ("WARNING", "panels.app"),
        ("INFO", "panels.access"),
    ]
    assert lines[0]["message"].startswith("Health check failing: worker:")
    assert lines[0]["request_id"] == lines[1]["request_id"]


@pytest.mark.concurrency  # a second app: its own connection
def test_behind_a_trusted_proxy_its_request_id_is_used(app):
    with another_app(app, TRUSTED_PROXIES=1) as proxied:
        client = proxied.test_client()
        kept = client.get("/accessibility", headers={"X-Request-ID": "lb-1234.abcd"})
        odd = client.get("/accessibility", headers={"X-Request-ID": "no spaces; or <tags>"})
    assert kept.headers["X-Request-ID"] == "lb-1234.abcd"
    assert odd.headers["X-Request-ID"] != "no spaces; or <tags>"
    assert len(odd.headers["X-Request-ID"]) == 32


def test_the_log_format_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("PANELS_LOG_FORMAT", "json")
    assert from_environment()["LOG_FORMAT"] == "json"
    with pytest.raises(ValueError, match="text or json"):
        logs.configure("xml")
