"""Read-aloud: a Listen link for any text the app shows, played as an MP3 file.

Templates call ``listen_url(text)``; the URL carries the text signed with the app's secret,
so only text the app itself showed can be spoken, and no sign-in is needed (candidates use
it too). Audio is made by the speech worker and cached by a hash of text, voice and rate.
"""

from __future__ import annotations

import os

from flask import Blueprint, abort, current_app, jsonify, send_file, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from panels.audio import cli as _cli  # noqa: F401  (registers prune-audio)
from panels.audio.prune import audio_folder
from panels.lib.speech import SpeechFailed, SpeechUnavailable, get_speaker

bp = Blueprint("audio", __name__)
SALT = "panels-listen"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def listen_url(text: str, download: bool = False) -> str:
    token = _serializer().dumps(text)
    return url_for("audio.clip", token=token, download=1 if download else None)


def speaker():
    folder = audio_folder(current_app.config["MEDIA_DIR"])
    os.makedirs(folder, exist_ok=True)
    return get_speaker(folder)


def speech_status() -> tuple[bool, str]:
    """(available, plain-words reason) for the coordinator's pages."""
    current = speaker()
    return current.available(), ("" if current.available() else current.unavailable_reason)


@bp.route("/listen/<token>.mp3")
def clip(token: str):
    from flask import request

    try:
        text = _serializer().loads(token)
    except BadSignature:
        abort(404)
    if not isinstance(text, str) or not text.strip():
        abort(404)
    current = speaker()
    current.timeout = current_app.config["SPEECH_TIMEOUT"]
    try:
        path = current.audio_path(text)
    except (SpeechUnavailable, SpeechFailed, ValueError) as error:
        response = jsonify(error=str(error), fallback="browser")
        response.status_code = 503
        return response
    response = send_file(
        path,
        mimetype="audio/mpeg",
        as_attachment=bool(request.args.get("download")),
        download_name="panels-listen.mp3",
        conditional=True,
        max_age=86400,
    )
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response
