"""The panel member's own pay pages: the offer (page, PDF, audio), their choice, their
time, money they spent with receipts, their claim. Each sees only their own."""

from __future__ import annotations

import io
from datetime import date, time
from pathlib import Path

import pypdf
import pytest
from PIL import Image
from sqlalchemy import func, select

from panels.audio import service as audio_service
from panels.db import db
from panels.lib import easyread
from panels.models import AuditEvent, Expense, PanelMember, PayClaim, StoredFile
from panels.pay import money, offer, service
from tests.conftest import one_rolled_back_transaction
from tests.integration.pay_helpers import client_for, jpeg_with_exif, pay_world, png, post


@pytest.fixture(scope="module")
def shared_world(app):
    """This module's shared world is ``pay_world``: built once, in one rolled-back
    transaction, each test in a savepoint rolled back after it (as tests/conftest.py's)."""
    with one_rolled_back_transaction(app):
        ids = pay_world(app)
        with app.app_context():
            db.session.remove()
        yield ids


@pytest.fixture
def w(shared_world):
    """Every test here starts from the same ``pay_world``."""
    return dict(shared_world)


def _claim(app, member_id):
    with app.app_context():
        return db.session.scalar(select(PayClaim).where(PayClaim.member_id == member_id))


def _give_time(app, w, member="m_sam", start=time(9, 30), end=time(14, 0)):
    with app.app_context():
        service.add_time(
            db.session.get(PanelMember, w[member]), "interview_day", date(2026, 12, 15),
            start, end, "The interview day",
        )  # fmt: skip


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_the_offer_is_easy_read_with_a_picture_and_listen_by_every_point(app, w):
    client = client_for(app, w["sam"])
    response = client.get(f"/jobs/{w['job_a']}/my-pay")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for words in (
        "Support worker",
        "We pay £11.50 for each hour.",
        "Pay can change your benefits.",
        "You do not have to tell us about your benefits.",
        "0800 144 8848",
        "If you drive, we pay £0.45 for each mile.",
        "The day starts at 09:30.",
        "How would you like to be paid?",
    ):
        assert words in html, words
    assert html.count('class="invite-picture"') >= 8
    assert html.count("data-listen") >= 8
    assert _count(app, PayClaim) == 0  # GET writes nothing


def test_every_fixed_sentence_is_easy_read(app, w):
    with app.app_context():
        from panels.pay import queries

        facts = queries.offer_facts(db.session.get(PanelMember, w["m_sam"]))
    lines = [line.text for b in offer.offer_blocks(facts) for line in (*b.lines,)]
    lines += [b.heading + "." for b in offer.offer_blocks(facts)]
    lines += list(offer.PAGE_WORDS) + list(money.CHOICE_WORDS.values())
    for sentence in lines:
        assert not easyread.check(sentence).problems, sentence


def test_the_offer_pdf_and_audio_say_the_same(app, w, monkeypatch, tmp_path):
    client = client_for(app, w["sam"])
    pdf = client.get(f"/jobs/{w['job_a']}/my-pay/offer.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    assert "£11.50" in text and "benefits" in text

    spoken = []

    class Speaker:
        timeout = 10.0

        def audio_path(self, words: str) -> Path:
            spoken.append(words)
            path = tmp_path / "a.mp3"
            path.write_bytes(b"ID3fake")
            return path

    monkeypatch.setattr(audio_service, "speaker", lambda: Speaker())
    audio = client.get(f"/jobs/{w['job_a']}/my-pay/offer.mp3")
    assert audio.status_code == 200 and audio.mimetype == "audio/mpeg"
    assert "We pay £11.50 for each hour." in spoken[0]
    assert "Pay can change your benefits." in spoken[0]


def _choose(client, w, **data):
    url = f"/jobs/{w['job_a']}/my-pay/choice"
    return post(client, url, data, page=f"/jobs/{w['job_a']}/my-pay")


def test_choosing_a_lower_amount(app, w):
    client = client_for(app, w["sam"])
    _give_time(app, w)
    assert _choose(client, w, choice="lower", lower="20").status_code == 302
    claim = _claim(app, w["m_sam"])
    assert (claim.choice, claim.lower_pence, claim.charity) == ("lower", 2000, "")
    html = client.get(f"/jobs/{w['job_a']}/my-pay/claim").get_data(as_text=True)
    assert "You chose to be paid £20.00." in html
    assert "We will pay you £20.00." in html  # 4h30 would be £51.75
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "pay choice made")
        ).one()
        assert event.actor_id == w["sam"] and event.detail["choice"] == "lower"


