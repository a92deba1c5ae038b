"""Database models. Each area keeps its tables in its own module here."""

from panels.models.accounts import LoginAttempt, SignInLink, User
from panels.models.audit import AuditEvent
from panels.models.jobs import Candidate, Job, PanelMember
from panels.models.questions import Question, QuestionChange, QuestionMark
from panels.models.scoring_ui import Score, ScoreSend, ScoreSheet, ScoringPref, ScoringState

__all__ = [
    "AuditEvent",
    "Candidate",
    "Job",
    "LoginAttempt",
    "PanelMember",
    "Question",
    "QuestionChange",
    "QuestionMark",
    "Score",
    "ScoreSend",
    "ScoreSheet",
    "ScoringPref",
    "ScoringState",
    "SignInLink",
    "User",
]
