"""Every route, every method, every kind of person: who gets in, and what they can read.

The table below says, for each route and method, what each actor must get: let in
(2xx or 3xx), sent to sign in, or refused (403 or 404; 404 where the job, candidate or
member belongs to someone else, so nobody learns what exists). Whatever they get, the
response is read in its own format (HTML, JSON, CSV, calendar, Excel, PDF, audio, and the
words behind each Listen link) and must hold no secret the actor may not see. A refused
request, and any GET, must change nothing. Routes that take a candidate, member or
question of job A are also tried with job B's one.

The matrix runs twice: while scoring is open, and after the coordinator has closed it.

Another organisation's coordinator is one of the actors: every id, token and file name of
Alphaorg's is tried by her, and Zetaorg's job, member, photo and membership by everyone.

A route that is not in the table fails ``test_every_route_is_in_the_matrix``: add it.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field, replace
from urllib.parse import quote

import pytest
from flask import url_for

from panels.db import db
from panels.models.base import utcnow
from panels.tasks import queue
from tests.conftest import signed_in_client, undone_after
from tests.integration import access_matrix_helpers as h
from tests.integration.access_matrix_helpers import (
    CAND_OTHER,
    CAND_OWN,
    COORD_OFF,
    COORD_ON,
    COORDS,
    EVERYONE,
    NOBODY,
    ORG_OTHER,
    OTHER,
    PANEL,
    PEOPLE,
    SEE_A,
    SEE_B,
    SENT,
    SIGNED,
    WAITING,
)

# --- outcomes -----------------------------------------------------------------------------

OK = "let in"  # 2xx or 3xx (not to the sign-in page)
LOGIN = "sent to sign in"  # 302 to /sign-in
HIDE = (404,)
DENY = (403, 404)
ANY = "anything but a 5xx"


def _refused(outcome) -> bool:
    return outcome == LOGIN or (isinstance(outcome, tuple) and min(outcome) >= 400)


def rule(ok=(), refuse=DENY, nobody=LOGIN, **_) -> dict:
    """``ok`` get in; the other signed-in people get ``refuse``; nobody signs in first."""
    table = {a: (OK if a in ok else refuse) for a in SIGNED}
    table[NOBODY] = nobody
    return table


PUBLIC = {a: OK for a in EVERYONE}
SIGNED_IN = rule(SIGNED)
JOB_A = rule(SEE_A, refuse=HIDE)  # anyone who may open job A
JOB_B = rule(SEE_B, refuse=HIDE)
COORD = rule(COORDS)  # coordinators only (a 403 for others tells nothing)
PANEL_ONLY = {**rule(PANEL, refuse=HIDE), COORD_OFF: DENY}  # members of job A's panel
MEMBER_SHEET = {**rule(PANEL, refuse=HIDE), COORD_OFF: HIDE}  # your own score sheet
LINK = {**{a: HIDE for a in PEOPLE}, CAND_OWN: OK, CAND_OTHER: OK}  # by the link alone
ADMINS = (*COORDS, ORG_OTHER)  # each an admin of their own organisation
OWN_ORG = {**rule(COORDS), ORG_OTHER: HIDE}  # Alphaorg's membership: its admins only
ZETA = rule((ORG_OTHER,), refuse=HIDE)  # Zetaorg's job: its coordinator only
ANYONE_404 = rule((), refuse=HIDE)  # a mix of two organisations' ids
# The same on coordinators' pages: a panel member is refused before any id is looked at.
ZETA_MANAGE = {**rule((ORG_OTHER,)), COORD_ON: HIDE, COORD_OFF: HIDE}
COORDS_404 = {**rule(()), COORD_ON: HIDE, COORD_OFF: HIDE, ORG_OTHER: HIDE}


def phase_data(open_, closed):
    return lambda _world, phase: open_ if phase == "open" else closed


# --- the table ----------------------------------------------------------------------------


class Ref(str):
    """A value taken from the world, e.g. Ref("ruth") is Ruth's candidate id."""


BY_ACTOR = "<the actor's own link>"
DEFAULT_ARGS = {
    "job_id": Ref("job_a"),
    "candidate_id": Ref("ruth"),
    "member_id": Ref("m_sam"),
    "question_id": Ref("q1"),
    "mark_id": Ref("mark"),
    "user_id": Ref("sam"),
    "name": Ref("photo_a"),
    "token": BY_ACTOR,
    "code": "2753",
    "filename": "js/scoring-offline.js",
    "action": "revoke",
    "membership_id": Ref("hana_membership"),
    "fmt": "csv",
    "expense_id": Ref("expense"),
    "entry_id": Ref("entry"),
    "message_id": Ref("message"),
    "panel_id": Ref("panel_a"),
    "meeting_id": Ref("meeting"),
    "profile_id": Ref("profile"),
    "quality_id": Ref("quality_a"),
    "application_id": Ref("app_a"),
    "resume": "no-such-draft",
}
CROSS = {
    "candidate_id": Ref("mei"),
    "member_id": Ref("m_olu"),
    "question_id": Ref("q_b"),
    "expense_id": Ref("expense_b"),
    "entry_id": Ref("entry_b"),
    "message_id": Ref("message_b"),
    "panel_id": Ref("panel_b"),
    "meeting_id": Ref("meeting_b"),
    "profile_id": Ref("profile_b"),
    "quality_id": Ref("quality_b"),
    "application_id": Ref("app_b"),
}


@dataclass(frozen=True)
class Case:
    endpoint: str
    method: str
    expect: dict
    label: str = ""
    closed: dict = field(default_factory=dict)  # what changes once scoring is closed
    args: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)
    data: object = None  # a dict, or (world, phase) -> dict
    json: object = None
    files: bool = False  # send a photo, or a CSV for the import
    writes: bool = True  # an allowed POST may change data
    closed_writes: bool | None = None
    blank: bool = False  # no score sheet on the page may be filled in
    actors: tuple = PEOPLE
    shows: object = ()  # words a 200 must hold (proves the format is read); or by actor
    bookkeeping: tuple = ()  # tables it may change whatever the outcome (sessions, throttles)
    # Words this page is meant to show everyone (a public page names who holds the data).
    public: tuple = ()

    def needs(self, actor: str) -> tuple:
        return self.shows.get(actor, ()) if isinstance(self.shows, dict) else self.shows

    def outcome(self, actor: str, phase: str):
        if phase == "closed" and actor in self.closed:
            return self.closed[actor]
        return self.expect[actor]

    def may_write(self, phase: str) -> bool:
        if phase == "closed" and self.closed_writes is not None:
            return self.closed_writes
        return self.writes

    @property
    def name(self) -> str:
        return f"{self.endpoint} {self.method}" + (f" [{self.label}]" if self.label else "")


def C(endpoint, method="GET", expect=None, **kw) -> Case:
    return Case(endpoint, method, expect if expect is not None else JOB_A, **kw)


