"""Accessibility of the extension's own pages (options page, toolbar popup) in Chromium and Firefox,
light and dark: axe-core finds no violation of WCAG 2.1 A/AA or of its best practices, in each
state a recruiter sees (not connected, a rejected key, connected with the destination form; the
popup empty and with a sent and a failed send).

The check can fail: `test_axe_reports_a_broken_page` breaks the options page on purpose (a field
without its label, text too faint to read) and expects axe to name both.
The in-page UI (notices, review form) is covered where it is drawn (issue 13, with its frame page).
"""

from __future__ import annotations

import pytest

from sandbox import RECRUITER_EMAIL, VALID_KEY

from . import dom
from .a11y import SCHEMES, describe, page_scheme, run_axe, set_color_scheme

#: Background colour of the pages' body in each scheme (options.css / popup.css `--bg`).
BODY_BACKGROUND = {"light": "rgb(255, 255, 255)", "dark": "rgb(13, 17, 23)"}
#: Rules that must have been checked, and passed, on every page (so "no violations" is not
#: "nothing checked").
MUST_PASS = {"color-contrast", "html-has-lang", "document-title", "landmark-one-main"}


@pytest.fixture(params=SCHEMES)
def scheme(request, browser) -> str:
    """The colour scheme the browser's pages are shown in for this test."""
    set_color_scheme(browser, request.param)
    return request.param


def assert_accessible(browser, scheme: str, state: str) -> None:
    """axe over the current page finds nothing, in `scheme`, and really checked it."""
    assert page_scheme(browser) == scheme, f"{state}: the page did not get prefers-color-scheme: {scheme}"
    background = browser.driver.execute_script("return getComputedStyle(document.body).backgroundColor;")
    assert background == BODY_BACKGROUND[scheme], f"{state}: body background {background} is not the {scheme} one"
    result = run_axe(browser)
    assert not result["violations"], f"{state} ({scheme}, {result['url']}): {describe(result['violations'])}"
    missing = MUST_PASS - set(result["passes"])
    assert not missing, f"{state}: axe did not pass {sorted(missing)} (incomplete: {describe(result['incomplete'])})"
    unsure = [rule for rule in result["incomplete"] if rule["id"] == "color-contrast"]
    assert not unsure, f"{state}: axe could not decide the contrast of {describe(unsure)}"


def send(browser, fixture: str, name: str, role: str) -> None:
    browser.open_fixture(fixture)
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")
    (browser.wait_status if role == "status" else browser.wait_alert)(containing=name)


def test_options_page(browser, sandbox, scheme):
    browser.open_options()
    browser.field("API Key")
    assert_accessible(browser, scheme, "options page, not connected")

    assert browser.configure_integration("not-a-key", RECRUITER_EMAIL).role == "alert"
    assert_accessible(browser, scheme, "options page, key rejected")

    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    dom.wait_for(lambda: dom.find_by_role(browser.driver, "button", "Save destination"), "the destination form")
    dom.wait_for(lambda: dom.find_by_role(browser.driver, "button", "Remove integration"), "Remove integration")
    assert_accessible(browser, scheme, "options page, connected, destination form")


def test_popup(browser, sandbox, scheme):
    browser.open_popup()
    assert "Not connected" in browser.wait_status()
    assert_accessible(browser, scheme, "popup, not connected")

    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    send(browser, "semantic", "Ada Lovelace", "status")
    sandbox.faults(next=[{"status": 403}])
    send(browser, "portal-menu", "Sofia Marchetti", "alert")
    browser.open_popup()
    browser.wait_status(containing="Connected as")
    dom.wait_for(lambda: dom.find_by_role(browser.driver, "button", "Retry"), "the failed send's Retry button")
    dom.wait_for(lambda: dom.find_by_role(browser.driver, "link", "View in Greenhouse"), "the sent one's link")
    assert_accessible(browser, scheme, "popup, a sent and a failed send")


def test_axe_reports_a_broken_page(browser, sandbox, scheme):
    browser.open_options()
    browser.field("API Key")
    browser.driver.execute_script(
        """
        document.querySelector('label[for="email"]').remove();
        document.getElementById('email-hint').style.color = getComputedStyle(document.body).backgroundColor
          .replace(/^rgb\\((\\d+), (\\d+), (\\d+)\\)$/, (_, r, g, b) => `rgb(${[r, g, b].map(x => x > 128 ? x - 40 : +x + 40)})`);
        """
    )
    found = {v["id"]: v for v in run_axe(browser)["violations"]}
    assert {"label", "color-contrast"} <= set(found), f"axe missed the broken label or contrast: {describe(list(found.values()))}"
    assert [n["target"] for n in found["label"]["nodes"]] == [["#email"]], describe([found["label"]])
    assert ["#email-hint"] in [n["target"] for n in found["color-contrast"]["nodes"]], describe([found["color-contrast"]])
