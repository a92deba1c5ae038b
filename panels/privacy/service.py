"""Writes for retention: removing candidates' details, holds, deleting a person on
request, and the sweep of files nothing owns.

Removing is one transaction per job: every area's ``personal_data`` hook runs, the job's
audit trail loses the names, and it all commits together or not at all (a crash halfway
leaves the job as it was). Files are deleted only after the commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import delete, or_, select

from panels.common import storage
from panels.common.areas import areas_of
from panels.common.audit import record
from panels.common.personal import PersonalData, Removal
from panels.db import db
from panels.lib.filestore import StoreUnavailable
from panels.lib.scrub import Scrub, name_words, phone_forms
from panels.models import (
    AnonymisedCandidate,
    AuditEvent,
    Candidate,
    Job,
    JobRetention,
    OrganisationSettings,
    PanelMember,
    PayClaim,
    ScoreSheet,
    SignInThrottle,
    User,
)
from panels.models.base import utcnow
from panels.models.privacy import RemovedWhy
from panels.privacy import queries, rules

log = logging.getLogger(__name__)


class Refused(Exception):
    """Not now, and why, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


NOT_DECIDED = (
    "The job's results are not finalised yet, so its candidates' details are still needed. "
    "Finalise the results first."
)


def hooks() -> Iterator[PersonalData]:
    """Every area's personal-data hook, in the app's order."""
    for area in areas_of(current_app):
        if area.personal_data is not None:
            yield area.personal_data


# --- settings and holds ---------------------------------------------------------------------


def save_policy(organisation, keep_months: int, keep_appointed_months: int) -> None:
    for value in (keep_months, keep_appointed_months):
        problem = rules.check_months(value)
        if problem:
            raise Refused(problem)
    settings = db.session.get(OrganisationSettings, organisation.id)
    if settings is None:
        settings = OrganisationSettings(organisation_id=organisation.id)
        db.session.add(settings)
    settings.keep_months = keep_months
    settings.keep_appointed_months = keep_appointed_months
    record(
        "retention changed",
        organisation=organisation.slug,
        keep_months=keep_months,
        keep_appointed_months=keep_appointed_months,
    )
    db.session.commit()


def _retention_for(job: Job) -> JobRetention:
    found = queries.retention_of(job.id)
    if found is None:
        found = JobRetention(job_id=job.id, held_reason="")
        db.session.add(found)
    return found


def hold(job: Job, reason: str, actor_id: int | None) -> None:
    reason = reason.strip()
    if not reason:
        raise Refused("Say why the records are held, for example a complaint.")
    row = _retention_for(job)
    row.held_at, row.held_reason, row.held_by_id = utcnow(), reason, actor_id
    record("records held", job_id=job.id, reason=reason)
    db.session.commit()


def release(job: Job) -> None:
    row = queries.retention_of(job.id)
    if row is None or row.held_at is None:
        return
    row.held_at, row.held_reason, row.held_by_id = None, "", None
    record("records hold released", job_id=job.id)
    db.session.commit()


def set_appointed(job: Job, candidate: Candidate | None) -> None:
    row = _retention_for(job)
    row.appointed_id = candidate.id if candidate else None
    record("appointed candidate set", job_id=job.id, candidate=candidate.key if candidate else "")
    db.session.commit()


# --- removing candidates' details -----------------------------------------------------------


def candidate_scrub(candidate: Candidate, label: str) -> Scrub:
    return Scrub(
        label=label,
        exact=(candidate.email, *phone_forms(candidate.phone)),
        words=(candidate.key, *name_words(candidate.name)),
    )


def _rekey(value: Any, keys: dict[str, str]) -> Any:
    if isinstance(value, str):
        return keys.get(value, value)
    if isinstance(value, dict):
        return {k: _rekey(v, keys) for k, v in value.items()}
    if isinstance(value, list):
        return [_rekey(v, keys) for v in value]
    return value


def scrub_audit(events: Iterable[AuditEvent], keys: dict[str, str], scrubs: list[Scrub]) -> None:
    """The events keep what happened, with new keys for old ones and no names."""
    for event in events:
        detail, reason = _rekey(event.detail or {}, keys), event.reason or ""
        for scrub in scrubs:
            detail, reason = scrub.value(detail), scrub.text(reason)
        if detail != event.detail:
            event.detail = detail
        if reason != event.reason:
            event.reason = reason


