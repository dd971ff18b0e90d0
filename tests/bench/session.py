"""One browser's measurements: what a recruiter feels, read from the browser's own clocks.

Four browsers of one kind run side by side, driven in turn on the same URL (interleaved; the
order rotates every run, so none is always first):
- "with": the bench build of the extension (`dist-bench/`), instrumented (`instrument.py`);
- "bare": the bare wasm-bindgen module as the only content script, instrumented the same way:
  the floor any WebAssembly content script of this toolchain costs (readiness and page load);
- "script": a one-line JavaScript content script injected where and when ours is: the floor of
  any content script at all (page load);
- "without": a blank extension that puts nothing into pages;
- "floor": an extension whose content script adds the menu item and whose background answers its
  one message with one `fetch` (`instrument.floor`): the floor of a click → request.

The exports (click → request) are made with the background running and with it stopped
(`background.py`), from the menu and from the review form, modelling a person: the background is
stopped while the recruiter reads (before the menu opens) or while the review form is open, and the
click comes PERSON_DELAY after the menu item (or the form) appeared; in the form the pointer reaches
Send HOVER_TO_CLICK before the click. Between runs the send history is cleared through the
background ("Clear history"), so every export starts from "nothing sent yet". Each export is checked against
the background's own record of its starts: one that did not meet the state it was meant to is left
out and named under the metric.

Every number comes from the page's clock (Navigation Timing, performance marks, `performance.now()`,
`event.timeStamp`), from the sandbox's request log (wall clock, same machine) or from the Chrome
DevTools protocol. Waiting is only ever "until something is there" (bounded); no sleep is measured.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selenium.webdriver.common.action_chains import ActionChains

from background import Background, breakdown, check, starts_of
from e2e import dom
from e2e.browser import Browser, launch
from instrument import BLANK_PAGE, FLOOR_MARK

CANDIDATES_PATH = "/v1/partner/candidates"
MENU_ITEM = "Send to Greenhouse"
REVIEW_ITEM = "Review and send…"
#: Seconds from the menu item (or the review form) appearing to the click: a person, not a script.
PERSON_DELAY = 0.4
#: Seconds from the pointer reaching the review form's Send button to the click (a person aims,
#: then presses; the frame wakes the background on that pointer: `inpage/wake.rs`).
HOVER_TO_CLICK = 0.2
#: The exports measured, by case (the keys of Samples.clicks).
MENU_RUNNING, MENU_STOPPED = "menu, background running", "menu, background stopped while reading"
REVIEW_RUNNING, REVIEW_STOPPED = "review form, background running", "review form left open, background stopped"
FLOOR_RUNNING, FLOOR_STOPPED = "floor extension, background running", "floor extension, background stopped"
CASES = (MENU_RUNNING, MENU_STOPPED, REVIEW_RUNNING, REVIEW_STOPPED, FLOOR_RUNNING, FLOOR_STOPPED)
#: The page loads whose time to ready is broken down too (Samples.breakdowns, like the CASES).
READY_CASES = ("content script ready", "bare module ready")
PROBE = (Path(__file__).resolve().parent / "probe.js").read_text(encoding="utf-8")
#: Seconds to wait for something the extension should do (ready, menu item, request).
WAIT = 10.0
#: Failed exports in a row after which a session stops trying (see BenchSession._export).
MAX_EXPORT_FAILURES = 2

#: Reads the bench marks of the current page: zero (first content script), ready, extraction.
READ_MARKS = """
const byName = (name, type) => performance.getEntriesByName(name, type).slice(-1)[0] || null;
const start = byName('pg-bench:script-start', 'mark');
const rust = byName('pg:content-ready', 'mark');
const wrapper = byName('pg-bench:content-ready', 'mark');
const ready = rust || wrapper;
const extract = byName('pg:extract', 'measure');
// The JavaScript walk of the extraction's snapshot: the last one that started inside it.
const walks = extract ? performance.getEntriesByName('pg:snapshot-js', 'measure')
  .filter((m) => m.startTime >= extract.startTime && m.startTime <= extract.startTime + extract.duration) : [];
