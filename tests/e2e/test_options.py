"""The options page in Chromium and Firefox: connecting validates the key with Greenhouse before
anything is stored, every failure is named in plain words, the connection survives reopening the
page, "Remove integration" forgets it, and the chosen default destination is what the POST carries.

Driven like a recruiter: fields by label, buttons by name, messages by role.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import Select

from sandbox import (
    DESIGN_FIRST_STAGE_ID,
    DESIGN_POOL_ID,
    NO_PERMISSION_KEY,
    PUBLIC_JOB_ID,
    RECRUITER_EMAIL,
    VALID_KEY,
)

from . import dom

REPO = Path(__file__).resolve().parents[2]
CURRENT_USER_PATH = "/v1/partner/current_user"
CANDIDATES_PATH = "/v1/partner/candidates"
CONNECTED = "Connected as Riley Recruiter (recruiter@example.com)"
#: A fixture profile and the name it shows.
PROFILE, PROFILE_NAME = "semantic", "Ada Lovelace"


def connected_status(browser) -> str | None:
    """The "Connected as …" status on the options page right now, if any."""
    return next((n.text for n in browser.notices() if n.role == "status" and n.text.startswith("Connected as")), None)


def send_profile(browser) -> str:
    """Send the fixture profile from its Share menu and return the confirmation."""
    browser.open_fixture(PROFILE)
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")
    return browser.wait_status(containing=PROFILE_NAME)


def test_valid_key_connects_and_stays_connected(browser, sandbox):
    notice = browser.configure_integration(VALID_KEY, RECRUITER_EMAIL)
    assert notice == type(notice)("status", CONNECTED), notice

    checks = sandbox.requests(path=CURRENT_USER_PATH)
    assert len(checks) == 1, checks
    assert checks[0]["headers"].get("on-behalf-of") == RECRUITER_EMAIL
    assert checks[0]["status"] == 200

    browser.open_options()
    dom.wait_for(lambda: connected_status(browser) == CONNECTED, f"{CONNECTED!r} after reopening", seen=browser.notices)
    # The key is stored but never read back into the page.
    assert browser.field("API Key").get_attribute("value") == ""
    assert VALID_KEY not in browser.driver.page_source
    assert browser.field("Email").get_attribute("value") == RECRUITER_EMAIL
    assert not [n for n in browser.notices() if n.role == "alert"], browser.notices()


@pytest.mark.parametrize(
    ("key", "email", "fault", "expected"),
    [
        ("wrong-key-0000", RECRUITER_EMAIL, None, "Candidate Ingestion (Partner) API key created for purpose.jobs"),
        (VALID_KEY, "nobody@example.com", None, "the login of an active Greenhouse user"),
        (NO_PERMISSION_KEY, RECRUITER_EMAIL, None, "not allowed"),
        (VALID_KEY, RECRUITER_EMAIL, {"down": True}, "could not be reached"),
        (VALID_KEY, RECRUITER_EMAIL, {"next": [{"status": 503}]}, "problem on its side"),
    ],
    ids=["wrong-key", "unknown-email", "forbidden-403", "unreachable", "server-5xx"],
)
def test_failures_are_named_and_nothing_is_stored(browser, sandbox, key, email, fault, expected):
    if fault:
        sandbox.faults(**fault)
    notice = browser.configure_integration(key, email)
    assert notice.role == "alert", f"expected an alert, got {notice}"
    assert expected.lower() in notice.text.lower(), notice.text
    assert key not in browser.driver.page_source

    # Nothing was stored as connected: reopening shows no connection, and a send is refused
    # with the setup hint instead of reaching Greenhouse.
    sandbox.faults(down=False, clear=True)
    browser.open_options()
    browser.field("API Key")
    assert connected_status(browser) is None, browser.notices()
    assert not sandbox.requests(method="POST", path=CANDIDATES_PATH)


def test_remove_integration_forgets_the_connection(browser, sandbox):
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    browser.click_button("Remove integration")
    browser.wait_status(containing="removed")
    browser.open_options()
    browser.field("API Key")
    assert connected_status(browser) is None, browser.notices()
    assert not dom.find_by_role(browser.driver, "button", "Remove integration")

    browser.open_popup()
    browser.wait_status(containing="Not connected")


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("Prospects without a pool", {"prospect": True, "prospect_pool_id": None, "job_id": None}),
        (
            "A prospect pool and stage",
            {"prospect": True, "prospect_pool_id": DESIGN_POOL_ID, "prospect_pool_stage_id": DESIGN_FIRST_STAGE_ID, "job_id": None},
        ),
        ("A job", {"prospect": False, "job_id": PUBLIC_JOB_ID, "prospect_pool_id": None}),
    ],
    ids=["no-pool", "pool-and-stage", "job"],
)
def test_default_destination_shapes_the_post(browser, sandbox, choice, expected):
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    # Jobs and pools are loaded from Greenhouse after connecting.
    browser.field(choice).click()
    if choice == "A prospect pool and stage":
        dom.wait_for(lambda: len(Select(browser.field("Prospect pool")).options) > 1, "the prospect pools from Greenhouse")
        Select(browser.field("Prospect pool")).select_by_value(str(DESIGN_POOL_ID))
        Select(browser.field("Stage")).select_by_value(str(DESIGN_FIRST_STAGE_ID))
    if choice == "A job":
        dom.wait_for(lambda: len(Select(browser.field("Job")).options) > 1, "the jobs from Greenhouse")
        Select(browser.field("Job")).select_by_value(str(PUBLIC_JOB_ID))
    browser.fill("Prospect owner email (optional)", RECRUITER_EMAIL)
    browser.click_button("Save destination")
    browser.wait_status(containing="Saved")

    send_profile(browser)
    posts = sandbox.requests(method="POST", path=CANDIDATES_PATH)
    assert len(posts) == 1, posts
    body = posts[0]["body"]
    assert posts[0]["status"] == 200, posts[0]
    for field, value in expected.items():
        assert body.get(field) == value, f"{field}: {body.get(field)!r} in {body}"
    owner = body.get("prospect_owner_email")
    assert owner == (RECRUITER_EMAIL if expected["prospect"] else None), body
    # No current_user round trip on the send path: only the one made while connecting.
    assert len(sandbox.requests(path=CURRENT_USER_PATH)) == 1


# Chrome does not let an extension or its user drop a required host permission this way.
@pytest.mark.only_in("firefox")
def test_missing_host_permission_is_explained_and_can_be_granted(browser, sandbox, browser_name):
    # Firefox users can revoke the api.greenhouse.io permission (about:addons > Permissions).
    browser.open_options()
    browser.field("API Key")
    removed = browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "pgBrowser.api.permissions.remove({origins: ['https://api.greenhouse.io/*']}).then(done, e => done(String(e)));"
    )
    assert removed is True, removed
    browser.open_options()
    # The page says so and offers the button before anything is tried.
    browser.button("Allow access to api.greenhouse.io")
    notice = browser.configure_integration(VALID_KEY, RECRUITER_EMAIL)
    assert notice.role == "alert" and "api.greenhouse.io" in notice.text, notice
    assert not sandbox.requests(path=CURRENT_USER_PATH)

    browser.button("Allow access to api.greenhouse.io").click()
    dom.wait_for(lambda: not dom.find_by_role(browser.driver, "button", "Allow access to api.greenhouse.io"), "the permission notice to go away")
    notice = browser.configure_integration(VALID_KEY, RECRUITER_EMAIL)
    assert notice == type(notice)("status", CONNECTED), notice


def test_background_error_sentences_come_from_the_locale_file(browser, sandbox):
    """The background's error sentences and the field names in them are `_locales` messages
    (`error_*`, `advice_*`, `field_*`): the browser resolves each with its placeholders, and the
    background's refusals say exactly what those messages say."""
    messages = json.loads((REPO / "extension/_locales/en/messages.json").read_text(encoding="utf-8"))
    keys = sorted(k for k in messages if re.match(r"(error|advice|field)_", k))
    assert len(keys) > 30, keys
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    resolved = browser.driver.execute_script(
        "return Object.fromEntries(arguments[0].map(k => [k, pgBrowser.i18n(k, ['VALUE'])]));", keys
    )
    for key in keys:
        expected = messages[key]["message"]
        for name in messages[key].get("placeholders", {}):
            expected = expected.replace(f"${name.upper()}$", "VALUE")
        assert resolved[key] == expected, f"{key}: the browser resolves {resolved[key]!r}"

    def refusal(request: dict) -> dict:
        reply = browser.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "pgBrowser.sendMessage(arguments[0]).then(done, e => done(String(e)));",
            request,
        )
        assert isinstance(reply, dict) and reply.get("ok") is False, reply
        return reply["error"]

    error = refusal({"type": "SaveSettings", "default_destination": {"kind": "no_pool"}, "prospect_owner_email": "not an email"})
    assert error["kind"] == "validation" and error["field"] == "prospect_owner_email", error
    field = browser.driver.execute_script("return pgBrowser.i18n('field_prospect_owner_email');")
    sentence = browser.driver.execute_script("return pgBrowser.i18n('error_invalid_setting', [arguments[0]]);", field)
    assert error["message"] == sentence == "Enter a valid prospect owner email in the extension options."
    # A send naming no reading of the background's own is refused in the locale's words too.
    error = refusal({"type": "SendProspect", "candidate": {"token": "made-up"}})
    assert error["kind"] == "bad_message", error
    assert error["message"] == browser.driver.execute_script("return pgBrowser.i18n('error_bad_message');"), error
    assert not sandbox.requests(path=CANDIDATES_PATH)


