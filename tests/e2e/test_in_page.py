"""The in-page experience on Purpose Jobs profiles, in Chromium and Firefox with the built extension.

The Share menu item (once per menu rendering, portal and inline menus, never on pages that are not
profiles), sending with its confirmation (also under strict page CSPs), the in-flight guard, the
review form for a single-word name, the already-sent state, untrusted clicks, single-page
navigation, the keyboard shortcut (pressed for real), setup and failure messages.

Everything is found like a user finds it: by role, accessible name and label (page DOM and the
extension's in-page frame, an extension page the page cannot script), never by class.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select

from sandbox import RECRUITER_EMAIL, VALID_KEY

from . import dom
from .fixture_pages import with_query

REPO = Path(__file__).resolve().parents[2]
CANDIDATES_PATH = "/v1/partner/candidates"
SEND = "Send to Greenhouse"
REVIEW = "Review and send…"
SENDING = "Sending to Greenhouse…"
SENT = "Sent to Greenhouse ✓"
SEND_AGAIN = "Send again…"
#: The manifest command that sends the profile on screen, and its shortcut.
COMMAND = "send-to-greenhouse"
SHORTCUT = "Alt+Shift+G"

#: Fixture pages by the candidate they show (name as displayed, Purpose Jobs id).
PROFILES = {
    "semantic": ("Ada Lovelace", "48213"),
    "portal-menu": ("Sofia Marchetti", "5567"),
    "inline-menu": ("Tomás Okafor", "90311"),
    "single-word-name": ("Teller", "60606"),
    "spa-navigation": ("Noah Williams", "10001"),
}


#: The Share up-arrow's accessible name where the harness's default guess ("…share…" with a popup)
#: does not find it.
SHARE_BUTTONS = {"search-panel": "More sharing options"}


# --- steps -------------------------------------------------------------------------------------


def connect(browser) -> None:
    notice = browser.configure_integration(VALID_KEY, RECRUITER_EMAIL)
    assert notice.role == "status", f"setting up a valid key was answered by an alert: {notice.text!r}"


def posts(sandbox) -> list[dict]:
    return sandbox.requests(method="POST", path=CANDIDATES_PATH)


def named_items(browser, name: str, mode: str = "exact") -> list:
    return dom.find_by_role(browser.driver, "menuitem", name, mode)


def next_frames(browser, frames: int = 2) -> None:
    """Wait for `frames` animation frames: our items are inserted before the next frame."""
    browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; let n = arguments[0];"
        "const tick = () => (--n <= 0 ? done(true) : requestAnimationFrame(tick)); requestAnimationFrame(tick);",
        frames,
    )


def close_menu(browser) -> None:
    ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
    dom.wait_for(lambda: not named_items(browser, SEND, "prefix") and not named_items(browser, SENT, "prefix"),
                 "the Share menu to close (Escape)", seen=browser.menu_items)


def wait_posts(sandbox, count: int) -> list[dict]:
    return dom.wait_for(lambda: (lambda p: p if len(p) >= count else None)(posts(sandbox)),
                        f"{count} POST {CANDIDATES_PATH}", seen=lambda: posts(sandbox))


def dialog(browser):
    found = dom.wait_for(lambda: dom.find_by_role(browser.driver, "dialog"), "the review form (role=dialog)",
                         seen=lambda: dom.describe_role(browser.driver, "dialog"))
    return found[0]


def hostile_links(browser, url: str) -> list[str]:
    """Links anywhere (page, open shadow roots, the extension's frame) that point at `url`."""
    body = ("return [...allElements(document)].filter(el => el.localName === 'a')"
            ".map(a => a.getAttribute('href') || '').filter(h => h && h === arguments[0]);")
    return (dom.run_in_frame(browser.driver, body, url) or []) + dom.run(browser.driver, body, url)


#: What a page script can see of the page: its DOM, every open shadow root, every frame it can reach.
PAGE_VIEW = """
  const texts = [document.documentElement.outerHTML];
  for (const el of allElements(document)) if (el.shadowRoot) texts.push(el.shadowRoot.innerHTML);
  for (let i = 0; i < window.length; i++) { try { texts.push(window[i].document.documentElement.outerHTML); } catch (e) {} }
  const host = document.querySelector('purpose-greenhouse-ui');
  if (host && host.shadowRoot) texts.push(host.shadowRoot.innerHTML);
  for (const el of allElements(document)) if ('value' in el && typeof el.value === 'string') texts.push(el.value);
  return texts.join('\\n');
"""


def page_can_read(browser, *secrets: str) -> list[str]:
    """Those of `secrets` that a script in the page's own world can read."""
    seen = dom.run(browser.driver, PAGE_VIEW)
    return [secret for secret in secrets if secret in seen]


def frame_box(browser) -> dict:
    """Where the extension's frame sits in the page's viewport (WebDriver can see it; the page cannot)."""
    browser.driver.switch_to.default_content()
    host = browser.driver.find_element("css selector", dom.FRAME_HOST)
    frame = host.shadow_root.find_element("css selector", "iframe")
    return browser.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return {x: r.x, y: r.y, width: r.width, height: r.height, viewport: document.documentElement.clientWidth};",
        frame)


