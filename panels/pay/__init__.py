"""Paying panel members fairly: rates, an easy-read offer before the day, payment
choices, time, expenses with receipts, claims, finance exports and paid."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.pay import cli, offer, personal, views

    return Area(
        name="pay",
        blueprint=views.bp,
        register_cli=cli.register,
        section=views.job_page_section,
        template_globals={"pay_money": offer.money_text},
        personal_data=personal.PERSONAL,
    )
