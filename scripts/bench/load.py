"""Load from wrk: 16 connections, one per wrk thread, so each thread is one tablet with its own
cookie and CSRF token. A Lua script makes the POST bodies (a new change id every request)
and prints throughput, latency percentiles and the statuses other than 200 as JSON."""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CLIENTS = 16
SECONDS = 5
WARM_UP = 1

LUA = r"""
local tablets = {TABLETS}
local mode = "MODE"
local count = 0
local threads = {}

function setup(thread)
  count = count + 1
  thread:set("id", count)
  table.insert(threads, thread)
end

function init(args)
  tag = args[1] or "run"
  me = tablets[((id - 1) % #tablets) + 1]
  headers = {}
  if me.cookie ~= "" then headers["Cookie"] = me.cookie end
  if me.etag and me.etag ~= "" then headers["If-None-Match"] = me.etag end
  if mode == "save" then
    headers["Content-Type"] = "application/json"
    headers["X-CSRFToken"] = me.csrf
  end
  n = 0
  version = me.version or 0
  bad = {}
end

if mode == "save" then
  -- tally answers other than 200 (conflicts, errors) for the report; every answer
  -- carries the sheet's version, which the next save is made on (as the tablet does)
  function response(status, headers, body)
    if status ~= 200 then bad[status] = (bad[status] or 0) + 1 end
    local seen = body and string.match(body, '"version":%s*(%d+)')
    if seen then version = tonumber(seen) end
  end
end

local function statuses()
  local tally, parts = {}, {}
  for _, thread in ipairs(threads) do
    for status, k in pairs(thread:get("bad") or {}) do
      tally[status] = (tally[status] or 0) + k
    end
  end
  for status, k in pairs(tally) do
    table.insert(parts, string.format('"%d": %d', status, k))
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function request()
  if mode ~= "save" then return wrk.format("GET", me.path, headers) end
  n = n + 1
  local body = string.format(
    '{"client_id":"%s-%d-%d","version":%d,"answers":{"q%d":%d}}',
    tag, id, n, version, n % 15, 1 + n % 3)
  return wrk.format("POST", me.path, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %f, "p50_ms": %f, "p95_ms": %f, ' ..
    '"bad_status": %d, "socket_errors": %d, "statuses": %s}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, e.status, e.connect + e.read + e.write + e.timeout, statuses()))
end
"""


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    bad_status: int
    socket_errors: int
    statuses: dict[str, int]  # save runs: answers other than 200, by status
    client_cpu: float = 0.0  # seconds of CPU wrk itself used (on the same cores as the server)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> str:
        found = [f"{k} x HTTP {status}" for status, k in sorted(self.statuses.items())]
        if self.bad_status and not found:
            found.append(f"{self.bad_status} x HTTP 4xx/5xx")
        if self.socket_errors:
            found.append(f"{self.socket_errors} socket errors or timeouts")
        return ", ".join(found)


def available() -> bool:
    return shutil.which("wrk") is not None


def script(mode: str, targets: list[dict]) -> str:
    """mode "get" or "save"; targets: {path, cookie, csrf, and for saves version} per tablet."""
    rows = ", ".join(
        "{" + ", ".join(f"{k} = {json.dumps(v)}" for k, v in t.items()) + "}" for t in targets
    )
    return LUA.replace("{TABLETS}", "{" + rows + "}").replace("MODE", mode)


def run(port: int, mode: str, targets: list[dict], tag: str, seconds: int) -> Load:
    """One wrk run; the tag keeps change ids of different runs apart."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script(mode, targets))
    command = ["wrk", f"-t{CLIENTS}", f"-c{CLIENTS}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", f.name, f"http://127.0.0.1:{port}", "--", tag]
    before = _children_cpu()
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    finally:
        Path(f.name).unlink()
    line = next(x for x in done.stdout.splitlines() if x.startswith("BENCH "))
    return Load(**json.loads(line[len("BENCH ") :]), client_cpu=_children_cpu() - before)


def _children_cpu() -> float:
    """CPU seconds of the children waited for (wrk, once it has ended; servers still run)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime
