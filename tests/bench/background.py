"""The background of a measured extension: stopping it as the browser does when it is idle, checking
that it is stopped, and reading what it recorded about its starts (`inject/background.js`).

- Chromium: the DevTools protocol stops every service worker (`ServiceWorker.stopAllWorkers`) and
  starts one (`ServiceWorker.startWorker`); `Target.getTargets` lists the running ones.
- Firefox: the real idle suspension, with `extensions.background.idle.timeout` at IDLE_TIMEOUT_MS
  (set once per browser; the timer armed before it keeps the old timeout, so the background is
  terminated once at setup); its state comes from the add-on's `backgroundState` (chrome context).

The analysis half (`starts_of`, `handled`, `check`, `breakdown`) is pure, for `test_background.py`.
Times are epoch milliseconds: the background's `performance.timeOrigin` plus an entry's start, the
page's `timeOrigin + event.timeStamp`, the sandbox's `time.time()`: one wall clock, one machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

RECORD_PREFIX = "pgBench:start:"
#: Firefox's idle timeout for the measured browsers (the default is 30 s).
IDLE_TIMEOUT_MS = 2000
#: How long stopping or starting may take before it counts as failed, in seconds.
STATE_WAIT = IDLE_TIMEOUT_MS / 1000 + 8
#: Clock resolution slack when comparing page, background and sandbox times (Firefox rounds to 1 ms).
SLACK_MS = 2.0

#: The messages that make the request: `SendProfile` (read and send, the menu's one message) and
#: `SendProspect` (a reading's token: the review form, and the floor extension).
SENDS = ("SendProfile", "SendProspect")
RECEIVED, HANDLE, WASM, SCRIPT = "pg-bench:bg-received", "pg-bench:bg-handle", "pg-bench:bg-wasm", "pg-bench:bg-script"
STORAGE, STORAGE_SET, STORAGE_ENCODE = "pg:bg-storage-get:", "pg:bg-storage-set:", "pg:bg-storage-encode:"
#: The bench build's steps of a handler (crate::perf::BG_STEP): "pg:bg-step:read", "…:request".
STEP = "pg:bg-step:"

_FIREFOX_STATE = "return String(WebExtensionPolicy.getByID(arguments[0]).extension.backgroundState);"


class Background:
    """Stops, starts and inspects the background of `browser`'s extension."""

    def __init__(self, browser: Any):
        self.browser = browser
        self.kind = browser.name

    def _chrome(self, script: str, *args: Any, asynchronous: bool = False) -> Any:
        driver = self.browser.driver
        with driver.context(driver.CONTEXT_CHROME):
            run = driver.execute_async_script if asynchronous else driver.execute_script
            return run(script, *args)

    def setup(self) -> None:
        """Firefox: the short idle timeout, then one termination so no 30 s timer is left armed."""
        if self.kind != "firefox":
            return
        self._chrome(
            """
            const [id, timeout, done] = arguments;
            Services.prefs.setIntPref("extensions.background.idle.timeout", timeout);
            const ext = WebExtensionPolicy.getByID(id).extension;
            if (String(ext.backgroundState) !== "running") return done(String(ext.backgroundState));
            ext.terminateBackground({ ignoreDevToolsAttached: true }).then(() => done(String(ext.backgroundState)), (e) => done(String(e)));
            """,
            self.browser.extension.id,
            IDLE_TIMEOUT_MS,
            asynchronous=True,
        )

    def running(self) -> bool:
        """Is the background running now (Chromium: a service worker target of the extension)?"""
        if self.kind == "firefox":
            return self._chrome(_FIREFOX_STATE, self.browser.extension.id) == "running"
        targets = self.browser.driver.execute_cdp_cmd("Target.getTargets", {})["targetInfos"]
        return any(t["type"] == "service_worker" and t["url"].startswith(self.browser.extension.base_url) for t in targets)

    def _wait(self, want_running: bool, what: str) -> float:
        deadline = time.monotonic() + STATE_WAIT
        while self.running() != want_running:
            if time.monotonic() > deadline:
                raise AssertionError(f"the background did not {what} within {STATE_WAIT:.0f} s")
            time.sleep(0.05)
        return time.time() * 1000

    def stop(self) -> float:
        """Stop the background (Chromium) or wait until the browser suspends it for being idle
        (Firefox), and check that it is stopped; the epoch ms at which it was seen stopped."""
        if self.kind == "chromium":
            self.browser.driver.execute_cdp_cmd("ServiceWorker.enable", {})
            self.browser.driver.execute_cdp_cmd("ServiceWorker.stopAllWorkers", {})
            return self._wait(False, "stop after ServiceWorker.stopAllWorkers")
        return self._wait(False, f"suspend after an idle timeout of {IDLE_TIMEOUT_MS} ms")

    def wake(self) -> float:
        """Start the background if it is not running (the recruiter's last action woke it), and
        check; the epoch ms at which it was seen running."""
        if not self.running():
            if self.kind == "chromium":
                self.browser.driver.execute_cdp_cmd("ServiceWorker.enable", {})
                self.browser.driver.execute_cdp_cmd("ServiceWorker.startWorker", {"scopeURL": self.browser.extension.base_url})
            else:
                self._chrome("WebExtensionPolicy.getByID(arguments[0]).extension.wakeupBackground();", self.browser.extension.id)
        return self._wait(True, "start")


# --- what the background recorded ----------------------------------------------------------------


