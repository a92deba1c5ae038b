"""The live screen's poll: tablets ask every 2 seconds whether the interview moved on.

Each answer carries a tag (ETag) of the state as this person sees it; a tablet that sends
back the tag of what it shows gets 304 and no body while nothing changed. That answer is
given early (``panels.common.early``): before Flask-Login loads the person and the usual
checks run, from ONE indexed SELECT that reads, together,

* the caller's session row and person (``panels.auth.caller``): live, not due to be
  touched, no two-step set-up waiting;
* whether they may see the interview now: the candidate is the job's, and they sit on the
  job's panel or coordinate for the job's organisation (what ``job_or_404`` and
  ``candidate_or_404`` check);
* the state's version: the candidate's live interviews (count, versions, last change) and
  the job's agreed questions (count, last change).

Nothing is kept in the process, so every process on every machine answers alike. The tag
is an HMAC with the app's secret over the person's id and that version: it cannot be made
up, and another person's tag is worth nothing. Whenever the quick answer cannot say 304
(no tag sent, a tag that does not match, someone removed from the panel, another
organisation's coordinator, a session to touch or ended), the request goes the usual way:
every check, then the view, which answers 200 with the state, 404, or a sign-in redirect.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Sequence
from typing import Any

from flask import Response, current_app, request
from sqlalchemy import (
    ColumnElement,
    Connection,
    Dialect,
    Integer,
    Select,
    bindparam,
    exists,
    func,
    or_,
    select,
)

from panels.auth import caller
from panels.db import db
from panels.models import (
    Candidate,
    Job,
    LiveInterview,
    OrgMembership,
    Panel,
    PanelMember,
    Question,
    User,
    UserSession,
)
from panels.models.base import utcnow


def _job_id() -> ColumnElement[int]:
    return bindparam("job_id", type_=Integer)


def _state_columns() -> list:
    """What the panel's live screen shows this person may change only if one of these does.

    The panel is the one the address names, else the person's own on this job, else the
    job's first: the panel the usual way shows. Its live interview of the candidate (its
    version only goes up) and its agreed questions count, so another panel moving on does
    not wake this panel's tablets; and the panel the person sits on, so moving to another
    panel is a change too (the usual way then says what they may see).
    """
    job_id = _job_id()
    mine = (
        select(PanelMember.panel_id)
        .where(
            PanelMember.job_id == job_id,
            PanelMember.user_id == bindparam("caller_user_id", type_=Integer),
        )
        .scalar_subquery()
    )
    first = (
        select(Panel.id)
        .where(Panel.job_id == job_id)
        .order_by(Panel.position, Panel.id)
        .limit(1)
        .scalar_subquery()
    )
    chosen = func.coalesce(bindparam("panel_id", type_=Integer), mine, first)
    live = select(LiveInterview.version).where(
        LiveInterview.job_id == job_id,
        LiveInterview.panel_id == chosen,
        LiveInterview.candidate_id == bindparam("candidate_id", type_=Integer),
    )
    questions = select(Question.id).where(
        Question.job_id == job_id, Question.panel_id == chosen, Question.status == "agreed"
    )
    return [
        chosen,
        live.scalar_subquery(),
        questions.with_only_columns(func.count()).scalar_subquery(),
        questions.with_only_columns(func.max(Question.updated_at)).scalar_subquery(),
        mine,
    ]


def _may_see() -> ColumnElement[bool]:
    """SQL: the candidate is the job's, and the caller sits on its panel or coordinates
    for its organisation."""
    user_id = bindparam("caller_user_id", type_=Integer)
    job_id = _job_id()
    member = exists().where(PanelMember.job_id == job_id, PanelMember.user_id == user_id)
    manages = exists().where(
        OrgMembership.user_id == user_id,
        OrgMembership.organisation_id == Job.organisation_id,
        caller.coordinates(),
    )
    return (
        exists()
        .where(
            Candidate.id == bindparam("candidate_id", type_=Integer),
            Candidate.job_id == job_id,
            Job.id == Candidate.job_id,
            or_(member, manages),
        )
        .label("may_see")
    )


@functools.cache
def _quick_statement() -> Select:
    """The quick answer's one statement (built once: building costs more than running)."""
    return select(
        UserSession.last_seen_at,
        User.two_step_on_at,
        caller.coordinating().label("coordinating"),
        caller.two_step_required().label("two_step_required"),
        _may_see(),
        *_state_columns(),
    ).where(caller.live_session())


