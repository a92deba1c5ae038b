"""The world, the secrets and the tools of the route-by-actor access matrix.

Two organisations. Alphaorg Trust has two jobs. Job A has a panel of four (a coordinator
and three members), two candidates, invitations, photos and questions; some members have
sent scores, some have drafts. Job B has its own member, candidate, question, photo and
link. Every piece of data that
somebody must not see carries a word that appears nowhere else, so a page, a file or a
clip that shows it can be caught whatever its format. Zetaorg Care has its own admin
(the "other organisation's coordinator"), job, panel member, candidate and question
photo: none of Alphaorg's may reach her, and none of hers may reach Alphaorg.

The world is built once through the app's services, kept as rows (and photo files), and
put back before each test. Each request runs in a savepoint that is rolled back after it,
so its rows are undone without putting the world back; photo files it changed are put back.
"""

from __future__ import annotations

import functools
import html
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from types import SimpleNamespace

from itsdangerous import BadSignature, URLSafeSerializer
from PIL import Image
from sqlalchemy import delete, event, insert, select

from panels.audio.service import SALT as LISTEN_SALT
from panels.common.storage import put_photo
from panels.db import db
from panels.invitations import queries as invitation_queries
from panels.invitations import service as invitations
from panels.lib import photos
from panels.members.prefs import apply_photo
from panels.models import (
    BookingJob,
    Expense,
    Organisation,
    OrganisationSettings,
    PayClaim,
    PrepMeeting,
    Question,
    ScoringState,
    SlotBooking,
    SupportedProfile,
    TimeEntry,
    TrainingRecord,
    WorkingWithMe,
)
from panels.questions import service as questions
from tests.conftest import make_job, make_user, signed_in_client
from tests.integration.fuzz_helpers import rows_as_text
from tests.integration.mail_matrix_helpers import add_messages
from tests.integration.shortlist_helpers import shortlist_world

# --- actors -------------------------------------------------------------------------------

NOBODY = "nobody"
OTHER = "other job's member"
WAITING = "member who has not sent"
SENT = "member who has sent"
COORD_ON = "coordinator on the panel"
COORD_OFF = "coordinator not on the panel"
CAND_OWN = "candidate's own link"
CAND_OTHER = "other job's candidate link"
ORG_OTHER = "other organisation's coordinator"

SIGNED = (OTHER, WAITING, SENT, COORD_ON, COORD_OFF, ORG_OTHER)
PEOPLE = (NOBODY, *SIGNED)  # who uses the signed-in pages
EVERYONE = (*PEOPLE, CAND_OWN, CAND_OTHER)  # who uses candidates' links
PANEL = (WAITING, SENT, COORD_ON)  # on job A's panel
COORDS = (COORD_ON, COORD_OFF)
SEE_A = (*PANEL, COORD_OFF)  # may open job A
SEE_B = (OTHER, *COORDS)  # may open job B

USER_OF = {
    OTHER: "olu",
    WAITING: "jo",
    SENT: "sam",
    COORD_ON: "alex",
    COORD_OFF: "hana",
    ORG_OTHER: "zoe",
}

# --- what there is to see -----------------------------------------------------------------

PHASES = ("open", "closed")


@dataclass(frozen=True)
class Secret:
    """Text that only ``open`` may see while scoring is open (``closed`` after)."""

    text: str
    what: str
    open: frozenset
    closed: frozenset | None = None
    score: bool = False  # a score's words: looked for outside the form's own <label>s

    def visible(self, actor: str, phase: str) -> bool:
        allowed = self.open if phase == "open" or self.closed is None else self.closed
        return actor in allowed


def _s(text, what, open_, closed=None, score=False) -> Secret:
    return Secret(
        text, what, frozenset(open_), None if closed is None else frozenset(closed), score
    )


A_PEOPLE = (*SEE_A, CAND_OWN)  # job A's panel, coordinators, and job A's first candidate
B_PEOPLE = (*SEE_B, CAND_OTHER)

