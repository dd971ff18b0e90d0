"""Security in Chromium and Firefox: page scripts cannot make the extension send anything, the
background answers malformed messages with `bad_message`, and the API key never appears in a page
or in any reply, whatever is asked.
"""

from __future__ import annotations

import base64
import json
import shutil
import time
from pathlib import Path

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


# --- a compromised content script ----------------------------------------------------------------

#: A stand-in for our content script gone bad (a bug in it, or a compromised renderer on a Purpose
#: Jobs page): it runs with the content script's powers and tries to read and replace what the
#: background keeps. Added only to a test copy of the build, in a temporary folder; never shipped.
COMPROMISED_SCRIPT = r"""
(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const out = {};
  const attempt = async (name, step) => {
    try { out[name] = { ok: true, value: await step() }; } catch (error) { out[name] = { ok: false, error: String(error) }; }
  };
  const areas = { local: api.storage.local, session: api.storage.session };
  for (const [area, storage] of Object.entries(areas)) {
    await attempt(`${area}_read`, () => (storage ? storage.get(null) : Promise.reject(new Error("no such area"))));
  }
  // What it read, with its own key and destination; or a forged one when it could read nothing.
  const read = (out.local_read.ok && out.local_read.value.settings) || {
    email: "recruiter@example.com", connected_user: { id: 1, full_name: "Riley Recruiter", email: "recruiter@example.com" },
    default_destination: { kind: "no_pool" }, always_review: false,
  };
  const forged = { ...read, api_key: "attacker-key", default_destination: { kind: "pool", pool_id: 666, stage_id: null } };
  const wiped = { entries: [] };
  for (const [area, storage] of Object.entries(areas)) {
    await attempt(`${area}_write`, () =>
      storage ? storage.set({ settings: forged, outbox: wiped, ledger: wiped }).then(() => "written") : Promise.reject(new Error("no such area")));
  }
  document.documentElement.setAttribute("data-compromised", JSON.stringify(out));
})();
"""


#: A compromised content script that rides on our own: it watches our content script's messages
#: (they share one isolated world), and once the background has read a profile, it sends what the
#: background must refuse. Added only to a test copy of the build.
FORGING_SCRIPT = r"""
(() => {
  const original = pgBrowser.sendMessage;
  let fired = false;
  const results = {};
  const report = () => document.documentElement.setAttribute("data-forged", JSON.stringify(results));
  const attack = async (reading) => {
    const token = (reading.candidate || reading.draft || {}).token;
    const send = (extra) => original({ type: "SendProspect", ...extra }).catch((error) => ({ thrown: String(error) }));
    const edits = { ...reading.fields };
    results.reading_token = typeof token === "string" && token.length >= 16;
    results.own_candidate = await send({ candidate: { prospect: true, first_name: "Eve", last_name: "Forged", external_id: "666" } });
    results.made_up_token = await send({ candidate: { token: "00000000-0000-4000-8000-000000000000" } });
    results.javascript_link = await send({ candidate: { token }, edits: { ...edits, links: "javascript:alert(document.domain)\ndata:text/html,<b>x</b>" } });
    results.metadata_resume = await send({ candidate: { token }, edits: { ...edits, resume_url: "http://169.254.169.254/latest/meta-data/" } });
    results.unloaded_job = await send({ candidate: { token }, destination: { kind: "job", job_id: 987654 } });
    const burst = await Promise.all(Array.from({ length: 26 }, () => send({ candidate: { token } })));
    results.burst = burst.map((reply) => (reply.ok ? "ok" : reply.error && reply.error.kind));
    report();
  };
  pgBrowser.sendMessage = (message) =>
    original(message).then((reply) => {
      if (!fired && message && message.type === "ReadProfile" && reply && reply.ok && reply.value && reply.value.fields) {
        fired = true;
        attack(reply.value);
      }
      return reply;
    });
})();
"""


