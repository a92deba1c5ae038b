"""The live interview screen: one question at a time, the same on every tablet.

Each panel of a job has its own screen (``/jobs/<job>/panels/<panel>/live/...``); the
addresses without a panel open the person's own panel's screen (the first panel's for a
coordinator on no panel), so a job with one panel keeps its addresses.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from panels.audio.service import listen_url
from panels.common.access import (
    candidate_or_404,
    job_or_404,
    manages,
    membership,
    panel_or_404,
)
from panels.common.early import answers_before_flask
from panels.live import poll, queries, screens, service
from panels.models import Candidate, Job, Panel
from panels.plan.queries import candidates_for, current_plan
from panels.questions.pictures import picture_url

bp = Blueprint("live", __name__)

STATUS_WORDS = {
    "waiting": "The interview has not started yet.",
    "running": "",
    "paused": "The panel is having a break. Press Carry on when you are ready.",
    "finished": "The interview has finished. Thank you.",
}


def heard(question) -> str:
    """What Listen says: the question, or the activity and its things to look for."""
    if not question.is_activity:
        return question.easy_read
    return f"{question.easy_read} Things to look for. {'. '.join(question.look_for_points)}."


def state_json(st: queries.State) -> dict:
    q = st.question
    return {
        "version": st.version,
        "status": st.status,
        "number": st.number,
        "total": st.total,
        "progress": f"{'Activity' if q.is_activity else 'Question'} {st.number} of {st.total}"
        if q and st.status != "waiting"
        else "",
        "message": STATUS_WORDS.get(st.status, ""),
        "more_time": st.more_time_count,
        "question": None
        if q is None
        else {
            "text": q.easy_read,
            "picture": picture_url(q),
            "asker": q.asker.user.name if q.asker else "",
            "follow_up": q.follow_up,
            "listen": listen_url(heard(q)),
            "heard": heard(q),
            "activity": q.is_activity,
            "look_for": q.look_for_points if q.is_activity else [],
        },
    }


def live_panel(job: Job, panel_id: int | None = None) -> Panel:
    """The panel whose live screen this person may open: the one named (404 for a panel of
    another job, 403 for a member of another panel), else their own, else the first."""
    wanted = None if panel_id is None else panel_or_404(job, panel_id).id
    me = membership(job)
    try:
        chosen = screens.pick_panel(
            [p.id for p in job.panels], wanted, me.panel_id if me else None, manages(job)
        )
    except screens.NoSuchPanel:
        abort(404)
    except screens.OtherPanel:
        abort(
            Response(
                render_template(
                    "error.html",
                    heading=screens.OTHER_PANEL_HEADING,
                    message=screens.OTHER_PANEL_WORDS,
                ),
                403,
            )
        )
    return next(p for p in job.panels if p.id == chosen)


def _urls(job: Job, panel: Panel, candidate: Candidate | None = None) -> dict[str, str]:
    """The screen's own addresses: with the panel in them when the job has several."""
    ids: dict = {"job_id": job.id}
    prefix = "live."
    if len(job.panels) > 1:
        ids["panel_id"] = panel.id
        prefix = "live.panel_"
    urls = {"choose": url_for(prefix + "choose", **ids)}
    if candidate is not None:
        urls["screen"] = url_for(prefix + "screen", candidate_id=candidate.id, **ids)
        urls["state"] = url_for(prefix + "state", candidate_id=candidate.id, **ids)
    return urls


def _panels_context(job: Job, panel: Panel) -> dict:
    """What the pages say about panels: nothing with one; with several, which one this is
    and (for a coordinator) the way to the others' screens."""
    several = len(job.panels) > 1
    return {
        "panel": panel if several else None,
        "pick_panels": several and manages(job),
    }


def _screen(job: Job, candidate: Candidate, panel: Panel, notice: str = "", status: int = 200):
    st = queries.state(job, candidate, panel)
    return (
        render_template(
            "live/screen.html",
            job=job,
            candidate=candidate,
            st=st,
            data=state_json(st),
            notice=notice,
            me=membership(job),
            urls=_urls(job, panel, candidate),
            **_panels_context(job, panel),
        ),
        status,
    )


@bp.route("/jobs/<int:job_id>/live")
@bp.route("/jobs/<int:job_id>/panels/<int:panel_id>/live", endpoint="panel_choose")
@login_required
def choose(job_id: int, panel_id: int | None = None):
    job = job_or_404(job_id)
    panel = live_panel(job, panel_id)
    plan = current_plan(job, panel if len(job.panels) > 1 else None)
    starts = {}
    if plan is not None:
        starts = {int(s.candidate_key): s.start for s in plan.slots if s.kind == "interview"}
    by_id = {c.id: c for c in candidates_for(job)}
    rows = [
        (by_id[cid], starts.get(cid), queries.state(job, by_id[cid], panel))
        for cid in screens.in_plan_order(list(by_id), starts)
    ]
    return render_template(
        "live/choose.html",
        job=job,
        rows=rows,
        status_words=STATUS_WORDS,
        screen_for=lambda c: _urls(job, panel, c)["screen"],
        **_panels_context(job, panel),
    )


@bp.route("/jobs/<int:job_id>/live/<int:candidate_id>", methods=["GET", "POST"])
@bp.route(
    "/jobs/<int:job_id>/panels/<int:panel_id>/live/<int:candidate_id>",
    methods=["GET", "POST"],
    endpoint="panel_screen",
)
@login_required
def screen(job_id: int, candidate_id: int, panel_id: int | None = None):
    job = job_or_404(job_id)
    panel = live_panel(job, panel_id)
    candidate = candidate_or_404(job, candidate_id)
    if request.method == "GET":
        return _screen(job, candidate, panel)
    action = request.form.get("action", "")
    try:
        seen = int(request.form.get("version", ""))
    except ValueError:
        return _screen(
            job, candidate, panel, "Something was wrong with that button. Try again.", 400
        )
    try:
        service.press(job, candidate, action, seen, panel)
    except service.Conflict:
        return _screen(
            job,
            candidate,
            panel,
            "Someone else on the panel moved on first. This is where the panel is now.",
            409,
        )
    except service.NotAllowed as error:
        return _screen(job, candidate, panel, str(error), 400)
    return redirect(_urls(job, panel, candidate)["screen"], 303)


@bp.route("/jobs/<int:job_id>/live/<int:candidate_id>/state.json")
@bp.route(
    "/jobs/<int:job_id>/panels/<int:panel_id>/live/<int:candidate_id>/state.json",
    endpoint="panel_state",
)
@answers_before_flask(poll.QuickPoll)  # 304 from one SELECT, before Flask (live/poll.py)
@login_required
def state(job_id: int, candidate_id: int, panel_id: int | None = None):
    """The panel's state as JSON, with an ETag; 304 with no body when the tablet has it
    already. Each panel's interview has its own state; the tag is this person's own."""
    job = job_or_404(job_id)
    panel = live_panel(job, panel_id)
    candidate = candidate_or_404(job, candidate_id)
    tag = poll.tag_now(job.id, candidate.id, current_user.id, panel_id)
    if request.if_none_match.contains(tag):
        return poll.not_modified(tag)
    response = jsonify(state_json(queries.state(job, candidate, panel)))
    response.set_etag(tag)
    return response
