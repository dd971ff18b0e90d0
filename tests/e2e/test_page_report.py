"""Report this page (issue 14 part 4), in Chromium and Firefox with the built extension.

From the review form and from the alert shown when a page cannot be read, a real click on
**Report this page** opens a dialog in the extension's frame: the report in a read-only text area
labelled "Page report" (the extension's version in its header, none of the candidate's values),
**Copy**, **Download** and a close button; Escape closes it. No request leaves the browser.

Everything is found by role, accessible name and label, as a user finds it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from sandbox import RECRUITER_EMAIL, VALID_KEY

from . import dom

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
VERSION = json.loads((REPO / "manifest.json").read_text(encoding="utf-8"))["version"]
REPORT = "Report this page"
SHORTCUT = "Alt+Shift+G"


def connect(browser) -> None:
    notice = browser.configure_integration(VALID_KEY, RECRUITER_EMAIL)
    assert notice.role == "status", f"setting up a valid key was answered by an alert: {notice.text!r}"


def golden_values(fixture: str) -> list[str]:
    """The candidate's own values in the fixture's golden profile (names, ids, emails, texts)."""
    path = FIXTURES / f"{fixture}.profile.json"
    profile = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
    if not isinstance(profile, dict):
        return []
    wanted = ["full_name", "candidate_id", "relay_email", "headline", "summary", "pronouns"]
    values = [profile.get(key) for key in wanted]
    values += list(profile.get("skills") or [])
    return [v for v in values if isinstance(v, str) and len(v) >= 4]


def dialogs(browser, name: str | None = None) -> list:
    return dom.find_by_role(browser.driver, "dialog", name)


def open_report(browser):
    """Click Report this page; return the report dialog's text area."""
    browser.click_button(REPORT)
    dom.wait_for(lambda: dialogs(browser, REPORT), f"a dialog named {REPORT!r}",
                 seen=lambda: dom.describe_role(browser.driver, "dialog"))
    area = browser.field("Page report")
    assert area.tag_name.lower() == "textarea", area.tag_name
    assert area.get_attribute("readonly") is not None, "the report must be read-only"
    seen = dom.run_in_frame(browser.driver, """
        const area = document.querySelector('textarea[readonly]');
        const label = area && document.querySelector('label[for="' + area.id + '"]');
        const active = document.activeElement;
        return {label: label ? label.textContent.trim() : null,
                focused: active === area, active: active ? active.outerHTML.slice(0, 120) : null};""")
    assert seen["label"] == "Page report", f"the text area must have a real <label for> 'Page report': {seen}"
    assert seen["focused"], f"focus must move to the report: {seen}"
    return area


def check_report(browser, area, secrets: list[str]) -> str:
    text = area.get_attribute("value") or ""
    assert "<!--" in text and "purpose-greenhouse page report" in text, text[:300]
    assert f"version: {VERSION}" in text, text[:300]
    leaked = [s for s in secrets if s in text]
    assert not leaked, f"the report carries the candidate's values {leaked}"
    for name in ("Copy", "Download", "Close"):
        assert browser.button(name) is not None
    return text


def escape_closes(browser) -> None:
    ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
    dom.wait_for(lambda: not dialogs(browser, REPORT), "Escape to close the report dialog",
                 seen=lambda: dom.describe_role(browser.driver, "dialog"))


def posts(sandbox) -> list:
    """What was sent to Greenhouse (the only thing the extension ever sends)."""
    return sandbox.requests(method="POST", path="/v1/partner/candidates")


@pytest.mark.parametrize(("fixture", "alert"), [
    ("job-page", "not a candidate profile"),
    ("copy-link-id", "does not say which Purpose Jobs candidate"),
], ids=["not-a-profile", "no-candidate-id"])
def test_report_from_the_cant_read_alert(browser, sandbox, fixture, alert):
    connect(browser)
    browser.open_fixture(fixture)
    browser.press_shortcut(SHORTCUT)
    browser.wait_alert(containing=alert)
    area = open_report(browser)
    check_report(browser, area, golden_values(fixture))
    escape_closes(browser)
    # The alert is still there to open the report again; nothing was sent anywhere.
    browser.wait_alert(containing=alert)
    assert posts(sandbox) == [], posts(sandbox)


def traffic(sandbox) -> tuple[int, int]:
    """How many API requests and page requests the sandbox has seen so far."""
    return len(sandbox.requests()), len(sandbox.page_requests())


def test_report_from_the_review_form(browser, sandbox):
    connect(browser)
    browser.open_fixture("single-word-name")
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")
    dom.wait_for(lambda: dialogs(browser), "the review form (role=dialog)")
    before = traffic(sandbox)
    area = open_report(browser)
    text = check_report(browser, area, golden_values("single-word-name") + ["Teller"])
    # What the extension read is said in the header (the last name is what is missing here).
    assert "found: name" in text, text[:400]
    # Copy and Download work in the browser: no request to Greenhouse, none to the site.
    browser.click_button("Copy")
    browser.click_button("Download")
    assert traffic(sandbox) == before, f"the report made requests: {sandbox.requests()[before[0]:]}"
    escape_closes(browser)
    # Back in the review form, which is still open, focus back on its Report button.
    assert browser.field("First name").get_attribute("value") == "Teller"
    back = dom.run_in_frame(browser.driver, "return document.activeElement && document.activeElement.textContent;")
    assert back == REPORT, back
    assert posts(sandbox) == [], posts(sandbox)


def test_report_of_a_component_page_marks_its_shadow_roots(browser, sandbox):
    """Nested components: the report comes from the rendered tree (open roots read through, the
    slotted parts in place) and says where a closed root is, which nothing can read."""
    connect(browser)
    browser.open_fixture("slotted-parts")
    browser.open_share_menu()
    browser.choose_menu_item("Review and send…")
    dom.wait_for(lambda: dialogs(browser), "the review form (role=dialog)")
    area = open_report(browser)
    text = check_report(browser, area, golden_values("slotted-parts") + ["Kwame", "Mensah-Bonsu", "77501"])
    assert 'data-report-shadow="open"' in text and 'data-report-shadow="closed"' in text, text[:2000]
    assert "1 closed (closed ones cannot be read)" in text, text[:600]
    # The site's words read from inside the shadow roots stay.
    assert "Skills" in text and "Share with Team" in text, text
    escape_closes(browser)
    assert posts(sandbox) == [], posts(sandbox)


def test_report_of_a_list_page_shows_no_ones_name(browser, sandbox):
    """A list of candidate cards, none selected: the page cannot be sent, and its report keeps
    the site's headings but none of the people's names."""
    connect(browser)
    browser.open_fixture("candidate-list")
    browser.press_shortcut(SHORTCUT)
    browser.wait_alert(containing="not a candidate profile")
    area = open_report(browser)
    names = ["Priya", "Raman", "Tomás", "Neill", "Amara", "Okafor", "Kenji", "Watanabe", "Zoë", "Dubois", "王芳"]
    text = check_report(browser, area, names)
    for label in ("<h1>Search candidates</h1>", "<h4>Skills</h4>", "<h2>Filters</h2>", "View profile"):
        assert label in text, f"{label!r} is gone: {text}"
    escape_closes(browser)
    assert posts(sandbox) == [], posts(sandbox)