def compromised_copy(dist: Path, browser_name: str, into: Path, script: str = COMPROMISED_SCRIPT) -> Path:
    """A copy of the built extension for `browser_name` with COMPROMISED_SCRIPT as an extra content
    script on Purpose Jobs pages, under `into`; returns the dist-like folder to launch."""
    from .browser import DIST_FOLDERS

    folder = DIST_FOLDERS[browser_name]
    target = into / folder
    shutil.copytree(dist / folder, target)
    (target / "compromised.js").write_text(script, encoding="utf-8")
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    manifest["content_scripts"].append({"matches": ["https://*.purpose.jobs/*"], "js": ["compromised.js"], "run_at": "document_idle"})
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return into


@pytest.fixture
def compromised(request, browser_name, sandbox, pages, tmp_path):
    """A browser running the compromised copy of the build (`COMPROMISED_SCRIPT`, or the script a
    test names with `@pytest.mark.parametrize("compromised", [...], indirect=True)`)."""
    from .browser import launch
    from .conftest import DIST

    script = getattr(request, "param", COMPROMISED_SCRIPT)
    running = launch(browser_name, compromised_copy(DIST, browser_name, tmp_path, script), sandbox, pages)
    try:
        yield running
    finally:
        running.quit()


def compromised_findings(browser) -> dict:
    found = dom.wait_for(
        lambda: browser.driver.execute_script("return document.documentElement.getAttribute('data-compromised')"),
        "the compromised content script to report",
    )
    return json.loads(found)


def test_a_compromised_content_script_cannot_reach_the_key_or_the_queue(compromised, sandbox):
    browser = compromised
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    # Something in the ledger, and something in the outbox (a send that waits for a retry).
    browser.open_fixture("semantic")
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")
    browser.wait_status(containing="Ada Lovelace")
    sandbox.faults(next=[{"status": 500}] * 12)
    browser.open_fixture("portal-menu")
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")
    browser.wait_alert(containing="retried")

    # The compromised script ran on that page: it read and wrote what it could.
    findings = compromised_findings(browser)
    text = json.dumps(findings)
    assert_no_secret(text, "what a compromised content script can read")
    for area in ("local", "session"):
        got = findings[f"{area}_read"].get("value") or {}
        # All it may find is what it wrote itself on an earlier page (Firefox leaves storage.local
        # open to content scripts): its forged settings and empty lists, nothing of ours.
        settings = got.get("settings")
        assert settings is None or settings.get("api_key") == "attacker-key", f"storage.{area} holds our settings: {text[:400]}"
        for kept in ("outbox", "ledger"):
            assert (got.get(kept) or {}).get("entries", []) == [], f"storage.{area} holds our {kept}: {text[:400]}"
        assert "readings" not in got, f"storage.{area} holds the background's readings: {text[:400]}"
    assert "Ada Lovelace" not in text and "48213" not in text, text[:400]
    sandbox.faults(clear=True)

    # Whatever it wrote changed nothing: the recruiter's next genuine send goes with the real key
    # to the real destination, and the ledger and outbox are intact.
    before = len(sandbox.requests(method="POST", path=CANDIDATES_PATH))
    browser.open_fixture("full")
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")
    browser.wait_status(containing="was sent")
    posts = sandbox.requests(method="POST", path=CANDIDATES_PATH)[before:]
    assert posts, "the genuine send did not reach Greenhouse"
    for post in posts:
        assert post["headers"].get("authorization") == f"Basic {SECRETS[1]}", post["headers"]
        assert (post.get("body") or {}).get("prospect_pool_id") in (None, ""), post.get("body")
    browser.open_popup()
    browser.wait_status()
    items = dom.wait_for(
        lambda: (lambda t: t if "Ada Lovelace" in t else None)(browser.driver.execute_script("return document.body.innerText")),
        "the popup to list the earlier send",
    )
    assert "Ada Lovelace" in items
    reply = send_from_page(browser, {"type": "GetSettings"})
    assert reply["value"]["default_destination"] == {"kind": "no_pool"}, reply


