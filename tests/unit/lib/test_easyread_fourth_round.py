"""Easy-read checker rules of issue 17's fourth round. Each rule has a sentence it flags and
one it must leave alone. Flagged examples are real sentences from the tuning documents of
tests/data/easyread_public.yaml (source named beside them) or usual question-list wordings;
held-out documents are not used here."""

from __future__ import annotations

import pytest

from panels.lib.easyread import Problem, check


def _found(text: str, rule: str) -> list[str]:
    return [p.excerpt for p in check(text).problems if p.rule == rule]


def _problem(text: str, rule: str) -> Problem:
    return next(p for p in check(text).problems if p.rule == rule)


# --- symbols: "&", "and/or" ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # derbyshire-ahc-invite
        (
            "Displaying a poster and/or leaflet about learning disability health checks can "
            "also raise awareness.",
            "/",
        ),
        # ismyjob-support
        ("What qualities (and/or) experience can you bring to this role?", "/"),
        ("Fish & chips are on the menu.", "&"),
    ],
)
def test_symbols_are_found(text: str, sign: str) -> None:
    assert _found(text, "symbol") == [sign]
    problem = _problem(text, "symbol")
    assert "Use words" in problem.message
    assert problem.suggestion in ("Write 'and'.", "Write 'or' or 'and', not '/'.")


@pytest.mark.parametrize(
    "text",
    [
        "If you feel ill, go to A&E.",  # a name people know
        "Go to www.mencap.org.uk/easyread for more.",  # a web address
        "See https://www.gov.uk/register-to-vote today.",
        "The score was 9/10.",  # numbers
    ],
)
def test_names_addresses_and_numbers_are_not_symbols(text: str) -> None:
    assert not _found(text, "symbol")


# --- an acronym in brackets after its words ---------------------------------------------


def test_acronym_in_brackets_is_found() -> None:
    # downs-syndrome-health-checks
    text = (
        "The annual health check for people with learning disabilities is a Directed "
        "Enhanced Service (DES)."
    )
    assert _found(text, "acronym-brackets") == ["(DES)"]
    hint = _problem(text, "acronym-brackets").suggestion
    assert hint == "Leave out '(DES)'. The words are enough."


def test_acronym_said_in_its_own_sentence_passes() -> None:
    # Norfolk County Council's easy read guidance: say what the letters mean, on their own.
    assert check("CCG means Clinical Care Commissioning Group.").ok
    # Letters in brackets that the text uses again are fine (tests/unit/lib/test_easyread.py).
    assert check("Talk to human resources (HR) first. HR can help.").ok
    # Letters everyone knows add nothing to remember.
    assert check("Your family doctor (GP) will send you a letter.").ok
    # An acronym the acronym rule already flags is not flagged twice.
    text = "Ask the Wiltshire Centre for Independent Living (WCIL)."
    assert _found(text, "acronym") == ["WCIL"]
    assert not _found(text, "acronym-brackets")


# --- "should be sent" hides who must act, like "must be" --------------------------------


def test_should_passive_is_found() -> None:
    text = "Invitations should be sent to patients in an easy read format."  # derbyshire
    assert _found(text, "passive") == ["should be sent"]


def test_one_plain_passive_still_passes() -> None:
    # swf-covid-easy (easy read)
    assert check("The vaccine has been tested to make sure it is safe.").ok
    assert check("You should tell the doctor if you are worried.").ok


# --- words that are not needed, sayings and hard words from the tuning pages ---------


