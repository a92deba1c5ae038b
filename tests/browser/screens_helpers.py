"""Helpers for the browser tests of issue 17: a job of their own, boxes in the viewport."""

from __future__ import annotations

import itertools
from datetime import date, time

from sqlalchemy import select

from panels.db import db
from panels.invitations import queries as invitation_queries
from panels.invitations import service as invitations
from panels.models import Candidate, Job, PanelMember, Question, User
from tests.prepare_helpers import agree_all

_refs = itertools.count(1)
EMAILS = ("coordinator@example.org", "sam@example.org", "jo@example.org")


def make_job(live_app) -> dict:
    """3 panel members (Alex on 1 to 5, Sam and Jo on faces), 2 candidates, 3 questions."""
    with live_app.app_context():
        coordinator = db.session.scalar(select(User).where(User.email == EMAILS[0]))
        job = Job(
            ref=f"SCREENS-{next(_refs)}",
            title="Garden helper",
            interview_date=date(2026, 12, 21),
            start_time=time(10, 0),
            place="Community Hub\n12 High Street\nLeeds LS1 1AA",
            contact="Alex Morgan, 0113 496 0000",
            created_by_id=coordinator.id,
            organisation_id=coordinator.org_memberships[0].organisation_id,  # the demo's
        )
        db.session.add(job)
        members = []
        for n, email in enumerate(EMAILS, start=1):
            user = db.session.scalar(select(User).where(User.email == email))
            member = PanelMember(job=job, user=user, key=f"p{n}")
            db.session.add(member)
            members.append(member)
        candidates = [
            Candidate(job=job, key=f"c{n}", name=name, position=n)
            for n, name in enumerate(("Lee Brown", "Ana Silva"), start=1)
        ]
        db.session.add_all(candidates)
        texts = (
            ("Tell us about yourself.", "1F44B", "What do you like doing?"),
            ("Why do you want to work here?", "1F91D", ""),
            ("A person is upset. What do you do?", "", "Can you tell us more?"),
        )
        questions = []
        for n, (text, picture, follow_up) in enumerate(texts, start=1):
            q = Question(
                job=job,
                key=f"q{n}",
                position=n,
                easy_read=text,
                picture=picture,
                follow_up=follow_up,
                asker=members[n - 1],
                status="agreed",
            )
            db.session.add(q)
            questions.append(q)
        agree_all(job)  # the panel agreed to keep candidates' information private
        db.session.commit()
        links = {}
        for c in candidates:
            invitation = invitations.invitation_for(c)
            db.session.commit()
            token = invitation_queries.token_for(live_app.config["SECRET_KEY"], invitation)
            links[c.key] = f"/invite/{token}"
        return {
            "job": job.id,
            "c1": candidates[0].id,
            "c2": candidates[1].id,
            "q1": questions[0].id,
            "links": links,
        }


def box_in_viewport(page, locator) -> tuple[bool, dict]:
    """Whether the element's whole bounding box is on screen without scrolling."""
    locator.wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    box = locator.bounding_box()
    view = page.viewport_size
    inside = (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= view["width"] + 0.5
        and box["y"] + box["height"] <= view["height"] + 0.5
    )
    return inside, box or {}


def assert_in_viewport(page, locator, what: str) -> None:
    inside, box = box_in_viewport(page, locator)
    assert inside, f"{what} is not in the viewport {page.viewport_size}: {box}"


SMALL_TARGETS_JS = """
() => {
  const out = [];
  const seen = new Set();
  const sel = 'button, a.button, summary, input[type=radio], input[type=checkbox],'
    + ' label.radio-label, label.checkbox-label, .nav a, .back-link, .footer-links a,'
    + ' .task-links a, .invite-tool-links a, .invite-jump, .live-links a, .q-actions a';
  for (const el of document.querySelectorAll(sel)) {
    if (seen.has(el)) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('[hidden]')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;  // not shown (closed details, hidden)
    if (el.classList.contains('tile-input')) continue;  // covered by its big tile label
    if (r.width < 43.5 || r.height < 43.5) {
      const name = (el.innerText || el.value || el.id || '').trim().slice(0, 40);
      const size = `${Math.round(r.width)}x${Math.round(r.height)}`;
      out.push(`${el.tagName.toLowerCase()} "${name}" ${size}`);
    }
  }
  return out;
}
"""


def small_targets(page) -> list[str]:
    """Targets (buttons, links outside text, radios and checkboxes with labels) below 44 px."""
    return page.evaluate(SMALL_TARGETS_JS)
