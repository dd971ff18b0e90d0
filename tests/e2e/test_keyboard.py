"""Keyboard only, end to end, in Chromium and Firefox with the built extension (issue 13).

A recruiter who never touches the mouse: Tab to the Share toggle of a fixture profile, open the
menu with Enter, arrow keys to **Send to Greenhouse**, Enter sends (the sandbox records exactly one
prospect, the confirmation `role="status"` appears). In the review form (drawn in the extension's
frame) focus starts at the first field that needs input, Tab and Shift+Tab stay in the form, Escape
closes it and focus goes back to where it was in the page. The same for the **Report this page**
dialog: focus starts at the report, stays in the dialog, Escape closes it and focus goes back to
the button that opened it.

Every key is a WebDriver key action (trusted input, `event.isTrusted`); no script focuses, clicks
or dispatches anything. Only the options page is set up with WebDriver clicks (not under test here).
The fixture pages' Share menu behaves as the WAI-ARIA menu button pattern (tests/fixtures/static/site.js).
"""

from __future__ import annotations

import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from sandbox import RECRUITER_EMAIL, VALID_KEY

from . import dom

CANDIDATES_PATH = "/v1/partner/candidates"
SEND = "Send to Greenhouse"
REPORT = "Report this page"
REVIEW_TITLE = "Review before sending to Greenhouse"
#: How many presses a step may take before it fails (a page has a few dozen tab stops at most).
MAX_PRESSES = 40

#: Where focus is, as a user would say it: which document has it, and the focused element's
#: role, accessible name and whether it is inside a role=dialog (and which one).
WHERE = """
  const el = document.activeElement;
  const dialog = el && el.closest('[role=dialog]');
  return {
    focused: document.hasFocus(),
    tag: el ? el.localName : null,
    id: el ? el.id : null,
    role: el ? (el.getAttribute('role') || null) : null,
    name: el && el !== document.body ? accessibleName(el) : null,
    shareToggle: !!(el && el.matches('[aria-haspopup], [aria-expanded]') && /share/i.test(accessibleName(el))),
    dialog: dialog ? accessibleName(dialog) : null,
  };
"""


def connect(browser) -> None:
    notice = browser.configure_integration(VALID_KEY, RECRUITER_EMAIL)
    assert notice.role == "status", f"setting up a valid key was answered by an alert: {notice.text!r}"


def posts(sandbox) -> list[dict]:
    return sandbox.requests(method="POST", path=CANDIDATES_PATH)


def press(browser, *keys: str) -> None:
    """Press `keys` where focus is (a trusted key action, like a user's)."""
    browser.driver.switch_to.default_content()
    ActionChains(browser.driver).send_keys(*keys).perform()