@pytest.mark.parametrize(
    ("text", "rule", "excerpt"),
    [
        # downs-syndrome-health-checks
        (
            "The GP practice is then paid a sum of money for every annual health check undertaken.",
            "hard-word",
            "a sum of money",
        ),
        # derbyshire-ahc-invite
        (
            "On an annual basis, practices will invite all patients agreed as being eligible "
            "for a review of physical and mental health for an Annual Health Check.",
            "hard-word",
            "On an annual basis",
        ),
        ("End on a positive note.", "idiom", "on a positive note"),  # michaelpage-typical
        # tatips-safeguarding
        (
            "Tip: Keep in mind that the interviewers will rarely, if ever, mention the exact "
            "words “Safeguarding Interview Questions.”",
            "idiom",
            "Keep in mind",
        ),
        # wikijob-safeguarding
        (
            "This list does not cover every safeguarding issue you’ll possibly come across.",
            "idiom",
            "come across",
        ),
        ("Safeguarding issues can be difficult to identify.", "hard-word", "Safeguarding"),
        # manchester-complaints
        (
            "Where this isn’t possible, we will give you detailed reasoning why.",
            "hard-word",
            "detailed",
        ),
        # cambridge-elections-access
        (
            "Every person should be able to register and vote without facing barriers.",
            "idiom",
            "facing barriers",
        ),
        # freshcareerfinder-angry
        ("If you can’t, you aren’t a good fit for retail.", "idiom", "a good fit"),
        (
            "No matter how great your company is or how nice you are, people will become angry.",
            "idiom",
            "No matter how",
        ),
        (
            "So, does the way in which you answer this question matter?",
            "hard-word",
            "the way in which",
        ),
        (
            "As difficult as it might be, you always need to address the concerns of an upset "
            "customer.",
            "hard-word",
            "address the concerns",
        ),
        # purplecv-care
        (
            "Interviews can be nerve-racking so we’re here to help you prepare.",
            "idiom",
            "nerve-racking",
        ),
    ],
)
def test_wordy_phrases_sayings_and_hard_words(text: str, rule: str, excerpt: str) -> None:
    assert excerpt in _found(text, rule)
    problem = next(p for p in check(text).problems if p.excerpt == excerpt)
    assert problem.suggestion and problem.suggestion.startswith(("Use '", "Say '"))


@pytest.mark.parametrize(
    "text",
    [
        "You will get some money every year.",
        "Safeguarding means keeping people safe.",  # a text may say what a word means
        "Keep your letter safe.",
        "Write your name and address on the form.",  # 'address' as a thing is fine
    ],
)
def test_plain_versions_pass(text: str) -> None:
    assert check(text).ok, check(text).problems


# --- interview questions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        # ismyjob-support
        (
            "What is your understanding of professional boundaries and how would you ensure "
            "they are maintained?",
            "understanding",
        ),
        ("How would you describe yourself?", "describe"),
        ("How do you promote dignity?", "dignity"),
        ("Where do you see yourself in 5 years?", "see yourself"),
        ("Are you a team player?", "team player"),
        ("How would you rate your computer skills?", "How would you rate"),
        ("What attracted you to this job?", "attracted"),
        ("What is your availability?", "availability"),
    ],
)
def test_more_interview_words(text: str, excerpt: str) -> None:
    assert excerpt in _found(text, "question-word")
    assert (_problem(text, "question-word").suggestion or "").startswith("Try '")


@pytest.mark.parametrize(
    "text",
    [
        "Our staff have a good understanding of autism.",  # a statement, not a question
        "You can see yourself on the screen.",
        "Why do you want this job?",  # a shipped bank question
    ],
)
def test_interview_words_outside_questions_pass(text: str) -> None:
    assert not _found(text, "question-word")


def test_like_most_or_least_is_biggest_ever() -> None:
    assert _found("What do you like least about your job?", "biggest-ever") == ["like least"]
    assert _found("What did you enjoy most at school?", "biggest-ever") == ["enjoy most"]
    # A shipped bank answer: a statement, not a question.
    assert not _found("They spend it on what matters most.", "biggest-ever")


def test_ideal_worker_question() -> None:
    text = "What do you think makes a good support worker?"
    assert _found(text, "ideal-question") == ["makes a good support"]
    assert "perfect worker" in _problem(text, "ideal-question").message
    assert not _found("What makes you happy at work?", "ideal-question")
    assert not _found("It makes a good start.", "ideal-question")  # not a question


def test_can_you_give_an_example_of_is_an_opener() -> None:
    text = "Can you give us an example of when you helped a customer?"
    assert _found(text, "question-opener") == ["Can you give us an example"]
    # A shipped bank follow-up: short, after the question it is about.
    assert check("Can you give us an example?").ok
