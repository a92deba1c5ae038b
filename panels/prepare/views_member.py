"""Preparing: the panel member's own pages, in easy-read with Listen (the privacy
agreement, Working with me, preparation meetings and their answer, training).

Each route is for the signed-in person's own place on the job's panel: no member id in
these addresses, so nobody can answer for someone else. Routes of ``views.bp``.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from panels.common.access import manages, my_place_or_404
from panels.common.forms import Problems, first_error_status
from panels.common.symbols import symbol_url as symbol_src
from panels.models.prepare import Answer
from panels.prepare import queries, service
from panels.prepare.forms import ANSWER_WORDS, KIND_WORDS, AgreeForm, AnswerForm, TrainingForm
from panels.prepare.pages import meeting_view, working_form
from panels.prepare.rules import AGREEMENT, agreement_text

CHOOSE_ANSWER = "Choose yes, no or not sure"
NOT_YOURS = "You can only answer for yourself. Nothing was changed."


def add_routes(bp: Blueprint) -> None:
    for rule, view, methods in (
        ("/jobs/<int:job_id>/privacy", privacy, ["GET"]),
        ("/jobs/<int:job_id>/privacy", agree, ["POST"]),
        ("/jobs/<int:job_id>/working-with-me", my_working, ["GET", "POST"]),
        ("/jobs/<int:job_id>/preparing", preparing, ["GET"]),
        ("/jobs/<int:job_id>/preparing/<int:meeting_id>", answer, ["POST"]),
        ("/jobs/<int:job_id>/preparing/training", add_training, ["POST"]),
    ):
        bp.add_url_rule(rule, view_func=login_required(view), methods=methods)


def _safe_next(job_id: int) -> str:
    target = request.args.get("next", "")
    if target.startswith(f"/jobs/{job_id}/") and "//" not in target and "\\" not in target:
        return target
    return url_for("jobs.show", job_id=job_id)


def _next_param(job_id: int) -> str | None:
    """The page to go on to, for the form's address: None when it is the job page."""
    target = _safe_next(job_id)
    return None if target == url_for("jobs.show", job_id=job_id) else target


def privacy(job_id: int):
    job, me = my_place_or_404(job_id)
    return _privacy_page(job, AgreeForm(), queries.agreement_of(me))


def _privacy_page(job, form, agreement, **problem):
    return render_template(
        "prepare/privacy.html",
        job=job,
        form=form,
        points=AGREEMENT,
        whole=agreement_text(),
        agreement=agreement,
        next_url=_safe_next(job.id),
        next_param=_next_param(job.id),
        symbol_src=symbol_src,
        **problem,
    )


def agree(job_id: int):
    job, me = my_place_or_404(job_id)
    form = AgreeForm()
    if not form.validate_on_submit():
        problem = "The page was open too long. Please say “I agree” again."
        return _privacy_page(job, form, None, problem=problem), 400
    service.agree(me)
    flash("Thank you. You agreed to keep candidates' information private.", "success")
    return redirect(_safe_next(job.id), 303)


def my_working(job_id: int):
    job, me = my_place_or_404(job_id)
    form = working_form(job, current_user)
    if form.validate_on_submit():
        service.save_working_with_me(
            job.organisation_id,
            current_user,
            form.helps.data or "",
            form.support_worker.data or "",
            current_user,
            job,
        )
        flash("Thank you. We have saved it.", "success")
        return redirect(url_for("prepare.my_working", job_id=job.id), 303)
    return render_template(
        "prepare/my_working.html", job=job, form=form, symbol_src=symbol_src
    ), first_error_status(form)


def _preparing_page(job, me, answer_form=None, training_form=None, status=200, failed=None):
    replies = queries.my_replies(job, me)
    meetings = [meeting_view(job, m) for m in queries.meetings(job)]
    return render_template(
        "prepare/preparing.html",
        job=job,
        me=me,
        meetings=meetings,
        replies=replies,
        answer_words=ANSWER_WORDS,
        kind_words=KIND_WORDS,
        answer_form=answer_form or AnswerForm(),
        training_form=training_form or TrainingForm(),
        training=queries.training(job.organisation_id, me.user_id),
        symbol_src=symbol_src,
        manage=manages(job),
        failed=failed,
        problems=Problems(),
        answer_problem=CHOOSE_ANSWER,
    ), status


def preparing(job_id: int):
    job, me = my_place_or_404(job_id)
    return _preparing_page(job, me)


def answer(job_id: int, meeting_id: int):
    job, me = my_place_or_404(job_id)
    meeting = queries.meeting_of(job, meeting_id)
    if meeting is None:
        abort(404)
    form = AnswerForm()
    if form.member.data and form.member.data != str(me.id):
        return render_template("error.html", heading="Not your answer", message=NOT_YOURS), 403
    if not form.validate_on_submit():
        return _preparing_page(job, me, answer_form=form, status=400, failed=meeting.id)
    service.answer(meeting, me, Answer(form.answer.data).value)
    flash("Thank you. We have your answer.", "success")
    return redirect(
        url_for("prepare.preparing", job_id=job.id, _anchor=f"meeting-{meeting.id}"), 303
    )


def add_training(job_id: int):
    job, me = my_place_or_404(job_id)
    form = TrainingForm()
    if not form.validate_on_submit():
        return _preparing_page(job, me, training_form=form, status=400)
    assert form.day.data is not None  # validated
    service.add_training(
        job.organisation_id, current_user, form.kind.data, form.what.data or "", form.day.data, job
    )
    flash("Thank you. We have saved it.", "success")
    return redirect(url_for("prepare.preparing", job_id=job.id, _anchor="training"), 303)