# Sign-in's own records: failed tries are counted to slow guessing, signing out ends a
# session. (Only the sign-in routes may touch them; anywhere else it is a change.)
THROTTLE = ("login_attempt", "sign_in_throttle")
SESSIONS = ("user_session",)
AUDIT = ("audit_event",)
SCORE = {"q-q1": "1", "q-q2": "1"}
# Saving your own sheet: saved, or told why not (a version check may want a reload).
SAVING = (200, 302, 303, 400, 409)
OWN_INVITE = {
    CAND_OWN: ("Alphaline", "QTEXT-ALPHA-ONE", "Sam Sentwell"),
    CAND_OTHER: ("Betaline", "Olu Otherjob"),
}
PAY_RATES = {
    "interview_day": "12.00",
    "interview_day_per": "hour",
    "preparation": "12.00",
    "preparation_per": "hour",
    "training": "30",
    "training_per": "session",
    "travel": "0",
    "travel_per": "hour",
    "mileage": "0.45",
}
# Email (panels/mail): the coordinator's pages, and asking for a link with no sign-in.
MAIL_WRITES = (*THROTTLE, "message", "task", "sign_in_link")
MAIL = [
    C("mail.messages", expect=COORD, shows=("MAILSUBJECT-message",)),
    C("mail.settings", "POST", COORD, data={"remind_candidates": "y", "score_reminders": "2"}),
    C("mail.message", expect=COORD, shows=("MAILTEXT-message",)),
    C("mail.message_html", expect=COORD),
    C("mail.resend", "POST", COORD),
    C("mail.email_all", "POST", COORD),
    C("mail.email_invitation", "POST", COORD),
    C("mail.email_outcome", "POST", COORD),
    C("mail.email_link", "POST", COORD),
    C("mail.ask_sign_in", expect=PUBLIC),
    C(
        "mail.ask_sign_in",
        "POST",
        PUBLIC,
        data={"email": "sam.sentwell@panel.example"},
        bookkeeping=MAIL_WRITES,
    ),
    C("mail.ask_invitation", expect=PUBLIC),
    C(
        "mail.ask_invitation",
        "POST",
        PUBLIC,
        data={"email": "ruth.zephyrine@cand.example"},
        bookkeeping=MAIL_WRITES,
    ),
]
TABLE: list[Case] = [
    # Pages, sign-in, files anyone may fetch.
    C("pages.home", expect={**PUBLIC, NOBODY: LOGIN}),
    C("pages.accessibility", expect=PUBLIC),
    C("pages.attributions", expect=PUBLIC),
    C("static", expect=PUBLIC),
    C("tasks.healthz", expect=PUBLIC, shows=("database", "worker")),  # for load balancers
    C("questions.symbol", expect=PUBLIC),
    C("invitations.symbol", expect=PUBLIC),
    C("audio.clip", expect=PUBLIC, args={"token": Ref("listen_hello")}, shows=("Hello",)),
    C(
        "audio.clip",
        label="forged words",
        expect={a: HIDE for a in PEOPLE},
        args={"token": "SGVsbG8.forged"},
    ),
    C("auth.sign_in", expect=PUBLIC),
    C("auth.sign_in", "POST", {**rule(SIGNED), NOBODY: (400,)}, data={}, bookkeeping=THROTTLE),
    C("auth.use_link", expect=PUBLIC, args={"token": "no-such-link"}),
    C(
        "auth.use_link",
        "POST",
        {a: (404, 410) for a in PEOPLE},
        args={"token": "no-such-link"},
        bookkeeping=(*THROTTLE, *AUDIT),  # a failed sign-in is in the audit trail
    ),
    # Two-step sign-in: the code page only after a right password or link (else sign in).
    C("auth.two_step_code", expect={a: LOGIN for a in PEOPLE}),
    C("auth.two_step_code", "POST", {a: LOGIN for a in PEOPLE}, data={"code": "123456"}),
    C("auth.timed_out", expect=PUBLIC),
    C("auth.session_left", expect=PUBLIC),  # how long a coordinator's session has left
    C("auth.stay_signed_in", "POST", SIGNED_IN, bookkeeping=SESSIONS),
    C("auth.sign_out", "POST", {a: LOGIN for a in PEOPLE}, bookkeeping=SESSIONS),
    C("auth.sign_out_everywhere", "POST", {a: LOGIN for a in PEOPLE}, bookkeeping=SESSIONS),
    # Your own preferences and people's photos.
    C("account.prefs", expect=SIGNED_IN),
    C("account.prefs", "POST", SIGNED_IN, data={"pace": "1.5", "scale": "faces3"}),
    C("account.photo", label="Sam's photo", expect={**JOB_A, OTHER: HIDE}),
    C(
        "account.photo",
        label="Olu's photo",
        args={"user_id": Ref("olu")},
        expect={**JOB_B, WAITING: HIDE, SENT: HIDE},
    ),
    # Your own two-step sign-in: coordinators only (nothing is set up in the world, so the
    # set-up, turn-off and new-codes pages send them back to the two-step page).
    C("account.two_step", expect=rule(ADMINS)),
    C("account.two_step_start", "POST", rule(ADMINS)),
    C("account.two_step_setup", expect=rule(ADMINS)),
    C("account.two_step_setup", "POST", rule(ADMINS), data={"code": "123456"}),
    C("account.two_step_off", "POST", rule(ADMINS), data={"off-code": "123456"}),
    C("account.two_step_codes", "POST", rule(ADMINS), data={"codes-code": "123456"}),
    # Jobs.
    C("jobs.index", expect=SIGNED_IN),
    C("jobs.show"),
    C(
        "jobs.show",
        label="job B",
        args={"job_id": Ref("job_b")},
        expect={**JOB_B, WAITING: HIDE, SENT: HIDE},
    ),
    C("jobs.create", expect={**COORD, ORG_OTHER: OK}),  # a job of her own organisation
    C(
        "jobs.create",
        "POST",
        {**COORD, ORG_OTHER: OK},
        data={
            "title": "New job",
            "ref": "JOB-NEW",
            "interview_date": "2026-12-20",
            "start_time": "10:00",
        },
    ),
    C("jobs.edit", expect=COORD),
    C(
        "jobs.edit",
        "POST",
        COORD,
        data={
            "title": "Alphaline support worker",
            "ref": "JOB-ALPHA",
            "interview_date": "2026-12-16",
            "start_time": "10:00",
            "place": "Alpha Hall, Leeds",
        },
    ),
    C("jobs.edit", label="job B", args={"job_id": Ref("job_b")}, expect=COORD),
    # The panel.
    C("members.add", expect=COORD),
    C(
        "members.add",
        "POST",
        COORD,
        data={
            "name": "New Member",
            "pace": "1.0",
            "email": "new.member@panel.example",
            "scale": "faces3",
        },
    ),
    C("members.edit", expect=COORD),
    C("members.edit", "POST", COORD, data={"pace": "1.0", "scale": "points5"}),
    C("members.remove", expect=COORD),
    # Sam has pay records for job A, so he stays on the panel (409); Jo has none.
    C(
        "members.remove",
        "POST",
        {**COORD, COORD_ON: (409,), COORD_OFF: (409,)},
        label="Sam, with pay records",
        writes=False,
    ),
    C("members.remove", "POST", COORD, label="Jo", args={"member_id": Ref("m_jo")}),
    C("members.sign_in_link", expect=COORD),
    C("members.sign_in_link", "POST", COORD),
    C("members.panels", expect=COORD),
    C("members.panels", "POST", COORD, data={"name": "Managers' panel", "room": "Room 2"}),
    C("members.edit_panel", expect=COORD),
    C("members.edit_panel", "POST", COORD, data={"name": "Alpha panel", "room": "Room 1"}),
    C("members.lived", expect=COORD),
    C("members.lived", "POST", COORD, data={"who": "nobody"}),
    # Candidates.
    C("candidates.add", expect=COORD),
    C("candidates.add", "POST", COORD, data={"name": "New Candidate"}),
    C("candidates.edit", expect=COORD),
    C("candidates.edit", "POST", COORD, data={"name": "Ruth Zephyrine", "phone": "07700 900999"}),
    C("candidates.remove", expect=COORD),
    C("candidates.remove", "POST", COORD),
    C("candidates.import_csv", expect=COORD),
    C("candidates.import_csv", "POST", COORD, files=True),
    # Invitations: the coordinator's screens.
    C("invitations.manage", expect=COORD),
    *MAIL,
    C("invitations.settings", "POST", COORD, data={"share_questions": "y", "links": "close"}),
    C("invitations.change_link", "POST", COORD, label="revoke"),
    C("invitations.confirm_stop", expect=COORD, shows=("Yes, stop the link",)),
    C("invitations.close_links", expect=COORD, shows=("Yes, close all links",)),
    C("invitations.close_links", "POST", COORD),
    C("invitations.change_link", "POST", COORD, label="reissue", args={"action": "reissue"}),
    C("invitations.outcome", expect=COORD),
    C(
        "invitations.outcome",
        "POST",
        COORD,
        data={"outcome": "You got the job.", "feedback": "", "save_anyway": "y"},
    ),
    # Invitations: the candidate's own link, in every format.
    C(
        "invitations.page",
        expect=LINK,
        actors=EVERYONE,
        shows={**OWN_INVITE, CAND_OWN: (*OWN_INVITE[CAND_OWN], "ASKED-RUTH")},  # its summary
    ),
    C(
        "invitations.page",
        label="old link",
        expect={a: (410,) for a in EVERYONE},
        args={"token": Ref("tok_dan_old")},
        actors=EVERYONE,
    ),
    # What would help: a page of its own, opened with what the candidate asked for last.
    C(
        "invitations.adjustments",
        expect=LINK,
        actors=EVERYONE,
        shows={CAND_OWN: ("ASKED-RUTH", "I would like"), CAND_OTHER: ("I would like",)},
    ),
    C("invitations.adjustments", "POST", LINK, data={"choices": "quiet-room"}, actors=EVERYONE),
    C(
        "invitations.adjustments_on_page",
        "POST",
        LINK,
        data={"choices": "quiet-room"},
        actors=EVERYONE,
    ),
    # Choosing a time: job B's candidates choose theirs; job A's coordinator places people.
    C(
        "invitations.choose_time",
        "POST",
        {**LINK, CAND_OWN: (403,)},
        data={"time": "2"},
        actors=EVERYONE,
    ),
    C(
        "invitations.cancel_time",
        "POST",
        {**LINK, CAND_OWN: (403,)},
        actors=EVERYONE,
    ),
    C(
        "invitations.calendar",
        expect=LINK,
        actors=EVERYONE,
        shows={CAND_OWN: ("Alphaline", "Alpha Hall"), CAND_OTHER: ("Betaline",)},
    ),
    C("invitations.pdf", expect=LINK, actors=EVERYONE, shows=OWN_INVITE),
    C("invitations.audio", expect=LINK, actors=EVERYONE, shows=OWN_INVITE),
    C(
        "invitations.panel_photo",
        label="Sam agreed",
        actors=EVERYONE,
        expect={**LINK, CAND_OTHER: HIDE},
    ),
    C(
        "invitations.panel_photo",
        label="Jo did not agree",
        args={"member_id": Ref("m_jo")},
        actors=EVERYONE,
        expect={a: HIDE for a in EVERYONE},
    ),
    C(
        "invitations.panel_photo",
        label="job B's member",
        args={"member_id": Ref("m_olu")},
        actors=EVERYONE,
        expect={**LINK, CAND_OWN: HIDE},
    ),
    # The day plan and the live screen.
    C("plan.show"),
    C("plan.csv", shows=("Ruth Zephyrine",)),
    C("plan.settings", expect=COORD),
    C(
        "plan.settings",
        "POST",
        COORD,
        data={
            "start": "09:30",
            "max_work_minutes": "90",
            "break_minutes": "15",
            "changeover_minutes": "15",
            "welcome_minutes": "5",
            "close_minutes": "5",
            "arrive_before_minutes": "15",
        },
    ),
    C(
        "plan.order",
        "POST",
        COORD,
        data=lambda w, _p: {"candidate_id": w.ruth, "direction": "down"},
    ),
    C(
        "plan.order",
        "POST",
        {**COORD, COORD_ON: HIDE, COORD_OFF: HIDE},
        label="job B's candidate",
        data=lambda w, _p: {"candidate_id": w.mei, "direction": "down"},
    ),
    C("plan.late", "POST", COORD, data=lambda w, _p: {"candidate": w.ruth, "minutes": "10"}),
    C(
        "plan.late",
        "POST",
        {**COORD, COORD_ON: (400, 404), COORD_OFF: (400, 404)},
        label="job B's candidate",
        data=lambda w, _p: {"candidate": w.mei, "minutes": "10"},
    ),
    # Interview times: the coordinator's settings and placing anyone in a time.
    C("plan.times", expect=COORD),
    C(
        "plan.times",
        "POST",
        COORD,
        data={"times": "3", "self_booking": "y", "cutoff_hours": "24"},
    ),
    C(
        "plan.place_time",
        "POST",
        {**COORD, COORD_ON: (400, 404), COORD_OFF: (400, 404)},
        label="job A has no times",
        data=lambda w, _p: {"place-candidate": w.ruth, "place-time": "0"},
    ),
    C(
        "plan.place_time",
        "POST",
        {**COORD, COORD_ON: (400, 404), COORD_OFF: (400, 404)},
        label="job B's candidate",
        data=lambda w, _p: {"place-candidate": w.mei, "place-time": "2"},
    ),
    C("live.choose"),
    C("live.screen"),
    C(
        "live.screen",
        "POST",
        {**JOB_A, **{a: (303,) for a in SEE_A}},
        data={"action": "start", "version": "0"},
    ),
    C("live.state", shows=("QTEXT-ALPHA-ONE", "FOLLOWUP-ALPHA")),
    # Each panel's own live screen (job A has one panel: everyone who sees job A sits on it
    # or coordinates it; job B's panel in job A's address is a 404).
    C("live.panel_choose"),
    C("live.panel_screen"),
    C(
        "live.panel_screen",
        "POST",
        {**JOB_A, **{a: (303,) for a in SEE_A}},
        data={"action": "start", "version": "0"},
    ),
    C("live.panel_state", shows=("QTEXT-ALPHA-ONE", "FOLLOWUP-ALPHA")),
    # Questions.
    C("questions.index"),
    C("questions.new"),
    C(
        "questions.new",
        "POST",
        data={"easy_read": "What do you like to do?", "answer_minutes": "3", "asker": "0"},
    ),
    C("questions.edit"),
    C(
        "questions.edit",
        "POST",
        data={"easy_read": "Tell us about you.", "answer_minutes": "3", "asker": "0"},
    ),
    C("questions.show"),
    C("questions.show", label="draft", args={"question_id": Ref("q_draft")}),
    C("questions.check", "POST", json={"text": "Tell us about you."}),
    C(
        "questions.mark",
        "POST",
        PANEL_ONLY,
        args={"question_id": Ref("q_draft")},
        data={"mark": "keep"},
    ),
    C("questions.accept", "POST", PANEL_ONLY, args={"question_id": Ref("q_draft")}),
    C(
        "questions.accept",
        "POST",
        {**PANEL_ONLY, **{a: HIDE for a in PANEL}},
        label="a mark on another question",
        writes=False,
    ),
    C(
        "questions.decide",
        "POST",
        PANEL_ONLY,
        args={"question_id": Ref("q_draft")},
        data={"decision": "agreed"},
    ),
    C("questions.move", "POST", data={"direction": "down"}),
    C("questions.picture"),
    C("questions.picture", "POST", data={"code": "1F642"}),
    C("questions.photo_upload", "POST", files=True),
    C("questions.photo", label="job A's photo"),
    C(
        "questions.photo",
        label="job B's photo in job A",
        args={"name": Ref("photo_b")},
        expect=rule((), refuse=HIDE),
    ),
    C(
        "questions.photo",
        label="job B's photo",
        expect={**JOB_B, WAITING: HIDE, SENT: HIDE},
        args={"job_id": Ref("job_b"), "name": Ref("photo_b")},
    ),
    C(
        "questions.photo",
        label="job A's photo in job B",
        expect=rule((), refuse=HIDE),
        args={"job_id": Ref("job_b")},
    ),
    C(
        "questions.photo",
        label="Sam's own photo by its key",
        expect=rule((), refuse=HIDE),
        args={"name": Ref("photo_sam")},
    ),
    C(
        "questions.photo",
        label="a file name photos had on disk",
        expect=rule((), refuse=HIDE),
        args={"name": "AAAAAAAAAAAAAAAAAAAAAAAA.jpg"},
    ),
    C("questions.bank"),
    C("questions.bank", "POST", data={"bank": "support-worker", "keys": "why-this-job"}),
    C("questions.practice"),
    C("questions.sheet"),
    C("questions.sheet", label="Jo's sheet", query={"member": Ref("m_jo")}),
    C(
        "questions.sheet",
        label="job B's member",
        query={"member": Ref("m_olu")},
        expect=rule((), refuse=HIDE),
    ),
    C("questions.sheet_pdf", shows=("Alphaline",)),
    C(
        "questions.sheet_pdf",
        label="Jo's sheet",
        query={"member": Ref("m_jo")},
        shows=("Jo Draftley", "Why do you want this job?"),
    ),
    # Scoring. Sam and Kim have sent for Ruth; Jo has a draft for Ruth and sent for Dan.
    C("scoring.index"),
    C("scoring.set_view", "POST", data=lambda w, _p: {"view": "all", "candidate_id": w.ruth}),
    C(
        "scoring.set_view",
        "POST",
        label="job B's candidate",
        writes=False,
        expect=rule((), refuse=HIDE),
        data=lambda w, _p: {"view": "all", "candidate_id": w.mei},
    ),
    C("scoring.sheet", expect=MEMBER_SHEET),
    C("scoring.sheet", label="Dan", args={"candidate_id": Ref("dan")}, expect=MEMBER_SHEET),
    C(
        "scoring.sheet",
        "POST",
        {**MEMBER_SHEET, WAITING: SAVING, COORD_ON: SAVING, SENT: (409,)},
        data={**SCORE, "action": "save"},
        closed={a: (400, 409) for a in PANEL},
        closed_writes=False,
    ),
    C(
        "scoring.sheet",
        "POST",
        {**MEMBER_SHEET, WAITING: (409,), COORD_ON: (409,), SENT: SAVING},
        label="Dan",
        args={"candidate_id": Ref("dan")},
        data={**SCORE, "action": "save"},
        closed={a: (400, 409) for a in PANEL},
        closed_writes=False,
    ),
    C("scoring.amend", expect=MEMBER_SHEET),
    C(
        "scoring.amend",
        "POST",
        {**MEMBER_SHEET, SENT: SAVING},
        closed={SENT: (400, 409)},
        data={**SCORE, "reason": "I pressed the wrong face.", "action": "submit"},
    ),
    C(
        "scoring.send",
        "POST",
        {**MEMBER_SHEET, **{a: (200, 400, 409) for a in PANEL}, SENT: (400, 409)},
        json={"client_id": "matrix-send", "version": None, "answers": {"q1": 1}, "note": ""},
        closed={a: (409,) for a in PANEL},
        closed_writes=False,
    ),
    C(
        "scoring.panel_scores",
        label="Ruth",
        shows=("NOTE-SENT-KIM", "5 Excellent"),
        expect={**rule((SENT,), refuse=(403,)), OTHER: HIDE, ORG_OTHER: HIDE},
        closed={a: OK for a in SEE_A},
    ),
    C(
        "scoring.panel_scores",
        label="Dan",
        args={"candidate_id": Ref("dan")},
        shows=("NOTE-SENT-JO", "1 Not good", "NOTE-SENT-ALEX"),
        expect={**rule((WAITING, COORD_ON), refuse=(403,)), OTHER: HIDE, ORG_OTHER: HIDE},
        closed={a: OK for a in SEE_A},
    ),
    # A paper sheet typed in for someone: a blank sheet, refused if they have a sheet already.
    C(
        "scoring.on_behalf",
        label="Sam, sent",
        blank=True,
        expect={**COORD, COORD_ON: ANY, COORD_OFF: ANY},
    ),
    C(
        "scoring.on_behalf",
        "POST",
        label="Sam, sent",
        writes=False,
        expect={**COORD, COORD_ON: ANY, COORD_OFF: ANY},
        data={**SCORE, "reason": "From the paper sheet.", "action": "submit"},
    ),
    C(
        "scoring.on_behalf",
        label="Jo's draft",
        blank=True,
        args={"member_id": Ref("m_jo")},
        expect={**COORD, COORD_ON: ANY, COORD_OFF: ANY},
    ),
    C(
        "scoring.on_behalf",
        "POST",
        label="Jo's draft",
        writes=False,
        args={"member_id": Ref("m_jo")},
        expect={**COORD, COORD_ON: ANY, COORD_OFF: ANY},
        data={**SCORE, "action": "submit"},
    ),
    C(
        "scoring.on_behalf",
        label="Jo, sent",
        blank=True,
        args={"candidate_id": Ref("dan"), "member_id": Ref("m_jo")},
        expect={**COORD, COORD_ON: ANY, COORD_OFF: ANY},
    ),
    C(
        "scoring.on_behalf",
        "POST",
        label="Jo, sent",
        writes=False,
        args={"candidate_id": Ref("dan"), "member_id": Ref("m_jo")},
        expect={**COORD, COORD_ON: ANY, COORD_OFF: ANY},
        data={**SCORE, "reason": "From the paper sheet.", "action": "submit"},
    ),
    C(
        "scoring.on_behalf",
        label="Kim, nothing yet",
        blank=True,
        args={"candidate_id": Ref("dan"), "member_id": Ref("m_kim")},
        expect=COORD,
    ),
    C(
        "scoring.on_behalf",
        "POST",
        label="Kim, nothing yet",
        args={"candidate_id": Ref("dan"), "member_id": Ref("m_kim")},
        expect=COORD,
        data={**SCORE, "action": "submit"},
        closed={COORD_ON: ANY, COORD_OFF: ANY},
        closed_writes=False,
    ),
    # Results: coordinators only, and only once scoring is closed.
    C("results.status", expect=COORD),
    # Whether a coordinator on the panel may close scoring is decided in the scoring work.
    C(
        "results.status",
        "POST",
        {**COORD, COORD_ON: ANY},
        data=phase_data(
            {"action": "close", "reason": "Time is up."},
            {"action": "reopen", "reason": "One more sheet."},
        ),
    ),
    C("results.show", expect=COORD),
    C("results.show", "POST", COORD, data={"action": "parity", "parity": "on"}),
    C("results.export_csv", expect=COORD, shows=("Ruth Zephyrine", "Dan Quillfeather")),
    C("results.export_xlsx", expect=COORD, shows=("Ruth Zephyrine", "Dan Quillfeather")),
    C("results.upload", expect={**COORD, ORG_OTHER: OK}),
    C(
        "results.upload",
        "POST",
        {**COORD, COORD_ON: (400,), COORD_OFF: (400,), ORG_OTHER: (400,)},
        data={},
    ),
    C("results.audit", expect=COORD, shows=("scores amended",)),
    # The decision meeting (not started in this world): anyone who may open job A sees
    # that it has not started; a coordinator may start it once scoring is closed.
    C("decision.meeting"),
    C(
        "decision.open_meeting",
        "POST",
        {**COORD, COORD_ON: (409,), COORD_OFF: (409,)},
        closed={COORD_ON: OK, COORD_OFF: OK},
    ),
    C("decision.candidate"),
    C(
        "decision.decide",
        "POST",
        {**COORD, COORD_ON: (409,), COORD_OFF: (409,)},
        data={"proposal": "offer", "reason": "They listened."},
    ),
    C(
        "decision.answer",
        "POST",
        {**PANEL_ONLY, **{a: (409,) for a in PANEL}},
        data={"answer": "agree", "phrase": "kind"},
    ),
    C("decision.release", "POST", {**COORD, COORD_ON: (409,), COORD_OFF: (409,)}),
    C("decision.happened"),
    C("decision.feedback", expect=PANEL_ONLY),
    C("decision.feedback", "POST", PANEL_ONLY, data={"listened": "3", "time": "2", "again": "1"}),
    C("decision.answers", expect=COORD),
    C("decision.report", expect={**COORD, ORG_OTHER: OK}, shows={COORD_OFF: ("Alphaline",)}),
    C("decision.report_csv", expect={**COORD, ORG_OTHER: OK}),
    C(
        "decision.candidate_feedback",
        expect=LINK,
        actors=EVERYONE,
    ),
    C(
        "decision.candidate_feedback",
        "POST",
        LINK,
        data={"listened": "3", "time": "3", "again": "3"},
        actors=EVERYONE,
    ),
    C("decision.meeting", label="Zetaorg's job", args={"job_id": Ref("job_z")}, expect=ZETA),
    C(
        "decision.answers",
        label="Zetaorg's job",
        args={"job_id": Ref("job_z")},
        expect=ZETA_MANAGE,
    ),
    # The organisation page: each admin sees and changes their own organisation only.
    C(
        "orgs.show",
        expect=rule(ADMINS),
        shows={
            COORD_OFF: ("Alphaorg Trust", "hana.offpanel@panel.example", "ALPHAORG-CONTACT"),
            ORG_OTHER: ("Zetaorg Care", "zoe.zetaorg@zeta.example"),
        },
    ),
    C(
        "orgs.invite",
        "POST",
        rule(ADMINS),
        data={"name": "Nia Newcoord", "email": "nia.newcoord@new.example", "role": "admin"},
    ),
    C("orgs.rename", expect=rule(ADMINS)),
    C("orgs.rename", "POST", rule(ADMINS), data={"name": "A new name"}),
    C("orgs.settings", expect=rule(ADMINS)),
    C("orgs.settings", "POST", rule(ADMINS), data={"display_name": "Shown", "contact": "Us"}),
    C("orgs.sign_in_rules", expect=rule(ADMINS)),
    C("orgs.sign_in_rules", "POST", rule(ADMINS), data={"require_two_step": ""}),
    C("orgs.role", "POST", OWN_ORG, data={"role": "coordinator"}),
    C(
        "orgs.role",
        "POST",
        {**ANYONE_404, **{a: DENY for a in (OTHER, WAITING, SENT)}, ORG_OTHER: (400,)},
        label="Zetaorg's only admin",
        args={"membership_id": Ref("zoe_membership")},
        data={"role": "coordinator"},
        writes=False,
    ),
    C("orgs.remove", expect=OWN_ORG),
    C("orgs.remove", "POST", OWN_ORG),
    C(
        "orgs.remove",
        label="Zetaorg's only admin",
        args={"membership_id": Ref("zoe_membership")},
        expect={**ANYONE_404, **{a: DENY for a in (OTHER, WAITING, SENT)}, ORG_OTHER: OK},
    ),
    C("orgs.sign_in_link", expect=OWN_ORG),
    C("orgs.sign_in_link", "POST", OWN_ORG),
    C("orgs.switch", "POST", OWN_ORG, data=lambda w, _p: {"organisation": w.org_a}),
    C(
        "orgs.switch",
        "POST",
        {**rule((ORG_OTHER,)), COORD_ON: HIDE, COORD_OFF: HIDE},
        label="Zetaorg",
        data=lambda w, _p: {"organisation": w.org_z},
    ),
    # Zetaorg's ids, file names and people, tried by everyone; and Alphaorg's in its job.
    C("jobs.show", label="Zetaorg's job", args={"job_id": Ref("job_z")}, expect=ZETA),
    C("jobs.edit", label="Zetaorg's job", args={"job_id": Ref("job_z")}, expect=ZETA_MANAGE),
    C(
        "members.sign_in_link",
        label="Zetaorg's member",
        args={"job_id": Ref("job_z"), "member_id": Ref("m_quinn")},
        expect=ZETA_MANAGE,
    ),
    C(
        "members.sign_in_link",
        label="Sam in Zetaorg's job",
        args={"job_id": Ref("job_z")},
        expect=COORDS_404,
    ),
    C("account.photo", label="Quinn's photo", args={"user_id": Ref("quinn")}, expect=ZETA),
    C(
        "candidates.edit",
        label="Ruth in Zetaorg's job",
        args={"job_id": Ref("job_z")},
        expect=COORDS_404,
    ),
    C(
        "candidates.edit",
        label="Yara in Zetaorg's job",
        args={"job_id": Ref("job_z"), "candidate_id": Ref("yara")},
        expect=ZETA_MANAGE,
    ),
    C(
        "questions.photo",
        label="Zetaorg's photo",
        args={"job_id": Ref("job_z"), "name": Ref("photo_z")},
        expect=ZETA,
    ),
    C(
        "questions.photo",
        label="Zetaorg's photo in job A",
        args={"name": Ref("photo_z")},
        expect=ANYONE_404,
    ),
    C(
        "questions.photo",
        label="job A's photo in Zetaorg's job",
        args={"job_id": Ref("job_z")},
        expect=ANYONE_404,
    ),
    C(
        "plan.csv",
        label="Zetaorg's job",
        args={"job_id": Ref("job_z")},
        expect=ZETA,
        shows={ORG_OTHER: ("Yara Zetacand",)},
    ),
    C(
        "results.status",
        label="Zetaorg's job",
        args={"job_id": Ref("job_z")},
        expect=ZETA_MANAGE,
    ),
    C(
        "invitations.panel_photo",
        label="Zetaorg's member",
        args={"member_id": Ref("m_quinn")},
        actors=EVERYONE,
        expect={a: HIDE for a in EVERYONE},
    ),
    # Pay. Coordinators: every member's claim. Panel members: only their own (no claim id
    # in their addresses); a coordinator not on the panel has no pay of their own there.
    C("pay.job_pay", expect=COORD, shows=("CHARITY-SAMPAY",)),
    C("pay.job_rates", "POST", COORD, data=PAY_RATES),
    C("pay.day_times", "POST", COORD),
    C("pay.member_pay", expect=COORD, shows=("PREP-SAMPAY",)),
    C("pay.through_job", "POST", COORD, data={"through_job": "y"}),
    C(
        "pay.add_time",
        "POST",
        COORD,
        data={"kind": "training", "day": "2026-12-09", "start": "10:00", "end": "11:00"},
    ),
    C("pay.remove_time", expect=COORD, shows=("Yes, remove the time",)),
    C("pay.remove_time", "POST", COORD),
    C("pay.decide", "POST", COORD, data={"decision": "approved"}),
    # Sam's bus fare is not decided yet, so his claim cannot be marked paid (409).
    C(
        "pay.paid",
        "POST",
        {**COORD, COORD_ON: (409,), COORD_OFF: (409,)},
        data={"paid_on": "2026-12-20", "how": "bank transfer"},
    ),
    C("pay.member_claim_pdf", expect=COORD),
    C("pay.job_export", expect=COORD, shows=("Sam Sentwell", "CHARITY-SAMPAY")),
    # Every organisation's coordinators export and set their own organisation's pay only.
    C(
        "pay.range_export",
        expect={**COORD, ORG_OTHER: OK},
        query={"start": "2026-12-01", "end": "2026-12-31"},
        shows={COORD_ON: ("Sam Sentwell",), COORD_OFF: ("Sam Sentwell",)},
    ),
    C("pay.org_rates", expect={**COORD, ORG_OTHER: OK}),
    C("pay.org_rates", "POST", {**COORD, ORG_OTHER: OK}, data={**PAY_RATES, "currency": "GBP"}),
    C("pay.receipt", expect={**rule((SENT, *COORDS), refuse=HIDE)}),
    C("pay.offer", expect=MEMBER_SHEET, shows={SENT: ("CHARITY-SAMPAY",)}),
    C("pay.offer_pdf", expect=MEMBER_SHEET),
    C("pay.offer_audio", expect=MEMBER_SHEET, shows=("Pay can change your benefits",)),
    C("pay.choice", "POST", MEMBER_SHEET, data={"choice": "full"}),
    C("pay.my_time", expect=MEMBER_SHEET, shows={SENT: ("PREP-SAMPAY",)}),
    # Only Sam has time to check: the others are told there is none yet.
    C(
        "pay.check_time",
        "POST",
        {**MEMBER_SHEET, WAITING: (409,), COORD_ON: (409,)},
        data={"answer": "confirmed"},
    ),
    C("pay.spent", expect=MEMBER_SHEET),
    C(
        "pay.add_spent",
        "POST",
        MEMBER_SHEET,
        data={
            "kind": "fare",
            "day": "2026-12-15",
            "amount": "2.40",
            "no_receipt": "y",
            "no_receipt_reason": "Lost it",
        },
    ),  # fmt: skip
    C("pay.my_claim", expect=MEMBER_SHEET, shows={SENT: ("CHARITY-SAMPAY",)}),
    C("pay.my_claim_pdf", expect=MEMBER_SHEET),
    # Keeping records (panels/privacy): each organisation sets and sees its own. Job A is
    # not decided, so removing its candidates' details or deleting its people is refused.
    C("privacy.organisation", expect={**COORD, ORG_OTHER: OK}),
    C(
        "privacy.organisation",
        "POST",
        rule(ADMINS),
        data={"keep_months": "6", "keep_appointed_months": "12"},
    ),
    C("privacy.job", expect=COORD),
    C("privacy.hold", "POST", COORD, data={"reason": "A complaint about the interview"}),
    C("privacy.release", "POST", COORD),
    C("privacy.appointed", "POST", COORD, data=lambda w, _p: {"candidate": str(w.ruth)}),
    C("privacy.remove_early", expect=COORD),
    C("privacy.remove_early", "POST", {**COORD, COORD_ON: (409,), COORD_OFF: (409,)}),
    C("privacy.candidate", expect=COORD),
    C("privacy.candidate_export", "POST", COORD, shows=("Ruth",)),
    C("privacy.candidate_delete", expect=COORD),
    C("privacy.candidate_delete", "POST", {**COORD, COORD_ON: (409,), COORD_OFF: (409,)}),
    C("privacy.member", expect=COORD),
    C("privacy.member_export", "POST", COORD, shows=("Sam Sentwell",)),
    C("privacy.member_delete", expect=COORD),
    C("privacy.member_delete", "POST", {**COORD, COORD_ON: (409,), COORD_OFF: (409,)}),
    C("privacy.candidate_notice", expect=LINK, shows=("How long we keep it",)),
    C("privacy.member_notice", expect=JOB_A, shows=("How long we keep it",)),
    # Preparing together: the member's own pages (no member id in them), the coordinator's
    # pages, the panel's profile page, and a profile's photo on a candidate's invitation.
    C("prepare.privacy", expect=MEMBER_SHEET, shows=("You agreed on",)),
    C("prepare.agree", "POST", MEMBER_SHEET, data={}),
    C("prepare.my_working", expect=MEMBER_SHEET, shows={SENT: ("HELPS-SAM", "SUPPORTER-SAM")}),
    C("prepare.my_working", "POST", MEMBER_SHEET, data={"helps": "Give me time to answer."}),
    C("prepare.preparing", expect=MEMBER_SHEET, shows={SENT: ("MEETING-ALPHA", "TRAINING-SAM")}),
    C("prepare.answer", "POST", MEMBER_SHEET, data={"answer": "yes"}),
    C(
        "prepare.add_training",
        "POST",
        MEMBER_SHEET,
        data={"kind": "shadowing", "what": "I watched an interview.", "day": "2026-11-01"},
    ),
    C("prepare.meetings", expect=COORD, shows=("Plan a meeting",)),
    C(
        "prepare.meetings",
        "POST",
        COORD,
        data={
            "day": "2026-12-10",
            "start": "10:30",
            "what": "Practise the questions, 30 minutes",
            "break_every": "45",
        },
    ),
    C("prepare.meeting", expect=COORD, shows=("MEETING-ALPHA",)),
    C(
        "prepare.meeting",
        "POST",
        COORD,
        data={
            "day": "2026-12-11",
            "start": "11:00",
            "what": "Look at the questions",
            "break_every": "30",
        },
    ),  # fmt: skip
    C("prepare.attended", "POST", COORD, data=lambda w, _p: {"came": str(w.m_sam)}),
    C("prepare.meeting_pay", "POST", COORD),
    C("prepare.remove_meeting", expect=COORD, shows=("Yes, remove the meeting",)),
    C("prepare.remove_meeting", "POST", COORD),
    C("prepare.meeting_ics", shows=("MEETING-ALPHA",)),
    C("prepare.member_working", expect=COORD, shows=("HELPS-SAM",)),
    C("prepare.member_working", "POST", COORD, data={"helps": "I like to sit near the door."}),
    C("prepare.profiles", shows=("PROFILE-ALPHA",)),
    C(
        "prepare.profiles",
        "POST",
        rule(COORDS, refuse=HIDE),
        data={"name": "Ben", "words": "I like dogs.", "consent_by": "Ben", "consent": "y"},
    ),
    C("prepare.withdraw_profile", expect=COORD, shows=("Yes, hide the profile",)),
    C("prepare.withdraw_profile", "POST", COORD),
    C("prepare.profile_photo"),
    C(
        "prepare.invite_profile_photo",
        expect={**{a: HIDE for a in PEOPLE}, CAND_OWN: OK, CAND_OTHER: HIDE},
        actors=EVERYONE,
    ),
    # What matters to us, applications and the shortlist. Only coordinators see who
    # applied; panel members read the words without names; the public form is by its link.
    C("shortlist.matters"),
    C("shortlist.add_quality", "POST", data={"kind": "quality", "easy_read": "Lets me choose"}),
    C("shortlist.quality"),
    C("shortlist.mark_quality", "POST", PANEL_ONLY, data={"mark": "keep"}),
    C("shortlist.change_words", "POST", data={"easy_read": "Listens to me well"}),
    C("shortlist.quality_picture", "POST", data={"code": "1F642"}),
    C("shortlist.question_qualities"),
    C("shortlist.by_quality", expect=COORD),
    C(
        "shortlist.question_qualities",
        "POST",
        data=lambda w, _p: {"quality": str(w.quality_a)},
    ),
    C("shortlist.apply", expect={a: OK for a in PEOPLE}, args={"token": Ref("apply_token")}),
    C(
        "privacy.applicant_notice",
        expect={a: OK for a in PEOPLE},
        args={"token": Ref("apply_token")},
        shows=("How long we keep it",),
        # Someone thinking of applying is told who keeps their details and who to ask.
        public=("Alphaorg Trust", "ALPHAORG-CONTACT"),
    ),
    C(
        "shortlist.apply",
        "POST",
        {a: OK for a in PEOPLE},
        args={"token": Ref("apply_token")},
        data={"name": "Nia Newapp", "email": "nia@apply.example", "answer_0": "I care."},
        bookkeeping=THROTTLE,
    ),
    C(
        "shortlist.apply",
        label="no such form",
        expect={a: HIDE for a in PEOPLE},
        args={"token": "no-such-form"},
    ),
    C(
        "shortlist.apply_draft",
        expect={a: OK for a in PEOPLE},
        args={"token": Ref("apply_token"), "resume": Ref("resume_p")},
    ),
    C(
        "shortlist.apply_draft",
        "POST",
        {a: OK for a in PEOPLE},
        args={"token": Ref("apply_token"), "resume": Ref("resume_p")},
        data={"name": "Drafty Person", "email": "drafty@apply.example", "action": "save"},
        bookkeeping=THROTTLE,
    ),
    C(
        "shortlist.apply_draft",
        label="no such draft",
        expect={a: HIDE for a in PEOPLE},
        args={"token": Ref("apply_token")},
    ),
    C("shortlist.apply_sent", expect={a: OK for a in PEOPLE}, args={"token": Ref("apply_token")}),
    C("shortlist.setup", expect=COORD),
    C("shortlist.setup", "POST", COORD, data={"prompts": "Why this job?", "open": "y"}),
    C("shortlist.applications", expect=COORD, shows=("Alphaone",)),
    C("shortlist.application", expect=COORD, shows=("appname.alphaone@apply.example",)),
    C("shortlist.add_application", expect=COORD),
    C("shortlist.add_application", "POST", COORD, data={"name": "Pat Paper", "answer_0": "Hi"}),
    C("shortlist.import_applications", expect=COORD),
    C("shortlist.import_applications", "POST", COORD, files=True),
    C("shortlist.reviews", expect=PANEL_ONLY),
    C("shortlist.review_application", expect=PANEL_ONLY, shows=("APPANSWER-ALPHA",)),
    C(
        "shortlist.review_application",
        "POST",
        PANEL_ONLY,
        data={"q-kq": "dk", "action": "save", "version": "0"},
    ),
    C("shortlist.shortlist"),
    C("shortlist.close_review", "POST", COORD),
    # Reviewing is still open: the shortlist cannot be recorded yet.
    C(
        "shortlist.decide",
        "POST",
        {**COORD, COORD_ON: (409,), COORD_OFF: (409,)},
        data=lambda w, _p: {"application": str(w.app_a)},
        writes=False,
    ),
]


