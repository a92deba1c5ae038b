"""Scoring as a state machine (issue 9): several members, two tablets each, any order.

The machine drives the real app through the Flask test client. Three panel members (one
of them a coordinator) each have two tablets; a coordinator who is not on the panel
closes and reopens scoring, reads results and types in paper sheets. Tablets behave like
``static/js/scoring-offline.js``: each holds the sheet version it last saw and a queue of
changes not yet acknowledged, each with its change id; a change sent once is resent as it
was; a newer change replaces one not sent yet; a conflict keeps the member's answers and
the member chooses.

A model of the server ("truth") predicts every answer, and after every step:

* nothing acknowledged is lost: every acknowledged change was applied, and the stored
  sheet is exactly the changes applied to it in order, each made on the version the one
  before it left (so none overwrote a change it did not know about);
* nothing is counted twice: one applied change per change id, one "sent" record per sheet;
* nobody sees early: no page or JSON holds another member's note (each note is a unique
  marker) unless the rule lets that person see it;
* results equal an independent computation of the PRODUCT.md rule from the sent sheets,
  each on its own scale, whatever the members' preferences are now: checked at every step
  on the results as computed for HR, and through the CSV whenever someone reads it.

Every rule here was checked to fail on the bugs issue 9 found (a version 0 or null that
skips the check; results read on the member's scale now; a view of others' scores that
does not stop first scores).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import delete, func, select, update

from panels.db import db
from panels.models import (
    AuditEvent,
    OrgMembership,
    OrgRole,
    Question,
    ScoreSend,
    ScoreSheet,
    ScoringState,
    User,
    UserSession,
)
from panels.models.base import utcnow
from panels.scoring.scales import get_scale
from tests.conftest import _TestSession, default_organisation, make_job, signed_in_client

SETTINGS = settings(
    max_examples=25,  # 25 runs of 25 steps: 625 steps, each checked after
    stateful_step_count=25,
    derandomize=True,  # the same examples on every run, in CI too
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
MEMBERS = ("m1", "m2", "m3")  # m1 is a coordinator on the panel
START_SCALES = {"m1": "points5", "m2": "faces3", "m3": "yesno"}  # yesno: from a job file
QUESTIONS = ("q1", "q2")
CANDIDATES = 2
DK = "dk"


@dataclass
class Change:
    client_id: str
    answers: dict[str, object]  # question key -> value or "dk"; missing = not answered
    note: str
    submit: bool
    scale: str
    reason: str = ""
    version: int | None = None  # set when first sent, then frozen for resends
    sent: bool = False


@dataclass
class Tablet:
    member: str
    client: object
    seen: dict[int, int] = field(default_factory=dict)  # candidate -> version seen
    scale: dict[int, str] = field(default_factory=dict)  # candidate -> scale on the page
    queue: dict[int, list[Change]] = field(default_factory=dict)
    conflict: dict[int, dict] = field(default_factory=dict)  # candidate -> saved state


@dataclass
class Sheet:
    scale: str
    version: int = 0
    status: str = "draft"
    answers: dict[str, object] = field(default_factory=dict)
    note: str = ""
    history: list[tuple[str, int]] = field(default_factory=list)  # (change id, version)
    on_behalf: bool = False


def _shown(value: Fraction) -> str:
    """A 0-100 score to one decimal place, half up, worked out exactly."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass
class Start:
    """Where every example starts: the world in the database (kept under a savepoint) and
    each tablet as it was after its first look at every sheet."""

    job: int
    cands: list[int]
    member_ids: dict[str, int]
    user_ids: dict[str, int]
    hr_id: int
    tablets: list[Tablet]
    hr: object


def _same_cookies(app, client):
    """A new test client holding the cookies ``client`` holds now."""
    copy = app.test_client()
    copy._cookies.update(client._cookies)  # noqa: SLF001  (werkzeug's cookie jar)
    return copy


