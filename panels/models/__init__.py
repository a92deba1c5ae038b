"""Database models. Each area keeps its tables in its own module here."""

from panels.models.accounts import LoginAttempt, SignInLink, User
from panels.models.audit import AuditEvent
from panels.models.invitations import AdjustmentRequest, Invitation, InvitationJob
from panels.models.jobs import Candidate, Job, PanelMember
from panels.models.questions import Question, QuestionChange, QuestionMark

__all__ = [
    "AdjustmentRequest",
    "Invitation",
    "InvitationJob",
    "AuditEvent",
    "Candidate",
    "Job",
    "LoginAttempt",
    "PanelMember",
    "Question",
    "QuestionChange",
    "QuestionMark",
    "SignInLink",
    "User",
]