STATIC_SECRETS = [
    _s("Alphaline", "job A's title", A_PEOPLE),
    _s("Alpha Hall", "job A's place", A_PEOPLE),
    _s("Betaline", "job B's title", B_PEOPLE),
    _s("Beta Hall", "job B's place", B_PEOPLE),
    _s("Ruth Zephyrine", "job A's first candidate", A_PEOPLE),
    _s("Dan Quillfeather", "job A's second candidate", SEE_A),
    _s("Mei Betacandid", "job B's candidate", B_PEOPLE),
    _s("Sam Sentwell", "job A's panel member", A_PEOPLE),
    _s("Jo Draftley", "job A's panel member", A_PEOPLE),
    _s("Kim Alsosent", "job A's panel member", A_PEOPLE),
    _s("Alex Onpanel", "job A's coordinator on the panel", A_PEOPLE),
    _s("Olu Otherjob", "job B's panel member", B_PEOPLE),
    _s("sam.sentwell@panel.example", "Sam's email", (*COORDS, SENT)),
    _s("jo.draftley@panel.example", "Jo's email", (*COORDS, WAITING)),
    _s("olu.otherjob@panel.example", "Olu's email", (*COORDS, OTHER)),
    _s("ruth.zephyrine@cand.example", "Ruth's email", (*COORDS, CAND_OWN)),
    _s("07700900123", "Ruth's phone", (*COORDS, CAND_OWN)),
    _s("ADJUST-RUTH", "Ruth's adjustments", (*COORDS, CAND_OWN)),
    _s("ASKED-RUTH", "what Ruth asked for", (*COORDS, CAND_OWN)),
    _s("ADJUST-MEI", "Mei's adjustments", (*COORDS, CAND_OTHER)),
    _s("OUTCOME-RUTH", "what happened, for Ruth", (*COORDS, CAND_OWN)),
    _s("FEEDBACK-RUTH", "feedback for Ruth", (*COORDS, CAND_OWN)),
    _s("QTEXT-ALPHA-ONE", "job A's question", A_PEOPLE),  # job A shares its questions
    _s("QTEXT-ALPHA-DRAFT", "job A's draft question", SEE_A),
    _s("FOLLOWUP-ALPHA", "job A's follow-up question", SEE_A),
    _s("GOODANSWER-ALPHA", "what a good answer shows", SEE_A),
    _s("STANDARD-ALPHA", "job A's HR wording", SEE_A),
    _s("SUGGEST-ALPHA", "Jo's suggested words", SEE_A),
    _s("QTEXT-BETA", "job B's question", SEE_B),  # job B does not share its questions
    # The organisations: Alphaorg's name is shown to its people and its candidates.
    _s("Alphaorg Trust", "Alphaorg's name", (*SEE_A, *SEE_B, CAND_OWN, CAND_OTHER)),
    # Who to ask: candidates see it on their invitation, panel members on their pay offer.
    _s("ALPHAORG-CONTACT", "who Alphaorg's people ask", (*SEE_A, *SEE_B, CAND_OWN, CAND_OTHER)),
    _s("hana.offpanel@panel.example", "Hana's email", COORDS),
    _s("Zetaorg Care", "Zetaorg's name", (ORG_OTHER,)),
    _s("Zetaline", "Zetaorg's job title", (ORG_OTHER,)),
    _s("Yara Zetacand", "Zetaorg's candidate", (ORG_OTHER,)),
    _s("Quinn Zetamember", "Zetaorg's panel member", (ORG_OTHER,)),
    _s("zoe.zetaorg@zeta.example", "Zoe's email", (ORG_OTHER,)),
    _s("QTEXT-ZETA", "Zetaorg's question", (ORG_OTHER,)),
    _s("CHARITY-SAMPAY", "Sam's payment choice", (SENT, *COORDS)),
    _s("PREP-SAMPAY", "Sam's time entry", (SENT, *COORDS)),
    _s("CHARITY-OLUPAY", "Olu's payment choice", (OTHER, *COORDS)),
    # Preparing together (panels/prepare).
    _s("HELPS-SAM", "what helps Sam (Working with me)", SEE_A),
    _s("SUPPORTER-SAM", "the support worker who comes with Sam", SEE_A),
    _s("TRAINING-SAM", "the training Sam did", (SENT, *COORDS)),
    _s("MEETING-ALPHA", "job A's preparation meeting", SEE_A),
    _s("MEETING-BETA", "job B's preparation meeting", SEE_B),
    _s("PROFILE-ALPHA", "the profile of a person job A's worker supports", A_PEOPLE),
    _s("PROFILE-BETA", "the profile of a person job B's worker supports", B_PEOPLE),
    # Applications: only coordinators know who sent them; the panel reads the words.
    _s("Alphaone", "an applicant's name (masked in the words)", COORDS),
    _s("appname.alphaone@apply.example", "an applicant's email", COORDS),
    _s("APPANSWER-ALPHA", "job A's application", SEE_A),
    _s("Betaone", "job B's applicant's name", COORDS),
    _s("APPANSWER-BETA", "job B's application", SEE_B),
]

