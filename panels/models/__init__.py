"""Database models. Each area keeps its tables in its own module here."""

from panels.models.accounts import SignInLink, SignInThrottle, User, UserSession
from panels.models.audit import AuditEvent
from panels.models.invitations import AdjustmentRequest, Invitation, InvitationJob
from panels.models.jobs import Candidate, Job, PanelMember
from panels.models.plan import DaySettings, LiveInterview, PlanShift, QuestionTiming
from panels.models.questions import Question, QuestionChange, QuestionMark
from panels.models.scoring import Score, ScoreSend, ScoreSheet, ScoringPref, ScoringState
from panels.models.tasks import Task, TaskStatus, WorkerHeartbeat

__all__ = [
    "AdjustmentRequest",
    "Invitation",
    "InvitationJob",
    "AuditEvent",
    "Candidate",
    "DaySettings",
    "Job",
    "LiveInterview",
    "PanelMember",
    "PlanShift",
    "Question",
    "QuestionChange",
    "QuestionMark",
    "QuestionTiming",
    "Score",
    "ScoreSend",
    "ScoreSheet",
    "ScoringPref",
    "ScoringState",
    "SignInLink",
    "SignInThrottle",
    "Task",
    "TaskStatus",
    "User",
    "UserSession",
    "WorkerHeartbeat",
]