def open_profile_menu(browser, fixture: str, csp: str | None = None) -> None:
    browser.open_fixture(fixture, csp=csp)
    browser.open_share_menu()


# --- the menu item -----------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["portal-menu", "inline-menu", "semantic"])
def test_item_appears_once_per_menu_opening(browser, sandbox, fixture):
    connect(browser)
    browser.open_fixture(fixture)
    for opening in range(3):
        browser.open_share_menu()
        browser.find_menu_item(SEND)
        next_frames(browser)
        items = browser.menu_items()
        assert items.count(SEND) == 1, f"opening {opening + 1}: expected one {SEND!r} item, menu items: {items}"
        assert items.count(REVIEW) == 1, f"opening {opening + 1}: expected one {REVIEW!r} item, menu items: {items}"
        # Built like the menu's own items, and after them in the menu (arrow-key order).
        shape = dom.run(
            browser.driver,
            """
            const ours = findByRole('menuitem', arguments[0], 'exact', true)[0];
            let outer = ours;
            while (outer.parentElement && outer.parentElement.getAttribute('data-purpose-greenhouse') === 'wrapper') outer = outer.parentElement;
            const siblings = [...outer.parentElement.children];
            const own = siblings.filter(el => !el.hasAttribute('data-purpose-greenhouse') && normalize(el.textContent));
            const last = siblings.filter(el => el.hasAttribute('data-purpose-greenhouse')).pop();
            return {role: ours.getAttribute('role'), tabindex: ours.getAttribute('tabindex'), tag: outer.localName,
                    ownTags: own.map(el => el.localName), ownTexts: own.map(el => normalize(el.textContent)),
                    ownAfter: own.filter(el => last.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).length};
            """,
            SEND,
        )
        assert shape["role"] == "menuitem" and shape["tabindex"] == "-1", shape
        # A sibling of the menu's own items, built like one of them, after all of them (arrow-key order).
        assert "Copy Candidate Link" in " ".join(shape["ownTexts"]), shape
        assert shape["tag"] in shape["ownTags"], f"our item is not built like the menu's own items: {shape}"
        assert shape["ownAfter"] == 0, f"our items must come after the menu's own items: {shape}"
        close_menu(browser)
    assert posts(sandbox) == [], "opening the menu must not send anything"


def listed_sends(browser) -> list:
    """The send history (queued, failed and sent), as the options page lists it, from a tab of
    its own."""
    driver = browser.driver
    page = driver.current_window_handle
    driver.switch_to.new_window("tab")
    try:
        browser.open_options()
        listed = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "pgBrowser.sendMessage({type: 'ListSends'}).then(done, e => done(String(e)));"
        )
    finally:
        driver.close()
        driver.switch_to.window(page)
    assert isinstance(listed, dict) and listed.get("ok"), listed
    return listed["value"]["items"]


def test_the_menus_wake_up_sends_and_stores_nothing(browser, sandbox):
    """Opening the Share menu wakes the background, which rehearses the click once per start
    (`background/warm_up.rs`: among others, the send itself refused by its plan and a fetch of the
    extension's own manifest). Well past it, Greenhouse has had no request but the menu's own
    status, the history is empty, and the click then sends the profile once."""
    connect(browser)
    name, _ = PROFILES["semantic"]
    browser.driver.get(browser.pages["semantic"].url)
    since = sandbox.last_seq()
    browser.open_share_menu()
    dom.wait_for(lambda: SEND in browser.menu_items(), f"the {SEND!r} item", seen=browser.menu_items)
    time.sleep(1.5)  # the warm-up runs once, in the first few hundred milliseconds after the menu opens
    made = [f"{r['method']} {r['path']}" for r in sandbox.requests(since=since)]
    assert all(m.startswith("GET ") for m in made), f"opening the menu may only look the candidate up: {made}"
    assert listed_sends(browser) == [], "the warm-up must not queue or record a send"
    browser.open_share_menu()  # again, if the other tab closed it
    browser.choose_menu_item(SEND)
    browser.wait_status(containing=f"{name} was sent to Greenhouse")
    assert len(posts(sandbox)) == 1, posts(sandbox)


