"""The questions list, the editor with easy-read advice, the order, and the banks."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from panels.common.access import job_or_404, manages, membership
from panels.common.forms import PanelChoice, add_error, first_error_status
from panels.common.jsonbody import JsonBodyError, json_body
from panels.lib import easyread
from panels.models import Job, Question
from panels.questions import queries, service
from panels.questions import text as text_rules
from panels.questions.agreement import RULE_TEXT, tally
from panels.questions.forms import BankPickForm, QuestionForm
from panels.questions.views_common import Routes, question_seen_or_404, reports

routes = Routes()


def _form_values(form: QuestionForm) -> dict:
    minutes = form.answer_minutes.data
    assert minutes is not None  # required
    return {
        "easy_read": form.easy_read.data or "",
        "follow_up": form.follow_up.data or "",
        "good_answer": form.good_answer.data or "",
        "standard": form.standard.data or "",
        "answer_minutes": float(minutes),
        "asker_id": form.asker.data or None,
        "scored": bool(form.scored.data),
        "overall": bool(form.overall.data),
        "kind": form.kind.data or "question",
        "look_for": "\n".join(
            line.strip() for line in (form.look_for.data or "").splitlines() if line.strip()
        ),
        "panel_id": form.panel.data,
    }


@routes("/jobs/<int:job_id>/questions")
@login_required
def index(job_id: int):
    job = job_or_404(job_id)
    me = membership(job)
    questions = queries.marking_list(job, me, sees_all=manages(job))
    ids = queries.member_ids_by_panel(job)
    counts = {
        q.id: tally({m.member_id: m.mark for m in q.marks}, ids.get(q.panel_id, []))
        for q in questions
    }
    speech = None
    if manages(job):
        from panels.audio.service import speech_status

        speech = speech_status()
    return render_template(
        "questions/index.html",
        job=job,
        me=me,
        questions=questions,
        counts=counts,
        speech=speech,
        rule_text=RULE_TEXT,
    )


def _editor(job: Job, question: Question | None = None):
    form = QuestionForm(obj=None if request.method == "POST" or question is None else question)
    if request.method == "GET" and question is not None:
        form.asker.data = question.asker_id or 0
    form.set_askers(job.members, job.panels)
    current = question.panel_id if question is not None else _panel_asked(job)
    PanelChoice(job.panels, current).fill(form.panel, posted=request.method == "POST")
    if form.kind.data == "activity":
        form.easy_read.label.text = "The activity, in easy-read"
        form.easy_read.description = "What happens, in short sentences and everyday words."
    found = None
    if request.method == "POST":
        valid = form.validate_on_submit()
        not_own = _not_own_panel(job, form.panel.data) if valid else ""
        if not_own:
            add_error(form.panel, not_own)
            valid = False
        other_room = _asker_elsewhere(job, form.asker.data, form.panel.data) if valid else ""
        if other_room:
            add_error(form.asker, other_room)
            valid = False
        if valid and request.form.get("action") != "check":
            return _save(job, question, form)
        if valid:
            found = reports(form.data)
    status = first_error_status(form)
    return render_template(
        "questions/edit.html", job=job, question=question, form=form, reports=found
    ), status


def _panel_asked(job: Job) -> int | None:
    """A new question's panel from ``?panel=`` (the list of that panel), if it is one."""
    wanted = request.args.get("panel", "")
    return next((p.id for p in job.panels if str(p.id) == wanted), None)


def _asker_elsewhere(job: Job, asker_id: int | None, panel_id: int | None) -> str:
    """Why this person cannot ask this question ("" if they can): the asker sits on the
    question's panel, in its room."""
    asker = next((m for m in job.members if m.id == asker_id), None)
    if asker is None or len(job.panels) < 2 or asker.panel_id == panel_id:
        return ""
    panel = next((p.name for p in job.panels if p.id == panel_id), "the question's panel")
    return f"{asker.user.name} is on another panel. Choose someone on {panel} to ask it"


def _not_own_panel(job: Job, panel_id: int | None) -> str:
    """Why this person may not put a question on that panel ("" if they may): a panel
    member writes their own panel's questions; the coordinator any panel's."""
    me = membership(job)
    if me is None or manages(job) or len(job.panels) < 2 or panel_id == me.panel_id:
        return ""
    own = next((p.name for p in job.panels if p.id == me.panel_id), "your panel")
    return f"You can add questions to your own panel only: {own}. Choose {own}"


SCORED_ON_PANEL = "Panel members have scored this already, so it stays on its panel."


def _save(job: Job, question: Question | None, form: QuestionForm):
    try:
        saved = service.save_question(job, current_user, question, _form_values(form))
    except service.ScoredOnItsPanel:
        add_error(form.panel, SCORED_ON_PANEL)
        return render_template(
            "questions/edit.html", job=job, question=question, form=form, reports=None
        ), 409
    if question is None:
        what = "Activity" if saved.is_activity else "Question"
        flash(f"{what} added. Read the advice below, then choose a picture.", "success")
    else:
        flash("Activity saved." if saved.is_activity else "Question saved.", "success")
    return redirect(url_for("questions.show", job_id=job.id, question_id=saved.id))


@routes("/jobs/<int:job_id>/questions/new", methods=["GET", "POST"])
@login_required
def new(job_id: int):
    return _editor(job_or_404(job_id))


@routes("/jobs/<int:job_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
@login_required
def edit(job_id: int, question_id: int):
    job = job_or_404(job_id)
    return _editor(job, question_seen_or_404(job, question_id))


@routes("/jobs/<int:job_id>/questions/check", methods=["POST"])
@login_required
def check(job_id: int):
    """JSON: the checker's findings for text being typed (advice only)."""
    job_or_404(job_id)
    try:
        text = json_body(expect=dict).get("text")
    except JsonBodyError as error:
        return jsonify(error=error.message), 400
    if not isinstance(text, str):
        return jsonify(error="Send the words to check."), 400
    if len(text) > text_rules.STANDARD_MAX:
        return jsonify(error="The words are too long to check."), 400
    result = easyread.check(text).as_dict()
    result["blocking"] = text_rules.problem(text, "The text")
    return jsonify(result)


@routes("/jobs/<int:job_id>/questions/<int:question_id>/move", methods=["POST"])
@login_required
def move(job_id: int, question_id: int):
    job = job_or_404(job_id)
    question = question_seen_or_404(job, question_id)
    direction = request.form.get("direction", "")
    if direction not in ("up", "down"):
        abort(400)
    service.move(job, question, direction)
    return redirect(url_for("questions.index", job_id=job.id) + f"#question-{question.id}")


@routes("/jobs/<int:job_id>/questions/bank", methods=["GET", "POST"])
@login_required
def bank(job_id: int):
    job = job_or_404(job_id)
    chosen = queries.bank_by_key(request.values.get("bank", ""))
    if request.values.get("bank") and chosen is None:
        abort(404)
    form = BankPickForm()
    if chosen is not None:
        form.keys.choices = [(q.key, q.easy_read) for q in chosen.questions]
    if chosen is not None and request.method == "POST":
        if form.validate_on_submit():
            made = service.copy_chosen(job, current_user, chosen, form.keys.data or [])
            flash(f"{len(made)} questions added to your list as drafts.", "success")
            return redirect(url_for("questions.index", job_id=job.id))
    elif request.method == "POST":
        abort(400)
    return render_template(
        "questions/bank.html",
        job=job,
        banks=queries.shipped_banks(),
        bank=chosen,
        form=form,
        have=queries.bank_sources(job),
    ), first_error_status(form)
