"""The extensions the bench loads: measured copies of the built one and of the bare baseline, a
blank one for "without the extension", and a one-line content script (the floor of any content
script).

`instrumented(source, dest)` copies an unpacked extension folder and adds, to each content-script
group of its manifest, `inject/start.js` as the first script and `inject/ready.js` right before the
last one (the loader that instantiates the module and calls `start_content`). The same two scripts
go into the real extension and into the bare baseline, so both readiness numbers have the same zero
and the same end. The source folder is never modified.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

INJECT = Path(__file__).resolve().parent / "inject"
#: Where the bench scripts are placed inside the copy.
START, READY = "bench/start.js", "bench/ready.js"


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
