"""Security in Chromium and Firefox: page scripts cannot make the extension send anything, the
background answers malformed messages with `bad_message`, and the API key never appears in a page
or in any reply, whatever is asked.
"""

from __future__ import annotations

import base64
import json
import time

import pytest

from sandbox import RECRUITER_EMAIL, VALID_KEY

from . import dom

CANDIDATES_PATH = "/v1/partner/candidates"
SECRETS = (VALID_KEY, base64.b64encode(f"{VALID_KEY}:".encode()).decode())

#: Messages a hostile page posts, hoping the content script relays them.
PAGE_MESSAGES = [
    {"type": "SendProspect", "candidate": {"prospect": True, "first_name": "Eve", "last_name": "Hacker", "external_id": "666"}},
    {"type": "SendProfileOnScreen"},
    {"type": "Connect", "api_key": "attacker-key", "email": "eve@example.com"},
    {"type": "GetSettings"},
    "SendProspect",
    ["SendProspect"],
    {"kind": "submit", "n": 7},
]

#: Messages of the wrong shape, sent from an extension page (allowed to talk, not to be vague).
MALFORMED = [
    {"type": "NoSuchRequest"},
    {},
    "GetSettings",
    42,
    [],
    {"type": "SendProspect"},
    {"type": "SendProspect", "candidate": {"first_name": 5}},
    {"type": "Connect", "email": ["x"]},
    {"type": "RetrySend"},
    {"type": "ReadProfile", "url": "https://app.purpose.jobs/candidates/1"},
    {"type": "ReadProfile", "snapshot": 5, "url": "https://app.purpose.jobs/candidates/1"},
    {"type": "SendProspect", "candidate": {"prospect": True, "first_name": "A", "last_name": "B", "external_id": "1"}, "edits": {"surname": "C"}},
]

#: `core::reading::MAX_SNAPSHOT_UNITS`: the longest page snapshot the background reads.
MAX_SNAPSHOT_UNITS = 2 * 1024 * 1024


def send_from_page(browser, message) -> dict:
    """runtime.sendMessage from the extension page open in the current tab; returns the reply."""
    reply = browser.driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        pgBrowser.sendMessage(arguments[0]).then(r => done(JSON.stringify(r)), e => done(JSON.stringify({thrown: String(e)})));
        """,
        message,
    )
    return json.loads(reply)


def assert_no_secret(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"the API key appears in {where}"


def test_page_scripts_cannot_cause_a_send(browser, sandbox):
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    browser.open_fixture("semantic")
    before = len(sandbox.requests())
    for message in PAGE_MESSAGES:
        browser.driver.execute_script("window.postMessage(arguments[0], '*');", message)
    # Synthetic events on the page's own elements, and a fake item named like ours.
    browser.driver.execute_script(
        """
        const fake = document.createElement('button');
        fake.textContent = 'Send to Greenhouse';
        fake.setAttribute('role', 'menuitem');
        document.body.append(fake);
        fake.click();
        document.dispatchEvent(new KeyboardEvent('keydown', {key: 'G', altKey: true, shiftKey: true, bubbles: true}));
        """
    )
    time.sleep(2)
    api_calls = sandbox.requests()[before:]
    assert not [r for r in api_calls if r["method"] == "POST"], api_calls
    assert not sandbox.candidates()
    assert_no_secret(browser.driver.page_source, "the profile page")


@pytest.mark.parametrize("message", MALFORMED, ids=[json.dumps(m) for m in MALFORMED])
def test_malformed_messages_get_bad_message(browser, sandbox, message):
    browser.open_options()
    browser.field("API Key")
    reply = send_from_page(browser, message)
    assert reply.get("ok") is False, reply
    assert reply["error"]["kind"] == "bad_message", reply
    assert not sandbox.requests()


def test_an_oversized_page_snapshot_is_refused(browser, sandbox):
    """A page with one huge text cannot make the background read (and hold) it; one just under the
    limit is read."""
    browser.open_options()
    browser.field("API Key")

    def read(length: int) -> dict:
        reply = browser.driver.execute_async_script(
            """
            const [length, done] = arguments;
            const snapshot = '\\u0005' + 'x'.repeat(length - 1);
            pgBrowser.sendMessage({type: 'ReadProfile', snapshot, url: 'https://app.purpose.jobs/jobs'})
              .then(r => done(JSON.stringify(r)), e => done(JSON.stringify({thrown: String(e)})));
            """,
            length,
        )
        return json.loads(reply)

    refused = read(MAX_SNAPSHOT_UNITS + 1)
    assert refused.get("ok") is False and refused["error"]["kind"] == "bad_message", refused
    read_at_limit = read(MAX_SNAPSHOT_UNITS)
    assert read_at_limit == {"ok": True, "value": {"reading": "not_a_profile"}}, str(read_at_limit)[:300]


def test_the_key_is_never_in_a_reply_or_a_page(browser, sandbox):
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    browser.open_fixture("semantic")
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")
    browser.wait_status(containing="Ada Lovelace")
    assert_no_secret(browser.driver.page_source, "the profile page")

    browser.open_options()
    browser.wait_status(containing="Connected as")
    assert_no_secret(browser.driver.page_source, "the options page")
    assert browser.field("API Key").get_attribute("value") == ""
    requests = [
        {"type": "GetSettings"},
        {"type": "GetDestinations", "refresh": True},
        {"type": "ListSends"},
        {"type": "GetSendStatus", "external_id": "48213"},
        {"type": "SaveSettings", "default_destination": {"kind": "no_pool"}, "prospect_owner_email": None, "always_review": False},
        {"type": "Connect", "api_key": None, "email": RECRUITER_EMAIL},
        {"type": "SendProspect", "candidate": {"prospect": True, "first_name": "Ada", "last_name": "Lovelace", "external_id": "48213"}},
        {"type": "Connect", "api_key": "wrong-key-1", "email": RECRUITER_EMAIL},
    ]
    for request in requests:
        reply = send_from_page(browser, request)
        assert "thrown" not in reply, (request, reply)
        assert_no_secret(json.dumps(reply), f"the reply to {request['type']}")
    # The rejected key did not replace the working one.
    assert send_from_page(browser, {"type": "GetSettings"})["value"]["connected_user"]["email"] == RECRUITER_EMAIL

    browser.open_popup()
    browser.wait_status(containing="Connected as")
    assert_no_secret(browser.driver.page_source, "the toolbar popup")
