"""Fixtures of the end-to-end tests: the Greenhouse sandbox, the fixture pages, a browser per test.

- `sandbox` (the one sandbox of the session, reset before each test): the local HTTPS server that
  is both api.greenhouse.io and every *.purpose.jobs fixture page.
- `browser`: a fresh Chromium or Firefox (parametrized; E2E_BROWSERS=chromium,firefox picks) with
  the unmodified `dist/` build loaded. Fresh per test, so extension storage starts empty.
- `pages`: the fixture pages of `tests/fixtures/index.json`.

On a failing test the browser's screenshot, console/driver log, page HTML and the sandbox's request
log are saved as `tests/.tmp/e2e/<test>-<browser>.{png,log,html,requests.json}`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import BROWSER_NAMES, Browser, launch
from .fixture_pages import FixturePages

REPO = Path(__file__).resolve().parents[2]
#: Built extension: `dist/chrome` and `dist/firefox` (E2E_DIST points elsewhere, e.g. an unzipped release).
DIST = Path(os.environ.get("E2E_DIST", REPO / "dist"))
#: Fixture pages and their index (E2E_FIXTURES points elsewhere).
FIXTURES = Path(os.environ.get("E2E_FIXTURES", REPO / "tests" / "fixtures"))
#: Where failing tests leave their screenshots and logs.
ARTIFACTS = REPO / "tests" / ".tmp" / "e2e"


def selected_browsers() -> list[str]:
    """The browsers named in E2E_BROWSERS (comma-separated), default all of them."""
    names = [n.strip() for n in os.environ.get("E2E_BROWSERS", ",".join(BROWSER_NAMES)).split(",") if n.strip()]
    unknown = sorted(set(names) - set(BROWSER_NAMES))
    if unknown:
        raise pytest.UsageError(f"E2E_BROWSERS names unknown browsers {unknown}; known: {list(BROWSER_NAMES)}")
    return names


@pytest.fixture(scope="session")
def pages() -> FixturePages:
    """The fixture pages, by name."""
    return FixturePages.load(FIXTURES)


@pytest.fixture(scope="session")
def sandbox_server(pages: FixturePages) -> Iterator[Any]:
    """The Greenhouse sandbox for the whole session, on a free port."""
    from sandbox import Sandbox

    server = Sandbox(FIXTURES, port=0).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sandbox(sandbox_server: Any) -> Any:
    """The sandbox, reset (no candidates, no request log, no faults) for this test."""
    sandbox_server.reset()
    return sandbox_server


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "only_in(*browsers): the behaviour exists only in these browsers; other browsers' variants "
        "are deselected at collection (not run, not reported as skipped or passed)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    keep, drop = [], []
    for item in items:
        marker = item.get_closest_marker("only_in")
        callspec = getattr(item, "callspec", None)
        name = callspec.params.get("browser_name") if callspec else None
        (drop if marker and name and name not in marker.args else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(params=selected_browsers())
def browser_name(request: pytest.FixtureRequest) -> str:
    """The browser this test runs in."""
    return request.param


@pytest.fixture
def browser(request: pytest.FixtureRequest, browser_name: str, sandbox: Any, pages: FixturePages) -> Iterator[Browser]:
    """A fresh browser with the built extension, pointed at the sandbox; saves artifacts on failure."""
    running = launch(browser_name, DIST, sandbox, pages)
    try:
        yield running
    finally:
        try:
            if _failed(request.node):
                _save_artifacts(request.node, running, sandbox)
        finally:
            running.quit()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    # Keep each phase's report on the test item, so fixtures can tell in teardown whether it failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _failed(node: pytest.Item) -> bool:
    return any(getattr(getattr(node, f"report_{when}", None), "failed", False) for when in ("setup", "call"))


def _artifact_stem(node: pytest.Item, browser_name: str) -> Path:
    # test_name-<other params>-<browser>: the browser goes last, whatever the parameter order.
    callspec = getattr(node, "callspec", None)
    others = [part for part in (callspec.id.split("-") if callspec else []) if part != browser_name]
    name = "-".join([getattr(node, "originalname", node.name), *others, browser_name])
    return ARTIFACTS / re.sub(r"[^\w.-]+", "_", name)


def _save_artifacts(node: pytest.Item, running: Browser, sandbox: Any) -> None:
    stem = _artifact_stem(node, running.name)
    written = running.save_artifacts(stem)
    requests_file = stem.with_name(stem.name + ".requests.json")
    try:
        requests_file.write_text(json.dumps(sandbox.requests(), indent=2, default=str), encoding="utf-8")
        written.append(requests_file)
    except Exception as error:  # a broken sandbox must not hide the test's own failure
        requests_file.write_text(f"could not read the sandbox's request log: {error!r}")
    node.add_report_section("teardown", "artifacts", "\n".join(str(p.relative_to(REPO)) for p in written))