@pytest.mark.parametrize("mount", ["hidden", "items"])
def test_item_appears_in_a_menu_that_stays_in_the_page(browser, sandbox, mount):
    """Menus that are not added to the page when they open (site.js `menu-mount`): one built
    hidden at load and shown by attributes (`hidden` removed, the toggle's `aria-expanded`), and
    an empty `role=menu` container kept in the page whose items are added one at a time on each
    open. The item appears once per opening, and sends."""
    connect(browser)
    name, candidate_id = PROFILES["semantic"]
    browser.driver.get(with_query(browser.pages["semantic"].url, **{"menu-mount": mount}))
    kept = dom.run(browser.driver, "return [...document.querySelectorAll('[id^=\"kept-menu-\"]')].length")
    assert kept == 1, "site.js did not keep a menu in the page"
    for opening in range(2):
        browser.open_share_menu()
        dom.wait_for(lambda: {SEND, "Copy Candidate Link"} <= set(browser.menu_items()),
                     f"opening {opening + 1}: the menu's own items and {SEND!r}", seen=browser.menu_items)
        next_frames(browser)
        items = browser.menu_items()
        assert items.count(SEND) == 1 and items.count(REVIEW) == 1, f"opening {opening + 1}: {items}"
        assert items[-2:] == [SEND, REVIEW], f"opening {opening + 1}: ours must come after the menu's own items: {items}"
        close_menu(browser)
    assert posts(sandbox) == [], "opening the menu must not send anything"
    browser.open_share_menu()
    browser.choose_menu_item(SEND)
    browser.wait_status(containing=f"{name} was sent to Greenhouse")
    sent = wait_posts(sandbox, 1)
    assert len(sent) == 1 and sent[0]["body"]["external_id"] == candidate_id, sent


@pytest.mark.parametrize("fixture", ["job-page", "search-no-candidate", "settings"])
def test_no_item_on_pages_that_are_not_profiles(browser, sandbox, fixture):
    browser.open_fixture(fixture)
    browser.open_share_menu()
    # The page's own menu is there (the control) ...
    dom.wait_for(lambda: dom.run(browser.driver, "return /share with team/i.test(document.body.innerText);"),
                 "the page's own Share menu items")
    next_frames(browser, 3)
    # ... and ours is not: it would have been inserted before the next frame.
    assert not named_items(browser, SEND, "prefix"), browser.menu_items()
    assert not named_items(browser, REVIEW, "prefix"), browser.menu_items()


# --- sending -----------------------------------------------------------------------------------


@pytest.mark.parametrize("csp", [None, "strict", "default"], ids=["csp-none", "csp-strict", "csp-default"])
def test_send_shows_confirmation_with_link(browser, sandbox, csp):
    connect(browser)
    name, candidate_id = PROFILES["portal-menu"]
    open_profile_menu(browser, "portal-menu", csp=csp)
    browser.choose_menu_item(SEND)
    text = browser.wait_status(containing=f"{name} was sent to Greenhouse")

    sent = wait_posts(sandbox, 1)
    assert len(sent) == 1, sent
    body = sent[0]["body"]
    assert body["external_id"] == candidate_id and body["prospect"] is True, body
    assert f"{body['first_name']} {body['last_name']}" == name
    created = sandbox.candidates()
    assert len(created) == 1
    profile_url = created[0]["profile_url"] if "profile_url" in created[0] else created[0]["applications"][0]["profile_url"]

    link = dom.find_by_role(browser.driver, "link", "View in Greenhouse")
    assert link, f"no 'View in Greenhouse' link in the confirmation {text!r}"
    assert link[0].get_attribute("href") == profile_url
    assert link[0].get_attribute("target") == "_blank"
    assert "noopener" in (link[0].get_attribute("rel") or "")

    # Upper right, styled (the frame's stylesheet applies under every page CSP), and out of the
    # page's reach: drawn in the extension's frame, which sits in the page's upper right corner.
    box = dom.run_in_frame(
        browser.driver,
        """
        const status = findByRole('status', null, 'exact', true).find(el => /was sent to Greenhouse/.test(el.textContent));
        const r = status.getBoundingClientRect();
        return {right: innerWidth - r.right, top: r.top, width: r.width, position: getComputedStyle(status.parentElement).position,
                origin: location.origin};
        """,
    )
    assert box and box["origin"].split(":")[0] in ("chrome-extension", "moz-extension"), box
    assert box["position"] == "fixed", f"the frame's styles did not apply: {box}"
    assert 0 <= box["right"] < 80 and 0 <= box["top"] < 80 and box["width"] > 150, f"not in the upper right corner: {box}"
    frame = frame_box(browser)
    assert frame["viewport"] - (frame["x"] + frame["width"]) < 2 and frame["y"] < 2, f"the frame is not in the upper right: {frame}"
    assert page_can_read(browser, f"{name} was sent") == [], "the page can read the confirmation"

    # Escape dismisses it.
    ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
    dom.wait_for(lambda: not [n for n in browser.notices() if "was sent" in n.text], "Escape to dismiss the confirmation",
                 seen=browser.notices)