def anonymise(job: Job, candidate_ids: Iterable[int], why: str, actor_id: int | None) -> int:
    """Remove these candidates' details (one transaction); how many were removed."""
    wanted = set(candidate_ids) - queries.gone_ids(job.id)
    candidates = [c for c in job.candidates if c.id in wanted]
    if not candidates:
        return 0
    removal = Removal()
    keys: dict[str, str] = {}
    scrubs: list[Scrub] = []
    try:
        for candidate in candidates:
            old_key = candidate.key
            scrub = candidate_scrub(candidate, f"Candidate {candidate.id}")
            for hook in hooks():
                if hook.candidate_anonymise is not None:
                    hook.candidate_anonymise(candidate, scrub, removal)
            keys[old_key] = candidate.key
            scrubs.append(scrub)
            db.session.add(AnonymisedCandidate(candidate_id=candidate.id, job_id=job.id, why=why))
        if why != RemovedWhy.REQUEST:  # the job's time is up: people who were never candidates too
            for hook in hooks():
                if hook.job_anonymise is not None:
                    hook.job_anonymise(job, removal)
        db.session.flush()
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.job_id == job.id))
        scrub_audit(events, keys, scrubs)
        record(
            "candidates' details removed",
            job_id=job.id,
            actor_id=actor_id,
            why=why,
            candidates=sorted(keys.values()),
        )
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    remove_files(removal)
    return len(candidates)


def remove_files(removal: Removal) -> None:
    """After the commit: files the change freed. One left over is for the sweep."""
    current = storage.store()
    for key in removal.file_keys:
        try:
            current.delete(key)
        except StoreUnavailable as error:
            log.warning("Stored file %s left over: %r", key, error.__cause__)
    for path in removal.paths:
        Path(path).unlink(missing_ok=True)


def remove_early(job: Job, actor_id: int | None) -> int:
    facts = queries.job_facts(job)
    if facts.decided_at is None:
        raise Refused(NOT_DECIDED)
    if facts.held:
        raise Refused("The records are held. Release the hold first.")
    return anonymise(job, rules.early(facts), "early", actor_id)


def delete_candidate(candidate: Candidate, actor_id: int | None) -> None:
    """The candidate asked: their details go now (their scores stay, with a label).
    Raises Refused with the reason when not now."""
    refusal = candidate_refusal(candidate)
    if refusal:
        raise Refused(refusal)
    anonymise(candidate.job, [candidate.id], "request", actor_id)


@dataclass
class RunReport:
    """What a retention run did (or, as a dry run, would do), job by job."""

    jobs: list[tuple[Job, list[Candidate]]] = field(default_factory=list)
    failed: list[tuple[Job, str]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(candidates) for _job, candidates in self.jobs)


def run(apply: bool, now: datetime | None = None) -> RunReport:
    """Every organisation's candidates whose time is up: listed, or removed (one
    transaction per job; a job that fails is reported and the others go on)."""
    now = now or utcnow()
    report = RunReport()
    for job_id in queries.decided_job_ids():
        job = db.session.get(Job, job_id)
        if job is None:
            continue
        due = set(queries.job_plan(job, now).due)
        if not due:
            continue
        candidates = [c for c in job.candidates if c.id in due]
        if not apply:
            report.jobs.append((job, candidates))
            continue
        try:
            anonymise(job, [c.id for c in candidates], "retention", None)
        except Exception as error:  # one job's failure never stops the others
            log.exception("Retention failed for job %s", job_id)
            report.failed.append((job, repr(error)))
            continue
        report.jobs.append((job, candidates))  # the same rows, with their new labels
    return report


def daily(_payload) -> None:
    """The worker's daily task: remove what is due, then sweep files nothing owns."""
    report = run(apply=True)
    swept = sweep()
    log.info("Retention: %s candidates, %s files swept", report.count, swept)


# --- deleting a panel member on request -----------------------------------------------------


def member_refusal(user: User, organisation_id: int) -> str:
    for hook in hooks():
        if hook.member_keeps is not None:
            reason = hook.member_keeps(user, organisation_id)
            if reason:
                return reason
    return ""


