"""The durable outbox in Chromium and Firefox, against the sandbox's fault injection.

Every scenario starts with a recruiter clicking "Send to Greenhouse" once, then lets the faults
play out, and ends with exactly one prospect in the sandbox, or a visible failed state in the
toolbar popup that the recruiter can retry (and the recruiter told which). Retries are driven by
`alarms` (unpacked/temporary add-ons have no minimum alarm delay) from the outbox in storage.
"""

from __future__ import annotations

import time

import pytest

from sandbox import RECRUITER_EMAIL, VALID_KEY

from . import dom

CANDIDATES_PATH = "/v1/partner/candidates"
PROFILE, NAME, EXTERNAL_ID = "semantic", "Ada Lovelace", "48213"
#: Long enough for three backed-off retries (1–2 s, 2–4 s, 4–8 s) plus a browser's slack.
RETRY_WAIT = 40.0


def connect_and_send(browser, sandbox, faults: list[dict] | None = None, down: bool = False) -> None:
    """Connect (with a healthy API), queue `faults` for the sends or take the API `down`, and send
    the profile once."""
    notice = browser.configure_integration(VALID_KEY, RECRUITER_EMAIL)
    assert notice.role == "status", notice
    if faults:
        sandbox.faults(next=faults)
    if down:
        sandbox.faults(down=True)
    browser.open_fixture(PROFILE)
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")


def posts(sandbox) -> list[dict]:
    return sandbox.requests(method="POST", path=CANDIDATES_PATH)


def created(sandbox) -> list[dict]:
    """Prospects the sandbox holds for the fixture candidate."""
    return [c for c in sandbox.candidates() if str(c.get("external_id")) == EXTERNAL_ID]


def wait_created(sandbox, count: int = 1, timeout: float = RETRY_WAIT) -> list[dict]:
    return dom.wait_for(
        lambda: created(sandbox) if len(created(sandbox)) >= count else None,
        f"{count} prospect(s) for {EXTERNAL_ID} in the sandbox",
        seen=lambda: [(p["status"], p["outcome"]) for p in posts(sandbox)],
        timeout=timeout,
    )


def popup_items(browser) -> list[dict]:
    """The popup's list: each line's text and its buttons (reopened to see the latest state)."""
    browser.open_popup()
    browser.wait_status()
    dom.wait_for(lambda: browser.driver.execute_script("return document.readyState") == "complete", "the popup")
    return dom.run(
        browser.driver,
        """
        return [...document.querySelectorAll('#sends li')].map(li => ({
          text: li.innerText.replace(/\\s+/g, ' ').trim(),
          buttons: [...li.querySelectorAll('button')].map(b => b.textContent.trim()),
          links: [...li.querySelectorAll('a')].map(a => a.href),
        }));
        """,
    )


def wait_popup_line(browser, containing: str, timeout: float = RETRY_WAIT) -> dict:
    def line() -> dict | None:
        return next((item for item in popup_items(browser) if NAME in item["text"] and containing in item["text"]), None)

    return dom.wait_for(line, f"a popup line for {NAME} containing {containing!r}", seen=lambda: popup_items(browser), timeout=timeout)


def assert_exactly_one_prospect(sandbox) -> None:
    time.sleep(1.0)  # a stray extra retry would land within this second
    assert len(created(sandbox)) == 1, (created(sandbox), [(p["status"], p["outcome"]) for p in posts(sandbox)])


@pytest.mark.parametrize(
    "faults",
    [
        [{"status": 500}],
        [{"status": 429, "retry_after": 2}],
        [{"drop": True}, {"drop": True}, {"drop": True}],
    ],
    ids=["500-then-success", "429-retry-after-2", "dropped-three-times"],
)
def test_passing_failures_are_retried_until_delivered(browser, sandbox, faults):
    started = time.monotonic()
    connect_and_send(browser, sandbox, faults)
    notice = browser.wait_alert(containing="retried")
    assert NAME in notice, notice

    wait_created(sandbox)
    assert_exactly_one_prospect(sandbox)
    attempts = posts(sandbox)
    assert len(attempts) == len(faults) + 1, [(p["status"], p["outcome"]) for p in attempts]
    if faults[0].get("retry_after"):
        gap = attempts[1]["time"] - attempts[0]["time"]
        assert gap >= faults[0]["retry_after"] - 0.05, f"retried {gap:.2f} s after a Retry-After of {faults[0]['retry_after']} s"
    assert time.monotonic() - started < RETRY_WAIT + 15
    line = wait_popup_line(browser, "Sent")
    assert not line["buttons"], line


def test_api_down_then_up(browser, sandbox):
    connect_and_send(browser, sandbox, down=True)
    try:
        browser.wait_alert(containing="retried")
        time.sleep(3)
        assert not created(sandbox)
    finally:
        sandbox.faults(down=False)
    wait_created(sandbox)
    assert_exactly_one_prospect(sandbox)


