"""What the coordinator reads about messages, in plain words. Plain Python."""

from __future__ import annotations

from panels.models.mail import MessageKind, MessageStatus, MessageVia

KIND_WORDS = {
    MessageKind.INVITATION: "Invitation",
    MessageKind.INVITATION_AGAIN: "Invitation again (the candidate asked)",
    MessageKind.SIGN_IN_LINK: "Sign-in link",
    MessageKind.CANDIDATE_REMINDER: "Reminder: 24 hours before",
    MessageKind.MEMBER_DAY_BEFORE: "Reminder: the day before",
    MessageKind.MEMBER_MORNING: "Reminder: on the morning",
    MessageKind.SCORES_REMINDER: "Reminder: send your scores",
    MessageKind.OUTCOME: "Outcome",
}

NO_SERVER = (
    "No mail server is set up, so Panels does not send emails. "
    "It keeps them here instead: you can read each one as it would look. "
    "To send them for real, set PANELS_MAIL_SERVER."
)


def status_words(status: str, via: str | None, error: str) -> str:
    """Sent, kept here, waiting, sending, or failed with the reason."""
    if status == MessageStatus.SENT:
        return "Kept here (no mail server)" if via == MessageVia.OUTBOX else "Sent"
    if status == MessageStatus.FAILED:
        return f"Failed: {error}" if error else "Failed"
    if status == MessageStatus.SENDING:
        return "Sending now"
    if error:
        return f"Waiting to try again. Last try: {error}"
    return "Waiting to be sent"


def section_status(counts: dict[str, int]) -> str:
    if not counts:
        return "Nothing sent yet"
    failed = counts.get(MessageStatus.FAILED.value, 0)
    waiting = counts.get(MessageStatus.QUEUED.value, 0) + counts.get(MessageStatus.SENDING, 0)
    if failed:
        return f"{failed} failed"
    if waiting:
        return f"{waiting} waiting"
    return "All sent"


def queued_words(queued: int) -> str:
    if queued == 0:
        return "No new invitations to send. Every candidate with an email address has theirs."
    if queued == 1:
        return "1 invitation will be emailed."
    return f"{queued} invitations will be emailed."


def invitation_words(name: str, queued: bool) -> str:
    if queued:
        return f"The invitation for {name} will be emailed."
    return (
        f"{name} was emailed this link already. To send it again, use Send again "
        "on the Sent messages page."
    )


def outcome_words(name: str, queued: bool) -> str:
    if queued:
        return f"{name} will get an email about what happened."
    return f"{name} was emailed about this already."


# The public pages: panel members and candidates read these (easy-read, tested).
SIGN_IN_INTRO = (
    "Type your email address.",
    "We will send you a link to sign in.",
    "You do not need a password.",
)
INVITATION_INTRO = (
    "Did you lose the email with your invitation?",
    "Type your email address.",
    "We will send you your link again.",
)
ASKED = "Thank you. Please look at your email."
ASKED_MORE = (
    "If we know your email address, we will send you a link.",
    "It may take a few minutes.",
    "Look in your junk mail too.",
    "If you do not get an email, please ask the person who asked you to come.",
)
PUBLIC_WORDS = (*SIGN_IN_INTRO, *INVITATION_INTRO, ASKED, *ASKED_MORE)
