"""The invitation's own words: easy-read, complete, and the same in every format."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from panels.invitations import content
from panels.invitations.tokens import make_token, read_token
from panels.lib import easyread, symbols

FACTS = content.Facts(
    job_title="Support worker",
    day=date(2026, 12, 15),
    place="Community Hub\n12 High Street\nLeeds",
    contact="Alex Morgan, 0113 496 0000",
    times=(
        datetime(2026, 12, 15, 10, 10),
        datetime(2026, 12, 15, 10, 25),
        datetime(2026, 12, 15, 11, 20),
    ),
    panel=(("Sam Patel", "I like football and music."), ("Alex Morgan", "")),
    questions=(("Why do you want this job?", "2753"),),
    outcome="You got the job.",
)


@pytest.mark.parametrize("sentence", content.default_sentences(FACTS))
def test_every_default_sentence_is_easy_read(sentence):
    report = easyread.check(sentence)
    assert report.ok, [p.message for p in report.problems]


def test_default_sentences_cover_every_fixed_line():
    said = set(content.default_sentences(FACTS))
    for block in content.blocks(FACTS):
        if block.key in ("job", "date", "time", "length", "steps", "break"):
            for line in block.lines:
                assert line.text in said
    no_times = content.Facts(**{**FACTS.__dict__, "times": None})
    assert content.TIMES_LATER in said
    assert [b.lines[0].text for b in content.blocks(no_times) if b.key == "time"] == [
        content.TIMES_LATER
    ]


def test_blocks_have_the_facts_and_a_real_picture_each():
    found = {b.key: b for b in content.blocks(FACTS)}
    assert list(found) == [
        "job", "date", "time", "length", "place", "people", "steps", "break",
        "questions", "contact", "outcome",
    ]  # fmt: skip
    lines = {b.key: [line.text for line in b.lines] for b in found.values()}
    assert "Please come at 10:10." in lines["time"]
    assert "Your interview starts at 10:25." in lines["time"]
    assert "Your interview ends at 11:20." in lines["time"]
    assert lines["length"] == ["It takes about 55 minutes."]
    assert lines["date"] == ["Your interview is on Tuesday 15 December 2026."]
    assert "12 High Street" in lines["place"]
    assert "I like football and music." in lines["people"]
    assert "You can ask for a break at any time." in lines["break"]
    for block in found.values():
        assert symbols.exists(block.picture), block.key
        for line in block.lines:
            assert not line.picture or symbols.exists(line.picture)


def test_optional_blocks_are_left_out_when_empty():
    bare = content.Facts(job_title="Cook", day=date(2026, 1, 5), place="", contact="", times=None)
    keys = [b.key for b in content.blocks(bare)]
    assert keys == ["job", "date", "time", "steps", "break"]


def test_whole_text_fits_the_speaker_and_drops_questions_first():
    many = tuple((f"Question number {i} is about your work and your life.", "") for i in range(90))
    long = content.Facts(**{**FACTS.__dict__, "questions": many})
    text = content.whole_text(content.blocks(long))
    assert len(text) <= 4800
    assert "Question number 1 " not in text
    assert content.AUDIO_TOO_LONG in text
    short = content.whole_text(content.blocks(FACTS))
    assert "Why do you want this job?" in short
    assert "Please come at 10:10." in short


def test_tokens_round_trip_and_reject_changes():
    token = make_token("secret", 12, 3)
    assert read_token("secret", token) == (12, 3)
    assert read_token("other", token) is None
    assert read_token("secret", token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert read_token("secret", "") is None
    assert read_token("secret", "x" * 500) is None
    from itsdangerous import URLSafeSerializer

    odd = URLSafeSerializer("secret", salt="panels-invitation").dumps({"c": 1})
    assert read_token("secret", odd) is None
    wrong_salt = URLSafeSerializer("secret", salt="panels-listen").dumps([12, 3])
    assert read_token("secret", wrong_salt) is None
