"""Create or update a job from a checked job file (``panels.results.jobfile``), all or nothing."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from panels.common.audit import record
from panels.db import db
from panels.lib.choices import QuestionKind, QuestionStatus, ScaleKey
from panels.models import Candidate, Job, Panel, PanelMember, Question, Score, ScoreSheet, User
from panels.models.base import utcnow
from panels.models.scoring import SheetStatus
from panels.orgs import queries as orgs_queries
from panels.orgs import service as orgs_service
from panels.results.jobfile import JobFile, JobFileError, JobInfo, MemberSpec, parse_job_file

PLACEHOLDER_DOMAIN = "panels.invalid"


def placeholder_email(ref: str, key: str) -> str:
    """An address that can never receive mail, for a member with no email."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in ref.lower())
    return f"{safe}-{key.lower()}@{PLACEHOLDER_DOMAIN}"


IN_ANOTHER = (
    "this email address is already used with another organisation. "
    "Use a different email address for this person."
)


def import_text(text: str, *, actor_id: int | None, source: str, organisation_id: int) -> Job:
    """Parse and import; JobFileError lists every problem and nothing is saved."""
    return import_job(
        parse_job_file(text), actor_id=actor_id, source=source, organisation_id=organisation_id
    )


def import_job(jf: JobFile, *, actor_id: int | None, source: str, organisation_id: int) -> Job:
    """Create or update the organisation's job named by ``jf.job.ref``. Commits, or rolls
    back and raises. Another organisation's job with the same reference is not touched,
    and people are matched by email only among the organisation's own."""
    try:
        job = _apply(jf, actor_id, source, organisation_id)
        db.session.commit()
    except JobFileError:
        db.session.rollback()
        raise
    except Exception:
        db.session.rollback()
        raise
    return job


def _apply(jf: JobFile, actor_id: int | None, source: str, organisation_id: int) -> Job:
    problems: list[str] = []
    job, created = _job(jf.job, actor_id, organisation_id)
    panels = _panels(job, jf)
    members = _members(job, jf, problems, panels)
    questions = _questions(job, jf, members, actor_id, panels, problems)
    candidates = _candidates(job, jf)
    sheets = _score_sheets(job, jf, members, candidates, questions, problems, actor_id, source)
    if problems:
        raise JobFileError(problems)
    record(
        "job imported" if created else "job updated from file",
        job_id=job.id,
        actor_id=actor_id,
        reason=f"imported from {source}",
        members=len(jf.members),
        questions=len(jf.questions),
        candidates=len(jf.candidates),
        score_sheets=sheets,
    )
    db.session.flush()
    return job


def _job(info: JobInfo, actor_id: int | None, organisation_id: int) -> tuple[Job, bool]:
    """The organisation's job with the file's ref, made if new, with the file's details;
    and if it is new."""
    job = db.session.scalar(
        select(Job).where(Job.ref == info.ref, Job.organisation_id == organisation_id)
    )
    created = job is None
    if job is None:
        job = Job(ref=info.ref, created_by_id=actor_id, organisation_id=organisation_id)
        db.session.add(job)
    job.title = info.title
    job.interview_date = info.interview_date
    job.start_time = info.start_time
    job.group_parity = info.group_parity
    job.lived_group = info.lived_group
    if info.group_parity:
        job.panel_parity = False  # one equal-weight rule at a time
    db.session.flush()
    return job, created


def _panels(job: Job, jf: JobFile) -> dict[str, Panel]:
    """The file's panels (matched by name with the job's), in the file's order; {} for a
    file from before panels (everything stays on, or goes to, the job's first panel)."""
    if not jf.panels:
        return {}
    existing = {p.name.casefold(): p for p in job.panels}
    found: dict[str, Panel] = {}
    for position, spec in enumerate(jf.panels):
        panel = existing.get(spec.name.casefold()) or Panel(job=job, name=spec.name)
        panel.name, panel.room, panel.start_time = spec.name, spec.room, spec.start_time
        panel.lived_experience, panel.position = spec.lived_experience, position
        db.session.add(panel)
        found[spec.key] = panel
    db.session.flush()
    return found


