"""Finance exports (CSV, Excel, a date range, the command line), and another
organisation's coordinator, who sees nothing of this organisation's pay."""

from __future__ import annotations

import csv
import io
from datetime import date, time
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from werkzeug.http import parse_options_header

from panels.db import db
from panels.models import Expense, Job, PanelMember
from panels.pay import service
from tests.integration.pay_helpers import client_for, pay_world, post


@pytest.fixture
def w(app):
    world = pay_world(app)
    with app.app_context():
        sam = db.session.get(PanelMember, world["m_sam"])
        jo = db.session.get(PanelMember, world["m_jo"])
        alex = db.session.get(PanelMember, world["m_alex"])
        day = date(2026, 12, 15)
        service.add_time(sam, "interview_day", day, time(9, 30), time(14, 0), "")
        service.add_time(jo, "interview_day", day, time(9, 30), time(14, 0), "")
        service.add_time(alex, "interview_day", day, time(9, 30), time(14, 0), "")
        service.set_paid_through_job(alex, True)
        service.choose(sam, "lower", 2000, "")
        service.choose(jo, "charity", None, "=HYPERLINK(evil)")
        fare = service.add_expense(
            sam, kind="fare", day=day, pence=350, miles=None, description="Bus",
            receipt=None, no_receipt_reason="Lost",
        )  # fmt: skip
        service.decide(fare, "approved", "", world["alex"])
    return world


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_job_csv_has_every_member_with_hours_rate_amount_choice_expenses_total(app, w):
    client = client_for(app, w["alex"])
    response = client.get(f"/jobs/{w['job_a']}/pay/payments.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = {r["member"]: r for r in _csv(response.get_data(as_text=True))}
    sam, jo, alex = rows["Sam Member"], rows["Jo Member"], rows["Alex Admin"]
    assert (sam["hours"], sam["rate"], sam["amount"], sam["choice"]) == (
        "4.50", "11.50/hour", "20.00", "lower",
    )  # fmt: skip
    assert (sam["expenses"], sam["total"], sam["status"]) == ("3.50", "23.50", "owed")
    assert (jo["amount"], jo["choice"], jo["total"]) == ("51.75", "charity", "51.75")
    assert jo["charity"] == "'=HYPERLINK(evil)"  # never run as a formula
    assert (alex["rate"], alex["amount"]) == ("paid through their job", "0.00")


def test_job_excel_has_numbers_as_numbers(app, w):
    client = client_for(app, w["alex"])
    response = client.get(f"/jobs/{w['job_a']}/pay/payments.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    header = [c.value for c in sheet[1]]
    sam = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[2] == "Sam Member")
    assert Decimal(str(sam[header.index("total")])) == Decimal("23.50")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_job_reference_with_accents_and_quotes_names_the_file_right(app, w, fmt):
    """The file's name comes from the job's reference, which may hold any letters and
    quotes: the header stays plain ASCII with the ASCII name in quotes, and the real name
    (RFC 5987) is what a reader that knows RFC 6266 takes from it."""
    with app.app_context():
        db.session.get(Job, w["job_a"]).ref = 'Café "A" Łódź'
        db.session.commit()
    response = client_for(app, w["alex"]).get(f"/jobs/{w['job_a']}/pay/payments.{fmt}")
    assert response.status_code == 200
    header = response.headers["Content-Disposition"]
    assert header.isascii(), header
    assert header.startswith('attachment; filename="payments-Cafe _A_ _odz.')
    assert parse_options_header(header)[1]["filename"] == f'payments-Café "A" Łódź.{fmt}'


def test_a_date_range_covers_the_organisations_jobs_only(app, w):
    with app.app_context():
        later = Job(organisation_id=w["org_a"], ref="PAY-LATE", title="Cook",
                    interview_date=date(2027, 3, 1))  # fmt: skip
        db.session.add(later)
        db.session.commit()
    client = client_for(app, w["alex"])
    response = client.get("/pay/payments.csv?start=2026-12-01&end=2026-12-31")
    assert response.status_code == 200
    refs = {r["job"] for r in _csv(response.get_data(as_text=True))}
    assert refs == {"PAY-A"}
    bea = client_for(app, w["bea"]).get("/pay/payments.csv?start=2026-01-01&end=2027-12-31")
    assert bea.status_code == 200 and "PAY-A" not in bea.get_data(as_text=True)
    xlsx = client.get("/pay/payments.xlsx?start=2026-12-01&end=2026-12-31")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


@pytest.mark.parametrize(
    "query",
    ["start=2026-12-31&end=2026-12-01", "start=&end=2026-12-01", "start=x&end=y", "",
     "start=2000-01-01&end=2026-12-01"],
)  # fmt: skip
def test_bad_date_ranges_are_a_400_in_plain_words(app, w, query):
    response = client_for(app, w["alex"]).get(f"/pay/payments.csv?{query}")
    assert response.status_code == 400
    assert "There is a problem" in response.get_data(as_text=True)


def test_export_payments_command(app, w):
    result = app.test_cli_runner().invoke(args=["export-payments", "PAY-A"])
    assert result.exit_code == 0, result.output
    rows = _csv(result.output)
    assert list(rows[0]) == ["member", "hours", "rate", "amount", "choice", "expenses", "total"]
    sam = next(r for r in rows if r["member"] == "Sam Member")
    assert (sam["hours"], sam["amount"], sam["expenses"], sam["total"]) == (
        "4.50", "20.00", "3.50", "23.50",
    )  # fmt: skip
    missing = app.test_cli_runner().invoke(args=["export-payments", "NOPE"])
    assert missing.exit_code != 0 and 'no job with the reference "NOPE"' in missing.output


def _routes(w, expense_id):
    job, member = w["job_a"], w["m_sam"]
    base = f"/jobs/{job}/pay/members/{member}"
    gets = [f"/jobs/{job}/pay", base, f"{base}/claim.pdf", f"/jobs/{job}/pay/payments.csv",
            f"/jobs/{job}/pay/payments.xlsx", f"/jobs/{job}/pay/receipts/{expense_id}",
            f"/jobs/{job}/my-pay", f"/jobs/{job}/my-pay/claim"]  # fmt: skip
    posts = [f"/jobs/{job}/pay/rates", f"/jobs/{job}/pay/day-times", f"{base}/through-job",
             f"{base}/time", f"{base}/time/1/remove", f"{base}/expenses/{expense_id}",
             f"{base}/paid", f"/jobs/{job}/my-pay/choice"]  # fmt: skip
    return gets, posts


def test_another_organisations_coordinator_gets_a_404_everywhere(app, w):
    with app.app_context():
        expense_id = db.session.query(Expense.id).scalar()
    bea = client_for(app, w["bea"])
    gets, posts = _routes(w, expense_id)
    for url in gets:
        assert bea.get(url).status_code == 404, url
    for url in posts:
        # A real token of Bea's own session: only the access rule can refuse it.
        response = post(bea, url, {"decision": "approved", "paid_on": "2026-12-20", "how": "x"},
                        page="/organisation/pay-rates")  # fmt: skip
        assert response.status_code == 404, url
    with app.app_context():
        assert db.session.get(Expense, expense_id).decision == "approved"
