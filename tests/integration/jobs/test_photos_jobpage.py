"""Small round photos before panel members' names on the job page."""

from __future__ import annotations

import re

from tests.conftest import signed_in_client
from tests.integration.members.test_photos_members import photo_bytes, upload
from tests.pagecheck import check_page


def thumbs(html: str) -> list[str]:
    return re.findall(r'<img class="person-thumb" src="([^"]+)" alt=""', html)


def test_job_page_shows_a_thumbnail_only_for_members_with_a_photo(app, world):
    assert (
        upload(signed_in_client(app, world["sam"]), "/my-preferences", photo_bytes()).status_code
        == 302
    )
    jo = signed_in_client(app, world["jo"])
    html = jo.get(f"/jobs/{world['job_a']}").get_data(as_text=True)
    check_page(html)
    assert thumbs(html) == [f"/people/{world['sam']}/photo"]
    assert f"/people/{world['jo']}/photo" not in html
    assert f"/people/{world['coordinator']}/photo" not in html
    served = jo.get(thumbs(html)[0])
    assert served.status_code == 200 and served.mimetype == "image/jpeg"


def test_job_page_without_photos_has_no_thumbnails(app, world):
    html = signed_in_client(app, world["coordinator"]).get(f"/jobs/{world['job_a']}")
    text = html.get_data(as_text=True)
    assert html.status_code == 200 and "Sam Patel" in text
    assert thumbs(text) == [] and "person-thumb" not in text
