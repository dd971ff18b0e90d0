"""Accessibility of the extension's own pages (options page, toolbar popup) in Chromium and Firefox,
light and dark: axe-core finds no violation of WCAG 2.1 A/AA or of its best practices, in each
state a recruiter sees (not connected, a rejected key, connected with the destination form; the
popup empty and with a sent and a failed send).

The in-page UI, where it is drawn (the extension's frame, `inpage.html`, over a fixture profile):
the confirmation (`role="status"`), an alert (`role="alert"`), the review form with a missing field
marked, and the page report dialog, each in the light and the dark scheme, with the frame's boxes in
that scheme's colours (inpage.css follows `prefers-color-scheme`).

The check can fail: `test_axe_reports_a_broken_page` breaks the options page on purpose (a field
without its label, text too faint to read) and expects axe to name both;
`test_axe_reports_a_broken_frame` does the same to the review form in the frame.
"""

from __future__ import annotations

import pytest

from sandbox import RECRUITER_EMAIL, VALID_KEY

from . import dom
from .a11y import SCHEMES, describe, page_scheme, run_axe, run_axe_in_frame, set_color_scheme

#: Background colour of the pages' body in each scheme (options.css / popup.css `--bg`).
BODY_BACKGROUND = {"light": "rgb(255, 255, 255)", "dark": "rgb(13, 17, 23)"}
#: Rules that must have been checked, and passed, on every page (so "no violations" is not
#: "nothing checked").
MUST_PASS = {"color-contrast", "html-has-lang", "document-title", "landmark-one-main"}
#: Background and text colour of the frame's notices and dialogs in each scheme (inpage.css
#: `--bg`, `--fg`: the options page's palette, its card colour as the dark box).
FRAME_COLOURS = {"light": ("rgb(255, 255, 255)", "rgb(31, 35, 40)"), "dark": ("rgb(22, 27, 34)", "rgb(230, 237, 243)")}
#: Rules that must have been checked, and passed, in the frame in every state.
FRAME_MUST_PASS = {"color-contrast", "html-has-lang", "document-title"}


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


def assert_frame_accessible(browser, scheme: str, state: str, role: str, more_rules: set[str] = frozenset()) -> None:
    """axe over the extension's frame finds nothing, in `scheme`, with the `role` box (status,
    alert, dialog) shown in that scheme's colours, and really checked it."""
    seen = dom.run_in_frame(browser.driver, """
        const box = findByRole(arguments[0], null, 'exact', true).pop();
        const style = box && getComputedStyle(box);
        return {dark: matchMedia('(prefers-color-scheme: dark)').matches,
                box: style ? [style.backgroundColor, style.color] : null};""", role)
    assert seen is not None, f"{state}: no extension frame in the page"
    assert seen["dark"] == (scheme == "dark"), f"{state}: the frame did not get prefers-color-scheme: {scheme}"
    assert seen["box"] == list(FRAME_COLOURS[scheme]), f"{state}: the role={role} box is {seen['box']}, not the {scheme} colours"
    result = run_axe_in_frame(browser)
    assert not result["violations"], f"{state} ({scheme}, {result['url']}): {describe(result['violations'])}"
    missing = (FRAME_MUST_PASS | more_rules) - set(result["passes"])
    assert not missing, f"{state}: axe did not pass {sorted(missing)} (incomplete: {describe(result['incomplete'])})"
    unsure = [rule for rule in result["incomplete"] if rule["id"] == "color-contrast"]
    assert not unsure, f"{state}: axe could not decide the contrast of {describe(unsure)}"


def dialogs(browser, name: str | None = None) -> list:
    return dom.find_by_role(browser.driver, "dialog", name)


def open_review_form_in_a_tall_window(browser) -> None:
    """The review form for a single-word name, in a window tall enough for the whole form: axe
    decides the contrast of what is on screen (a control cut by the bottom edge is "undecided")."""
    browser.driver.set_window_size(1280, 1500)
    browser.open_fixture("single-word-name")
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")
    dom.wait_for(lambda: dialogs(browser), "the review form (role=dialog)")
    # The frame turns modal (the whole viewport) a moment after the form is drawn.
    dom.wait_for(lambda: dom.run_in_frame(browser.driver, """
        const box = document.querySelector('[role=dialog]').getBoundingClientRect();
        return box.bottom <= innerHeight;"""), "the review form to fit the window (else axe leaves controls undecided)")


def test_in_page_notices_review_form_and_report(browser, sandbox, scheme):
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    send(browser, "semantic", "Ada Lovelace", "status")
    assert_frame_accessible(browser, scheme, "the confirmation", "status")

    sandbox.faults(next=[{"status": 403}])
    send(browser, "portal-menu", "Sofia Marchetti", "alert")
    assert_frame_accessible(browser, scheme, "an alert", "alert")

    open_review_form_in_a_tall_window(browser)
    assert browser.field("Last name").get_attribute("aria-invalid") == "true"
    assert_frame_accessible(browser, scheme, "the review form, Last name missing", "dialog",
                            {"aria-dialog-name", "label", "aria-valid-attr-value"})

    browser.click_button("Report this page")
    dom.wait_for(lambda: dialogs(browser, "Report this page"), "the report dialog")
    browser.field("Page report")
    assert_frame_accessible(browser, scheme, "the page report dialog", "dialog", {"aria-dialog-name", "label"})


def test_axe_reports_a_broken_frame(browser, sandbox, scheme):
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    open_review_form_in_a_tall_window(browser)
    dom.run_in_frame(
        browser.driver,
        """
        document.querySelector('label[for="pg-email"]').remove();
        const hint = document.querySelector('#pg-resume-note');
        hint.style.color = getComputedStyle(hint.closest('[role=dialog]')).backgroundColor
          .replace(/^rgb\\((\\d+), (\\d+), (\\d+)\\)$/, (_, r, g, b) => `rgb(${[r, g, b].map(x => x > 128 ? x - 40 : +x + 40)})`);
        """,
    )
    found = {v["id"]: v for v in run_axe_in_frame(browser)["violations"]}
    assert {"label", "color-contrast"} <= set(found), f"axe missed the broken label or contrast: {describe(list(found.values()))}"
    assert [n["target"] for n in found["label"]["nodes"]] == [["#pg-email"]], describe([found["label"]])
    assert ["#pg-resume-note"] in [n["target"] for n in found["color-contrast"]["nodes"]], describe([found["color-contrast"]])
