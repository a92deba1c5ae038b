"""/healthz for load balancers: JSON, no sign-in, one cheap query."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from panels.tasks import queries

bp = Blueprint("tasks", __name__)


@bp.get("/healthz")
def healthz():
    """200 when the database answers and a worker's heartbeat is recent, else 503."""
    checks = queries.health(float(current_app.config["WORKER_HEARTBEAT_STALE_SECONDS"]))
    healthy = all(answer == "ok" for answer in checks.values())
    body = {"status": "ok" if healthy else "failing", "checks": checks}
    if not healthy:
        failing = ", ".join(
            f"{name}: {answer}" for name, answer in checks.items() if answer != "ok"
        )
        current_app.logger.warning("Health check failing: %s", failing)
    return jsonify(body), 200 if healthy else 503
