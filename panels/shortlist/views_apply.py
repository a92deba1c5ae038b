"""The public job page and its easy-read application form. No sign-in, no JavaScript
needed, no time limit; a draft is kept behind a private link. Spam is slowed by a box
people never see (a honeypot) and by a limit of tries per address, with no outside service.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from panels.auth import throttle
from panels.common.forms import add_error
from panels.lib import limits
from panels.models import ApplicationSetup, Job
from panels.shortlist import queries, service
from panels.shortlist.forms import application_form
from panels.shortlist.views_common import Routes, details_from, refused, shared

routes = Routes()

TRIES = 30  # form sends per address in the sign-in throttle's window
TOO_BIG = (
    "What you sent is too long to save. Each answer can be up to "
    f"{limits.APPLICATION_ANSWER:,} characters. Nothing new was saved: "
    "anything you saved before is still there."
)
EMAIL_TAKEN = (
    "An application from this email address is already on this job. "
    "If you started one, use the private link you were given to carry on."
)
CODE_KEPT = (
    "Some of your words looked like computer code (like <script>). "
    "We keep them as plain words only."
)


def _setup_or_404(token: str) -> tuple[ApplicationSetup, Job]:
    setup = queries.setup_by_token(token)
    job = queries.job_of(setup) if setup is not None else None
    if setup is None or job is None:
        abort(404)
    return setup, job


def _page(setup, job, form, prompts, draft=None, status=200, resume=None):
    return render_template(
        "shortlist/apply.html",
        setup=setup,
        job=job,
        form=form,
        prompts=prompts,
        draft=draft,
        resume=resume,
        summary=queries.agreed_summary(job.id),
        qualities=queries.agreed_qualities(job.id),
        **shared(),
    ), status


# The most a whole form can need (every answer full, in 4-byte characters), and some.
BODY_MAX = limits.APPLICATION_PROMPTS * limits.APPLICATION_ANSWER * 4 * 3 + 64 * 1024


def _form_or_413(cls):
    if (request.content_length or 0) > BODY_MAX:
        return None, refused(None, "Your application is too long", TOO_BIG, 413)
    try:
        return cls(), None
    except RequestEntityTooLarge:
        return None, refused(None, "Your application is too long", TOO_BIG, 413)


def _handle(token: str, resume: str | None):
    setup, job = _setup_or_404(token)
    draft = None
    if resume is not None:
        draft = queries.by_resume_hash(job.id, service.resume_digest(resume))
        if draft is None:
            return refused(
                None,
                "This link does not open an application",
                "The application may have been sent already, or the link is not complete. "
                "Ask the person named on the job advert.",
                404,
            )
    if not setup.open:
        return refused(
            None,
            f"Applications for {job.title} are closed",
            "You cannot apply for this job now. Ask the person named on the job advert.",
            200 if request.method == "GET" else 409,
        )
    prompts = queries.prompts_of(setup)
    cls = application_form(prompts, public=True)
    if request.method == "GET":
        form = cls(obj=draft)
        if draft is not None:
            for answer in draft.answers:
                if answer.position < len(prompts):
                    form[f"answer_{answer.position}"].data = answer.answer
        return _page(setup, job, form, prompts, draft, resume=resume)
    return _post(setup, job, cls, prompts, draft, resume)


def _throttled():
    address = f"apply:{request.remote_addr or ''}"
    limit = int(current_app.config.get("APPLY_TRIES_PER_ADDRESS", TRIES))
    if throttle.take_try(address, limit):
        return None
    return refused(
        None,
        "Please wait a little",
        f"There have been many applications from here. Wait {throttle.window_minutes()} "
        "minutes, then send yours again. Your words from this try are not saved, "
        "so keep a copy. Anything you saved before is still there.",
        429,
    )


def _post(setup, job, cls, prompts, draft, resume):
    form, too_big = _form_or_413(cls)
    if form is None:
        return too_big
    slow = _throttled()
    if slow is not None:
        return slow
    valid = form.validate_on_submit()
    if form.website.data:
        add_error(form.website, "Leave this box empty. It is there to stop computer spam.")
    if not valid or form.website.errors:
        return _page(setup, job, form, prompts, draft, 400, resume)
    send = request.form.get("action") == "send"
    try:
        _application, new_token = service.save_from_form(
            job, prompts, details_from(form, prompts), draft, send
        )
    except service.DuplicateEmail:
        add_error(form.email, EMAIL_TAKEN)
        return _page(setup, job, form, prompts, draft, 409, resume)
    if any("<" in (form[f"answer_{i}"].data or "") for i in range(len(prompts))):
        flash(CODE_KEPT, "info")
    if send:
        return redirect(url_for("shortlist.apply_sent", token=setup.token))
    flash("Your application is saved. It is not sent yet.", "success")
    return redirect(url_for("shortlist.apply_draft", token=setup.token, resume=new_token or resume))


@routes("/apply/<token>", methods=["GET", "POST"])
def apply(token: str):
    return _handle(token, None)


@routes("/apply/<token>/draft/<resume>", methods=["GET", "POST"])
def apply_draft(token: str, resume: str):
    if len(resume) > 64:
        abort(404)
    return _handle(token, resume)


@routes("/apply/<token>/sent")
def apply_sent(token: str):
    setup, job = _setup_or_404(token)
    return render_template("shortlist/apply_sent.html", job=job, setup=setup)
