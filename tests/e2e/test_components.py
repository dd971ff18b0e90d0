"""Profiles, Share buttons and menus built from web components (open shadow roots), in Chromium
and Firefox with the built extension: the fixture pages `component-card` (the card in a custom
element's shadow root), `popover-menu` (the menu in a separate popover component at the end of
<body>) and `slotted-parts` (nested components with slotted light-DOM parts, the menu inline in a
nested shadow root). The item appears as in the light DOM (once per opening, after the menu's own
items), sends the candidate as read, and the sent state shows the status Greenhouse gives, however
Greenhouse words its answer.
"""

from __future__ import annotations

import pytest

from sandbox import RECRUITER_EMAIL, VALID_KEY

from . import dom

SEND = "Send to Greenhouse"
REVIEW = "Review and send…"
SENT = "Sent to Greenhouse ✓"
SENDING = "Sending to Greenhouse…"
CANDIDATES_PATH = "/v1/partner/candidates"

COMPONENT_PROFILES = {
    "component-card": ("Mirela", "Dragomir-Ionescu", "31338"),
    "popover-menu": ("Tomás", "Ferreira", "44012"),
    "slotted-parts": ("Kwame", "Mensah-Bonsu", "77501"),
}


def connect(browser) -> None:
    notice = browser.configure_integration(VALID_KEY, RECRUITER_EMAIL)
    assert notice.role == "status", f"setting up a valid key was answered by an alert: {notice.text!r}"


def posts(sandbox) -> list[dict]:
    return sandbox.requests(method="POST", path=CANDIDATES_PATH)


def close_menu(browser) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
    dom.wait_for(lambda: not dom.find_by_role(browser.driver, "menuitem", SEND, "prefix"), "the Share menu to close", seen=browser.menu_items)


ORDER = """
const ours = findByRole('menuitem', arguments[0], 'exact', true)[0];
let outer = ours;
while (outer.parentElement && outer.parentElement.getAttribute('data-purpose-greenhouse') === 'wrapper') outer = outer.parentElement;
const siblings = [...outer.parentElement.children];
const own = siblings.filter(el => !el.hasAttribute('data-purpose-greenhouse') && normalize(el.textContent));
const last = siblings.filter(el => el.hasAttribute('data-purpose-greenhouse')).pop();
return {inShadow: ours.getRootNode() instanceof ShadowRoot,
        ownTexts: own.map(el => normalize(el.textContent)),
        ownAfter: own.filter(el => last.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).length};
"""


@pytest.mark.parametrize("fixture", sorted(COMPONENT_PROFILES))
def test_item_in_component_menus_sends_the_candidate(browser, sandbox, fixture):
    connect(browser)
    first, last, candidate_id = COMPONENT_PROFILES[fixture]
    browser.open_fixture(fixture)
    for opening in range(2):
        browser.open_share_menu()
        browser.find_menu_item(SEND)
        items = browser.menu_items()
        assert items.count(SEND) == 1 and items.count(REVIEW) == 1, f"opening {opening + 1}: {items}"
        shape = dom.run(browser.driver, ORDER, SEND)
        assert "Copy Candidate Link" in " ".join(shape["ownTexts"]), shape
        assert shape["ownAfter"] == 0, f"our items must come after the menu's own items: {shape}"
        if fixture != "component-card":  # its menu is a light-DOM portal; the others live in shadow roots
            assert shape["inShadow"], shape
        close_menu(browser)
    assert posts(sandbox) == []
    browser.open_share_menu()
    browser.choose_menu_item(SEND)
    browser.wait_status(containing=f"{first} {last} was sent to Greenhouse")
    sent = dom.wait_for(lambda: posts(sandbox) or None, "the POST", seen=lambda: posts(sandbox))
    body = sent[0]["body"]
    assert (body["first_name"], body["last_name"], body["external_id"]) == (first, last, candidate_id), body
    if fixture == "component-card":
        assert "\n- C;--\n" in body["notes"] and "\n- Honesty / openness" in body["notes"], body["notes"]
    if fixture == "slotted-parts":
        assert "assigned to no slot" not in body["notes"] and "Sponsored" not in body["notes"], body["notes"]


@pytest.mark.parametrize("fixture", ["popover-menu", "slotted-parts"])
def test_in_flight_state_in_component_menus(browser, sandbox, fixture):
    """While a send is out, the menu reopened inside its shadow root shows it in flight (disabled,
    a click does nothing), then the sent state: exactly as in the light DOM."""
    import time

    connect(browser)
    first, last, _ = COMPONENT_PROFILES[fixture]
    sandbox.faults(next=[{"slow_ms": 2500}])
    browser.open_fixture(fixture)
    browser.open_share_menu()
    browser.choose_menu_item(SEND)
    browser.open_share_menu()
    item = browser.find_menu_item(SENDING)
    assert item.get_attribute("aria-disabled") == "true"
    assert dom.run(browser.driver, "return arguments[0].getRootNode() instanceof ShadowRoot;", item), "the item is in the shadow root"
    item.click()
    browser.wait_status(containing=f"{first} {last} was sent to Greenhouse")
    time.sleep(0.5)  # a second send would have been issued right after the click
    assert len(posts(sandbox)) == 1, posts(sandbox)
    browser.open_share_menu()
    browser.find_menu_item(SENT, mode="prefix")


@pytest.mark.parametrize("answer", ["object", "array"])
def test_sent_state_shows_the_status_greenhouse_words(browser, sandbox, answer):
    """Greenhouse's own example answers `GET candidates?candidate_ids=` with ONE object and the
    status "Active": the already-sent notice (in the extension's frame, out of the page's reach)
    shows that status, not "not visible"; the page's own menu item says only that it was sent."""
    connect(browser)
    sandbox.config(candidates_answer=answer, status_word="Active")
    first, last, _ = COMPONENT_PROFILES["popover-menu"]
    browser.open_fixture("popover-menu")
    browser.open_share_menu()
    browser.choose_menu_item(SEND)
    browser.wait_status(containing=f"{first} {last} was sent to Greenhouse")
    browser.open_fixture("popover-menu")
    browser.open_share_menu()
    sent = browser.find_menu_item(SENT, mode="prefix")
    assert "Active" not in dom.accessible_name(browser.driver, sent)
    sent.click()
    status = browser.wait_status(containing="In Greenhouse")
    assert "Active" in status and "not visible" not in status.lower(), status