def test_a_lower_amount_more_than_the_pay_pays_the_pay(app, w):
    client = client_for(app, w["sam"])
    _give_time(app, w)
    _choose(client, w, choice="lower", lower="500")
    html = client.get(f"/jobs/{w['job_a']}/my-pay/claim").get_data(as_text=True)
    assert "We will pay you £51.75." in html


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"choice": "lower", "lower": "-10"}, "less than nothing"),
        ({"choice": "lower", "lower": ""}, "The lower amount is missing"),
        ({"choice": "lower", "lower": "9" * 30}, "number of pounds"),
        ({"choice": "charity", "charity": ""}, "Write the name of the charity"),
        ({"choice": "benefits"}, "Choose how you would like to be paid"),
        ({}, "Choose how you would like to be paid"),
    ],
)
def test_bad_choices_are_refused_and_the_saved_one_kept(app, w, data, words):
    client = client_for(app, w["sam"])
    _choose(client, w, choice="vouchers")
    response = _choose(client, w, **data)
    assert response.status_code == 400
    assert words in response.get_data(as_text=True)
    assert _claim(app, w["m_sam"]).choice == "vouchers"


def test_a_charity_choice_keeps_the_charitys_name_and_no_benefits(app, w):
    client = client_for(app, w["sam"])
    _choose(client, w, choice="charity", charity="Mencap")
    claim = _claim(app, w["m_sam"])
    assert (claim.choice, claim.charity) == ("charity", "Mencap")
    assert not [c for c in PayClaim.__table__.columns if "benefit" in c.name]


def test_my_time_in_easy_read_and_confirming_it(app, w):
    _give_time(app, w)
    client = client_for(app, w["sam"])
    html = client.get(f"/jobs/{w['job_a']}/my-pay/time").get_data(as_text=True)
    assert "On Tuesday 15 December you worked 4 hours and 30 minutes." in html
    url = f"/jobs/{w['job_a']}/my-pay/time"
    assert post(client, url, {"answer": "confirmed"}).status_code == 302
    assert _claim(app, w["m_sam"]).time_check == "confirmed"


def test_saying_my_time_is_wrong_needs_a_note(app, w):
    _give_time(app, w)
    client = client_for(app, w["sam"])
    url = f"/jobs/{w['job_a']}/my-pay/time"
    response = post(client, url, {"answer": "wrong", "note": ""})
    assert response.status_code == 400 and "Tell us what is wrong" in response.get_data(
        as_text=True
    )
    assert post(client, url, {"answer": "wrong", "note": "I left at 3"}).status_code == 302
    claim = _claim(app, w["m_sam"])
    assert (claim.time_check, claim.time_note) == ("wrong", "I left at 3")
    coordinator = client_for(app, w["alex"])
    page = coordinator.get(f"/jobs/{w['job_a']}/pay/members/{w['m_sam']}").get_data(as_text=True)
    assert "I left at 3" in page


def test_no_time_to_check_yet(app, w):
    client = client_for(app, w["sam"])
    response = post(client, f"/jobs/{w['job_a']}/my-pay/time", {"answer": "confirmed"})
    assert response.status_code == 409
    assert _claim(app, w["m_sam"]) is None