@pytest.mark.parametrize("compromised", [FORGING_SCRIPT], ids=["forging"], indirect=True)
def test_the_background_sends_only_its_own_reading_checked_and_not_too_fast(compromised, sandbox):
    browser = compromised
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    saved = send_from_page(browser, {"type": "SaveSettings", "default_destination": {"kind": "no_pool"}, "always_review": True})
    assert saved.get("ok") is True, saved
    # The recruiter opens the review form: the background reads the profile, and the compromised
    # script, holding the reading's token, sends what it likes.
    browser.open_fixture("semantic")
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")
    browser.field("Last name")
    # The form is in the extension's frame; the compromised script reports in the page.
    browser.driver.switch_to.default_content()
    found = json.loads(dom.wait_for(
        lambda: browser.driver.execute_script("return document.documentElement.getAttribute('data-forged')"),
        "the forging script to report",
        timeout=20,
    ))
    assert found["reading_token"] is True, found

    def refused(name: str, kind: str, field: str | None = None) -> None:
        reply = found[name]
        assert reply.get("ok") is False, (name, reply)
        assert reply["error"]["kind"] == kind, (name, reply)
        if field:
            assert reply["error"]["field"] == field, (name, reply)

    refused("own_candidate", "bad_message")
    refused("made_up_token", "bad_message")
    refused("javascript_link", "validation", "websites")
    refused("metadata_resume", "validation", "resume")
    refused("unloaded_job", "validation", "destination")
    # Four sends from the tab were counted above (an unparsable message never is): of the burst of
    # 26, one more goes (the background's own reading, unchanged), the rest are refused, saying why.
    assert found["burst"] == ["ok"] + ["too_many_sends"] * 25, found["burst"]
    time.sleep(1)
    posts = sandbox.requests(method="POST", path=CANDIDATES_PATH)
    assert len(posts) == 1, [p.get("body") for p in posts]
    body = json.dumps(posts[0]["body"])
    assert posts[0]["body"]["first_name"] == "Ada" and posts[0]["body"]["external_id"] == "48213", body
    for forged in ("Eve", "javascript:", "data:", "169.254", "987654"):
        assert forged not in body, (forged, body)
    message = send_from_page_of_options(browser)
    assert "too many candidates" in message, message


def send_from_page_of_options(browser) -> str:
    """The locale's sentence for a refused burst, as the in-page notice shows it."""
    browser.open_options()
    browser.field("API Key")
    return browser.driver.execute_script("return pgBrowser.i18n('error_too_many_sends');")


# --- fingerprinting ----------------------------------------------------------------------------


@pytest.mark.only_in("chromium")
@pytest.mark.parametrize("csp", [None, "strict"], ids=["wasm", "wasm2js-fallback"])
def test_pages_cannot_probe_the_extension_at_its_static_address(browser, sandbox, csp):
    """`use_dynamic_url`: our web-accessible files answer only at a per-session address, so a page
    cannot tell the extension is installed by fetching `chrome-extension://<id>/…`; the content
    script still loads its core (WebAssembly, or the wasm2js fallback under a strict CSP)."""
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    browser.open_fixture("portal-menu", csp=csp)
    browser.open_share_menu()
    # The core runs: its item is in the menu. Under the strict CSP WebAssembly is blocked in the
    # content script (Chromium), so that is the wasm2js fallback, imported from the dynamic address.
    browser.find_menu_item("Send to Greenhouse")
    for path in ("inpage.html", "pkg/content_w2j.js"):
        probe = browser.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch(arguments[0]).then(r => done('answered ' + r.status), e => done('refused: ' + e));",
            f"chrome-extension://{browser.extension.id}/{path}",
        )
        assert probe.startswith("refused"), f"{path}: {probe}"


# --- the move out of storage.local -------------------------------------------------------------

IDB_SCRIPT = """
const [op, items, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const open = indexedDB.open("purpose-greenhouse", 1);
open.onupgradeneeded = () => open.result.createObjectStore("kv");
open.onerror = () => done({error: String(open.error)});
open.onsuccess = () => {
  const db = open.result;
  const tx = db.transaction("kv", op === "read" ? "readonly" : "readwrite");
  const store = tx.objectStore("kv");
  const out = {};
  if (op === "read") {
    const cursor = store.openCursor();
    cursor.onsuccess = () => { const c = cursor.result; if (c) { out[c.key] = c.value; c.continue(); } };
  } else {
    store.clear();
  }
  tx.oncomplete = () => { db.close(); done(out); };
  tx.onerror = () => done({error: String(tx.error)});
};
"""


