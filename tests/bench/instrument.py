"""The extensions the bench loads: measured copies of the built one and of the bare baseline, a
blank one for "without the extension", and a one-line content script (the floor of any content
script).

`instrumented(source, dest)` copies an unpacked extension folder and adds, to each content-script
group of its manifest, `inject/start.js` as the first script and `inject/ready.js` right before the
last one (the loader that instantiates the module and calls `start_content`). The same two scripts
go into the real extension and into the bare baseline, so both readiness numbers have the same zero
and the same end. When the extension has a background, `inject/background.js` becomes its first
background script and `inject/background_after.js` follows the wasm-bindgen glue (`pkg/*.js`): they
record every start of the background and its timeline in `storage.session` (see there). `bench/
blank.html`, a page with no script, lets the bench read that storage without waking the background.
The source folder is never modified.

`floor(dest, key, email)` is the floor of a click → request: an extension whose content script adds
a "Send to Greenhouse" item to the site's menu and, on a click, sends one message to its background,
which answers it with one `fetch` to the (sandboxed) Greenhouse API: what any extension pays.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

INJECT = Path(__file__).resolve().parent / "inject"
#: Where the bench scripts are placed inside the copy.
START, READY = "bench/start.js", "bench/ready.js"
BACKGROUND, BACKGROUND_AFTER = "bench/background.js", "bench/background_after.js"
#: The Chromium service worker of an instrumented copy (importScripts of the bench scripts and the
#: extension's own), and the script-free extension page the bench reads storage from.
SERVICE_WORKER, BLANK_PAGE = "bench/service_worker.js", "bench/blank.html"
#: Query marking the floor extension's requests, so the sandbox log tells them apart.
FLOOR_MARK = "pg-floor=1"
#: The Greenhouse Harvest partner endpoint both extensions post to.
CANDIDATES_URL = "https://api.greenhouse.io/v1/partner/candidates"


def with_bench_background(scripts: list[str]) -> list[str]:
    """The background `scripts` with the bench's two added: first, and right after the last
    wasm-bindgen glue (`pkg/….js`) when there is one."""
    glue = [i for i, script in enumerate(scripts) if script.startswith("pkg/")]
    out = [BACKGROUND, *scripts]
    if glue:
        out.insert(glue[-1] + 2, BACKGROUND_AFTER)
    return out


def imported_scripts(service_worker: str) -> list[str]:
    """The scripts a classic service worker loads with one `importScripts("a", "b", …)` call."""
    call = re.search(r"importScripts\(([^)]*)\)", service_worker)
    if not call:
        raise SystemExit("the service worker loads no scripts with importScripts(…): cannot instrument it")
    return re.findall(r"[\"']([^\"']+)[\"']", call.group(1))


def _instrument_background(dest: Path, manifest: dict) -> None:
    background = manifest.get("background") or {}
    if not background:
        return
    shutil.copy(INJECT / "background.js", dest / BACKGROUND)
    shutil.copy(INJECT / "background_after.js", dest / BACKGROUND_AFTER)
    (dest / BLANK_PAGE).write_text("<!doctype html><meta charset=utf-8><title>bench</title>\n", encoding="utf-8")
    if "scripts" in background:
        background["scripts"] = with_bench_background(list(background["scripts"]))
    if "service_worker" in background:
        worker = (dest / background["service_worker"]).read_text(encoding="utf-8")
        scripts = with_bench_background(imported_scripts(worker))
        # importScripts resolves against the worker's own URL: absolute paths from the root.
        listed = ", ".join(json.dumps("/" + s.lstrip("/")) for s in scripts)
        (dest / SERVICE_WORKER).write_text(f'"use strict";\nimportScripts({listed});\n', encoding="utf-8")
        background["service_worker"] = SERVICE_WORKER


def instrumented(source: Path, dest: Path) -> Path:
    """Copy the unpacked extension `source` to `dest` with the bench scripts added; returns `dest`."""
    manifest_path = source / "manifest.json"
    if not manifest_path.is_file():
        raise SystemExit(f"No built extension at {source} (missing manifest.json)")
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(source, dest)
    (dest / "bench").mkdir(exist_ok=True)
    shutil.copy(INJECT / "start.js", dest / START)
    shutil.copy(INJECT / "ready.js", dest / READY)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    groups = manifest.get("content_scripts") or []
    if not groups:
        raise SystemExit(f"{manifest_path} declares no content scripts to measure")
    for group in groups:
        scripts = list(group.get("js") or [])
        if not scripts:
            continue
        group["js"] = [START, *scripts[:-1], READY, scripts[-1]]
    _instrument_background(dest, manifest)
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return dest


def blank(dest: Path) -> Path:
    """An extension with no content script and no background at `dest`/{chrome,firefox}, so the
    "without the extension" browser starts exactly like the others (same harness, same flags)."""
    for browser in ("chrome", "firefox"):
        folder = dest / browser
        folder.mkdir(parents=True, exist_ok=True)
        manifest = {
            "manifest_version": 3,
            "name": "bench blank",
            "version": "0.0.0",
            "description": "make bench only: loads nothing into pages.",
        }
        if browser == "firefox":
            manifest["browser_specific_settings"] = {"gecko": {"id": "bench-blank@purpose-jobs-extension"}}
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return dest


def one_line_script(source: Path, dest: Path) -> Path:
    """An extension at `dest` whose only content script is `inject/start.js` (one line), injected
    where and when the built extension at `source`/{chrome,firefox} injects its own: what any
    content script costs a page, whatever it does."""
    for browser in ("chrome", "firefox"):
        built = json.loads((source / browser / "manifest.json").read_text(encoding="utf-8"))
        folder = dest / browser
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "bench").mkdir(parents=True)
        shutil.copy(INJECT / "start.js", folder / START)
        manifest: dict = {
            "manifest_version": 3,
            "name": "bench one-line content script",
            "version": "0.0.0",
            "description": "make bench only: one line of JavaScript where the extension runs.",
            "content_scripts": [
                {"matches": group["matches"], "run_at": group.get("run_at", "document_idle"), "js": [START]}
                for group in built.get("content_scripts") or []
            ],
        }
        if browser == "firefox":
            manifest["browser_specific_settings"] = {"gecko": {"id": "bench-one-line@purpose-jobs-extension"}}
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return dest


FLOOR_CONTENT = """// make bench only (tests/bench/instrument.py): the floor extension's content script.
"use strict";
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const menus = () => [...document.querySelectorAll('[role="menu"]')].filter((m) => m.getClientRects().length);
  const add = () => {
    for (const menu of menus()) {
      if (menu.querySelector("[data-pg-floor]")) continue;
      const item = document.createElement("div");
      item.setAttribute("role", "menuitem");
      item.tabIndex = -1;
      item.dataset.pgFloor = "";
      item.textContent = "Send to Greenhouse";
      item.addEventListener("click", () => {
        const name = (document.querySelector("h1") || document.body).textContent.trim().slice(0, 200);
        api.runtime.sendMessage({ type: "SendProspect", candidate: { name, url: location.href } }).then((reply) => {
          const notice = document.createElement("div");
          notice.setAttribute("role", "status");
          notice.textContent = reply && reply.ok ? "Sent (floor)" : "Not sent (floor)";
          document.body.append(notice);
        });
      });
      menu.append(item);
    }
  };
  new MutationObserver(add).observe(document, { childList: true, subtree: true, attributes: true });
})();
"""

FLOOR_BACKGROUND = """// make bench only (tests/bench/instrument.py): the floor extension's background.
"use strict";
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== api.runtime.id || !message || message.type !== "SendProspect") return false;
    const start = performance.now();
    fetch(URL, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Basic " + btoa(KEY + ":"), "On-Behalf-Of": EMAIL },
      body: JSON.stringify(message.candidate),
    }).then(
      (response) => {
        performance.measure("pg-bench:bg-handle", { start, detail: message.type });
        sendResponse({ ok: response.ok });
      },
      () => sendResponse({ ok: false }),
    );
    return true;
  });
})();
"""


def floor(source: Path, dest: Path, key: str, email: str) -> Path:
    """The floor extension at `dest`/{chrome,firefox}: a menu item in the pages the built extension at
    `source` runs in, one message to the background on its click, one `fetch` there. Its background
    is instrumented like the extension's (`inject/background.js`), so it is stopped and checked the
    same way."""
    for browser in ("chrome", "firefox"):
        built = json.loads((source / browser / "manifest.json").read_text(encoding="utf-8"))
        folder = dest / browser
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "bench").mkdir(parents=True)
        (folder / "content.js").write_text(FLOOR_CONTENT, encoding="utf-8")
        constants = f"const URL = {json.dumps(CANDIDATES_URL + '?' + FLOOR_MARK)}, KEY = {json.dumps(key)}, EMAIL = {json.dumps(email)};\n"
        (folder / "background.js").write_text(constants + FLOOR_BACKGROUND, encoding="utf-8")
        manifest: dict = {
            "manifest_version": 3,
            "name": "bench floor: one message, one fetch",
            "version": "0.0.0",
            "description": "make bench only: the floor of a click → request.",
            "host_permissions": ["https://api.greenhouse.io/*"],
            "permissions": ["storage"],
            "content_scripts": [
                {"matches": group["matches"], "run_at": group.get("run_at", "document_idle"), "js": ["content.js"]}
                for group in built.get("content_scripts") or []
            ],
        }
        if browser == "firefox":
            manifest["background"] = {"scripts": ["background.js"]}
            manifest["browser_specific_settings"] = {"gecko": {"id": "bench-floor@purpose-jobs-extension", "strict_min_version": "142.0"}}
        else:
            (folder / "service_worker.js").write_text('importScripts("background.js");\n', encoding="utf-8")
            manifest["background"] = {"service_worker": "service_worker.js"}
        _instrument_background(folder, manifest)
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return dest
