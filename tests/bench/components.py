"""`make bench`, issue 14: the same metrics on a page built from web components, the cost of the
shadow-root support on a page without shadow roots, and the time to build the page report.

One browser per kind loads only the measured extension (the bench build, instrumented as in
`run.py`) and visits, in an order that rotates every run, the full-profile fixture (no shadow roots)
and a component-built fixture (COMPONENT_FIXTURE: the Share menu in a popover component's open
shadow root, appended at the end of `<body>`). Each visit is measured exactly as `session.py`
measures the main fixture (`BenchSession._run_with`: ready, menu → item, extraction, from the same
marks and the same page-world probe), so the two pages' numbers are comparable row by row. Then:

- **Shadow-root scan at start**: the bench build's `pg:shadow-scan:start` measure (crate::perf span
  in the watcher, around the one look for shadow roots already in the page that every page pays at
  start): what the support costs a page without shadow roots, next to the ready time it is part of.
- **Page report build**: the review form asks the background for the page report of the snapshot it
  just read (`Request::ReportPage`); the background's own timeline (`inject/background_after.js`:
  the `pg-bench:bg-handle` measure of that message) gives the handler's time, from the message to
  the report's text. It is built in the background, never on the page's thread: the page cannot
  freeze while it is made. For information (the issue sets no budget).

`BENCH_COMPONENTS=0` leaves these rows out (a quicker run). The rows are information (no goal): the budgets stay on the main fixture's rows (`run.py`). The
pure helpers (`report_handles`, `rotated`, `rows_for`) are checked by `test_components.py`.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
for _path in (REPO / "tests" / "bench", REPO / "tests"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from background import HANDLE, Background, handled, starts_of  # noqa: E402
from e2e import dom  # noqa: E402
from session import CASES, PROBE, REVIEW_ITEM, WAIT, BenchSession, Samples  # noqa: E402
from stats import Row, median  # noqa: E402

#: The light-DOM page (no shadow roots) and the component-built page measured side by side.
LIGHT_FIXTURE = os.environ.get("BENCH_FIXTURE", "full")
COMPONENT_FIXTURE = os.environ.get("BENCH_COMPONENT_FIXTURE", "popover-menu")
REPORT_MESSAGE = "ReportPage"
#: Reads the shadow-root scan of the page's content script (0 or 1 entry per page load).
READ_SHADOW_SCAN = """
const m = performance.getEntriesByName('pg:shadow-scan:start', 'measure').slice(-1)[0];
return m ? m.duration : null;
"""


def rotated(items: list[str], index: int) -> list[str]:
    """`items` in the order of run `index`: rotated by one each run, so none is always first."""
    if not items:
        return []
    shift = index % len(items)
    return items[shift:] + items[:shift]


def report_handles(records: dict[str, Any], after_ms: float, until_ms: float = float("inf")) -> list[float]:
    """The durations (ms) of the background's handler of every ReportPage message received from
    `after_ms` to `until_ms` (epoch ms), in `records` (storage.session as the bench reads it)."""
    return [
        float(message.handle["duration"])
        for message in handled(starts_of(records), after_ms, until_ms)
        if message.type == REPORT_MESSAGE and message.handle is not None and message.handle.get("name") == HANDLE
    ]


class ComponentSession(BenchSession):
    """The measured extension alone, on several fixture pages in turn (see the module's doc)."""

    def __init__(self, name: str, dist: Any, sandbox: Any, pages: Any, fixtures: list[str], key: str, email: str):
        self.name = name
        self.sandbox = sandbox
        self.key, self.email = key, email
        self.fixtures = list(fixtures)
        self.urls = {fixture: pages[fixture].url for fixture in self.fixtures}
        self.url = self.urls[self.fixtures[0]]
        self.by_fixture = {fixture: Samples() for fixture in self.fixtures}
        self.samples = self.by_fixture[self.fixtures[0]]
        self.shadow_scan: dict[str, list[float]] = {fixture: [] for fixture in self.fixtures}
        self.report: dict[str, list[float]] = {fixture: [] for fixture in self.fixtures}
        self.problems: dict[str, str] = {}
        self._browsers = []
        self.with_ext = self._launch(dist, pages)
        self.storage = None
        self._pending_export = None
        self._export_failures = 0
        self._failures = {case: 0 for case in CASES}
        self.background = Background(self.with_ext)

    def problem(self, metric: str, error: BaseException | str) -> None:
        text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        self.problems.setdefault(metric, text[:300])

    def configure(self) -> None:
        """The Greenhouse key, set up like a recruiter; the storage snapshot every visit starts from."""
        try:
            notice = self.with_ext.configure_integration(self.key, self.email)
            if notice.role != "status":
                raise AssertionError(f"the options page answered the key with an alert: {notice.text!r}")
            self.storage = {area: {k: v for k, v in items.items() if not k.startswith("pgBench:")} for area, items in self._storage("get").items()}
        except Exception as error:
            for samples in self.by_fixture.values():
                samples.problem("menu_to_item", f"setting up the key failed: {error}")
                samples.problem("extract", f"setting up the key failed: {error}")
            self.problem("report", f"setting up the key failed: {error}")

    def run(self, index: int) -> None:
        """One run: each fixture measured like the main one, then its page report, in turn."""
        for fixture in rotated(self.fixtures, index):
            self._count_previous_export()
            self.url, self.samples = self.urls[fixture], self.by_fixture[fixture]
            self._run_with(index)
            self._read_shadow_scan(fixture)
            self._count_previous_export()
            self._report(fixture)

    def _read_shadow_scan(self, fixture: str) -> None:
        try:
            scan = self.with_ext.driver.execute_script(READ_SHADOW_SCAN)
            if scan is None:
                raise AssertionError("no pg:shadow-scan:start measure (crate::perf span in the watcher's start)")
            self.shadow_scan[fixture].append(float(scan))
        except Exception as error:
            self.problem(f"shadow_scan {fixture}", error)

    def _report(self, fixture: str) -> None:
        """Open the review form from a fresh page (storage as configured) and read how long the
        background took to build the report the form carries."""
        if self.storage is None:
            return
        browser, driver = self.with_ext, self.with_ext.driver
        try:
            self._storage("set", self.storage)
            self._navigate(browser, self.url)
            self._marks(browser, "the extension's content script")
            driver.execute_script(PROBE)
            self.background.wake()
            browser.open_share_menu()
            dom.wait_for(
                lambda: (p := driver.execute_script("return window.__pgBench")) and p["itemAt"] is not None and p,
                f"the {REVIEW_ITEM!r} menu item",
                seen=browser.menu_items,
                timeout=WAIT,
            )
            asked = time.time() * 1000
            browser.choose_menu_item(REVIEW_ITEM)
            dom.wait_for(lambda: dom.find_by_role(driver, "dialog"), "the review form (role=dialog)", timeout=WAIT)
            time.sleep(0.2)  # inject/background.js writes its record 150 ms after its last entry
            durations = dom.wait_for(
                lambda: report_handles(self._records(browser), asked, time.time() * 1000),
                "the background's ReportPage handler in its records",
                timeout=WAIT,
            )
            self.report[fixture].append(durations[0])
        except Exception as error:
            self.problem(f"report {fixture}", error)


def rows_for(name: str, light: str, component: str, samples: dict[str, Samples], shadow_scan: dict[str, list[float]], report: dict[str, list[float]], problems: dict[str, str]) -> list[Row]:
    """The rows of one browser: per fixture ready, menu → item, extraction, the shadow-root scan and
    the report build; then the component page over the light one (medians) for each of the three."""

    def note(fixture: str, metric: str, default: str) -> str:
        s = samples[fixture]
        return s.problems.get(metric) or problems.get(f"{metric} {fixture}") or default

    rows: list[Row] = []
    for fixture in (light, component):
        s = samples[fixture]
        where = f"{fixture} (no shadow roots)" if fixture == light else f"{fixture} (web components)"
        rows += [
            Row(f"ready after document_idle · {where}", name, "ms", s.ready, note=note(fixture, "ready", "as the main row: bench/start.js → pg:content-ready")),
            Row(f"  of which the shadow-root scan at start · {where}", name, "ms", shadow_scan[fixture], note=note(fixture, "shadow_scan", "crate::perf span pg:shadow-scan:start")),
            Row(f"menu appears → Send to Greenhouse present · {where}", name, "ms", s.menu_to_item, note=note(fixture, "menu_to_item", f"page-world probe ({'; '.join(sorted(s.menu_via))})")),
            Row(f"extraction · {where}", name, "ms", s.extract, note=note(fixture, "extract", "pg:extract: snapshot + the background's reading")),
            Row(f"page report build (background handler) · {where}", name, "ms", report[fixture], note=note(fixture, "report", "pg-bench:bg-handle of ReportPage; built in the background, off the page's thread")),
        ]
    for metric, get in (("ready", lambda s: s.ready), ("menu → item", lambda s: s.menu_to_item), ("extraction", lambda s: s.extract)):
        a, b = get(samples[component]), get(samples[light])
        ratio = [median(a) / median(b)] if a and b and median(b) > 0 else []
        rows.append(Row(f"{metric}: {component} ÷ {light} (medians)", name, "x", ratio, note="" if ratio else "not both measured (or a 0 ms median)"))
    return rows


def measure(name: str, dist: Any, pages: Any, sandbox: Any, runs: int, key: str, email: str) -> list[Row]:
    """Every row of this module for one browser kind (`run.py` calls it after its own browsers)."""
    if os.environ.get("BENCH_COMPONENTS", "1") == "0":
        return []
    fixtures = [LIGHT_FIXTURE, COMPONENT_FIXTURE]
    print(f"==> {name}: components, {runs} runs each of {', '.join(fixtures)} (the extension only)", flush=True)
    session = ComponentSession(name, dist, sandbox, pages, fixtures, key, email)
    try:
        session.configure()
        session.run(0)  # warm-up, not recorded
        session.finish()
        session.by_fixture = {fixture: Samples() for fixture in fixtures}
        session.shadow_scan = {fixture: [] for fixture in fixtures}
        session.report = {fixture: [] for fixture in fixtures}
        session.problems = {}
        started = time.monotonic()
        for index in range(runs):
            session.run(index)
        session.finish()
        print(f"    {runs} runs: {time.monotonic() - started:.1f} s", flush=True)
    finally:
        session.close()
    return rows_for(name, LIGHT_FIXTURE, COMPONENT_FIXTURE, session.by_fixture, session.shadow_scan, session.report, session.problems)


def main() -> int:
    """These rows alone, without the rest of `make bench` (after `PROFILE=bench tools/build.sh`):
    `.venv/bin/python tests/bench/components.py [--runs 20] [--browsers chromium,firefox]`."""
    import argparse

    from e2e.fixture_pages import FixturePages
    from instrument import instrumented
    from sandbox import RECRUITER_EMAIL, VALID_KEY, Sandbox
    from stats import notes, table

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--browsers", default=os.environ.get("BENCH_BROWSERS", "chromium,firefox"))
    args = parser.parse_args()
    dist = REPO / "target" / "bench" / "ext"
    for browser in ("chrome", "firefox"):
        instrumented(REPO / "dist-bench" / browser, dist / browser)
    fixtures = REPO / "tests" / "fixtures"
    pages = FixturePages.load(fixtures)
    sandbox = Sandbox(fixtures, port=0, rate_limit=1_000_000).start()
    rows: list[Row] = []
    try:
        for name in [b.strip() for b in args.browsers.split(",") if b.strip()]:
            rows += measure(name, dist, pages, sandbox, args.runs, VALID_KEY, RECRUITER_EMAIL)
    finally:
        sandbox.stop()
    print()
    print(table(rows))
    print("\nnotes:")
    print(notes(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
