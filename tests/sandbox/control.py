"""The sandbox's own machinery around the API: request log, fault queue, rate limit, config,
and the `/__sandbox/` control endpoint that tests use to drive them.

Nothing here knows HTTP sockets: the server asks `SandboxState` what to do with an API request
(`next_fault`, `take_rate_budget`), records what happened in the log, and hands control
requests to `handle_control`, which returns a status and a JSON body.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable

from .api import CANDIDATES_ANSWERS, Greenhouse

CONTROL_PREFIX = "/__sandbox/"
DEFAULT_RATE_LIMIT = 50
DEFAULT_RATE_WINDOW = 10.0

FAULT_KINDS = ("status", "drop", "slow_ms", "garbage")
#: Extra keys each fault kind accepts besides its own.
FAULT_OPTIONS = {
    "status": {"retry_after", "body"},
    "drop": set(),
    "slow_ms": set(),
    "garbage": {"content_type"},
}


@dataclass
class RateDecision:
    """The outcome of spending one request of the budget."""

    allowed: bool
    limit: int
    remaining: int
    retry_after: int
    reset_epoch: int

    def headers(self) -> dict[str, str]:
        """`X-RateLimit-*` on every answer; `Retry-After` and the reset time when refused."""
        headers = {"X-RateLimit-Limit": str(self.limit), "X-RateLimit-Remaining": str(self.remaining)}
        if not self.allowed:
            headers["Retry-After"] = str(self.retry_after)
            headers["X-RateLimit-Reset"] = str(self.reset_epoch)
        return headers


class RateLimit:
    """A fixed window: `limit` requests per `window` seconds, the window starting at its first request.

    `X-RateLimit-Reset` is the Unix time (seconds) when the window ends; `Retry-After` is the
    whole number of seconds until then (at least 1).
    """

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self.reset()

    def reset(self) -> None:
        self.started: float | None = None
        self.used = 0

    def take(self) -> RateDecision:
        now = self.clock()
        if self.started is None or now >= self.started + self.window:
            self.started, self.used = now, 0
        seconds_left = self.started + self.window - now
        retry_after = max(1, math.ceil(seconds_left))
        reset_epoch = math.ceil(time.time() + seconds_left)
        if self.used >= self.limit:
            return RateDecision(False, self.limit, 0, retry_after, reset_epoch)
        self.used += 1
        return RateDecision(True, self.limit, self.limit - self.used, retry_after, reset_epoch)


def fault_problem(fault: Any) -> str | None:
    """Why a fault entry is malformed, or None. Catches typos in tests early."""
    if not isinstance(fault, dict):
        return "each fault must be an object"
    kinds = [k for k in FAULT_KINDS if k in fault]
    if len(kinds) != 1:
        return f"each fault needs exactly one of {', '.join(FAULT_KINDS)}: {fault}"
    kind = kinds[0]
    unknown = set(fault) - {kind} - FAULT_OPTIONS[kind]
    if unknown:
        return f"unknown keys {sorted(unknown)} for a {kind} fault"
    value = fault[kind]
    if kind == "status" and not (isinstance(value, int) and 100 <= value <= 599):
        return "status must be an HTTP status code"
    if kind in ("drop", "garbage") and value is not True:
        return f"{kind} must be true"
    if kind == "slow_ms" and not (isinstance(value, int) and value >= 0):
        return "slow_ms must be a non-negative integer"
    if "retry_after" in fault and not (isinstance(fault["retry_after"], int) and fault["retry_after"] >= 0):
        return "retry_after must be a non-negative integer"
    return None


class SandboxState:
    """Everything a reset clears, behind one lock. The seeds live in `greenhouse.seeds`."""

    def __init__(self, rate_limit: int = DEFAULT_RATE_LIMIT, rate_window: float = DEFAULT_RATE_WINDOW):
        self.lock = threading.Lock()
        #: Notified whenever a request is logged: `wait_requests` blocks on it instead of polling.
        self.logged = threading.Condition(self.lock)
        self.greenhouse = Greenhouse()
        self.defaults = {"rate_limit": rate_limit, "rate_window": rate_window, "revoked_keys": []}
        self.rate = RateLimit(rate_limit, rate_window)
        self.reset()

    def reset(self) -> None:
        """Clear log, candidates, faults, the rate window and config changes; keep the seeds."""
        with self.lock:
            self.log: list[dict] = []
            self.page_log: list[dict] = []
            self.pending_faults: deque[dict] = deque()
            self.down = False
            self.rate.limit = self.defaults["rate_limit"]
            self.rate.window = self.defaults["rate_window"]
            self.rate.reset()
            self.greenhouse.revoked_keys = frozenset()
            self.greenhouse.candidates_answer = "array"
            self.greenhouse.status_word = "active"
        self.greenhouse.reset()

    # --- the request log ---

    def record(self, entry: dict, page: bool = False) -> dict:
        """Append a log entry (the server fills `status`/`outcome` in later) and return it."""
        with self.lock:
            log = self.page_log if page else self.log
            entry["seq"] = len(log) + 1
            log.append(entry)
            self.logged.notify_all()
            return entry

    def finish(self, entry: dict, **outcome: Any) -> None:
        with self.lock:
            entry.update(outcome)

    def requests(self, since: int = 0, page: bool = False) -> list[dict]:
        with self.lock:
            log = self.page_log if page else self.log
            return [dict(e) for e in log if e["seq"] > since]

    def last_seq(self) -> int:
        """The `seq` of the last API request logged (0: none yet)."""
        with self.lock:
            return len(self.log)

    def wait_requests(self, matches: Callable[[dict], bool], since: int, timeout: float) -> list[dict]:
        """The API requests after `since` that `matches`, once there is one; [] after `timeout`
        seconds. Blocks on `logged` (no polling), so a caller in the sandbox's own process takes no
        CPU from what it is waiting for (`make bench`: the click → request it measures)."""
        deadline = time.monotonic() + timeout
        with self.logged:
            while True:
                found = [dict(e) for e in self.log[since:] if matches(e)]
                left = deadline - time.monotonic()
                if found or left <= 0:
                    return found
                self.logged.wait(left)

    # --- faults and rate limit ---

    def next_fault(self) -> dict | None:
        with self.lock:
            return self.pending_faults.popleft() if self.pending_faults else None

    def take_rate_budget(self) -> RateDecision:
        with self.lock:
            return self.rate.take()

    def faults_json(self) -> dict:
        with self.lock:
            return {"next": list(self.pending_faults), "down": self.down}

    def config_json(self) -> dict:
        with self.lock:
            return {
                "rate_limit": self.rate.limit,
                "rate_window": self.rate.window,
                "revoked_keys": sorted(self.greenhouse.revoked_keys),
                "candidates_answer": self.greenhouse.candidates_answer,
                "status_word": self.greenhouse.status_word,
            }

    def set_faults(self, body: Any) -> str | None:
        """Queue faults (`next` appends) and switch `down`; `clear` empties the queue first."""
        if not isinstance(body, dict) or set(body) - {"next", "down", "clear"}:
            return 'expected {"next": [...], "down": bool, "clear": bool}'
        faults = body.get("next", [])
        if not isinstance(faults, list):
            return "next must be an array"
        problem = next((p for p in map(fault_problem, faults) if p), None)
        if problem:
            return problem
        if "down" in body and not isinstance(body["down"], bool):
            return "down must be a boolean"
        with self.lock:
            if body.get("clear"):
                self.pending_faults.clear()
            self.pending_faults.extend(faults)
            if "down" in body:
                self.down = body["down"]
        return None

    def set_config(self, body: Any) -> str | None:
        """Change `rate_limit`, `rate_window` (seconds) and `revoked_keys` until the next reset."""
        known = {"rate_limit", "rate_window", "revoked_keys", "candidates_answer", "status_word"}
        if not isinstance(body, dict) or set(body) - known:
            return "known config keys: " + ", ".join(sorted(known))
        answer = body.get("candidates_answer", self.greenhouse.candidates_answer)
        status_word = body.get("status_word", self.greenhouse.status_word)
        if answer not in CANDIDATES_ANSWERS:
            return "candidates_answer must be one of " + ", ".join(CANDIDATES_ANSWERS)
        if not (isinstance(status_word, str) and status_word.strip()):
            return "status_word must be a non-empty string"
        limit = body.get("rate_limit", self.rate.limit)
        window = body.get("rate_window", self.rate.window)
        revoked = body.get("revoked_keys", sorted(self.greenhouse.revoked_keys))
        if not (isinstance(limit, int) and not isinstance(limit, bool) and limit >= 0):
            return "rate_limit must be a non-negative integer"
        if not (isinstance(window, (int, float)) and not isinstance(window, bool) and window > 0):
            return "rate_window must be a positive number of seconds"
        if not (isinstance(revoked, list) and all(isinstance(k, str) for k in revoked)):
            return "revoked_keys must be an array of strings"
        with self.lock:
            self.rate.limit, self.rate.window = limit, float(window)
            self.rate.reset()
            self.greenhouse.revoked_keys = frozenset(revoked)
            self.greenhouse.candidates_answer = answer
            self.greenhouse.status_word = status_word
        return None


def handle_control(state: SandboxState, method: str, path: str, query: dict[str, list[str]], body: bytes) -> tuple[int, Any]:
    """Answer `/__sandbox/<name>`; see tests/sandbox/README.md for the contract."""
    name = path[len(CONTROL_PREFIX):].strip("/")
    payload: Any = None
    if method == "POST":
        try:
            payload = json.loads(body.decode("utf-8")) if body.strip() else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            return 400, {"error": "control requests take a JSON body"}
    raw_since = query.get("since", ["0"])[0]
    since = int(raw_since) if raw_since.isdigit() else 0
    match (method, name):
        case ("GET", "health"):
            return 200, {"ok": True}
        case ("GET", "requests"):
            return 200, state.requests(since)
        case ("GET", "page-requests"):
            return 200, state.requests(since, page=True)
        case ("GET", "candidates"):
            return 200, state.greenhouse.candidates()
        case ("GET", "seeds"):
            return 200, state.greenhouse.seeds.to_json()
        case ("POST", "reset"):
            state.reset()
            return 200, {"ok": True}
        case ("GET", "faults"):
            return 200, state.faults_json()
        case ("POST", "faults"):
            problem = state.set_faults(payload)
            return (400, {"error": problem}) if problem else (200, state.faults_json())
        case ("GET", "config"):
            return 200, state.config_json()
        case ("POST", "config"):
            problem = state.set_config(payload)
            return (400, {"error": problem}) if problem else (200, state.config_json())
    return 404, {"error": f"no control endpoint {method} {path}"}
