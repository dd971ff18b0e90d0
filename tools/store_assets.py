#!/usr/bin/env python3
"""`make store-assets`: the store screenshots, taken from the built extension so they never go stale.

Builds nothing: it loads the unmodified `dist/chrome` (and, with `--browsers chromium,firefox`,
`dist/firefox`) into a real browser, exactly as `tests/e2e` does (its `launch()`, the local
Greenhouse sandbox, the fixture pages), and takes 1280×800 screenshots of what a recruiter sees,
each in the light and the dark colour scheme:

  share-menu     a profile's Share menu open, with "Send to Greenhouse"
  confirmation   the confirmation after a send (in the extension's in-page frame)
  review-form    the review form ("Review and send…", in the frame)
  page-report    the Report this page dialog, from the review form of a profile without a last
                 name (in the frame)
  options        the options page, connected, with the destination form
  popup          the toolbar popup with recent sends (opened in a tab, shown at 200 %)

into `dist/store-assets/<browser>/<name>-<scheme>.png` (generated, never committed). Everything is
found by role and accessible name, in the page, its open shadow roots or, for the in-page UI, an
extension frame inside the page.
"""
from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from e2e import dom  # noqa: E402
from e2e.a11y import SCHEMES, page_scheme, set_color_scheme  # noqa: E402
from e2e.browser import BROWSER_NAMES, Browser, launch  # noqa: E402
from e2e.fixture_pages import FixturePages  # noqa: E402
from sandbox import RECRUITER_EMAIL, VALID_KEY, Sandbox  # noqa: E402

#: What the stores ask for (Chrome Web Store: 1280×800 or 640×400; AMO accepts it too).
SIZE = (1280, 800)
#: The profile shown: the fixture with every field filled in, and a second one for the popup.
PROFILE = "full"
SECOND_PROFILE = "semantic"
REPORT_PROFILE = "single-word-name"
SEND, REVIEW = "Send to Greenhouse", "Review and send…"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(f"{path} is not a PNG")
    return struct.unpack(">II", head[16:24])


def set_viewport(browser: Browser) -> None:
    """Make the page area exactly SIZE, so a screenshot is SIZE."""
    driver = browser.driver
    if browser.name == "chromium":
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride", {"width": SIZE[0], "height": SIZE[1], "deviceScaleFactor": 1, "mobile": False}
        )
        return
    # Firefox: the window size includes its frame; correct by what the page reports.
    driver.set_window_size(*SIZE)
    for _ in range(3):
        inner = driver.execute_script("return [innerWidth, innerHeight];")
        if tuple(inner) == SIZE:
            return
        outer = driver.get_window_size()
        driver.set_window_size(outer["width"] + SIZE[0] - inner[0], outer["height"] + SIZE[1] - inner[1])
    raise AssertionError(f"Firefox's viewport stays {inner}, not {SIZE}")


def in_page_or_frames(browser: Browser, find: Callable[[], Any]) -> Any:
    """`find()` in the page (and its open shadow roots), else inside each of its frames: the
    in-page UI may be drawn in an extension frame. Leaves the driver on the top document."""
    driver = browser.driver
    found = find()
    if found:
        return found
    frames = dom.run(driver, "return [...allElements(document)].filter(el => el.localName === 'iframe');") or []
    for frame in frames:
        try:
            driver.switch_to.frame(frame)
            found = find()
        except Exception:  # a frame that went away or that WebDriver may not enter
            found = None
        finally:
            driver.switch_to.default_content()
        if found:
            return True
    return None


def wait_role(browser: Browser, role: str, name: str | None = None, mode: str = "contains") -> None:
    def visible() -> Any:
        return [el for el in dom.find_by_role(browser.driver, role, name, mode)] or None

    dom.wait_for(
        lambda: in_page_or_frames(browser, visible),
        f"a role={role} element" + (f" named {name!r}" if name else "") + " (page or frame)",
        seen=lambda: dom.describe_role(browser.driver, role),
    )