def restart_background(browser) -> None:
    """Stop the background and let the next message start it again (Chromium: stop the service
    worker; Firefox: reload the temporary add-on, which keeps its storage)."""
    browser.driver.get("about:blank")
    if browser.name == "chromium":
        browser.driver.execute_cdp_cmd("ServiceWorker.enable", {})
        browser.driver.execute_cdp_cmd("ServiceWorker.stopAllWorkers", {})
        dom.wait_for(
            lambda: not [t for t in browser.driver.execute_cdp_cmd("Target.getTargets", {})["targetInfos"] if t["type"] == "service_worker"],
            "the service worker to stop",
        )
        return
    with browser.driver.context(browser.driver.CONTEXT_CHROME):
        result = browser.driver.execute_async_script(
            """
            const [id, done] = [arguments[0], arguments[arguments.length - 1]];
            const { AddonManager } = ChromeUtils.importESModule("resource://gre/modules/AddonManager.sys.mjs");
            AddonManager.getAddonByID(id).then(addon => addon.reload()).then(() => done("reloaded"), e => done(String(e)));
            """,
            browser.extension.id,
        )
    assert result == "reloaded", result


def test_values_of_earlier_versions_move_out_of_storage_local_once_and_lose_nothing(browser, sandbox):
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    browser.open_fixture("semantic")
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")
    browser.wait_status(containing="Ada Lovelace")
    browser.open_options()
    browser.wait_status(containing="Connected as")
    kept = browser.driver.execute_async_script(IDB_SCRIPT, "read", None)
    assert {"settings", "ledger", "outbox"} <= set(kept), kept
    local = browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; pgBrowser.api.storage.local.get(null).then(done, e => done(String(e)));"
    )
    assert local == {}, f"storage.local still holds {sorted(local)}"
    # An earlier version: everything in storage.local, nothing in the background's store.
    old = {key: kept[key] for key in ("settings", "ledger", "outbox")}
    browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; pgBrowser.api.storage.local.set(arguments[0]).then(() => done(true), e => done(String(e)));",
        old,
    )
    assert browser.driver.execute_async_script(IDB_SCRIPT, "clear", None) == {}
    restart_background(browser)

    # The new version starts: it moves them, and everything is there.
    browser.open_options()
    assert send_from_page(browser, {"type": "GetSettings"})["value"]["connected_user"]["email"] == RECRUITER_EMAIL
    listed = send_from_page(browser, {"type": "ListSends"})["value"]["items"]
    assert [item["name"] for item in listed] == ["Ada Lovelace"], listed
    moved = browser.driver.execute_async_script(IDB_SCRIPT, "read", None)
    for key in old:
        assert moved[key] == old[key], key
    assert moved.get("moved_from_storage_local") is True, moved
    assert browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; pgBrowser.api.storage.local.get(null).then(done, e => done(String(e)));"
    ) == {}

    # Once only: what appears in storage.local later (a content script can write there in Firefox)
    # is never taken for the recruiter's settings.
    forged = dict(old["settings"], api_key="attacker-key", default_destination={"kind": "pool", "pool_id": 666, "stage_id": None})
    browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; pgBrowser.api.storage.local.set({settings: arguments[0]}).then(() => done(true));",
        forged,
    )
    restart_background(browser)
    browser.open_options()
    assert send_from_page(browser, {"type": "GetSettings"})["value"]["default_destination"] == {"kind": "no_pool"}
    before = len(sandbox.requests(method="POST", path=CANDIDATES_PATH))
    browser.open_fixture("portal-menu")
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")
    browser.wait_status(containing="was sent")
    post = sandbox.requests(method="POST", path=CANDIDATES_PATH)[before]
    assert post["headers"].get("authorization") == f"Basic {SECRETS[1]}", post["headers"]
