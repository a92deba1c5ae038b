"""The database itself refuses a status it does not know and a number out of its range.

Every CHECK constraint in the models gets a bad row here (an IntegrityError naming the
constraint, on SQLite and PostgreSQL alike) and its edge values are taken. The forms
refuse the same input first, in plain words: test_constraints_forms.py.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import CheckConstraint, update
from sqlalchemy.exc import IntegrityError

from panels.db import db
from panels.lib import limits
from panels.lib.decisions import Answer, Phrase, Proposal
from panels.models import (
    AdjustmentRequest,
    AnonymisedCandidate,
    BookedBy,
    BookingJob,
    Candidate,
    DayFeedback,
    DaySettings,
    Decision,
    DecisionAnswer,
    Expense,
    Job,
    JobPayRates,
    JobRetention,
    LiveInterview,
    LiveStatus,
    MailSettings,
    Mark,
    Message,
    MessageKind,
    MessageStatus,
    MessageVia,
    OrganisationSettings,
    OrgMembership,
    OrgPayRates,
    Panel,
    PanelMember,
    PayClaim,
    PlanShift,
    PrepMeeting,
    PrepReply,
    Question,
    QuestionChange,
    QuestionKind,
    QuestionMark,
    QuestionStatus,
    RemovedWhy,
    RequestStatus,
    ScaleKey,
    Score,
    ScoreSend,
    ScoreSheet,
    SendResult,
    SheetStatus,
    SignInThrottle,
    SlotBooking,
    Task,
    TaskStatus,
    ThrottleScope,
    TimeEntry,
    TrainingRecord,
    User,
    WordingField,
)
from panels.models import pay as pay_model
from panels.models import prepare as prepare_model
from panels.models.base import utcnow
from panels.models.shortlist import (
    Application,
    ApplicationAnswer,
    Quality,
    QualityMark,
    ReviewScore,
    ReviewSheet,
)
from tests.integration.mail_matrix_helpers import mail_rows

DAY = limits.DAY_MINUTES

# (constraint, model, bad values)
BAD = [
    ("ck_user_pace", User, {"pace": limits.PACE_MIN - 0.1}),
    ("ck_user_pace", User, {"pace": limits.PACE_MAX + 0.5}),
    ("ck_user_scale", User, {"scale": "points7"}),
    ("ck_sign_in_throttle_scope", SignInThrottle, {"scope": "device"}),
    ("ck_candidate_position", Candidate, {"position": -1}),
    *[(f"ck_day_settings_{name}", DaySettings, {name: low - 1}) for name, (low, _) in DAY.items()],
    *[
        (f"ck_day_settings_{name}", DaySettings, {name: high + 1})
        for name, (_, high) in DAY.items()
    ],
    ("ck_adjustment_request_status", AdjustmentRequest, {"status": "done"}),
    ("ck_live_interview_status", LiveInterview, {"status": "waiting"}),  # a screen's word only
    ("ck_plan_shift_minutes", PlanShift, {"minutes": limits.LATE_MINUTES_MIN - 1}),
    ("ck_plan_shift_minutes", PlanShift, {"minutes": limits.LATE_MINUTES_MAX + 1}),
    ("ck_question_position", Question, {"position": -1}),
    ("ck_question_answer_minutes", Question, {"answer_minutes": limits.ANSWER_MINUTES_MIN - 0.5}),
    ("ck_question_answer_minutes", Question, {"answer_minutes": limits.ANSWER_MINUTES_MAX + 1}),
    ("ck_question_status", Question, {"status": "Agreed"}),
    ("ck_question_kind", Question, {"kind": "game"}),
    ("ck_question_activity_look_for", Question, {"kind": "activity"}),  # nothing to look for
    ("ck_job_one_parity", Job, {"group_parity": True, "panel_parity": True}),
    ("ck_panel_position", Panel, {"position": -1}),
    ("ck_question_mark_mark", QuestionMark, {"mark": "maybe"}),
    ("ck_question_change_field", QuestionChange, {"field": "title"}),
    ("ck_score_sheet_status", ScoreSheet, {"status": "sent"}),
    ("ck_score_sheet_scale", ScoreSheet, {"scale": "stars"}),
    ("ck_org_membership_role", OrgMembership, {"role": "owner"}),
    ("ck_score_send_result", ScoreSend, {"result": "duplicate"}),  # answered, never stored
    ("ck_score_value", Score, {"value": limits.SCORE_MAX + 1}),
    ("ck_score_value", Score, {"value": limits.SCORE_MIN - 1}),
    ("ck_score_dont_know_xor_value", Score, {"value": None, "dont_know": False}),
    ("ck_score_dont_know_xor_value", Score, {"value": 2, "dont_know": True}),
    # Pay: the organisation's default rates and each job's copy hold the same rules.
    *[
        (f"ck_{model.__tablename__}_{name}_per", model, {f"{name}_per": "day"})
        for model in (OrgPayRates, JobPayRates)
        for name in ("preparation", "interview_day", "training", "travel")
    ],
    *[
        (f"ck_{model.__tablename__}_rates_not_negative", model, {column: -1})
        for model in (OrgPayRates, JobPayRates)
        for column in ("preparation_pence", "mileage_pence")
    ],
    ("ck_pay_claim_choice", PayClaim, {"choice": "benefits"}),  # a choice, never a benefit
    ("ck_pay_claim_time_check", PayClaim, {"time_check": "maybe"}),
    ("ck_pay_claim_lower_not_negative", PayClaim, {"lower_pence": -1}),
    ("ck_time_entry_kind", TimeEntry, {"kind": "overtime"}),
    ("ck_time_entry_source", TimeEntry, {"source": "guess"}),
    ("ck_time_entry_end_after_start", TimeEntry, {"end_time": time(10, 0)}),  # it starts at 10
    ("ck_time_entry_end_after_start", TimeEntry, {"end_time": time(9, 0)}),
    ("ck_expense_kind", Expense, {"kind": "gift"}),
    ("ck_expense_decision", Expense, {"decision": "maybe"}),
    ("ck_expense_amount_not_negative", Expense, {"amount_pence": -1}),
    ("ck_expense_miles_positive", Expense, {"miles_tenths": 0}),
    ("ck_quality_kind", Quality, {"kind": "question"}),
    ("ck_quality_position", Quality, {"position": -1}),
    ("ck_quality_status", Quality, {"status": "Agreed"}),
    ("ck_quality_mark_mark", QualityMark, {"mark": "maybe"}),
    ("ck_application_number", Application, {"number": 0}),
    ("ck_application_status", Application, {"status": "hired"}),
    ("ck_application_source", Application, {"source": "phone"}),
    ("ck_application_answer_position", ApplicationAnswer, {"position": -1}),
    ("ck_review_sheet_status", ReviewSheet, {"status": "sent"}),
    ("ck_review_sheet_scale", ReviewSheet, {"scale": "stars"}),
    ("ck_review_score_value", ReviewScore, {"value": limits.SCORE_MAX + 1}),
    ("ck_review_score_dont_know_xor_value", ReviewScore, {"value": None, "dont_know": False}),
    ("ck_task_status", Task, {"status": "lost"}),
    ("ck_task_attempts", Task, {"attempts": -1}),
    ("ck_task_attempts", Task, {"max_attempts": 0}),
    # Keeping records: a period of 0 months or 100 years, a hold with no reason.
    ("ck_organisation_settings_keep_months", OrganisationSettings, {"keep_months": 0}),
    ("ck_organisation_settings_keep_months", OrganisationSettings, {"keep_months": 1200}),
    (
        "ck_organisation_settings_keep_appointed_months",
        OrganisationSettings,
        {"keep_appointed_months": limits.KEEP_MONTHS_MAX + 1},
    ),
    ("ck_job_retention_held_has_reason", JobRetention, {"held_reason": ""}),
    ("ck_anonymised_candidate_why", AnonymisedCandidate, {"why": "forgotten"}),
    ("ck_decision_proposal", Decision, {"proposal": "hire"}),
    ("ck_decision_reason_given", Decision, {"reason_needed": True, "reason": ""}),
    ("ck_decision_answer_answer", DecisionAnswer, {"answer": "maybe"}),
    ("ck_decision_answer_phrase", DecisionAnswer, {"phrase": "rude"}),
    ("ck_day_feedback_listened", DayFeedback, {"listened": limits.FEEDBACK_MAX + 1}),
    ("ck_day_feedback_time", DayFeedback, {"time": limits.FEEDBACK_MIN - 1}),
    ("ck_day_feedback_again", DayFeedback, {"again": 0}),
    ("ck_day_feedback_member_or_candidate", DayFeedback, {"member_id": None}),
    # Interview times candidates choose.
    ("ck_booking_job_slots", BookingJob, {"slots": limits.BOOKING_SLOTS_MIN - 1}),
    ("ck_booking_job_slots", BookingJob, {"slots": limits.BOOKING_SLOTS_MAX + 1}),
    ("ck_booking_job_cutoff_hours", BookingJob, {"cutoff_hours": -1}),
    ("ck_booking_job_cutoff_hours", BookingJob, {"cutoff_hours": limits.BOOKING_CUTOFF_MAX + 1}),
    ("ck_slot_booking_slot", SlotBooking, {"slot": 0}),
    ("ck_slot_booking_slot", SlotBooking, {"slot": limits.BOOKING_SLOTS_MAX + 1}),
    ("ck_slot_booking_booked_by", SlotBooking, {"booked_by": "someone"}),
    ("ck_message_attempts", Message, {"attempts": -1}),
    ("ck_message_status", Message, {"status": "lost"}),
    ("ck_message_kind", Message, {"kind": "spam"}),
    ("ck_message_via", Message, {"via": "pigeon"}),
    ("ck_message_recipient", Message, {"recipient": "a@"}),
    ("ck_mail_settings_score_reminders", MailSettings, {"score_reminders": -1}),
    ("ck_mail_settings_score_reminders", MailSettings, {"score_reminders": 8}),
    ("ck_prep_meeting_break_every", PrepMeeting, {"break_every": limits.PREP_BREAK_EVERY_MIN - 1}),
    ("ck_prep_meeting_break_every", PrepMeeting, {"break_every": limits.PREP_BREAK_EVERY_MAX + 1}),
    ("ck_prep_reply_answer", PrepReply, {"answer": "maybe"}),
    ("ck_training_record_kind", TrainingRecord, {"kind": "diagnosis"}),
]

# (model, good values): the edges of each range and every word of each set
GOOD = [
    (User, {"pace": limits.PACE_MIN}),
    (User, {"pace": limits.PACE_MAX}),
    *[(User, {"scale": key}) for key in ScaleKey],
    *[(SignInThrottle, {"scope": scope}) for scope in ThrottleScope],
    (Candidate, {"position": 0}),
    *[(DaySettings, {name: low}) for name, (low, _) in DAY.items()],
    *[(DaySettings, {name: high}) for name, (_, high) in DAY.items()],
    *[(AdjustmentRequest, {"status": status}) for status in RequestStatus],
    *[(LiveInterview, {"status": status}) for status in LiveStatus],
    (PlanShift, {"minutes": limits.LATE_MINUTES_MIN}),
    (PlanShift, {"minutes": limits.LATE_MINUTES_MAX}),
    (Question, {"position": 0}),
    (Question, {"answer_minutes": limits.ANSWER_MINUTES_MIN}),
    (Question, {"answer_minutes": limits.ANSWER_MINUTES_MAX}),
    *[(Question, {"status": status}) for status in QuestionStatus],
    *[(Question, {"kind": kind, "look_for": "They asked Sam first"}) for kind in QuestionKind],
    (Job, {"group_parity": True, "panel_parity": False}),
    (Job, {"group_parity": False, "panel_parity": True}),
    (Panel, {"position": 0}),
    *[(QuestionMark, {"mark": mark}) for mark in Mark],
    *[(QuestionChange, {"field": field}) for field in WordingField],
    *[(ScoreSheet, {"status": status}) for status in SheetStatus],
    *[(ScoreSend, {"result": result}) for result in SendResult],
    (Score, {"value": limits.SCORE_MIN, "dont_know": False}),
    (Score, {"value": limits.SCORE_MAX, "dont_know": False}),
    (Score, {"value": None, "dont_know": True}),
    *[
        (model, {f"{name}_per": per})
        for model in (OrgPayRates, JobPayRates)
        for name in ("preparation", "interview_day", "training", "travel")
        for per in pay_model.PER
    ],
    (OrgPayRates, {"preparation_pence": 0, "mileage_pence": 0}),
    (JobPayRates, {"travel_pence": 0, "mileage_pence": 0}),
    *[(PayClaim, {"choice": choice}) for choice in (*pay_model.CHOICES, None)],
    *[(PayClaim, {"time_check": check}) for check in pay_model.TIME_CHECKS],
    (PayClaim, {"lower_pence": 0}),
    (PayClaim, {"lower_pence": None}),
    *[(TimeEntry, {"kind": kind}) for kind in pay_model.TIME_KINDS],
    *[(TimeEntry, {"source": source}) for source in pay_model.SOURCES],
    (TimeEntry, {"end_time": time(10, 1)}),
    *[(Expense, {"kind": kind}) for kind in pay_model.EXPENSE_KINDS],
    *[(Expense, {"decision": decision}) for decision in pay_model.DECISIONS],
    (Expense, {"amount_pence": 0}),
    (Expense, {"miles_tenths": 1}),
    (Expense, {"miles_tenths": None}),
    *[(Task, {"status": status}) for status in TaskStatus],
    (Task, {"attempts": 0, "max_attempts": 1}),
    (OrganisationSettings, {"keep_months": limits.KEEP_MONTHS_MIN}),
    (OrganisationSettings, {"keep_months": limits.KEEP_MONTHS_MAX}),
    (OrganisationSettings, {"keep_appointed_months": limits.KEEP_MONTHS_MIN}),
    (OrganisationSettings, {"keep_appointed_months": limits.KEEP_MONTHS_MAX}),
    (JobRetention, {"held_at": None, "held_reason": ""}),
    *[(AnonymisedCandidate, {"why": why}) for why in RemovedWhy],
    *[(Decision, {"proposal": p}) for p in Proposal],
    (Decision, {"reason_needed": True, "reason": "They can drive."}),
    *[(DecisionAnswer, {"answer": a}) for a in Answer],
    *[(DecisionAnswer, {"phrase": p}) for p in (*Phrase, None)],
    *[(DayFeedback, {k: v}) for k in ("listened", "time", "again") for v in (1, 3)],
    (BookingJob, {"slots": limits.BOOKING_SLOTS_MIN, "cutoff_hours": limits.BOOKING_CUTOFF_MIN}),
    (BookingJob, {"slots": limits.BOOKING_SLOTS_MAX, "cutoff_hours": limits.BOOKING_CUTOFF_MAX}),
    (SlotBooking, {"slot": limits.BOOKING_SLOTS_MIN}),
    (SlotBooking, {"slot": limits.BOOKING_SLOTS_MAX}),
    *[(SlotBooking, {"booked_by": by}) for by in BookedBy],
    *[(Message, {"status": status}) for status in MessageStatus],
    *[(Message, {"kind": kind}) for kind in MessageKind],
    *[(Message, {"via": via}) for via in (*MessageVia, None)],
    (MailSettings, {"score_reminders": limits.SCORE_REMINDERS_MIN}),
    (MailSettings, {"score_reminders": limits.SCORE_REMINDERS_MAX}),
    (PrepMeeting, {"break_every": limits.PREP_BREAK_EVERY_MIN}),
    (PrepMeeting, {"break_every": limits.PREP_BREAK_EVERY_MAX}),
    *[(PrepReply, {"answer": answer}) for answer in prepare_model.ANSWERS],
    *[(TrainingRecord, {"kind": kind}) for kind in prepare_model.TRAINING_KINDS],
    *[(Application, {"status": status}) for status in ("draft", "sent", "shortlisted")],
    (Application, {"number": 1}),
    (ReviewScore, {"value": None, "dont_know": True}),
]


@pytest.fixture(scope="module")
def rows(app, shared_world):
    """One good row in every table with a CHECK constraint: model -> its primary key.

    Made once for the module: each test changes them in a savepoint that is rolled back
    after it (see ``shared_world``), so every test starts from these same rows."""
    world = shared_world
    with app.app_context():
        job, member = world["job_a"], world["member_sam"]
        question = Question(job_id=job, key="q1", easy_read="Why this job?", status="agreed")
        db.session.add(question)
        db.session.flush()
        sheet = ScoreSheet(job_id=job, candidate_id=world["cand_a"], member_id=member)
        sheet.scores.append(Score(question_id=question.id, value=2, dont_know=False))
        made = [
            question,
            QuestionMark(question_id=question.id, member_id=member, mark="keep"),
            QuestionChange(question_id=question.id, field="easy_read", after="Why this job?"),
            DaySettings(job_id=job, start=time(9, 30)),
            PlanShift(job_id=job, candidate_id=world["cand_a"], minutes=10),
            LiveInterview(job_id=job, candidate_id=world["cand_a"]),
            sheet,
            AdjustmentRequest(candidate_id=world["cand_a"], other="A quiet room"),
            SignInThrottle(scope="account", value="sam@example.org", tries=1),
            BookingJob(job_id=job, slots=3, cutoff_hours=24),
            SlotBooking(job_id=job, slot=1, candidate_id=world["cand_a"], booked_by="candidate"),
        ]
        db.session.add_all(made)
        db.session.flush()
        db.session.add(ScoreSend(sheet_id=sheet.id, client_id="t1", result="saved", version=1))
        db.session.commit()
        ids = {type(row): row.__mapper__.primary_key_from_instance(row)[0] for row in made}
        ids[Score] = sheet.scores[0].id
        ids[ScoreSend] = db.session.scalar(db.select(ScoreSend.id))
        ids[User] = world["sam"]
        ids[Candidate] = world["cand_a"]
        ids[Job] = job
        ids[Panel] = question.panel_id
        ids[OrgMembership] = db.session.scalar(db.select(OrgMembership.id))
        ids.update(_pay_and_task_rows(job, member, world["cand_b"]))
        ids.update(_shortlist_rows(job, member))
    return ids


def _pay_and_task_rows(job: int, member: int, candidate: int) -> dict:
    """Good pay rows (rates, a claim, a time entry 10:00 to 11:00, an expense) and a task."""
    organisation = db.session.get(Job, job).organisation_id
    claim = PayClaim(job_id=job, member_id=member)
    made = [
        OrgPayRates(organisation_id=organisation),
        JobPayRates(job_id=job),
        claim,
        TimeEntry(
            claim=claim,
            job_id=job,
            kind="preparation",
            day=date(2026, 12, 8),
            start_time=time(10, 0),
            end_time=time(11, 0),
        ),  # fmt: skip
        Expense(claim=claim, job_id=job, kind="fare", day=date(2026, 12, 8), amount_pence=240),
        Task(kind="auth.prune"),
        OrganisationSettings(organisation_id=organisation),
        JobRetention(job_id=job, held_at=utcnow(), held_reason="A complaint"),
        AnonymisedCandidate(candidate_id=candidate, job_id=job, why="retention"),
    ]
    db.session.add_all(made)
    db.session.flush()
    decision = Decision(job_id=job, candidate_id=claim_candidate(job), proposal="offer")
    db.session.add(decision)
    db.session.flush()
    made += [
        decision,
        DecisionAnswer(job_id=job, decision_id=decision.id, member_id=member, answer="agree"),
        DayFeedback(job_id=job, member_id=member, listened=2, time=2, again=2),
        *mail_rows(organisation, job),
    ]
    meeting = PrepMeeting(job_id=job, day=date(2026, 12, 8), start_time=time(10, 0))
    made += [
        meeting,
        PrepReply(meeting=meeting, member_id=member, answer="yes"),
        TrainingRecord(
            organisation_id=organisation,
            user_id=db.session.get(PanelMember, member).user_id,
            day=date(2026, 11, 2),
        ),
    ]
    db.session.add_all(made)
    db.session.commit()
    return {type(row): row.__mapper__.primary_key_from_instance(row)[0] for row in made}


def claim_candidate(job: int) -> int:
    return db.session.scalar(db.select(Candidate.id).where(Candidate.job_id == job))


def _shortlist_rows(job: int, member: int) -> dict:
    """A quality with a mark, an application with an answer, a review sheet with a score."""
    quality = Quality(job_id=job, key="k1", easy_read="Listens to me")
    application = Application(job_id=job, number=1, name="Rosa Quinn")
    application.answers.append(ApplicationAnswer(position=0, prompt="Why?", answer="I care."))
    db.session.add_all([quality, application])
    db.session.flush()
    sheet = ReviewSheet(job_id=job, application_id=application.id, member_id=member)
    sheet.scores.append(ReviewScore(quality_id=quality.id, value=2, dont_know=False))
    mark = QualityMark(quality_id=quality.id, member_id=member, mark="keep")
    db.session.add_all([sheet, mark])
    db.session.commit()
    return {
        Quality: quality.id,
        QualityMark: mark.id,
        Application: application.id,
        ApplicationAnswer: application.answers[0].id,
        ReviewSheet: sheet.id,
        ReviewScore: sheet.scores[0].id,
    }


def _change(model, key, values) -> None:
    """UPDATE one row in a savepoint, so the test's transaction goes on after a refusal."""
    primary = model.__mapper__.primary_key[0]
    with db.session.begin_nested():
        db.session.execute(update(model).where(primary == key).values(**values))


