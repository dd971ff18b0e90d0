"""A real Chromium or Firefox with the unmodified built extension loaded, and a recruiter's steps in it.

`launch()` starts one browser (fresh profile, so fresh extension storage) with `dist/chrome` or
`dist/firefox` loaded exactly as built, the fixture hosts and `api.greenhouse.io` mapped to the
sandbox over TLS, and nothing downloaded: the driver and browser paths are always given. The
`Browser` it returns offers the steps a recruiter takes (open the options page, fill a field by its
label, open the Share menu, choose a menu item, read the confirmation), each an explicit bounded
wait that fails with what it expected and what it saw.

This module never edits the extension or its manifest and never reaches the network: everything
the browser resolves is mapped to 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Selenium must never try to download a driver or a browser (there is no network): every driver
# path is explicit below, and Selenium Manager is told to stay offline should anything reach it.
os.environ.setdefault("SE_OFFLINE", "true")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.chrome.service import Service as ChromeService  # noqa: E402
from selenium.webdriver.firefox.service import Service as FirefoxService  # noqa: E402

from . import dom  # noqa: E402
from .fixture_pages import FixturePage, FixturePages, with_query  # noqa: E402

#: The browsers the tests run in, in the order they run.
BROWSER_NAMES = ("chromium", "firefox")
#: The `dist/` folder each browser loads.
DIST_FOLDERS = {"chromium": "chrome", "firefox": "firefox"}
#: Host names the browsers send to the sandbox, besides the fixture pages' own hosts.
MAPPED_HOSTS = ("purpose.jobs", "app.purpose.jobs", "api.greenhouse.io")
#: The moz-extension:// UUID pinned for the add-on, so tests can address its pages.
FIREFOX_EXTENSION_UUID = "6f1c2a5e-8d3b-4c7a-9e0f-2b4d6a8c0e13"
#: Window size: wide enough for a desktop layout, so the upper-right confirmation is on screen.
WINDOW = (1280, 900)


def _executable(env_var: str, *candidates: str) -> str:
    """The first of `$env_var` and `candidates` that is an executable file, else a clear failure."""
    tried = [os.environ.get(env_var, "")] + list(candidates)
    for path in tried:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
        if path and not os.path.isabs(path) and shutil.which(path):
            return shutil.which(path) or path
    raise AssertionError(f"Not found: set {env_var} or install one of {[p for p in tried if p]} (see `make setup`)")


def chromium_paths() -> tuple[str, str]:
    """(chromedriver, chromium): from CHROMEDRIVER / CHROMIUM, else Debian's."""
    return (
        _executable("CHROMEDRIVER", "/usr/bin/chromedriver", "chromedriver"),
        _executable("CHROMIUM", "/usr/bin/chromium", "chromium"),
    )


def firefox_paths() -> tuple[str, str]:
    """(geckodriver, firefox): from GECKODRIVER / FIREFOX, else PATH, cargo's bin, Debian's ESR."""
    return (
        _executable("GECKODRIVER", "geckodriver", str(Path.home() / ".cargo/bin/geckodriver"), "/root/.cargo/bin/geckodriver"),
        _executable("FIREFOX", "/usr/bin/firefox-esr", "firefox-esr", "firefox"),
    )


def headed() -> bool:
    """True when E2E_HEADED=1 asks for a visible window and a display exists."""
    return os.environ.get("E2E_HEADED") == "1" and bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@dataclass(frozen=True)
class Extension:
    """The built extension as one browser loaded it."""

    #: The unpacked folder that was loaded (e.g. `dist/chrome`).
    folder: Path
    #: Its `manifest.json`, as built.
    manifest: dict[str, Any]
    #: Chromium's extension id, or the Firefox add-on id (`browser_specific_settings.gecko.id`).
    id: str
    #: `chrome-extension://<id>/` or `moz-extension://<uuid>/`.
    base_url: str
    #: Warnings the browser reported while loading it (Chromium's install warnings).
    warnings: tuple[str, ...] = ()

    @property
    def options_page(self) -> str:
        """The options page's path inside the extension (`options_ui.page` or `options_page`)."""
        page = (self.manifest.get("options_ui") or {}).get("page") or self.manifest.get("options_page")
        if not page:
            raise AssertionError(f"{self.folder}/manifest.json declares no options page")
        return page

    @property
    def popup_page(self) -> str:
        """The toolbar popup's path inside the extension (`action.default_popup`)."""
        page = (self.manifest.get("action") or {}).get("default_popup")
        if not page:
            raise AssertionError(f"{self.folder}/manifest.json declares no action.default_popup")
        return page