def _has_sheets_for_question(question_id: int) -> bool:
    found = db.session.scalar(select(Score.id).where(Score.question_id == question_id).limit(1))
    return found is not None


def _has_sheets(column, row_id: int) -> bool:
    return db.session.scalar(select(ScoreSheet.id).where(column == row_id).limit(1)) is not None


def _by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email))


def _free_placeholder(job: Job, key: str) -> str:
    """REF-KEY@panels.invalid, or with a number added if someone in another
    organisation has that address already (its job may have the same reference)."""
    base = placeholder_email(job.ref, key)
    email, n = base, 2
    while True:
        user = _by_email(email)
        if user is None or orgs_queries.reachable(user.id, job.organisation_id):
            return email
        local, domain = base.split("@", 1)
        email, n = f"{local}-{n}@{domain}", n + 1


def _user_for(job: Job, spec: MemberSpec, index: int, problems: list[str]) -> User | None:
    """The member's user, with the file's preferences: found by email (or, with no email,
    by their key on this job's panel), or made. Someone in another organisation is not
    this organisation's to change: a problem, and None."""
    if spec.email:
        email = spec.email.lower()
    else:
        on_panel = next((m for m in job.members if m.key == spec.key), None)
        if on_panel is not None and on_panel.user.email.endswith("@" + PLACEHOLDER_DOMAIN):
            return _with_preferences(on_panel.user, spec)
        email = _free_placeholder(job, spec.key)
    user = _by_email(email)
    if user is not None and not orgs_queries.reachable(user.id, job.organisation_id):
        problems.append(f"members[{index}] ({spec.key}): {IN_ANOTHER}")
        return None
    if user is None:
        user = User(email=email, name=spec.name)
        db.session.add(user)
    return _with_preferences(user, spec)


def _with_preferences(user: User, spec: MemberSpec) -> User:
    user.scale = ScaleKey(spec.scale)  # the job file checked it
    user.pace = spec.pace
    user.more_time = spec.pace > 1
    db.session.flush()
    return user


def _members(
    job: Job, jf: JobFile, problems: list[str], panels: dict[str, Panel]
) -> dict[str, PanelMember]:
    existing_members = {m.key: m for m in job.members}
    by_user = {m.user_id: m for m in job.members}
    members: dict[str, PanelMember] = {}
    for i, spec in enumerate(jf.members):
        user = _user_for(job, spec, i, problems)
        if user is None:
            continue
        orgs_service.join_job(job, user)
        member = existing_members.get(spec.key)
        other = by_user.get(user.id)
        if other is not None and other.key != spec.key:
            problems.append(
                f"members[{i}] ({spec.key}): this person is already on the panel as "
                f'"{other.key}". Use that key.'
            )
            continue
        if member is not None and member.user_id != user.id:
            problems.append(
                f"members[{i}] ({spec.key}): this key is already used on the panel by "
                "another person."
            )
            continue
        panel = panels.get(jf.panel_of(spec) or "")
        if member is None:
            member = PanelMember(job=job, user=user, key=spec.key, panel=panel)
            db.session.add(member)
        elif panel is not None and member.panel_id != panel.id:
            if _has_sheets(ScoreSheet.member_id, member.id):
                problems.append(
                    f"members[{i}] ({spec.key}): this person has scored on their panel, so "
                    "they stay on it."
                )
                continue
            member.panel = panel
        member.group = spec.group
        members[spec.key] = member
    db.session.flush()
    return members