@pytest.mark.parametrize("fixture", ["hostile", "unicode", "div-soup", "search-panel", "copy-link-id", "late-render"])
def test_the_body_sent_is_the_pages_golden_payload(browser, sandbox, fixture):
    connect(browser)
    page = browser.open_fixture(fixture)
    expected = page.expected_payload()
    if fixture == "late-render":  # the profile renders 1.5 s after load
        dom.wait_for(lambda: dom.run(browser.driver, "return document.body.innerText.includes(arguments[0]);",
                                     expected["first_name"]), "the late profile to render")
    browser.open_share_menu(SHARE_BUTTONS.get(fixture))
    browser.choose_menu_item(SEND)
    name = f"{expected['first_name']} {expected['last_name']}"
    shown = browser.wait_status(containing=f"{name} was sent to Greenhouse")
    body = wait_posts(sandbox, 1)[0]["body"]
    assert body == expected, f"sent {json.dumps(body, ensure_ascii=False)}"
    # Page text is shown as text: the hostile name's markup is visible, never run.
    assert name in shown
    markup = dom.run_in_frame(browser.driver, "return document.getElementById('notices').innerHTML;")
    assert markup is not None, "no extension frame"
    assert "<script" not in markup and "<img" not in markup, markup[:500]


def test_missing_candidate_id_is_explained_and_the_form_asks_for_it(browser, sandbox):
    """On a page whose URL names no candidate, the id comes only from the open menu's Copy
    Candidate Link; with the menu closed the keyboard shortcut finds none: an alert says why."""
    connect(browser)
    browser.open_fixture("copy-link-id")
    browser.press_shortcut(SHORTCUT)
    text = browser.wait_alert(containing="does not say which Purpose Jobs candidate")
    assert text.startswith("Nothing was sent"), text
    assert posts(sandbox) == []
    browser.click_button("Fill in the form")
    dialog(browser)
    field = browser.field("Purpose Jobs candidate id")
    assert field.get_attribute("aria-invalid") == "true" and field.get_attribute("value") == ""
    assert browser.field("Last name").get_attribute("value") == "Al-Sayed"
    browser.fill("Purpose Jobs candidate id", "70707")
    browser.click_button("Send")
    browser.wait_status(containing="Fatima Al-Sayed was sent to Greenhouse")
    assert wait_posts(sandbox, 1)[0]["body"]["external_id"] == "70707"


def test_keyboard_activation_and_close_button(browser, sandbox):
    connect(browser)
    name, _ = PROFILES["semantic"]
    open_profile_menu(browser, "semantic")
    item = browser.find_menu_item(SEND)
    browser.driver.execute_script("arguments[0].focus();", item)
    ActionChains(browser.driver).send_keys(Keys.ENTER).perform()
    browser.wait_status(containing=f"{name} was sent to Greenhouse")
    assert len(wait_posts(sandbox, 1)) == 1
    browser.click_button("Close")
    dom.wait_for(lambda: not browser.notices(), "the close button to dismiss the confirmation", seen=browser.notices)
    # Space on "Send again…" (the candidate is sent now) opens the review form.
    browser.open_share_menu()
    item = browser.find_menu_item(SEND_AGAIN)
    browser.driver.execute_script("arguments[0].focus();", item)
    ActionChains(browser.driver).send_keys(Keys.SPACE).perform()
    dialog(browser)
    assert browser.field("First name").get_attribute("value") == "Ada"


def test_double_click_and_reopened_menu_send_once(browser, sandbox):
    connect(browser)
    name, _ = PROFILES["portal-menu"]
    sandbox.faults(next=[{"slow_ms": 2500}])
    open_profile_menu(browser, "portal-menu")
    item = browser.find_menu_item(SEND)
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", item)
    ActionChains(browser.driver).double_click(item).perform()
    # While the first send is out: the reopened menu shows it and clicking again does nothing.
    browser.open_share_menu()
    item = browser.find_menu_item(SENDING)
    assert item.get_attribute("aria-disabled") == "true"
    item.click()
    browser.wait_status(containing=f"{name} was sent to Greenhouse")
    time.sleep(0.5)  # a second send would have been issued right after the click
    assert len(posts(sandbox)) == 1, posts(sandbox)


