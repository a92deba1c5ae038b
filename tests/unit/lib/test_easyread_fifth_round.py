"""Easy-read checker rules of issue 17's fifth round. Each rule has a real sentence it flags
and a real one it must leave alone, both from the tuning documents of
tests/data/easyread_public.yaml (source named beside them); held-out documents are not
used here."""

from __future__ import annotations

import pytest

from panels.lib.easyread import Problem, check


def _found(text: str, rule: str) -> list[str]:
    return [p.excerpt for p in check(text).problems if p.rule == rule]


def _problem(text: str, excerpt: str) -> Problem:
    return next(p for p in check(text).problems if p.excerpt == excerpt)


# --- formal words with a plain one ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "excerpt", "plain", "easy"),
    [
        (
            # hdft-appointment
            "Please read your letter carefully and inform us as soon as possible if you’re "
            "unable to attend your appointment.",
            "attend",
            "go to",
            "If you can’t go to the interview, let the employer know.",  # mencap-interview
        ),
        (
            "The method you use to vote is up to you.",  # cambridge-elections-access
            "method",
            "way",
            "We use pictures to explain some ideas.",  # lakemac-plan
        ),
        (
            # devon-mental-capacity
            "A person’s capacity can vary from day to day and from issue to issue.",
            "vary",
            "change",
            # northlanarkshire-hate-crime-easy
            "A characteristic is how you see yourself or a group that you feel part of.",
        ),
        (
            "This is to prevent someone else from using your vote.",  # surrey-postal-vote
            "prevent",
            "stop",
            # salford-covid-easy
            "The coronavirus vaccine should stop you getting very poorly if you do catch "
            "coronavirus.",
        ),
        (
            # stylemanual-easy-read
            "Easy Read’s unique layout and style presents information so it’s easy to understand.",
            "unique",
            "special",
            "We have written some words in bold.",  # lakemac-plan
        ),
        (
            # stylemanual-easy-read
            "Easy Read often involves using images to complement the text.",
            "complement",
            "go with",
            "We use pictures to explain some ideas.",  # lakemac-plan
        ),
        (
            "Why Is It Critical to Keep Records?",  # workbloom-hca
            "Critical",
            "very important",
            "Make sure you know the time and date of the interview.",  # mencap-interview
        ),
        (
            # derbyshire-ahc-invite
            "The practice should send out a pre-health check questionnaire.",
            "questionnaire",
            "list of questions",
            "Talk about your health and how you are feeling",  # hwics-health-check
        ),
        (
            # hdft-appointment
            "For some appointments, you may be asked to bring in a urine sample.",
            "urine",
            "wee",
            "Do not pee in the plastic tub.",  # lanarkshire-bowel-easy
        ),
        (
            # england-health-checks
            "Anyone over the age of 14 with a learning disability, can have an annual health "
            "check.",
            "over the age of",
            "older than",
            "Anyone who is 5 years or older can get a COVID-19 vaccination.",  # nsw-covid-easy
        ),
        (
            "How would you deal with an irate customer",  # infobarrel-customer-service
            "irate",
            "angry",
            "If you can’t go to the interview, let the employer know.",  # mencap-interview
        ),
        (
            "Customer privacy is crucial in customer service.",  # proceffa-customer-service
            "crucial",
            "very important",
            "Make sure you know the time and date of the interview.",  # mencap-interview
        ),
        (
            # cambridgepc-online-safety
            "Be wary of online friends that you don’t actually know in real life.",
            "wary",
            "careful",
            "Give yourself plenty of time to get there.",  # mencap-interview
        ),
        (
            "How would you define good customer service?",  # naukri-customer-service
            "define",
            "say what it means",
            "We explain what these words mean.",  # lakemac-plan
        ),
        (
            # magna-help-us-to-help-you
            "Once you have booked a consultation: keep it or cancel it.",
            "consultation",
            "appointment",
            "Make sure you know the time and date of the interview.",  # mencap-interview
        ),
        (
            # magna-help-us-to-help-you
            "The fact that a patient makes an appointment and does not keep it is recorded in "
            "our records.",
            "The fact that",
            "that",
            "This means the letters are thicker and darker.",  # lakemac-plan
        ),
    ],
)
def test_formal_words_are_found(text: str, excerpt: str, plain: str, easy: str) -> None:
    assert excerpt in _found(text, "hard-word")
    assert _problem(text, excerpt).suggestion == f"Use '{plain}'."
    assert check(easy).ok, check(easy).problems


