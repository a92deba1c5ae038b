"""Every limit on what people send, defined once. Plain Python: no Flask, no database.

The models build their columns from these numbers (``String(limits.JOB_REF)``) and their
``CHECK`` constraints from the ranges (``limits.PACE_MIN``), and the
forms, the job file (``panels.results.jobfile``), the candidates CSV
(``panels.candidates.candidate_csv``) and
the question banks (``panels.questions.banks``) check against the same names. So anything that
passes a check fits in the database, on SQLite and on PostgreSQL alike.

``tests/unit/test_limits.py`` checks that every form, parser and column agree.
"""

from __future__ import annotations

import re

# --- whole numbers ------------------------------------------------------------------------

# ``Integer`` columns are 32 bits on PostgreSQL. Ids and counts never go beyond this.
INT_MAX = 2**31 - 1
ID_MAX = INT_MAX
# An id or number has at most this many digits: a longer one is out of range anyway,
# and reading a very long one is slow (Python refuses past 4300 digits).
_DIGITS = re.compile(r"[0-9]{1,10}")

# --- text held in String(N) columns (characters) --------------------------------------------

EMAIL = 254  # user.email, candidate.email, login_attempt.email
PERSON_NAME = 200  # user.name, candidate.name
JOB_REF = 40  # job.ref
JOB_TITLE = 200  # job.title
KEY = 40  # panel_member.key, candidate.key, question.key
GROUP = 60  # panel_member.group
PANEL_NAME = 60  # panel.name: "Our panel", "Managers' panel"
ROOM = 120  # panel.room
LOOK_FOR_POINTS = 10  # things to look for in one activity, at most
PHONE = 40  # candidate.phone
SCALE = 20  # user.scale
PICTURE = 80  # question.picture (an OpenMoji code)
QUESTION_SOURCE = 120  # question.source: "bank-key/question-key"
ORG_NAME = 200  # organisation.name, organisation_settings.display_name
ORG_SLUG = 40  # organisation.slug: lower-case letters, digits and dashes
ORG_ROLE = 20  # org_membership.role
CHARITY = 200  # pay_claim.charity: the charity a member gives their pay to
PAID_HOW = 200  # pay_claim.paid_how: "bank transfer", "vouchers sent"
FILE_KEY = 64  # stored_file.key, user.photo, expense.receipt (a key of panels.lib.filestore)
CONTENT_TYPE = 100  # stored_file.content_type

# --- text held in Text columns: the database takes any length; these are ours --------------

PLACE = 1000  # job.place
CONTACT = 1000  # job.contact, organisation_settings.contact
ADJUSTMENTS = 2000  # candidate.adjustments
ABOUT = 300  # user.about
PASSWORD = 200  # what a person may type as a password (only a hash is kept)
AUTH_CODE = 40  # a 6-digit app code or a recovery code, with room for spaces
EASY_READ = 600  # question.easy_read (also a suggested wording, question_mark.suggestion)
STANDARD = 2000  # question.standard
FOLLOW_UP = 300  # question.follow_up
GOOD_ANSWER = 1000  # question.good_answer, one point a line
OUTCOME = 500  # invitation.outcome
FEEDBACK = 2000  # invitation.feedback
ADJUSTMENT_OTHER = 1000  # adjustment_request.other
REASON = 1000  # reasons given for closing, reopening, finalising, changing scores
NOTE = 2000  # a score sheet's note
APPLICATION_ANSWER = 5000  # application_answer.answer: one answer, in the applicant's words
APPLICATION_PROMPT = 300  # one of the panel's questions on the application form
APPLICATION_PROMPTS = 6  # the most questions an application form has
PAY_TEXT = 1000  # time_entry.what, expense.description, reasons and notes about pay
MAIL_SUBJECT = 200  # message.subject
MAIL_KEY = 160  # message.dedupe_key: one cause, one message
MAIL_ERROR = 1000  # message.last_error: why it was not sent, in plain words

# --- numbers the domain allows ---------------------------------------------------------------

