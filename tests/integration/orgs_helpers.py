"""Two organisations on one installation, for the organisation tests.

Alpha Trust (A): Alex (admin, on job A's panel), Cleo (coordinator, not on the panel);
job A with Sam on its panel (a photo he lets candidates see), candidates Ruth and Dan, an
agreed question with a photo, Sam's mark on it, Alex's sent scores for Ruth, Ruth's
invitation and a sign-in link for Sam.

Beta Care (B): Bea (admin, not on the panel); job B with Olu on its panel, candidate Mei,
a question and Mei's invitation. Job B has the same reference as job A: references are
unique only within an organisation.

Every name that belongs to A carries "Alpha", so a page that shows A's data to someone
of B can be caught whatever it is.
"""

from __future__ import annotations

import io
from datetime import date, time

from flask import current_app
from PIL import Image

from panels.auth import service as auth_service
from panels.common.storage import put_photo
from panels.db import db
from panels.invitations import queries as invitation_queries
from panels.invitations import service as invitations
from panels.models import (
    Expense,
    Organisation,
    OrgMembership,
    OrgRole,
    PayClaim,
    PrepMeeting,
    QuestionMark,
    Score,
    ScoreSheet,
    SupportedProfile,
    TimeEntry,
    User,
)
from panels.models.base import utcnow
from panels.questions import service as questions
from tests.conftest import make_job, make_user
from tests.integration.mail_matrix_helpers import add_messages

SAME_REF = "SW-2027-01"
A_WORDS = (
    "Alpha Trust",
    "Alphaline",
    "Alex Alphaadmin",
    "Cleo Alphacoord",
    "Sam Alphamember",
    "Ruth Alphacand",
    "Dan Alphacand",
    "QTEXT-ALPHA",
    "alpha.example",
)


def png(colour=(30, 90, 160)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), colour).save(out, "PNG")
    return out.getvalue()


def organisation(name: str, slug: str) -> Organisation:
    org = Organisation(name=name, slug=slug)
    db.session.add(org)
    db.session.flush()
    return org


def coordinator(name: str, email: str, org: Organisation, role: OrgRole) -> User:
    user = make_user(name, email)
    db.session.add(OrgMembership(user=user, organisation=org, role=role.value))
    db.session.flush()
    return user


