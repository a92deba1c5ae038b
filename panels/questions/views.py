"""Questions: the list, the editor with easy-read advice, pictures, marks, practice, sheet."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    send_from_directory,
    url_for,
)
from flask_login import current_user, login_required
from werkzeug.utils import secure_filename

from panels.common.access import job_or_404, member_or_404, membership
from panels.common.forms import first_error_status
from panels.common.pdf import PdfFailed, build_pdf, symbol_file_url
from panels.db import db
from panels.lib import easyread, photos, symbols
from panels.models import QuestionMark
from panels.questions import (
    hooks,  # noqa: F401  (job section, demo data, CLI command)
    service,
)
from panels.questions import text as text_rules
from panels.questions.agreement import MARK_WORDS, MEETING_DECISIONS, RULE_TEXT, tally
from panels.questions.forms import BankPickForm, MarkForm, PhotoForm, QuestionForm

bp = Blueprint("questions", __name__)
CHECKED_FIELDS = ("easy_read", "follow_up", "good_answer")
SHEET_STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "questions" / "sheet-print.css"


def _question(job, question_id: int):
    question = service.question_or_none(job, question_id)
    if question is None:
        abort(404)
    return question


def _reports(values: dict) -> dict:
    """Easy-read findings for the fields a panel member reads."""
    return {name: easyread.check(values.get(name) or "") for name in CHECKED_FIELDS}


def _form_values(form: QuestionForm) -> dict:
    return {
        "easy_read": form.easy_read.data or "",
        "follow_up": form.follow_up.data or "",
        "good_answer": form.good_answer.data or "",
        "standard": form.standard.data or "",
        "answer_minutes": float(form.answer_minutes.data),
        "asker_id": form.asker.data or None,
        "scored": bool(form.scored.data),
        "overall": bool(form.overall.data),
    }


@bp.route("/jobs/<int:job_id>/questions")
@login_required
def index(job_id: int):
    job = job_or_404(job_id)
    questions = service.questions_for(job)
    ids = service.member_ids(job)
    counts = {q.id: tally({m.member_id: m.mark for m in q.marks}, ids) for q in questions}
    speech = None
    if current_user.is_coordinator:
        from panels.audio.views import speech_status

        speech = speech_status()
    return render_template(
        "questions/index.html",
        job=job,
        me=membership(job),
        questions=questions,
        counts=counts,
        speech=speech,
        rule_text=RULE_TEXT,
    )


def _editor(job, question=None):
    form = QuestionForm(obj=None if request.method == "POST" or question is None else question)
    if request.method == "GET" and question is not None:
        form.asker.data = question.asker_id or 0
    form.set_askers(job.members)
    reports = None
    if request.method == "POST":
        valid = form.validate_on_submit()
        if valid and request.form.get("action") != "check":
            values = _form_values(form)
            if question is None:
                question = service.add_question(job, current_user, **values)
                flash("Question added. Read the advice below, then choose a picture.", "success")
            else:
                service.update_question(question, current_user, values)
                flash("Question saved.", "success")
            db.session.commit()
            return redirect(url_for("questions.show", job_id=job.id, question_id=question.id))
        if valid:
            reports = _reports(form.data)
    status = first_error_status(form)
    return render_template(
        "questions/edit.html", job=job, question=question, form=form, reports=reports
    ), status


@bp.route("/jobs/<int:job_id>/questions/new", methods=["GET", "POST"])
@login_required
def new(job_id: int):
    return _editor(job_or_404(job_id))


@bp.route("/jobs/<int:job_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
@login_required
def edit(job_id: int, question_id: int):
    job = job_or_404(job_id)
    return _editor(job, _question(job, question_id))


@bp.route("/jobs/<int:job_id>/questions/check", methods=["POST"])
@login_required
def check(job_id: int):
    """JSON: the checker's findings for text being typed (advice only)."""
    job_or_404(job_id)
    data = request.get_json(silent=True)
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str):
        return jsonify(error="Send the words to check."), 400
    if len(text) > text_rules.STANDARD_MAX:
        return jsonify(error="The words are too long to check."), 400
    result = easyread.check(text).as_dict()
    result["blocking"] = text_rules.problem(text, "The text")
    return jsonify(result)


@bp.route("/jobs/<int:job_id>/questions/<int:question_id>")
@login_required
def show(job_id: int, question_id: int):
    job = job_or_404(job_id)
    question = _question(job, question_id)
    me = membership(job)
    mine = next((m for m in question.marks if me and m.member_id == me.id), None)
    form = MarkForm(obj=mine)
    return _show(job, question, me, form)


