#!/usr/bin/env python3
"""Turn a page report (the extension's "Report this page", `crate/core/src/report/`) into a fixture.

    tools/report_to_fixture.py REPORT.html NAME [--url URL] [--kind profile|not-profile] [--repo DIR]

writes `tests/fixtures/NAME.html` (the report's structure with the fixtures' stylesheet and site.js,
each `data-report-shadow="open"` host's rendered content back in a declarative
`<template shadowrootmode="open">`, closed roots as an empty closed template), adds NAME to
`tests/fixtures/index.json` (URL: the report's masked URL unless `--url`; notes: what the report says
the extension read), writes golden scaffolds `NAME.{profile,payload,menu}.json` that fail until they
are regenerated and reviewed, and adds the `check("NAME")` test to `crate/core/tests/fixtures.rs` and
the `fixture!("NAME")` line to `crate/browser/tests/web_extract.rs`. Then:

    UPDATE_GOLDEN=1 cargo test -p purpose-greenhouse-core --test fixtures NAME_WITH_UNDERSCORES

and edit the goldens to what the page SHOWS (the report's placeholders are the candidate's data in
shape only: put plausible values in the page and in the goldens), review every line.
Standard library only.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HEADER = re.compile(r"<!-- purpose-greenhouse page report\n(?P<body>.*?)-->", re.S)
VOID = {"br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col"}
SCAFFOLD = {
    "scaffold": "Not a golden yet: run UPDATE_GOLDEN=1 cargo test -p purpose-greenhouse-core --test fixtures, "
    "then make this what the page shows and review every line."
}


def header(report: str) -> dict[str, str]:
    found = HEADER.search(report)
    if not found:
        raise SystemExit("not a page report: no '<!-- purpose-greenhouse page report' header")
    fields = {}
    for line in found.group("body").splitlines():
        if ": " in line:
            key, value = line.split(": ", 1)
            fields[key.strip()] = value.strip()
    return fields


class Rebuild(HTMLParser):
    """Re-emits the report's body, turning shadow markers back into declarative shadow roots."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.stack: list[tuple[str, str | None]] = []
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("html", "head", "title", "meta"):
            return
        if tag == "body":
            self.in_body = True
            return
        shadow = None
        kept = []
        for name, value in attrs:
            if name == "data-report-shadow":
                shadow = value
            else:
                kept.append((name, value))
        text = "".join(f' {n}="{html.escape(v or "", quote=True)}"' if v is not None else f" {n}" for n, v in kept)
        self.out.append(f"<{tag}{text}>")
        if tag in VOID:
            return
        if shadow == "open":
            self.out.append('<template shadowrootmode="open">')
        elif shadow == "closed":
            self.out.append('<template shadowrootmode="closed"></template>')
        self.stack.append((tag, shadow))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("html", "head", "title", "meta", "body") or tag in VOID:
            return
        while self.stack:
            open_tag, shadow = self.stack.pop()
            if shadow == "open":
                self.out.append("</template>")
            self.out.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack or self.in_body:
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")


def page(report: str, title: str) -> str:
    rebuild = Rebuild()
    rebuild.feed(HEADER.sub("", report))
    rebuild.close()
    body = "".join(rebuild.out).strip()
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n"
        '<link rel="stylesheet" href="/static/site.css">\n<script src="/static/site.js" defer></script>\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def add_tests(repo: Path, name: str) -> None:
    fixtures_rs = repo / "crate/core/tests/fixtures.rs"
    text = fixtures_rs.read_text(encoding="utf-8")
    function = name.replace("-", "_")
    if f'check("{name}")' not in text:
        marker = "#[test]\nfn settings() {"
        if marker not in text:
            raise SystemExit(f"{fixtures_rs}: no place for the check test (add check(\"{name}\") by hand)")
        text = text.replace(marker, f'#[test]\nfn {function}() {{\n    check("{name}");\n}}\n\n{marker}', 1)
        fixtures_rs.write_text(text, encoding="utf-8")
    web = repo / "crate/browser/tests/web_extract.rs"
    text = web.read_text(encoding="utf-8")
    if f'fixture!("{name}")' not in text:
        lines = text.splitlines(keepends=True)
        last = max(i for i, line in enumerate(lines) if line.strip().startswith("fixture!(\""))
        lines.insert(last + 1, f'    fixture!("{name}"),\n')
        web.write_text("".join(lines), encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("name", help="fixture name: lowercase letters, digits and dashes")
    parser.add_argument("--url", help="the URL the sandbox serves it at (default: the report's)")
    parser.add_argument("--kind", choices=("profile", "not-profile"))
    parser.add_argument("--repo", type=Path, default=REPO)
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", args.name):
        raise SystemExit("the name must be lowercase letters, digits and dashes")
    report = args.report.read_text(encoding="utf-8")
    fields = header(report)
    fixtures = args.repo / "tests/fixtures"
    target = fixtures / f"{args.name}.html"
    if target.exists():
        raise SystemExit(f"{target} exists: pick another name")
    url = args.url or fields.get("url", "")
    if not url.startswith("https://"):
        raise SystemExit(f"the report's URL {url!r} is not https: pass --url")
    read = fields.get("read", "")
    kind = args.kind or ("not-profile" if read.startswith("not a profile") else "profile")
    target.write_text(page(report, f"Page report {args.name}"), encoding="utf-8")
    index_path = fixtures / "index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    notes = f"From a page report (extension {fields.get('version', '?')}): read {read or '?'}"
    if "found" in fields:
        notes += f"; found {fields['found'] or 'nothing'}"
    if fields.get("missed"):
        notes += f"; missed {fields['missed']}"
    index.append({"fixture": args.name, "url": url, "kind": kind, "notes": notes + "."})
    text = index_path.read_text(encoding="utf-8").rstrip()
    entry = json.dumps(index[-1], ensure_ascii=False)
    index_path.write_text(text[: text.rindex("]")].rstrip() + ",\n  " + entry + "\n]\n", encoding="utf-8")
    for golden in ("profile", "payload", "menu"):
        (fixtures / f"{args.name}.{golden}.json").write_text(json.dumps(SCAFFOLD, indent=2) + "\n", encoding="utf-8")
    add_tests(args.repo, args.name)
    print(f"wrote {target.relative_to(args.repo)}, its index entry, golden scaffolds and test entries")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
