"""Interview-question rules added in issue 17's third round, each with a real sentence it
catches and one it leaves alone. Examples come from the shipped banks (their standard
wordings and their easy-read ones), tests/data/interview_questions.yaml and the tuning
documents of tests/data/easyread_public.yaml (source named beside each). Held-out
documents are not used here."""

from __future__ import annotations

import pytest

from panels.lib.easyread import Problem, check


def _found(text: str, rule: str) -> list[str]:
    return [p.excerpt for p in check(text).problems if p.rule == rule]


def _problem(text: str, rule: str) -> Problem:
    return next(p for p in check(text).problems if p.rule == rule)


# --- job-interview words, looked for in questions only -------------------------------


@pytest.mark.parametrize(
    ("text", "excerpt", "plain"),
    [
        # support-worker bank, standard wording
        (
            "How would you respond when a person you support becomes very distressed or "
            "angry and shouts at you?",
            "distressed",
            "very upset",
        ),
        # office-admin bank, standard wording
        (
            "A colleague asks for help when you are already busy. How do you respond?",
            "respond",
            "do",
        ),
        (
            "How would you handle a telephone call from a person who is upset or angry?",
            "handle",
            "deal with",
        ),
        # interview_questions.yaml
        ("Why do you want to leave your current job?", "current", "now"),
        ("How do you handle pressure and tight deadlines?", "handle", "deal with"),
        (
            "A person refuses to take their prescribed medication. What actions would you take?",
            "actions",
            "what you would do",
        ),
    ],
)
def test_question_words_are_found(text: str, excerpt: str, plain: str) -> None:
    assert excerpt in _found(text, "question-word")
    problem = next(p for p in check(text).problems if p.excerpt == excerpt)
    assert "job-interview word" in problem.message
    assert problem.suggestion == f"Try '{plain}'."


@pytest.mark.parametrize(
    "text",
    [
        # wiltshire-budgets-easy (easy read): not a question, so "manage" is left alone
        "You will be able to choose to manage your support yourself or the Council can do it "
        "for you.",
        # support-worker bank, easy-read wording
        "How do you show respect to the people you support?",
        "Some people find it hard to talk.",
    ],
)
def test_question_words_leave_plain_text_alone(text: str) -> None:
    assert not _found(text, "question-word")


# --- what other people think of you --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        # practicalpie-support
        (
            "Would past coworkers and supervisors describe you as a patient person?",
            "Would past coworkers and supervisors describe you",
        ),
        ("How would your manager describe you?", "would your manager describe you"),
    ],
)
def test_others_view_is_found(text: str, excerpt: str) -> None:
    assert _found(text, "others-view") == [excerpt]
    assert _problem(text, "others-view").suggestion == "Ask 'What are you good at?'"


def test_others_view_leaves_seeing_alone() -> None:
    # support-worker bank (easy read) and a plain question about the future
    assert not _found("How do you find out what they want?", "others-view")
    assert not _found("How do you see your future?", "others-view")


# --- the biggest or hardest of all ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("What is your greatest professional accomplishment?", "greatest"),  # indeed-support
        ("Describe your greatest achievement to date.", "greatest"),  # interview_questions
        ("What competencies do you think are most important for this role?", "most important"),
    ],
)
def test_superlative_question_is_found(text: str, excerpt: str) -> None:
    assert _found(text, "biggest-ever") == [excerpt]
    problem = _problem(text, "biggest-ever")
    assert "think of every time first" in problem.message
    assert problem.suggestion and problem.suggestion.startswith("Ask about 1 time")


def test_superlative_statement_and_best_part_pass() -> None:
    # lakemac-plan (easy read): a statement, not a question
    assert check("This means it only includes the most important ideas.").ok
    # support-worker bank (easy read follow-up): "best part" is an everyday question
    assert check("What is the best part of this work for you?").ok


