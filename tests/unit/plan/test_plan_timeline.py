"""The picture of the day: boxes in time order, longer slots taller, none too small."""

from datetime import date, time

from panels.plan import planner
from panels.plan.timeline import MIN_HEIGHT, timeline


def _plan() -> planner.Plan:
    return planner.plan_day(
        date(2026, 12, 15),
        planner.Settings(start=time(9, 30), max_work_minutes=30),
        [planner.Question("q1", "Tell us about you.", "a")],
        [planner.Asker("a", "Sam", pace=2)],
        [1.0, 2.0],
        [planner.Candidate(k, k.upper()) for k in ("a", "b", "c")],
    )


def test_boxes_follow_the_slots_and_never_overlap():
    plan = _plan()
    boxes, height = timeline(plan)
    assert [b.kind for b in boxes] == [s.kind for s in plan.slots]
    assert "break" in [b.kind for b in boxes]
    for before, after in zip(boxes, boxes[1:], strict=False):
        assert after.y == before.y + before.height
    assert all(b.height >= MIN_HEIGHT for b in boxes)
    assert height > boxes[-1].y + boxes[-1].height
    interview = next(b for b in boxes if b.kind == "interview")
    change = next(b for b in boxes if b.kind == "change-over")
    assert interview.height > change.height
    assert boxes[0].time == "09:30" and boxes[0].label.startswith("A: interview")
    assert "arrives 09:15" in boxes[0].label