def _show(job, question, me, form, status: int = 200):
    changes = service.changes_for(question)
    names = service.user_names({c.by_id for c in changes if c.by_id})
    marks = sorted(question.marks, key=lambda m: m.member.user.name)
    marked = {m.member_id for m in marks}
    waiting = [m for m in job.members if m.id not in marked]
    return render_template(
        "questions/show.html",
        job=job,
        question=question,
        me=me,
        form=form,
        marks=marks,
        waiting=waiting,
        counts=tally({m.member_id: m.mark for m in marks}, service.member_ids(job)),
        reports=_reports({n: getattr(question, n) for n in CHECKED_FIELDS}),
        changes=changes,
        names=names,
        mark_words=MARK_WORDS,
        rule_text=RULE_TEXT,
        decisions=MEETING_DECISIONS,
    ), status


@bp.route("/jobs/<int:job_id>/questions/<int:question_id>/mark", methods=["POST"])
@login_required
def mark(job_id: int, question_id: int):
    job = job_or_404(job_id)
    question = _question(job, question_id)
    me = membership(job)
    if me is None:
        abort(403)
    form = MarkForm()
    if not form.validate_on_submit():
        return _show(job, question, me, form, 400)
    service.set_mark(question, me, form.mark.data, form.suggestion.data or "")
    db.session.commit()
    flash(f"Your mark is saved: {MARK_WORDS[form.mark.data]}.", "success")
    return redirect(url_for("questions.show", job_id=job.id, question_id=question.id))


@bp.route("/jobs/<int:job_id>/questions/<int:question_id>/accept/<int:mark_id>", methods=["POST"])
@login_required
def accept(job_id: int, question_id: int, mark_id: int):
    """Any panel member may use a suggested wording."""
    job = job_or_404(job_id)
    question = _question(job, question_id)
    if membership(job) is None:
        abort(403)
    chosen = db.session.get(QuestionMark, mark_id)
    if chosen is None or chosen.question_id != question.id or not chosen.suggestion:
        abort(404)
    service.accept_suggestion(question, chosen, current_user)
    db.session.commit()
    flash("The new words are in. Everyone marks the question again.", "success")
    return redirect(url_for("questions.show", job_id=job.id, question_id=question.id))


@bp.route("/jobs/<int:job_id>/questions/<int:question_id>/decide", methods=["POST"])
@login_required
def decide(job_id: int, question_id: int):
    """Record what the whole panel decided together at a meeting."""
    job = job_or_404(job_id)
    question = _question(job, question_id)
    if membership(job) is None:
        abort(403)
    decision = request.form.get("decision", "")
    if decision not in MEETING_DECISIONS:
        abort(400)
    service.meeting_decision(question, decision, current_user)
    db.session.commit()
    flash("The panel's decision is saved.", "success")
    return redirect(url_for("questions.show", job_id=job.id, question_id=question.id))


@bp.route("/jobs/<int:job_id>/questions/<int:question_id>/move", methods=["POST"])
@login_required
def move(job_id: int, question_id: int):
    job = job_or_404(job_id)
    question = _question(job, question_id)
    direction = request.form.get("direction", "")
    if direction not in ("up", "down"):
        abort(400)
    if service.move(job, question, direction):
        db.session.commit()
    return redirect(url_for("questions.index", job_id=job.id) + f"#question-{question.id}")


# --- pictures -------------------------------------------------------------------------


def _picture_page(job, question, photo_form, status=200, upload_error=None):
    words = (request.args.get("words") or "").strip()[:60]
    found = symbols.search(words, limit=24) if words else []
    return render_template(
        "questions/picture.html",
        job=job,
        question=question,
        words=words,
        found=found,
        form=photo_form,
        upload_error=upload_error,
    ), status


@bp.route("/jobs/<int:job_id>/questions/<int:question_id>/picture", methods=["GET", "POST"])
@login_required
def picture(job_id: int, question_id: int):
    job = job_or_404(job_id)
    question = _question(job, question_id)
    if request.method == "POST":
        form = PhotoForm()
        if not form.validate_on_submit():
            abort(400)
        code = request.form.get("code", "")
        if code == "none":
            question.picture, question.photo = "", ""
        elif symbols.exists(code):
            question.picture, question.photo = code, ""
        else:
            abort(400)
        question.updated_by_id = current_user.id
        db.session.commit()
        flash("Picture saved.", "success")
        return redirect(url_for("questions.show", job_id=job.id, question_id=question.id))
    return _picture_page(job, question, PhotoForm())


@bp.route("/jobs/<int:job_id>/questions/<int:question_id>/photo", methods=["POST"])
@login_required
def photo_upload(job_id: int, question_id: int):
    job = job_or_404(job_id)
    question = _question(job, question_id)
    form = PhotoForm()
    if not form.validate_on_submit():
        abort(400)
    upload = form.photo.data
    data = upload.read(photos.MAX_BYTES + 1) if upload else b""
    try:
        name = photos.save(data, _photo_dir())
    except photos.PhotoError as error:
        form.photo.errors = [str(error)]
        return _picture_page(job, question, form, 400)
    question.photo, question.picture = name, ""
    question.updated_by_id = current_user.id
    db.session.commit()
    flash("Photo saved. We removed any location data from it.", "success")
    return redirect(url_for("questions.show", job_id=job.id, question_id=question.id))


