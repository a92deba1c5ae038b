"""Questions' parts of shared places: the job page box, demo data and a CLI command."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, url_for

from panels.cli import CLI_HOOKS
from panels.common.sections import Section, job_section
from panels.demo import DEMO_HOOKS


@job_section
def questions_section(job, me, _user) -> Section:
    from panels.questions import queries

    questions = queries.questions_for(job, include_removed=False)
    agreed = sum(q.status == "agreed" for q in questions)
    links = [("Questions", url_for("questions.index", job_id=job.id))]
    if me is not None:
        links.append(("Practise my questions", url_for("questions.practice", job_id=job.id)))
        links.append(("Print my sheet", url_for("questions.sheet", job_id=job.id)))
    text = f"{len(questions)} questions: {agreed} agreed, {len(questions) - agreed} to agree."
    return Section(title="Questions", links=links, text=text, order=20)


DEMO_KEYS = (
    "why-this-job",
    "respect",
    "listening",
    "choice-of-clothes",
    "keeping-safe",
    "mistake",
)
DEMO_ASKERS = ("sam", "jo", "alex", "priya", "sam", "jo")
OVERALL = "Would you like this person to support you?"


def add_demo_questions(job) -> None:
    """Six support-worker questions and the overall one; all agreed but one, which Jo
    suggested changing."""
    from panels.models import QuestionMark, QuestionStatus
    from panels.questions import queries, service

    bank = queries.bank_by_key("support-worker")
    assert bank is not None  # ships with Panels
    keys = [q.key for q in bank.questions]
    chosen = [k for k in DEMO_KEYS if k in keys]
    chosen += [k for k in keys if k not in chosen][: 6 - len(chosen)]
    made = service.copy_from_bank(job, None, bank, chosen)
    members = {m.key: m for m in job.members}
    for question, asker in zip(made, DEMO_ASKERS, strict=False):
        question.asker_id = members[asker].id if asker in members else None
    for question in made[:3] + made[4:]:
        for member in job.members:
            question.marks.append(QuestionMark(member=member, mark="keep"))
        question.status = QuestionStatus.AGREED
    if len(made) > 3 and "jo" in members:
        made[3].marks.append(
            QuestionMark(
                member=members["jo"],
                mark="change",
                suggestion="What clothes do you like to wear? How would you help someone choose?",
            )
        )
    overall = service.add_question(
        job,
        None,
        key="overall",
        easy_read=OVERALL,
        standard="Would you be happy for this candidate to support you?",
        picture="1F91D",
        answer_minutes=1.0,
        overall=True,
    )
    overall.asker_id = members["sam"].id if "sam" in members else None
    for member in job.members:
        overall.marks.append(QuestionMark(member=member, mark="keep"))
    overall.status = QuestionStatus.AGREED


DEMO_HOOKS.append(add_demo_questions)


def register_check_banks(app: Flask) -> None:
    @app.cli.command("check-banks")
    @click.argument("folder", required=False, type=click.Path(path_type=Path))
    def check_banks(folder: Path | None) -> None:
        """Check question bank files; print file:line: reason for each problem."""
        from panels.questions import banks

        folder = folder or banks.shipped_folder()
        if not folder.is_dir():
            click.echo(f"{folder}: this folder does not exist", err=True)
            raise SystemExit(2)
        errors = banks.validate_folder(folder)
        for error in errors:
            click.echo(str(error))
        if errors:
            click.echo(f"{len(errors)} problems found.", err=True)
            raise SystemExit(1)
        loaded = banks.load_banks(folder)
        if not loaded:
            click.echo(f"{folder}: no bank files (*.yaml) in this folder", err=True)
            raise SystemExit(1)
        count = sum(len(b.questions) for b in loaded)
        click.echo(f"{len(loaded)} banks, {count} questions: all fine.")


CLI_HOOKS.append(register_check_banks)