def _crossed(case: Case) -> list[Case]:
    """The same request with job B's candidate, member or question in job A's address.

    Whoever gets past the first checks must then get a 404, and nothing may change.
    """
    rule_args = RULE_ARGS.get(case.endpoint, set())
    if "job_id" not in rule_args or case.args.get("job_id", "job_a") != "job_a":
        return []
    outcomes = {}
    for actor, outcome in case.expect.items():
        if outcome == LOGIN:
            outcomes[actor] = LOGIN
        elif _refused(outcome) and 403 in outcome:
            outcomes[actor] = DENY
        else:
            outcomes[actor] = HIDE
    out = []
    for arg, other in CROSS.items():
        if arg not in rule_args:
            continue
        out.append(
            replace(
                case,
                label=f"{case.label + ', ' if case.label else ''}job B's {arg[:-3]}",
                args={**case.args, arg: other},
                expect=outcomes,
                closed={},
                actors=tuple(a for a in case.actors if not _refused(case.expect[a])),
                writes=False,
                closed_writes=False,
                blank=False,
            )
        )
    return out


RULE_ARGS: dict[str, set[str]] = {}


def _rule_args(app) -> dict[str, set[str]]:
    if not RULE_ARGS:
        RULE_ARGS.update({r.endpoint: set(r.arguments) for r in app.url_map.iter_rules()})
    return RULE_ARGS


