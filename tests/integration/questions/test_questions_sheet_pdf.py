"""The printable question sheet as a PDF: same words, same access rules, 503 on failure."""

from __future__ import annotations

import io

import pypdf
import pytest
from PIL import Image

from panels.common.storage import put_photo
from panels.db import db
from panels.models import Job
from panels.questions import service
from tests.conftest import signed_in_client
from tests.pagecheck import check_page

SAMS = "What do you like about supporting people?"
JOS = "How do you keep someone safe?"


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _question(app, job_id: int, text: str, asker: int | None = None, **extra) -> int:
    with app.app_context():
        question = service.add_question(db.session.get(Job, job_id), None, easy_read=text, **extra)
        question.asker_id = asker
        db.session.commit()
        return question.id


def _photo_name(app) -> str:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (20, 120, 60)).save(out, "PNG")
    with app.app_context():
        key = put_photo(out.getvalue())
        db.session.commit()
        return key


def _pdf(response) -> pypdf.PdfReader:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.data))


def _text(reader: pypdf.PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _images(reader: pypdf.PdfReader) -> int:
    return sum(len(page.images) for page in reader.pages)


def test_members_pdf_has_their_questions_and_pictures(app, world):
    job = world["job_a"]
    _question(app, job, SAMS, world["member_sam"], picture="1F91D", follow_up="Tell me more.")
    _question(app, job, "Why is kindness important?", world["member_sam"], photo=_photo_name(app))
    _question(app, job, JOS, None)
    client = signed_in_client(app, world["sam"])
    sheet = client.get(f"/jobs/{job}/questions/sheet").get_data(as_text=True)
    check_page(sheet)
    assert f'href="/jobs/{job}/questions/sheet.pdf"' in sheet and "Download as PDF" in sheet

    response = client.get(f"/jobs/{job}/questions/sheet.pdf")
    assert "JOB-A-questions.pdf" in response.headers["Content-Disposition"]
    reader = _pdf(response)
    text = _text(reader)
    assert "Sam Patel" in text and SAMS in text and "Why is kindness important?" in text
    assert "If they need help: Tell me more." in text and JOS not in text
    assert _images(reader) >= 1  # the photo (raster); the symbol is drawn as vector art


def test_sheet_for_another_member_and_for_everyone(app, world):
    job = world["job_a"]
    _question(app, job, SAMS, world["member_sam"])
    _question(app, job, JOS, None)
    jo = signed_in_client(app, world["jo"])
    sheet = jo.get(f"/jobs/{job}/questions/sheet?member={world['member_sam']}")
    html = sheet.get_data(as_text=True)
    assert f'href="/jobs/{job}/questions/sheet.pdf?member={world["member_sam"]}"' in html
    text = _text(_pdf(jo.get(f"/jobs/{job}/questions/sheet.pdf?member={world['member_sam']}")))
    assert SAMS in text and JOS not in text
    everyone = signed_in_client(app, world["outsider"])  # not on job A's panel
    assert everyone.get(f"/jobs/{job}/questions/sheet.pdf").status_code == 404
    # A coordinator on no panel gets all the questions.
    with app.app_context():
        from tests.conftest import make_user

        boss = make_user("Kim Lead", "kim@example.org", coordinator=True).id
        db.session.commit()
    text = _text(_pdf(signed_in_client(app, boss).get(f"/jobs/{job}/questions/sheet.pdf")))
    assert "All the questions" in text and SAMS in text and JOS in text


def test_other_jobs_and_bad_members_are_404(app, world):
    _question(app, world["job_b"], "Olu's own question?", world["member_outsider"])
    sam = signed_in_client(app, world["sam"])
    job = world["job_a"]
    assert sam.get(f"/jobs/{world['job_b']}/questions/sheet.pdf").status_code == 404
    assert sam.get("/jobs/999999/questions/sheet.pdf").status_code == 404
    other = f"/jobs/{job}/questions/sheet.pdf?member={world['member_outsider']}"
    assert sam.get(other).status_code == 404
    assert sam.get(f"/jobs/{job}/questions/sheet.pdf?member=abc").status_code == 404
    anonymous = app.test_client().get(f"/jobs/{job}/questions/sheet.pdf")
    assert anonymous.status_code == 302 and "/sign-in" in anonymous.headers["Location"]


def test_pdf_failure_is_a_plain_503(app, world, monkeypatch):
    from panels.questions import views_sheet

    def broken(_html, **_kwargs):
        raise views_sheet.PdfFailed("no")

    monkeypatch.setattr(views_sheet, "build_pdf", broken)
    client = signed_in_client(app, world["sam"])
    response = client.get(f"/jobs/{world['job_a']}/questions/sheet.pdf")
    assert response.status_code == 503 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    check_page(html)
    assert "We could not make the PDF just now" in html
    assert client.get(f"/jobs/{world['job_a']}/questions/sheet").status_code == 200
