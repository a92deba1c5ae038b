import wave
from io import BytesIO

from panels.audio.views import listen_url


def test_listen_url_speaks_the_signed_text(app, client):
    with app.test_request_context():
        url = listen_url("We will ask you 5 questions.")
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "audio/wav"
    with wave.open(BytesIO(response.data)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert 1.0 < seconds < 6.0


def test_tampered_listen_token_is_404(app, client):
    with app.test_request_context():
        url = listen_url("Hello")
    assert client.get(url.replace(".wav", "x.wav")).status_code == 404
    assert client.get("/listen/not-a-token.wav").status_code == 404