def _all_cases(app) -> list[Case]:
    _rule_args(app)
    seen, out = set(), []
    for case in TABLE:
        for one in [case, *_crossed(case)]:
            if one.name not in seen:
                seen.add(one.name)
                out.append(one)
    return out


# --- running a case -----------------------------------------------------------------------


def _value(world, value):
    if isinstance(value, Ref):
        found = getattr(world, value, None)
        return found if found is not None else world.users[value]
    return value


def _token_for(world, actor):
    return {CAND_OWN: world.tok_ruth, CAND_OTHER: world.tok_mei}.get(actor, "no-such-link")


def _url(app, world, case: Case, actor: str) -> str:
    """The address the actor asks for (made once per world, case and actor: both phases
    and every test ask for the same one)."""
    key = (id(world), case.endpoint, repr(case.args), repr(case.query), actor)
    if key not in _URLS:
        _URLS[key] = _make_url(app, world, case, actor)
    return _URLS[key]


_URLS: dict[tuple, str] = {}


def _make_url(app, world, case: Case, actor: str) -> str:
    values = {}
    for arg in _rule_args(app)[case.endpoint]:
        value = case.args.get(arg, DEFAULT_ARGS[arg])
        values[arg] = _token_for(world, actor) if value == BY_ACTOR else _value(world, value)
    values.update({k: _value(world, v) for k, v in case.query.items()})
    with app.test_request_context():
        return url_for(case.endpoint, **values)


