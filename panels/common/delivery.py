"""Sending responses small and cached well: compression, and static files for a year.

* Text responses (pages, JSON, CSV, calendar files) are compressed with Brotli or gzip
  when the browser asks for it (Flask-Compress). Pages keep ``Cache-Control: no-store``
  (``panels.common.security``): nothing signed-in is kept by a browser or a proxy.
* Static files (CSS, JavaScript) are served by WhiteNoise, before Flask sees the request,
  from a copy made once per set of files with Brotli and gzip versions beside each one.
  Pages link to each file by a name that carries a hash of its content
  (``/static/css/panels.1a2b3c4d5e6f.css``), so those are cached for a year as immutable,
  and a changed file gets a new name. The plain name still works, cached briefly.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from flask import Flask
from flask_compress import Compress
from werkzeug.middleware.proxy_fix import ProxyFix
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

ONE_YEAR = 365 * 24 * 3600
PLAIN_NAME_MAX_AGE = 60  # a file asked for by its plain name may change at the next release
HASHED = re.compile(r"\.[0-9a-f]{12}(\.[^./]+)?$")
TEXT_TYPES = [
    "text/html",
    "text/css",
    "text/csv",
    "text/plain",
    "text/calendar",
    "application/json",
    "application/javascript",
    "image/svg+xml",
]


def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_MIMETYPES", TEXT_TYPES)
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    Compress(app)
    if app.static_folder is None:
        return
    versions = file_versions(Path(app.static_folder))
    served = _compressed_copy(Path(app.static_folder), versions, Path(app.instance_path))
    outer: Any = app
    if isinstance(app.wsgi_app, ProxyFix):  # the proxy's headers stay the first thing read
        outer = app.wsgi_app
    outer_name = "app" if outer is not app else "wsgi_app"
    setattr(
        outer,
        outer_name,
        WhiteNoise(
            getattr(outer, outer_name),
            root=str(served),
            prefix=(app.static_url_path or "/static").strip("/") + "/",
            max_age=PLAIN_NAME_MAX_AGE,
            immutable_file_test=lambda _path, url: HASHED.search(url) is not None,
            add_headers_function=_headers,
        ),
    )

    @app.url_defaults
    def versioned_static(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static":
            name = str(values.get("filename", ""))
            if name in versions:
                values["filename"] = hashed_name(name, versions[name])


def hashed_name(name: str, version: str) -> str:
    """``css/panels.css`` with version ``1a2b…`` -> ``css/panels.1a2b….css``."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or "/" in suffix:
        return f"{name}.{version}"
    return f"{stem}.{version}.{suffix}"


def file_versions(folder: Path) -> dict[str, str]:
    """Each static file's path in the folder -> the first 12 hex digits of its sha256."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        found[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()[
            :12
        ]
    return found


def _compressed_copy(folder: Path, versions: dict[str, str], instance: Path) -> Path:
    """A copy of the static files with .br and .gz beside each, made once per set of files
    (several processes starting at once make it once, or each a whole one)."""
    layout = repr(("plain and hashed names", sorted(versions.items())))
    site = hashlib.sha256(layout.encode()).hexdigest()[:16]
    target = instance / "static-cache" / site
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".static-", dir=target.parent))
    compressor = Compressor(quiet=True)
    for name, version in versions.items():
        for served_as in (name, hashed_name(name, version)):
            copy = work / served_as
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(folder / name, copy)
            if compressor.should_compress(served_as):
                compressor.compress(str(copy))
    try:
        os.rename(work, target)
    except OSError:  # another process made it first
        shutil.rmtree(work, ignore_errors=True)
    return target


def _headers(headers: Any, _path: str, _url: str) -> None:
    headers["X-Content-Type-Options"] = "nosniff"
