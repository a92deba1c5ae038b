"""The results page reads the job's own scores only, through an index, on SQLite and on
PostgreSQL: its time follows the job's size, not the size of the whole installation.

The plan of the statement that sums each sheet is checked (EXPLAIN), in a database
holding two jobs. PostgreSQL may rightly choose to read a table this small from end to
end, so there it is asked for its plan with sequential scans discouraged: what matters
is that an index *can* bound the read to the job's scores: by its questions (a filter
written as ``question_id + 0`` cannot use the question index) or sheet by sheet.
"""

from __future__ import annotations

import json

from sqlalchemy import event, text

from panels.db import db
from panels.models import Job
from panels.results.service import job_results
from tests.integration.results.test_results_exact import _closed_job, _many


def _sums_statement(app, job_id: int) -> tuple[str, object]:
    """The statement (and its parameters) that sums the job's sheets."""
    seen: list[tuple[str, object]] = []

    def watch(_conn, _cursor, statement, params, _context, _many) -> None:
        if "sum(score.value)" in statement:
            seen.append((statement, params))

    engine = db.engine
    event.listen(engine, "before_cursor_execute", watch)
    try:
        job_results(db.session.get(Job, job_id))
    finally:
        event.remove(engine, "before_cursor_execute", watch)
    assert len(seen) == 1, seen
    return seen[0]


def _plan(statement: str, params) -> str:
    cursor = db.session.connection().connection.driver_connection.cursor()
    if db.engine.dialect.name == "sqlite":
        cursor.execute("EXPLAIN QUERY PLAN " + statement, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())
    cursor.execute("EXPLAIN (FORMAT JSON) " + statement, params)
    return json.dumps(cursor.fetchone()[0])


def test_the_sheet_sums_read_the_job_s_scores_through_an_index(app):
    with app.app_context():
        other_id, _ = _closed_job(list(_many(30)["A"]), _many(30), ref="OTHER")
        job_id, _ = _closed_job(list(_many(6)["A"]), _many(6), ref="SMALL")
        assert other_id != job_id
        statement, params = _sums_statement(app, job_id)
        if db.engine.dialect.name == "sqlite":
            plan = _plan(statement, params)
            assert "SEARCH score_sheet USING" in plan and "(job_id=?)" in plan, plan
            assert "SEARCH score USING" in plan, plan
            assert "SCAN score" not in plan, plan  # no read of every job's scores
        else:
            db.session.execute(text("SET LOCAL enable_seqscan = off"))
            plan = _plan(statement, params)
            db.session.execute(text("SET LOCAL enable_seqscan = on"))
            # the job's question ids, as a column the question index can serve
            assert "score.question_id IN" in statement, statement
            reads = _score_reads(json.loads(plan))
            assert reads, plan
            for read in reads:  # each read of score is bounded by an index condition
                assert read["Node Type"] != "Seq Scan", plan
                conditions = _index_conditions(read)
                assert any(
                    "question_id = ANY" in c or "sheet_id = score_sheet.id" in c for c in conditions
                ), plan


def _score_reads(node) -> list[dict]:
    """The nodes of a PostgreSQL JSON plan that read the score table."""
    found: list[dict] = []
    if isinstance(node, list):
        for item in node:
            found.extend(_score_reads(item))
    elif isinstance(node, dict):
        if node.get("Relation Name") == "score":
            found.append(node)
        for child in node.get("Plans", []):
            found.extend(_score_reads(child))
        if "Plan" in node:
            found.extend(_score_reads(node["Plan"]))
    return found


def _index_conditions(node) -> list[str]:
    """Every index condition in a PostgreSQL JSON plan (or one node and those below it)."""
    found: list[str] = []
    if isinstance(node, list):
        for item in node:
            found.extend(_index_conditions(item))
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("Index Cond", "Recheck Cond"):
                found.append(str(value))
            else:
                found.extend(_index_conditions(value))
    return found
