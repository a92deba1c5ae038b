"""The accessibility statement follows the GOV.UK pattern and says what is really tested."""

from __future__ import annotations

from tests.browser.conftest import SIZES
from tests.pagecheck import check_page


def test_the_statement_has_the_gov_uk_sections(client):
    response = client.get("/accessibility")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = check_page(html)
    assert page.h1 == ["Accessibility statement for Panels"]
    for heading in (
        "How accessible Panels is",
        "Asking for another format",
        "Reporting accessibility problems",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Known problems",
        "How we tested Panels",
        "Preparation of this statement",
    ):
        assert f">{heading}</h" in html.replace("&#39;", "'"), heading
    for fmt in ("easy-read", "audio", "a printed copy"):
        assert fmt in html
    assert "Equality and Human Rights Commission" in html
    assert "Equality Advisory and Support Service" in html
    assert "This statement was prepared on 1 December 2026." in html
    assert "axe-core in the Chromium browser" in html


def test_the_sizes_it_names_are_the_sizes_the_browser_tests_use(client):
    html = client.get("/accessibility").get_data(as_text=True)
    for size in SIZES.values():
        assert f"{size['width']} by {size['height']}" in html
