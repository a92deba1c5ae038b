"""Pay: the panel member's own screens, in easy-read (the offer with its printout and
audio, their payment choice, their time, money they spent, their claim).

Each route is for the signed-in person's own place on the job's panel: there is no claim
id in these addresses, so nobody can open someone else's. A coordinator not on the panel
gets a 404, like anyone else who is not on it. These are routes of the pay blueprint
(``views.bp``), added by ``add_routes``.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_login import login_required

from panels.audio import service as audio_service
from panels.common.access import my_place_or_404
from panels.common.forms import add_error
from panels.common.pdf import symbol_file_url
from panels.common.symbols import symbol_url
from panels.invitations.content import whole_text
from panels.lib import photos
from panels.pay import money, offer, printing, queries, receipts, service
from panels.pay.forms import ChoiceForm, ExpenseForm, TimeCheckForm
from panels.pay.printing import choice_words, claim_sheet

SAVED = "Thank you. We have saved it."


def add_routes(bp: Blueprint) -> None:
    """Every route needs a sign-in (then: the person's own place on the panel)."""
    _add_routes(_Signed(bp))


class _Signed:
    """Adds each route with ``login_required`` around its view."""

    def __init__(self, bp: Blueprint) -> None:
        self.bp = bp

    def add_url_rule(self, rule: str, view_func, **options) -> None:
        options.setdefault("endpoint", view_func.__name__)
        self.bp.add_url_rule(rule, view_func=login_required(view_func), **options)


def _add_routes(bp) -> None:
    bp.add_url_rule("/jobs/<int:job_id>/my-pay", view_func=offer_page, endpoint="offer")
    bp.add_url_rule("/jobs/<int:job_id>/my-pay/offer.pdf", view_func=offer_pdf)
    bp.add_url_rule("/jobs/<int:job_id>/my-pay/offer.mp3", view_func=offer_audio)
    bp.add_url_rule("/jobs/<int:job_id>/my-pay/choice", view_func=choice, methods=["POST"])
    bp.add_url_rule("/jobs/<int:job_id>/my-pay/time", view_func=my_time)
    bp.add_url_rule("/jobs/<int:job_id>/my-pay/time", view_func=check_time, methods=["POST"])
    bp.add_url_rule("/jobs/<int:job_id>/my-pay/spent", view_func=spent)
    bp.add_url_rule("/jobs/<int:job_id>/my-pay/spent", view_func=add_spent, methods=["POST"])
    bp.add_url_rule("/jobs/<int:job_id>/my-pay/claim", view_func=my_claim)
    bp.add_url_rule("/jobs/<int:job_id>/my-pay/claim.pdf", view_func=my_claim_pdf)


def _choice_form(claim) -> ChoiceForm:
    lower = money.pounds_text(claim.lower_pence).lstrip("£") if claim.lower_pence else ""
    return ChoiceForm(
        formdata=None, data={"choice": claim.choice, "lower": lower, "charity": claim.charity}
    )


def _offer(job, me, form=None, status=200):
    claim = queries.claim_or_blank(me)
    facts = queries.offer_facts(me)
    currency = queries.currency(job)
    rates = queries.as_rates(queries.job_rates(job))
    return render_template(
        "pay/offer.html",
        job=job,
        blocks=offer.offer_blocks(facts),
        facts=facts,
        claim=claim,
        form=form or _choice_form(claim),
        chosen=choice_words(claim, currency),
        totals=queries.totals_for(claim, rates),
        currency=currency,
        symbol_src=symbol_url,
        listening=True,
        pictures=offer.PICTURES,
    ), status


def offer_page(job_id: int):
    job, me = my_place_or_404(job_id)
    return _offer(job, me)


def choice(job_id: int):
    job, me = my_place_or_404(job_id)
    form = ChoiceForm()
    if not form.validate_on_submit():
        return _offer(job, me, form, 400)
    try:
        service.choose(me, form.choice.data, form.lower_pence, form.charity.data or "")
    except money.PayError as error:
        add_error(form.choice, str(error))
        return _offer(job, me, form, 409)
    flash(SAVED, "success")
    return redirect(url_for("pay.offer", job_id=job.id, _anchor="your-choice"))


def offer_pdf(job_id: int):
    job, me = my_place_or_404(job_id)
    html = render_template(
        "pay/offer_print.html",
        blocks=offer.offer_blocks(queries.offer_facts(me)),
        symbol_src=symbol_file_url,
        listening=False,
    )
    return printing.pdf_response(html, "your-pay.pdf")


def offer_audio(job_id: int):
    _job, me = my_place_or_404(job_id)
    text = whole_text(offer.offer_blocks(queries.offer_facts(me)))
    return audio_service.page_audio(text, "your-pay.mp3", _no_sound, "Pay offer")


def _no_sound():
    return render_template(
        "error.html",
        heading="We cannot read this out just now",
        message="Please try again later, or ask someone to read it with you.",
    ), 503


# --- time -----------------------------------------------------------------------------------


def _days(claim) -> list[tuple[str, int]]:
    """One easy-read sentence per day, with the minutes worked that day."""
    by_day: dict = {}
    for entry in claim.entries:
        by_day[entry.day] = by_day.get(entry.day, 0) + queries.entry_minutes(entry)
    return [(money.worked_sentence(day, mins), mins) for day, mins in sorted(by_day.items())]


def _time(job, me, form=None, status=200, problem=None):
    claim = queries.claim_or_blank(me)
    return render_template(
        "pay/time.html",
        job=job,
        claim=claim,
        days=_days(claim),
        total_words=money.duration_words(sum(m for _s, m in _days(claim))),
        form=form or TimeCheckForm(formdata=None),
        problem=problem,
        kind_words=money.TIME_KIND_WORDS,
        minutes_of=queries.entry_minutes,
        duration_words=money.duration_words,
        symbol_src=symbol_url,
        pictures=offer.PICTURES,
    ), status


def my_time(job_id: int):
    job, me = my_place_or_404(job_id)
    return _time(job, me)


def check_time(job_id: int):
    job, me = my_place_or_404(job_id)
    form = TimeCheckForm()
    if not form.validate_on_submit():
        return _time(job, me, form, 400)
    try:
        service.check_time(me, form.answer.data, form.note.data or "")
    except money.PayError as error:
        return _time(job, me, status=409, problem=str(error))
    flash(SAVED, "success")
    return redirect(url_for("pay.my_time", job_id=job.id))


# --- money spent -----------------------------------------------------------------------------


def _spent(job, me, form=None, status=200):
    claim = queries.claim_or_blank(me)
    return render_template(
        "pay/spent.html",
        job=job,
        claim=claim,
        form=form or ExpenseForm(formdata=None, data={"day": job.interview_date}),
        expense_words=money.EXPENSE_WORDS,
        currency=queries.currency(job),
        mileage=queries.job_rates(job).mileage_pence,
        symbol_src=symbol_url,
        pictures=offer.PICTURES,
    ), status


def spent(job_id: int):
    job, me = my_place_or_404(job_id)
    return _spent(job, me)


def _receipt_key(form: ExpenseForm) -> str | None:
    """The stored photo's key, or None; the form's receipt field says why not."""
    upload = form.receipt.data
    data = upload.read(photos.MAX_BYTES + 1) if upload and hasattr(upload, "read") else b""
    if not data:
        return None
    try:
        return receipts.keep(data)
    except receipts.PhotoError as error:
        add_error(form.receipt, str(error))
        raise


def add_spent(job_id: int):
    job, me = my_place_or_404(job_id)
    form = ExpenseForm(job_day=job.interview_date)
    if not form.validate_on_submit():
        return _spent(job, me, form, 400)
    try:
        key = _receipt_key(form)
    except receipts.PhotoError:
        return _spent(job, me, form, 400)
    if key is None and not form.no_receipt.data:
        add_error(form.receipt, "Add a photo of the ticket or bill, or say why there is none.")
        return _spent(job, me, form, 400)
    assert form.day.data is not None  # validated
    try:
        service.add_expense(
            me,
            kind=form.kind.data,
            day=form.day.data,
            pence=form.pence,
            miles=form.miles_value,
            description=form.description.data or "",
            receipt=key,
            no_receipt_reason="" if key else (form.no_receipt_reason.data or ""),
        )
    except money.PayError as error:
        add_error(form.kind, str(error))
        return _spent(job, me, form, 409)
    flash(SAVED, "success")
    return redirect(url_for("pay.spent", job_id=job.id, _anchor="items"))


# --- the claim ------------------------------------------------------------------------------


def my_claim(job_id: int):
    job, me = my_place_or_404(job_id)
    return render_template(
        "pay/claim.html",
        **claim_sheet(job, me),
        symbol_src=symbol_url,
        pictures=offer.PICTURES,
    )


def my_claim_pdf(job_id: int):
    job, me = my_place_or_404(job_id)
    return printing.claim_pdf_response(job, me)
