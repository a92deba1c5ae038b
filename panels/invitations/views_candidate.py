"""The candidate's own invitation: the page, the printout, audio and a calendar file.

No sign-in: the private link is the key. These views are routes of the invitations
blueprint (``views.bp``), added by ``add_routes``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm

from panels.audio import service as audio_service
from panels.common.downloads import download
from panels.common.pdf import PdfFailed, build_pdf
from panels.common.storage import file_response
from panels.common.symbols import symbol_response
from panels.invitations import content, files, printout, queries, service
from panels.invitations.forms import AdjustmentForm
from panels.lib import symbols
from panels.models import Invitation
from panels.plan import booking_queries, booking_service, slots


def add_routes(bp: Blueprint) -> None:
    """The candidate's routes, with the same URLs and endpoint names as always."""
    bp.add_url_rule("/invite/<token>", view_func=page, methods=["GET"])
    bp.add_url_rule("/invite/<token>/help", view_func=adjustments, methods=["GET", "POST"])
    # The form was on the invitation itself until issue 17: a page opened before that
    # still sends here, and what the candidate wrote is not lost.
    bp.add_url_rule(
        "/invite/<token>",
        endpoint="adjustments_on_page",
        view_func=adjustments,
        methods=["POST"],
    )
    bp.add_url_rule("/invite/symbols/<code>.svg", view_func=symbol)
    bp.add_url_rule("/invite/<token>/panel/<int:member_id>/photo", view_func=panel_photo)
    bp.add_url_rule("/invite/<token>/invitation.pdf", view_func=pdf)
    bp.add_url_rule("/invite/<token>/invitation.mp3", view_func=audio)
    bp.add_url_rule("/invite/<token>/interview.ics", view_func=calendar)
    bp.add_url_rule("/invite/<token>/time", view_func=choose_time, methods=["POST"])
    bp.add_url_rule("/invite/<token>/time/cancel", view_func=cancel_time, methods=["POST"])


def link_secret() -> str:
    return current_app.config["SECRET_KEY"]


def _kind_error(status: int):
    heading, message = content.LINK_GONE if status == 410 else content.LINK_WRONG
    return render_template(
        "invitations/link_problem.html", heading=heading, message=message, help=content.LINK_HELP
    ), (status)


def _opened(token: str):
    """The invitation for a good link, or a response to send back."""
    opened = queries.open_link(link_secret(), token)
    if opened.status != 200 or opened.invitation is None:
        return None, _kind_error(opened.status)
    return opened.invitation, None


def _page_symbol(code: str) -> str:
    """A picture in the page itself: the invitation shows about 16, and a request for
    each would cost a phone more in headers than the pictures weigh (issue 17)."""
    return symbols.data_uri(code) or ""


def _photo_files(invitation: Invitation) -> dict[str, str]:
    """File-store keys by photo key, for panel members who agreed to show their photo."""
    return printout.photo_files(invitation)


def _page_photos(token: str, invitation: Invitation) -> Callable[[str], str]:
    files = _photo_files(invitation)

    def src(key: str) -> str:
        if key not in files:
            return ""
        return url_for("invitations.panel_photo", token=token, member_id=int(key))

    return src


def _failed(words: tuple[str, str]):
    return render_template("error.html", heading=words[0], message=words[1]), 503


def page(token: str):
    invitation, error = _opened(token)
    if error:
        return error
    return _render_page(token, invitation, 200)


TIME_DONE = {
    "booked": "This is your time now.",
    "changed": "We changed your time.",
    "same": "This is your time now.",
    "cancelled": "We cancelled your time. You can choose a new time.",
    "none": "You do not have a time now.",
}


