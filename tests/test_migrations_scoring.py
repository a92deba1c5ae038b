"""Migration b2_scoring_trust: existing sheets get the scale their member has now."""

from __future__ import annotations

import os

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from panels import create_app
from panels.db import db


def _app(tmp_path):
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/m.sqlite3",
            "SECRET_KEY": "x",
            "TESTING": True,
        }
    )


def test_existing_sheets_get_their_members_scale(tmp_path):
    app = _app(tmp_path)
    with app.app_context():
        upgrade(revision="d1d56846cec0")
        now = "2026-12-01 10:00:00"
        with db.engine.begin() as conn:
            for uid, scale in ((1, "points5"), (2, "yesno")):
                conn.execute(
                    text(
                        'INSERT INTO "user" (id, email, name, is_coordinator, about, created_at,'
                        " read_aloud, more_time, pace, large_text, pictures, scale, photo,"
                        " photo_consent) VALUES (:id, :email, 'P', false, '', :now, false,"
                        " false, 1.0, false, true, :scale, '', false)"
                    ),
                    {"id": uid, "email": f"p{uid}@example.org", "now": now, "scale": scale},
                )
            conn.execute(
                text(
                    "INSERT INTO job (id, ref, title, interview_date, start_time, place,"
                    " contact, group_parity, created_at) VALUES (1, 'J', 'T', '2026-12-15',"
                    " '09:30:00', '', '', false, :now)"
                ),
                {"now": now},
            )
            for mid in (1, 2):
                conn.execute(
                    text(
                        'INSERT INTO panel_member (id, job_id, user_id, "key", created_at)'
                        " VALUES (:id, 1, :id, :key, :now)"
                    ),
                    {"id": mid, "key": f"m{mid}", "now": now},
                )
            conn.execute(
                text(
                    'INSERT INTO candidate (id, job_id, "key", name, email, phone, adjustments,'
                    " position, created_at) VALUES (1, 1, 'c1', 'Ruth', '', '', '', 1, :now)"
                ),
                {"now": now},
            )
            for sid in (1, 2):
                conn.execute(
                    text(
                        "INSERT INTO score_sheet (id, job_id, candidate_id, member_id, status,"
                        " note, version, amended, created_at, updated_at) VALUES"
                        " (:id, 1, 1, :id, 'submitted', '', 1, false, :now, :now)"
                    ),
                    {"id": sid, "now": now},
                )
                # A row that points at the sheet: batch mode copies score_sheet, and that
                # copy must not cascade-delete what points at it (scores, sends).
                conn.execute(
                    text(
                        "INSERT INTO score_send (sheet_id, client_id, result, version, at)"
                        " VALUES (:id, :client, 'submitted', 1, :now)"
                    ),
                    {"id": sid, "client": f"tablet-{sid}", "now": now},
                )
        upgrade()
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT id, scale FROM score_sheet ORDER BY id")).all()
            assert [tuple(r) for r in rows] == [(1, "points5"), (2, "yesno")]
            sends = conn.execute(text("SELECT sheet_id FROM score_send ORDER BY sheet_id")).all()
            assert [r[0] for r in sends] == [1, 2]  # nothing pointing at a sheet was lost
            # A preference changed after the migration does not move the sheet.
            conn.execute(text("UPDATE \"user\" SET scale = 'faces3' WHERE id = 1"))
            conn.commit()
            again = conn.execute(text("SELECT scale FROM score_sheet WHERE id = 1")).scalar()
            assert again == "points5"
        downgrade(revision="d1d56846cec0")
        with db.engine.connect() as conn:
            columns = [r[1] for r in conn.execute(text("PRAGMA table_info(score_sheet)"))]
        assert "scale" not in columns and "id" in columns
    assert os.path.exists(tmp_path / "m.sqlite3")
