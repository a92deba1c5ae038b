"""Geometry for the picture of the day: a vertical timeline drawn as inline SVG."""

from __future__ import annotations

from dataclasses import dataclass

from panels.plan.planner import Plan

WIDTH = 600
TOP = 10
UNIT = 2.0  # SVG units a minute
MIN_HEIGHT = 26.0  # so a short change-over still has room for its words


@dataclass(frozen=True)
class Box:
    kind: str
    y: float
    height: float
    time: str
    label: str


def _label(kind: str, candidate: str, minutes: float, arrive: str) -> str:
    from panels.plan.planner import minutes_words

    if kind == "interview":
        return f"{candidate}: interview, {minutes_words(minutes)} (arrives {arrive})"
    if kind == "free":
        return f"Free time, {minutes_words(minutes)} (a candidate can choose it)"
    if kind == "break":
        return f"Break for the panel, {minutes_words(minutes)}"
    return f"Change-over, {minutes_words(minutes)}"


def timeline(plan: Plan) -> tuple[list[Box], float]:
    """Boxes from top to bottom, and the picture's height. Every box is tall enough to
    read; longer slots are taller, so the picture keeps the shape of the day."""
    boxes: list[Box] = []
    y = float(TOP)
    for slot in plan.slots:
        height = max(MIN_HEIGHT, slot.minutes * UNIT)
        arrive = f"{slot.arrive:%H:%M}" if slot.arrive else ""
        boxes.append(
            Box(
                slot.kind,
                y,
                height,
                f"{slot.start:%H:%M}",
                _label(slot.kind, slot.candidate, slot.minutes, arrive),
            )
        )
        y += height
    return boxes, y + TOP + 20
