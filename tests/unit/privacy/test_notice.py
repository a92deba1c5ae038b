"""The easy-read privacy notices: every sentence passes the checker, every block has a
picture, and the organisation's real setting is what they say."""

from __future__ import annotations

import pytest

from panels.lib import easyread, symbols
from panels.privacy import notice

FACTS = notice.NoticeFacts("Leeds Care Trust", "Alex Morgan, 0113 496 0000", 6, 12)


@pytest.mark.parametrize("make", [notice.candidate_blocks, notice.member_blocks])
def test_every_sentence_is_easy_read_with_a_picture(make):
    for block in make(FACTS):
        assert symbols.exists(block.picture), block.key
        for text in (block.heading, *(line.text for line in block.lines)):
            report = easyread.check(text)
            assert report.ok, (text, [p.message for p in report.problems])


def test_the_candidates_notice_says_the_organisations_real_periods():
    text = notice.whole_text(notice.candidate_blocks(FACTS))
    assert "for 6 months" in text and "for 12 months" in text
    one = notice.whole_text(notice.candidate_blocks(notice.NoticeFacts("", "", 1, 24)))
    assert "for 1 month." in one and "for 24 months" in one
    assert "Ask the person who sent you this." in one


def test_who_to_ask_is_the_contact():
    ask = notice.member_blocks(FACTS)[-1]
    assert [line.text for line in ask.lines][-2:] == ["Alex Morgan", "0113 496 0000"]
