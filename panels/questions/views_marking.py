"""One question: everyone's marks (keep, change, take out), suggested words, decisions."""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from panels.common.access import job_or_404, membership
from panels.models import Job, PanelMember, Question
from panels.questions import queries, service
from panels.questions.agreement import MARK_WORDS, MEETING_DECISIONS, RULE_TEXT, tally
from panels.questions.forms import MarkForm
from panels.questions.views_common import (
    CHECKED_FIELDS,
    Routes,
    question_seen_or_404,
    reports,
)

routes = Routes()
NOT_YOUR_PANEL = "This question is for another panel of the job. Its own members agree it."


def _on_panel_or_403(job: Job, question: Question) -> PanelMember:
    """The signed-in member, if they agree this question (they sit on its panel)."""
    me = membership(job)
    if me is None:
        abort(403)
    if not queries.marks_it(me, question):
        page = render_template(
            "error.html", heading="This is for another panel", message=NOT_YOUR_PANEL
        )
        abort(make_response(page, 403))
    return me


def _back(job: Job, question: Question):
    return redirect(url_for("questions.show", job_id=job.id, question_id=question.id))


@routes("/jobs/<int:job_id>/questions/<int:question_id>")
@login_required
def show(job_id: int, question_id: int):
    job = job_or_404(job_id)
    question = question_seen_or_404(job, question_id)
    me = membership(job)
    mine = next((m for m in question.marks if me and m.member_id == me.id), None)
    form = MarkForm(obj=mine)
    return _show(job, question, me, form)


def _show(job: Job, question: Question, me: PanelMember | None, form: MarkForm, status: int = 200):
    elsewhere = me is not None and not queries.marks_it(me, question)
    me = None if elsewhere else me  # a coordinator on another panel sees, never marks
    changes = queries.changes_for(question)
    names = queries.user_names({c.by_id for c in changes if c.by_id})
    marks = sorted(question.marks, key=lambda m: m.member.user.name)
    marked = {m.member_id for m in marks}
    waiting = [m for m in job.members if m.id not in marked and m.panel_id == question.panel_id]
    mine = next((m for m in marks if me and m.member_id == me.id), None)
    return render_template(
        "questions/show.html",
        job=job,
        question=question,
        me=me,
        elsewhere=elsewhere,
        mine=mine,
        form=form,
        marks=marks,
        waiting=waiting,
        counts=tally({m.member_id: m.mark for m in marks}, queries.panel_member_ids(question)),
        reports=reports({n: getattr(question, n) for n in CHECKED_FIELDS}),
        changes=changes,
        names=names,
        mark_words=MARK_WORDS,
        rule_text=RULE_TEXT,
        decisions=MEETING_DECISIONS,
    ), status


@routes("/jobs/<int:job_id>/questions/<int:question_id>/mark", methods=["POST"])
@login_required
def mark(job_id: int, question_id: int):
    job = job_or_404(job_id)
    question = question_seen_or_404(job, question_id)
    me = _on_panel_or_403(job, question)
    form = MarkForm()
    if not form.validate_on_submit():
        return _show(job, question, me, form, 400)
    service.set_mark(question, me, form.mark.data, form.suggestion.data or "")
    flash(f"Your mark is saved: {MARK_WORDS[form.mark.data]}.", "success")
    return _back(job, question)


@routes("/jobs/<int:job_id>/questions/<int:question_id>/accept/<int:mark_id>", methods=["POST"])
@login_required
def accept(job_id: int, question_id: int, mark_id: int):
    """Any panel member may use a suggested wording."""
    job = job_or_404(job_id)
    question = question_seen_or_404(job, question_id)
    _on_panel_or_403(job, question)
    chosen = queries.suggestion_or_none(question, mark_id)
    if chosen is None:
        abort(404)
    service.accept_suggestion(question, chosen, current_user)
    flash("The new words are in. Everyone marks the question again.", "success")
    return _back(job, question)


@routes("/jobs/<int:job_id>/questions/<int:question_id>/decide", methods=["POST"])
@login_required
def decide(job_id: int, question_id: int):
    """Record what the whole panel decided together at a meeting."""
    job = job_or_404(job_id)
    question = question_seen_or_404(job, question_id)
    _on_panel_or_403(job, question)
    decision = request.form.get("decision", "")
    if decision not in MEETING_DECISIONS:
        abort(400)
    service.meeting_decision(question, decision, current_user)
    flash("The panel's decision is saved.", "success")
    return _back(job, question)
