"""Sending responses small and cached well: compression, and static files for a year.

* Text responses (pages, JSON, CSV, calendar files) are compressed with Brotli or gzip
  when the browser asks for it (Flask-Compress). Pages keep ``Cache-Control: no-store``
  (``panels.common.security``): nothing signed-in is kept by a browser or a proxy.
* Static files (CSS, JavaScript) are served by WhiteNoise, before Flask sees the request,
  from a copy made once per set of files with Brotli and gzip versions beside each one.
  Their URLs carry a hash of the file (``/static/css/panels.css?v=1a2b3c4d5e6f``), so they
  are cached for a year, and a changed file gets a new URL.
"""

from __future__ import annotations

import hashlib
import os
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
            max_age=ONE_YEAR,
            immutable_file_test=lambda _path, _url: True,  # every URL carries the file's hash
            add_headers_function=_headers,
        ),
    )

    @app.url_defaults
    def versioned_static(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "v" not in values:
            version = versions.get(str(values.get("filename", "")))
            if version:
                values["v"] = version


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
    site = hashlib.sha256(repr(sorted(versions.items())).encode()).hexdigest()[:16]
    target = instance / "static-cache" / site
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".static-", dir=target.parent))
    compressor = Compressor(quiet=True)
    for name in versions:
        copy = work / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / name, copy)
        if compressor.should_compress(name):
            compressor.compress(str(copy))
    try:
        os.rename(work, target)
    except OSError:  # another process made it first
        shutil.rmtree(work, ignore_errors=True)
    return target


def _headers(headers: Any, _path: str, _url: str) -> None:
    headers["X-Content-Type-Options"] = "nosniff"
