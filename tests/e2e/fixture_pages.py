"""The fixture profile pages, as declared in `tests/fixtures/index.json`.

The sandbox serves each `<name>.html` at the URL its index entry declares; the tests open the page
by name and take the expected candidate from the same entry, so a page and what it should produce
never drift apart. This module only reads the index; it never serves or edits anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


@dataclass(frozen=True)
class FixturePage:
    """One fixture page: its name, the URL it is served at, and the rest of its index entry."""

    name: str
    url: str
    entry: dict[str, Any]
    fixtures_dir: Path

    def expected_payload(self) -> dict[str, Any]:
        """The Greenhouse payload this page must produce (its golden file).

        Taken from the index entry's `payload` (an object, or a file name relative to the fixtures
        folder), else from `<name>.payload.json` beside the page.
        """
        declared = self.entry.get("payload")
        if isinstance(declared, dict):
            return declared
        candidates = [self.fixtures_dir / declared] if isinstance(declared, str) else []
        candidates.append(self.fixtures_dir / f"{self.name}.payload.json")
        for path in candidates:
            if path.is_file():
                return json.loads(path.read_text(encoding="utf-8"))
        raise AssertionError(f"Fixture {self.name!r} has no expected payload; looked for {[str(p) for p in candidates]}")

    @property
    def host(self) -> str:
        """The host name of the page's URL (e.g. `app.purpose.jobs`)."""
        return urlsplit(self.url).hostname or ""

    def __getitem__(self, key: str) -> Any:
        return self.entry[key]

    def get(self, key: str, default: Any = None) -> Any:
        """A field of the index entry, like `dict.get`."""
        return self.entry.get(key, default)


class FixturePages:
    """All pages of the index, looked up by name."""

    def __init__(self, pages: dict[str, FixturePage], index_path: Path):
        self._pages = pages
        self.index_path = index_path

    @classmethod
    def load(cls, fixtures_dir: Path) -> FixturePages:
        """Read `<fixtures_dir>/index.json`: a list of entries `{"fixture": name, "url": ...}` (the
        sandbox's format; `name` is accepted too) or a map name → entry. Each entry needs a `url`."""
        index_path = fixtures_dir / "index.json"
        if not index_path.is_file():
            raise AssertionError(f"No fixture index at {index_path}: the fixture pages are missing")
        raw = json.loads(index_path.read_text(encoding="utf-8"))
        items: list[tuple[str, dict]]
        match raw:
            case dict():
                items = [(name, entry) for name, entry in raw.items() if isinstance(entry, dict)]
            case list():
                items = [(entry.get("fixture") or entry.get("name"), entry) for entry in raw]
            case _:
                raise AssertionError(f"{index_path}: expected an object or a list, got {type(raw).__name__}")
        pages = {}
        for name, entry in items:
            if "url" not in entry:
                raise AssertionError(f"{index_path}: entry {name!r} has no url")
            pages[name] = FixturePage(name=name, url=entry["url"], entry=entry, fixtures_dir=fixtures_dir)
        return cls(pages, index_path)

    def __getitem__(self, name: str) -> FixturePage:
        try:
            return self._pages[name]
        except KeyError:
            raise AssertionError(f"No fixture page {name!r} in {self.index_path}; known: {sorted(self._pages)}") from None

    def names(self) -> list[str]:
        """Names of every page in the index."""
        return sorted(self._pages)

    def hosts(self) -> set[str]:
        """Every host name a fixture page is served on."""
        return {page.host for page in self._pages.values() if page.host}


def with_query(url: str, **params: str) -> str:
    """`url` with `params` added to (or replacing those in) its query string."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))
