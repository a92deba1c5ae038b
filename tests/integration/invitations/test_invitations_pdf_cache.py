"""The invitation PDF is cached by a hash of what it is made from (issue 11)."""

from __future__ import annotations

from panels.common import pdf
from panels.db import db
from panels.models import Job
from tests.integration.invitations_helpers import add_questions, token


def _counting(monkeypatch) -> list[int]:
    made: list[int] = []
    real = pdf._render

    def render(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf, "_render", render)
    return made


def test_the_same_invitation_is_built_once_and_a_change_builds_it_again(
    app, client, world, monkeypatch, tmp_path
):
    made = _counting(monkeypatch)
    monkeypatch.setitem(app.config, "MEDIA_DIR", str(tmp_path / "media"))
    with app.app_context():
        add_questions(db.session.get(Job, world["job_a"]))
        db.session.commit()
        t = token(app, world["cand_a"])
    first = client.get(f"/invite/{t}/invitation.pdf")
    assert first.status_code == 200 and first.data.startswith(b"%PDF")
    again = client.get(f"/invite/{t}/invitation.pdf")
    assert again.status_code == 200 and again.data == first.data
    assert len(made) == 1
    cached = list((tmp_path / "media" / "pdf").glob("*.pdf"))
    assert len(cached) == 1 and cached[0].read_bytes() == first.data
    with app.app_context():
        db.session.get(Job, world["job_a"]).title = "Senior support worker"
        db.session.commit()
    changed = client.get(f"/invite/{t}/invitation.pdf")
    assert changed.status_code == 200 and changed.data != first.data
    assert len(made) == 2
    assert len(list((tmp_path / "media" / "pdf").glob("*.pdf"))) == 2


def test_the_key_follows_the_page_the_stylesheet_and_the_pictures(tmp_path):
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(b"first picture")
    css = tmp_path / "print.css"
    css.write_text("p { color: black; }")
    page = f'<p>Hello</p><img src="{picture.as_uri()}">'
    key = pdf.cache_key(page, css)
    assert key == pdf.cache_key(page, css)
    assert key != pdf.cache_key(page.replace("Hello", "Hi"), css)
    picture.write_bytes(b"another picture, same name")
    assert pdf.cache_key(page, css) != key
    newer = pdf.cache_key(page, css)
    css.write_text("p { color: navy; }")
    assert pdf.cache_key(page, css) != newer
