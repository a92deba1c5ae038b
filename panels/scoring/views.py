"""Score screens for panel members (tablets), paper sheets entered on behalf, and the
panel's scores for a candidate once you have sent your own."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

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
from panels.common.early import posts_before_flask
from panels.common.forms import Problems
from panels.common.jsonbody import JsonBodyError, json_body
from panels.common.sections import Section
from panels.lib.limits import INT_MAX, parse_int
from panels.models import Job, PanelMember, ScoreSheet
from panels.questions.pictures import picture_url, symbol_url
from panels.scoring import fastsave, prefs, quicksave
from panels.scoring import sheets as service
from panels.scoring.quicksave import send_problem
from panels.scoring.sheets import DONT_KNOW, PHRASES, ScoringProblem

bp = Blueprint("scoring", __name__)


def _one_at_a_time() -> bool:
    view = request.args.get("view")
    if view in ("one", "all"):
        return view == "one"
    return prefs.one_at_a_time(current_user.id)


def _small_int(value: object, default: int) -> int:
    """A whole number a column can hold, from a form or query string; else ``default``."""
    number = parse_int(value.strip(), 0, INT_MAX) if isinstance(value, str) else None
    return default if number is None else number


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
    scale = service.sheet_scale(sheet, member)
    preferred = service.scale_for(member)
    return {
        "job": job,
        "candidate": candidate,
        "member": member,
        "sheet": sheet,
        "version": sheet.version if sheet is not None else 0,
        "questions": questions,
        "scale": scale,
        "other_preference": preferred if preferred.key != scale.key else None,
        "phrases": PHRASES,
        "picked": picked,
        "typed": typed,
        "DONT_KNOW": DONT_KNOW,
        "picture_url": picture_url,
        "symbol_url": symbol_url,
        "label": service.label,
        "client_id": uuid.uuid4().hex,
        "closed": service.is_closed(job.id),
        "conflict": None,
        **extra,
    }


def job_page_section(job, me, user):
    if me is None:
        return None
    sent = sum(
        1
        for (_candidate, member), status in service.statuses(job.id).items()
        if member == me.id and status == "submitted"
    )
    total = len(job.candidates)
    return Section(
        "Score candidates",
        [("Score candidates", url_for("scoring.index", job_id=job.id))],
        "Give your own scores for each candidate. Nobody sees them until you send them.",
        order=40,
        status=f"Sent for {sent} of {total}",
        done=bool(total) and sent == total,
    )


@bp.route("/jobs/<int:job_id>/score")
@login_required
def index(job_id: int):
    job = job_or_404(job_id)
    me = membership(job)
    seen = service.seen_candidates(current_user.id, job.id) if me is not None else set()
    return render_template(
        "scoring/index.html",
        job=job,
        me=me,
        statuses=service.statuses(job.id),
        questions=service.scored_questions(job.id, me.panel_id if me is not None else None),
        closed=service.is_closed(job.id),
        seen=seen,
        seen_all=None in seen,
    )


@bp.route("/jobs/<int:job_id>/score/view", methods=["POST"])
@login_required
def set_view(job_id: int):
    job = job_or_404(job_id)
    target = request.form.get("candidate_id", "")
    candidate = candidate_or_404(job, target) if target else None
    prefs.save_one_at_a_time(current_user.id, request.form.get("view") == "one")
    if candidate is not None:
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
    """Type in a paper score sheet. It starts blank and never shows a tablet sheet."""
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
    existing = service.find_sheet(candidate.id, member.id)
    if service.has_content(existing):
        return _refused(
            job,
            candidate,
            service.tablet_sheet_message(
                member.user.name, candidate.name, bool(existing and existing.submitted)
            ),
            409,
            back=url_for("results.status", job_id=job.id),
        )
    if service.has_seen(member.user_id, job.id, candidate.id):
        return _refused(
            job,
            candidate,
            service.seen_on_behalf_message(member.user.name, candidate.name),
            403,
            back=url_for("results.status", job_id=job.id),
        )
    return _sheet_page(job, candidate, member, on_behalf=True)


def _refused(job, candidate, message: str, status: int, back: str | None = None):
    return render_template(
        "scoring/refused.html",
        job=job,
        candidate=candidate,
        message=message,
        back=back or url_for("scoring.index", job_id=job.id),
    ), status


def _sheet_page(job, candidate, member, *, on_behalf: bool, amending: bool = False):
    questions = service.scored_questions(job.id, member.panel_id)
    existing = service.find_sheet(candidate.id, member.id)
    one = _one_at_a_time() and not on_behalf and not amending
    # A paper sheet starts blank: it never shows what the member saved on a tablet.
    shown = {} if on_behalf else _shown_answers(questions, service.answers_of(existing))
    step_no = parse_int(request.args.get("step", "1"), 1, INT_MAX) or 1
    early = _sheet_gate(job, candidate, member, existing, questions, shown, on_behalf, amending)
    if early is not None:
        return early
    post = _SheetPost(problems=Problems(), shown=shown, existing=existing)
    if request.method == "POST":
        done = _post_sheet(job, candidate, member, questions, post, on_behalf, amending, step_no)
        if done is not None:
            return done
    page_sheet = None if on_behalf else post.existing
    ctx = _sheet_context(job, candidate, member, page_sheet, questions, conflict=post.conflict)
    if on_behalf and post.existing is not None:
        ctx["version"] = post.existing.version  # an empty sheet nobody saved anything on
    ctx.update(_note_fields(page_sheet, post.conflict))
    step_no = _step_to_show(step_no, questions, post.problems, one)
    return render_template(
        "scoring/sheet.html",
        **ctx,
        heading=_heading(candidate, member, on_behalf, amending),
        form=post.problems,
        shown=post.shown,
        one=one,
        step=step_no,
        on_behalf=on_behalf,
        amending=amending,
        reason=post.reason,
        finish=request.args.get("finish") == "1" or (one and step_no > len(questions)),
    ), post.status


@dataclass
class _SheetPost:
    """What a refused POST leaves for the sheet page to show again."""

    problems: Problems
    shown: dict[str, str]
    existing: ScoreSheet | None
    status: int = 200
    reason: str = ""
    conflict: dict | None = None


def _sheet_gate(job, candidate, member, existing, questions, shown, on_behalf, amending):
    """The page to show instead of the sheet (sent, nothing to change, seen), or None."""
    if existing is not None and existing.submitted and not amending and not on_behalf:
        return _sent_page(job, candidate, member, existing, questions, shown)
    if amending and (existing is None or not existing.submitted):
        return redirect(url_for("scoring.sheet", job_id=job.id, candidate_id=candidate.id))
    if (
        not on_behalf
        and not amending
        and not service.is_closed(job.id)
        and service.has_seen(member.user_id, job.id, candidate.id)
    ):
        return _refused(job, candidate, service.seen_message(candidate.name), 403)
    return None


def _sent_page(job, candidate, member, existing, questions, shown):
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


def _post_sheet(job, candidate, member, questions, post, on_behalf, amending, step_no):
    """Save the posted sheet: the redirect after saving, or None with ``post`` filled in."""
    raw = _raw_answers(request.form)
    post.reason = request.form.get("reason", "")
    action = request.form.get("action", "save")
    note = service.join_note(request.form.getlist("phrase"), request.form.get("note", ""))
    posted_scale = request.form.get("scale") or None
    post.shown = {k: str(v) for k, v in raw.items() if v}
    try:
        result = service.save(
            candidate,
            member,
            questions,
            raw,
            note,
            version=_small_int(request.form.get("version", ""), 0),
            client_id=(request.form.get("client_id") or None),
            scale=posted_scale,
            submit=action == "submit" or on_behalf,
            reason=post.reason if amending else "",
            actor=current_user,
            on_behalf=on_behalf,
        )
    except service.AlreadySent as problem:
        errors, status = problem.errors, 400
    except service.ScoringConflict as problem:
        errors, status = problem.errors, 409
        post.conflict = _conflict_view(problem.saved, questions, raw, posted_scale, action)
    except ScoringProblem as problem:
        errors = problem.errors
        status = problem.status if problem.status != 409 else 400
    else:
        return _after_save(job, candidate, member, result, action, step_no, on_behalf)
    post.problems = Problems(errors)
    post.status = max(status, 400)
    post.existing = service.find_sheet(candidate.id, member.id)
    if post.conflict is not None and not post.conflict["same_scale"]:
        post.shown = _shown_answers(questions, service.answers_of(post.existing))
    return None


def _note_fields(page_sheet, conflict) -> dict:
    """The phrases and typed note to show: as posted, unless the saved sheet is shown."""
    picked, typed = service.split_note(page_sheet.note if page_sheet else "")
    if request.method == "POST" and not (conflict and not conflict["same_scale"]):
        picked = request.form.getlist("phrase")
        typed = request.form.get("note", "")
    return {"picked": picked, "typed": typed}


def _step_to_show(step_no: int, questions, problems: Problems, one: bool) -> int:
    """The question to show one at a time: the first with a problem, else the one asked."""
    step_no = min(max(step_no, 1), max(len(questions), 1))
    if problems.errors and one:
        bad = [i for i, q in enumerate(questions, 1) if f"q-{q.key}" in problems.errors]
        step_no = bad[0] if bad else len(questions) + 1
    return step_no


def _heading(candidate, member, on_behalf: bool, amending: bool) -> str:
    if on_behalf:
        return f"Paper score sheet: {member.user.name} on {candidate.name}"
    if amending:
        return f"Change your scores for {candidate.name}"
    return f"Your scores for {candidate.name}"


def _conflict_view(saved: dict, questions, raw, posted_scale, action) -> dict:
    """What the conflict box on a page without JavaScript shows: the saved answers."""
    scale = service.scale_named(saved["scale"])
    rows = []
    for q in questions:
        v = saved["answers"].get(q.key)
        if v is None:
            words = "not answered"
        elif v == DONT_KNOW:
            words = "I don't know"
        else:
            words = service.label(scale, v)
        rows.append((q.easy_read, words))
    note = service.join_note(saved["phrases"], saved["typed"])
    same_scale = posted_scale is None or posted_scale == saved["scale"]
    mine = []
    if not same_scale:
        mine_scale = service.scale_named(posted_scale)
        for q in questions:
            v = raw.get(q.key)
            if v:
                words = "I don't know" if v == DONT_KNOW else service.label(mine_scale, v)
                mine.append((q.easy_read, words))
    return {
        "rows": rows,
        "note": note,
        "status": saved["status"],
        "same_scale": same_scale,
        "mine": mine,
        "action": action if action in ("save", "submit") else "save",
    }


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
@posts_before_flask(fastsave.QuickSave)  # the everyday draft save, before Flask
@login_required
def send(job_id: int, candidate_id: int):
    """JSON from scoring-offline.js: {client_id, version, scale, answers, note, submit, reason}.

    ``version`` is the sheet version the tablet last saw; 0 (or left out, or null) means
    "this tablet has seen nothing saved". A save on any other version than the stored one
    is refused with 409 and ``conflict: true``, ``saved`` (the member's own saved answers)
    and the current ``version``: the tablet keeps its answers and the member chooses.
    """
    try:
        data = json_body(expect=dict)
    except JsonBodyError as error:
        data, problem = None, error.message
    else:
        problem = ""
    user_id = current_user.id
    quick_tried = request.environ.get(fastsave.TRIED, False)  # read before Flask: not quick
    if data is not None and not quick_tried and send_problem(data) is None:
        # The everyday case (a draft already started) in one read and three writes; None
        # for everything else, which the full path below answers.
        next_url = url_for("scoring.sheet", job_id=job_id, candidate_id=candidate_id)
        quick = quicksave.save(job_id, candidate_id, user_id, data, next_url)
        if quick is not None:
            return jsonify(quick.body), quick.status
    client_id = data.get("client_id") if data is not None else None
    # One query finds the candidate, my place on the panel, the sheet and its state: a
    # candidate of another job, or a job I am not on, is 404 before the body is looked at.
    writing = service.for_saving(
        job_id,
        candidate_id,
        user_id=user_id,
        client_id=client_id if isinstance(client_id, str) else None,
    )
    if writing is None:
        abort(404)
    if data is None:
        return jsonify(ok=False, errors={"scores": problem}), 400
    return _send(writing, data, job_id, candidate_id)


def _send(writing: service.Writing, data: dict, job_id: int, candidate_id: int):
    problem = send_problem(data)
    if problem is not None:
        return jsonify(ok=False, errors={problem[0]: problem[1]}), 400
    try:
        result = service.save_with(
            writing,
            writing.questions,
            data.get("answers", {}),
            data.get("note", ""),
            version=data.get("version") or 0,  # none: seen nothing saved, refused if any is
            client_id=data["client_id"],
            scale=data.get("scale"),
            submit=data.get("submit") is True,
            reason=data.get("reason") or "",
            actor=current_user,
        )
    except service.ScoringConflict as conflict:
        return jsonify(
            ok=False,
            conflict=True,
            errors=conflict.errors,
            version=conflict.saved["version"],
            saved=conflict.saved,
        ), 409
    except ScoringProblem as refused:
        current = service.find_sheet(candidate_id, writing.member.id)
        return jsonify(
            ok=False, errors=refused.errors, version=current.version if current else 0
        ), refused.status
    return jsonify(
        ok=True,
        result=result.result,
        version=result.version,
        status=result.status,
        next=url_for("scoring.sheet", job_id=job_id, candidate_id=candidate_id),
    )


def _answer_picture(scale, value) -> str:
    """The picture for an answer on its own scale (a face for the faces scale), or ""."""
    if value is None or value == "missing" or value not in scale.values:
        return ""
    code = scale.option(value).openmoji
    return (symbol_url(code) or "") if code else ""


@bp.route("/jobs/<int:job_id>/score/<int:candidate_id>/panel")
@login_required
def panel_scores(job_id: int, candidate_id: int):
    """Everyone's scores and notes for one candidate: only after sending your own.

    Each sheet is shown on the scale it was given on. The view is recorded.
    """
    job = job_or_404(job_id)
    candidate = candidate_or_404(job, candidate_id)
    me = membership(job)
    if not service.may_see_panel_scores(job, candidate.id, current_user, me):
        abort(403)
    questions = service.scored_questions(job.id)
    sheets = service.submitted_sheets(candidate.id)
    rows = []
    for member in job.members:
        sheet = sheets.get(member.id)
        rows.append(
            {
                "member": member,
                "sheet": sheet,
                "scale": service.sheet_scale(sheet, member),
                "answers": service.answers_of(sheet),
            }
        )
    html = render_template(
        "scoring/panel.html",
        job=job,
        candidate=candidate,
        rows=rows,
        questions=questions,
        label=service.label,
        answer_picture=_answer_picture,
        picture_url=picture_url,
    )
    service.record_view(current_user, job.id, candidate, "what the panel said")
    return html