def test_changed_time_must_be_confirmed_again(app, w):
    _give_time(app, w)
    client = client_for(app, w["sam"])
    post(client, f"/jobs/{w['job_a']}/my-pay/time", {"answer": "confirmed"})
    _give_time(app, w, start=time(15, 0), end=time(16, 0))
    assert _claim(app, w["m_sam"]).time_check == "unseen"


def _spend(client, w, receipt=None, **data):
    values = {"kind": "fare", "day": "2026-12-15", "amount": "3.50", "description": "Bus"}
    values.update(data)
    if receipt is not None:
        values["receipt"] = (io.BytesIO(receipt), "receipt.jpg")
    url = f"/jobs/{w['job_a']}/my-pay/spent"
    return post(client, url, values, content_type="multipart/form-data")


def test_a_bus_fare_with_a_receipt_photo_has_no_exif(app, w):
    client = client_for(app, w["sam"])
    response = _spend(client, w, receipt=jpeg_with_exif())
    assert response.status_code == 302
    with app.app_context():
        expense = db.session.scalars(select(Expense)).one()
        assert (expense.kind, expense.amount_pence, expense.decision) == ("fare", 350, "waiting")
        stored = db.session.get(StoredFile, expense.receipt)
        data = db.session.scalar(select(StoredFile.data).where(StoredFile.key == stored.key))
    image = Image.open(io.BytesIO(data))
    assert not image.getexif() and b"SpyCam" not in data
    photo = client.get(f"/jobs/{w['job_a']}/pay/receipts/{expense.id}")
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"
    # The coordinator sees it; another panel member does not.
    assert (
        client_for(app, w["alex"]).get(f"/jobs/{w['job_a']}/pay/receipts/{expense.id}").status_code
        == 200
    )
    assert (
        client_for(app, w["jo"]).get(f"/jobs/{w['job_a']}/pay/receipts/{expense.id}").status_code
        == 404
    )


@pytest.mark.parametrize(
    ("receipt", "data", "words"),
    [
        (b"%PDF-1.4 not a photo", {}, "not a photo"),
        (None, {}, "Add a photo of the ticket or bill, or say why there is none"),
        (None, {"no_receipt": "y"}, "Say why there is no receipt"),
        (None, {"no_receipt": "y", "no_receipt_reason": "x", "amount": "-3"}, "less than nothing"),
        (None, {"no_receipt": "y", "no_receipt_reason": "x", "amount": "5000"}, "too big"),
        (
            None,
            {"kind": "mileage", "miles": "1000000", "no_receipt": "y", "no_receipt_reason": "x"},
            "too many miles",
        ),
        (None, {"kind": "lottery", "no_receipt": "y", "no_receipt_reason": "x"}, "Choose what"),
        (None, {"day": "1970-01-01", "no_receipt": "y", "no_receipt_reason": "x"}, "2 years"),
    ],
)
def test_bad_expenses_are_refused_in_plain_words(app, w, receipt, data, words):
    client = client_for(app, w["sam"])
    response = _spend(client, w, receipt=receipt, **data)
    assert response.status_code == 400
    assert words in response.get_data(as_text=True)
    assert _count(app, Expense) == 0 and _count(app, StoredFile) == 0


def test_mileage_is_miles_times_the_jobs_rate_and_no_receipt_needs_a_reason(app, w):
    client = client_for(app, w["sam"])
    data = {"kind": "mileage", "miles": "12.5", "amount": "", "no_receipt": "y",
            "no_receipt_reason": "My own car"}  # fmt: skip
    assert _spend(client, w, **data).status_code == 302
    with app.app_context():
        expense = db.session.scalars(select(Expense)).one()
        assert (expense.amount_pence, expense.miles_tenths, expense.receipt) == (563, 125, None)
        assert expense.no_receipt_reason == "My own car"


