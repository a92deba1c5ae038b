"""The live interview screen: one question at a time, the same on every tablet."""

from __future__ import annotations

from flask import (
    Blueprint,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from panels.audio.service import listen_url
from panels.common.access import candidate_or_404, job_or_404, membership
from panels.common.early import answers_early
from panels.live import poll, queries, service
from panels.models import Candidate, Job
from panels.plan.queries import candidates_for, current_plan
from panels.questions.pictures import picture_url

bp = Blueprint("live", __name__)

STATUS_WORDS = {
    "waiting": "The interview has not started yet.",
    "running": "",
    "paused": "The panel is having a break. Press Carry on when you are ready.",
    "finished": "The interview has finished. Thank you.",
}


def state_json(st: queries.State) -> dict:
    q = st.question
    return {
        "version": st.version,
        "status": st.status,
        "number": st.number,
        "total": st.total,
        "progress": f"Question {st.number} of {st.total}" if q and st.status != "waiting" else "",
        "message": STATUS_WORDS.get(st.status, ""),
        "more_time": st.more_time_count,
        "question": None
        if q is None
        else {
            "text": q.easy_read,
            "picture": picture_url(q),
            "asker": q.asker.user.name if q.asker else "",
            "follow_up": q.follow_up,
            "listen": listen_url(q.easy_read),
        },
    }


def _screen(job: Job, candidate: Candidate, notice: str = "", status: int = 200):
    st = queries.state(job, candidate)
    return (
        render_template(
            "live/screen.html",
            job=job,
            candidate=candidate,
            st=st,
            data=state_json(st),
            notice=notice,
            me=membership(job),
        ),
        status,
    )


@bp.route("/jobs/<int:job_id>/live")
@login_required
def choose(job_id: int):
    job = job_or_404(job_id)
    plan = current_plan(job)
    starts = {}
    if plan is not None:
        starts = {s.candidate_key: s.start for s in plan.slots if s.kind == "interview"}
    rows = [(c, starts.get(str(c.id)), queries.state(job, c)) for c in candidates_for(job)]
    return render_template("live/choose.html", job=job, rows=rows, status_words=STATUS_WORDS)


@bp.route("/jobs/<int:job_id>/live/<int:candidate_id>", methods=["GET", "POST"])
@login_required
def screen(job_id: int, candidate_id: int):
    job = job_or_404(job_id)
    candidate = candidate_or_404(job, candidate_id)
    if request.method == "GET":
        return _screen(job, candidate)
    action = request.form.get("action", "")
    try:
        seen = int(request.form.get("version", ""))
    except ValueError:
        return _screen(job, candidate, "Something was wrong with that button. Try again.", 400)
    try:
        service.press(job, candidate, action, seen)
    except service.Conflict:
        return _screen(
            job,
            candidate,
            "Someone else on the panel moved on first. This is where the panel is now.",
            409,
        )
    except service.NotAllowed as error:
        return _screen(job, candidate, str(error), 400)
    return redirect(url_for("live.screen", job_id=job.id, candidate_id=candidate.id), 303)


@bp.route("/jobs/<int:job_id>/live/<int:candidate_id>/state.json")
@answers_early(poll.unchanged)  # 304 from one SELECT while nothing changed (live/poll.py)
@login_required
def state(job_id: int, candidate_id: int):
    """The state as JSON, with an ETag; 304 with no body when the tablet has it already."""
    job = job_or_404(job_id)
    candidate = candidate_or_404(job, candidate_id)
    tag = poll.tag_now(job.id, candidate.id, current_user.id)
    if request.if_none_match.contains(tag):
        return poll.not_modified(tag)
    response = jsonify(state_json(queries.state(job, candidate)))
    response.set_etag(tag)
    return response