@functools.cache
def _state_statement() -> Select:
    return select(*_state_columns())


def tag_of(user_id: int, job_id: int, candidate_id: int, state: Sequence[object]) -> str:
    """The ETag: the state's version as this person sees it (its first part is the panel
    whose screen it is), signed with the app's secret."""
    seen = "/".join(str(part) for part in (user_id, job_id, candidate_id, *state))
    key = str(current_app.secret_key).encode()
    return hmac.new(key, seen.encode(), hashlib.sha256).hexdigest()[:24]


def tag_now(job_id: int, candidate_id: int, user_id: int, panel_id: int | None = None) -> str:
    """The tag for the usual way, once the view has checked the person may see it."""
    params = {
        "job_id": job_id,
        "candidate_id": candidate_id,
        "caller_user_id": user_id,
        "panel_id": panel_id,
    }
    state = db.session.execute(_state_statement(), params).one()
    return tag_of(user_id, job_id, candidate_id, state)


def _first_row(statement: Select, params: dict[str, object]) -> tuple | None:
    """The statement's first row, as ready-made SQL straight on a pooled database
    connection: an ORM session, or even SQLAlchemy's own execution, costs more than the
    query here. In tests the session's bind is the test's one connection, and the
    statement goes through it (SQLAlchemy's events count it)."""
    bind = db.session.get_bind()
    if isinstance(bind, Connection):
        return _through(bind, statement, params)
    raw = bind.raw_connection()
    try:
        return _straight(raw.dbapi_connection, bind.dialect, statement, params)
    finally:
        raw.close()  # back to the pool, which rolls the read back


@functools.cache
def _compiled(statement: Select, dialect: Dialect) -> tuple[str, tuple[str, ...] | None, Any]:
    """The statement as this database's SQL, its parameters' order (positional styles) and
    the compiled form (for literal values), once per statement and database kind."""
    compiled = statement.compile(dialect=dialect)
    order = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else None
    return str(compiled), order, compiled


@functools.cache
def _processors(statement: Select, dialect: Dialect) -> tuple[Any, ...]:
    """How SQLAlchemy turns each column's raw value into Python (dates on SQLite)."""
    return tuple(
        column.type._cached_result_processor(dialect, None)  # noqa: SLF001
        for column in statement.selected_columns
    )


def _given(dialect: Dialect, statement: Select, params) -> tuple[str, Any]:
    sql, order, compiled = _compiled(statement, dialect)
    values = compiled.construct_params(params)
    return sql, tuple(values[name] for name in order) if order else values


def _processed(row: Sequence[Any] | None, dialect: Dialect, statement: Select) -> tuple | None:
    if row is None:
        return None
    return tuple(
        value if process is None else process(value)
        for value, process in zip(row, _processors(statement, dialect), strict=True)
    )


def _through(connection: Connection, statement: Select, params) -> tuple | None:
    sql, given = _given(connection.dialect, statement, params)
    return _processed(connection.exec_driver_sql(sql, given).first(), connection.dialect, statement)


def _straight(dbapi_connection: Any, dialect: Dialect, statement: Select, params) -> tuple | None:
    sql, given = _given(dialect, statement, params)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(sql, given)
        row = cursor.fetchone()
    finally:
        cursor.close()
    return _processed(row, dialect, statement)


def not_modified(tag: str) -> Response:
    unchanged = Response(status=304)
    unchanged.set_etag(tag)
    return unchanged


def unchanged(job_id: int, candidate_id: int, panel_id: int | None = None) -> Response | None:
    """The quick answer (``answers_early``, with the route's arguments): 304 if the
    tablet's tag is still the state it may see; None for the usual way."""
    if request.method != "GET" or not request.if_none_match:
        return None
    me = caller.from_cookie()
    if me is None:
        return None
    params = {"job_id": job_id, "candidate_id": candidate_id, "panel_id": panel_id, **me.params}
    row = _first_row(_quick_statement(), params)
    if row is None:
        return None  # no live session: the usual way signs them out or in
    last_seen, two_step_on_at, coordinating, two_step_required, may_see, *state = row
    if not may_see:
        return None  # the usual way says 404
    if caller.usual_way_needed(
        utcnow(), last_seen, bool(coordinating), two_step_on_at is not None, bool(two_step_required)
    ):
        return None
    tag = tag_of(me.user_id, job_id, candidate_id, state)
    if not request.if_none_match.contains(tag):
        return None
    return not_modified(tag)