def _client(app, cookies, actor):
    client = app.test_client()
    for name, value in cookies.get(actor, {}).items():
        client.set_cookie(name, value)
    return client


def _sign_in_cookies(app, world) -> dict[str, dict[str, str]]:
    """Each signed-in actor's cookies, made once (signing in may itself write rows)."""
    names = (
        app.config["SESSION_COOKIE_NAME"],
        app.config.get("REMEMBER_COOKIE_NAME", "remember_token"),
    )
    out = {}
    for actor, user in h.USER_OF.items():
        client = signed_in_client(app, world.users[user])
        out[actor] = {n: c.value for n in names if (c := client.get_cookie(n)) is not None}
    return out


def _flashed(app, client) -> str:
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    if cookie is None or not cookie.value:
        return ""
    try:
        session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    except Exception:  # noqa: BLE001  (a session we cannot read holds no flash for us)
        return ""
    return " ".join(str(m) for _c, m in session.get("_flashes", []))


def _send(client, world, case: Case, url: str, phase: str):
    if case.method == "GET":
        return client.get(url)
    data = case.data(world, phase) if callable(case.data) else dict(case.data or {})
    if case.json is not None:
        return client.post(url, json=case.json)
    if case.files:
        if case.endpoint in ("candidates.import_csv", "shortlist.import_applications"):
            data["file"] = (io.BytesIO(b"name\nCsv Person\n"), "people.csv")
        else:
            data["photo"] = (io.BytesIO(h.photo_bytes()), "photo.jpg")
        return client.post(url, data=data, content_type="multipart/form-data")
    return client.post(url, data=data)


