"""Practising my questions one at a time, and the printed sheet (page and PDF)."""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.utils import secure_filename

from panels.common.access import job_or_404, member_or_404, membership
from panels.common.downloads import download
from panels.common.pdf import PdfFailed, build_pdf, cache_folder
from panels.common.storage import fetch_many
from panels.models import Job, Panel, PanelMember, Question
from panels.questions import queries
from panels.questions.pictures import picture_file_url
from panels.questions.views_common import Routes

routes = Routes()
SHEET_STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "questions" / "sheet-print.css"


@routes("/jobs/<int:job_id>/practice")
@login_required
def practice(job_id: int):
    job = job_or_404(job_id)
    me = membership(job)
    mine = queries.my_questions(job, me)
    number = request.args.get("n", 1, type=int)
    number = min(max(number, 1), max(len(mine), 1))
    return render_template(
        "questions/practice.html",
        job=job,
        me=me,
        questions=mine,
        question=mine[number - 1] if mine else None,
        number=number,
        show_pictures=current_user.pictures,
    )


def _sheet_for(job_id: int) -> tuple[Job, PanelMember | None, list[Question]]:
    """(job, member or None, questions to print) for a sheet, with the sheet's access rules."""
    job = job_or_404(job_id)
    member_id = request.args.get("member", type=int)
    if request.args.get("member") and member_id is None:
        abort(404)
    member = member_or_404(job, member_id) if member_id else membership(job)
    return job, member, queries.sheet_questions(job, member)


def _chosen_panel(job: Job) -> Panel | None:
    """``?panel=`` (one panel's sheet, with several panels); a panel not of the job: 404."""
    wanted = request.args.get("panel")
    if not wanted:
        return None
    found = next((p for p in job.panels if str(p.id) == wanted), None)
    if found is None or len(job.panels) < 2:
        abort(404)
    return found


def _sections(
    job: Job, member: PanelMember | None, questions: list[Question]
) -> list[tuple[str, list[Question]]]:
    """What the sheet prints: (heading, questions) per panel. One panel: one section with
    no heading, as before panels. A member's sheet: their own questions."""
    several = len(job.panels) > 1
    if member is not None:
        return [(member.panel.name if several else "", questions)]
    chosen = _chosen_panel(job)
    everyone = queries.questions_for(job, include_removed=False)
    if not several:
        return [("", everyone)]
    return [
        (p.name, [q for q in everyone if q.panel_id == p.id])
        for p in job.panels
        if chosen is None or p.id == chosen.id
    ]


@routes("/jobs/<int:job_id>/questions/sheet")
@login_required
def sheet(job_id: int):
    job, member, questions = _sheet_for(job_id)
    sections = _sections(job, member, questions)
    return render_template(
        "questions/sheet.html",
        job=job,
        member=member,
        sections=sections,
        rows=[q for _, rows in sections for q in rows],
        pdf_url=url_for(
            "questions.sheet_pdf",
            job_id=job.id,
            member=request.args.get("member", type=int),
            panel=request.args.get("panel", type=int),
        ),
    )


@routes("/jobs/<int:job_id>/questions/sheet.pdf")
@login_required
def sheet_pdf(job_id: int):
    job, member, questions = _sheet_for(job_id)
    sections = _sections(job, member, questions)
    rows = [q for _, found in sections for q in found]
    html = render_template(
        "questions/sheet_pdf.html",
        job=job,
        heading=(member.user.name + "'s questions") if member else "All the questions",
        sections=sections,
        rows=rows,
        picture_src=picture_file_url,
    )
    pictures = fetch_many(q.photo for q in rows if q.photo)
    try:
        data = build_pdf(
            html, pictures=pictures, stylesheet=SHEET_STYLESHEET, cache_dir=cache_folder()
        )
    except PdfFailed as failed:
        current_app.logger.warning("Question sheet PDF failed: %r", failed.__cause__)
        return render_template(
            "error.html",
            heading="We could not make the PDF just now",
            message="Please try again later, or print the sheet page from your browser.",
        ), 503
    name = secure_filename(f"{job.ref}-questions.pdf") or "questions.pdf"
    response = download(data, name, "application/pdf", inline=True)
    response.headers["Cache-Control"] = "private, no-store"
    return response