def test_untrusted_clicks_do_nothing(browser, sandbox):
    connect(browser)
    open_profile_menu(browser, "portal-menu")
    item = browser.find_menu_item(SEND)
    browser.driver.execute_script(
        "const item = arguments[0];"
        "item.click();"
        "item.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));"
        "item.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));",
        item,
    )
    time.sleep(1.0)
    assert posts(sandbox) == [], "a page script's synthetic click caused a send"
    assert not browser.notices() and not dom.find_by_role(browser.driver, "dialog")
    # Control: the item, clicked by the user, sends (the page's own script closed the menu on the
    # synthetic click, as it does for any click on an item).
    browser.open_share_menu()
    browser.find_menu_item(SEND).click()
    assert len(wait_posts(sandbox, 1)) == 1


# --- review form -------------------------------------------------------------------------------


def test_single_word_name_opens_review_form_and_sends_from_it(browser, sandbox):
    connect(browser)
    open_profile_menu(browser, "single-word-name")
    browser.choose_menu_item(SEND)
    dialog(browser)
    last = browser.field("Last name")
    assert last.get_attribute("value") == ""
    assert last.get_attribute("aria-invalid") == "true", "the missing Last name must be marked"
    assert browser.field("First name").get_attribute("value") == "Teller"
    assert posts(sandbox) == [], "nothing may be sent without a last name"
    source = dom.run_in_frame(browser.driver, "return findByRole('dialog', null, 'exact', true)[0].innerText;")
    assert "Source: purpose.jobs · Credited to Riley Recruiter" in source, source

    # Send stays refused while the field is empty ...
    browser.click_button("Send")
    time.sleep(0.3)
    assert posts(sandbox) == []
    # ... and works once it is filled.
    browser.fill("Last name", "Teller-Jones")
    browser.click_button("Send")
    browser.wait_status(containing="Teller Teller-Jones was sent to Greenhouse")
    body = wait_posts(sandbox, 1)[0]["body"]
    assert (body["first_name"], body["last_name"], body["external_id"]) == ("Teller", "Teller-Jones", "60606")
    assert not dom.find_by_role(browser.driver, "dialog"), "the form closes after sending"


def test_review_form_traps_focus_and_escape_cancels(browser, sandbox):
    connect(browser)
    open_profile_menu(browser, "semantic")
    browser.choose_menu_item(REVIEW)
    dialog(browser)
    assert browser.field("Last name").get_attribute("value") == "Lovelace"
    # Tab from the last control wraps to the first: focus never leaves the form.
    for _ in range(20):
        ActionChains(browser.driver).send_keys(Keys.TAB).perform()
        inside = dom.run_in_frame(browser.driver, """
            const el = document.activeElement;
            return document.hasFocus() && !!(el && el.closest('[role=dialog]'));""")
        assert inside, "focus left the review form"
    ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
    dom.wait_for(lambda: not dom.find_by_role(browser.driver, "dialog"), "Escape to cancel the review form")
    time.sleep(0.3)
    assert posts(sandbox) == []


def test_always_review_opens_the_form_with_the_default_destination_which_it_can_override(browser, sandbox):
    connect(browser)
    # Options page (another part of the extension), like a recruiter: a pool as the default
    # destination and "Always review before sending".
    pool_radio = dom.wait_for(lambda: browser.driver.find_elements("id", "destination-pool"), "the destination choices")[0]
    pool_radio.click()
    review_box = browser.field("Always review before sending")
    if not review_box.is_selected():
        review_box.click()
    browser.click_button("Save destination")
    browser.wait_status(containing="Saved")

    open_profile_menu(browser, "semantic")
    browser.choose_menu_item(SEND)
    dialog(browser)
    assert posts(sandbox) == [], "with Always review, the main item opens the form first"
    destination = Select(browser.field("Destination"))
    chosen = destination.first_selected_option.text
    assert chosen.startswith("Prospect pool: Engineering Talent"), chosen
    options = [o.text for o in destination.options]
    assert "Prospects without a pool" in options and "Job: Senior Rust Engineer" in options, options
    destination.select_by_visible_text("Job: Senior Rust Engineer")
    browser.click_button("Send")
    browser.wait_status(containing="Ada Lovelace was sent to Greenhouse")
    body = wait_posts(sandbox, 1)[0]["body"]
    assert body["prospect"] is False and body["job_id"] == 101, body
    assert "prospect_pool_id" not in body, body


# --- already sent ------------------------------------------------------------------------------


