"""Walk every route as nobody, as someone from another job, and as a panel member.

New routes are covered automatically: a route is public only if listed here.
"""

from __future__ import annotations

import pytest

from tests.conftest import signed_in_client

PUBLIC = {
    "static",
    "pages.home",
    "pages.accessibility",
    "pages.attributions",
    "auth.sign_in",
    "auth.use_link",
    "auth.sign_out",
    "auth.timed_out",  # says why a coordinator was signed out
    "auth.session_left",  # for the warning script: nothing for nobody
    "audio.clip",
    "tasks.healthz",  # for load balancers: a 503 there means "no worker", not an error
    "mail.ask_sign_in",  # a panel member asks for a sign-in link by email
    "mail.ask_invitation",  # a candidate asks for their invitation again
}
PUBLIC_PREFIXES = ("invitations.", "symbols.")  # candidate pages carry their own token


def _is_public(endpoint: str) -> bool:
    return endpoint in PUBLIC or endpoint.startswith(PUBLIC_PREFIXES)


def _routes(app, world):
    values = {
        "job_id": world["job_a"],
        "member_id": world["member_sam"],
        "candidate_id": world["cand_a"],
    }
    for rule in app.url_map.iter_rules():
        if _is_public(rule.endpoint):
            continue
        url = rule.rule
        for arg in rule.arguments:
            url = url.replace(f"<int:{arg}>", str(values.get(arg, 1)))
            url = url.replace(f"<{arg}>", str(values.get(arg, "x")))
            for conv in ("string", "path"):
                url = url.replace(f"<{conv}:{arg}>", str(values.get(arg, "x")))
        for method in sorted(rule.methods & {"GET", "POST"}):
            yield rule, url, method


def _call(client, method, url):
    return client.get(url) if method == "GET" else client.post(url, data={})


def test_nobody_is_sent_to_sign_in(app, world):
    client = app.test_client()
    checked = 0
    for rule, url, method in _routes(app, world):
        response = _call(client, method, url)
        assert response.status_code in (302, 401, 404), (rule.endpoint, method, response.status)
        if response.status_code == 302:
            assert "/sign-in" in response.headers["Location"], rule.endpoint
        checked += 1
    assert checked > 20


def test_someone_from_another_job_sees_nothing(app, world):
    client = signed_in_client(app, world["outsider"])
    for rule, url, method in _routes(app, world):
        if "job_id" not in rule.arguments:
            continue
        response = _call(client, method, url)
        assert response.status_code in (403, 404), (rule.endpoint, method, response.status)


def test_panel_member_cannot_use_coordinator_pages(app, world):
    """Sam is on job A but not a coordinator: anything that manages the job is refused."""
    client = signed_in_client(app, world["sam"])
    managing = [
        f"/jobs/{world['job_a']}/edit",
        f"/jobs/{world['job_a']}/panel/add",
        f"/jobs/{world['job_a']}/panel/{world['member_sam']}",
        f"/jobs/{world['job_a']}/candidates/add",
        f"/jobs/{world['job_a']}/candidates/import",
    ]
    for url in managing:
        assert client.get(url).status_code in (403, 404), url


@pytest.mark.parametrize("who", ["coordinator", "sam", "outsider"])
def test_no_route_errors_for_anyone(app, world, who):
    """Whatever anyone asks for, with ids that may not exist, never a 500."""
    client = signed_in_client(app, world[who])
    for rule, url, method in _routes(app, world):
        response = _call(client, method, url)
        assert response.status_code < 500, (who, rule.endpoint, method, response.status)


def test_no_two_pages_share_an_address(app):
    """Two areas that both claim an address and method: only the first is ever reached,
    and the other page silently cannot be opened (it happened: the privacy notice and the
    privacy agreement both took /jobs/<id>/privacy)."""
    seen: dict[tuple[str, str], str] = {}
    clashes = []
    for rule in app.url_map.iter_rules():
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            key = (rule.rule, method)
            if key in seen:
                clashes.append((key, seen[key], rule.endpoint))
            seen[key] = rule.endpoint
    assert not clashes
