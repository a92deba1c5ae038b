"""Read-aloud for every area: signed Listen links, and the speaker that makes the clips.

Templates call ``listen_url(text)``; the URL carries the text signed with the app's secret,
so only text the app itself showed can be spoken, and no sign-in is needed (candidates use
it too). Audio is made by the speech worker and cached by a hash of text, voice and rate
(a file cache: nothing is stored in the database).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from flask import current_app, request, send_file, url_for
from flask.typing import ResponseReturnValue
from itsdangerous import BadSignature, URLSafeSerializer

from panels.audio.prune import audio_folder
from panels.lib.speech import SpeechFailed, SpeechUnavailable, get_speaker

SALT = "panels-listen"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def listen_url(text: str, download: bool = False) -> str:
    token = _serializer().dumps(text)
    return url_for("audio.clip", token=token, download=1 if download else None)


def text_of(token: str) -> str | None:
    """The text a Listen link carries, or None if the link is wrong or has no words."""
    try:
        text = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(text, str) or not text.strip():
        return None
    return text


def speaker():
    folder = audio_folder(current_app.config["MEDIA_DIR"])
    os.makedirs(folder, exist_ok=True)
    return get_speaker(folder)


def speech_status() -> tuple[bool, str]:
    """(available, plain-words reason) for the coordinator's pages."""
    current = speaker()
    return current.available(), ("" if current.available() else current.unavailable_reason)


def page_audio(
    text: str,
    download_name: str,
    failed: Callable[[], ResponseReturnValue],
    what: str,
) -> ResponseReturnValue:
    """A whole easy-read page (an invitation, the pay offer) read out as one MP3 file.

    A page is long, so the speaker may take at least 2 minutes; ``?download=1`` saves the
    file instead of playing it. When no sound can be made, ``what`` names it in the log and
    ``failed`` gives the page's own words.
    """
    current = speaker()
    current.timeout = max(current_app.config["SPEECH_TIMEOUT"], 120.0)
    try:
        path = current.audio_path(text)
    except (SpeechUnavailable, SpeechFailed, ValueError) as error:
        current_app.logger.warning("%s audio failed: %s", what, error)
        return failed()
    response = send_file(
        path,
        mimetype="audio/mpeg",
        as_attachment=request.args.get("download") == "1",
        download_name=download_name,
        conditional=True,
    )
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response