def _photo_dir() -> str:
    return str(photos.folder_for(current_app.config["MEDIA_DIR"]))


@bp.route("/jobs/<int:job_id>/photos/<name>")
@login_required
def photo(job_id: int, name: str):
    """A question's photo, only for people who may see the job."""
    job = job_or_404(job_id)
    if not photos.is_valid_name(name) or not any(q.photo == name for q in job_questions(job)):
        abort(404)
    response = send_from_directory(_photo_dir(), name, max_age=3600)
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


def job_questions(job):
    return service.questions_for(job)


@bp.route("/symbols/<code>.svg")
def symbol(code: str):
    """An OpenMoji picture. Codes are checked; nothing else on disk can be reached."""
    path = symbols.svg_path(code)
    if path is None:
        abort(404)
    response = send_file(path, mimetype="image/svg+xml", max_age=31536000)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


# --- banks ------------------------------------------------------------------------------


@bp.route("/jobs/<int:job_id>/questions/bank", methods=["GET", "POST"])
@login_required
def bank(job_id: int):
    job = job_or_404(job_id)
    banks = service.shipped_banks()
    chosen = service.bank_by_key(request.values.get("bank", ""))
    if request.values.get("bank") and chosen is None:
        abort(404)
    form = BankPickForm()
    have = {q.source for q in service.questions_for(job)}
    if chosen is not None:
        form.keys.choices = [(q.key, q.easy_read) for q in chosen.questions]
    if chosen is not None and request.method == "POST":
        if form.validate_on_submit():
            keys = [k for k in form.keys.data if f"{chosen.key}/{k}" not in have]
            made = service.copy_from_bank(job, current_user, chosen, keys)
            db.session.commit()
            flash(f"{len(made)} questions added to your list as drafts.", "success")
            return redirect(url_for("questions.index", job_id=job.id))
    elif request.method == "POST":
        abort(400)
    return render_template(
        "questions/bank.html", job=job, banks=banks, bank=chosen, form=form, have=have
    ), first_error_status(form)


# --- practice and print -------------------------------------------------------------------


@bp.route("/jobs/<int:job_id>/practice")
@login_required
def practice(job_id: int):
    job = job_or_404(job_id)
    me = membership(job)
    mine = service.my_questions(job, me)
    number = request.args.get("n", 1, type=int)
    number = min(max(number, 1), max(len(mine), 1))
    return render_template(
        "questions/practice.html",
        job=job,
        me=me,
        questions=mine,
        question=mine[number - 1] if mine else None,
        number=number,
        show_pictures=current_user.pictures,
    )


def _sheet_for(job_id: int):
    """(job, member or None, questions to print) for a sheet, with the sheet's access rules."""
    job = job_or_404(job_id)
    member_id = request.args.get("member", type=int)
    if request.args.get("member") and member_id is None:
        abort(404)
    member = member_or_404(job, member_id) if member_id else membership(job)
    return job, member, service.my_questions(job, member)


@bp.route("/jobs/<int:job_id>/questions/sheet")
@login_required
def sheet(job_id: int):
    job, member, questions = _sheet_for(job_id)
    return render_template(
        "questions/sheet.html",
        job=job,
        member=member,
        questions=questions,
        everyone=service.questions_for(job, include_removed=False) if member is None else [],
        pdf_url=url_for(
            "questions.sheet_pdf", job_id=job.id, member=request.args.get("member", type=int)
        ),
    )


@bp.route("/jobs/<int:job_id>/questions/sheet.pdf")
@login_required
def sheet_pdf(job_id: int):
    job, member, questions = _sheet_for(job_id)
    rows = questions if member else service.questions_for(job, include_removed=False)
    html = render_template(
        "questions/sheet_pdf.html",
        job=job,
        heading=(member.user.name + "'s questions") if member else "All the questions",
        rows=rows,
        picture_src=_picture_file_url,
    )
    try:
        data = build_pdf(html, photo_dir=_photo_dir(), stylesheet=SHEET_STYLESHEET)
    except PdfFailed as failed:
        current_app.logger.warning("Question sheet PDF failed: %r", failed.__cause__)
        return render_template(
            "error.html",
            heading="We could not make the PDF just now",
            message="Please try again later, or print the sheet page from your browser.",
        ), 503
    response = Response(data, mimetype="application/pdf")
    name = secure_filename(f"{job.ref}-questions.pdf") or "questions.pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _picture_file_url(question) -> str:
    """A file:// address of the question's photo or symbol, for the PDF; "" for none."""
    if question.photo:
        path = photos.path_for(_photo_dir(), question.photo)
        return path.as_uri() if path else ""
    return symbol_file_url(question.picture) if question.picture else ""