# Scores. Sam and Kim sent theirs for Ruth; Jo and Alex (the coordinator on the panel) sent
# theirs for Dan and have drafts for Ruth. Nobody but the member sees a draft;
# a sent score is seen by panel members who sent their own for that candidate; once scoring
# is closed, by the whole panel and the coordinators.
SCORE_SECRETS = [
    _s("NOTE-SENT-SAM", "Sam's sent note on Ruth", (SENT,), SEE_A),
    _s("5 Excellent", "Sam's sent score on Ruth", (SENT,), SEE_A, score=True),
    _s("2 Not quite", "Sam's sent score on Ruth", (SENT,), SEE_A, score=True),
    # Why Sam changed his sent scores: his words about his scores, in the audit trail.
    _s("REASON-SAM", "why Sam changed his scores", (SENT,), (SENT, *COORDS)),
    _s("NOTE-SENT-KIM", "Kim's sent note on Ruth", (SENT,), SEE_A),
    _s("NOTE-SENT-JO", "Jo's sent note on Dan", (WAITING, COORD_ON), SEE_A),
    _s("1 Not good", "Jo's sent score on Dan", (WAITING, COORD_ON), SEE_A, score=True),
    _s("NOTE-SENT-ALEX", "Alex's sent note on Dan", (WAITING, COORD_ON), SEE_A),
    _s("NOTE-DRAFT-JO", "Jo's draft note on Ruth", (WAITING,), (WAITING,)),
    _s("3 Good", "Jo's draft score on Ruth", (WAITING,), (WAITING,), score=True),
    _s("NOTE-DRAFT-ALEX", "Alex's draft note on Ruth", (COORD_ON,), (COORD_ON,)),
]


