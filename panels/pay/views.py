"""Pay: the coordinator's screens (rates, each member's claim, decisions, paid, exports)
and the pay blueprint. The panel member's own screens are in ``views_member``.

Coordinators see the pay of their organisation's jobs only (``job_or_404(manage=True)``):
another organisation's job, member or expense is a 404.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from panels.common.access import (
    coordinator_required,
    current_org_id,
    job_or_404,
    manages,
    member_or_404,
)
from panels.common.downloads import XLSX, download
from panels.common.forms import add_error, csrf_or_400, first_error_status
from panels.common.sections import Section
from panels.pay import exports, money, queries, receipts, service, views_member
from panels.pay.forms import (
    DecisionForm,
    OrgRatesForm,
    PaidForm,
    RangeForm,
    RatesForm,
    TimeEntryForm,
)
from panels.pay.offer import money_text
from panels.pay.printing import claim_pdf_response, claim_sheet

bp = Blueprint("pay", __name__)
views_member.add_routes(bp)


def _rates_form(row, form_class=RatesForm):
    data = {}
    for kind in money.TimeKind:
        data[kind.value] = money.pounds_text(getattr(row, f"{kind.value}_pence")).lstrip("£")
        data[f"{kind.value}_per"] = getattr(row, f"{kind.value}_per")
    data["mileage"] = money.pounds_text(row.mileage_pence).lstrip("£")
    data["travel_paid"] = bool(row.travel_paid)
    if form_class is OrgRatesForm:
        data["currency"] = row.currency or "GBP"
    return form_class(data=data)


def _overview(job, rates_form=None, status=200, problem=None):
    rows = queries.rows_for(job)
    return render_template(
        "pay/job.html",
        job=job,
        rows=rows,
        totals=queries.job_money(rows),
        rates_form=rates_form or _rates_form(queries.job_rates(job)),
        currency=queries.currency(job),
        day_times=queries.day_times(job),
        range_form=RangeForm(formdata=None),
        problem=problem,
    ), status


@bp.route("/jobs/<int:job_id>/pay")
@coordinator_required
def job_pay(job_id: int):
    return _overview(job_or_404(job_id, manage=True))


@bp.route("/jobs/<int:job_id>/pay/rates", methods=["POST"])
@coordinator_required
def job_rates(job_id: int):
    job = job_or_404(job_id, manage=True)
    form = RatesForm()
    if not form.validate_on_submit():
        return _overview(job, form, 400)
    service.save_job_rates(job, form.values())
    flash("Saved the rates for this job.", "success")
    return redirect(url_for("pay.job_pay", job_id=job.id))


@bp.route("/jobs/<int:job_id>/pay/day-times", methods=["POST"])
@coordinator_required
def day_times(job_id: int):
    job = job_or_404(job_id, manage=True)
    csrf_or_400()
    try:
        added, source = service.add_day_times(job)
    except money.PayError as error:
        return _overview(job, status=409, problem=str(error))
    where = "the live screen's real times" if source == "live" else "the day plan"
    flash(f"Added the interview day for {added} panel members, from {where}.", "success")
    return redirect(url_for("pay.job_pay", job_id=job.id))


def _member_page(
    job, member, *, time_form=None, paid_form=None, status=200, problem=None, decision_forms=None
):
    return render_template(
        "pay/member.html",
        **claim_sheet(job, member),
        time_form=time_form or TimeEntryForm(formdata=None),
        paid_form=paid_form or PaidForm(formdata=None),
        decision_forms=decision_forms or {},
        decision_form_for=lambda i: _for_expense(DecisionForm(formdata=None), i),
        problem=problem,
    ), status


def _for_expense(form: DecisionForm, expense_id: int) -> DecisionForm:
    """One decision form per expense on the page: the same names, ids of its own."""
    form.decision.id = f"x{expense_id}-decision"
    form.reason.id = f"x{expense_id}-reason"
    return form


@bp.route("/jobs/<int:job_id>/pay/members/<int:member_id>")
@coordinator_required
def member_pay(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    return _member_page(job, member_or_404(job, member_id))


@bp.route("/jobs/<int:job_id>/pay/members/<int:member_id>/through-job", methods=["POST"])
@coordinator_required
def through_job(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    member = member_or_404(job, member_id)
    csrf_or_400()
    value = request.form.get("through_job") == "y"
    try:
        service.set_paid_through_job(member, value)
    except money.PayError as error:
        return _member_page(job, member, status=409, problem=str(error))
    flash("Saved.", "success")
    return redirect(url_for("pay.member_pay", job_id=job.id, member_id=member.id))


@bp.route("/jobs/<int:job_id>/pay/members/<int:member_id>/time", methods=["POST"])
@coordinator_required
def add_time(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    member = member_or_404(job, member_id)
    form = TimeEntryForm(job_day=job.interview_date)
    if not form.validate_on_submit():
        return _member_page(job, member, time_form=form, status=400)
    day, start, end = form.day.data, form.start.data, form.end.data
    assert day is not None and start is not None and end is not None  # validated
    try:
        service.add_time(member, form.kind.data, day, start, end, form.what.data or "")
    except money.PayError as error:
        if queries.claim_or_blank(member).paid_on is not None:
            return _member_page(job, member, status=409, problem=str(error))
        add_error(form.end, str(error))
        return _member_page(job, member, time_form=form, status=409)
    flash("Added the time.", "success")
    return redirect(url_for("pay.member_pay", job_id=job.id, member_id=member.id))


@bp.route(
    "/jobs/<int:job_id>/pay/members/<int:member_id>/time/<int:entry_id>/remove",
    methods=["GET", "POST"],
)
@coordinator_required
def remove_time(job_id: int, member_id: int, entry_id: int):
    """GET asks first, on a page of its own; POST (from that page) removes the time."""
    job = job_or_404(job_id, manage=True)
    member = member_or_404(job, member_id)
    entry = queries.entry_of(queries.claim_or_blank(member), entry_id)
    if entry is None:
        abort(404)
    if request.method == "GET":
        return render_template("pay/remove_time.html", job=job, member=member, entry=entry)
    csrf_or_400()
    try:
        service.remove_time(member, entry)
    except money.PayError as error:
        return _member_page(job, member, status=409, problem=str(error))
    flash("Removed the time.", "success")
    return redirect(url_for("pay.member_pay", job_id=job.id, member_id=member.id))


@bp.route(
    "/jobs/<int:job_id>/pay/members/<int:member_id>/expenses/<int:expense_id>",
    methods=["POST"],
)
@coordinator_required
def decide(job_id: int, member_id: int, expense_id: int):
    job = job_or_404(job_id, manage=True)
    member = member_or_404(job, member_id)
    expense = queries.expense_of(job, expense_id)
    if expense is None or expense.claim.member_id != member.id:
        abort(404)
    form = DecisionForm()
    if not form.validate_on_submit():
        _for_expense(form, expense.id)
        return _member_page(job, member, decision_forms={expense.id: form}, status=400)
    try:
        service.decide(expense, form.decision.data, form.reason.data or "", current_user.id)
    except money.PayError as error:
        return _member_page(job, member, status=409, problem=str(error))
    done = "Approved" if form.decision.data == "approved" else "Refused"
    flash(f"{done}: {money.EXPENSE_WORDS[money.ExpenseKind(expense.kind)]}.", "success")
    return redirect(
        url_for("pay.member_pay", job_id=job.id, member_id=member.id, _anchor="expenses")
    )


@bp.route("/jobs/<int:job_id>/pay/members/<int:member_id>/paid", methods=["POST"])
@coordinator_required
def paid(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    member = member_or_404(job, member_id)
    form = PaidForm(job_day=job.interview_date)
    if not form.validate_on_submit():
        return _member_page(job, member, paid_form=form, status=400)
    assert form.paid_on.data is not None  # validated
    try:
        service.mark_paid(member, form.paid_on.data, form.how.data or "", current_user.id)
    except money.PayError as error:
        return _member_page(job, member, paid_form=form, status=409, problem=str(error))
    flash(f"Marked {member.user.name}'s claim as paid.", "success")
    return redirect(url_for("pay.job_pay", job_id=job.id))


@bp.route("/jobs/<int:job_id>/pay/members/<int:member_id>/claim.pdf")
@coordinator_required
def member_claim_pdf(job_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    return claim_pdf_response(job, member_or_404(job, member_id))


@bp.route("/jobs/<int:job_id>/pay/receipts/<int:expense_id>")
@login_required
def receipt(job_id: int, expense_id: int):
    """A receipt photo: for the panel member who sent it and the job's coordinators."""
    job = job_or_404(job_id)
    expense = queries.expense_of(job, expense_id)
    if expense is None or not expense.receipt:
        abort(404)
    if not manages(job) and expense.claim.member.user_id != current_user.id:
        abort(404)
    return receipts.response(expense.receipt)


