"""How busy the machine was: the load average, and the CPU other processes took during the
run (the machine's busy time less this benchmark's own, servers and wrk included)."""

from __future__ import annotations

import os
import resource
from pathlib import Path


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _busy_and_total() -> tuple[float, float]:
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    idle = ticks[3] + ticks[4]
    hz = os.sysconf("SC_CLK_TCK")
    return (sum(ticks) - idle) / hz, sum(ticks) / hz


def _own_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Busy:
    """Start at the beginning of the run; describe() at the end."""

    def __init__(self) -> None:
        self.busy, self.total = _busy_and_total()
        self.own = _own_seconds()

    def describe(self) -> str:
        busy, total = _busy_and_total()
        cpus = os.cpu_count() or 1
        wall = (total - self.total) / cpus
        others = (busy - self.busy) - (_own_seconds() - self.own)
        share = 100 * max(others, 0.0) / (total - self.total) if total > self.total else 0.0
        return (
            f"{wall:.0f} s; other processes used {share:.0f}% of the machine's CPU meanwhile "
            "(PostgreSQL's own processes count there too)"
        )
