"""File downloads: a response that carries a file, and the one way its name is written.

The name goes in ``Content-Disposition`` the RFC 6266 way: ``filename="..."`` in plain
ASCII for every browser, and, when the real name is not plain ASCII (accents, other
scripts, quotes), ``filename*=UTF-8''...`` (RFC 5987) with the name itself, which browsers
prefer. A plain name is written as before, ``attachment; filename="plan-job.csv"``.
(Files sent with Flask's ``send_file`` and ``download_name`` get the same from werkzeug.)
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from flask import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What RFC 5987 lets stand as it is in ``filename*`` besides letters and digits (attr-char).
ATTR_CHARS = "!#$&+-.^_`|~"
# What cannot stand in the quoted ASCII name: the quote and the backslash (browsers read
# escapes differently) and % (some browsers decode %xx there).
NOT_IN_QUOTES = '"\\%'


def ascii_name(filename: str) -> str:
    """The name in printable ASCII for ``filename="..."``: accents dropped (é is e), any
    other character that cannot stand there is _."""
    letters = unicodedata.normalize("NFKD", filename)
    plain = "".join(c for c in letters if not unicodedata.combining(c))
    return "".join(c if " " <= c <= "~" and c not in NOT_IN_QUOTES else "_" for c in plain)


def disposition(filename: str, *, inline: bool = False) -> str:
    """The ``Content-Disposition`` value for a file named ``filename``: saved
    (``attachment``), or shown in the browser (``inline``, a PDF)."""
    fallback = ascii_name(filename)
    value = f'{"inline" if inline else "attachment"}; filename="{fallback}"'
    if fallback != filename:
        value += f"; filename*=UTF-8''{quote(filename, safe=ATTR_CHARS)}"
    return value


def download(data: str | bytes, filename: str, mimetype: str, *, inline: bool = False) -> Response:
    """A response carrying ``data`` as the file ``filename`` (see ``disposition``)."""
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = disposition(filename, inline=inline)
    return response
