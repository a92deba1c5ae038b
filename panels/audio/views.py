"""Read-aloud: a Listen link for any text the app shows, played as an MP3 file.

The links and the speaker are in ``panels.audio.service``; ``listen_url``, ``speaker`` and
``speech_status`` are also importable from here for the areas that still do.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request, send_file

from panels.audio import service
from panels.audio.service import listen_url, speaker, speech_status
from panels.lib.speech import SpeechFailed, SpeechUnavailable

__all__ = ["bp", "clip", "listen_url", "speaker", "speech_status"]

bp = Blueprint("audio", __name__)


@bp.route("/listen/<token>.mp3")
def clip(token: str):
    text = service.text_of(token)
    if text is None:
        abort(404)
    current = service.speaker()
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
