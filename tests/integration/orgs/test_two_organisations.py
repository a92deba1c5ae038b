"""Two organisations, one installation: every route in the url_map, as a coordinator of
the other organisation.

Bea, admin of Beta Care (B), uses Alpha Trust's (A) job, candidate, member, question,
mark, person, coordinator and photo file name in every route that takes one: she gets a
403 or 404 (never a 2xx with A's data), for GET and for POST, and nothing changes in any
table. So does B's own job with A's candidate, member, question or photo in it. Alex,
admin of A, gets the same pages (2xx). Pages that take no id (My jobs, the organisation
page, new job, preferences) show Bea nothing of A.

Links that are keys (a candidate's invitation link, a sign-in link) work for whoever holds
them, signed in or not: being B's coordinator adds nothing, so Bea with A's link gets what
someone signed out gets; B's link with A's panel member in it is a 404.

A route with an argument this test does not know fails ``test_every_route_is_known``.
"""

from __future__ import annotations

import re

import pytest

from panels.db import db
from panels.models import ScoringState
from tests.conftest import signed_in_client
from tests.integration.fuzz_helpers import snapshot
from tests.integration.orgs_helpers import A_WORDS

# URL argument -> the key of A's value (and of B's) in the world.
OWNED = {
    "job_id": ("job_a", "job_b"),
    "candidate_id": ("ruth", "mei"),
    "member_id": ("m_sam", "m_olu"),
    "question_id": ("q_a", "q_b"),
    "mark_id": ("mark", None),
    "user_id": ("sam", "olu"),
    "membership_id": ("cleo_membership", "bea_membership"),
    "name": ("photo_q_a", None),
    "entry_id": ("entry_a", "entry_b"),
    "expense_id": ("expense_a", "expense_b"),
    "message_id": ("message_a", "message_b"),
    "panel_id": ("panel_a", "panel_b"),
    "meeting_id": ("meeting_a", "meeting_b"),
    "profile_id": ("profile_a", "profile_b"),
    "quality_id": ("quality_a", "quality_b"),
    "application_id": ("app_a", "app_b"),
}
FIXED = {
    "code": "1F91D",
    "filename": "css/panels.css",
    "action": "revoke",
    "fmt": "csv",
    "resume": "no-such-draft",
}
TOKENS = {
    "invitations.": "invite_a",
    "privacy.candidate_notice": "invite_a",
    "decision.candidate_feedback": "invite_a",  # the three questions on the invitation link
    "prepare.invite_profile_photo": "invite_a",
    "auth.use_link": "link_sam",
    "audio.clip": None,
    "shortlist.": None,  # the public job page: a key like the others
    "privacy.applicant_notice": None,  # the public job page's notice: the same key
}
# Speech synthesis: slow, and the same for everyone (the key carries its own words).
SPEECH = {"audio.clip", "invitations.audio", "pay.offer_audio"}
# Results show once scoring is closed (before, they send you to the scores sent).
AFTER_CLOSING = {
    "results.show",
    "results.export_csv",
    "results.export_xlsx",
    "shortlist.by_quality",
}
REFUSED = (403, 404)
_ARG = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")


# Every test here starts from the same two organisations: built once for the module, in one
# rolled-back transaction, each test in a savepoint rolled back after it (as tests/conftest.py's
# shared_world, whose name the suite checks for).
pytestmark = pytest.mark.usefixtures("shared_world")


@pytest.fixture
def two(shared_world):
    return dict(shared_world)


def _rules(app):
    return sorted(
        (r for r in app.url_map.iter_rules() if r.endpoint != "static"),
        key=lambda r: (r.endpoint, r.rule),
    )


def _url(rule, world, side: int = 0, job_side: int | None = None) -> str:
    """The rule's address with A's values (``side`` 0) or B's (1); the job from
    ``job_side`` if given."""

    def fill(match: re.Match) -> str:
        converter, options, name = match.groups()
        if converter == "any":
            return options.split(",")[0].strip()
        if name in OWNED:
            which = job_side if name == "job_id" and job_side is not None else side
            key = OWNED[name][which]
            return str(world[key]) if key else "1"
        if name == "token":
            prefix = next(p for p in TOKENS if rule.endpoint.startswith(p))
            key = TOKENS[prefix]
            return world[key] if key else "x"
        return FIXED[name]

    return _ARG.sub(fill, rule.rule)


def _owned(rule) -> bool:
    return bool(set(rule.arguments) & set(OWNED)) and "token" not in rule.arguments


def _send(client, method: str, url: str):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={})


def _refused_and_unchanged(app, client, method: str, url: str, why: str, before) -> None:
    """``before``: every table as it was before this request (each request before it in the
    test changed nothing, or the test stopped there: so it is the test's first snapshot)."""
    response = _send(client, method, url)
    assert response.status_code in REFUSED, f"{why}: {method} {url} -> {response.status_code}"
    with app.app_context():
        after = snapshot()
    changed = sorted(t for t in before if before[t] != after[t])
    assert not changed, f"{why}: {method} {url} changed {changed}"


