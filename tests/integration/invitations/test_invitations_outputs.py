"""The printout, the audio and the calendar file carry the candidate's real times."""

from __future__ import annotations

import array
import time
import wave
from datetime import datetime
from io import BytesIO

import icalendar
import pypdf

from panels.audio.views import speaker
from panels.db import db
from panels.invitations import content, service
from panels.invitations.times import candidate_times
from panels.lib.mp3 import mp3_info
from panels.models import Candidate, Invitation, Job
from tests.integration.invitations_helpers import add_questions, token


def _real_times(app, candidate_id):
    with app.app_context():
        candidate = db.session.get(Candidate, candidate_id)
        return candidate_times(candidate.job, candidate)


def test_second_candidate_gets_later_times_from_the_plan(app, world):
    with app.app_context():
        add_questions(db.session.get(Job, world["job_a"]))
        db.session.commit()
    first = _real_times(app, world["cand_a"])
    with app.app_context():
        job = db.session.get(Job, world["job_a"])
        dan = job.candidates[1]
        second = candidate_times(job, dan)
    assert first is not None and second is not None
    arrive, start, end = first
    assert start == datetime(2026, 12, 15, 9, 30)
    assert arrive == datetime(2026, 12, 15, 9, 15)
    assert second[1] >= end  # Dan starts after Ruth ends
    assert second[1] > start


def test_no_questions_means_times_later(app, client, world):
    with app.app_context():
        t = token(app, world["cand_a"])
    html = client.get(f"/invite/{t}").get_data(as_text=True)
    assert content.TIMES_LATER in html
    assert client.get(f"/invite/{t}/interview.ics").status_code == 404


def test_pdf_opens_and_has_the_real_times(app, client, world):
    with app.app_context():
        job = db.session.get(Job, world["job_a"])
        job.candidates[0].position = 2  # Ruth goes second: her times are not the start
        job.candidates[1].position = 1
        add_questions(job)
        db.session.commit()
        t = token(app, world["cand_a"])
    arrive, start, end = _real_times(app, world["cand_a"])
    assert start.strftime("%H:%M") != "09:30"
    began = time.perf_counter()
    response = client.get(f"/invite/{t}/invitation.pdf")
    seconds = time.perf_counter() - began
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    reader = pypdf.PdfReader(BytesIO(response.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert f"Please come at {arrive:%H:%M}." in text
    assert f"Your interview starts at {start:%H:%M}." in text
    assert f"Your interview ends at {end:%H:%M}." in text
    assert "Dan" not in text
    # The pictures are embedded from local files (one image per block at least).
    images = sum(len(page.images) for page in reader.pages) + sum(
        1 for page in reader.pages if "/XObject" in (page.get("/Resources") or {})
    )
    assert images > 0
    print(f"PDF built in {seconds:.2f} s, {len(response.data) // 1024} KB")


def test_pdf_failure_gives_a_plain_message(app, client, world, monkeypatch):
    from panels.invitations import views

    def broken(_html, **_kwargs):
        raise views.PdfFailed("no")

    monkeypatch.setattr(views, "build_pdf", broken)
    with app.app_context():
        t = token(app, world["cand_a"])
    response = client.get(f"/invite/{t}/invitation.pdf")
    assert response.status_code == 503
    assert "We could not make the paper copy just now" in response.get_data(as_text=True)
    assert client.get(f"/invite/{t}").status_code == 200


def test_pdf_fetches_no_remote_files():
    from panels.common.pdf import _local_fetcher

    fetcher = _local_fetcher()
    for url in ("http://example.org/x.svg", "file:///etc/passwd", "data:text/plain,hi"):
        try:
            fetcher.fetch(url)
        except ValueError:
            continue
        raise AssertionError(f"fetched {url}")


def _wav_facts(data: bytes) -> tuple[float, float]:
    with wave.open(BytesIO(data)) as wav:
        frames = wav.readframes(wav.getnframes())
        seconds = wav.getnframes() / wav.getframerate()
        assert wav.getsampwidth() == 2
    samples = array.array("h", frames)
    loud = sum(1 for s in samples[::50] if abs(s) > 1000) / max(1, len(samples[::50]))
    return seconds, loud


def test_audio_is_real_speech_that_fits_the_text(app, client, world):
    with app.app_context():
        add_questions(db.session.get(Job, world["job_a"]))
        db.session.commit()
        t = token(app, world["cand_a"])
        invitation = db.session.query(Invitation).one()
        text = content.whole_text(content.blocks(service.facts_for(invitation)))
    began = time.perf_counter()
    response = client.get(f"/invite/{t}/invitation.mp3")
    seconds_to_build = time.perf_counter() - began
    assert response.status_code == 200
    assert response.mimetype == "audio/mpeg"
    mp3 = mp3_info(response.data)
    assert (mp3.sample_rate, mp3.channels, mp3.bitrates) == (22050, 1, {40})
    # The same words as WAV (what the MP3 was made from): loud enough to be speech.
    with app.test_request_context():
        wav = speaker().wav_path(text).read_bytes()
    seconds, loud = _wav_facts(wav)
    assert loud > 0.2, "mostly silence"
    assert abs(mp3.seconds - seconds) < 0.2, (mp3.seconds, seconds)
    assert len(response.data) < len(wav) / 7
    words = len(text.split())
    # About 130 words a minute heard, plus pauses at line ends: 70 to 200 a minute fits.
    assert words / 200 * 60 < mp3.seconds < words / 70 * 60, (words, mp3.seconds)
    download = client.get(f"/invite/{t}/invitation.mp3?download=1")
    assert "attachment" in download.headers["Content-Disposition"]
    assert "interview-invitation.mp3" in download.headers["Content-Disposition"]
    print(
        f"audio built in {seconds_to_build:.2f} s for {words} words, {mp3.seconds:.0f} s long, "
        f"{len(response.data) / 1024:.0f} KB MP3 (WAV {len(wav) / 1024:.0f} KB)"
    )


def test_audio_failure_gives_a_plain_message(app, client, world, monkeypatch):
    import panels.audio.views as audio_views
    from panels.lib.speech import SpeechUnavailable

    class Broken:
        timeout = 1.0

        def audio_path(self, _text):
            raise SpeechUnavailable("no speech here")

    monkeypatch.setattr(audio_views, "speaker", lambda: Broken())
    with app.app_context():
        t = token(app, world["cand_a"])
    response = client.get(f"/invite/{t}/invitation.mp3")
    assert response.status_code == 503
    assert "We could not make the sound file just now" in response.get_data(as_text=True)


def test_calendar_file_has_the_interview_slot(app, client, world):
    with app.app_context():
        job = db.session.get(Job, world["job_a"])
        job.place = "Community Hub\n12 High Street\nLeeds"
        add_questions(job)
        db.session.commit()
        t = token(app, world["cand_a"])
    arrive, start, end = _real_times(app, world["cand_a"])
    response = client.get(f"/invite/{t}/interview.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    cal = icalendar.Calendar.from_ical(response.data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == start
    assert event.decoded("dtend") == end
    assert str(event["location"]) == "Community Hub, 12 High Street, Leeds"
    assert f"Please come at {arrive:%H:%M}." in str(event["description"])
    assert str(event["summary"]) == "Interview: Support worker"