def delete_member(user: User, organisation, actor_id: int | None) -> bool:
    """Delete the person's details; True if their account went too (False when decided
    results hold their scores or pay records: then the account stays, with no name).

    Raises Refused with the reason when they cannot be deleted now.
    """
    refusal = member_refusal(user, organisation.id)
    if refusal:
        raise Refused(refusal)
    old_keys = {m.id: m.key for m in user.memberships}
    email = user.email
    scrub = Scrub(
        label=f"Former panel member {user.id}",
        exact=(email,),
        words=(*old_keys.values(), *name_words(user.name)),
    )
    removal = Removal()
    try:
        for hook in hooks():
            if hook.member_erase is not None:
                hook.member_erase(user, organisation.id, scrub, removal)
        db.session.flush()
        keys = {old: m.key for m in user.memberships if (old := old_keys.get(m.id))}
        job_ids = select(Job.id).where(Job.organisation_id == organisation.id)
        events = db.session.scalars(
            select(AuditEvent).where(
                or_(
                    AuditEvent.job_id.in_(job_ids),
                    AuditEvent.on_behalf_of_id == user.id,
                    AuditEvent.actor_id == user.id,
                )
            )
        )
        scrub_audit(events, keys, [scrub])
        db.session.execute(delete(SignInThrottle).where(SignInThrottle.value == email))
        record(
            "person deleted on request",
            actor_id=actor_id,
            organisation=organisation.slug,
            person=scrub.label,
        )
        whole = not _records_kept(user)
        if whole:
            db.session.delete(user)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    remove_files(removal)
    return whole


def _records_kept(user: User) -> bool:
    """Scores or pay records that decided results and accounts are made of."""
    members = select(PanelMember.id).where(PanelMember.user_id == user.id)
    sheet = db.session.scalar(select(ScoreSheet.id).where(ScoreSheet.member_id.in_(members)))
    claim = db.session.scalar(select(PayClaim.id).where(PayClaim.member_id.in_(members)))
    return sheet is not None or claim is not None


# --- the sweep --------------------------------------------------------------------------


CACHE_DAYS = 31  # cached PDFs and clips nobody has read for this long go


def owned_keys() -> set[str]:
    keys: set[str] = set()
    for model, column in storage.OWNERS:
        keys |= {k for k in db.session.scalars(select(getattr(model, column))) if k}
    return keys


def sweep(now: datetime | None = None) -> int:
    """Delete stored files no row owns (older than an hour: one being saved has no owner
    yet), and cached PDFs and clips not read for CACHE_DAYS; how many files went."""
    from datetime import timedelta

    from panels.audio.prune import audio_folder, prune
    from panels.common.pdf import cache_folder
    from panels.models import StoredFile

    now = now or utcnow()
    owned = owned_keys()
    count = 0
    if isinstance(storage.store(), storage.DatabaseStore):
        old = select(StoredFile.key).where(StoredFile.created_at < now - timedelta(hours=1))
        orphans = [key for key in db.session.scalars(old) if key not in owned]
        if orphans:
            db.session.execute(delete(StoredFile).where(StoredFile.key.in_(orphans)))
            db.session.commit()
        count += len(orphans)
    media = current_app.config["MEDIA_DIR"]
    count += prune(audio_folder(media), CACHE_DAYS).files
    count += _prune_pdfs(cache_folder(), CACHE_DAYS)
    return count


def _prune_pdfs(folder: Path, days: float) -> int:
    import time

    cutoff = time.time() - days * 24 * 60 * 60
    count = 0
    for path in folder.glob("*.pdf") if folder.is_dir() else ():
        stat = path.stat()
        if max(stat.st_atime, stat.st_mtime) < cutoff:
            path.unlink(missing_ok=True)
            count += 1
    return count


def committed(value):
    """Commit what the caller recorded (an export in the audit trail); `value` back."""
    db.session.commit()
    return value


def candidate_refusal(candidate: Candidate) -> str:
    """Why the candidate's details cannot be deleted now ("" if they can)."""
    facts = queries.job_facts(candidate.job)
    if queries.is_gone(candidate):
        return "Their details are already removed."
    if facts.decided_at is None:
        return (
            "The job is not decided yet. Take them off the job's candidates instead, "
            "or wait until the results are finalised."
        )
    if facts.held:
        return "The job's records are held. Release the hold first."
    return ""