PACE_MIN, PACE_MAX = 0.5, 4.0  # user.pace: how much more time a person needs
ANSWER_MINUTES_MIN, ANSWER_MINUTES_MAX = 1, 15  # question.answer_minutes
LATE_MINUTES_MIN, LATE_MINUTES_MAX = 1, 240  # plan_shift.minutes
# organisation_settings.keep_months and keep_appointed_months: how long candidates' details
# are kept after a job's decision (a month at least, ten years at most)
KEEP_MONTHS_MIN, KEEP_MONTHS_MAX = 1, 120
KEEP_MONTHS_DEFAULT = 6  # unsuccessful candidates
KEEP_APPOINTED_MONTHS_DEFAULT = 12  # the person appointed: their records go to their employer
BOOKING_SLOTS_MIN, BOOKING_SLOTS_MAX = 1, 50  # booking_job.slots: interview times in a day
BOOKING_CUTOFF_MIN, BOOKING_CUTOFF_MAX = 0, 336  # booking_job.cutoff_hours (up to 2 weeks)
MAIL_ATTEMPTS = 8  # tries to send one email before it is shown as failed
SCORE_REMINDERS_MIN, SCORE_REMINDERS_MAX = 0, 7  # mail_settings.score_reminders: daily, at most
MAIL_ASKS = 3  # "email me a link" for one address, per window, before we stop sending
MAIL_ASK_MINUTES = 15  # that window
# day_settings.<column>: the lowest and highest minutes the day settings form takes
DAY_MINUTES = {
    "max_work_minutes": (10, 480),  # longest work without a break
    "break_minutes": (1, 240),
    "changeover_minutes": (1, 240),
    "welcome_minutes": (0, 120),
    "close_minutes": (0, 120),
    "arrive_before_minutes": (0, 240),
}
# score.value: the lowest and highest value on any scale (panels.scoring.scales). The
# database holds a score within these; only the code knows the member's own scale.
SCORE_MIN, SCORE_MAX = 0, 5
FEEDBACK_MIN, FEEDBACK_MAX = 1, 3  # the three questions about the day: 3 faces
DECISION_NOTE = 500  # a panel member's note on a decision

# --- question banks: kept shorter than what a job's question may hold -------------------------

BANK_KEY = KEY  # a bank's key and its questions' keys; "bank/question" fits QUESTION_SOURCE
BANK_TITLE = 120
BANK_DESCRIPTION = 600
BANK_EASY_READ = 400
BANK_STANDARD = 1000
BANK_FOLLOW_UP = 200
BANK_GOOD_ANSWER_POINT = 150
BANK_GOOD_ANSWER_POINTS = (2, 4)

# --- the tablets' JSON ------------------------------------------------------------------------

JSON_BYTES = 64 * 1024  # one request body
JSON_DEPTH = 8  # blocks and lists inside each other

assert 2 * BANK_KEY + 1 <= QUESTION_SOURCE
assert BANK_EASY_READ <= EASY_READ and BANK_STANDARD <= STANDARD
assert BANK_FOLLOW_UP <= FOLLOW_UP
assert BANK_GOOD_ANSWER_POINTS[1] * (BANK_GOOD_ANSWER_POINT + 1) <= GOOD_ANSWER


def parse_id(value: object) -> int | None:
    """A database id from a URL, form or JSON value: 1 to ID_MAX, else None.

    Takes whole numbers and text of ASCII digits only (no signs, spaces or other scripts'
    digits), so a huge or strange value can never reach the database.
    """
    return parse_int(value, 1, ID_MAX)


def parse_int(value: object, low: int, high: int) -> int | None:
    """A whole number from ``low`` to ``high`` (text of ASCII digits, or an int), else None.

    A leading minus is allowed when ``low`` is below zero. True and False are not numbers.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        negative = text.startswith("-") and low < 0
        digits = text[1:] if negative else text
        if not _DIGITS.fullmatch(digits):
            return None
        number = -int(digits) if negative else int(digits)
    else:
        return None
    return number if low <= number <= high else None


_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """Why this text cannot be stored, in plain words, or None when it can.

    PostgreSQL refuses the NUL character in text, and a lone half of a character pair
    (a "surrogate") cannot be written as UTF-8 at all.
    """
    if "\x00" in text:
        return "has a hidden character (NUL) in it"
    if _SURROGATE.search(text):
        return "has a broken character in it"
    return None


# Preparing together (panels/prepare)
WORKING_WITH_ME = 2000  # working_with_me.helps: what helps a panel member, one thing a line
PREP_WHAT = 2000  # prep_meeting.what: what we will do, one thing a line
TRAINING_WHAT = 1000  # training_record.what
PROFILE_WORDS = 2000  # supported_profile.words: a person's profile in their own words
CONSENT_BY = 200  # supported_profile.consent_by: who agreed
PREP_BREAK_EVERY_MIN, PREP_BREAK_EVERY_MAX = 15, 120  # prep_meeting.break_every (minutes)