@dataclass(frozen=True)
class Notice:
    """A message the user is shown: `role` is "status" (it worked) or "alert" (a problem)."""

    role: str
    text: str


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of an unpacked build, or a failure that says to build it."""
    path = folder / "manifest.json"
    if not path.is_file():
        raise AssertionError(f"No built extension at {folder} (missing manifest.json): run `make build` first")
    return json.loads(path.read_text(encoding="utf-8"))


class Browser:
    """One running browser with the extension, and the steps a recruiter takes in it."""

    def __init__(self, name: str, driver: Any, extension: Extension, pages: FixturePages, work_dir: Path, driver_log: Path):
        self.name = name
        self.driver = driver
        self.extension = extension
        self.pages = pages
        self._work_dir = work_dir
        self._driver_log = driver_log
        self._console: list[str] = []

    # --- extension pages -------------------------------------------------------------------------

    @property
    def manifest(self) -> dict[str, Any]:
        """The extension's manifest, as built."""
        return self.extension.manifest

    def open_extension_page(self, path: str) -> None:
        """Open a page of the extension (e.g. `options.html`) in the current tab."""
        self._collect_console()
        self.driver.get(self.extension.base_url + path.lstrip("/"))

    def open_options(self) -> None:
        """Open the options page in the current tab, as "Extension options" would."""
        self.open_extension_page(self.extension.options_page)

    def open_popup(self) -> None:
        """Open the toolbar popup's page in the current tab (WebDriver cannot click the toolbar)."""
        self.open_extension_page(self.extension.popup_page)

    # --- keyboard shortcuts (manifest `commands`) ------------------------------------------------

    def extension_shortcuts(self) -> dict[str, str]:
        """The extension's commands with the shortcut the browser bound them to, as the browser
        itself reports them (e.g. `{"send-to-greenhouse": "Alt+Shift+G"}`).

        Chromium: chrome://extensions' own API (`developerPrivate`), from a tab of its own.
        Firefox: its shortcut registry for the add-on (`ExtensionShortcuts`), keeping only the
        commands that have a `<key>` element in the browser window's keyset, i.e. a key press
        there runs them.
        """
        if self.name == "chromium":
            page = self.driver.current_window_handle
            self.driver.switch_to.new_window("tab")
            try:
                self.driver.get("chrome://extensions/shortcuts")
                infos = self.driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "chrome.developerPrivate.getExtensionsInfo().then("
                    "  xs => done(xs.map(x => ({id: x.id, commands: x.commands}))), e => done(String(e)));"
                )
            finally:
                self.driver.close()
                self.driver.switch_to.window(page)
            mine = [x for x in infos if isinstance(x, dict) and x["id"] == self.extension.id] if isinstance(infos, list) else []
            if not mine:
                raise AssertionError(f"chrome://extensions does not list {self.extension.id}: {infos!r}")
            return {c["name"]: c["keybinding"] for c in mine[0]["commands"] if c.get("isActive") and c.get("keybinding")}
        with self.driver.context(self.driver.CONTEXT_CHROME):
            found = self.driver.execute_async_script(
                """
                const [id, done] = [arguments[0], arguments[arguments.length - 1]];
                (async () => {
                  const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
                  const extension = ExtensionParent.GlobalManager.getExtension(id);
                  if (!extension || !extension.shortcuts) return `no shortcuts registered for ${id}`;
                  const commands = await extension.shortcuts.commands;
                  const keyset = extension.shortcuts.keysetsMap.get(window);
                  const keys = keyset ? [...keyset.querySelectorAll("key")] : [];
                  // A <key> says e.g. modifiers="alt,shift" key="G"; the registry says "Alt+Shift+G".
                  const bound = new Set(keys.map(k => [
                    ...(k.getAttribute("modifiers") || "").split(",").filter(Boolean).sort(),
                    (k.getAttribute("key") || k.getAttribute("keycode") || "").toLowerCase(),
                  ].join("+")));
                  const normal = s => { const parts = s.toLowerCase().split("+"); const key = parts.pop();
                    const attribute = { ctrl: "accel", command: "accel", macctrl: "control" };
                    return [...parts.map(m => attribute[m] || m).sort(), key].join("+"); };
                  const out = {};
                  for (const [name, command] of commands) {
                    if (command.shortcut && bound.has(normal(command.shortcut))) out[name] = command.shortcut;
                  }
                  return out;
                })().then(done, error => done(String(error)));
                """,
                self.extension.id,
            )
        if not isinstance(found, dict):
            raise AssertionError(f"Firefox's shortcut registry for {self.extension.id}: {found!r}")
        return found

    def press_shortcut(self, shortcut: str) -> None:
        """Press `shortcut` (e.g. "Alt+Shift+G") as the user would: a trusted key press that the
        browser's own shortcut handling sees, not a DOM event in the page.

        Chromium: DevTools' `Input.dispatchKeyEvent`, which goes through the browser's keyboard
        handling (extension commands included). Firefox: WebDriver key actions in the chrome
        context, i.e. into the browser window (they reach the focused page and then the window's
        `<key>` elements). WebDriver key actions in the page do neither: they are page input only.
        """
        *modifiers, key = shortcut.split("+")
        if self.name == "chromium":
            bits = {"Alt": 1, "Ctrl": 2, "Meta": 4, "Shift": 8}
            codes = {"Alt": (18, "AltLeft"), "Ctrl": (17, "ControlLeft"), "Meta": (91, "MetaLeft"), "Shift": (16, "ShiftLeft")}
            if len(key) != 1 or not key.isalnum() or any(m not in bits for m in modifiers):
                raise AssertionError(f"press_shortcut supports modifiers {list(bits)} and one letter or digit, not {shortcut!r}")
            code = f"Key{key.upper()}" if key.isalpha() else f"Digit{key}"
            held = 0
            events = []
            for modifier in modifiers:
                held |= bits[modifier]
                events.append(("rawKeyDown", modifier, codes[modifier][1], codes[modifier][0], held))
            events += [("rawKeyDown", key.upper(), code, ord(key.upper()), held), ("keyUp", key.upper(), code, ord(key.upper()), held)]
            for modifier in reversed(modifiers):
                held &= ~bits[modifier]
                events.append(("keyUp", modifier, codes[modifier][1], codes[modifier][0], held))
            for kind, name, code_name, virtual, held_bits in events:
                self.driver.execute_cdp_cmd(
                    "Input.dispatchKeyEvent",
                    {"type": kind, "key": name, "code": code_name, "windowsVirtualKeyCode": virtual,
                     "nativeVirtualKeyCode": virtual, "modifiers": held_bits},
                )
            return
        keys = {"Alt": Keys.ALT, "Ctrl": Keys.CONTROL, "Meta": Keys.META, "Shift": Keys.SHIFT}
        if any(m not in keys for m in modifiers):
            raise AssertionError(f"press_shortcut supports modifiers {list(keys)}, not {shortcut!r}")
        with self.driver.context(self.driver.CONTEXT_CHROME):
            actions = ActionChains(self.driver)
            for modifier in modifiers:
                actions.key_down(keys[modifier])
            actions.key_down(key).key_up(key)
            for modifier in reversed(modifiers):
                actions.key_up(keys[modifier])
            actions.perform()

    # --- fixture pages ---------------------------------------------------------------------------

    def open_fixture(self, name: str, csp: str | None = None) -> FixturePage:
        """Open the fixture page `name` at its declared URL (`csp="strict"` adds the strict CSP).

        Returns the page's index entry, which names the candidate it shows.
        """
        page = self.pages[name]
        url = page.url if csp is None else with_query(page.url, csp=csp)
        self._collect_console()
        self.driver.get(url)
        title = self.driver.title
        if "privacy error" in title.lower() or "problem loading" in title.lower():
            raise AssertionError(f"{url} did not load over the mapped TLS connection: title {title!r}")
        return page

    def open_share_menu(self, name: str | None = None) -> None:
        """Open the profile's Share menu by clicking its up-arrow button, found by accessible name.

        Without `name`, the button is the one whose name mentions "share" and that declares a popup
        (`aria-haspopup`/`aria-expanded`), as the split button's arrow does. Waits until a menu shows.
        """
        expected = f"the Share menu button named {name!r}" if name else "the Share menu's up-arrow button (a button named …share… with aria-haspopup)"
        button = dom.wait_for(lambda: self._share_menu_button(name), expected, seen=lambda: dom.describe_role(self.driver, "button"))
        if button.get_attribute("aria-expanded") != "true" or not dom.find_by_role(self.driver, "menu"):
            button.click()
        dom.wait_for(
            lambda: dom.find_by_role(self.driver, "menu") or button.get_attribute("aria-expanded") == "true",
            "the Share menu to open (a visible role=menu, or aria-expanded=true on its button)",
            seen=lambda: dom.describe_role(self.driver, "menu"),
        )

    def _share_menu_button(self, name: str | None) -> Any:
        if name is not None:
            found = dom.find_by_role(self.driver, "button", name, "exact")
            return found[0] if found else None
        found = dom.run(
            self.driver,
            """
            const buttons = findByRole('button', 'share', 'contains', true);
            const popups = buttons.filter(b => ['menu', 'true', 'listbox'].includes(b.getAttribute('aria-haspopup'))
                                            || b.hasAttribute('aria-expanded'));
            const arrows = popups.filter(b => accessibleName(b).toLowerCase() !== 'share');
            return (arrows.length ? arrows : popups);
            """,
        )
        if len(found) > 1:
            names = [dom.accessible_name(self.driver, b) for b in found]
            raise AssertionError(f"More than one Share menu button: {names}; pass open_share_menu(name=…)")
        return found[0] if found else None

    def menu_items(self) -> list[str]:
        """Accessible names of the visible menu items (page DOM and open shadow roots)."""
        return [item["name"] for item in dom.describe_role(self.driver, "menuitem") if item.get("visible")]

    def find_menu_item(self, text: str, mode: str = "exact") -> Any:
        """Wait for the visible menu item named `text` (mode "exact", "contains", "prefix", "regex")."""
        found = dom.wait_for(
            lambda: dom.find_by_role(self.driver, "menuitem", text, mode),
            f"a visible menu item named {text!r} ({mode})",
            seen=lambda: dom.describe_role(self.driver, "menuitem"),
        )
        return found[0]

    def choose_menu_item(self, text: str) -> None:
        """Click the menu item named `text`, as a user does."""
        self.find_menu_item(text).click()

    # --- messages shown to the user --------------------------------------------------------------

    def notices(self) -> list[Notice]:
        """Visible, non-empty status and alert messages right now (page DOM and open shadow roots)."""
        return [Notice(role, text) for role in ("status", "alert") for text in dom.texts_with_role(self.driver, role)]

    def wait_status(self, containing: str | None = None) -> str:
        """Wait for a visible `role="status"` message (containing `containing`) and return its text."""
        return self._wait_role("status", containing)

    def wait_alert(self, containing: str | None = None) -> str:
        """Wait for a visible `role="alert"` message (containing `containing`) and return its text."""
        return self._wait_role("alert", containing)

    def _wait_role(self, role: str, containing: str | None) -> str:
        def matching() -> str | None:
            for text in dom.texts_with_role(self.driver, role):
                if containing is None or containing.lower() in text.lower():
                    return text
            return None

        expected = f'a role="{role}" message' + (f" containing {containing!r}" if containing else "")
        return dom.wait_for(matching, expected, seen=self.notices)

    def wait_new_notice(self, before: list[Notice]) -> Notice:
        """Wait for a status or alert message that was not among `before`, and return it."""
        return dom.wait_for(
            lambda: next((n for n in self.notices() if n not in before), None),
            f"a new status or alert message (already shown: {before})",
            seen=self.notices,
        )

    # --- forms -----------------------------------------------------------------------------------

    def field(self, label: str) -> Any:
        """Wait for the one visible form field labelled `label` (its label may add a hint after it)."""

        def unique() -> Any:
            exact = dom.find_fields(self.driver, label, "exact")
            if len(exact) == 1:
                return exact[0]
            found = dom.find_fields(self.driver, label, "prefix")
            if len(found) > 1:
                raise AssertionError(f"More than one field labelled {label!r}: {dom.describe_fields(self.driver)}")
            return found[0] if found else None

        return dom.wait_for(unique, f"a field labelled {label!r}", seen=lambda: dom.describe_fields(self.driver))

    def fill(self, label: str, value: str) -> None:
        """Replace the content of the field labelled `label` with `value`, by typing it."""
        element = self.field(label)
        element.clear()
        element.send_keys(value)

    def button(self, name: str) -> Any:
        """Wait for the visible button named `name` and return it."""
        found = dom.wait_for(
            lambda: dom.find_by_role(self.driver, "button", name, "exact"),
            f"a button named {name!r}",
            seen=lambda: dom.describe_role(self.driver, "button"),
        )
        return found[0]

    def click_button(self, name: str) -> None:
        """Click the button named `name`."""
        self.button(name).click()

    def configure_integration(self, key: str, email: str) -> Notice:
        """Set up Greenhouse on the options page like a recruiter: type the API key and email into
        the fields labelled "API Key" and "Email", click "Add Integration", and return the status or
        alert message that answers."""
        self.open_options()
        self.fill("API Key", key)
        self.fill("Email", email)
        before = self.notices()
        self.click_button("Add Integration")
        return self.wait_new_notice(before)

    # --- diagnostics -----------------------------------------------------------------------------

    def _collect_console(self) -> None:
        # Chromium's "browser" log holds the current page's console and is cleared when read, so
        # read it before every navigation to keep the earlier pages' messages.
        if self.name != "chromium":
            return
        try:
            for entry in self.driver.get_log("browser"):
                self._console.append(f"{entry.get('level')} {entry.get('source', '')} {entry.get('message')}")
        except WebDriverException:
            pass

    def save_artifacts(self, stem: Path) -> list[Path]:
        """Save a screenshot (`<stem>.png`), the console and driver log (`<stem>.log`) and the
        current page's HTML (`<stem>.html`). Returns the files written."""
        stem.parent.mkdir(parents=True, exist_ok=True)
        written = []
        png = stem.with_name(stem.name + ".png")
        try:
            if self.driver.save_screenshot(str(png)):
                written.append(png)
        except WebDriverException as error:
            png.with_suffix(".png.error").write_text(str(error))
        html = stem.with_name(stem.name + ".html")
        try:
            html.write_text(dom.run(self.driver, "return document.documentElement.outerHTML;"), encoding="utf-8")
            written.append(html)
        except WebDriverException:
            pass
        self._collect_console()
        log = stem.with_name(stem.name + ".log")
        try:
            url = self.driver.current_url
        except WebDriverException:
            url = "(unknown)"
        driver_log = self._driver_log.read_text(errors="replace") if self._driver_log.is_file() else "(no driver log)"
        log.write_text(
            f"browser: {self.name}\nextension: {self.extension.base_url} ({self.extension.folder})\n"
            f"install warnings: {list(self.extension.warnings)}\ncurrent url: {url}\n\n"
            "== page console (Chromium's browser log) ==\n" + "\n".join(self._console) + "\n\n"
            "== driver and browser output (Firefox console lines start with console.) ==\n" + driver_log,
            encoding="utf-8",
        )
        written.append(log)
        return written

    def quit(self) -> None:
        """Close the browser and delete its profile."""
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self._work_dir, ignore_errors=True)


