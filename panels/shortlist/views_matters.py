"""What matters to us: the job in short and the qualities, agreed by the panel as equals."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from panels.common.access import coordinator_required, job_or_404, membership
from panels.common.forms import first_error_status
from panels.lib import easyread, symbols
from panels.lib.limits import parse_id
from panels.models import Job, Quality
from panels.questions import queries as question_queries
from panels.questions.agreement import MARK_WORDS, RULE_TEXT, tally
from panels.scoring.combine import format_score
from panels.scoring.sheets import is_closed, record_view
from panels.shortlist import queries, service
from panels.shortlist.by_quality import quality_results
from panels.shortlist.forms import KINDS, MarkForm, QualityForm, WordsForm
from panels.shortlist.views_common import Routes, member_or_403, shared

routes = Routes()

RULE = RULE_TEXT.replace("A question", "It").replace("question", "one")


def _flag(code: str) -> bool:
    """A country's flag (two regional letters): never a picture of a quality."""
    return "1F1E6" <= code.split("-")[0] <= "1F1FF"


def _quality_or_404(job: Job, quality_id: int) -> Quality:
    quality = queries.quality_or_none(job, quality_id)
    if quality is None:
        abort(404)
    return quality


def _index(job: Job, form: QualityForm, status: int = 200):
    items = queries.qualities_for(job)
    members = queries.member_ids(job)
    return render_template(
        "shortlist/matters.html",
        job=job,
        form=form,
        summaries=[q for q in items if q.kind == "summary"],
        qualities=[q for q in items if q.kind == "quality"],
        counts={q.id: tally({m.member_id: m.mark for m in q.marks}, members) for q in items},
        me=membership(job),
        rule_text=RULE,
        kinds=KINDS,
        **shared(),
    ), status


@routes("/jobs/<int:job_id>/what-matters")
@login_required
def matters(job_id: int):
    job = job_or_404(job_id)
    return _index(job, QualityForm())


@routes("/jobs/<int:job_id>/what-matters", methods=["POST"])
@login_required
def add_quality(job_id: int):
    job = job_or_404(job_id)
    form = QualityForm()
    if not form.validate_on_submit():
        return _index(job, form, first_error_status(form) if form.errors else 400)
    quality = service.add_quality(job, current_user, form.kind.data, form.easy_read.data or "")
    flash("Saved. Now everyone on the panel marks it.", "success")
    return redirect(url_for("shortlist.quality", job_id=job.id, quality_id=quality.id))


def _show(job: Job, quality: Quality, form=None, words=None, status: int = 200):
    me = membership(job)
    mine = next((m for m in quality.marks if me and m.member_id == me.id), None)
    marks = sorted(quality.marks, key=lambda m: m.member.user.name)
    marked = {m.member_id for m in marks}
    return render_template(
        "shortlist/quality.html",
        job=job,
        quality=quality,
        me=me,
        mine=mine,
        form=form or MarkForm(obj=mine),
        words=words or WordsForm(obj=quality),
        marks=marks,
        waiting=[m for m in job.members if m.id not in marked],
        counts=tally({m.member_id: m.mark for m in marks}, queries.member_ids(job)),
        report=easyread.check(quality.easy_read),
        mark_words=MARK_WORDS,
        rule_text=RULE,
        kinds=KINDS,
        pictures=[p for p in symbols.search(quality.easy_read, limit=8) if not _flag(p.code)][:6],
        **shared(),
    ), status


@routes("/jobs/<int:job_id>/what-matters/<int:quality_id>")
@login_required
def quality(job_id: int, quality_id: int):
    job = job_or_404(job_id)
    return _show(job, _quality_or_404(job, quality_id))


@routes("/jobs/<int:job_id>/what-matters/<int:quality_id>/mark", methods=["POST"])
@login_required
def mark_quality(job_id: int, quality_id: int):
    job = job_or_404(job_id)
    item = _quality_or_404(job, quality_id)
    me = member_or_403(job)
    form = MarkForm()
    if not form.validate_on_submit():
        return _show(job, item, form=form, status=400)
    service.set_mark(item, me, form.mark.data, form.suggestion.data or "")
    flash(f"Your mark is saved: {MARK_WORDS[form.mark.data]}.", "success")
    return redirect(url_for("shortlist.quality", job_id=job.id, quality_id=item.id))


@routes("/jobs/<int:job_id>/what-matters/<int:quality_id>/words", methods=["POST"])
@login_required
def change_words(job_id: int, quality_id: int):
    job = job_or_404(job_id)
    item = _quality_or_404(job, quality_id)
    words = WordsForm()
    if not words.validate_on_submit():
        return _show(job, item, words=words, status=400)
    if service.change_quality(item, current_user, words.easy_read.data or ""):
        flash("The new words are in. Everyone marks it again.", "success")
    return redirect(url_for("shortlist.quality", job_id=job.id, quality_id=item.id))


@routes("/jobs/<int:job_id>/what-matters/<int:quality_id>/picture", methods=["POST"])
@login_required
def quality_picture(job_id: int, quality_id: int):
    job = job_or_404(job_id)
    item = _quality_or_404(job, quality_id)
    code = request.form.get("code", "")
    if code != "none" and not symbols.exists(code):
        abort(400)
    service.set_picture(item, "" if code == "none" else code)
    flash("The picture is saved.", "success")
    return redirect(url_for("shortlist.quality", job_id=job.id, quality_id=item.id))


@routes("/jobs/<int:job_id>/questions/<int:question_id>/qualities", methods=["GET", "POST"])
@login_required
def question_qualities(job_id: int, question_id: int):
    """Which qualities an interview question looks for."""
    job = job_or_404(job_id)
    question = question_queries.question_or_none(job, question_id)
    if question is None:
        abort(404)
    qualities = queries.qualities_for(job, "quality")
    if request.method == "POST":
        chosen = [n for v in request.form.getlist("quality") if (n := parse_id(v)) is not None]
        service.link_questions(job, question.id, chosen)
        flash("Saved: what this question looks for.", "success")
        return redirect(url_for("questions.show", job_id=job.id, question_id=question.id))
    return render_template(
        "shortlist/question_qualities.html",
        job=job,
        question=question,
        qualities=qualities,
        linked=queries.links_for(job).get(question.id, set()),
        **shared(),
    )


@routes("/jobs/<int:job_id>/results/by-quality")
@coordinator_required
def by_quality(job_id: int):
    """The interview results, quality by quality (once scoring is closed, like results)."""
    job = job_or_404(job_id, manage=True)
    if not is_closed(job.id):
        flash("Results show when scoring is closed.", "info")
        return redirect(url_for("results.status", job_id=job.id))
    html = render_template(
        "shortlist/by_quality.html",
        job=job,
        by_quality=quality_results(job),
        fmt=format_score,
    )
    record_view(current_user, job.id, None, "results by quality")  # as the results page does
    return html