def test_already_sent_profile_shows_sent_state_and_send_again_asks_first(browser, sandbox):
    connect(browser)
    name, _ = PROFILES["inline-menu"]
    open_profile_menu(browser, "inline-menu")
    browser.choose_menu_item(SEND)
    browser.wait_status(containing=f"{name} was sent to Greenhouse")
    browser.open_fixture("inline-menu")  # a fresh page load: the state comes from the background
    browser.open_share_menu()
    sent = browser.find_menu_item(SENT, mode="prefix")
    # The item is in the page's reach: it says "sent" and nothing Greenhouse said (status, stage).
    assert dom.accessible_name(browser.driver, sent) == SENT, dom.accessible_name(browser.driver, sent)
    browser.choose_menu_item(SEND_AGAIN)
    form = dialog(browser)
    assert "already sent" in form.text.lower()
    assert len(posts(sandbox)) == 1, "Send again… must ask before sending"
    browser.click_button("Send again")
    dom.wait_for(lambda: len(posts(sandbox)) == 2, "the confirmed second send", seen=lambda: posts(sandbox))


# --- the page is hostile -----------------------------------------------------------------------

#: A page script turning our item into an invisible layer over the whole page, two ways.
HIJACKS = {
    "transparent": "opacity: 0",
    "invisible-colours": "opacity: 1; color: transparent; background: transparent; border: 0",
}


@pytest.mark.parametrize("style", list(HIJACKS), ids=list(HIJACKS))
def test_an_item_restyled_into_an_invisible_layer_sends_nothing(browser, sandbox, style):
    """Issue 15.3: the page restyles our Send to Greenhouse item into an invisible layer over the
    whole page; one real click on the candidate's name must send nothing and say why."""
    connect(browser)
    name, _ = PROFILES["semantic"]
    open_profile_menu(browser, "semantic")
    item = browser.find_menu_item(SEND)
    dom.run(browser.driver, """
        const item = arguments[0];
        document.body.appendChild(item);  // out of the menu, which may clip or close
        item.setAttribute('style', 'position: fixed !important; inset: 0 !important; width: 100vw !important;'
          + ' height: 100vh !important; margin: 0 !important; z-index: 2147483647 !important; ' + arguments[1]);
        """, item, HIJACKS[style])
    heading = browser.driver.find_element("css selector", "h1")
    assert heading.text == name
    # The control: what is under the pointer over the name is our item now.
    hit = dom.run(browser.driver, """
        const r = arguments[0].getBoundingClientRect();
        return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2).getAttribute('data-purpose-greenhouse');
        """, heading)
    assert hit == "primary", f"the attack did not cover the page: {hit!r}"
    ActionChains(browser.driver).move_to_element(heading).click().perform()
    text = browser.wait_alert(containing="Nothing was sent")
    assert "Send to Greenhouse item" in text, text
    time.sleep(0.5)
    assert posts(sandbox) == [], "a click the recruiter did not mean sent the candidate"


def test_a_page_script_cannot_read_or_change_the_review_form(browser, sandbox):
    """Issue 15.2: the review form lives in the extension's frame. A script in the page cannot
    read what it shows (the candidate's fields, the recruiter's name, the destinations) or what
    the recruiter types, cannot change it before Send, and cannot add to the extension's UI."""
    connect(browser)
    open_profile_menu(browser, "single-word-name")
    browser.choose_menu_item(SEND)
    dialog(browser)
    browser.fill("Last name", "Teller-Jones")
    browser.fill("Notes", "Met at the meetup; strong Rust.")
    secrets = ("Teller-Jones", "strong Rust", "Riley Recruiter", "Senior Rust Engineer", "Prospects without a pool")
    assert page_can_read(browser, *secrets) == [], "the page can read the review form"
    # The page tries to change what the recruiter typed and to add its own confirmation.
    tampered = dom.run(browser.driver, """
        const done = [];
        for (const el of allElements(document)) {
          if (el.localName === 'input' || el.localName === 'textarea') { el.value = 'Page'; done.push(el.id || el.localName); }
        }
        const host = document.querySelector('purpose-greenhouse-ui');
        try { host.attachShadow({mode: 'open'}); done.push('attached'); } catch (e) {}
        try { host.shadowRoot.append(Object.assign(document.createElement('div'), {role: 'status'})); done.push('shadow'); } catch (e) {}
        try { window[0].document.body.append('fake'); done.push('frame'); } catch (e) {}
        return done;
        """)
    assert not {"attached", "shadow", "frame"} & set(tampered), tampered
    assert not dom.run_in_frame(browser.driver, "return document.body.innerText.includes('fake');")
    browser.click_button("Send")
    browser.wait_status(containing="Teller Teller-Jones was sent to Greenhouse")
    body = wait_posts(sandbox, 1)[0]["body"]
    assert body["last_name"] == "Teller-Jones", body
    assert "strong Rust" in body.get("notes", ""), body
    assert page_can_read(browser, "Teller Teller-Jones was sent") == [], "the page can read the confirmation"


