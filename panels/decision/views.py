"""The decision meeting: the screen every panel member sees, the coordinator's proposals,
members' answers, "what happened" afterwards and the three questions about the day."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from panels.common.access import (
    candidate_or_404,
    coordinator_required,
    current_org_id,
    job_or_404,
    manages,
    membership,
)
from panels.common.downloads import download
from panels.common.forms import Problems
from panels.common.sections import Section
from panels.decision import content, queries, rules, service
from panels.decision.service import AnswerIn, DecisionIn, DecisionProblem
from panels.invitations import queries as invitation_queries
from panels.lib import easyread
from panels.lib.decisions import (
    ANSWER_SYMBOLS,
    ANSWER_WORDS,
    PHRASE_WORDS,
    PROPOSAL_WORDS,
    Answer,
    Phrase,
    Proposal,
)
from panels.questions.pictures import symbol_url
from panels.scoring.combine import format_score
from panels.scoring.scales import FACES3
from panels.scoring.sheets import is_closed, record_view

bp = Blueprint("decision", __name__)

NOT_ON_A_PANEL = (
    "Only panel members answer the plan. You are not on a panel of this job, "
    "so your answer is not saved. Panel members answer on their own tablets."
)
MEMBERS_ASKED = (
    "Panel members answer these three questions here. Candidates answer them from their "
    "invitation. Coordinators see everyone's answers on How the day went."
)

WORDS = {
    "proposals": PROPOSAL_WORDS,
    "answers": ANSWER_WORDS,
    "answer_symbols": ANSWER_SYMBOLS,
    "phrases": PHRASE_WORDS,
    "Answer": Answer,
    "Phrase": Phrase,
    "Proposal": Proposal,
    "faces": FACES3.options,
    "feedback_questions": rules.FEEDBACK_QUESTIONS,
    "fmt": format_score,
    "symbol": symbol_url,
    "words": content,
}


def job_page_section(job, me, user):
    meeting = service.meeting_of(job.id)
    if not manages(job, user) and me is None:
        return None
    if me is not None and not manages(job, user) and meeting is None:
        return None
    links = [("The decision meeting", url_for("decision.meeting", job_id=job.id))]
    if meeting is not None and meeting.released_at is not None:
        links.append(("What happened", url_for("decision.happened", job_id=job.id)))
    if manages(job, user):
        links.append(("How the day went", url_for("decision.answers", job_id=job.id)))
        links.append(("How well we share power, all jobs", url_for("decision.report")))
    status = (
        "Not started"
        if meeting is None
        else "Shared with the panel"
        if meeting.released_at
        else "Meeting open"
    )
    return Section(
        "The decision",
        links,
        "The panel decides together after scoring closes.",
        order=55,
        status=status,
        done=bool(meeting and meeting.released_at),
    )


def _page(template: str, status: int = 200, **context):
    return render_template(template, **WORDS, **context), status


def _problem(problem: DecisionProblem) -> Problems:
    return Problems({problem.field: str(problem)})


@bp.route("/jobs/<int:job_id>/decision")
@login_required
def meeting(job_id: int):
    job = job_or_404(job_id)
    return _meeting_page(job, Problems(), 200)


def _meeting_page(job, problems: Problems, status: int):
    opened = service.meeting_of(job.id)
    me = membership(job)
    coordinator = manages(job)
    if opened is None:
        closed = is_closed(job.id)
        return _page(
            "decision/waiting.html", status, job=job, coordinator=coordinator, closed=closed,
            form=problems,
        )  # fmt: skip
    data = service.meeting(job)
    html, code = _page(
        "decision/meeting.html", status, job=job, m=data, me=me, coordinator=coordinator,
        opened=opened, form=problems,
    )  # fmt: skip
    record_view(current_user, job.id, None, "decision meeting")
    return html, code


@bp.route("/jobs/<int:job_id>/decision/open", methods=["POST"])
@coordinator_required
def open_meeting(job_id: int):
    return _meeting_step(job_id, service.open_meeting, "The decision meeting is open.")


def _meeting_step(job_id: int, step, done: str):
    """A coordinator's step for the whole meeting (``step(job, by)``): a problem shows the
    meeting page again with it, else ``done`` is said on the meeting page."""
    job = job_or_404(job_id, manage=True)
    try:
        step(job, current_user.id)
    except DecisionProblem as problem:
        return _meeting_page(job, _problem(problem), problem.status)
    flash(done, "success")
    return redirect(url_for("decision.meeting", job_id=job.id))


@bp.route("/jobs/<int:job_id>/decision/<int:candidate_id>")
@login_required
def candidate(job_id: int, candidate_id: int):
    job = job_or_404(job_id)
    person = candidate_or_404(job, candidate_id)
    return _candidate_page(job, person, Problems(), 200)


def _candidate_page(job, person, problems: Problems, status: int, kept: dict | None = None):
    opened = service.meeting_of(job.id)
    if opened is None:  # the page says the meeting has not started
        return _meeting_page(job, problems, status)
    data = service.meeting(job)
    view = data.candidate(person.id)
    me = membership(job)
    mine = view.answers.get(me.id) if me is not None else None
    everyone = len(view.answers) >= len(data.data.members)
    released = bool(opened.released_at)
    sees = rules.may_see_answers(me is not None, mine is not None, everyone, released)
    html, code = _page(
        "decision/candidate.html", status, job=job, m=data, v=view, me=me, mine=mine,
        sees=sees, coordinator=manages(job), opened=opened, form=problems, kept=kept or {},
        tally=rules.tally([a.answer for a in view.answers.values()], len(data.data.members)),
    )  # fmt: skip
    record_view(current_user, job.id, person, "decision meeting")
    return html, code


@bp.route("/jobs/<int:job_id>/decision/<int:candidate_id>", methods=["POST"])
@coordinator_required
def decide(job_id: int, candidate_id: int):
    job = job_or_404(job_id, manage=True)
    person = candidate_or_404(job, candidate_id)
    form = request.form
    given = DecisionIn(
        proposal=form.get("proposal"),
        reason=form.get("reason"),
        change=form.get("action") == "change",
        change_reason=form.get("change_reason"),
    )
    return _candidate_step(
        job,
        person,
        lambda: service.decide(job, person, given, current_user.id),
        (f"The decision for {person.name} is saved.", "success"),
        (_reason_hint(given.reason), "info"),
    )


def _candidate_step(job, person, step, *said: tuple[str, str]):
    """Does ``step`` for one candidate: a problem shows their page again with it (what was
    sent kept), else each of ``said`` that has words is said on their page."""
    try:
        step()
    except DecisionProblem as problem:
        return _candidate_page(job, person, _problem(problem), problem.status, dict(request.form))
    for words, category in said:
        if words:
            flash(words, category)
    return redirect(url_for("decision.candidate", job_id=job.id, candidate_id=person.id))


def _reason_hint(reason: str | None) -> str:
    """Panel members read the reason: say in plain words how to make it easier to read."""
    problems = easyread.check((reason or "").strip()).problems
    if not problems:
        return ""
    return "Panel members will read the reason. To make it easier to read: " + problems[0].message


@bp.route("/jobs/<int:job_id>/decision/<int:candidate_id>/answer", methods=["POST"])
@login_required
def answer(job_id: int, candidate_id: int):
    job = job_or_404(job_id)
    person = candidate_or_404(job, candidate_id)
    me = membership(job)
    if me is None:  # a coordinator (or anyone) not on a panel of this job: said plainly
        field = "answer" if service.meeting_of(job.id) is not None else "meeting"
        problem = DecisionProblem(field, NOT_ON_A_PANEL, 403)
        return _candidate_page(job, person, _problem(problem), problem.status)
    form = request.form
    given = AnswerIn(form.get("answer"), form.get("phrase"), form.get("note"))
    return _candidate_step(
        job,
        person,
        lambda: service.answer(job, person, me, given),
        ("Your answer is saved. Now you can see everyone's answers.", "success"),
    )


@bp.route("/jobs/<int:job_id>/decision/release", methods=["POST"])
@coordinator_required
def release(job_id: int):
    return _meeting_step(job_id, service.release, "Panel members can now see what happened.")


@bp.route("/jobs/<int:job_id>/decision/what-happened")
@login_required
def happened(job_id: int):
    job = job_or_404(job_id)
    opened = service.meeting_of(job.id)
    if opened is None or opened.released_at is None:
        return _page("decision/happened.html", 200, job=job, outcome=None)
    outcome = queries.outcome(job)
    me = membership(job)
    answered = me is not None and service.feedback_of(job.id, member_id=me.id) is not None
    lived_word = content.lived_word(len(job.panels), any(p.lived_experience for p in job.panels))
    return _page(
        "decision/happened.html", job=job, outcome=outcome, me=me, answered=answered,
        form=Problems(), lived_word=lived_word,
    )  # fmt: skip


@bp.route("/jobs/<int:job_id>/decision/how-it-went", methods=["GET", "POST"])
@login_required
def feedback(job_id: int):
    job = job_or_404(job_id)
    me = membership(job)
    if me is None:
        page = render_template(
            "error.html", heading="These questions are for panel members", message=MEMBERS_ASKED
        )
        return page, 403
    return _feedback_page(
        job,
        {"member_id": me.id},
        url_for("decision.feedback", job_id=job.id),
        url_for("jobs.show", job_id=job.id),
        "Thank you. Your answers are saved.",
    )


def _feedback_page(job, whose: dict[str, int], action: str, back: str, thanks: str = ""):
    """The three questions for a panel member or a candidate (``whose``: ``member_id`` or
    ``candidate_id``); saved answers go back to ``action``, saying ``thanks`` if given."""
    problems, status = Problems(), 200
    done = service.feedback_of(job.id, **whose) is not None
    if request.method == "POST":
        try:
            service.give_feedback(job.id, dict(request.form), **whose)
        except DecisionProblem as problem:
            problems, status = _problem(problem), problem.status
        else:
            if thanks:
                flash(thanks, "success")
            return redirect(action)
    return _page(
        "decision/feedback.html", status, job=job, form=problems, done=done, action=action,
        kept=dict(request.form), back=back,
    )  # fmt: skip


def day_feedback_link(token: str) -> str:
    """On a candidate's invitation page: the three questions, once scoring has closed."""
    opened = invitation_queries.open_link(current_app.config["SECRET_KEY"], token)
    if opened.status != 200 or opened.invitation is None:
        return ""
    if not is_closed(opened.invitation.candidate.job_id):
        return ""
    return url_for("decision.candidate_feedback", token=token)


