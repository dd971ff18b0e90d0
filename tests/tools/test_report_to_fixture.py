"""tools/report_to_fixture.py: a page report becomes a fixture page, its index entry, golden scaffolds
and test entries (in a scratch copy of the files it edits)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tools" / "report_to_fixture.py"

REPORT = """<!doctype html>
<!-- purpose-greenhouse page report
version: 0.1.0
url: https://app.purpose.jobs/candidates/00000
read: missing required fields
found: candidate id, skills
missed: Name
shadow roots: 1 open, 1 closed (closed ones cannot be read)
snapshot: 12 nodes
-->
<html><head><meta charset="utf-8"><title>Page report</title></head>
<body><pj-card data-report-shadow="open"><h2>Skills</h2><ul><li>Xxxx &amp; Xx</li></ul><slot><p>Xxx</p></slot></pj-card><x-ad data-report-shadow="closed"></x-ad><img alt="Xxx"><a href="https://github.com/xxx">GitHub</a></body></html>
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for relative in ("tests/fixtures/index.json", "crate/core/tests/fixtures.rs", "crate/browser/tests/web_extract.rs"):
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / relative, target)
    return tmp_path


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    report = repo / "report.html"
    report.write_text(REPORT, encoding="utf-8")
    return subprocess.run([sys.executable, str(TOOL), str(report), *args, "--repo", str(repo)], capture_output=True, text=True)


def test_a_report_becomes_a_fixture(repo: Path):
    done = run(repo, "from-report")
    assert done.returncode == 0, done.stderr
    fixtures = repo / "tests/fixtures"
    page = (fixtures / "from-report.html").read_text(encoding="utf-8")
    assert '<script src="/static/site.js" defer></script>' in page
    assert '<pj-card><template shadowrootmode="open"><h2>Skills</h2>' in page
    assert "</slot></template></pj-card>" in page
    assert '<x-ad><template shadowrootmode="closed"></template></x-ad>' in page
    assert "Xxxx &amp; Xx" in page and '<img alt="Xxx">' in page and "</img>" not in page
    assert "page report" not in page.split("<body>")[0].lower().replace("<title>page report from-report</title>", "")
    entry = json.loads((fixtures / "index.json").read_text(encoding="utf-8"))[-1]
    assert entry["fixture"] == "from-report" and entry["url"] == "https://app.purpose.jobs/candidates/00000"
    assert entry["kind"] == "profile" and "missed Name" in entry["notes"] and "0.1.0" in entry["notes"]
    for golden in ("profile", "payload", "menu"):
        assert "scaffold" in json.loads((fixtures / f"from-report.{golden}.json").read_text(encoding="utf-8"))
    assert 'fn from_report() {\n    check("from-report");\n}' in (repo / "crate/core/tests/fixtures.rs").read_text(encoding="utf-8")
    assert 'fixture!("from-report"),' in (repo / "crate/browser/tests/web_extract.rs").read_text(encoding="utf-8")
    # A second run refuses to overwrite.
    assert run(repo, "from-report").returncode != 0


def test_bad_names_and_non_reports_are_refused(repo: Path, tmp_path: Path):
    assert run(repo, "Bad Name").returncode != 0
    other = tmp_path / "other.html"
    other.write_text("<html><body>hi</body></html>", encoding="utf-8")
    done = subprocess.run([sys.executable, str(TOOL), str(other), "x", "--repo", str(repo)], capture_output=True, text=True)
    assert done.returncode != 0 and "not a page report" in done.stderr
