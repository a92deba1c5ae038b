"""Score screens for panel members (tablets), paper sheets entered on behalf, and the
panel's scores for a candidate once you have sent your own."""

from __future__ import annotations

import uuid

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from panels.common.access import candidate_or_404, job_or_404, member_or_404, membership
from panels.common.sections import Section, job_section
from panels.db import db
from panels.models import Job, PanelMember, ScoringPref
from panels.questions.pictures import picture_url, symbol_url
from panels.scoring import sheets as service
from panels.scoring.combine import format_score
from panels.scoring.sheets import DONT_KNOW, PHRASES, ScoringProblem

bp = Blueprint("scoring", __name__)


class Problems:
    """Just enough of a form for base.html and the error summary macro."""

    def __init__(self, errors: dict[str, str] | None = None) -> None:
        self.errors = {k: [v] for k, v in (errors or {}).items()}

    def __contains__(self, _name: str) -> bool:
        return False

    def first(self, name: str) -> str | None:
        return self.errors.get(name, [None])[0]


def _one_at_a_time() -> bool:
    view = request.args.get("view")
    if view in ("one", "all"):
        return view == "one"
    pref = db.session.get(ScoringPref, current_user.id)
    return True if pref is None else pref.one_at_a_time


def _raw_answers(form) -> dict[str, object]:
    return {k[2:]: v for k, v in form.items() if k.startswith("q-")}


def _shown_answers(questions, answers) -> dict[str, str]:
    """Question key -> the value as the form shows it ("dk" for I don't know)."""
    out = {}
    for q in questions:
        if q.id in answers:
            v = answers[q.id]
            out[q.key] = DONT_KNOW if v is None else str(v)
    return out


def _sheet_context(job, candidate, member, sheet, questions, **extra):
    picked, typed = service.split_note(sheet.note if sheet else "")
    return {
        "job": job,
        "candidate": candidate,
        "member": member,
        "sheet": sheet,
        "questions": questions,
        "scale": service.scale_for(member),
        "phrases": PHRASES,
        "picked": picked,
        "typed": typed,
        "DONT_KNOW": DONT_KNOW,
        "picture_url": picture_url,
        "symbol_url": symbol_url,
        "label": service.label,
        "client_id": uuid.uuid4().hex,
        "closed": service.is_closed(job.id),
        **extra,
    }


@job_section
def _section(job, me, user):
    if me is None:
        return None
    return Section(
        "Score candidates",
        [("Score candidates", url_for("scoring.index", job_id=job.id))],
        "Give your own scores for each candidate. Nobody sees them until you send them.",
        order=30,
    )


@bp.route("/jobs/<int:job_id>/score")
@login_required
def index(job_id: int):
    job = job_or_404(job_id)
    me = membership(job)
    statuses = service.statuses(job.id)
    return render_template(
        "scoring/index.html",
        job=job,
        me=me,
        statuses=statuses,
        questions=service.scored_questions(job.id),
        closed=service.is_closed(job.id),
    )


@bp.route("/jobs/<int:job_id>/score/view", methods=["POST"])
@login_required
def set_view(job_id: int):
    job = job_or_404(job_id)
    one = request.form.get("view") == "one"
    pref = db.session.get(ScoringPref, current_user.id) or ScoringPref(user_id=current_user.id)
    pref.one_at_a_time = one
    db.session.add(pref)
    db.session.commit()
    target = request.form.get("candidate_id", "")
    if target.isdigit():
        candidate = candidate_or_404(job, int(target))
        return redirect(url_for("scoring.sheet", job_id=job.id, candidate_id=candidate.id))
    return redirect(url_for("scoring.index", job_id=job.id))


def _my_member(job: Job) -> PanelMember:
    me = membership(job)
    if me is None:
        abort(404)
    return me


@bp.route("/jobs/<int:job_id>/score/<int:candidate_id>", methods=["GET", "POST"])
@login_required
def sheet(job_id: int, candidate_id: int):
    job = job_or_404(job_id)
    member = _my_member(job)
    candidate = candidate_or_404(job, candidate_id)
    return _sheet_page(job, candidate, member, on_behalf=False)


@bp.route("/jobs/<int:job_id>/score/<int:candidate_id>/change", methods=["GET", "POST"])
@login_required
def amend(job_id: int, candidate_id: int):
    job = job_or_404(job_id)
    member = _my_member(job)
    candidate = candidate_or_404(job, candidate_id)
    return _sheet_page(job, candidate, member, on_behalf=False, amending=True)


