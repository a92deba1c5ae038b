"""A candidate sees a panel member's photo only if the member agreed."""

from __future__ import annotations

from pathlib import Path

from panels.common.pdf import _local_fetcher, stored_picture_url
from panels.db import db
from panels.lib import filestore
from panels.lib.filestore import StoredObject
from panels.models import User
from tests.conftest import signed_in_client
from tests.integration.invitations_helpers import token
from tests.integration.members.test_photos_members import photo_bytes, upload
from tests.pagecheck import check_page


def _give_photo(app, user_id: int, consent: bool) -> None:
    client = signed_in_client(app, user_id)
    fields = {"photo_consent": "y"} if consent else {}
    assert upload(client, "/my-preferences", photo_bytes(), **fields).status_code == 302


def _link(app, candidate_id: int) -> str:
    with app.app_context():
        return f"/invite/{token(app, candidate_id)}"


def test_photo_shows_only_with_consent(app, client, world):
    _give_photo(app, world["sam"], consent=False)
    link = _link(app, world["cand_a"])
    photo_url = f"{link}/panel/{world['member_sam']}/photo"
    html = client.get(link).get_data(as_text=True)
    check_page(html)
    assert "Sam Patel" in html and 'class="invite-line-photo"' not in html
    assert client.get(photo_url).status_code == 404

    signed_in_client(app, world["sam"]).post(
        "/my-preferences",
        data={"pace": "2.0", "scale": "faces3", "photo_consent": "y"},
        content_type="multipart/form-data",
    )
    html = client.get(link).get_data(as_text=True)
    check_page(html)
    assert f'src="{photo_url}" alt="Photo of Sam Patel"' in html
    assert html.count('class="invite-line-photo"') == 1  # Jo and Alex have no photo
    served = client.get(photo_url)
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert served.data.startswith(b"\xff\xd8") and b"Camera maker" not in served.data


def test_photo_route_checks_the_panel_and_the_link(app, client, world):
    _give_photo(app, world["outsider"], consent=True)
    _give_photo(app, world["sam"], consent=True)
    link = _link(app, world["cand_a"])
    # Olu agreed, but is on another job's panel: not for this candidate.
    assert client.get(f"{link}/panel/{world['member_outsider']}/photo").status_code == 404
    assert client.get(f"{link}/panel/999999/photo").status_code == 404
    assert client.get(f"/invite/not-a-token/panel/{world['member_sam']}/photo").status_code == 404
    other = _link(app, world["cand_b"])
    assert client.get(f"{other}/panel/{world['member_sam']}/photo").status_code == 404
    assert client.get(f"{other}/panel/{world['member_outsider']}/photo").status_code == 200


def test_photo_goes_when_removed_or_consent_withdrawn(app, client, world):
    _give_photo(app, world["sam"], consent=True)
    link = _link(app, world["cand_a"])
    photo_url = f"{link}/panel/{world['member_sam']}/photo"
    assert client.get(photo_url).status_code == 200
    sam = signed_in_client(app, world["sam"])
    upload(sam, "/my-preferences", remove_photo="y", photo_consent="y")
    assert client.get(photo_url).status_code == 404
    assert 'class="invite-line-photo"' not in client.get(link).get_data(as_text=True)


def test_pdf_has_the_photo_only_with_consent(app, client, world):
    _give_photo(app, world["sam"], consent=False)
    link = _link(app, world["cand_a"])
    without = client.get(f"{link}/invitation.pdf")
    assert without.status_code == 200 and b"/DCTDecode" not in without.data
    with app.app_context():
        db.session.get(User, world["sam"]).photo_consent = True
        db.session.commit()
    with_photo = client.get(f"{link}/invitation.pdf")
    assert with_photo.status_code == 200 and b"/DCTDecode" in with_photo.data


def test_pdf_fetcher_reads_only_the_pictures_given(app, tmp_path):
    jpeg = StoredObject(photo_bytes((40, 30)), "image/jpeg")
    key = filestore.new_key()
    fetcher = _local_fetcher({key: jpeg})
    assert fetcher.fetch(stored_picture_url(key)).read() == jpeg.data
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(photo_bytes((40, 30)))
    other = filestore.new_key()
    refused = [
        outside.as_uri(),
        (tmp_path / ".." / "panels.sqlite3").as_uri(),
        Path("/etc/passwd").as_uri(),
        "http://example.org/x.jpg",
        f"panels-file:{other}",  # a stored file this page was not given
        "panels-file:../../etc/passwd",
    ]
    for url in refused:
        try:
            fetcher.fetch(url)
        except ValueError:
            continue
        raise AssertionError(f"fetched {url}")
    try:
        _local_fetcher().fetch(stored_picture_url(key))
    except ValueError:
        pass
    else:
        raise AssertionError("stored pictures need to be given")
    html = _local_fetcher({key: StoredObject(b"<svg/>", "image/svg+xml")})
    try:
        html.fetch(stored_picture_url(key))
    except ValueError:
        pass
    else:
        raise AssertionError("only photos we made are drawn")