# --- exports ----------------------------------------------------------------------------------


@bp.route("/jobs/<int:job_id>/pay/payments.<any(csv, xlsx):fmt>")
@coordinator_required
def job_export(job_id: int, fmt: str):
    job = job_or_404(job_id, manage=True)
    rows = exports.claim_rows([(job, queries.rows_for(job))], queries.currency(job))
    name = f"payments-{job.ref}"
    if fmt == "csv":
        return download(exports.to_csv(rows), f"{name}.csv", "text/csv")
    return download(exports.to_xlsx(rows, f"Payments {job.ref}"), f"{name}.xlsx", XLSX)


@bp.route("/pay/payments.<any(csv, xlsx):fmt>")
@coordinator_required
def range_export(fmt: str):
    """Every claim of the organisation's jobs with an interview day in the range."""
    organisation = current_org_id()
    form = RangeForm(request.args)
    if organisation is None:
        abort(404)
    if not form.validate():
        return render_template("pay/range.html", form=form), 400
    assert form.start.data is not None and form.end.data is not None  # validated
    jobs = queries.jobs_between(organisation, form.start.data, form.end.data)
    rows = exports.claim_rows([(j, queries.rows_for(j)) for j in jobs], _currency(jobs))
    name = f"payments-{form.start.data:%Y%m%d}-{form.end.data:%Y%m%d}"
    if fmt == "csv":
        return download(exports.to_csv(rows), f"{name}.csv", "text/csv")
    return download(exports.to_xlsx(rows, "Payments"), f"{name}.xlsx", XLSX)


