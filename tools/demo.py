#!/usr/bin/env python3
"""`make demo`: the main job end to end on the local Greenhouse sandbox.

Starts the sandbox (the stand-in for api.greenhouse.io, which also serves the
fixture Purpose Jobs pages), launches Chromium with the unmodified
`dist/chrome` build (headed when a display is available, headless otherwise),
sets up the integration on the options page like a recruiter, opens a demo
profile, chooses Share ▴ → Send to Greenhouse, then prints the prospect exactly
as Greenhouse received it and saves a screenshot of the confirmation.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("E2E_HEADED", "1")

from e2e.browser import launch  # noqa: E402
from e2e.fixture_pages import FixturePages  # noqa: E402
from sandbox import RECRUITER_EMAIL, VALID_KEY, Sandbox  # noqa: E402

#: The demo candidate: the fixture with every field filled in.
PROFILE = os.environ.get("DEMO_PROFILE", "full")
SCREENSHOT = REPO / "target" / "demo-confirmation.png"


def main() -> int:
    fixtures = REPO / "tests" / "fixtures"
    pages = FixturePages.load(fixtures)
    with Sandbox(fixtures, port=0).start() as sandbox:
        print(f"==> Greenhouse sandbox on https://127.0.0.1:{sandbox.port} (api.greenhouse.io, *.purpose.jobs)")
        browser = launch("chromium", REPO / "dist", sandbox, pages)
        try:
            print(f"==> options page: API Key + Email ({RECRUITER_EMAIL}) → Add Integration")
            notice = browser.configure_integration(VALID_KEY, RECRUITER_EMAIL)
            print(f"    {notice.role}: {notice.text}")
            if notice.role != "status":
                return 1
            page = browser.open_fixture(PROFILE)
            print(f"==> profile {page.url}: Share ▴ → Send to Greenhouse")
            browser.open_share_menu()
            browser.choose_menu_item("Send to Greenhouse")
            confirmation = browser.wait_status(containing="Greenhouse")
            print(f"    confirmation: {confirmation}")
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            browser.driver.save_screenshot(str(SCREENSHOT))
        finally:
            browser.quit()
        posts = sandbox.requests(method="POST", path="/v1/partner/candidates")
        if len(posts) != 1:
            print(f"error: expected one POST /v1/partner/candidates, got {len(posts)}", file=sys.stderr)
            return 1
        post = posts[0]
        print(f"==> Greenhouse received (On-Behalf-Of: {post['headers'].get('on-behalf-of')}, answered {post['status']}):")
        print(json.dumps(post["body"], indent=2, ensure_ascii=False))
        print(f"==> screenshot of the confirmation: {SCREENSHOT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