def test_saying_no_place_in() -> None:
    text = (
        "Hate crime of any kind has absolutely no place in our society."  # equipequality-hate-crime
    )
    assert _found(text, "idiom") == ["has absolutely no place in"]
    assert _problem(text, "has absolutely no place in").suggestion == "Say 'is not OK in'."
    # swanmedical-bowel-easy: "part of the body" is a plain place, not the saying.
    assert check("Your bowel is the part of the body that gets rid of food you do not need.").ok


# --- a hard word in a plain use: "identify as" ---------------------------------------


def test_identify_as_is_plain() -> None:
    # northlanarkshire-hate-crime-easy: how someone sees themselves, not "find".
    assert check("This means you do not identify as the sex on your birth certificate.").ok
    # wikijob-safeguarding: "identify" meaning "find" is still a hard word.
    text = "Safeguarding issues can be difficult to identify."
    assert "identify" in _found(text, "hard-word")
    assert _problem(text, "identify").suggestion == "Use 'find'."


# --- passives: "being ..." names what happens; "by the law" names no one -------------


def test_being_form_is_not_a_passive() -> None:
    # northlanarkshire-hate-crime-easy: the easy-read way to say what a word means.
    assert check("Being harassed means being picked on.").ok
    # derbyshire-ahc-invite: a passive that hides who must act is still flagged.
    text = "Invitations should be sent to patients in an easy read format."
    assert _found(text, "passive") == ["should be sent"]


def test_by_the_law_names_no_one() -> None:
    # northlanarkshire-hate-crime-easy
    assert check("A protected characteristic is one that is covered by the law.").ok
    # surrey-postal-vote: "by" naming who does it is still flagged in a short sentence.
    text = "All successful applications will be acknowledged by the electoral services team."
    assert _found(text, "passive") == ["be acknowledged"]


# --- "X means what ..." says what X is ---------------------------------------------


def test_means_what_explains_the_words_before_it() -> None:
    # northlanarkshire-hate-crime-easy: the sentence says what "sexual orientation" means.
    text = (
        "Sexual orientation means what kinds of people you love or have sexual or romantic "
        "feelings about."
    )
    assert check(text).ok, check(text).problems
    # equipequality-hate-crime: the same words, not explained, in a long formal sentence.
    hard = (
        "The law protects everyone against prejudice or hostility that is directed towards "
        "them based on their disability, gender identity, nationality, race, religion or "
        "sexual orientation."
    )
    assert "orientation" in _found(hard, "uncommon-word")


def test_the_extra_mile_in_every_tense() -> None:
    # infobarrel-customer-service
    text = "Tell me about a time you went the extra mile to help a customer"
    assert _found(text, "idiom") == ["went the extra mile"]
    assert _problem(text, "went the extra mile").suggestion == "Say 'did more'."
    # mencap-interview: "plenty of time" is plain, with no saying in it.
    assert check("Give yourself plenty of time to get there.").ok


def test_briefly_explain_is_a_hard_opener() -> None:
    # naukri-customer-service
    text = "Briefly explain what you mean by customer service and customer support."
    assert _found(text, "question-opener") == ["Briefly explain"]
    # lakemac-plan: "explain" in a statement, not an interview ask.
    assert check("We explain what these words mean.").ok


def test_a_hard_word_in_a_name_is_left_alone() -> None:
    # govscot-gp-access-easy: "General Practitioners" is what they are called.
    text = (
        "General Practice is a place where General Practitioners (GPs), nurses and other "
        "medical professionals, treat sick people."
    )
    assert check(text).ok, check(text).problems
    # workbloom-hca: a heading in capitals is not a name, and its hard word is found.
    assert _found("Why Is It Critical to Keep Records?", "hard-word") == ["Critical"]