def two_organisations() -> dict:
    """Build both organisations (committed); returns their ids, tokens and file names."""
    org_a = organisation("Alpha Trust", "alpha")
    org_b = organisation("Beta Care", "beta")
    alex = coordinator("Alex Alphaadmin", "alex@alpha.example", org_a, OrgRole.ADMIN)
    cleo = coordinator("Cleo Alphacoord", "cleo@alpha.example", org_a, OrgRole.COORDINATOR)
    bea = coordinator("Bea Betaadmin", "bea@beta.example", org_b, OrgRole.ADMIN)
    sam = make_user("Sam Alphamember", "sam@alpha.example")
    sam.photo, sam.photo_consent = put_photo(png()), True
    olu = make_user("Olu Betamember", "olu@beta.example")
    job_a = make_job(
        SAME_REF, "Alphaline worker", [alex, sam], ["Ruth Alphacand", "Dan Alphacand"],
        organisation=org_a, place="Alpha Hall",
    )  # fmt: skip
    job_b = make_job(SAME_REF, "Betaline worker", [olu], ["Mei Betacand"], organisation=org_b)
    q_a = questions.add_question(job_a, alex, easy_read="QTEXT-ALPHA: what do you like?")
    q_a.photo = put_photo(png((200, 40, 40)))
    q_a.status, q_a.scored = "agreed", True
    q_b = questions.add_question(job_b, bea, easy_read="What do you enjoy?")
    db.session.flush()
    m_sam = next(m for m in job_a.members if m.user_id == sam.id)
    mark = QuestionMark(question_id=q_a.id, member_id=m_sam.id, mark="change", suggestion="Hi")
    db.session.add(mark)
    ruth, mei = job_a.candidates[0], job_b.candidates[0]
    m_alex = next(m for m in job_a.members if m.user_id == alex.id)
    sent = ScoreSheet(
        job_id=job_a.id, candidate_id=ruth.id, member_id=m_alex.id, status="submitted",
        submitted_at=utcnow(), version=1,
    )  # fmt: skip
    sent.scores = [Score(question_id=q_a.id, value=4, dont_know=False)]
    db.session.add(sent)
    secret = current_app.config["SECRET_KEY"]
    invite_a = invitation_queries.token_for(secret, invitations.invitation_for(ruth))
    invite_b = invitation_queries.token_for(secret, invitations.invitation_for(mei))
    link_sam, _row = auth_service.make_sign_in_link(sam, alex)
    pay_a = _pay(m_sam, "Alpha")
    pay_b = _pay(job_b.members[0], "Beta")
    mail = add_messages(job_a, job_b)
    prep_a, prep_b = _prepare(job_a), _prepare(job_b)
    shortlisting = _shortlisting(job_a, job_b)
    db.session.commit()
    return {
        **shortlisting,
        "org_a": org_a.id,
        "org_b": org_b.id,
        "alex": alex.id,
        "cleo": cleo.id,
        "bea": bea.id,
        "sam": sam.id,
        "olu": olu.id,
        "job_a": job_a.id,
        "job_b": job_b.id,
        "m_sam": m_sam.id,
        "m_olu": job_b.members[0].id,
        "panel_a": job_a.panels[0].id,
        "panel_b": job_b.panels[0].id,
        "ruth": ruth.id,
        "mei": mei.id,
        "q_a": q_a.id,
        "q_b": q_b.id,
        "mark": mark.id,
        "cleo_membership": cleo.org_memberships[0].id,
        "bea_membership": bea.org_memberships[0].id,
        "invite_a": invite_a,
        "invite_b": invite_b,
        "link_sam": link_sam,
        "photo_q_a": q_a.photo,
        "photo_sam": sam.photo,
        "entry_a": pay_a[0].id,
        "entry_b": pay_b[0].id,
        "expense_a": pay_a[1].id,
        "expense_b": pay_b[1].id,
        "message_a": mail["message"],
        "message_b": mail["message_b"],
        "meeting_a": prep_a[0].id,
        "meeting_b": prep_b[0].id,
        "profile_a": prep_a[1].id,
        "profile_b": prep_b[1].id,
    }


def _prepare(job) -> tuple[PrepMeeting, SupportedProfile]:
    """A preparation meeting and a profile with a photo (panels/prepare)."""
    meeting = PrepMeeting(
        job_id=job.id, day=date(2026, 11, 20), start_time=time(10, 0), what="Practise, 20 minutes"
    )
    profile = SupportedProfile(
        job_id=job.id,
        name="Aisha",
        words="I like music.",
        photo=put_photo(png()),
        consent_by="Aisha",
    )
    db.session.add_all([meeting, profile])
    db.session.flush()
    return meeting, profile


def _pay(member, words: str) -> tuple[TimeEntry, Expense]:
    """A pay claim: a time entry and a bus fare with a receipt photo."""
    claim = PayClaim(job_id=member.job_id, member_id=member.id, time_check="unseen",
                     choice="charity", charity=f"{words} Charity")  # fmt: skip
    entry = TimeEntry(
        claim=claim, job_id=member.job_id, kind="preparation", day=date(2026, 12, 8),
        start_time=time(10, 0), end_time=time(12, 0), what=f"{words} preparation",
    )  # fmt: skip
    expense = Expense(
        claim=claim, job_id=member.job_id, kind="fare", day=date(2026, 12, 15),
        amount_pence=350, receipt=put_photo(png((5, 5, 5))), decision="waiting",
    )  # fmt: skip
    db.session.add_all([claim, entry, expense])
    db.session.flush()
    return entry, expense


def _shortlisting(job_a, job_b) -> dict:
    """An agreed quality and a sent application in each organisation's job."""
    from tests.integration import shortlist_helpers

    (quality_a,) = shortlist_helpers.agreed_qualities(job_a.id, ("Listens to me",))
    (quality_b,) = shortlist_helpers.agreed_qualities(job_b.id, ("Lets me choose",))
    app_a = shortlist_helpers.application(job_a.id, 1, "Ann Applicant", ("I care.",), phone="")
    app_b = shortlist_helpers.application(job_b.id, 1, "Ben Applicant", ("I help.",), phone="")
    return {"quality_a": quality_a, "quality_b": quality_b, "app_a": app_a.id, "app_b": app_b.id}
