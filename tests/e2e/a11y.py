"""Accessibility checks and the colour scheme, for the end-to-end tests and `make store-assets`.

- `set_color_scheme(browser, "light" | "dark")`: what `prefers-color-scheme` answers in the pages of
  this browser from now on. Chromium: the DevTools protocol's `Emulation.setEmulatedMedia` on the
  current tab (it stays through navigations, extension pages included). Firefox: the pref
  `layout.css.prefers-color-scheme.content-override` (0 dark, 1 light), set at run time from the
  browser's chrome context, which a temporary add-on session allows (`--allow-system-access`); it
  covers web pages and moz-extension:// pages alike.
- `run_axe(browser)`: axe-core (`node_modules/axe-core/axe.min.js`, the npm package) over the
  current page, WCAG 2.1 A/AA and best practices. Its source goes in with WebDriver's
  execute_script, which neither browser holds to the page's CSP (`script-src 'self'` on the
  extension pages), so nothing is added to the built extension. `run_axe_in_frame(browser)`: the same
  inside the extension's in-page frame, less the two rules about a whole page's outline
  (`FRAME_SKIPS`, which says why).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
#: axe-core's browser bundle, installed by `make setup` (package.json devDependencies).
AXE_PATH = REPO / "node_modules" / "axe-core" / "axe.min.js"
#: The rule sets every page must pass: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")
SCHEMES = ("light", "dark")
#: Firefox's content override values for `prefers-color-scheme`.
_FIREFOX_OVERRIDE = {"dark": 0, "light": 1}


@cache
def axe_source() -> str:
    """axe.min.js, or a failure that says how to install it."""
    if not AXE_PATH.is_file():
        raise AssertionError(f"{AXE_PATH.relative_to(REPO)} is missing: run `make setup` (npm ci installs axe-core)")
    return AXE_PATH.read_text(encoding="utf-8")


def set_color_scheme(browser: Any, scheme: str) -> None:
    """Make `prefers-color-scheme` answer `scheme` in `browser`'s pages (see the module comment)."""
    if scheme not in SCHEMES:
        raise AssertionError(f"unknown colour scheme {scheme!r}; known: {SCHEMES}")
    driver = browser.driver
    if browser.name == "chromium":
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
        return
    with driver.context(driver.CONTEXT_CHROME):
        driver.execute_script(
            'Services.prefs.setIntPref("layout.css.prefers-color-scheme.content-override", arguments[0]);',
            _FIREFOX_OVERRIDE[scheme],
        )


def page_scheme(browser: Any) -> str:
    """The scheme the current page's `prefers-color-scheme` answers: "dark" or "light"."""
    dark = browser.driver.execute_script("return matchMedia('(prefers-color-scheme: dark)').matches;")
    return "dark" if dark else "light"


def run_axe(browser: Any, context: Any = None, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Run axe-core over the current document (or the elements the selector `context` selects)
    with the AXE_TAGS rule sets, less the rules named in `skip`, and return
    `{url, violations: [{id, impact, help, nodes: [{target, summary}]}], passes: [rule ids],
    incomplete: [{id, nodes}]}`."""
    result = browser.driver.execute_async_script(
        axe_source()
        + """
        ;const [tags, context, skip, done] = [arguments[0], arguments[1], arguments[2], arguments[arguments.length - 1]];
        const nodes = rule => rule.nodes.map(n => ({ target: n.target, summary: n.failureSummary || '' }));
        const rules = Object.fromEntries(skip.map(id => [id, { enabled: false }]));
        axe.run(context ?? document, { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations', 'incomplete'] })
          .then(r => done({
            url: r.url,
            violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: nodes(v) })),
            passes: r.passes.map(p => p.id),
            incomplete: r.incomplete.map(v => ({ id: v.id, nodes: nodes(v) })),
          }), error => done({ error: String(error && error.stack || error) }));
        """,
        list(AXE_TAGS),
        context,
        list(skip),
    )
    if not isinstance(result, dict) or "error" in result:
        raise AssertionError(f"axe-core did not run on {browser.driver.current_url}: {result!r}")
    return result


#: axe's best practices about a whole page's outline: one main landmark, one level-one heading.
#: The extension's frame is a part of the Purpose Jobs page it is shown in, whose main and h1
#: these are (axe reaching the frame from its page checks them only there); a main landmark or an
#: h1 of the frame's own would give the page a second one. Every other rule runs in the frame.
FRAME_SKIPS = ("landmark-one-main", "page-has-heading-one")


def run_axe_in_frame(browser: Any) -> dict[str, Any]:
    """axe-core over the extension's in-page frame (its whole document), less FRAME_SKIPS.
    The driver is left in the page."""
    from . import dom

    if not dom.enter_frame(browser.driver):
        raise AssertionError("no extension frame in the page to run axe in")
    try:
        return run_axe(browser, skip=FRAME_SKIPS)
    finally:
        browser.driver.switch_to.default_content()


def describe(violations: list[dict[str, Any]]) -> str:
    """Violations as readable lines, for an assertion message."""
    return json.dumps(violations, indent=2, ensure_ascii=False)