def launch(name: str, dist: Path, sandbox: Any, pages: FixturePages) -> Browser:
    """Start browser `name` ("chromium" or "firefox") with `dist/<folder>` loaded and every fixture
    host plus api.greenhouse.io sent to `sandbox` (which needs `.port`, `.spki`)."""
    folder = (dist / DIST_FOLDERS[name]).resolve()
    manifest = read_manifest(folder)
    work_dir = Path(tempfile.mkdtemp(prefix=f"e2e-{name}-"))
    hosts = set(MAPPED_HOSTS) | pages.hosts()
    try:
        match name:
            case "chromium":
                return _launch_chromium(folder, manifest, sandbox, hosts, pages, work_dir)
            case "firefox":
                return _launch_firefox(folder, manifest, sandbox, hosts, pages, work_dir)
            case _:
                raise AssertionError(f"Unknown browser {name!r}; known: {BROWSER_NAMES}")
    except BaseException:
        shutil.rmtree(work_dir, ignore_errors=True)
        raise


def _launch_chromium(folder: Path, manifest: dict, sandbox: Any, hosts: set[str], pages: FixturePages, work_dir: Path) -> Browser:
    chromedriver, chromium = chromium_paths()
    target = f"127.0.0.1:{sandbox.port}"
    # One rule for every purpose.jobs subdomain; the others one by one (the wildcard does not
    # cover the bare domain).
    rules = [f"MAP *.purpose.jobs {target}"] + [f"MAP {h} {target}" for h in sorted(hosts) if not h.endswith(".purpose.jobs")]
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-quic",
        "--no-first-run",
        "--disable-sync",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        f"--user-data-dir={work_dir / 'profile'}",
        f"--load-extension={folder}",
        f"--disable-extensions-except={folder}",
        f"--host-resolver-rules={', '.join(rules)}",
        f"--ignore-certificate-errors-spki-list={sandbox.spki}",
    ]
    if not headed():
        args.insert(0, "--headless=new")
    for arg in args:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver_log = work_dir / "chromedriver.log"
    # --enable-chrome-logs puts Chromium's own stderr (console messages of the service worker and
    # extension pages included) into the driver log, which is kept on failure.
    service = ChromeService(executable_path=chromedriver, service_args=["--enable-chrome-logs"], log_output=str(driver_log))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        extension_id, warnings = _chromium_extension(driver, folder)
        extension = Extension(folder, manifest, extension_id, f"chrome-extension://{extension_id}/", warnings)
        driver.get("about:blank")
        return Browser("chromium", driver, extension, pages, work_dir, driver_log)
    except BaseException:
        driver.quit()
        raise