def _questions(
    job: Job,
    jf: JobFile,
    members: dict[str, PanelMember],
    actor_id: int | None,
    panels: dict[str, Panel],
    problems: list[str],
) -> dict[str, Question]:
    existing_q = {
        q.key: q for q in db.session.scalars(select(Question).where(Question.job_id == job.id))
    }
    questions: dict[str, Question] = {}
    for position, spec in enumerate(jf.questions, start=1):
        q = existing_q.get(spec.key) or Question(
            job_id=job.id, key=spec.key, created_by_id=actor_id
        )
        q.easy_read = spec.text
        q.position = position
        q.answer_minutes = spec.answer_minutes
        q.scored = spec.scored
        q.kind = QuestionKind(spec.kind)
        q.look_for = "\n".join(spec.look_for)
        q.status = QuestionStatus.AGREED
        asker = members.get(spec.asker)
        q.asker_id = asker.id if asker else None
        panel = panels.get(jf.panel_of(spec) or "")
        if panel is not None and q.panel_id is not None and q.panel_id != panel.id:
            if q.id is not None and _has_sheets_for_question(q.id):
                problems.append(f"questions ({spec.key}): it has scores, so it stays on its panel.")
            else:
                q.panel = panel
        elif panel is not None:
            q.panel = panel
        q.updated_by_id = actor_id
        db.session.add(q)
        questions[spec.key] = q
    return questions


def _candidates(job: Job, jf: JobFile) -> dict[str, Candidate]:
    existing_c = {c.key: c for c in job.candidates}
    candidates: dict[str, Candidate] = {}
    for position, spec in enumerate(jf.candidates, start=1):
        c = existing_c.get(spec.key) or Candidate(job=job, key=spec.key)
        c.name = spec.name
        c.email = (spec.email or "").lower()
        c.position = position
        db.session.add(c)
        candidates[spec.key] = c
    db.session.flush()
    return candidates


def _score_sheets(
    job: Job,
    jf: JobFile,
    members: dict[str, PanelMember],
    candidates: dict[str, Candidate],
    questions: dict[str, Question],
    problems: list[str],
    actor_id: int | None,
    source: str,
) -> int:
    """Enter the file's scores as sent sheets; how many sheets were entered."""
    grouped: dict[tuple[str, str], dict[str, int | None]] = defaultdict(dict)
    for s in jf.scores:
        grouped[(s.member, s.candidate)][s.question] = s.value
    sheets = 0
    for (mkey, ckey), values in grouped.items():
        member, candidate = members.get(mkey), candidates.get(ckey)
        if member is None or candidate is None:
            continue  # a problem about this member is listed already
        answers = {questions[q].id: v for q, v in values.items()}
        sheet = db.session.scalar(
            select(ScoreSheet).where(
                ScoreSheet.candidate_id == candidate.id, ScoreSheet.member_id == member.id
            )
        )
        if sheet is not None and sheet.submitted:
            current = {s.question_id: (None if s.dont_know else s.value) for s in sheet.scores}
            if current != answers:
                problems.append(
                    f"scores for {mkey} on {ckey}: this panel member already sent different "
                    "scores. Change them on the score screen, giving a reason."
                )
            continue
        _enter_sheet(job, member, candidate, sheet, answers, actor_id)
        sheets += 1
        record(
            "scores entered on behalf",
            job_id=job.id,
            actor_id=actor_id,
            on_behalf_of_id=member.user_id,
            reason=f"imported from {source}",
            candidate=ckey,
            member=mkey,
            answers={q: ("dk" if v is None else v) for q, v in values.items()},
        )
    return sheets


def _enter_sheet(
    job: Job,
    member: PanelMember,
    candidate: Candidate,
    sheet: ScoreSheet | None,
    answers: dict[int, int | None],
    actor_id: int | None,
) -> None:
    """Replace an unsent sheet's scores (or make the sheet) and mark it sent."""
    if sheet is None:
        sheet = ScoreSheet(job_id=job.id, candidate_id=candidate.id, member_id=member.id)
        db.session.add(sheet)
    for old in list(sheet.scores):
        sheet.scores.remove(old)
    db.session.flush()
    for qid, v in answers.items():
        sheet.scores.append(Score(question_id=qid, value=v, dont_know=v is None))
    sheet.scale = member.user.scale  # the file's values are on the file's scale
    sheet.status = SheetStatus.SUBMITTED
    sheet.submitted_at = utcnow()
    sheet.entered_by_id = actor_id
