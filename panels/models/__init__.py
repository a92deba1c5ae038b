"""Database models. Each area keeps its tables in its own module here."""

from panels.lib.choices import Mark, QuestionKind, QuestionStatus, ScaleKey
from panels.models.accounts import SignInLink, SignInThrottle, ThrottleScope, User, UserSession
from panels.models.audit import AuditEvent
from panels.models.booking import BookedBy, BookingJob, SlotBooking
from panels.models.decision import DayFeedback, Decision, DecisionAnswer, DecisionMeeting
from panels.models.files import StoredFile
from panels.models.invitations import AdjustmentRequest, Invitation, InvitationJob, RequestStatus
from panels.models.jobs import Candidate, Job, Panel, PanelMember
from panels.models.mail import MailSettings, Message, MessageKind, MessageStatus, MessageVia
from panels.models.orgs import Organisation, OrganisationSettings, OrgMembership, OrgRole
from panels.models.pay import Expense, JobPayRates, OrgPayRates, PayClaim, TimeEntry
from panels.models.plan import DaySettings, LiveInterview, LiveStatus, PlanShift, QuestionTiming
from panels.models.prepare import (
    PrepMeeting,
    PrepReply,
    PrivacyAgreement,
    SupportedProfile,
    TrainingRecord,
    WorkingWithMe,
)
from panels.models.privacy import AnonymisedCandidate, JobRetention, RemovedWhy
from panels.models.questions import Question, QuestionChange, QuestionMark, WordingField
from panels.models.scoring import (
    Score,
    ScoreSend,
    ScoreSheet,
    ScoringPref,
    ScoringState,
    SendResult,
    SheetStatus,
)
from panels.models.shortlist import (
    Application,
    ApplicationAnswer,
    ApplicationSetup,
    ApplicationSource,
    ApplicationStatus,
    Quality,
    QualityKind,
    QualityMark,
    QuestionQuality,
    ReviewScore,
    ReviewSheet,
    ShortlistDecision,
)
from panels.models.tasks import Task, TaskStatus, WorkerHeartbeat

__all__ = [  # the tables, then the sets of values their columns hold
    "AdjustmentRequest",
    "AnonymisedCandidate",
    "Application",
    "ApplicationAnswer",
    "ApplicationSetup",
    "Quality",
    "QualityMark",
    "QuestionQuality",
    "ReviewScore",
    "ReviewSheet",
    "ShortlistDecision",
    "Invitation",
    "InvitationJob",
    "AuditEvent",
    "BookingJob",
    "SlotBooking",
    "Candidate",
    "DayFeedback",
    "DaySettings",
    "Decision",
    "DecisionAnswer",
    "DecisionMeeting",
    "Expense",
    "Job",
    "JobPayRates",
    "JobRetention",
    "LiveInterview",
    "MailSettings",
    "Message",
    "Organisation",
    "OrganisationSettings",
    "OrgMembership",
    "OrgRole",
    "OrgPayRates",
    "PayClaim",
    "Panel",
    "PanelMember",
    "PlanShift",
    "PrepMeeting",
    "PrepReply",
    "PrivacyAgreement",
    "SupportedProfile",
    "TrainingRecord",
    "WorkingWithMe",
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
    "Task",
    "TimeEntry",
    "User",
    "UserSession",
    "WorkerHeartbeat",
    "BookedBy",
    "LiveStatus",
    "ApplicationSource",
    "ApplicationStatus",
    "QualityKind",
    "Mark",
    "QuestionKind",
    "QuestionStatus",
    "RemovedWhy",
    "RequestStatus",
    "ScaleKey",
    "SendResult",
    "SheetStatus",
    "ThrottleScope",
    "WordingField",
    "TaskStatus",
    "MessageKind",
    "MessageStatus",
    "MessageVia",
]