def shift_tab(browser) -> None:
    browser.driver.switch_to.default_content()
    ActionChains(browser.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()


def in_page(browser) -> dict:
    return dom.run(browser.driver, WHERE)


def in_frame(browser) -> dict | None:
    """Where focus is in the extension's frame (None when there is no frame)."""
    found = dom.run_in_frame(browser.driver, WHERE)
    browser.driver.switch_to.default_content()
    return found


def focus_in_page(browser, what: str, check) -> dict:
    """Wait until the page itself has focus on an element `check` accepts."""
    return dom.wait_for(lambda: (lambda w: w if w["focused"] and check(w) else None)(in_page(browser)),
                        f"focus in the page on {what}", seen=lambda: {"page": in_page(browser), "frame": in_frame(browser)})


def focus_in_frame(browser, what: str, check) -> dict:
    """Wait until the extension's frame has focus on an element `check` accepts."""
    def found():
        where = in_frame(browser)
        return where if where and where["focused"] and check(where) else None
    return dom.wait_for(found, f"focus in the extension's frame on {what}",
                        seen=lambda: {"page": in_page(browser), "frame": in_frame(browser)})


def tab_until(browser, what: str, check, where=in_page) -> dict:
    """Press Tab until focus is on an element `check` accepts (in the page or, with
    `where=in_frame`, in the extension's frame)."""
    seen = []
    for _ in range(MAX_PRESSES):
        press(browser, Keys.TAB)
        now = where(browser)
        seen.append(now and (now.get("name") or now.get("tag")))
        if now and now["focused"] and check(now):
            return now
    raise AssertionError(f"{MAX_PRESSES} presses of Tab never reached {what}; focus went {seen}")


def open_menu_and_reach_send(browser) -> dict:
    """From the top of a profile page: Tab to the Share toggle, Enter, ArrowDown to Send to
    Greenhouse. Returns where focus is (on the item)."""
    tab_until(browser, "the Share menu's toggle", lambda w: w["shareToggle"])
    press(browser, Keys.ENTER)
    # The menu opens with focus on its first item.
    focus_in_page(browser, "the menu's first item", lambda w: w["role"] == "menuitem")
    seen = []
    for _ in range(10):
        now = in_page(browser)
        seen.append(now["name"])
        if now["role"] == "menuitem" and now["name"] == SEND:
            return now
        press(browser, Keys.ARROW_DOWN)
    raise AssertionError(f"ArrowDown never reached {SEND!r}; focus went {seen}")


def open_profile(browser, fixture: str) -> None:
    browser.open_fixture(fixture)
    # Start from the top of the page, where a user's first Tab starts.
    focus_in_page(browser, "the page (nothing focused yet)", lambda w: w["tag"] in ("body", "html"))


def review_form_focusables(browser) -> list[str]:
    """The ids (or names) of the review form's controls, in tab order."""
    return dom.run_in_frame(browser.driver, """
        const dialog = document.querySelector('[role=dialog]');
        return [...dialog.querySelectorAll('input, textarea, select, button, a[href]')]
          .filter(el => !el.disabled && el.getClientRects().length)
          .map(el => el.id || accessibleName(el));""")


def check_focus_stays(browser, controls: list[str], dialog_name: str) -> None:
    """Tab through `controls` and past the end, then Shift+Tab back past the start: focus is on
    each control in turn, wraps at both ends, and never leaves the dialog named `dialog_name`."""
    def key(w):
        return w["id"] or w["name"]

    forward = []
    for _ in range(len(controls) + 2):
        press(browser, Keys.TAB)
        now = in_frame(browser)
        assert now and now["focused"] and now["dialog"] == dialog_name, f"Tab left the {dialog_name!r} dialog: {now}"
        forward.append(key(now))
    # Every control in order, then around again from the first.
    start = controls.index(forward[0])
    expected = [controls[(start + i) % len(controls)] for i in range(len(forward))]
    assert forward == expected, f"Tab order {forward}, expected {expected}"
    backward = []
    for _ in range(len(controls) + 2):
        shift_tab(browser)
        now = in_frame(browser)
        assert now and now["focused"] and now["dialog"] == dialog_name, f"Shift+Tab left the {dialog_name!r} dialog: {now}"
        backward.append(key(now))
    start = controls.index(forward[-1])
    expected = [controls[(start - 1 - i) % len(controls)] for i in range(len(backward))]
    assert backward == expected, f"Shift+Tab order {backward}, expected {expected}"


def test_tab_to_the_share_toggle_arrow_to_send_and_enter_sends(browser, sandbox):
    connect(browser)
    open_profile(browser, "semantic")
    open_menu_and_reach_send(browser)
    press(browser, Keys.ENTER)
    assert "Ada Lovelace was sent to Greenhouse" in browser.wait_status(containing="Ada Lovelace")
    dom.wait_for(lambda: posts(sandbox), "the prospect to reach the sandbox")
    time.sleep(0.5)  # a second send would have followed at once
    sent = posts(sandbox)
    assert len(sent) == 1, sent
    assert (sent[0]["body"]["first_name"], sent[0]["body"]["last_name"]) == ("Ada", "Lovelace")


def test_review_form_by_keyboard_starts_at_the_missing_field_traps_tab_and_escape_returns(browser, sandbox):
    connect(browser)
    open_profile(browser, "single-word-name")
    open_menu_and_reach_send(browser)
    press(browser, Keys.ENTER)
    # The last name is missing: focus starts there, in the extension's frame.
    start = focus_in_frame(browser, "the Last name field", lambda w: w["dialog"] == REVIEW_TITLE and w["id"] == "pg-last-name")
    assert start["name"].startswith("Last name"), start
    controls = review_form_focusables(browser)
    assert controls[:2] == ["pg-first-name", "pg-last-name"] and "Send" in controls and "Cancel" in controls, controls
    # Typing goes into the field that has focus.
    press(browser, "Jones")
    assert browser.field("Last name").get_attribute("value") == "Jones"
    check_focus_stays(browser, controls, REVIEW_TITLE)
    # Escape closes the form; focus is back on the menu item it was opened from, in the page.
    press(browser, Keys.ESCAPE)
    dom.wait_for(lambda: not dom.find_by_role(browser.driver, "dialog"), "Escape to close the review form")
    back = focus_in_page(browser, f"the {SEND!r} item or the Share toggle",
                         lambda w: (w["role"] == "menuitem" and w["name"] == SEND) or w["shareToggle"])
    assert back["name"] in (SEND,) or back["shareToggle"], back
    time.sleep(0.3)
    assert posts(sandbox) == [], "Escape must not send"
    # And from there the keyboard goes on: Enter opens the form again, Send sends.
    press(browser, Keys.ENTER)
    focus_in_frame(browser, "the Last name field again", lambda w: w["id"] == "pg-last-name")
    press(browser, "Teller-Jones", Keys.ENTER)
    browser.wait_status(containing="Teller Teller-Jones was sent to Greenhouse")
    dom.wait_for(lambda: posts(sandbox), "the prospect to reach the sandbox")
    assert [p["body"]["last_name"] for p in posts(sandbox)] == ["Teller-Jones"]


def test_report_dialog_by_keyboard_traps_tab_and_escape_returns_to_its_button(browser, sandbox):
    connect(browser)
    open_profile(browser, "single-word-name")
    open_menu_and_reach_send(browser)
    press(browser, Keys.ENTER)
    focus_in_frame(browser, "the Last name field", lambda w: w["id"] == "pg-last-name")
    tab_until(browser, f"the {REPORT!r} button", lambda w: w["name"] == REPORT and w["dialog"] == REVIEW_TITLE,
              where=in_frame)
    press(browser, Keys.ENTER)
    report = focus_in_frame(browser, "the page report", lambda w: w["dialog"] == REPORT and w["id"] == "pg-report-text")
    assert report["name"] == "Page report", report
    controls = dom.run_in_frame(browser.driver, """
        const dialog = findByRole('dialog', arguments[0], 'exact', true)[0];
        return [...dialog.querySelectorAll('textarea, button')].map(el => el.id || accessibleName(el));""", REPORT)
    assert controls[0] == "pg-report-text" and {"Copy", "Download", "Close"} <= set(controls), controls
    check_focus_stays(browser, controls, REPORT)
    # Escape closes the report: focus is back on Report this page, in the still open form ...
    press(browser, Keys.ESCAPE)
    dom.wait_for(lambda: not dom.find_by_role(browser.driver, "dialog", REPORT), "Escape to close the report dialog")
    focus_in_frame(browser, f"the {REPORT!r} button of the review form",
                   lambda w: w["name"] == REPORT and w["dialog"] == REVIEW_TITLE)
    # ... and a second Escape closes the form, focus back in the page where it was.
    press(browser, Keys.ESCAPE)
    dom.wait_for(lambda: not dom.find_by_role(browser.driver, "dialog"), "Escape to close the review form")
    focus_in_page(browser, f"the {SEND!r} item or the Share toggle",
                  lambda w: (w["role"] == "menuitem" and w["name"] == SEND) or w["shareToggle"])
    assert posts(sandbox) == []


def test_report_from_an_alert_by_keyboard_and_escape_returns_to_the_alert(browser, sandbox):
    connect(browser)
    open_profile(browser, "job-page")
    # Not a profile: the shortcut (pressed where the browser sees it) answers with an alert that
    # offers the page report.
    browser.press_shortcut("Alt+Shift+G")
    browser.wait_alert(containing="not a candidate profile")
    # The alert is in the extension's frame, after the page in tab order.
    tab_until(browser, f"the alert's {REPORT!r} button", lambda w: w["name"] == REPORT and w["dialog"] is None,
              where=in_frame)
    press(browser, Keys.ENTER)
    focus_in_frame(browser, "the page report", lambda w: w["dialog"] == REPORT and w["id"] == "pg-report-text")
    press(browser, Keys.TAB)
    assert in_frame(browser)["dialog"] == REPORT, "Tab left the report dialog"
    press(browser, Keys.ESCAPE)
    dom.wait_for(lambda: not dom.find_by_role(browser.driver, "dialog", REPORT), "Escape to close the report dialog")
    focus_in_frame(browser, f"the alert's {REPORT!r} button again", lambda w: w["name"] == REPORT and w["dialog"] is None)
    browser.wait_alert(containing="not a candidate profile")
    assert posts(sandbox) == []
