"""The one way a download's file name is written (RFC 6266, RFC 5987)."""

from __future__ import annotations

import pytest
from werkzeug.http import parse_options_header

from panels.common.downloads import ascii_name, disposition, download


def _name_read_back(header: str) -> str | None:
    """The name a reader that knows RFC 6266 takes (filename* before filename)."""
    return parse_options_header(header)[1].get("filename")


def test_a_plain_name_is_written_as_before():
    assert disposition("plan-job-1.csv") == 'attachment; filename="plan-job-1.csv"'
    assert disposition("pay-claim.pdf", inline=True) == 'inline; filename="pay-claim.pdf"'


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ('payments-Café "A".csv', "payments-Cafe _A_.csv"),
        ("Łódź.xlsx", "_odz.xlsx"),
        ("数据.csv", "__.csv"),
        ("back\\slash 100%.csv", "back_slash 100_.csv"),
        ("line\r\nbreak.csv", "line__break.csv"),
    ],
)
def test_any_other_name_has_an_ascii_fallback_and_the_real_name(name, fallback):
    header = disposition(name)
    assert header.isascii() and "\r" not in header and "\n" not in header
    assert header.startswith(f"attachment; filename=\"{fallback}\"; filename*=UTF-8''")
    assert ascii_name(name) == fallback
    assert _name_read_back(header) == name


def test_download_is_a_response_with_the_file_and_its_name():
    response = download(b"a,b\n", 'Café "A".csv', "text/csv")
    assert response.data == b"a,b\n"
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == disposition('Café "A".csv')
    shown = download(b"%PDF", "x.pdf", "application/pdf", inline=True)
    assert shown.headers["Content-Disposition"] == 'inline; filename="x.pdf"'