def _currency(jobs) -> str:
    return queries.currency(jobs[0]) if jobs else "GBP"


@bp.route("/organisation/pay-rates", methods=["GET", "POST"])
@coordinator_required
def org_rates():
    """The organisation's default rates, copied into each job's rates."""
    organisation = current_org_id()
    if organisation is None:
        abort(404)
    row = queries.org_rates(organisation)
    form = OrgRatesForm() if request.method == "POST" else _rates_form(row, OrgRatesForm)
    if request.method == "POST" and form.validate_on_submit():
        service.save_org_rates(organisation, form.values(), form.currency.data)
        flash("Saved. New jobs get these rates.", "success")
        return redirect(url_for("pay.org_rates"))
    return render_template("pay/org_rates.html", form=form), first_error_status(form)


# --- the job page box ---------------------------------------------------------------------


def job_page_section(job, me, user):
    """Coordinators: what is owed and paid. A panel member who claims: their own pay."""
    if manages(job, user):
        rows = queries.rows_for(job)
        totals = queries.job_money(rows)
        cur = queries.currency(job)
        text = f"Owed: {money_text(totals.owed, cur)}. Paid: {money_text(totals.paid, cur)}."
        if totals.waiting:
            text += f" Expenses to decide: {money_text(totals.waiting, cur)}."
        links = [("Pay for panel members", url_for("pay.job_pay", job_id=job.id))]
        if me is not None:  # a coordinator on the panel has pay of their own
            links.append(("Your pay", url_for("pay.offer", job_id=job.id)))
        paid = bool(totals.paid) and not totals.owed and not totals.waiting
        status = "Paid" if paid else "To pay" if totals.owed or totals.waiting else "Not started"
        return Section(
            title="Pay for panel members",
            text=text,
            links=links,
            order=70,
            status=status,
            done=paid,
        )
    if me is not None:
        return Section(
            title="Your pay",
            text="What you will be paid, your time and money you spent.",
            links=[("Your pay", url_for("pay.offer", job_id=job.id))],
            order=70,
        )
    return None