def _status_problem(response, outcome) -> str | None:
    code = response.status_code
    to_sign_in = 300 <= code < 400 and "/sign-in" in response.headers.get("Location", "")
    if code >= 500:
        return f"gave {code}"
    if outcome == ANY:
        return None
    if outcome == LOGIN:
        return None if code == 302 and to_sign_in else f"gave {code}, not a sign-in redirect"
    if outcome == OK:
        return None if 200 <= code < 400 and not to_sign_in else f"gave {code}, not let in"
    return None if code in outcome else f"gave {code}, expected {'/'.join(map(str, outcome))}"


@dataclass
class Run:
    """What every check in one test shares."""

    app: object
    world: object
    cookies: dict
    secrets: list
    speaker: h.FakeSpeaker
    writes: h.WriteCounter
    baseline: h.Snapshot
    phase: str


def _check(run: Run, case: Case, actor: str) -> list[str]:
    app, world, phase = run.app, run.world, run.phase
    url = _url(app, world, case, actor)
    client = _client(app, run.cookies, actor)
    run.speaker.spoken.clear()
    writes = run.writes.count
    # The request in a savepoint, rolled back after it: whatever it wrote is undone. The
    # tables are read (before the rollback) only if it sent a statement that may change a
    # row, or if the photo files are not the world's.
    with undone_after():
        response = _send(client, world, case, url, phase)
        wrote = run.writes.count != writes or h.photo_names(app) != set(run.baseline.files)
        after = h.now(app) if wrote else None
    outcome = case.outcome(actor, phase)
    where = f"{phase}: {case.name} as {actor}"
    problems = []
    status = _status_problem(response, outcome)
    if status:
        problems.append(f"{where} {status}")
    if _refused(outcome) and response.mimetype not in ("text/html", "application/json"):
        problems.append(f"{where} was refused but still sent {response.mimetype}")
    text = "\n".join(
        [
            h.body_text(response, run.speaker.spoken),
            response.headers.get("Location", ""),
            _flashed(app, client),
        ]
    )
    text += "\n" + h.listened_text(app, text)
    # The address the actor asked for (echoed in a sign-in redirect) tells them nothing new.
    text = text.replace(quote(url, safe=""), "").replace(url, "")
    plain, no_labels = h.squash(text), h.squash(h.without_labels(text))
    for secret in run.secrets:
        if secret.visible(actor, phase) or secret.text in case.public:
            continue
        if h.squash(secret.text) in (no_labels if secret.score else plain):
            problems.append(f"{where} shows {secret.what} ({secret.text!r})")
    for needed in case.needs(actor) if response.status_code == 200 else ():
        if h.squash(needed) not in plain:
            problems.append(f"{where} should show {needed!r} (is the {response.mimetype} read?)")
    if case.blank and response.mimetype == "text/html" and h.filled_in(text):
        problems.append(f"{where} shows a score sheet already filled in")
    if after is not None:
        changed, differs = h.changes(run.baseline, after)
        changed = [t for t in changed if t not in case.bookkeeping]
        if changed:
            allowed = (
                case.method != "GET"
                and not _refused(outcome)
                and case.may_write(phase)
                and response.status_code < 400
                and "/sign-in" not in response.headers.get("Location", "")
            )
            if not allowed:
                problems.append(f"{where} changed {', '.join(changed)}")
        if differs:
            h.restore_files(app, run.baseline)
    return problems