@bp.route("/invite/<token>/how-it-went", methods=["GET", "POST"])
def candidate_feedback(token: str):
    opened = invitation_queries.open_link(current_app.config["SECRET_KEY"], token)
    if opened.status != 200 or opened.invitation is None:
        abort(404 if opened.status != 410 else 410)
    person = opened.invitation.candidate
    return _feedback_page(
        person.job,
        {"candidate_id": person.id},
        url_for("decision.candidate_feedback", token=token),
        url_for("invitations.page", token=token),
    )


@bp.route("/jobs/<int:job_id>/decision/answers")
@coordinator_required
def answers(job_id: int):
    job = job_or_404(job_id, manage=True)
    rows = queries.feedback_rows(job.id)
    return _page("decision/answers.html", job=job, rows=rows)


def _org() -> int:
    organisation_id = current_org_id()
    if organisation_id is None:
        abort(404)
    return organisation_id


@bp.route("/organisation/sharing-power")
@coordinator_required
def report():
    outcomes = queries.outcomes(_org())
    return _page("decision/report.html", outcomes=outcomes, report=rules.report(outcomes))


@bp.route("/organisation/sharing-power.csv")
@coordinator_required
def report_csv():
    text = rules.report_csv(queries.outcomes(_org()))
    return download(text, "sharing-power.csv", "text/csv")