def test_response_lost_past_the_timeout_is_retried_and_flagged(browser, sandbox):
    # The sandbox creates the prospect but answers after 30 s: the extension gives up at 20 s,
    # retries (Greenhouse has no idempotency key), and flags the send as a possible duplicate.
    # (An answer only just past 20 s can still win against a timer that fires late on a loaded
    # machine, and is then rightly taken as delivered: keep the answer well past the timeout.)
    connect_and_send(browser, sandbox, [{"slow_ms": 30000}])
    wait_created(sandbox, count=2, timeout=90)
    line = wait_popup_line(browser, "Sent", timeout=30)
    assert "duplicate" in line["text"].lower(), line
    assert len(posts(sandbox)) == 2


def test_garbage_body_is_a_visible_failure_and_not_resent(browser, sandbox):
    connect_and_send(browser, sandbox, [{"garbage": True}])
    alert = browser.wait_alert(containing=NAME)
    assert "Greenhouse" in alert, alert
    line = wait_popup_line(browser, "Failed", timeout=15)
    assert "Retry" in line["buttons"] and "Discard" in line["buttons"], line
    time.sleep(3)
    assert len(posts(sandbox)) == 1, "an unreadable 2xx must not be sent again automatically"


def test_key_revoked_mid_session_is_not_retried_and_not_lost(browser, sandbox):
    connect_and_send(browser, sandbox)
    browser.wait_status(containing=NAME)
    assert len(created(sandbox)) == 1

    sandbox.config(revoked_keys=[VALID_KEY])
    browser.open_fixture("portal-menu")
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")
    alert = browser.wait_alert(containing="Candidate Ingestion")
    assert "options" in alert.lower(), alert
    time.sleep(3)
    assert len(posts(sandbox)) == 2, "a 401 must not be retried automatically"

    # Nothing is lost: the failed send waits in the popup, and goes through once the key works.
    sandbox.config(revoked_keys=[])
    browser.open_popup()
    line = dom.wait_for(
        lambda: next((i for i in popup_items(browser) if "Failed" in i["text"]), None), "a failed line", seen=lambda: popup_items(browser)
    )
    assert "Retry" in line["buttons"], line
    browser.click_button("Retry")
    dom.wait_for(lambda: len(sandbox.candidates()) == 2, "the retried send to reach the sandbox", timeout=15)


def service_workers(browser) -> list[str]:
    """URLs of the running service workers (Chromium, through the DevTools protocol)."""
    targets = browser.driver.execute_cdp_cmd("Target.getTargets", {})["targetInfos"]
    return [t["url"] for t in targets if t["type"] == "service_worker"]


def stop_service_worker(browser) -> None:
    """Stop the extension's service worker, as Chrome does to an idle one, and check it stopped."""
    browser.driver.execute_cdp_cmd("ServiceWorker.enable", {})
    browser.driver.execute_cdp_cmd("ServiceWorker.stopAllWorkers", {})
    dom.wait_for(lambda: not service_workers(browser), "the service worker to stop", seen=lambda: service_workers(browser))


@pytest.mark.parametrize(
    ("fault", "expected"),
    [({"status": 429, "retry_after": 4}, 1), ({"slow_ms": 4000}, 2)],
    ids=["stopped-while-queued", "stopped-while-request-out"],
)
# Only Chrome's MV3 background is a service worker that can be stopped.
@pytest.mark.only_in("chromium")
def test_service_worker_stopped_with_a_send_pending(browser, sandbox, browser_name, fault, expected):
    connect_and_send(browser, sandbox, [fault])
    if "slow_ms" in fault:
        dom.wait_for(lambda: posts(sandbox), "the POST to leave")
    else:
        browser.wait_alert(containing="retried")
    # Nothing of ours keeps it awake: no extension page, no content script asking.
    browser.driver.get("about:blank")
    stop_service_worker(browser)
    # Only the alarm can wake it now; the outbox in storage says what to send. A request that was
    # out when it stopped is retried after the 20 s timeout and flagged (the prospect may exist).
    wait_created(sandbox, count=expected, timeout=45)
    if expected == 1:
        assert_exactly_one_prospect(sandbox)
    else:
        line = wait_popup_line(browser, "Sent", timeout=15)
        assert "duplicate" in line["text"].lower(), line


def test_the_same_candidate_queued_twice_is_one_send(browser, sandbox):
    connect_and_send(browser, sandbox, down=True)
    try:
        browser.wait_alert(containing="retried")
        # The same candidate again, from the page reopened (as a second tab would send it): its
        # menu says it is queued and offers to send it again, through the review form.
        browser.open_fixture(PROFILE)
        browser.open_share_menu()
        browser.choose_menu_item("Send again…")
        before = browser.notices()
        browser.click_button("Send again")
        again = browser.wait_new_notice(before)
        assert NAME in again.text and "retried" in again.text, again
        queued = [line for line in popup_items(browser) if NAME in line["text"]]
        assert len(queued) == 1, popup_items(browser)
    finally:
        sandbox.faults(down=False)
    wait_created(sandbox)
    assert_exactly_one_prospect(sandbox)
