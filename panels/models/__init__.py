"""Database models. Each area keeps its tables in its own module here."""

from panels.models.accounts import SignInLink, SignInThrottle, User, UserSession
from panels.models.audit import AuditEvent
from panels.models.files import StoredFile
from panels.models.invitations import AdjustmentRequest, Invitation, InvitationJob
from panels.models.jobs import Candidate, Job, PanelMember
from panels.models.orgs import Organisation, OrganisationSettings, OrgMembership, OrgRole
from panels.models.pay import Expense, JobPayRates, OrgPayRates, PayClaim, TimeEntry
from panels.models.plan import DaySettings, LiveInterview, PlanShift, QuestionTiming
from panels.models.questions import Question, QuestionChange, QuestionMark
from panels.models.scoring import Score, ScoreSend, ScoreSheet, ScoringPref, ScoringState

__all__ = [
    "AdjustmentRequest",
    "Invitation",
    "InvitationJob",
    "AuditEvent",
    "Candidate",
    "DaySettings",
    "Expense",
    "Job",
    "JobPayRates",
    "LiveInterview",
    "Organisation",
    "OrganisationSettings",
    "OrgMembership",
    "OrgRole",
    "OrgPayRates",
    "PayClaim",
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
    "StoredFile",
    "TimeEntry",
    "User",
    "UserSession",
]