def frame_scheme(browser: Browser) -> str | None:
    """The scheme the extension's in-page frame is drawn in, or None without a frame."""
    dark = dom.run_in_frame(browser.driver, "return matchMedia('(prefers-color-scheme: dark)').matches;")
    browser.driver.switch_to.default_content()
    return None if dark is None else ("dark" if dark else "light")


def shoot(browser: Browser, name: str, scheme: str, out: Path, in_frame: bool = False) -> Path:
    if page_scheme(browser) != scheme:
        raise AssertionError(f"{name}: the page is not in the {scheme} scheme")
    # The in-page screens show the frame (inpage.css follows prefers-color-scheme): it must be in
    # the scheme too, or a "dark" screenshot would show a light confirmation.
    if in_frame and frame_scheme(browser) != scheme:
        raise AssertionError(f"{name}: the extension's frame is {frame_scheme(browser)}, not {scheme}")
    path = out / f"{name}-{scheme}.png"
    browser.driver.save_screenshot(str(path))
    if png_size(path) != SIZE:
        raise AssertionError(f"{path} is {png_size(path)}, not {SIZE}")
    print(f"    {path}")
    return path


def share_menu_open(browser: Browser, fixture: str) -> None:
    browser.open_fixture(fixture)
    browser.open_share_menu()
    item = browser.find_menu_item(SEND)
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", item)


def screenshots(browser: Browser, scheme: str, out: Path) -> None:
    set_color_scheme(browser, scheme)
    set_viewport(browser)
    notice = browser.configure_integration(VALID_KEY, RECRUITER_EMAIL)
    if notice.role != "status":
        raise AssertionError(f"setting up the sandbox key was answered by an alert: {notice.text!r}")
    wait_role(browser, "button", "Save destination", "exact")
    shoot(browser, "options", scheme, out)

    share_menu_open(browser, PROFILE)
    shoot(browser, "share-menu", scheme, out)
    browser.choose_menu_item(SEND)
    wait_role(browser, "link", "View in Greenhouse", "exact")
    wait_role(browser, "status", "Greenhouse")
    shoot(browser, "confirmation", scheme, out, in_frame=True)

    share_menu_open(browser, SECOND_PROFILE)
    browser.choose_menu_item(REVIEW)
    wait_role(browser, "dialog")
    shoot(browser, "review-form", scheme, out, in_frame=True)
    # A profile whose last name cannot be read: its form offers the page report.
    share_menu_open(browser, REPORT_PROFILE)
    browser.choose_menu_item(SEND)
    wait_role(browser, "dialog")
    browser.click_button("Report this page")
    wait_role(browser, "dialog", "Report this page", "exact")
    shoot(browser, "page-report", scheme, out, in_frame=True)

    browser.open_popup()
    wait_role(browser, "link", "View in Greenhouse", "exact")
    # The toolbar shows the popup at its own small size; in a 1280×800 tab it is enlarged so it
    # can be read (in this browser only, nothing in the extension changes).
    browser.driver.execute_script("document.documentElement.style.zoom = '2';")
    shoot(browser, "popup", scheme, out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browsers", default="chromium", help="comma-separated, of " + ", ".join(BROWSER_NAMES))
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="folder with chrome/ and firefox/ (default dist/)")
    args = parser.parse_args()
    browsers = [b.strip() for b in args.browsers.split(",") if b.strip()]
    unknown = sorted(set(browsers) - set(BROWSER_NAMES))
    if unknown:
        parser.error(f"unknown browsers {unknown}")
    fixtures = REPO / "tests" / "fixtures"
    pages = FixturePages.load(fixtures)
    with Sandbox(fixtures, port=0).start() as sandbox:
        for name in browsers:
            out = args.dist / "store-assets" / name
            out.mkdir(parents=True, exist_ok=True)
            for scheme in SCHEMES:
                print(f"==> {name}, {scheme}")
                sandbox.reset()
                browser = launch(name, args.dist, sandbox, pages)
                try:
                    screenshots(browser, scheme, out)
                finally:
                    browser.quit()
    print(f"==> screenshots in {args.dist / 'store-assets'}/ ({SIZE[0]}×{SIZE[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