# --- the world, built once ----------------------------------------------------------------


@pytest.fixture(scope="module")
def built(app):
    """The world built through the services, kept as two snapshots: open and closed."""
    h.restore(app, h.Snapshot({}, {}))
    with app.app_context():
        world = h.build_world(app)
        # A worker is alive, so /healthz answers 200 (run_for: its beat never goes stale).
        queue.beat("matrix-worker", utcnow())
        with app.test_request_context():
            from panels.audio.service import listen_url

            world.listen_hello = listen_url("Hello").rsplit("/", 1)[1][: -len(".mp3")]
        db.session.remove()
    h.send_scores(app, world)
    cookies = _sign_in_cookies(app, world)
    snaps = {"open": h.take(app)}
    h.close_scoring(app, world)
    snaps["closed"] = h.take(app)
    h.restore(app, h.Snapshot({}, {}))
    return world, cookies, snaps


@pytest.fixture
def run_for(app, built, monkeypatch, tmp_path):
    import panels.audio.service as audio_service

    speaker = h.FakeSpeaker(tmp_path / "audio")
    monkeypatch.setattr(audio_service, "speaker", lambda: speaker)
    # The same page makes the same PDF: build each one once (really, with WeasyPrint).
    for module in [m for name, m in sys.modules.items() if name.startswith("panels.")]:
        build = getattr(module, "build_pdf", None)
        if callable(build) and getattr(build, "__name__", "") == "build_pdf":
            monkeypatch.setattr(module, "build_pdf", h.once(build))
    world, cookies, snaps = built
    monkeypatch.setitem(app.config, "WORKER_HEARTBEAT_STALE_SECONDS", 10**9)
    # The actors' sessions are made once and put back with the world, however long the
    # matrix takes: their "last seen" is not written, and coordinators do not time out.
    monkeypatch.setitem(app.config, "SESSION_TOUCH_MINUTES", 10**6)
    monkeypatch.setitem(app.config, "COORDINATOR_IDLE_MINUTES", 10**6)
    with app.app_context():
        counter = h.WriteCounter(db.engine)
    yield lambda phase: Run(
        app, world, cookies, h.secrets_for(world), speaker, counter, snaps[phase], phase
    )
    counter.stop()