return {
  start: start && start.startTime,
  ready: ready && ready.startTime,
  readyVia: rust ? 'crate::perf mark' : (wrapper ? 'start_content wrapper' : null),
  wasmBytes: rust && typeof rust.detail === 'number' ? rust.detail : null,
  extract: extract && extract.duration,
  extractWalk: walks.length ? walks[walks.length - 1].duration : null,
  extractWasmBytes: extract && typeof extract.detail === 'number' ? extract.detail : null,
  // Where the time to ready went (inject/start.js, inject/ready.js), from the first script.
  phases: start && ready ? Object.fromEntries([
    ['scripts before the loader run', byName('pg-bench:scripts-run', 'mark')],
    ['module fetch started', byName('pg-bench:content-fetch', 'measure')],
    ['module fetched', byName('pg-bench:content-fetch', 'measure'), true],
    ['compile + instantiate started', byName('pg-bench:content-wasm', 'measure')],
    ['compile + instantiate done', byName('pg-bench:content-wasm', 'measure'), true],
    ['start_content called', byName('pg-bench:start-content', 'measure')],
  ].filter(([, e]) => e).map(([what, e, end]) => [what, e.startTime + (end ? e.duration : 0) - start.startTime])) : {},
};
"""
#: Installed in the extension's frame before the review form's Send is clicked: the click's time
#: on the frame's clock (epoch ms, like the page probe's).
FRAME_PROBE = """
window.__pgBenchFrameClick = null;
document.addEventListener('click', (e) => { window.__pgBenchFrameClick = performance.timeOrigin + e.timeStamp; }, true);
"""
LOAD_EVENT_END = "const n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : 0;"


@dataclass
class Samples:
    """Everything one browser measured, by metric; `problems` says why a metric has no samples."""

    page_load_with: list[float] = field(default_factory=list)
    page_load_without: list[float] = field(default_factory=list)
    page_load_bare: list[float] = field(default_factory=list)
    page_load_script: list[float] = field(default_factory=list)
    ready: list[float] = field(default_factory=list)
    ready_via: set[str] = field(default_factory=set)
    bare_ready: list[float] = field(default_factory=list)
    heap_with: list[float] = field(default_factory=list)
    heap_without: list[float] = field(default_factory=list)
    wasm_bytes: list[float] = field(default_factory=list)
    menu_to_item: list[float] = field(default_factory=list)
    menu_via: set[str] = field(default_factory=set)
    extract: list[float] = field(default_factory=list)
    extract_walk: list[float] = field(default_factory=list)
    #: click → request received by the sandbox, by case (CASES) and run index: ratios pair by index.
    clicks: dict[str, dict[int, float]] = field(default_factory=dict)
    #: The background's timeline of every export kept, by case: segment → ms (background.breakdown).
    breakdowns: dict[str, list[dict[str, float]]] = field(default_factory=dict)
    requests_per_export: list[float] = field(default_factory=list)
    #: Which requests each export made ("POST /v1/partner/candidates", ...), by distinct list.
    export_requests: set[tuple[str, ...]] = field(default_factory=set)
    #: Page wall clock (timeOrigin + now) minus this machine's time.time(), in ms, with its
    #: uncertainty (half the WebDriver round trip): checks that the two clocks agree.
    clock_offset: list[tuple[float, float]] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)

    def problem(self, metric: str, error: BaseException | str) -> None:
        """Remember the first reason `metric` could not be measured."""
        text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        self.problems.setdefault(metric, text[:300])


class BenchSession:
    """The "with", "bare", "script" (one-line content script) and "without" browsers of one kind, the
    sandbox, and the page under test."""

    def __init__(self, name: str, dists: dict[str, Path], sandbox: Any, pages: Any, fixture: str, key: str, email: str):
        self.name = name
        self.sandbox = sandbox
        self.url = pages[fixture].url
        self.key, self.email = key, email
        self.samples = Samples()
        self._browsers: list[Browser] = []
        try:
            self.with_ext = self._launch(dists["with"], pages)
            self.bare = self._launch(dists["bare"], pages)
            self.script = self._launch(dists["script"], pages)
            self.without = self._launch(dists["without"], pages)
            self.floor = self._launch(dists["floor"], pages)
        except BaseException:
            self.close()
            raise
        self.storage: dict[str, Any] | None = None
        self._pending_export: int | None = None
        #: Exports that failed in a row; after MAX_EXPORT_FAILURES the rest are skipped (each
        #: failure costs a full WAIT, and the reason is already recorded).
        self._export_failures = 0
        self._failures: dict[str, int] = {case: 0 for case in CASES}
        self.background = Background(self.with_ext)
        self.floor_background = Background(self.floor)

    def _launch(self, dist: Path, pages: Any) -> Browser:
        browser = launch(self.name, dist, self.sandbox, pages)
        self._browsers.append(browser)
        return browser

    def close(self) -> None:
        """Quit every browser."""
        for browser in self._browsers:
            try:
                browser.quit()
            except Exception as error:  # one stuck browser must not keep the others running
                print(f"    could not quit {self.name}: {error}")

    # --- setup --------------------------------------------------------------------------------

    def configure(self) -> None:
        """Set up the Greenhouse key like a recruiter, then snapshot the extension's storage, so
        every run can start from "configured, nothing sent yet" (an already-sent profile shows a
        different menu item)."""
        try:
            notice = self.with_ext.configure_integration(self.key, self.email)
            if notice.role != "status":
                raise AssertionError(f"the options page answered the key with an alert: {notice.text!r}")
            self.storage = {area: {k: v for k, v in items.items() if not k.startswith("pgBench:")} for area, items in self._storage("get").items()}
        except Exception as error:  # the export metrics report it; the others still run
            for metric in ("menu_to_item", "requests_per_export", "extract", *CASES[:4]):
                self.samples.problem(metric, f"setting up the key failed: {error}")
        for background, cases in ((self.background, CASES[:4]), (self.floor_background, CASES[4:])):
            try:
                background.setup()
            except Exception as error:
                for case in cases:
                    self.samples.problem(case, f"setting up the background's idle timeout failed: {error}")

    def _storage(self, action: str, snapshot: dict[str, Any] | None = None) -> dict[str, Any]:
        """Read ("get") or restore ("set") the extension's local and session storage, from the
        options page (an extension page, where `chrome.storage`/`browser.storage` exists); "set"
        also clears the send history (ledger and outbox, in the background's own store) with the
        options page's "Clear history" message, so every export starts from "nothing sent yet".

        In a tab of its own, closed again: opening an extension page in the measured tab would put
        that tab in the extension's process, and the next page load would pay for a new renderer
        process (~20 ms in Chromium); an options page left open would keep working (its module,
        its storage listeners) during the measured load. The other browsers have neither."""
        driver = self.with_ext.driver
        measured_tab = driver.current_window_handle
        driver.switch_to.new_window("tab")
        try:
            self.with_ext.open_options()
            return self._storage_script(action, snapshot)
        finally:
            driver.close()
            driver.switch_to.window(measured_tab)

    def _storage_script(self, action: str, snapshot: dict[str, Any] | None) -> dict[str, Any]:
        return self.with_ext.driver.execute_async_script(
            """
            const [action, snapshot, done] = arguments;
            const api = globalThis.browser ?? globalThis.chrome;
            const areas = ['local', 'session'].filter((a) => api.storage[a]);
            (async () => {
              const out = {};
              for (const area of areas) {
                if (action === 'set') {
                  // The bench's own records of the background's starts stay (inject/background.js).
                  const old = Object.keys(await api.storage[area].get(null)).filter((k) => !k.startsWith('pgBench:'));
                  await api.storage[area].remove(old);
                  await api.storage[area].set(snapshot[area] || {});
                }
                out[area] = await api.storage[area].get(null);
              }
              if (action === 'set') {
                // The ledger and the outbox live in the background's own store (IndexedDB,
                // background/store.rs), which keeps a copy in memory: empty them the way a
                // recruiter does, with "Clear history", through the background.
                const reply = await api.runtime.sendMessage({ type: 'ClearHistory' });
                if (!reply || !reply.ok) throw new Error('Clear history failed: ' + JSON.stringify(reply));
              }
              return out;
            })().then(done, (e) => done({ error: String(e) }));
            """,
            action,
            snapshot or {},
        )

    # --- one run --------------------------------------------------------------------------------

    def run(self, index: int) -> None:
        """One interleaved run: the browsers, in an order that rotates with `index`."""
        steps = [self._run_with, self._run_with_stopped, self._run_bare, self._run_script, self._run_without, self._run_floor]
        shift = index % len(steps)
        for step in steps[shift:] + steps[:shift]:
            step(index)

    def _navigate(self, browser: Browser, url: str) -> float:
        """Load `url` from about:blank (the same way in both browsers); its loadEventEnd in ms."""
        browser.driver.get("about:blank")
        browser.driver.get(url)
        return dom.wait_for(lambda: browser.driver.execute_script(LOAD_EVENT_END), f"loadEventEnd of {url}", timeout=WAIT)

    def _marks(self, browser: Browser, what: str) -> dict[str, Any]:
        return dom.wait_for(
            lambda: (m := browser.driver.execute_script(READ_MARKS)) and m["start"] is not None and m["ready"] is not None and m,
            f"the bench marks of {what} (pg-bench:script-start and a ready mark)",
            seen=lambda: browser.driver.execute_script("return performance.getEntriesByType('mark').map(m => m.name)"),
            timeout=WAIT,
        )

    def _heap(self, browser: Browser) -> float | None:
        """V8 heap bytes in use by the page's renderer (every world), after a full GC; Chromium only."""
        if self.name != "chromium":
            return None
        browser.driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})
        return float(browser.driver.execute_cdp_cmd("Runtime.getHeapUsage", {})["usedSize"])

    def _run_without(self, index: int) -> None:
        s = self.samples
        try:
            s.page_load_without.append(self._navigate(self.without, self.url))
            heap = self._heap(self.without)
            if heap is not None:
                s.heap_without.append(heap)
        except Exception as error:
            s.problem("page_load", error)

    def _run_script(self, index: int) -> None:
        try:
            self.samples.page_load_script.append(self._navigate(self.script, self.url))
        except Exception as error:
            self.samples.problem("page_load", error)

    def _run_bare(self, index: int) -> None:
        s = self.samples
        try:
            s.page_load_bare.append(self._navigate(self.bare, self.url))
            marks = self._marks(self.bare, "the bare module")
            s.bare_ready.append(marks["ready"] - marks["start"])
            s.breakdowns.setdefault(READY_CASES[1], []).append(marks["phases"])
        except Exception as error:
            s.problem("bare_ready", error)

    def _run_with(self, index: int) -> None:
        s = self.samples
        self._count_previous_export()
        try:
            s.page_load_with.append(self._navigate(self.with_ext, self.url))
        except Exception as error:
            s.problem("page_load", error)
            return
        try:
            marks = self._marks(self.with_ext, "the extension's content script")
            s.ready.append(marks["ready"] - marks["start"])
            s.breakdowns.setdefault(READY_CASES[0], []).append(marks["phases"])
            s.ready_via.add(marks["readyVia"])
            if marks["wasmBytes"] is not None:
                s.wasm_bytes.append(float(marks["wasmBytes"]))
            else:
                s.problem("wasm_bytes", "no crate::perf ready mark with the linear memory size (pg:content-ready)")
        except Exception as error:
            s.problem("ready", error)
        try:
            heap = self._heap(self.with_ext)
            if heap is not None:
                s.heap_with.append(heap)
        except Exception as error:
            s.problem("memory", error)
        # The reset comes after the measured load, not before it: its "Clear history" message
        # starts a stopped background, whose module compiles (~100 ms in Firefox, more in its
        # optimizing tier on helper threads) on the same 2 cores as the page. No recruiter's page
        # load meets that: the content script sends nothing at load. Before 2026-12-02, 9 of 10
        # Firefox "with" loads overlapped such a start (median 196 ms; 142.5 ms with the reset here).
        if self.storage is None:
            return
        try:
            self._storage("set", self.storage)
        except Exception as error:
            s.problem("requests_per_export", f"restoring the extension's storage failed: {error}")
        if self._export_failures < MAX_EXPORT_FAILURES:
            self._export_failures = 0 if self._export(index) else self._export_failures + 1

    def _run_with_stopped(self, index: int) -> None:
        """The extension's other exports: from the menu with the background stopped while reading,
        and from the review form with it running and stopped; the order alternates by run."""
        cases = [(MENU_STOPPED, False, True), (REVIEW_RUNNING, True, False), (REVIEW_STOPPED, True, True)]
        for case, review, stop in cases if index % 2 else cases[::-1]:
            if self.storage is None or self._failures[case] >= MAX_EXPORT_FAILURES:
                continue
            self._count_previous_export()
            try:
                self._storage("set", self.storage)
                self._navigate(self.with_ext, self.url)
                self._marks(self.with_ext, "the extension's content script")
            except Exception as error:
                self.samples.problem(case, f"preparing the page failed: {error}")
                continue
            ok = self._send(case, index, self.with_ext, self.background, review=review, stop=stop)
            self._failures[case] = 0 if ok else self._failures[case] + 1

    def _run_floor(self, index: int) -> None:
        """The floor extension's export, with its background stopped and running (order alternating)."""
        for case, stop in [(FLOOR_STOPPED, True), (FLOOR_RUNNING, False)][:: 1 if index % 2 else -1]:
            if self._failures[case] >= MAX_EXPORT_FAILURES:
                continue
            try:
                self._navigate(self.floor, self.url)
            except Exception as error:
                self.samples.problem(case, f"loading the page failed: {error}")
                continue
            ok = self._send(case, index, self.floor, self.floor_background, review=False, stop=stop)
            self._failures[case] = 0 if ok else self._failures[case] + 1

    def _records(self, browser: Browser) -> dict[str, Any]:
        """storage.session of `browser`'s extension, read from a page with no script (which does
        not wake the background), in a tab of its own."""
        driver = browser.driver
        measured_tab = driver.current_window_handle
        driver.switch_to.new_window("tab")
        try:
            browser.open_extension_page(BLANK_PAGE)
            return driver.execute_async_script(
                "const done = arguments[0]; (globalThis.browser ?? globalThis.chrome).storage.session.get(null).then(done, (e) => done({ error: String(e) }));"
            )
        finally:
            driver.close()
            driver.switch_to.window(measured_tab)

    def _send(self, case: str, index: int, browser: Browser, background: Background, review: bool, stop: bool) -> bool:
        """One export of a loaded page, as a person makes it (see the module's doc): click →
        request into `Samples.clicks[case][index]` and the background's breakdown, when the
        background's records show it was in the state `case` names. False when it failed."""
        s = self.samples
        driver = browser.driver
        floor = browser is self.floor
        try:
            driver.execute_script(PROBE)
            stopped_at = running_since = None
            if not review:
                if stop:
                    stopped_at = background.stop()
                else:
                    running_since = background.wake()
            browser.open_share_menu()
            probe = dom.wait_for(
                lambda: (p := driver.execute_script("return window.__pgBench")) and p["itemAt"] is not None and p,
                f"the {MENU_ITEM!r} menu item",
                seen=browser.menu_items,
                timeout=WAIT,
            )
            origin = driver.execute_script("return performance.timeOrigin")
            self._like_a_person(origin + probe["itemAt"])
            last_seq = self.sandbox.last_seq()
            if review:
                browser.choose_menu_item(REVIEW_ITEM)
                dom.wait_for(lambda: dom.find_by_role(driver, "dialog"), "the review form (role=dialog)", timeout=WAIT)
                shown = time.time() * 1000
                if stop:
                    stopped_at = background.stop()
                else:
                    if not background.running():
                        raise AssertionError("the background was not running with the review form open")
                    running_since = time.time() * 1000
                # A person: reads (the background stopped meanwhile), moves the pointer onto Send,
                # and clicks HOVER_TO_CLICK later; the whole step takes PERSON_DELAY.
                notices = browser.notices()
                send = browser.button("Send")  # leaves the driver in the extension's frame
                # The form is in the extension's frame, whose clicks the page's probe cannot see.
                driver.execute_script(FRAME_PROBE)
                self._like_a_person(shown if not stop else stopped_at, PERSON_DELAY - HOVER_TO_CLICK)
                # The form can be taller than the viewport (Firefox): bring Send into view first.
                driver.execute_script("arguments[0].scrollIntoView({ block: 'center' });", send)
                ActionChains(driver).move_to_element(send).perform()
                time.sleep(HOVER_TO_CLICK)
                send.click()
            else:
                notices = browser.notices()
                browser.choose_menu_item(MENU_ITEM)
            if not floor:
                self._pending_export = last_seq
            posts = self._wait_post(last_seq, floor)
            if review:
                click = dom.run_in_frame(driver, "return window.__pgBenchFrameClick;")
                driver.switch_to.default_content()
            else:
                click = driver.execute_script("return window.__pgBench")["clickEpochMs"]
            if click is None:
                raise AssertionError("the page saw no click")
            request = posts[0]["time"] * 1000
            browser.wait_new_notice(notices)
            until = time.time() * 1000
        except Exception as error:
            s.problem(case, error)
            return False
        try:
            time.sleep(0.2)  # inject/background.js writes its record 150 ms after its last entry
            starts = starts_of(self._records(browser))
            wrong = check(starts, click, until, stopped_at, running_since)
            if wrong:
                s.problem(case, f"left out: {wrong}")
                return True
            s.clicks.setdefault(case, {})[index] = request - click
            s.breakdowns.setdefault(case, []).append(breakdown(starts, click, until, request, stopped_at if stop else click))
        except Exception as error:
            s.problem(case, f"reading the background's records failed: {error}")
        return True

    def _wait_post(self, since: int, floor: bool) -> list[dict]:
        """The export's `POST candidates` (the floor extension's when `floor`), once the sandbox
        has it. A blocking wait in this process, not polling: a poll is a TLS handshake whose CPU
        would land inside the click → request being measured, on a machine of two cores."""
        posts = self.sandbox.wait_requests("POST", CANDIDATES_PATH, since, WAIT, where=lambda r: (FLOOR_MARK in r.get("target", "")) == floor)
        if not posts:
            raise AssertionError(f"Timed out after {WAIT:g} s waiting for POST {CANDIDATES_PATH} at the sandbox")
        return posts

    @staticmethod
    def _like_a_person(since_epoch_ms: float, delay: float = PERSON_DELAY) -> None:
        """Wait until `delay` (seconds) after `since_epoch_ms` (a person's reaction; never measured)."""
        time.sleep(max(0.0, since_epoch_ms / 1000 + delay - time.time()))

    def _export(self, index: int) -> bool:
        """Open the Share menu with the probe installed, then send the profile: menu → item,
        click → request, extraction time, and (counted at the next run) requests per export.
        False when the item never appeared or no request came."""
        s = self.samples
        browser = self.with_ext
        driver = browser.driver
        try:
            driver.execute_script(PROBE)
            running_since = self.background.wake()
            browser.open_share_menu()
            probe = dom.wait_for(
                lambda: (p := driver.execute_script("return window.__pgBench")) and p["itemAt"] is not None and p,
                f"the {MENU_ITEM!r} menu item (page DOM or an open shadow root)",
                seen=browser.menu_items,
                timeout=WAIT,
            )
            menu_at, via = (probe["menuAt"], probe["menuVia"]) if probe["menuAt"] is not None else (probe["openClickAt"], "share click")
            s.menu_to_item.append(probe["itemAt"] - menu_at)
            s.menu_via.add(f"menu: {via}, item: {probe['itemVia']}")
            self._like_a_person(driver.execute_script("return performance.timeOrigin") + probe["itemAt"])
        except Exception as error:
            s.problem("menu_to_item", error)
            return False
        try:
            last_seq = self.sandbox.last_seq()
            notices = browser.notices()
            asked = time.time()
            page_clock = driver.execute_script("return performance.timeOrigin + performance.now()")
            answered = time.time()
            s.clock_offset.append((page_clock - (asked + answered) * 500, (answered - asked) * 500))
            browser.choose_menu_item(MENU_ITEM)
            self._pending_export = last_seq
            posts = self._wait_post(last_seq, floor=False)
            click_epoch_ms = driver.execute_script("return window.__pgBench.clickEpochMs")
            if click_epoch_ms is None:
                raise AssertionError("the page saw no click on the menu item")
            request = posts[0]["time"] * 1000
        except Exception as error:
            s.problem(MENU_RUNNING, error)
            return False
        try:
            # The export is over when the page says so; requests are counted at the next run.
            browser.wait_new_notice(notices)
        except Exception as error:
            s.problem("requests_per_export", f"no confirmation after the click: {error}")
        until = time.time() * 1000
        try:
            time.sleep(0.2)  # inject/background.js writes its record 150 ms after its last entry
            starts = starts_of(self._records(browser))
            wrong = check(starts, click_epoch_ms, until, None, running_since)
            if wrong:
                s.problem(MENU_RUNNING, f"left out: {wrong}")
            else:
                s.clicks.setdefault(MENU_RUNNING, {})[index] = request - click_epoch_ms
                s.breakdowns.setdefault(MENU_RUNNING, []).append(breakdown(starts, click_epoch_ms, until, request, click_epoch_ms))
        except Exception as error:
            s.problem(MENU_RUNNING, f"reading the background's records failed: {error}")
        try:
            marks = driver.execute_script(READ_MARKS)
            if marks["extract"] is None:
                raise AssertionError("no pg:extract measure (crate::perf around the snapshot and its reading)")
            s.extract.append(marks["extract"])
            if marks["extractWalk"] is not None:
                s.extract_walk.append(marks["extractWalk"])
            # Linear memory only grows: the page's peak is its size after extraction.
            if marks["extractWasmBytes"] is not None and s.wasm_bytes:
                s.wasm_bytes[-1] = max(s.wasm_bytes[-1], float(marks["extractWasmBytes"]))
        except Exception as error:
            s.problem("extract", error)
        return True

    def _count_previous_export(self) -> None:
        """Requests to api.greenhouse.io since the last click (before anything else happens)."""
        if self._pending_export is None:
            return
        since, self._pending_export = self._pending_export, None
        try:
            made = [r for r in self.sandbox.requests(since=since) if FLOOR_MARK not in r.get("target", "")]
            self.samples.requests_per_export.append(float(len(made)))
            self.samples.export_requests.add(tuple(f"{r['method']} {r['path']}" for r in made))
        except Exception as error:
            self.samples.problem("requests_per_export", error)

    def finish(self) -> Samples:
        """Count the last export and return the samples."""
        self._count_previous_export()
        return self.samples


def timed(label: str, action: Any) -> Any:
    """Run `action()`, printing how long it took (progress only; never a measurement)."""
    started = time.monotonic()
    result = action()
    print(f"    {label}: {time.monotonic() - started:.1f} s", flush=True)
    return result
