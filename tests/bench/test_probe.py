"""The page-world probe (probe.js) in a real browser: it must see the menu appear, find the item in
an open shadow root whether it comes at once or later, and time the click on it.

The extension is stood in for by a page script that behaves like it (an observer registered before
the probe; the item in an open shadow root), so the probe is checked on its own. Runs in headless
Chromium and Firefox: `.venv/bin/python -m pytest tests/bench -q`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from e2e import dom  # noqa: E402
from e2e.browser import launch  # noqa: E402
from e2e.fixture_pages import FixturePages  # noqa: E402
from instrument import blank  # noqa: E402
from sandbox import Sandbox  # noqa: E402
from session import PROBE  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
#: Stands in for the content script: adds the item into an open shadow root when the menu appears,
#: at once or `delay_ms` later (an observer registered before the probe's, like the extension's).
STAND_IN = r"""
const delay = arguments[0];
const host = document.createElement('div');
document.body.append(host);
const root = host.attachShadow({ mode: 'open' });
new MutationObserver(() => {
  if (!document.querySelector('[role=menu]') || root.firstChild) return;
  const add = () => {
    const item = document.createElement('button');
    item.setAttribute('role', 'menuitem');
    item.textContent = 'Send to Greenhouse';
    root.append(item);
  };
  delay ? setTimeout(add, delay) : add();
}).observe(document.body, { childList: true, subtree: true });
"""


@pytest.fixture(scope="module", params=["chromium", "firefox"])
def browser(request, tmp_path_factory):
    pages = FixturePages.load(FIXTURES)
    sandbox = Sandbox(FIXTURES, port=0).start()
    running = launch(request.param, blank(tmp_path_factory.mktemp("blank")), sandbox, pages)
    yield running
    running.quit()
    sandbox.stop()


@pytest.mark.parametrize("delay_ms", [0, 60])
def test_probe_times_menu_to_item_and_the_click(browser, delay_ms):
    browser.open_fixture("full")
    browser.driver.execute_script(STAND_IN, delay_ms)
    browser.driver.execute_script(PROBE)
    browser.open_share_menu()
    probe = dom.wait_for(lambda: (p := browser.driver.execute_script("return window.__pgBench")) and p["itemAt"] is not None and p, "the probe to see the item")
    assert probe["menuVia"] == "mutation" and probe["itemVia"] == "mutation"
    waited = probe["itemAt"] - probe["menuAt"]
    # At once: in the same mutation delivery (≤ 1 ms clock granularity); later: at least the delay.
    assert (waited <= 1) if delay_ms == 0 else (delay_ms - 1 <= waited < delay_ms + 500), waited
    browser.find_menu_item("Send to Greenhouse").click()
    clicked = dom.wait_for(lambda: browser.driver.execute_script("return window.__pgBench.clickEpochMs"), "the probe to see the click")
    now = browser.driver.execute_script("return performance.timeOrigin + performance.now()")
    assert 0 < now - clicked < 10_000
