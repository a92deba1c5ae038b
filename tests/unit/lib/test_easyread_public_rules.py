"""Easy-read checker rules added from the tuning documents of the public evaluation set
(issue 17). Every example is a real sentence: from a tuning document of
tests/data/easyread_public.yaml (source named beside it) or from the checker's own example
files. Held-out documents are not used here."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from panels.lib.easyread import check

PUBLIC = Path(__file__).resolve().parents[2] / "data" / "easyread_public.yaml"


def _found(text: str, rule: str) -> list[str]:
    return [p.excerpt for p in check(text).problems if p.rule == rule]


# --- verb chains ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        # graduatesfirst-questions
        (
            "Tell me about a time when you have had to plan and organise a project or task?",
            "have had to",
        ),
        (
            "Tell me of a time when you have had to make a difficult decision at work?",
            "have had to",
        ),
        # a common question-list wording, with a modal
        ("Looking back, what would you have done differently?", "would you have done"),
        ("Tell us about a time you've had to say no.", "you've had to"),
    ],
)
def test_verb_chain_is_found(text: str, excerpt: str) -> None:
    assert _found(text, "verb-chain") == [excerpt]
    problem = next(p for p in check(text).problems if p.rule == "verb-chain")
    assert "hard way to say when something happened" in problem.message
    assert problem.suggestion and "had to" in problem.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "We have written some words in bold.",  # lakemac-plan (easy read): 2 words are fine
        "They might be able to give you another date.",  # mencap-interview (easy read)
        "You have been invited to an interview.",  # a passive, left to the passive rule
        "You will have to wait a little.",
    ],
)
def test_short_verbs_pass(text: str) -> None:
    assert not _found(text, "verb-chain")


# --- comparing with other candidates, and "what does it mean to you" -----------------


@pytest.mark.parametrize(
    "text",
    [
        "What makes you different from other candidates?",  # temps4care
        "Why should we hire you rather than another candidate?",  # interview_questions.yaml
        "What sets you apart?",
    ],
)
def test_compare_with_other_candidates(text: str) -> None:
    assert _found(text, "compare-others")
    problem = next(p for p in check(text).problems if p.rule == "compare-others")
    assert problem.suggestion == "Ask 'What are you good at?'"


def test_other_people_outside_a_question_pass() -> None:
    # Mencap's easy-read interview guide: a statement, not a comparison asked for.
    text = "You will be interviewed with a group of other people applying for the job."
    assert not _found(text, "compare-others")


def test_meaning_question() -> None:
    text = "What does being a support worker mean to you?"  # ukinterview-support
    assert _found(text, "meaning-question") == ["mean to you"]
    # lakemac-plan (easy read): saying what words mean is what easy read should do.
    assert check("We explain what these words mean.").ok


# --- formal words and sayings --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "excerpt"),
    [
        (
            "It will help you tailor your responses to interview questions.",
            "hard-word",
            "responses",
        ),
        (
            "We have worked with Mencap to produce an easy read guide for voters with a "
            "learning disability.",
            "hard-word",
            "produce",
        ),
        ("You can get someone to complain on your behalf.", "hard-word", "on your behalf"),
        ("We will ask you what you want us to do to remedy the problem.", "hard-word", "remedy"),
        (
            "Here is a summary of the kinds of things you may wish to contact us about:",
            "hard-word",
            "wish to",
        ),
        ("Do some research about the Council.", "hard-word", "research"),
        (
            "If you've submitted a good application, you may be invited to come to an interview.",
            "hard-word",
            "submitted",
        ),
        (
            "It will finish with an opportunity for you to ask questions of the panel.",
            "abstract-word",
            "opportunity",
        ),
        (
            "We can’t give you all the answers, but here’s what you can do to make the best of "
            "your opportunity.",
            "idiom",
            "make the best of",
        ),
    ],
)
def test_formal_words_from_public_pages(text: str, rule: str, excerpt: str) -> None:
    # manchester-complaints, socialsecurity-scot-complain, wwha-complaints, newjob-interview-
    # tips, yourvotematters-access, bhr-interview, litchfield-interview-tips
    assert excerpt in _found(text, rule)
    problem = next(p for p in check(text).problems if p.excerpt == excerpt)
    assert problem.suggestion and problem.suggestion.startswith(("Use '", "Try '", "Say '"))


def test_doubled_endings_of_hard_words() -> None:
    assert _found("Forms must be submitted by Friday.", "hard-word") == ["submitted"]
    assert _found("Dogs are not permitted.", "hard-word") == ["permitted"]
    assert not _found("We visited the hospital.", "hard-word")


# --- long names of things: counted fairly --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The coronavirus vaccine is an injection.",  # swf-covid-easy: short, says what it is
        "A vaccination is when you have an injection of the vaccine.",  # nsw-covid-easy
        # nsw-covid-easy: 'vaccine' and 'vaccinations' are 1 word family
        "When you’ve had all the doses you need of a COVID-19 vaccine, we say you are up to "
        "date with your vaccinations.",
    ],
)
def test_easy_read_names_of_things_pass(text: str) -> None:
    assert check(text).ok, check(text).problems


@pytest.mark.parametrize(
    "text",
    [
        # tests/data/easyread_eval.yaml (standard): still too many long, formal words
        "Key responsibilities include coordinating rotas, maintaining accurate records and "
        "monitoring budgets.",
        "Travel expenses will be reimbursed upon production of valid receipts.",
    ],
)
def test_dense_formal_sentences_still_fail(text: str) -> None:
    assert not check(text).ok


# --- the evaluation set's split rule -------------------------------------------------

FIRST_DOCUMENTS = 36  # split by hand when the set was made; later ones by the hash rule


def test_added_documents_follow_the_split_rule() -> None:
    data = yaml.safe_load(PUBLIC.read_text(encoding="utf-8"))
    keys = list(data["sources"])
    assert keys[FIRST_DOCUMENTS - 1] == "makedigital-nhs"
    added = keys[FIRST_DOCUMENTS:]
    assert len(added) >= 30
    tuning = set(data["tuning"])
    for key in added:
        number = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16)
        assert (number % 3 == 0) == (key in tuning), key
