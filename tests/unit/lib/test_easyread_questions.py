"""The easy-read checker on interview questions (issue 17): each new rule with real
standard questions, the corpus in tests/data/interview_questions.yaml, and the shipped
banks' easy-read questions still passing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from panels.lib.easyread import check
from panels.questions import banks

CORPUS = Path(__file__).resolve().parents[2] / "data" / "interview_questions.yaml"


def _rules(text: str) -> list[str]:
    return [p.rule for p in check(text).problems]


def _excerpts(text: str, rule: str) -> list[str]:
    return [p.excerpt for p in check(text).problems if p.rule == rule]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        (
            "Tell us about a difficult situation you faced and how you resolved it.",
            "and how you resolved it.",
        ),
        (
            "Tell us about a time you made a mistake and what you learned from it.",
            "and what you learned from it.",
        ),
        ("Where do you see yourself in the future, and why?", "and why?"),
        (
            "Why are you interested in this position, and what can you bring to it?",
            "and what can you bring to it?",
        ),
    ],
)
def test_several_questions_in_one_sentence(text, excerpt) -> None:
    assert _excerpts(text, "several-questions") == [excerpt]


def test_one_question_at_a_time_passes() -> None:
    # The easy-read way: each question on its own. "and" without a question word is fine.
    for text in (
        "Tell us about a mistake you made at work. What did you learn?",
        "A person tells you that someone hurts them. What do you do? Who do you tell?",
        "Tell us about a time you helped a friend and a neighbour.",
        "We will tell you when and where to come.",  # not a question
    ):
        assert "several-questions" not in _rules(text), text


@pytest.mark.parametrize(
    ("text", "opener"),
    [
        ("Describe a time when you used your own initiative at work.", "Describe"),
        ("Give an example of a time you worked well as part of a team.", "Give an example"),
        (
            "Give us an example of when you have dealt with confidential information.",
            "Give us an example",
        ),
        ("Explain how you keep your skills and knowledge up to date.", "Explain"),
        ("Can you describe a time when you went above and beyond?", "Can you describe"),
    ],
)
def test_describe_and_give_an_example_openers(text, opener) -> None:
    assert _excerpts(text, "question-opener") == [opener]


def test_plain_openers_pass() -> None:
    for text in ("Can you give us an example?", "Tell us about a time you helped your team."):
        assert check(text).ok, text


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Describe a time when you used your own initiative at work.", "initiative"),
        ("Tell us about a challenging project you worked on.", "challenging"),
        ("What experience do you have that is relevant to this role?", "experience"),
        ("Tell us about a time you had to manage competing priorities.", "priorities"),
        ("What are your greatest strengths?", "strengths"),
    ],
)
def test_abstract_words(text, word) -> None:
    assert word in _excerpts(text, "abstract-word")
    found = next(p for p in check(text).problems if p.excerpt == word)
    assert found.suggestion and found.suggestion.startswith("Try '")


def test_jargon_competencies_and_service_user() -> None:
    assert "competencies" in _excerpts(
        "What competencies do you think are most important?", "hard-word"
    )
    assert "service user" in _excerpts(
        "How do you build trust with a new service user?", "hard-word"
    )


@pytest.mark.parametrize(
    "text",
    [
        "What would you do if a colleague was not pulling their weight?",
        "Imagine a person you support refuses their medication.",
        "If you were faced with a safeguarding concern, who would you tell?",
        "How would you respond if a person shouted at you?",
    ],
)
def test_hypotheticals(text) -> None:
    assert "hypothetical" in _rules(text)


def test_easy_read_scenario_is_not_hypothetical() -> None:
    # The easy-read way to ask it: say what happens, then ask.
    text = "A person needs to take their medicine. They say no. What do you do?"
    assert check(text).ok
    assert "hypothetical" not in _rules("How would you help a person make new friends?")


def test_passive_in_a_standard_question() -> None:
    text = "How would you respond if you suspected a person was being abused?"
    assert "passive" in _rules(text)


def test_number_words_joined_are_one_finding() -> None:
    # "two or three people" was flagged twice (issue 17, finding 10): once is enough.
    found = [p for p in check("We need two or three people.").problems]
    assert [(p.rule, p.excerpt) for p in found] == [("number-words", "two")]
    assert len(check("There are two people and three dogs.").problems) == 2


def test_corpus_of_standard_interview_questions() -> None:
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["questions"]
    assert len(data) >= 40
    flagged = 0
    for item in data:
        assert item["source"], item
        rules = set(_rules(item["text"]))
        assert set(item["expect"]) <= rules, (item["text"], sorted(rules))
        flagged += bool(rules)
    assert flagged / len(data) >= 0.8  # issue 17: at least 80% of standard questions


def test_shipped_banks_still_pass() -> None:
    texts = []
    for bank in banks.load_banks(banks.shipped_folder(), easy_read=False):
        for q in bank.questions:
            texts += [q.easy_read, *q.good_answer] + ([q.follow_up] if q.follow_up else [])
    assert texts
    failing = [t for t in texts if not check(t).ok]
    assert not failing


# --- the public evaluation set (real documents, with sources) -------------------------

PUBLIC = Path(__file__).resolve().parents[2] / "data" / "easyread_public.yaml"


def _public() -> dict:
    data: dict = yaml.safe_load(PUBLIC.read_text(encoding="utf-8"))
    return data


def test_public_set_names_a_source_for_every_sentence() -> None:
    data = _public()
    sources = data["sources"]
    assert set(data["tuning"]) <= set(sources)
    assert all(url.startswith(("https://", "http://")) for url in sources.values())
    for section in ("easy_read", "standard", "interview"):
        items = data[section]
        assert len(items) >= 40, section
        assert all(item["source"] in sources and item["text"].strip() for item in items)
        texts = [item["text"] for item in items]
        assert len(set(texts)) == len(texts), section  # no sentence counted twice
    # Held-out documents really are held out: no tuning document in the held-out part.
    held = {i["source"] for s in ("easy_read", "standard", "interview") for i in data[s]}
    assert held - set(data["tuning"])


def test_public_set_figures_do_not_fall() -> None:
    """The figures measured on the public set (issue 17), as a floor: a rule change that
    makes the checker worse on real documents fails here, and so does a smaller set.

    First measured on 36 documents: held out 94.9% of easy-read sentences passing, 85.7%
    of standard sentences and 75.9% of interview questions flagged (tuning documents
    95.0%, 93.8%, 85.7%). The set then grew to 84 documents (the added ones split by the
    hash rule before the checker saw them). On it the rules before issue 17's second
    round give held out 88.5%, 68.1%, 63.9% (tuning 80.3%, 64.1%, 84.6%); the rules tuned
    on its tuning documents give held out 86.5%, 67.4%, 65.3% (tuning 85.9%, 78.2%,
    94.9%). The third round (question rules for what others think, the biggest-ever,
    very open questions and job-interview words in questions; words a text explains;
    everyday -ing starts) gives held out 87.5%, 67.4%, 75.0% (tuning 87.3%, 78.2%,
    94.9%). The set then grew to 104 documents: 16 in the tuning part (standard pages on
    interviews, health, voting, safeguarding and retail work) and 4 easy-read vaccination
    guides held out by the hash rule, all split before the checker was run on them. On it
    the third-round rules give held out 89.3%, 67.4%, 75.0% (tuning 87.3%, 75.5%, 95.9%).
    The fourth round (symbols like '&' and '/', an acronym in brackets not used again,
    'should be sent' like 'must be', wordy phrases and sayings, more interview words,
    'like most', 'what makes a good ...', 'Can you give us an example of ...') gives held
    out 88.7%, 68.9%, 80.6% (tuning 87.3%, 84.7%, 95.9%). The set then grew to 139
    documents (fifth round: 35 more, 14 tuning and 21 held out by the hash rule, split
    before the checker was run on them): on it the fourth-round rules give held out
    83.0%, 72.5%, 83.5% (tuning 85.8%, 84.1%, 94.9%). The fifth round (plain words for
    'attend', 'method', 'vary', 'prevent', 'over the age of' and others; 'identify as',
    'Being harassed means ...', 'covered by the law' and 'X means what ...' left alone)
    gives held out 83.0%, 73.2%, 83.5% (tuning 89.6%, 86.9%, 96.6%; on the 104 documents
    before it, held out 88.7%, 68.9%, 80.6%, tuning 87.3%, 86.5%, 95.9%). The set then
    grew to 157 documents (18 more, 5 tuning and 13 held out, every easy-read guide of
    them held out by the hash rule); the fourth-round rules give on it held out 84.7%,
    72.5%, 83.2% (tuning 85.8%, 82.3%, 88.4%), and the fifth round, with 'irate',
    'crucial', 'wary', 'define', 'went the extra mile' and 'Briefly explain ...' from its
    tuning part, held out 84.7%, 73.1%, 83.2% (tuning 89.6%, 85.6%, 95.7%). The set then
    grew to 167 documents (10 more, 4 tuning and 6 held out): the fourth-round rules give
    held out 84.0%, 71.8%, 83.2% (tuning 86.2%, 80.8%, 88.4%), the fifth round's so far
    84.0%, 72.4%, 83.2% (tuning 89.2%, 84.1%, 95.7%); with a capitalised word in a name
    left alone ('General Practitioners'), 'consultation' and 'the fact that' as hard words,
    held out 84.0%, 72.4%, 83.2% (tuning 90.0%, 84.9%, 95.7%). Targets (90%, 90%, 80%
    held out): the interview target is met; the other 2 are not yet."""
    from panels.lib.easyread import public_figures

    figures = public_figures(_public())
    held, tuned = figures["held_out"], figures["tuning"]
    assert held["easy_read_count"] >= 319
    assert held["standard_count"] >= 362
    assert held["interview_count"] >= 101
    assert held["easy_read"] >= 0.840  # 268 of 319
    assert held["standard"] >= 0.723  # 262 of 362
    assert held["interview"] >= 0.831  # 84 of 101
    assert tuned["easy_read"] >= 0.900  # 117 of 130
    assert tuned["standard"] >= 0.849  # 310 of 365
    assert tuned["interview"] >= 0.956  # 66 of 69


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # Real questions from public support-worker question lists (the tuning documents).
        ("Why do you want this support worker role?", "abstract-word"),
        ("How did you hear about this position?", "abstract-word"),
        ("What type of work environment do you prefer?", "abstract-word"),
        (
            "What are the different types of abuse you should be aware of in a care setting?",
            "abstract-word",
        ),
        ("What skills differentiate you from other candidates?", "abstract-word"),
        ("How flexible is your work schedule?", "abstract-word"),
        ("What do you like least about the support-work field?", "abstract-word"),
        # NHS Tayside's interview advice: "if necessary" is a hard phrase.
        (
            "Listen to the questions and if necessary, pause for a few seconds to think about "
            "the structure of your answer.",
            "hard-word",
        ),
    ],
)
def test_job_advert_words(text: str, rule: str) -> None:
    assert rule in _rules(text)


def test_talk_about_is_not_asking_two_things() -> None:
    # An easy-read health-check leaflet: "Talk about your health and how you are feeling"
    # is a thing you will do, not a question that asks 2 things.
    assert "several-questions" not in _rules("Talk about your health and how you are feeling")
    # "Talk us through ..." is how an interview asks, and 2 asks are still found.
    assert "several-questions" in _rules(
        "Talk us through a time you helped someone and how it went."
    )