def test_members_see_only_their_own(app, w):
    _give_time(app, w, member="m_jo", start=time(9, 0), end=time(17, 0))
    with app.app_context():
        jo = db.session.get(PanelMember, w["m_jo"])
        service.choose(jo, "charity", None, "JO-CHARITY")
    client = client_for(app, w["sam"])
    for page in ("my-pay", "my-pay/time", "my-pay/claim", "my-pay/spent"):
        html = client.get(f"/jobs/{w['job_a']}/{page}").get_data(as_text=True)
        assert "JO-CHARITY" not in html and "8 hours" not in html
    # Not on the panel: a 404, coordinators too.
    assert client_for(app, w["cleo"]).get(f"/jobs/{w['job_a']}/my-pay").status_code == 404
    assert client_for(app, w["olu"]).get(f"/jobs/{w['job_a']}/my-pay").status_code == 404
    # A member cannot use the coordinator's pages for anyone, themselves included.
    for url in (f"/jobs/{w['job_a']}/pay", f"/jobs/{w['job_a']}/pay/members/{w['m_jo']}"):
        assert client.get(url).status_code == 403


def test_the_claim_pdf(app, w):
    _give_time(app, w)
    client = client_for(app, w["sam"])
    response = client.get(f"/jobs/{w['job_a']}/my-pay/claim.pdf")
    assert response.status_code == 200
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.data)).pages)
    assert "£51.75" in text and "Sam Member" in text
    coordinator = client_for(app, w["alex"])
    again = coordinator.get(f"/jobs/{w['job_a']}/pay/members/{w['m_sam']}/claim.pdf")
    assert again.status_code == 200 and again.data[:4] == b"%PDF"


def test_png_receipts_work_too(app, w):
    client = client_for(app, w["sam"])
    assert _spend(client, w, receipt=png()).status_code == 302


def test_a_member_with_pay_records_stays_on_the_panel_and_their_receipt_stays(app, w):
    """Removing a member would delete their claim (the database cascades): the page says
    why they stay instead, and nothing is deleted."""
    assert _spend(client_for(app, w["sam"]), w, receipt=png()).status_code == 302
    coordinator = client_for(app, w["alex"])
    url = f"/jobs/{w['job_a']}/panel/{w['m_sam']}/remove"
    page = coordinator.get(url)
    assert page.status_code == 200 and "has pay records for this job" in page.text
    assert "Yes, remove them" not in page.text
    refused = post(coordinator, url, {})
    assert refused.status_code == 409 and "stays on the panel" in refused.text
    with app.app_context():
        assert db.session.get(PanelMember, w["m_sam"]) is not None
        assert db.session.scalar(select(func.count()).select_from(Expense)) == 1
        assert db.session.scalar(select(func.count()).select_from(StoredFile)) == 1
    jo = f"/jobs/{w['job_a']}/panel/{w['m_jo']}/remove"  # no pay records: removed as before
    assert post(coordinator, jo, {}).status_code == 302


def test_a_receipt_goes_with_the_panel_member_it_belongs_to(app, w):
    """If a member row goes (the database cascades to their claim), its receipt photo goes
    too, and nobody else's."""
    assert _spend(client_for(app, w["sam"]), w, receipt=png()).status_code == 302
    assert _spend(client_for(app, w["jo"]), w, receipt=png()).status_code == 302
    with app.app_context():
        rows = db.session.execute(select(PayClaim.member_id, Expense.receipt).join(Expense.claim))
        keys = {member: receipt for member, receipt in rows}
        assert set(keys) == {w["m_sam"], w["m_jo"]}
        assert db.session.scalar(select(func.count()).select_from(StoredFile)) == 2
        db.session.delete(db.session.get(PanelMember, w["m_sam"]))
        db.session.commit()
        assert db.session.get(PanelMember, w["m_sam"]) is None
        left = set(db.session.scalars(select(StoredFile.key)))
        assert left == {keys[w["m_jo"]]}