def test_every_route_is_known(app):
    known = set(OWNED) | set(FIXED) | {"token"}
    for rule in _rules(app):
        assert set(rule.arguments) <= known, f"{rule.endpoint}: add its arguments here"
        if "token" in rule.arguments:
            assert any(rule.endpoint.startswith(p) for p in TOKENS), rule.endpoint


def test_another_organisations_ids_are_404_and_change_nothing(app, two):
    bea = signed_in_client(app, two["bea"])
    with app.app_context():
        before = snapshot()
    tried = 0
    for rule in _rules(app):
        if not _owned(rule):
            continue
        for method in sorted(rule.methods & {"GET", "POST"}):
            _refused_and_unchanged(app, bea, method, _url(rule, two), "A's ids", before)
            tried += 1
    assert tried > 60


def test_own_job_with_another_organisations_ids_is_404(app, two):
    """B's job in the address, A's candidate, member, question, mark or photo with it."""
    bea = signed_in_client(app, two["bea"])
    with app.app_context():
        before = snapshot()
    tried = 0
    for rule in _rules(app):
        others = set(rule.arguments) & (set(OWNED) - {"job_id"})
        if "job_id" not in rule.arguments or not others or "token" in rule.arguments:
            continue
        for method in sorted(rule.methods & {"GET", "POST"}):
            url = _url(rule, two, side=0, job_side=1)
            _refused_and_unchanged(app, bea, method, url, "B's job, A's ids", before)
            tried += 1
    assert tried > 25


def test_the_owners_coordinator_gets_the_pages(app, two):
    """The same addresses work for A's admin: the refusals above are about who asks."""
    alex = signed_in_client(app, two["alex"])
    later = []
    for rule in _rules(app):
        if not _owned(rule) or "GET" not in rule.methods or rule.endpoint in SPEECH:
            continue
        if rule.endpoint in AFTER_CLOSING:
            later.append(rule)
            continue
        response = alex.get(_url(rule, two))
        assert 200 <= response.status_code < 300, f"{rule.rule} -> {response.status_code}"
    with app.app_context():
        db.session.add(ScoringState(job_id=two["job_a"], closed=True))
        db.session.commit()
    for rule in later:
        response = alex.get(_url(rule, two))
        assert 200 <= response.status_code < 300, f"{rule.rule} -> {response.status_code}"


def test_pages_without_ids_show_nothing_of_another_organisation(app, two):
    bea = signed_in_client(app, two["bea"])
    for rule in _rules(app):
        if set(rule.arguments) - set(FIXED) or "GET" not in rule.methods:
            continue
        response = bea.get(_url(rule, two))
        # /healthz says 503 while no worker runs (tests/integration/tasks): it shows no data.
        assert response.status_code < 500 or rule.endpoint == "tasks.healthz", rule.endpoint
        text = response.get_data(as_text=True) if response.mimetype.startswith("text") else ""
        shown = [w for w in A_WORDS if w in text]
        assert not shown, f"{rule.endpoint} shows Bea {shown}"


def test_links_are_keys_being_a_coordinator_elsewhere_adds_nothing(app, two):
    bea = signed_in_client(app, two["bea"])
    nobody = app.test_client()
    for rule in _rules(app):
        if "token" not in rule.arguments or "GET" not in rule.methods:
            continue
        if rule.endpoint in SPEECH:
            continue
        url = _url(rule, two)
        as_bea, as_nobody = bea.get(url), nobody.get(url)
        assert as_bea.status_code == as_nobody.status_code, url
        assert as_bea.mimetype == as_nobody.mimetype, url
        if as_bea.mimetype == "text/html":  # the header differs: Bea is signed in
            assert _main(as_bea) == _main(as_nobody), url


def _main(response) -> str:
    found = re.search(r"<main\b.*?</main>", response.get_data(as_text=True), re.S)
    assert found, "no <main>"
    return re.sub(r'name="csrf_token" value="[^"]*"', "", found.group(0))


def test_a_candidates_link_does_not_reach_another_organisations_panel(app, two):
    url = f"/invite/{two['invite_b']}/panel/{two['m_sam']}/photo"
    assert app.test_client().get(url).status_code == 404
    own = f"/invite/{two['invite_a']}/panel/{two['m_sam']}/photo"
    assert app.test_client().get(own).status_code == 200  # Sam agreed: Ruth may see it


def test_my_jobs_lists_only_my_organisations_jobs(app, two):
    bea = signed_in_client(app, two["bea"]).get("/jobs").get_data(as_text=True)
    alex = signed_in_client(app, two["alex"]).get("/jobs").get_data(as_text=True)
    assert "Betaline worker" in bea and "Alphaline" not in bea
    assert "Alphaline worker" in alex and "Betaline" not in alex
    olu = signed_in_client(app, two["olu"]).get("/jobs").get_data(as_text=True)
    assert "Betaline worker" in olu and "Alphaline" not in olu