def _chromium_extension(driver: Any, folder: Path) -> tuple[str, tuple[str, ...]]:
    """The id Chromium gave the unpacked extension at `folder`, and its install warnings.

    Asked from chrome://extensions (chrome.developerPrivate) rather than computed, so a build that
    failed to load fails here, with the list of what did load.
    """
    driver.get("chrome://extensions")
    # The extension system loads unpacked extensions asynchronously at startup; poll briefly.
    deadline = time.monotonic() + dom.TIMEOUT
    while True:
        infos = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "chrome.developerPrivate.getExtensionsInfo().then("
            "  xs => done(xs.map(x => ({id: x.id, path: x.path, state: x.state, name: x.name,"
            "    warnings: x.installWarnings || [], errors: (x.manifestErrors || []).map(e => e.message)}))),"
            "  e => done([{error: String(e)}]));"
        )
        mine = [x for x in infos if x.get("path") and os.path.realpath(x["path"]) == str(folder)]
        if mine and mine[0]["state"] == "ENABLED":
            return mine[0]["id"], tuple(mine[0]["warnings"]) + tuple(mine[0]["errors"])
        if time.monotonic() >= deadline:
            raise AssertionError(f"Chromium did not load and enable {folder}; chrome://extensions lists {infos}")
        time.sleep(dom.POLL)