def photo_bytes(colour=(200, 80, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(out, "JPEG")
    return out.getvalue()


# --- building the world -------------------------------------------------------------------


class World(SimpleNamespace):
    """The world's ids, tokens and file names."""

    def __repr__(self) -> str:
        return "<the access matrix world>"


VERSION_RE = re.compile(r'name="version" value="(\d*)"')


def _send_sheet(app, user_id, job_id, candidate_id, answers, note, **extra):
    """Score as the member does, through the score sheet page.

    Sent, unless ``draft``; ``reason`` changes sent scores; ``phrase`` picks a phrase.
    """
    draft, reason = extra.pop("draft", False), extra.get("reason", "")
    client = signed_in_client(app, user_id)
    url = f"/jobs/{job_id}/score/{candidate_id}" + ("/change" if reason else "")
    found = VERSION_RE.search(client.get(url + "?view=all").get_data(as_text=True))
    form = {f"q-{k}": ("dk" if v is None else str(v)) for k, v in answers.items()}
    form.update(extra, note=note, version=found.group(1) if found else "")
    form["action"] = "save" if draft else "submit"
    response = client.post(url, data=form)
    assert response.status_code == 302, (url, response.status_code)


def build_world(app) -> World:
    """Make the world through the services; return its ids, tokens and file names.

    Call inside an app context; then ``send_scores`` outside it.
    """
    alex = make_user("Alex Onpanel", "alex.onpanel@panel.example", coordinator=True)
    sam = make_user("Sam Sentwell", "sam.sentwell@panel.example", scale="points5")
    jo = make_user("Jo Draftley", "jo.draftley@panel.example", scale="points3")
    kim = make_user("Kim Alsosent", "kim.alsosent@panel.example")
    hana = make_user("Hana Offpanel", "hana.offpanel@panel.example", coordinator=True)
    olu = make_user("Olu Otherjob", "olu.otherjob@panel.example")
    apply_photo(sam, photo_bytes((10, 200, 10)), remove=False, consent=True)
    apply_photo(jo, photo_bytes((10, 10, 200)), remove=False, consent=False)
    apply_photo(olu, photo_bytes((200, 200, 10)), remove=False, consent=True)
    job_a = make_job(
        "JOB-ALPHA",
        "Alphaline support worker",
        [alex, sam, jo, kim],
        ["Ruth Zephyrine", "Dan Quillfeather"],
        place="Alpha Hall, Leeds",
        interview_date=date(2026, 12, 15),
        start_time=time(9, 30),
    )
    job_b = make_job(
        "JOB-BETA", "Betaline office helper", [olu], ["Mei Betacandid"], place="Beta Hall, York"
    )
    ruth, dan = job_a.candidates
    (mei,) = job_b.candidates
    ruth.email, ruth.phone, ruth.adjustments = (
        "ruth.zephyrine@cand.example",
        "07700 900123",
        "ADJUST-RUTH: a quiet room",
    )
    mei.adjustments = "ADJUST-MEI: a ramp"
    m_alex, m_sam, m_jo, m_kim = job_a.members
    (m_olu,) = job_b.members

    photo_a = put_photo(photo_bytes((1, 2, 3)))
    photo_b = put_photo(photo_bytes((3, 2, 1)))
    q1 = Question(
        job=job_a,
        key="q1",
        position=1,
        easy_read="QTEXT-ALPHA-ONE: tell us about you.",
        follow_up="FOLLOWUP-ALPHA: what else?",
        good_answer="GOODANSWER-ALPHA: kind words",
        standard="STANDARD-ALPHA: describe your experience",
        picture="2753",
        asker=m_sam,
        status="agreed",
        scored=True,
    )
    q2 = Question(
        job=job_a,
        key="q2",
        position=2,
        easy_read="Why do you want this job?",
        photo=photo_a,
        asker=m_jo,
        status="agreed",
        scored=True,
    )
    qb = Question(
        job=job_b,
        key="qb",
        position=1,
        easy_read="QTEXT-BETA: tell us about you.",
        photo=photo_b,
        asker=m_olu,
        status="agreed",
        scored=True,
    )
    db.session.add_all([q1, q2, qb])
    db.session.flush()
    draft = questions.add_question(job_a, alex, easy_read="QTEXT-ALPHA-DRAFT: what do you like?")
    mark = questions.set_mark(draft, m_jo, "change", "SUGGEST-ALPHA: what do you enjoy?")
    db.session.flush()

    invitations.settings_for(job_a).share_questions = True
    invitations.settings_for(job_b).share_questions = False
    inv_ruth = invitations.invitation_for(ruth)
    inv_dan = invitations.invitation_for(dan)
    inv_mei = invitations.invitation_for(mei)
    secret = app.config["SECRET_KEY"]
    dan_old = invitation_queries.token_for(secret, inv_dan)
    invitations.reissue(inv_dan)
    invitations.add_request(ruth, ["quiet-room"], "ASKED-RUTH: a glass of water")
    # Job B's candidates choose their own time; Mei has time 1 and time 2 is free.
    db.session.add(BookingJob(job_id=job_b.id, slots=2, self_booking=True, cutoff_hours=0))
    db.session.add(
        SlotBooking(job_id=job_b.id, slot=1, candidate_id=mei.id, booked_by="coordinator")
    )
    inv_ruth.outcome, inv_ruth.feedback = "OUTCOME-RUTH: you got the job.", "FEEDBACK-RUTH: kind."
    db.session.add_all([ScoringState(job_id=job_a.id), ScoringState(job_id=job_b.id)])
    alpha = job_a.organisation
    alpha.name = "Alphaorg Trust"
    db.session.add(
        OrganisationSettings(organisation=alpha, contact="ALPHAORG-CONTACT: 0113 496 0001")
    )
    zeta = _zeta()
    mail = add_messages(job_a, job_b)
    alpha_id = alpha.id
    pay = _pay(m_sam, m_olu)
    prepared = _prepare(m_sam, m_olu)
    shortlisting = shortlist_world(job_a, job_b)
    db.session.commit()

    return World(
        users={
            "alex": alex.id,
            "sam": sam.id,
            "jo": jo.id,
            "kim": kim.id,
            "hana": hana.id,
            "olu": olu.id,
            "zoe": zeta["zoe"],
        },
        hana_membership=hana.org_memberships[0].id,
        org_a=alpha_id,
        **{k: v for k, v in zeta.items() if k != "zoe"},
        job_a=job_a.id,
        job_b=job_b.id,
        ruth=ruth.id,
        dan=dan.id,
        mei=mei.id,
        m_alex=m_alex.id,
        m_sam=m_sam.id,
        m_jo=m_jo.id,
        m_kim=m_kim.id,
        m_olu=m_olu.id,
        panel_a=job_a.panels[0].id,
        panel_b=job_b.panels[0].id,
        q1=q1.id,
        q_draft=draft.id,
        q_b=qb.id,
        mark=mark.id,
        photo_a=photo_a,
        photo_b=photo_b,
        photo_sam=sam.photo,
        tok_ruth=invitation_queries.token_for(secret, inv_ruth),
        tok_dan=invitation_queries.token_for(secret, inv_dan),
        tok_dan_old=dan_old,
        tok_mei=invitation_queries.token_for(secret, inv_mei),
        **{name: row.id for name, row in pay.items()},
        **mail,
        **{name: row.id for name, row in prepared.items()},
        **shortlisting,
    )


def _prepare(m_sam, m_olu) -> dict:
    """Sam's Working with me and training; a preparation meeting (in the past, so its time
    may go to pay) and a profile with a photo, on job A and on job B."""
    sam, alpha = m_sam.user, m_sam.job.organisation_id
    db.session.add_all(
        [
            WorkingWithMe(
                organisation_id=alpha, user_id=sam.id, helps="HELPS-SAM: give me time",
                support_worker="SUPPORTER-SAM Jo",
            ),
            TrainingRecord(
                organisation_id=alpha, user_id=sam.id, kind="training",
                what="TRAINING-SAM: interview skills", day=date(2026, 11, 2),
            ),
        ]
    )  # fmt: skip
    out = {}
    for suffix, member, word in (("", m_sam, "ALPHA"), ("_b", m_olu, "BETA")):
        meeting = PrepMeeting(
            job_id=member.job_id, day=date(2026, 11, 20), start_time=time(10, 0),
            place=f"MEETING-{word} room", what=f"MEETING-{word} practise, 30 minutes",
            break_every=45,
        )  # fmt: skip
        profile = SupportedProfile(
            job_id=member.job_id, name="Aisha", words=f"PROFILE-{word}: I like music.",
            photo=put_photo(photo_bytes((40, 40, 200))), consent_by="Aisha",
        )  # fmt: skip
        db.session.add_all([meeting, profile])
        db.session.flush()
        out.update({f"meeting{suffix}": meeting, f"profile{suffix}": profile})
    return out


def _zeta() -> dict:
    """Zetaorg Care: its admin Zoe, its job with Quinn on the panel, Yara, a photo."""
    zeta = Organisation(name="Zetaorg Care", slug="zetaorg")
    db.session.add(zeta)
    zoe = make_user("Zoe Zetaorg", "zoe.zetaorg@zeta.example", coordinator=True, organisation=zeta)
    quinn = make_user("Quinn Zetamember", "quinn.zetamember@zeta.example")
    apply_photo(quinn, photo_bytes((90, 9, 90)), remove=False, consent=True)
    job_z = make_job(
        "JOB-ALPHA",  # the same reference as job A: references are per organisation
        "Zetaline cook",
        [zoe, quinn],
        ["Yara Zetacand"],
        organisation=zeta,
        place="Zeta Kitchen",
    )
    photo_z = put_photo(photo_bytes((9, 90, 9)))
    m_zoe, m_quinn = job_z.members
    qz = Question(
        job=job_z,
        key="qz",
        position=1,
        easy_read="QTEXT-ZETA: what do you cook?",
        photo=photo_z,
        asker=m_quinn,
        status="agreed",
        scored=True,
    )
    db.session.add_all([qz, ScoringState(job_id=job_z.id)])
    inv_yara = invitations.invitation_for(job_z.candidates[0])
    db.session.flush()
    return {
        "zoe": zoe.id,
        "quinn": quinn.id,
        "job_z": job_z.id,
        "yara": job_z.candidates[0].id,
        "m_quinn": m_quinn.id,
        "q_z": qz.id,
        "photo_z": photo_z,
        "zoe_membership": zoe.org_memberships[0].id,
        "org_z": zeta.id,
        "inv_yara": inv_yara.id,
    }


def _pay(m_sam, m_olu) -> dict:
    """Sam's pay claim on job A (his choice, a time entry, a bus fare with a receipt
    photo), and Olu's on job B: rows only, so the audit trail shows none of it."""
    out = {}
    for suffix, member, who in (("", m_sam, "SAM"), ("_b", m_olu, "OLU")):
        claim = PayClaim(
            job_id=member.job_id, member_id=member.id, time_check="unseen",
            choice="charity", charity=f"CHARITY-{who}PAY",
        )  # fmt: skip
        entry = TimeEntry(
            claim=claim, job_id=member.job_id, kind="preparation", day=date(2026, 12, 8),
            start_time=time(10, 0), end_time=time(12, 0), what=f"PREP-{who}PAY",
        )  # fmt: skip
        expense = Expense(
            claim=claim, job_id=member.job_id, kind="fare", day=date(2026, 12, 15),
            amount_pence=350, receipt=put_photo(photo_bytes((9, 9, 9))), decision="waiting",
        )  # fmt: skip
        db.session.add_all([claim, entry, expense])
        db.session.flush()
        out.update({f"entry{suffix}": entry, f"expense{suffix}": expense})
    return out


def send_scores(app, world) -> None:
    """The members score, each on their own tablet (outside any app context of ours, so
    each request signs in afresh)."""
    ids, a, r, d = world.users, world.job_a, world.ruth, world.dan
    _send_sheet(app, ids["sam"], a, r, {"q1": 5, "q2": 1}, "NOTE-SENT-SAM")
    _send_sheet(
        app, ids["sam"], a, r, {"q1": 5, "q2": 2}, "NOTE-SENT-SAM", reason="REASON-SAM: oops."
    )
    _send_sheet(app, ids["kim"], a, r, {"q1": 3, "q2": None}, "NOTE-SENT-KIM")
    _send_sheet(app, ids["jo"], a, d, {"q1": 1, "q2": 2}, "NOTE-SENT-JO")
    _send_sheet(
        app, ids["jo"], a, r, {"q1": 3}, "NOTE-DRAFT-JO", phrase="They were kind.", draft=True
    )
    _send_sheet(app, ids["alex"], a, d, {"q1": 3, "q2": None}, "NOTE-SENT-ALEX")
    _send_sheet(app, ids["alex"], a, r, {"q1": 1}, "NOTE-DRAFT-ALEX", draft=True)


def close_scoring(app, world) -> None:
    """The coordinator who is not on the panel closes scoring for job A."""
    client = signed_in_client(app, world.users["hana"])
    form = {"action": "close", "reason": "The matrix closes scoring."}
    response = client.post(f"/jobs/{world.job_a}/results/status", data=form)
    assert response.status_code == 302, response.status_code


def secrets_for(world) -> list[Secret]:
    """Every secret, with the world's own tokens and photo file names added."""
    return [
        *STATIC_SECRETS,
        *SCORE_SECRETS,
        _s(world.tok_ruth, "Ruth's private link", (*COORDS, CAND_OWN)),
        _s(world.tok_dan, "Dan's private link", COORDS),
        _s(world.tok_mei, "Mei's private link", (*COORDS, CAND_OTHER)),
        _s(world.photo_a, "job A's question photo", SEE_A),
        _s(world.photo_b, "job B's question photo", SEE_B),
        _s(world.photo_sam, "the key of Sam's own photo", ()),  # served by person, never named
        _s(world.photo_z, "Zetaorg's question photo", (ORG_OTHER,)),
    ]


# --- keeping the world: rows and files ----------------------------------------------------

# A request may add to the records of who did or saw what, never change them.
APPEND_ONLY = {"audit_event", "score_view"}


@dataclass(repr=False)
class Snapshot:
    rows: dict[str, list[dict]]
    files: dict[str, bytes]
    keys: dict[str, list[str]] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<Snapshot of {sum(map(len, self.rows.values()))} rows>"


def _photo_files(app) -> dict[str, bytes]:
    folder = photos.folder_for(app.config["MEDIA_DIR"])
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.is_dir() else {}


def take(app) -> Snapshot:
    """Every row of every table (to put back), and every photo file.

    Its keys are read after the rows are put back as they were, so they are the rows as
    ``restore`` leaves them (a value read and written again is stored the same way).
    """
    with app.app_context():
        rows = {
            t.name: [dict(r._mapping) for r in db.session.execute(select(t))]
            for t in db.metadata.sorted_tables
        }
        db.session.remove()
    snap = Snapshot(rows, _photo_files(app))
    restore(app, snap)
    snap.keys = now(app).keys
    return snap


def now(app) -> Snapshot:
    """The tables (as keys only, to compare with a snapshot's) and photo files as they are."""
    with app.app_context():
        keys = rows_as_text(db.session.connection())
        db.session.remove()
    return Snapshot({}, _photo_files(app), keys)


def changes(before: Snapshot, after: Snapshot) -> tuple[list[str], bool]:
    """Tables and files that changed, and whether anything at all was added or changed.

    Additions to append-only tables are not changes, but the world still needs putting back.
    """
    found, differs = [], False
    for name, keys in before.keys.items():
        now = after.keys.get(name, [])
        if keys == now:
            continue
        differs = True
        if name not in APPEND_ONLY or not set(keys) <= set(now):
            found.append(name)
    if set(before.files) != set(after.files) or any(
        after.files.get(k) != v for k, v in before.files.items()
    ):
        found.append("photo files")
    return found, differs or bool(found)


def restore(app, snap: Snapshot) -> None:
    """Put every row and photo file back as they were in ``snap``."""
    with app.app_context():
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(delete(table))
        for table in db.metadata.sorted_tables:
            if snap.rows.get(table.name):
                db.session.execute(insert(table), snap.rows[table.name])
        db.session.commit()
        db.session.remove()
    restore_files(app, snap)


def restore_files(app, snap: Snapshot) -> None:
    """Put every photo file back as it was in ``snap`` (rows are left as they are)."""
    folder = photos.folder_for(app.config["MEDIA_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.iterdir():
        if path.name not in snap.files:
            path.unlink()
    for name, data in snap.files.items():
        path = folder / name
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)


# --- reading what came back ---------------------------------------------------------------


class FakeSpeaker:
    """Stands in for the speech worker: remembers what it was asked to say."""

    timeout = 1.0
    unavailable_reason = ""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.spoken: list[str] = []
        folder.mkdir(parents=True, exist_ok=True)

    def available(self) -> bool:
        return True

    def audio_path(self, text: str) -> Path:
        self.spoken.append(text)
        path = self.folder / f"clip-{len(self.spoken)}.mp3"
        path.write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 8)
        return path


LISTEN_RE = re.compile(r"/listen/([A-Za-z0-9_.\-]+)\.mp3")
LABEL_RE = re.compile(r"<label\b.*?</label>", re.S | re.I)
FILLED_RE = re.compile(r'<input[^>]*name="(?:q-[^"]*|phrase)"[^>]*\schecked\b', re.I)
TEXT_TYPES = {"text/html", "text/plain", "text/csv", "text/calendar", "application/json"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def body_text(response, spoken: list[str]) -> str:
    """What a person could read or hear in the response, whatever its format."""
    kind = response.mimetype
    data = response.get_data()
    if kind == "application/json":
        try:
            return json.dumps(json.loads(data), ensure_ascii=False)
        except ValueError:
            return data.decode("utf-8", "replace")
    if kind == "text/calendar":
        return data.decode("utf-8", "replace").replace("\r\n ", "").replace("\\,", ",")
    if kind in TEXT_TYPES:
        return html.unescape(data.decode("utf-8", "replace"))
    if kind == XLSX:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(
            " ".join("" if v is None else str(v) for v in row)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if kind == "application/pdf":
        if data not in _READ:
            from pypdf import PdfReader

            pages = PdfReader(io.BytesIO(data)).pages
            _READ[data] = "\n".join(p.extract_text() or "" for p in pages)
        return _READ[data]
    if kind.startswith("audio/"):
        return "\n".join(spoken)
    if kind == "application/zip":  # everything we hold about a person: its JSON part
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("everything.json").decode("utf-8")
    return ""


def listened_text(app, text: str) -> str:
    """The words behind every Listen link in the text (a Listen link carries its words)."""
    serializer = URLSafeSerializer(app.config["SECRET_KEY"], salt=LISTEN_SALT)
    found = []
    for token in LISTEN_RE.findall(text):
        try:
            found.append(str(serializer.loads(token)))
        except BadSignature:
            continue
    return "\n".join(found)


def squash(text: str) -> str:
    """No white space: words broken over lines (PDF, calendar) still match."""
    return re.sub(r"\s+", "", text)


def without_labels(text: str) -> str:
    """The page without its form labels: a score sheet lists every option of a scale."""
    return LABEL_RE.sub("", text)


def filled_in(text: str) -> bool:
    """True if a score sheet on the page has any answer or phrase already chosen."""
    return bool(FILLED_RE.search(text))


class WriteCounter:
    """Counts statements that may change rows, so unchanged data is not compared."""

    WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)

    def __init__(self, engine) -> None:
        self.engine = engine
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement, *_args) -> None:
        if self.WRITE.match(statement):
            self.count += 1

    def stop(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)


def photo_names(app) -> set[str]:
    folder = photos.folder_for(app.config["MEDIA_DIR"])
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


_MADE: dict = {}
_READ: dict = {}


def once(build):
    """``build`` remembered by its arguments: each PDF is made for real, once."""
    made = _MADE.setdefault(build, {})

    @functools.wraps(build)
    def wrapped(html_text, **kwargs):
        key = (html_text, tuple(sorted((k, str(v)) for k, v in kwargs.items())))
        if key not in made:
            made[key] = build(html_text, **kwargs)
        return made[key]

    return wrapped
