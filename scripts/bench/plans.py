"""How the results page reads the scores: the plan of the statement that sums each sheet,
and on PostgreSQL the pages it touched (EXPLAIN ANALYZE with BUFFERS). Unlike times, these
do not change with how busy the machine is: they show whether the page reads only the
job's own scores or every job's."""

from __future__ import annotations

from sqlalchemy import event

from panels.db import db
from panels.models import Job
from panels.results.service import job_results


def sums_plan(app, job_id: int) -> tuple[str, str]:
    """In short (PostgreSQL: the 8 KB pages touched; SQLite: whether it goes through
    indexes), then how each table is read."""
    with app.app_context():
        engine = db.engine
        seen: list[tuple[str, object]] = []

        def watch(_conn, _cursor, statement, params, _context, _many) -> None:
            if "sum(score.value)" in statement:
                seen.append((statement, params))

        event.listen(engine, "before_cursor_execute", watch)
        try:
            job_results(db.session.get(Job, job_id))
        finally:
            event.remove(engine, "before_cursor_execute", watch)
        statement, params = seen[0]
        cursor = db.session.connection().connection.driver_connection.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + statement, params)
            steps = [str(row[-1]) for row in cursor.fetchall()]
            scans = any(step.startswith("SCAN score") for step in steps)
            return ("reads every job's" if scans else "by index"), "; ".join(steps)
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement, params)
        plan = cursor.fetchone()[0][0]["Plan"]
        db.session.rollback()
        return _describe(plan)


def _describe(plan: dict) -> tuple[str, str]:
    reads = []
    for node in _nodes(plan):
        if node.get("Relation Name") != "score":
            continue
        removed = node.get("Rows Removed by Filter", 0) * node.get("Actual Loops", 1)
        other = f", {removed} other rows read and left" if removed else ""
        rows = node.get("Actual Rows", 0) * node.get("Actual Loops", 1)
        reads.append(f"{node['Node Type']} on score: {rows} rows{other}")
    pages = plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)
    return f"{pages} pages", f"{'; '.join(reads)} (8 KB pages touched, EXPLAIN ANALYZE)"


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)
