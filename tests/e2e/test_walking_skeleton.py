"""Walking skeleton: a recruiter sets up the key, opens a profile, sends it, and Greenhouse gets it.

Runs in Chromium and Firefox, on the profile page as served and under a strict page CSP
(`script-src 'self'`, where Chromium blocks WebAssembly in content scripts).
"""

from __future__ import annotations

import base64

import pytest
from sandbox import RECRUITER_EMAIL, VALID_KEY

#: The fixture profile sent end to end (its golden payload says what Greenhouse must receive).
PROFILE = "semantic"
CANDIDATES_PATH = "/v1/partner/candidates"


@pytest.mark.parametrize("csp", [None, "strict"], ids=["page-csp-none", "page-csp-strict"])
def test_recruiter_sends_a_profile_to_greenhouse(browser, sandbox, csp):
    notice = browser.configure_integration(VALID_KEY, RECRUITER_EMAIL)
    assert notice.role == "status", f"setting up a valid key was answered by an alert: {notice.text!r}"

    page = browser.open_fixture(PROFILE, csp=csp)
    expected = page.expected_payload()
    name = f"{expected['first_name']} {expected['last_name']}"
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")

    confirmation = browser.wait_status(containing=name)
    assert "Greenhouse" in confirmation, f"the confirmation does not mention Greenhouse: {confirmation!r}"

    posts = sandbox.requests(method="POST", path=CANDIDATES_PATH)
    assert len(posts) == 1, f"expected exactly one POST {CANDIDATES_PATH}, the sandbox received {len(posts)}: {posts}"
    sent = posts[0]
    basic = base64.b64encode(f"{VALID_KEY}:".encode()).decode()
    assert sent["headers"].get("authorization") == f"Basic {basic}"
    assert sent["headers"].get("on-behalf-of") == RECRUITER_EMAIL
    assert sent["status"] == 200, f"the sandbox refused the prospect: {sent['status']} {sent['response']}"
    body = sent["body"]
    for field in ("first_name", "last_name", "external_id"):
        assert body.get(field) == expected[field], f"{field}: sent {body.get(field)!r}, the page shows {expected[field]!r}"
    assert body.get("prospect") is True