@bp.route(
    "/jobs/<int:job_id>/score/<int:candidate_id>/for/<int:member_id>", methods=["GET", "POST"]
)
@login_required
def on_behalf(job_id: int, candidate_id: int, member_id: int):
    job = job_or_404(job_id, manage=True)
    candidate = candidate_or_404(job, candidate_id)
    member = member_or_404(job, member_id)
    me = membership(job)
    if me is not None and me.id == member.id:
        return redirect(url_for("scoring.sheet", job_id=job.id, candidate_id=candidate.id))
    if me is not None and not service.may_see_panel_scores(job, candidate.id, current_user, me):
        flash(
            f"Send your own scores for {candidate.name} first. "
            "Then you can type in a paper score sheet.",
            "error",
        )
        return redirect(url_for("scoring.sheet", job_id=job.id, candidate_id=candidate.id))
    return _sheet_page(job, candidate, member, on_behalf=True)


def _sheet_page(job, candidate, member, *, on_behalf: bool, amending: bool = False):
    questions = service.scored_questions(job.id)
    existing = service.find_sheet(candidate.id, member.id)
    one = _one_at_a_time() and not on_behalf and not amending
    problems = Problems()
    status = 200
    shown = _shown_answers(questions, service.answers_of(existing))
    reason = ""
    step = request.args.get("step", "1")
    step_no = int(step) if step.isdigit() else 1
    if existing is not None and existing.submitted and not amending and not on_behalf:
        code = 200
        if request.method == "POST":
            if service.was_sent(existing, request.form.get("client_id", "")):
                return redirect(url_for("scoring.sheet", job_id=job.id, candidate_id=candidate.id))
            flash(
                f"Your scores for {candidate.name} were already sent. "
                "To change them, use Change my scores and say why.",
                "error",
            )
            code = 409
        return render_template(
            "scoring/sent.html",
            **_sheet_context(job, candidate, member, existing, questions),
            shown=shown,
        ), code
    if existing is not None and existing.submitted and on_behalf:
        amending = True
    if amending and (existing is None or not existing.submitted):
        if not on_behalf:
            return redirect(url_for("scoring.sheet", job_id=job.id, candidate_id=candidate.id))
        amending = False
    if request.method == "POST":
        sheet = service.sheet_for(candidate, member)
        raw = _raw_answers(request.form)
        reason = request.form.get("reason", "")
        action = request.form.get("action", "save")
        answers, errors = service.parse_answers(raw, questions, service.scale_for(member))
        shown = {k: str(v) for k, v in raw.items() if v}
        note = service.join_note(request.form.getlist("phrase"), request.form.get("note", ""))
        version = request.form.get("version", "")
        if not errors:
            try:
                result = service.save(
                    sheet,
                    member,
                    questions,
                    answers,
                    note,
                    submit=action == "submit" or on_behalf,
                    reason=reason if (amending or sheet.submitted) else "",
                    actor=current_user,
                    on_behalf=on_behalf,
                    expected_version=int(version) if version.isdigit() else None,
                    client_id=(request.form.get("client_id") or None),
                )
            except ScoringProblem as problem:
                errors = problem.errors
                status = problem.status if problem.status != 409 else 400
            else:
                return _after_save(job, candidate, member, result, action, step_no, on_behalf)
        problems = Problems(errors)
        status = max(status, 400)
        existing = service.find_sheet(candidate.id, member.id)
    picked, typed = service.split_note(existing.note if existing else "")
    if request.method == "POST":
        picked = request.form.getlist("phrase")
        typed = request.form.get("note", "")
    ctx = _sheet_context(job, candidate, member, existing, questions)
    ctx.update(picked=picked, typed=typed)
    step_no = min(max(step_no, 1), max(len(questions), 1))
    if problems.errors and one:
        bad = [i for i, q in enumerate(questions, 1) if f"q-{q.key}" in problems.errors]
        step_no = bad[0] if bad else len(questions) + 1
    if on_behalf:
        heading = f"Paper score sheet: {member.user.name} on {candidate.name}"
    elif amending:
        heading = f"Change your scores for {candidate.name}"
    else:
        heading = f"Your scores for {candidate.name}"
    return render_template(
        "scoring/sheet.html",
        **ctx,
        heading=heading,
        form=problems,
        shown=shown,
        one=one,
        step=step_no,
        on_behalf=on_behalf,
        amending=amending,
        reason=reason,
        finish=request.args.get("finish") == "1" or (one and step_no > len(questions)),
    ), status


