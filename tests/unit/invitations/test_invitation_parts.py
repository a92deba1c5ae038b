"""A day with two panels: the invitation shows every part, in order, in easy-read."""

from __future__ import annotations

from datetime import datetime

import pytest

from panels.invitations import content
from panels.lib import easyread
from tests.unit.invitations.test_invitations_content import FACTS


def _at(hour, minute):
    return datetime(2026, 12, 15, hour, minute)


PARTS = content.Facts(
    **{
        **FACTS.__dict__,
        "parts": (
            ("Our panel", "Room 1", _at(10, 25), _at(11, 0)),
            ("Managers' panel", "Room 2", _at(11, 30), _at(12, 0)),
        ),
    }
)


def test_every_part_is_shown_in_order_with_its_time_and_room():
    found = {b.key: b for b in content.blocks(PARTS)}
    keys = list(found)
    assert keys.index("parts") == keys.index("time") + 1
    lines = [line.text for line in found["parts"].lines]
    assert lines == [
        "Your interview has 2 parts.",
        "You meet a different panel in each part.",
        "Part 1 is with Our panel.",
        "It starts at 10:25. It ends at 11:00.",
        "It is in this room: Room 1.",
        "Part 2 is with Managers' panel.",
        "It starts at 11:30. It ends at 12:00.",
        "It is in this room: Room 2.",
    ]
    assert found["parts"].heading == "Your day, part by part"


def test_one_panel_has_no_parts_block():
    assert "parts" not in {b.key for b in content.blocks(FACTS)}


@pytest.mark.parametrize("sentence", content.default_sentences(PARTS))
def test_the_parts_words_are_easy_read(sentence):
    report = easyread.check(sentence)
    assert report.ok, [p.message for p in report.problems]