# --- very open questions -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tell me about yourself.",  # the usual first question in public question lists
        "Can you tell us a bit about yourself?",
        "Talk me through your CV.",
    ],
)
def test_open_question_is_found(text: str) -> None:
    assert _found(text, "open-question")
    assert (
        _problem(text, "open-question").suggestion == "Ask about 1 thing: 'What do you like doing?'"
    )


def test_open_question_leaves_focused_asks_alone() -> None:
    # team-leader bank (easy read) and mencap-interview (easy read)
    assert not _found("Tell us about a time you got something wrong at work.", "open-question")
    assert check("Give yourself plenty of time to get there.").ok


# --- sentences that start with an -ing word ------------------------------------------


def test_everyday_ing_start_passes() -> None:
    # salford-covid-easy (easy read)
    assert check("Having the vaccine makes you less likely to get very ill from coronavirus.").ok


def test_formal_ing_start_is_still_found() -> None:
    # manchester-complaints (standard)
    text = "Following this, when you raise a complaint, you can expect us to:"
    assert _found(text, "ing-start") == ["Following"]
    assert _found("Changing the time of your interview can help you feel calm.", "ing-start")


# --- words: said what they mean, other spellings, known letters ----------------------
# Real sentences from public pages that are not in the evaluation set: Mencap's easy-read
# manifesto summary (mencap.org.uk/easyread/mencap-manifesto-easy-reads), an easy-read
# guide to reasonable adjustments (studylib.net/doc/18158639), Runnymede council's "How
# to vote" page, Stockton council's "Ways to vote" page, NHS band 2 interview question
# lists (interview-training.co.uk) and a list of competency questions (techeggs.com).


def test_a_word_the_text_explains_is_fine_in_every_sentence() -> None:
    text = "Employment is when you get a job. It can be paid or unpaid work. "
    text += "Read our manifesto plans about employment."
    assert check(text).ok, check(text).problems
    # Alone, the last sentence still uses the hard word without saying what it means.
    assert _found("Read our manifesto plans about employment.", "hard-word") == ["employment"]


def test_american_spellings_of_hard_words() -> None:
    text = "How do you prioritize your tasks during a busy shift?"
    assert _found(text, "hard-word") == ["prioritize"]
    assert _problem(text, "hard-word").suggestion == "Use 'put first'."
    assert _found("How do you prioritise your tasks during a busy shift?", "hard-word")
    assert _found("They advise you.", "hard-word") == ["advise"]  # British spelling still found
    assert check("If you do not understand a question, you can ask us to say it again.").ok


def test_despite_is_a_hard_word() -> None:
    text = (
        "Tell me about a time when you failed to complete a task or project on time, "
        "despite intending to do so?"
    )
    assert _found(text, "hard-word") == ["despite"]
    assert _problem(text, "hard-word").suggestion == "Use 'even though'."


def test_known_letters_and_accessible_pass() -> None:
    assert check("They may need easy read information, or information on a tape or DVD.").ok
    assert check(
        "It helps to have a group who make sure that accessible information is available."
    ).ok
    assert _found("Your DBS check is free.", "acronym") == ["DBS"]  # still found


def test_cast_your_vote_is_a_saying() -> None:
    text = (
        "Your poll card tells you when the election will be held and where to go to cast your vote."
    )
    assert _found(text, "idiom") == ["cast your vote"]
    assert _problem(text, "idiom").suggestion == "Say 'vote'."
    # Stockton council's "Ways to vote" page (stockton.gov.uk/ways-to-vote): plain wording
    assert check("You can also take someone with you to help you vote.").ok


# --- a passive in a question ---------------------------------------------------------


def test_a_passive_in_a_question_is_found() -> None:
    # kennedypearce.com's list of competency questions (not in the evaluation set)
    text = "Was there a time when your ideas were challenged?"
    assert _found(text, "passive") == ["were challenged"]
    assert _problem(text, "passive").message.startswith("Say who does this.")


def test_one_plain_passive_in_a_statement_still_passes() -> None:
    # tests/data/easyread_eval.yaml and the checker's own plain examples
    assert check("After this date, no forms will be accepted.").ok
    assert check("You will be asked 6 questions.").ok