def test_a_copy_of_the_frame_framed_by_the_page_gets_nothing(browser, sandbox):
    """inpage.html is web-accessible, so the page can frame its own copy and poke it to take what
    waits for the tab. Only our frame knows its secret (its address's fragment): the copy gets
    nothing, and the confirmation shows in our frame."""
    connect(browser)
    name, _ = PROFILES["semantic"]
    open_profile_menu(browser, "semantic")
    dom.run(browser.driver, """
        const copy = document.createElement('iframe');
        copy.id = 'page-copy'; copy.src = arguments[0];
        document.body.append(copy);
        setInterval(() => copy.contentWindow.postMessage('pg-inpage-poke', '*'), 5);
        """, browser.extension.base_url + "inpage.html")
    time.sleep(1.0)  # the copy has loaded and pokes itself
    browser.choose_menu_item(SEND)
    browser.wait_status(containing=f"{name} was sent to Greenhouse")
    for _ in range(3):
        browser.driver.switch_to.default_content()
        browser.driver.switch_to.frame(browser.driver.find_element("id", "page-copy"))
        # In Chromium the copy at the static address does not even load (use_dynamic_url: only the
        # per-session address our content script uses is web-accessible): nothing shown either.
        shown = browser.driver.execute_script(
            "const notices = document.getElementById('notices'); return notices ? notices.innerText : '';")
        assert shown.strip() == "", f"the page's copy of the frame took the confirmation: {shown!r}"
        time.sleep(0.3)
    browser.driver.switch_to.default_content()


@pytest.mark.parametrize("profile_url", ["javascript:alert(document.domain)//https://app.greenhouse.io/",
                                         "https://greenhouse.io.evil.example/people/9001"],
                         ids=["javascript", "foreign-host"])
def test_a_hostile_profile_url_from_greenhouse_is_never_linked_or_opened(browser, sandbox, profile_url):
    """Issue 15.5: Greenhouse's answer is data; its `profile_url` is shown or opened only when it
    is https on a greenhouse.io host (the confirmation, and the Sent to Greenhouse ✓ item)."""
    connect(browser)
    name, candidate_id = PROFILES["semantic"]
    sandbox.faults(next=[{"status": 200, "body": {"id": 9001, "application_id": 9002, "external_id": candidate_id,
                                                  "profile_url": profile_url}}])
    open_profile_menu(browser, "semantic")
    browser.choose_menu_item(SEND)
    browser.wait_status(containing=f"{name} was sent to Greenhouse")
    assert len(wait_posts(sandbox, 1)) == 1
    assert not dom.find_by_role(browser.driver, "link", "View in Greenhouse"), "a hostile profile_url became a link"
    assert not hostile_links(browser, profile_url), hostile_links(browser, profile_url)
    ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
    dom.wait_for(lambda: not browser.notices(), "Escape to dismiss the confirmation", seen=browser.notices)
    # The sent item, clicked for real, opens nothing: it says "already sent", without the link.
    handles = set(browser.driver.window_handles)
    browser.open_share_menu()
    browser.choose_menu_item(SENT)
    browser.wait_status(containing=f"{name} was already sent to Greenhouse")
    time.sleep(0.5)
    assert set(browser.driver.window_handles) == handles, "the sent item opened a window"
    assert not dom.find_by_role(browser.driver, "link", "View in Greenhouse"), "a hostile profile_url became a link"
    assert not hostile_links(browser, profile_url), hostile_links(browser, profile_url)


def test_the_sent_item_shows_the_link_in_the_extension_ui_instead_of_opening_it(browser, sandbox):
    connect(browser)
    name, _ = PROFILES["semantic"]
    open_profile_menu(browser, "semantic")
    browser.choose_menu_item(SEND)
    browser.wait_status(containing=f"{name} was sent to Greenhouse")
    created = sandbox.candidates()[0]
    profile_url = created["profile_url"] if "profile_url" in created else created["applications"][0]["profile_url"]
    ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
    dom.wait_for(lambda: not browser.notices(), "Escape to dismiss the confirmation", seen=browser.notices)
    handles = set(browser.driver.window_handles)
    browser.open_share_menu()
    browser.choose_menu_item(SENT)
    browser.wait_status(containing=f"{name} was already sent to Greenhouse")
    assert set(browser.driver.window_handles) == handles, "the sent item opened a window from the page"
    link = dom.find_by_role(browser.driver, "link", "View in Greenhouse")
    assert link and link[0].get_attribute("href") == profile_url, link


# --- navigation --------------------------------------------------------------------------------


