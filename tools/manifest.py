#!/usr/bin/env python3
"""Emit the Chrome or the Firefox variant of the one source manifest.

Both browsers would accept most of the source as it is, but each warns about
(or, for the store, rejects) keys that belong to the other:
- Chrome runs `background.service_worker`; Firefox runs `background.scripts`.
- `browser_specific_settings` is Firefox's (Chrome warns about it).
- `web_accessible_resources[].use_dynamic_url` is Chromium's (Firefox's
  moz-extension:// addresses are per install already).
- The wasm2js fallback (`CHROMIUM_ONLY_FILES`) works around a Chromium bug
  (WebAssembly in content scripts obeys the page's CSP); Firefox needs none of
  it, and its linter rightly flags the dynamic `import()` it uses.

Usage: manifest.py chrome|firefox SOURCE DEST
       manifest.py --chromium-only-files   (prints them, for the build)
"""
import json
import sys


CHROMIUM_ONLY_FILES = ("content_fallback.js", "pkg/content_w2j.js")


def variant(manifest: dict, browser: str) -> dict:
    """Return a copy of `manifest` with only what `browser` should see."""
    out = json.loads(json.dumps(manifest))
    background = out.get("background", {})
    if browser == "chrome":
        background.pop("scripts", None)
        out.pop("browser_specific_settings", None)
    elif browser == "firefox":
        background.pop("service_worker", None)
        for script in out.get("content_scripts", []):
            script["js"] = [f for f in script["js"] if f not in CHROMIUM_ONLY_FILES]
        for entry in out.get("web_accessible_resources", []):
            entry["resources"] = [f for f in entry["resources"] if f not in CHROMIUM_ONLY_FILES]
            # Chromium's: the resources answer only at a per-session address
            # (no probing for the extension from any page). Firefox's
            # addresses are per install already, and it warns about the key.
            entry.pop("use_dynamic_url", None)
    else:
        raise SystemExit(f"unknown browser {browser!r}: expected chrome or firefox")
    return out


def main() -> None:
    if sys.argv[1:] == ["--chromium-only-files"]:
        print("\n".join(CHROMIUM_ONLY_FILES))
        return
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    browser, source, dest = sys.argv[1:]
    with open(source, encoding="utf-8") as f:
        manifest = json.load(f)
    with open(dest, "w", encoding="utf-8") as f:
        json.dump(variant(manifest, browser), f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