def _launch_firefox(folder: Path, manifest: dict, sandbox: Any, hosts: set[str], pages: FixturePages, work_dir: Path) -> Browser:
    geckodriver, firefox = firefox_paths()
    gecko_id = ((manifest.get("browser_specific_settings") or {}).get("gecko") or {}).get("id")
    if not gecko_id:
        raise AssertionError(f"{folder}/manifest.json has no browser_specific_settings.gecko.id")
    options = webdriver.FirefoxOptions()
    options.binary_location = firefox
    if not headed():
        options.add_argument("-headless")
    options.set_capability("acceptInsecureCerts", True)
    prefs = {
        # Resolve exactly these names to 127.0.0.1 (no wildcard: every fixture host is listed) ...
        "network.dns.localDomains": ",".join(sorted(hosts)),
        # ... and send every https connection to the sandbox's port, which dispatches on Host.
        "network.socket.forcePort": f"443={sandbox.port}",
        "network.trr.mode": 5,
        # Pin the moz-extension:// UUID so the options page has a known address.
        "extensions.webextensions.uuids": json.dumps({gecko_id: FIREFOX_EXTENSION_UUID}),
        # permissions.request() would wait forever on an invisible prompt in headless mode; with
        # this it answers as if the user accepted.
        "extensions.webextOptionalPermissionPrompts": False,
        # Console messages of pages and of the extension go to stdout, i.e. into the driver log.
        "devtools.console.stdout.content": True,
        "devtools.console.stdout.chrome": True,
    }
    for key, value in prefs.items():
        options.set_preference(key, value)
    driver_log = work_dir / "geckodriver.log"
    # --allow-system-access: without it geckodriver refuses to open moz-extension:// pages.
    service = FirefoxService(executable_path=geckodriver, service_args=["--allow-system-access"], log_output=str(driver_log))
    driver = webdriver.Firefox(service=service, options=options)
    try:
        driver.set_window_size(*WINDOW)
        installed = driver.install_addon(str(folder), temporary=True)
        if installed != gecko_id:
            raise AssertionError(f"Firefox installed {folder} as {installed!r}, the manifest says {gecko_id!r}")
        extension = Extension(folder, manifest, gecko_id, f"moz-extension://{FIREFOX_EXTENSION_UUID}/")
        return Browser("firefox", driver, extension, pages, work_dir, driver_log)
    except BaseException:
        driver.quit()
        raise