def _case_id(case) -> str:
    name, _, values = case
    return f"{name}-{'-'.join(f'{k}={v}' for k, v in values.items())}"


@pytest.mark.parametrize(("name", "model", "values"), BAD, ids=[_case_id(c) for c in BAD])
def test_the_database_refuses_a_bad_row(app, rows, name, model, values):
    with app.app_context():
        with pytest.raises(IntegrityError) as refused:
            _change(model, rows[model], values)
        assert name in str(refused.value.orig)


@pytest.mark.parametrize(
    ("model", "values"), GOOD, ids=[_case_id(("", m, v)).lstrip("-") for m, v in GOOD]
)
def test_the_database_takes_the_edges_and_every_word(app, rows, model, values):
    with app.app_context():
        _change(model, rows[model], values)
        row = db.session.get(model, rows[model])
        db.session.refresh(row)
        assert {name: getattr(row, name) for name in values} == values


def test_every_check_constraint_has_a_bad_row_here():
    named = {
        constraint.name
        for table in db.metadata.tables.values()
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint)
    }
    assert named == {name for name, _, _ in BAD}


def test_a_status_reads_back_as_its_enum_and_equals_its_word(app, rows):
    with app.app_context():
        question = db.session.get(Question, rows[Question])
        assert question.status is QuestionStatus.AGREED
        assert question.status == "agreed" and f"{question.status}" == "agreed"
        assert {"agreed": "Agreed"}[question.status] == "Agreed"