GROUPS = sorted({c.endpoint.split(".")[0] for c in TABLE})


@pytest.mark.parametrize("phase", h.PHASES)
@pytest.mark.parametrize("group", GROUPS)
def test_access_matrix(app, run_for, group, phase):
    run = run_for(phase)
    h.restore(app, run.baseline)
    problems = []
    for case in _all_cases(app):
        if case.endpoint.split(".")[0] != group:
            continue
        for actor in case.actors:
            problems += _check(run, case, actor)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def _not_in_the_matrix(app) -> list[str]:
    """Routes and methods the table says nothing about, and table rows for gone routes."""
    covered = {(c.endpoint, c.method) for c in TABLE}
    found, rules = [], {}
    for r in app.url_map.iter_rules():
        rules.setdefault(r.endpoint, []).append(r.rule)
        for method in sorted(r.methods - {"HEAD", "OPTIONS"}):
            if (r.endpoint, method) not in covered:
                found.append(f"new route: add it to the access matrix: {method} {r.rule}")
    for endpoint, paths in rules.items():
        if len(paths) > 1:  # the table names endpoints, so each needs its own
            found.append(f"new route: add it to the access matrix: {endpoint} {paths}")
    known = {(r.endpoint, m) for r in app.url_map.iter_rules() for m in r.methods}
    found += [f"the matrix lists a route that is gone: {e} {m}" for e, m in covered - known]
    return sorted(found)


def test_every_route_is_in_the_matrix(app):
    """A new route must be added to the table, with what each person may do there."""
    missing = _not_in_the_matrix(app)
    assert not missing, "\n".join(missing)


def test_a_new_route_fails_the_matrix():
    from panels import create_app
    from panels.config import TestConfig

    config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    fresh = create_app({**config, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    fresh.add_url_rule("/jobs/<int:job_id>/secret-report", "jobs.secret", lambda job_id: "")
    found = _not_in_the_matrix(fresh)
    assert "new route: add it to the access matrix: GET /jobs/<int:job_id>/secret-report" in found


# --- the matrix can fail --------------------------------------------------------------------


def _case(endpoint, method="GET", label=""):
    return next(c for c in TABLE if (c.endpoint, c.method, c.label) == (endpoint, method, label))


def _view_module(app, endpoint):
    return sys.modules[app.view_functions[endpoint].__module__]


def test_the_matrix_catches_a_page_anyone_can_open(app, run_for, monkeypatch):
    from panels.models import Job

    run = run_for("open")
    h.restore(app, run.baseline)
    views = _view_module(app, "jobs.show")
    monkeypatch.setattr(views, "job_or_404", lambda job_id, **_: db.session.get(Job, job_id))
    found = _check(run, _case("jobs.show"), OTHER)
    assert any("gave 200, expected 404" in p for p in found), found
    assert any("shows job A's title" in p for p in found), found
    assert any("shows job A's first candidate" in p for p in found), found


def test_the_matrix_catches_a_refused_post_that_saves(app, run_for, monkeypatch):
    from panels.models import PanelMember

    run = run_for("open")
    h.restore(app, run.baseline)
    jo = run.world.m_jo
    views = _view_module(app, "questions.mark")
    monkeypatch.setattr(views, "membership", lambda job: db.session.get(PanelMember, jo))
    found = _check(run, _case("questions.mark", "POST"), COORD_OFF)
    assert any("gave 302, expected 403/404" in p for p in found), found
    assert any("changed question_mark" in p for p in found), found
    assert h.changes(run.baseline, h.now(app)) == ([], False)  # the world was put back


def test_the_matrix_reads_pdf_and_audio(app, run_for, monkeypatch):
    import panels.invitations.queries as invitation_service

    real = invitation_service.facts_for

    def leaky(invitation):
        return replace(real(invitation), contact="Ask Dan Quillfeather")

    run = run_for("open")
    h.restore(app, run.baseline)
    monkeypatch.setattr(invitation_service, "facts_for", leaky)
    for endpoint in ("invitations.pdf", "invitations.audio", "invitations.calendar"):
        found = _check(run, _case(endpoint), CAND_OWN)
        assert any("shows job A's second candidate" in p for p in found), (endpoint, found)


def test_body_text_reads_each_format(app):
    from flask import Response
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["name", "NOTE-XLSX"])
    buf = io.BytesIO()
    book.save(buf)
    from panels.common.pdf import build_pdf

    with app.app_context():
        pdf = build_pdf("<p>NOTE-PDF here</p>")
    cases = {
        h.XLSX: buf.getvalue(),
        "application/pdf": pdf,
        "application/json": b'{"note": "NOTE-\\u004aSON"}',
        "text/calendar": b"DESCRIPTION:NOTE-\r\n ICS",
        "text/html": b"<p>NOTE&#45;HTML</p>",
    }
    for kind, data in cases.items():
        text = h.body_text(Response(data, mimetype=kind), [])
        assert "NOTE-" in text and h.squash(text) != "", (kind, text)
    assert "NOTE-XLSX" in h.body_text(Response(cases[h.XLSX], mimetype=h.XLSX), [])
    assert "NOTE-PDF" in h.body_text(Response(pdf, mimetype="application/pdf"), [])
    assert "NOTE-JSON" in h.body_text(
        Response(cases["application/json"], mimetype="application/json"), []
    )
    assert "NOTE-ICS" in h.body_text(Response(cases["text/calendar"], mimetype="text/calendar"), [])
    assert "NOTE-HTML" in h.body_text(Response(cases["text/html"], mimetype="text/html"), [])
    assert h.body_text(Response(b"ID3", mimetype="audio/mpeg"), ["NOTE-AUDIO"]) == "NOTE-AUDIO"
    with app.test_request_context():
        from panels.audio.views import listen_url

        assert h.listened_text(app, f'<a href="{listen_url("NOTE-LISTEN")}">') == "NOTE-LISTEN"
    assert h.filled_in('<input type="radio" name="q-q1" value="2" checked>')
    assert not h.filled_in('<input type="radio" name="q-q1" value="2">')
    assert "5 Excellent" not in h.without_labels('<label for="x">5 Excellent</label>')


def test_the_matrix_catches_a_coordinator_of_any_organisation(app, run_for, monkeypatch):
    """Before organisations, every coordinator managed every job: the matrix says no."""
    from flask_login import current_user

    import panels.common.access as access

    run = run_for("open")
    h.restore(app, run.baseline)
    monkeypatch.setattr(access, "manages", lambda job, user=None: current_user.is_coordinator)
    found = _check(run, _case("jobs.show"), ORG_OTHER)
    assert any("gave 200, expected 404" in p for p in found), found
    assert any("shows job A's title" in p for p in found), found