@dataclass(frozen=True)
class Start:
    """One start of the background: when (`origin`, epoch ms) and its timeline entries."""

    origin: float
    entries: tuple[dict, ...]

    def at(self, entry: dict) -> float:
        return self.origin + entry["start"]

    def end(self, entry: dict) -> float:
        return self.origin + entry["start"] + (entry.get("duration") or 0)

    def named(self, name: str) -> list[dict]:
        return sorted((e for e in self.entries if e["name"] == name), key=lambda e: e["start"])


def starts_of(session: dict[str, Any]) -> list[Start]:
    """The background's starts recorded in `session` (storage.session's content), oldest first."""
    starts = [
        Start(float(value["origin"]), tuple(value.get("entries") or ()))
        for key, value in session.items()
        if key.startswith(RECORD_PREFIX) and isinstance(value, dict) and "origin" in value
    ]
    return sorted(starts, key=lambda s: s.origin)


@dataclass(frozen=True)
class Handled:
    """One message as the background saw it: which start, when received, its handler (or None)."""

    start: Start
    type: str
    received: dict
    handle: dict | None


def handled(starts: list[Start], after_ms: float, until_ms: float = float("inf")) -> list[Handled]:
    """Every message received from `after_ms` to `until_ms`, in order, with its handler's measure
    (the first one of that type that began at or after the message arrived)."""
    out = []
    for start in starts:
        handles = start.named(HANDLE)
        used: set[int] = set()
        for received in start.named(RECEIVED):
            if not after_ms - SLACK_MS <= start.at(received) <= until_ms:
                continue
            handle = next(
                (h for i, h in enumerate(handles) if i not in used and h.get("detail") == received.get("detail") and h["start"] >= received["start"] - SLACK_MS),
                None,
            )
            if handle is not None:
                used.add(handles.index(handle))
            out.append(Handled(start, str(received.get("detail")), received, handle))
    return sorted(out, key=lambda m: m.start.at(m.received))


def check(starts: list[Start], click_ms: float, until_ms: float, stopped_at: float | None, running_since: float | None) -> str | None:
    """Why this export does not show the state it was meant to (None: it does). `stopped_at`: the
    background was seen stopped then, so the one that handled the click must have started after it.
    `running_since`: it was running then, so that one must have started before it."""
    after = handled(starts, click_ms, until_ms)
    if not after:
        return "the background recorded no message after the click"
    origin = after[0].start.origin
    if stopped_at is not None and origin < stopped_at - SLACK_MS:
        return f"the background that handled the click started {stopped_at - origin:.0f} ms before it was seen stopped"
    if running_since is not None and origin > running_since + SLACK_MS:
        return f"the background that handled the click started {origin - running_since:.0f} ms after it should have been running"
    return None


def breakdown(starts: list[Start], click_ms: float, until_ms: float, request_ms: float, since_ms: float) -> dict[str, float]:
    """Where the time of one export went, in ms, from the background's timeline.

    `since_ms`: when the recruiter's last step before the click began (the background was stopped,
    or the menu/form opened); the start rows appear when the background started after it."""
    out: dict[str, float] = {}
    after = handled(starts, click_ms, until_ms)
    if not after:
        return out
    start = after[0].start
    if start.origin >= since_ms - SLACK_MS:
        out["background start − click"] = start.origin - click_ms
        if script := start.named(SCRIPT):
            out["start → first background script"] = script[0]["start"]
        if wasm := start.named(WASM):
            out["wasm compile + instantiate"] = wasm[0]["duration"]
            out["start → module ready"] = wasm[0]["start"] + wasm[0]["duration"]
        first = handled([start], start.origin)
        if first and first[0].handle is not None:
            message = first[0]
            out[f"first message ({message.type}): received → reply"] = start.end(message.handle) - start.at(message.received)
    previous_reply: tuple[str, float] | None = None
    for message in after:
        kind = message.type
        received = message.start.at(message.received)
        if previous_reply is None:
            out[f"click → {kind} received"] = received - click_ms
        else:
            out[f"{previous_reply[0]} reply → {kind} received"] = received - previous_reply[1]
        if message.handle is None:
            continue
        out[f"{kind}: received → handler"] = message.handle["start"] - message.received["start"]
        out[f"{kind}: handler"] = message.handle["duration"]
        begin, end = message.handle["start"], message.handle["start"] + message.handle["duration"]
        reads = [e for e in message.start.entries if e["name"].startswith(STORAGE) and begin - SLACK_MS <= e["start"] <= end]
        if reads:
            out[f"{kind}: storage reads ({len(reads)})"] = sum(e["duration"] for e in reads)
        writes = [e for e in message.start.entries if e["name"].startswith(STORAGE_SET) and begin - SLACK_MS <= e["start"] <= end]
        for step in (e for e in message.start.entries if e["name"].startswith(STEP) and begin - SLACK_MS <= e["start"] <= end):
            out[f"{kind}: {step['name'][len(STEP):]}"] = step["duration"]
        if kind in SENDS:
            out[f"{kind} received → request at the sandbox"] = request_ms - received
            # The send's timeline: when each step and storage span ended, counted from the
            # message's arrival, to place the time no step names.
            for entry in (e for e in message.start.entries if e["name"].startswith((STEP, STORAGE, STORAGE_SET, STORAGE_ENCODE)) and begin - SLACK_MS <= e["start"] <= end):
                out[f"{kind}: received → {entry['name'][len('pg:bg-'):]} ended"] = message.start.end(entry) - received
            for what, spans in (("reads", reads), ("writes", writes)):
                before = [e for e in spans if message.start.end(e) <= request_ms]
                out[f"{kind}: storage {what} before the request ({len(before)})"] = sum(e["duration"] for e in before)
        previous_reply = (kind, message.start.end(message.handle))
    return out