def _after_save(job, candidate, member, result, action, step_no, on_behalf):
    if result.result == "duplicate":
        flash("Those scores were already saved.", "success")
        return redirect(url_for("scoring.index", job_id=job.id))
    if on_behalf:
        flash(
            f"Paper score sheet for {member.user.name} saved, entered by {current_user.name}.",
            "success",
        )
        return redirect(url_for("results.status", job_id=job.id))
    if result.result in ("submitted", "amended"):
        flash(
            f"Your scores for {candidate.name} are sent."
            if result.result == "submitted"
            else f"Your change for {candidate.name} is saved.",
            "success",
        )
        return redirect(url_for("scoring.sheet", job_id=job.id, candidate_id=candidate.id))
    args = {"job_id": job.id, "candidate_id": candidate.id}
    if action == "next":
        args["step"] = step_no + 1
    elif action == "back":
        args["step"] = max(step_no - 1, 1)
    elif action == "finish":
        args["finish"] = 1
    else:
        flash("Saved.", "success")
        args["step"] = step_no
    return redirect(url_for("scoring.sheet", **args))


@bp.route("/jobs/<int:job_id>/score/<int:candidate_id>/send", methods=["POST"])
@login_required
def send(job_id: int, candidate_id: int):
    """JSON from scoring-offline.js: {client_id, version, answers, note, submit, reason}."""
    job = job_or_404(job_id)
    member = _my_member(job)
    candidate = candidate_or_404(job, candidate_id)
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("answers", {}), dict):
        return jsonify(
            ok=False, errors={"scores": "The tablet sent something we cannot read."}
        ), 400
    client_id = data.get("client_id")
    if not isinstance(client_id, str) or not client_id:
        return jsonify(ok=False, errors={"client_id": "The tablet sent no change id."}), 400
    version = data.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        return jsonify(ok=False, errors={"version": "The version must be a number."}), 400
    questions = service.scored_questions(job.id)
    answers, errors = service.parse_answers(
        data.get("answers", {}), questions, service.scale_for(member)
    )
    if errors:
        return jsonify(ok=False, errors=errors), 400
    sheet = service.sheet_for(candidate, member)
    try:
        result = service.save(
            sheet,
            member,
            questions,
            answers,
            data.get("note", ""),
            submit=bool(data.get("submit")),
            reason=str(data.get("reason") or ""),
            actor=current_user,
            expected_version=version,
            client_id=client_id,
        )
    except ScoringProblem as problem:
        return jsonify(ok=False, errors=problem.errors, version=sheet.version), problem.status
    return jsonify(
        ok=True,
        result=result.result,
        version=result.version,
        status=result.status,
        next=url_for("scoring.sheet", job_id=job.id, candidate_id=candidate.id),
    )


@bp.route("/jobs/<int:job_id>/score/<int:candidate_id>/panel")
@login_required
def panel_scores(job_id: int, candidate_id: int):
    """Everyone's scores and notes for one candidate: only after sending your own."""
    job = job_or_404(job_id)
    candidate = candidate_or_404(job, candidate_id)
    me = membership(job)
    if not service.may_see_panel_scores(job, candidate.id, current_user, me):
        abort(403)
    questions = service.scored_questions(job.id)
    sheets = {
        s.member_id: s
        for s in db.session.scalars(
            db.select(service.ScoreSheet).where(
                service.ScoreSheet.candidate_id == candidate.id,
                service.ScoreSheet.status == "submitted",
            )
        )
    }
    rows = []
    for member in job.members:
        sheet = sheets.get(member.id)
        scale = service.scale_for(member)
        answers = service.answers_of(sheet)
        values = [scale.normalise(v) for v in answers.values() if v in scale.values]
        rows.append(
            {
                "member": member,
                "sheet": sheet,
                "scale": scale,
                "answers": answers,
                "score": format_score(sum(values) / len(values) * 100 if values else None),
            }
        )
    return render_template(
        "scoring/panel.html",
        job=job,
        candidate=candidate,
        rows=rows,
        questions=questions,
        label=service.label,
    )
