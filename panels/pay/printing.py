"""The pay printouts: a panel member's claim as a PDF (for them and for finance)."""

from __future__ import annotations

from datetime import date

from flask import render_template

from panels.common.downloads import download
from panels.common.pdf import PdfFailed, build_pdf, symbol_file_url
from panels.pay import money, offer, queries

PDF_FAILED = ("We could not make the paper copy just now", "Please try again in a few minutes.")


def choice_words(claim, currency: str) -> str:
    return offer.choice_sentence(claim.choice, claim.lower_pence, claim.charity, currency)


def pdf_response(html: str, filename: str):
    try:
        data = build_pdf(html)
    except PdfFailed:
        heading, message = PDF_FAILED
        return render_template("error.html", heading=heading, message=message), 503
    return download(data, filename, "application/pdf", inline=True)


def claim_sheet(job, member) -> dict:
    """What each page showing one panel member's claim is given: claim, totals and words."""
    claim = queries.claim_or_blank(member)
    rates = queries.as_rates(queries.job_rates(job))
    currency = queries.currency(job)
    return {
        "job": job,
        "member": member,
        "claim": claim,
        "totals": queries.totals_for(claim, rates),
        "rates": rates,
        "currency": currency,
        "minutes_of": queries.entry_minutes,
        "kind_words": money.TIME_KIND_WORDS,
        "expense_words": money.EXPENSE_WORDS,
        "choice_sentence": choice_words(claim, currency),
    }


def claim_pdf_response(job, member):
    html = render_template(
        "pay/claim_print.html",
        **claim_sheet(job, member),
        symbol_src=symbol_file_url,
        printed_on=date.today(),
    )
    return pdf_response(html, "pay-claim.pdf")