def _render_page(token: str, invitation: Invitation, status: int, time_error: str = ""):
    facts = queries.facts_for(invitation)
    done = request.args.get("time", "")
    asked = queries.latest_request(invitation.candidate)
    return (
        render_template(
            "invitations/page.html",
            token=token,
            blocks=content.blocks(facts),
            facts=facts,
            form=FlaskForm(formdata=None),  # the time forms' errors come as time_error
            asked=content.asked_words(asked.choices, asked.other) if asked else [],
            asked_heading=content.ASKED,
            sent=request.args.get("sent") == "1" and status == 200,
            symbol_src=_page_symbol,
            photo_src=_page_photos(token, invitation),
            listening=True,
            booking=booking_queries.for_candidate(invitation.candidate),
            slots=slots,
            time_error=time_error,
            page_error=bool(time_error),
            time_done=TIME_DONE.get(done, "") if status == 200 else "",
        ),
        status,
    )


def _wanted_time() -> int | None:
    value = request.form.get("time", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 3 else None


def _time_change(token: str, change: Callable[[Invitation], str]):
    invitation, error = _opened(token)
    if error:
        return error
    if not FlaskForm().validate_on_submit():
        return _render_page(token, invitation, 400, NO_FORM)
    try:
        done = change(invitation)
    except booking_service.Refused as refused:
        return _render_page(token, invitation, refused.status, refused.message)
    return redirect(url_for("invitations.page", token=token, time=done, _anchor="your-time"))


NO_FORM = "Something went wrong with the page. Please try again."


def choose_time(token: str):
    """The candidate chooses a time, or changes to another one."""
    return _time_change(token, lambda inv: booking_service.choose(inv.candidate, _wanted_time()))


def cancel_time(token: str):
    """The candidate cancels their time; it becomes free for someone else."""
    return _time_change(token, lambda inv: booking_service.cancel(inv.candidate))


def adjustments(token: str):
    """What would help the candidate: a page of its own, linked from the invitation's main
    things (issue 17: the form made the invitation too long on a phone). It opens with
    what they asked for last time, to change it; each send is a new request."""
    invitation, error = _opened(token)
    if error:
        return error
    if request.method == "GET":
        last = queries.latest_request(invitation.candidate)
        data = {"choices": last.choices, "other": last.other} if last else None
        return _render_help(token, AdjustmentForm(data=data), 200)
    form = AdjustmentForm()
    if not form.validate_on_submit():
        return _render_help(token, form, 400)
    service.ask_for_adjustments(
        invitation.candidate, form.choices.data or [], form.other.data or ""
    )
    return redirect(url_for("invitations.page", token=token, sent=1, _anchor="adjustments"))


def _render_help(token: str, form: AdjustmentForm, status: int):
    return render_template(
        "invitations/help.html",
        token=token,
        form=form,
        choices=content.CHOICES,
        symbol_src=_page_symbol,
    ), status


def symbol(code: str):
    return symbol_response(code, "public, max-age=86400", 86400)


def panel_photo(token: str, member_id: int):
    """A panel member's photo, only if they agreed and are on this candidate's panel."""
    invitation, error = _opened(token)
    if error:
        return error
    return file_response(queries.panel_photo(invitation, member_id))


def pdf(token: str):
    invitation, error = _opened(token)
    if error:
        return error
    started = time.perf_counter()
    try:
        data = files.pdf_bytes(invitation, build=build_pdf)
    except PdfFailed as failed:
        current_app.logger.warning("Invitation PDF failed: %r", failed.__cause__)
        return _failed(content.PDF_FAILED)
    response = download(data, "interview-invitation.pdf", "application/pdf", inline=True)
    response.headers["X-Build-Seconds"] = f"{time.perf_counter() - started:.2f}"
    return response


def audio(token: str):
    invitation, error = _opened(token)
    if error:
        return error
    text = content.whole_text(content.blocks(queries.facts_for(invitation)))
    return audio_service.page_audio(
        text,
        "interview-invitation.mp3",
        lambda: _failed(content.AUDIO_FAILED),
        "Invitation",
    )


def calendar(token: str):
    invitation, error = _opened(token)
    if error:
        return error
    data = files.ics_bytes(invitation)
    if data is None:
        return render_template(
            "error.html", heading=content.NO_TIME_YET, message=content.TIMES_LATER
        ), 404
    return download(data, "interview.ics", "text/calendar")