def test_spa_navigation_sends_the_new_candidate_and_clears_the_layer(browser, sandbox):
    connect(browser)
    browser.open_fixture("spa-navigation")
    browser.open_share_menu()
    browser.choose_menu_item(SEND)
    browser.wait_status(containing="Noah Williams was sent to Greenhouse")
    # Next candidate: the URL changes without a page load; the layer goes away.
    browser.driver.find_element("link text", "Next candidate →").click()
    dom.wait_for(lambda: dom.run(browser.driver, "return /Aiko Tanaka/.test(document.body.innerText) && location.pathname;") == "/candidates/10002",
                 "the SPA to show Aiko Tanaka at /candidates/10002")
    dom.wait_for(lambda: not [n for n in browser.notices() if "Noah" in n.text], "the old confirmation to be removed",
                 seen=browser.notices)
    browser.open_share_menu()
    browser.choose_menu_item(SEND)
    browser.wait_status(containing="Aiko Tanaka was sent to Greenhouse")
    sent = wait_posts(sandbox, 2)
    assert [p["body"]["external_id"] for p in sent] == ["10001", "10002"]
    assert sent[1]["body"]["first_name"] == "Aiko"


# --- keyboard shortcut --------------------------------------------------------------------------


def test_keyboard_shortcut_sends_the_profile_on_screen(browser, sandbox):
    """Alt+Shift+G, pressed for real: the browser bound the manifest's command to it, and the key
    press runs the background's `commands.onCommand`, which asks the tab's content script to send
    the profile on screen. Another combination sends nothing; the shortcut pressed twice in a row
    sends once."""
    assert browser.manifest["commands"][COMMAND]["suggested_key"]["default"] == SHORTCUT
    assert browser.extension_shortcuts() == {COMMAND: SHORTCUT}, "the browser did not bind the command"
    connect(browser)
    name, candidate_id = PROFILES["semantic"]
    browser.open_fixture("semantic")
    browser.press_shortcut("Alt+Shift+H")
    time.sleep(1)
    assert posts(sandbox) == [], "a key press that is not the command's shortcut sent the profile"
    browser.press_shortcut(SHORTCUT)
    browser.press_shortcut(SHORTCUT)
    browser.wait_status(containing=f"{name} was sent to Greenhouse")
    sent = wait_posts(sandbox, 1)
    time.sleep(0.5)
    assert len(posts(sandbox)) == 1, "the shortcut sent twice while the first send was in flight"
    assert sent[0]["body"]["external_id"] == candidate_id


# --- setup and failures ------------------------------------------------------------------------


def test_not_set_up_opens_the_options_page_with_an_explanation(browser, sandbox):
    open_profile_menu(browser, "semantic")
    browser.choose_menu_item(SEND)
    text = browser.wait_alert(containing="not connected to Greenhouse")
    assert "options" in text.lower()
    assert posts(sandbox) == []
    # The options page opened in a tab of its own. Chromedriver does not list tabs an extension
    # opens, so ask the extension itself, from one of its pages in a new tab.
    browser.driver.switch_to.new_window("tab")
    browser.open_popup()
    options_url = browser.extension.base_url + browser.extension.options_page

    def options_tabs() -> int:
        urls = browser.driver.execute_async_script(
            "const done = arguments[arguments.length - 1]; const api = globalThis.browser ?? globalThis.chrome;"
            "api.tabs.query({}).then(tabs => done(tabs.map(t => t.url || t.pendingUrl || '')), e => done([String(e)]));"
        )
        return sum(1 for url in urls if url.startswith(options_url))

    dom.wait_for(options_tabs, f"a tab with {options_url}")


def test_rejected_key_says_what_to_do(browser, sandbox):
    connect(browser)
    sandbox.faults(next=[{"status": 401}])
    open_profile_menu(browser, "semantic")
    browser.choose_menu_item(SEND)
    text = browser.wait_alert(containing="Ada Lovelace was not sent to Greenhouse")
    assert "options" in text.lower(), text
    assert browser.button("Open extension options")


# --- strings -----------------------------------------------------------------------------------


def test_every_in_page_string_is_in_the_locale_file():
    source = (REPO / "crate/browser/src/text.rs").read_text(encoding="utf-8")
    keys = set(re.findall(r'=> "(content[A-Za-z]+)"', source))
    assert len(keys) > 30, keys
    messages = json.loads((REPO / "extension/_locales/en/messages.json").read_text(encoding="utf-8"))
    missing = sorted(keys - set(messages))
    assert not missing, f"keys used by the content script but missing from messages.json: {missing}"
    unused = sorted(k for k in messages if k.startswith("content") and k not in keys)
    assert not unused, f"content* messages nobody uses: {unused}"
