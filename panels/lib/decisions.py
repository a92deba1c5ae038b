"""The fixed sets of a decision meeting: proposals, answers, easy-read phrases.

Shared by the models (stored as text with a CHECK) and the decision area's pure rules.
"""

from __future__ import annotations

from enum import StrEnum


class Proposal(StrEnum):
    """What the coordinator proposes for one candidate."""

    OFFER = "offer"
    RESERVE = "reserve"
    NOT_THIS_TIME = "not_this_time"


PROPOSAL_WORDS = {
    Proposal.OFFER: "Offer the job",
    Proposal.RESERVE: "Keep as reserve",
    Proposal.NOT_THIS_TIME: "Not this time",
}


class Answer(StrEnum):
    """A panel member's answer to a proposal."""

    AGREE = "agree"
    DISAGREE = "disagree"
    NOT_SURE = "not_sure"


ANSWER_WORDS = {
    Answer.AGREE: "I agree",
    Answer.DISAGREE: "I do not agree",
    Answer.NOT_SURE: "I am not sure",
}
ANSWER_SYMBOLS = {Answer.AGREE: "1F44D", Answer.DISAGREE: "1F44E", Answer.NOT_SURE: "1F914"}


class Phrase(StrEnum):
    """Easy-read phrases a member can pick instead of writing a note."""

    GOOD_ANSWERS = "good_answers"
    KIND = "kind"
    LISTENED = "listened"
    NEEDS_TIME = "needs_time"
    WORRIED = "worried"


PHRASE_WORDS = {
    Phrase.GOOD_ANSWERS: "They gave good answers.",
    Phrase.KIND: "They were kind.",
    Phrase.LISTENED: "They listened to us.",
    Phrase.NEEDS_TIME: "I want to talk about it more.",
    Phrase.WORRIED: "I am worried about this.",
}
