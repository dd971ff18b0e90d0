"""Purpose Jobs fixture pages: which saved HTML answers a GET on `*.purpose.jobs`.

`fixtures/index.json` lists `{"fixture": "<name>", "url": "https://app.purpose.jobs/...", ...}`;
the page is `fixtures/<name>.html`. A fixture matches a request when the paths are equal and
every query parameter the fixture's URL declares is present with the same value (the request
may carry more); the match declaring the most parameters wins, ties go to the first listed.
`/static/<file>` serves `fixtures/static/<file>`. The index is read on every request, so pages
written while the sandbox runs are picked up.

A `csp` query parameter (or a `"csp"` key in the index entry) chooses the page's
Content-Security-Policy, because Chrome's content scripts behave differently under a strict
page CSP (toolchain notes §1) and tests must be able to ask for each case.
"""

from __future__ import annotations

import json
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

#: `csp=<name>` -> the header value; "none" (or no parameter) sends no CSP header.
CSP_POLICIES = {
    "strict": "script-src 'self'",
    "default": "default-src 'self'",
    "wasm": "script-src 'self' 'wasm-unsafe-eval'",
    "none": None,
}
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
}


@dataclass
class PageResponse:
    """What to send back for a page request."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    fixture: str | None = None


def is_pages_host(host: str) -> bool:
    return host == "purpose.jobs" or host.endswith(".purpose.jobs")


def plain(status: int, text: str) -> PageResponse:
    return PageResponse(status, text.encode("utf-8"), {"Content-Type": "text/plain; charset=utf-8"})


def match_fixture(index: list[dict], path: str, query: dict[str, list[str]]) -> dict | None:
    """The index entry serving `path` + `query`, or None (pure; see the module doc)."""
    best: tuple[int, dict] | None = None
    for entry in index:
        url = urlsplit(entry.get("url", ""))
        if unquote(url.path or "/") != unquote(path):
            continue
        declared = parse_qs(url.query, keep_blank_values=True)
        if all(set(values) <= set(query.get(name, [])) for name, values in declared.items()):
            if best is None or len(declared) > best[0]:
                best = (len(declared), entry)
    return best[1] if best else None


def csp_header(entry: dict | None, query: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """(header value, problem): the request's `csp` wins over the fixture's default."""
    name = query.get("csp", [None])[-1] or (entry or {}).get("csp") or "none"
    if name not in CSP_POLICIES:
        return None, f"unknown csp={name!r}; use one of {', '.join(CSP_POLICIES)}"
    return CSP_POLICIES[name], None


def load_index(fixtures_dir: Path) -> list[dict] | str:
    """The fixture list, or a problem description when index.json is broken."""
    index_path = fixtures_dir / "index.json"
    if not index_path.exists():
        return []
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as problem:
        return f"{index_path} is not valid JSON: {problem}"
    if not isinstance(index, list) or not all(isinstance(e, dict) and "fixture" in e for e in index):
        return f"{index_path} must be an array of objects with a 'fixture' key"
    return index


def route_page(fixtures_dir: Path, path: str, query: dict[str, list[str]]) -> PageResponse:
    """Answer a GET for a Purpose Jobs page or static file."""
    if path.startswith("/static/"):
        return static_file(fixtures_dir / "static", unquote(path[len("/static/"):]))
    index = load_index(fixtures_dir)
    if isinstance(index, str):
        return plain(500, index)
    entry = match_fixture(index, path, query)
    if entry is None:
        return PageResponse(404, b"<!doctype html><title>Not found</title><h1>404 Not Found</h1>\n", {"Content-Type": "text/html; charset=utf-8"})
    name = str(entry["fixture"])
    page = fixtures_dir / f"{name}.html"
    if "/" in name or "\\" in name or not page.is_file():
        # A listed fixture without its file is a broken fixture set: make it loud.
        return plain(500, f"fixture {name!r} is listed in index.json but {page} does not exist")
    policy, problem = csp_header(entry, query)
    if problem:
        return plain(400, problem)
    headers = {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}
    if policy:
        headers["Content-Security-Policy"] = policy
    return PageResponse(200, page.read_bytes(), headers, fixture=name)


def static_file(static_dir: Path, relative: str) -> PageResponse:
    """A file under `static/`, never outside it."""
    root = static_dir.resolve()
    target = (root / relative).resolve()
    if root not in target.parents or not target.is_file():
        return plain(404, f"no static file {relative!r}")
    content_type = CONTENT_TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return PageResponse(200, target.read_bytes(), {"Content-Type": content_type, "Cache-Control": "no-store"})