class ScoringMachine(RuleBasedStateMachine):
    app = None  # set by the test
    start: Start | None = None  # built by the test's first example, then shared

    def __init__(self):
        super().__init__()
        if ScoringMachine.start is None:
            self._build()
            ScoringMachine.start = Start(
                self.job,
                self.cands,
                self.member_ids,
                self.user_ids,
                self.hr_id,
                self.tablets,
                self.hr,
            )
        # Every example starts from the same database: whatever it writes is rolled back
        # in teardown. Its people's sessions are as just made (none has been idle).
        self._savepoint = _TestSession.test_connection.begin_nested()
        with self.app.app_context():
            db.session.execute(update(UserSession).values(last_seen_at=utcnow()))
            db.session.commit()
        self._begin(ScoringMachine.start)

    def _begin(self, start: Start) -> None:
        """The model and the tablets at the start, each tablet a client of its own."""
        app = self.app
        self.counter = 0
        self.job, self.cands = start.job, list(start.cands)
        self.member_ids, self.user_ids = dict(start.member_ids), dict(start.user_ids)
        self.hr_id = start.hr_id
        self.pref = dict(START_SCALES)
        self.closed = False
        self.seen: dict[str, set] = {k: set() for k in (*MEMBERS, "hr")}
        self.truth: dict[tuple[str, int], Sheet] = {}
        self.acked: set[str] = set()
        self.tablets = [
            Tablet(
                t.member,
                _same_cookies(app, t.client),
                seen=dict(t.seen),
                scale=dict(t.scale),
                queue={cand: [] for cand in range(CANDIDATES)},
            )
            for t in start.tablets
        ]
        self.hr = _same_cookies(app, start.hr)
        self.coord = self.tablets[0].client

    def _build(self) -> None:
        """The world, everyone signed in, and every tablet's first look at every sheet."""
        app = self.app
        self.counter = 0
        with app.app_context():
            db.session.remove()
            for table in reversed(db.metadata.sorted_tables):
                db.session.execute(delete(table))
            db.session.commit()
            users = {}
            for key, name in (("m1", "Alex"), ("m2", "Sam"), ("m3", "Jo")):
                users[key] = User(
                    name=name,
                    email=f"{key}@example.org",
                    scale=START_SCALES[key],
                )
            hr = User(name="Hana", email="hr@example.org")
            db.session.add_all([*users.values(), hr])
            for coordinator in (users["m1"], hr):
                db.session.add(
                    OrgMembership(
                        user=coordinator,
                        organisation=default_organisation(),
                        role=OrgRole.ADMIN.value,
                    )
                )
            db.session.flush()
            job = make_job(
                "SM-1",
                "Support worker",
                [users[k] for k in MEMBERS],
                [f"Candidate {i}" for i in range(CANDIDATES)],
            )
            for i, key in enumerate(QUESTIONS, start=1):
                db.session.add(
                    Question(
                        job_id=job.id,
                        key=key,
                        easy_read=f"Question {i}?",
                        status="agreed",
                        scored=True,
                        position=i,
                    )
                )
            db.session.commit()
            self.job = job.id
            self.cands = [c.id for c in job.candidates]
            self.member_ids = {m.key: m.id for m in job.members}
            self.user_ids = {k: u.id for k, u in users.items()}
            self.hr_id = hr.id
        self.pref = dict(START_SCALES)
        self.closed = False
        self.seen = {k: set() for k in (*MEMBERS, "hr")}
        self.truth = {}
        self.acked = set()
        self.tablets = [
            Tablet(member, signed_in_client(app, self.user_ids[member]))
            for member in MEMBERS
            for _copy in range(2)
        ]
        self.hr = signed_in_client(app, self.hr_id)
        self.coord = self.tablets[0].client
        for tablet in self.tablets:
            for cand in range(CANDIDATES):
                tablet.queue[cand] = []
                self._reload(tablet, cand)

    # --- helpers ---------------------------------------------------------------------

    def _url(self, cand, suffix=""):
        return f"/jobs/{self.job}/score/{self.cands[cand]}{suffix}"

    def _marker(self, member, cand):
        self.counter += 1
        return f"mk{self.counter}z-{member}-{cand}"

    def _value(self, scale_key, pick):
        if pick is None or pick == DK:
            return pick
        values = get_scale(scale_key).values
        return values[pick % len(values)]

    def _has_seen(self, member, cand):
        return "all" in self.seen[member] or cand in self.seen[member]

    def _no_leak(self, body: str, viewer: str | None, allowed: int | None = None):
        """No note of another member's sheet, unless it is a sent sheet for ``allowed``."""
        for (member, cand), sheet in self.truth.items():
            if not sheet.note or member == viewer:
                continue
            if cand == allowed and sheet.status == "submitted":
                continue
            assert sheet.note not in body, f"{viewer} saw {member}'s note on candidate {cand}"

    def _reload(self, tablet, cand):
        response = tablet.client.get(self._url(cand) + "?view=all")
        body = response.get_data(as_text=True)
        self._no_leak(body, tablet.member)
        sheet = self.truth.get((tablet.member, cand))
        if self._blocked(tablet.member, cand) and not self.closed:
            assert response.status_code == 403, response.status_code
            assert "score-form" not in body
        else:
            assert response.status_code == 200, response.status_code
        if tablet.queue[cand] or cand in tablet.conflict:
            return  # the tablet keeps its own changes (as scoring-offline.js does)
        version = re.search(r'name="version" value="([0-9]+)"', body)
        scale = re.search(r'name="scale" value="([a-z0-9]+)"', body)
        if version and scale:
            tablet.seen[cand] = int(version.group(1))
            tablet.scale[cand] = scale.group(1)
            expected_scale = sheet.scale if sheet else self.pref[tablet.member]
            assert tablet.scale[cand] == expected_scale  # the sheet's own scale
            assert tablet.seen[cand] == (sheet.version if sheet else 0)
        else:  # sent, or not allowed: nothing to save on
            tablet.seen[cand] = sheet.version if sheet else 0
            tablet.scale[cand] = sheet.scale if sheet else self.pref[tablet.member]

    def _blocked(self, member, cand):
        sheet = self.truth.get((member, cand))
        return (sheet is None or sheet.status != "submitted") and self._has_seen(member, cand)

    def _predict(self, member, cand, change: Change):
        """(status, result) the server must give; result is what to apply, or None."""
        sheet = self.truth.get((member, cand))
        if sheet is not None:
            for client_id, version in sheet.history:
                if client_id == change.client_id:
                    return 200, ("duplicate", version)
        if self.closed:
            return 409, None
        if self._blocked(member, cand):
            return 403, None
        if sheet is not None and sheet.status == "submitted" and not change.reason:
            return 409, "conflict"
        if change.version != (sheet.version if sheet else 0):
            return 409, "conflict"
        if sheet is not None and change.scale != sheet.scale:
            return 409, "conflict"
        if change.submit and set(change.answers) != set(QUESTIONS):
            return 400, None
        return 200, "apply"

    def _apply(self, member, cand, change: Change, on_behalf=False) -> Sheet:
        sheet = self.truth.get((member, cand))
        if sheet is None:
            sheet = self.truth[(member, cand)] = Sheet(scale=change.scale, on_behalf=on_behalf)
        amending = sheet.status == "submitted"
        if change.submit or amending:
            sheet.answers = dict(change.answers)
        else:
            sheet.answers.update(change.answers)
        sheet.note = change.note
        sheet.version += 1
        if change.submit:
            sheet.status = "submitted"
        sheet.history.append((change.client_id, sheet.version))
        all_sent = all(
            (m, c) in self.truth and self.truth[(m, c)].status == "submitted"
            for m in MEMBERS
            for c in range(CANDIDATES)
        )
        if all_sent:
            self.closed = True  # scoring closes by itself when everyone has sent
        return sheet

    def _saved_answers(self, sheet: Sheet | None):
        return {} if sheet is None else dict(sheet.answers)

    # --- rules: tablets --------------------------------------------------------------

    @rule(
        tablet=st.integers(0, 5),
        cand=st.integers(0, CANDIDATES - 1),
        picks=st.lists(
            st.one_of(st.none(), st.just(DK), st.integers(0, 4)), min_size=2, max_size=2
        ),
        submit=st.booleans(),
        how=st.sampled_from(["offline", "answered", "answered", "answer lost", "request lost"]),
    )
    def change(self, tablet, cand, picks, submit, how):
        """The member taps answers (and maybe Send) on one tablet, which sends at once."""
        t = self.tablets[tablet]
        scale = t.scale[cand]
        answers = {
            q: self._value(scale, p) for q, p in zip(QUESTIONS, picks, strict=True) if p is not None
        }
        if submit:  # the screen asks for every answer before sending
            answers = {q: answers.get(q, DK) for q in QUESTIONS}
        queue = t.queue[cand]
        note = self._marker(t.member, cand)
        if queue and not queue[-1].sent:  # a newer change replaces one not sent yet
            old = queue.pop()
            merged = {**old.answers, **answers}
            submit = submit or old.submit
            if submit:
                merged = {q: merged.get(q, DK) for q in QUESTIONS}
            answers = merged
        self.counter += 1
        queue.append(Change(f"c{self.counter}", answers, note, submit, scale))
        if how != "offline" and cand not in t.conflict:
            self._deliver(t, cand, how)

    @rule(tablet=st.integers(0, 5), cand=st.integers(0, CANDIDATES - 1))
    def amend(self, tablet, cand):
        """Change sent scores, saying why."""
        t = self.tablets[tablet]
        sheet = self.truth.get((t.member, cand))
        if sheet is None or sheet.status != "submitted" or t.queue[cand]:
            return
        scale = t.scale[cand]
        answers = {q: self._value(scale, self.counter + i) for i, q in enumerate(QUESTIONS)}
        self.counter += 1
        change = Change(
            f"c{self.counter}", answers, self._marker(t.member, cand), True, scale, "Misheard"
        )
        t.queue[cand].append(change)

    def _waiting(self, resent: bool = False):
        """(tablet, candidate) pairs with a change to send (already sent once, if resent)."""
        return [
            (t, cand)
            for t in self.tablets
            for cand in range(CANDIDATES)
            if t.queue[cand] and cand not in t.conflict and (t.queue[cand][0].sent or not resent)
        ]

    @rule(pick=st.integers(0, 99), how=st.sampled_from(["answered", "answer lost", "request lost"]))
    def deliver(self, pick, how):
        """Send the oldest change not acknowledged; the connection may drop either way."""
        waiting = self._waiting()
        if waiting:
            self._deliver(*waiting[pick % len(waiting)], how)

    @rule(pick=st.integers(0, 99))
    def resend(self, pick):
        """Back online: a change sent before with no answer goes again, exactly the same."""
        waiting = self._waiting(resent=True)
        if waiting:
            self._deliver(*waiting[pick % len(waiting)], "answered")

    def _deliver(self, t, cand, how):
        queue = t.queue[cand]
        head = queue[0]
        if head.version is None:
            head.version = t.seen[cand]
        head.sent = True
        if how == "request lost":
            return  # never reached the server: sent again later, the same
        body = {
            "client_id": head.client_id,
            "version": head.version,
            "scale": head.scale,
            "answers": head.answers,
            "note": head.note,
            "submit": head.submit,
            "reason": head.reason,
        }
        expected, what = self._predict(t.member, cand, head)
        response = t.client.post(self._url(cand, "/send"), json=body)
        data = response.get_json()
        assert response.status_code == expected, (expected, what, data)
        self._no_leak(response.get_data(as_text=True), t.member)
        sheet = self.truth.get((t.member, cand))
        if what == "apply":
            sheet = self._apply(t.member, cand, head)
            assert data["version"] == sheet.version and data["status"] == sheet.status
        elif isinstance(what, tuple):
            assert data["result"] == "duplicate" and data["version"] == what[1]
        elif what == "conflict":
            assert data["conflict"] is True and data["version"] == sheet.version
            assert data["saved"]["answers"] == self._saved_answers(sheet)
            assert data["saved"]["status"] == sheet.status
            assert data["saved"]["scale"] == sheet.scale
        if how == "answer lost":
            return  # the tablet does not know: it resends the same change later
        if response.status_code == 200:
            self.acked.add(head.client_id)
            queue.pop(0)
            t.seen[cand] = data["version"]
            if data["status"] == "submitted" and (head.submit or what != "apply"):
                queue.clear()  # sent: the tablet shows the locked sheet
                self._reload(t, cand)
        elif what == "conflict":
            mine = queue[-1]
            self.counter += 1
            queue[:] = [
                Change(
                    f"c{self.counter}",
                    mine.answers,
                    mine.note,
                    mine.submit,
                    mine.scale,
                    mine.reason,
                )
            ]
            t.conflict[cand] = data["saved"]
        else:
            queue.clear()  # told why not in plain words; the answers stay on screen

    @rule(pick=st.integers(0, 99), keep=st.booleans())
    def choose(self, pick, keep):
        """After a conflict: keep my answers (on the saved version) or use the saved ones."""
        waiting = [(t, cand) for t in self.tablets for cand in t.conflict]
        if not waiting:
            return
        t, cand = waiting[pick % len(waiting)]
        saved = t.conflict.pop(cand)
        if keep and saved["status"] != "submitted" and saved["scale"] == t.scale[cand]:
            t.seen[cand] = saved["version"]
            return
        t.queue[cand].clear()
        self._reload(t, cand)

    @rule(tablet=st.integers(0, 5), cand=st.integers(0, CANDIDATES - 1))
    def reload(self, tablet, cand):
        self._reload(self.tablets[tablet], cand)

    # --- rules: people ---------------------------------------------------------------

    @rule(member=st.sampled_from(MEMBERS), scale=st.sampled_from(["faces3", "points5"]))
    def change_scale(self, member, scale):
        client = self.tablets[MEMBERS.index(member) * 2].client
        response = client.post("/my-preferences", data={"pace": "1.0", "scale": scale})
        assert response.status_code == 302
        self.pref[member] = scale

    @rule(by=st.sampled_from(["hr", "m1"]), reopen=st.booleans())
    def close_or_reopen(self, by, reopen):
        client = self.hr if by == "hr" else self.coord
        action = "reopen" if reopen else "close"
        response = client.post(
            f"/jobs/{self.job}/results/status", data={"action": action, "reason": "Because"}
        )
        if reopen == self.closed:
            assert response.status_code == 302
            self.closed = not reopen
        else:
            assert response.status_code == 400

    @rule(by=st.sampled_from(["hr", "m1"]))
    def close_read_reopen(self, by):
        """Close scoring, read everyone's scores, open it again (the issue 9 sequence)."""
        if self.closed:
            return
        self.close_or_reopen(by, reopen=False)
        self.view_results(by)
        self.close_or_reopen(by, reopen=True)

    @rule(member=st.sampled_from(MEMBERS), cand=st.integers(0, CANDIDATES - 1))
    def view_panel(self, member, cand):
        """A member asks for what the panel said about a candidate."""
        client = self.tablets[MEMBERS.index(member) * 2].client
        response = client.get(self._url(cand, "/panel"))
        sheet = self.truth.get((member, cand))
        allowed = (sheet is not None and sheet.status == "submitted") or self.closed
        body = response.get_data(as_text=True)
        if allowed:
            assert response.status_code == 200
            self.seen[member].add(cand)
            for (_member, c), other in self.truth.items():
                if c == cand and other.status == "submitted":
                    assert other.note in body
            self._no_leak(body, member, allowed=cand)
        else:
            assert response.status_code == 403
            self._no_leak(body, member)

    @rule(by=st.sampled_from(["hr", "m1"]))
    def view_results(self, by):
        client = self.hr if by == "hr" else self.coord
        response = client.get(f"/jobs/{self.job}/results.csv")
        if not self.closed:
            assert response.status_code == 302
            return
        assert response.status_code == 200
        self.seen["hr" if by == "hr" else "m1"].add("all")
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        got = {row[0]: (row[3], row[6:]) for row in rows[1:]}
        assert got == self._expected_results()
        self._no_leak(response.get_data(as_text=True), None)

    @rule(member=st.sampled_from(MEMBERS[1:]), cand=st.integers(0, CANDIDATES - 1))
    def paper_sheet(self, member, cand):
        """The coordinator off the panel types in a paper sheet for a member."""
        url = f"/jobs/{self.job}/score/{self.cands[cand]}/for/{self.member_ids[member]}"
        page = self.hr.get(url)
        body = page.get_data(as_text=True)
        self._no_leak(body, None)
        assert "checked" not in body  # a paper sheet starts blank
        sheet = self.truth.get((member, cand))
        if sheet is not None:
            assert page.status_code == 409
            return
        if self._has_seen(member, cand):
            assert page.status_code == 403
            return
        assert page.status_code == 200
        note = self._marker(member, cand)
        self.counter += 1
        change = Change(
            f"paper{self.counter}", dict.fromkeys(QUESTIONS, DK), note, True, self.pref[member]
        )
        change.version = 0
        client_id = re.search(r'name="client_id" value="([^"]+)"', body)
        if client_id is None:  # closed: the page says so and has no form
            assert self.closed
            return
        change.client_id = client_id.group(1)
        data = {f"q-{q}": DK for q in QUESTIONS}
        data.update(
            {"note": note, "version": "0", "client_id": change.client_id, "scale": change.scale}
        )
        response = self.hr.post(url, data=data)
        assert response.status_code == 302
        self._apply(member, cand, change, on_behalf=True)
        self.seen["hr"].add(cand)

    # --- what must always hold ---------------------------------------------------------

    def _expected_results(self):
        """The PRODUCT.md rule, computed here from the sent sheets on their own scales."""
        out = {}
        for cand in range(CANDIDATES):
            member_scores = []
            for member in MEMBERS:
                sheet = self.truth.get((member, cand))
                values = []
                if sheet is not None and sheet.status == "submitted":
                    scale = get_scale(sheet.scale)
                    for v in sheet.answers.values():
                        if v != DK:
                            values.append(Fraction(scale.values.index(v), len(scale.values) - 1))
                member_scores.append(sum(values) / len(values) if values else None)
            given = [s for s in member_scores if s is not None]
            combined = sum(given) / len(given) * 100 if given else None
            out[f"c{cand + 1}"] = (
                "" if combined is None else _shown(combined),
                ["" if s is None else _shown(s * 100) for s in member_scores],
            )
        return out

    @invariant()
    def server_holds_exactly_what_was_applied(self):
        with self.app.app_context():
            sheets = {
                (s.member_id, s.candidate_id): s for s in db.session.scalars(select(ScoreSheet))
            }
            keys = {q.id: q.key for q in db.session.scalars(select(Question))}
            assert len(sheets) == len(self.truth)
            for (member, cand), want in self.truth.items():
                got = sheets[(self.member_ids[member], self.cands[cand])]
                answers = {keys[s.question_id]: DK if s.dont_know else s.value for s in got.scores}
                assert (got.version, got.status, got.scale, got.note) == (
                    want.version,
                    want.status,
                    want.scale,
                    want.note,
                )
                assert answers == want.answers
                sends = db.session.execute(
                    select(ScoreSend.client_id, ScoreSend.version)
                    .where(ScoreSend.sheet_id == got.id)
                    .order_by(ScoreSend.version)
                ).all()
                # One applied change per id, each on the version the one before it left.
                assert [tuple(s) for s in sends] == want.history
                assert [v for _, v in want.history] == list(range(1, want.version + 1))
            applied = {cid for sheet in self.truth.values() for cid, _ in sheet.history}
            assert self.acked <= applied  # nothing acknowledged is lost
            sent = db.session.scalar(
                select(func.count()).where(AuditEvent.action == "scores submitted")
            )
            paper = db.session.scalar(
                select(func.count()).where(AuditEvent.action == "scores entered on behalf")
            )
            assert sent == sum(
                1 for s in self.truth.values() if s.status == "submitted" and not s.on_behalf
            )
            assert paper == sum(1 for s in self.truth.values() if s.on_behalf)
            state = db.session.get(ScoringState, self.job)
            assert bool(state and state.closed) == self.closed

    @invariant()
    def results_follow_the_rule_whatever_the_preferences_now(self):
        """The combined results (as HR would get them) equal the rule, at every step."""
        from panels.models import Job
        from panels.results.service import job_results
        from panels.scoring.combine import results_rows

        with self.app.app_context():
            rows = results_rows(job_results(db.session.get(Job, self.job)).results)
            db.session.remove()
        assert {row[0]: (row[3], row[6:]) for row in rows[1:]} == self._expected_results()

    def teardown(self):
        with self.app.app_context():
            db.session.remove()
        for session in list(db.session.registry.registry.values()):
            session.close()
        self._savepoint.rollback()


def test_scoring_state_machine(app):
    ScoringMachine.app = app
    try:
        run_state_machine_as_test(ScoringMachine, settings=SETTINGS)
    finally:
        ScoringMachine.app = None
        ScoringMachine.start = None
