"""Two candidates press "Choose this time" for the last free time at the same moment.

The database decides (the unique key on job and time): one gets the time, the other is
told in plain words and sees the times left. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta

import pytest

from panels.db import db
from panels.models import Job
from panels.plan import booking_service
from tests.integration.booking_helpers import booked, first_link, open_times

pytestmark = pytest.mark.concurrency


def _race(app, monkeypatch, times: int, wanted: dict[int, str]) -> dict[int, object]:
    """Each candidate (id -> their link) posts time 1 at once; both pass the check first."""
    checked = booking_service.slots.problem

    def slow_check(*args, **kwargs):
        found = checked(*args, **kwargs)
        time.sleep(0.4)  # both have looked and seen a free time before either writes
        return found

    monkeypatch.setattr(booking_service.slots, "problem", slow_check)
    clients = {cid: app.test_client() for cid in wanted}
    barrier = threading.Barrier(len(clients))
    responses: dict[int, object] = {}
    errors: list[BaseException] = []

    def press(cid: int) -> None:
        try:
            barrier.wait()
            responses[cid] = clients[cid].post(f"/invite/{wanted[cid]}/time", data={"time": "1"})
        except BaseException as error:  # noqa: BLE001  (reported below)
            errors.append(error)

    threads = [threading.Thread(target=press, args=(cid,)) for cid in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return responses


def _day(app, world, times: int) -> dict[int, str]:
    with app.app_context():
        job = db.session.get(Job, world["job_a"])
        job.interview_date = date.today() + timedelta(days=10)
        job.contact = "Alex Morgan, 0113 496 0000"
        db.session.commit()
        open_times(job.id, times=times)
        return {c.id: first_link(app, c.id) for c in job.candidates}


@pytest.mark.parametrize("times", [1, 2])
def test_two_candidates_pressing_for_the_last_time_one_gets_it(app, world, monkeypatch, times):
    links = _day(app, world, times)
    responses = _race(app, monkeypatch, times, links)
    statuses = sorted(r.status_code for r in responses.values())  # type: ignore[attr-defined]
    assert statuses == [302, 409]
    winner = next(cid for cid, r in responses.items() if r.status_code == 302)  # type: ignore[attr-defined]
    loser = next(cid for cid in responses if cid != winner)
    with app.app_context():
        assert booked() == {winner: (1, "candidate")}
    html = responses[loser].get_data(as_text=True)  # type: ignore[attr-defined]
    assert "Sorry. Someone else chose that time just now. Please choose another time." in html
    if times == 1:
        assert "There are no free times left." in html
        assert 'name="time"' not in html
    else:
        assert html.count('name="time"') == 1 and 'value="2"' in html  # the time left
    # Nothing lost: the loser can take the time left.
    if times == 2:
        again = app.test_client().post(f"/invite/{links[loser]}/time", data={"time": "2"})
        assert again.status_code == 302
        with app.app_context():
            assert booked() == {winner: (1, "candidate"), loser: (2, "candidate")}


def test_one_candidate_pressing_twice_at_once_gets_one_time(app, world, monkeypatch):
    links = _day(app, world, 2)
    ruth = world["cand_a"]
    same = {ruth: links[ruth], -1: links[ruth]}  # two tabs, one link
    responses = _race(app, monkeypatch, 2, same)
    assert sorted(r.status_code for r in responses.values()) == [302, 302]  # type: ignore[attr-defined]
    with app.app_context():
        assert booked() == {ruth: (1, "candidate")}
