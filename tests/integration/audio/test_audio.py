import wave
from io import BytesIO

from panels.audio.views import listen_url, speaker
from panels.lib.mp3 import mp3_info

TEXT = "We will ask you 5 questions."


def test_listen_url_speaks_the_signed_text_as_mp3(app, client):
    with app.test_request_context():
        url = listen_url(TEXT)
        download = listen_url(TEXT, download=True)
    assert url.endswith(".mp3")
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "audio/mpeg"
    mp3 = mp3_info(response.data)
    assert (mp3.sample_rate, mp3.channels, mp3.bitrates) == (22050, 1, {40})
    assert mp3.seconds > 1.0 and mp3.seconds < 6.0
    with app.test_request_context():
        wav_file = speaker().wav_path(TEXT)
    with wave.open(BytesIO(wav_file.read_bytes())) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert abs(mp3.seconds - seconds) < 0.2
    saved = client.get(download)
    assert saved.headers["Content-Disposition"] == "attachment; filename=panels-listen.mp3"


def test_tampered_listen_token_is_404(app, client):
    with app.test_request_context():
        url = listen_url("Hello")
    assert client.get(url.replace(".mp3", "x.mp3")).status_code == 404
    assert client.get("/listen/not-a-token.mp3").status_code == 404
    assert client.get(url.replace(".mp3", ".wav")).status_code == 404


def test_no_speech_gives_503_json_for_the_browser_fallback(app, client, monkeypatch):
    import panels.audio.views as audio_views
    from panels.lib.speech import SpeechUnavailable

    class Broken:
        timeout = 1.0

        def audio_path(self, _text):
            raise SpeechUnavailable("no speech here")

    with app.test_request_context():
        url = listen_url(TEXT)
    monkeypatch.setattr(audio_views, "speaker", lambda: Broken())
    response = client.get(url)
    assert response.status_code == 503
    assert response.json == {"error": "no speech here", "fallback": "browser"}