def test_remove_integration_leaves_nothing_and_offers_clear_history(browser, sandbox):
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    send_profile(browser)
    browser.open_options()
    browser.wait_status(containing="Connected as")
    browser.click_button("Remove integration")
    removed = browser.wait_status(containing="removed")
    assert "Clear history" in removed, removed
    # Key, settings and destinations are gone: the email too.
    browser.open_options()
    assert browser.field("Email").get_attribute("value") == ""
    settings = browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "pgBrowser.sendMessage({type: 'GetSettings'}).then(done, e => done(String(e)));"
    )
    assert settings["value"] == {
        "has_api_key": False, "email": "", "connected_user": None, "default_destination": {"kind": "no_pool"},
        "prospect_owner_email": None, "always_review": False,
    }, settings
    # The same page offers the rest: the history, after saying what it drops.
    browser.click_button("Clear history")
    question = dom.wait_for(lambda: browser.driver.find_element("id", "clear-question").text or None, "the confirmation")
    assert "Nothing is queued" in question, question
    browser.click_button("Delete history")
    browser.wait_status(containing="History cleared")
    listed = browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "pgBrowser.sendMessage({type: 'ListSends'}).then(done, e => done(String(e)));"
    )
    assert listed == {"ok": True, "value": {"items": []}}, listed
