"""Email: an outbox written with the change that causes it, sent by the worker.

Invitations, sign-in links and reminders are written to the ``message`` table in the
same transaction as what causes them; the worker (``flask --app panels worker``) sends
them over SMTP (``PANELS_MAIL_SERVER``...) with retries, or keeps them in Panels' own
outbox when no mail server is set up. Reminders are found by a periodic task.
"""

from __future__ import annotations

from datetime import timedelta

from panels.common.areas import Area, TaskKind


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.mail import deliver, personal, reminders, views

    return Area(
        name="mail",
        blueprint=views.bp,
        section=views.job_page_section,
        personal_data=personal.PERSONAL,
        tasks={
            deliver.SEND: TaskKind(run=deliver.send_task, lease_seconds=deliver.LEASE_SECONDS),
            reminders.DUE: TaskKind(run=reminders.run_due, every=timedelta(minutes=5)),
        },
    )
