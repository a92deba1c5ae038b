"""A question's picture: choose an OpenMoji symbol or upload a photo; serve both."""

from __future__ import annotations

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from panels.common.access import job_or_404
from panels.common.storage import file_response, photo_not_kept, put_photo
from panels.common.symbols import symbol_response
from panels.lib import filestore, photos, symbols
from panels.models import Job, Question
from panels.questions import queries, service
from panels.questions.forms import PhotoForm
from panels.questions.views_common import Routes, question_seen_or_404

routes = Routes()


def _picture_page(job: Job, question: Question, photo_form: PhotoForm, status: int = 200):
    words = (request.args.get("words") or "").strip()[:60]
    found = symbols.search(words, limit=24) if words else []
    return render_template(
        "questions/picture.html",
        job=job,
        question=question,
        words=words,
        found=found,
        form=photo_form,
    ), status


def _saved(job: Job, question: Question, message: str):
    flash(message, "success")
    return redirect(url_for("questions.show", job_id=job.id, question_id=question.id))


@routes("/jobs/<int:job_id>/questions/<int:question_id>/picture", methods=["GET", "POST"])
@login_required
def picture(job_id: int, question_id: int):
    job = job_or_404(job_id)
    question = question_seen_or_404(job, question_id)
    if request.method == "GET":
        return _picture_page(job, question, PhotoForm())
    if not PhotoForm().validate_on_submit():
        abort(400)
    code = request.form.get("code", "")
    if code != "none" and not symbols.exists(code):
        abort(400)
    service.set_symbol(question, "" if code == "none" else code, current_user)
    return _saved(job, question, "Picture saved.")


@routes("/jobs/<int:job_id>/questions/<int:question_id>/photo", methods=["POST"])
@login_required
def photo_upload(job_id: int, question_id: int):
    job = job_or_404(job_id)
    question = question_seen_or_404(job, question_id)
    form = PhotoForm()
    if not form.validate_on_submit():
        abort(400)
    upload = form.photo.data
    data = upload.read(photos.MAX_BYTES + 1) if upload else b""
    try:
        key = put_photo(data)
    except (photos.PhotoError, filestore.StoreUnavailable) as error:
        return _picture_page(job, question, form, photo_not_kept(form.photo, error))
    service.set_photo(question, key, current_user)
    return _saved(job, question, "Photo saved. We removed any location data from it.")


@routes("/jobs/<int:job_id>/photos/<name>")
@login_required
def photo(job_id: int, name: str):
    """A question's photo (`name` is its key), only for people who may see the job."""
    job = job_or_404(job_id)
    if not filestore.is_key(name) or not queries.has_photo(job, name):
        abort(404)
    return file_response(name)


@routes("/symbols/<code>.svg")
def symbol(code: str):
    """An OpenMoji picture. Codes are checked; nothing else on disk can be reached."""
    return symbol_response(code, "public, max-age=31536000, immutable", 31536000)
