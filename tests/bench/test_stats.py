"""The bench's arithmetic and verdicts: medians, p90, goals, and the rule that an unmeasured budget fails.

Runs without a browser: `.venv/bin/python -m pytest tests/bench -q`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from instrument import INJECT, READY, START, blank, instrumented, one_line_script  # noqa: E402
from stats import Goal, Row, median, p90, table, write_json  # noqa: E402


def test_median_of_odd_and_even_counts():
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_p90_is_a_measured_value_by_nearest_rank():
    samples = [float(n) for n in range(1, 21)]  # 1..20
    assert p90(samples) == 18.0
    assert p90([5.0]) == 5.0


def test_no_samples_is_an_error_not_a_zero():
    with pytest.raises(ValueError):
        median([])


def test_goal_on_the_median_ignores_one_slow_run():
    assert Goal("<=", 16).met_by([10.0] * 19 + [500.0])
    assert not Goal("<=", 16).met_by([17.0] * 11 + [1.0] * 9)


def test_goal_on_every_sample_catches_one_duplicate_request():
    exactly_one = Goal("==", 1, check="all")
    assert exactly_one.met_by([1.0] * 20)
    assert not exactly_one.met_by([1.0] * 19 + [2.0])


def test_a_budget_that_could_not_be_measured_fails():
    row = Row("click → request", "chromium", "ms", [], Goal("<=", 30), note="no menu item")
    assert row.status == "NOT MEASURED" and row.failed
    info = Row("bare module ready", "chromium", "ms", [])
    assert not info.failed


def test_table_names_the_metric_and_its_verdict(tmp_path):
    rows = [Row("menu appears → item present", "firefox", "ms", [20.0, 30.0], Goal("<=", 16))]
    printed = table(rows)
    assert "menu appears → item present" in printed and "OVER" in printed and "≤ 16.00 ms" in printed
    out = tmp_path / "bench.json"
    write_json(rows, out, {"runs": 2})
    written = json.loads(out.read_text())
    assert written["metrics"][0]["median"] == 25.0 and written["metrics"][0]["status"] == "OVER"


def test_instrumented_copy_wraps_the_loader_and_leaves_the_source_alone(tmp_path):
    source = tmp_path / "ext"
    source.mkdir()
    manifest = {"manifest_version": 3, "content_scripts": [{"matches": ["<all_urls>"], "js": ["glue.js", "loader.js"]}]}
    (source / "manifest.json").write_text(json.dumps(manifest))
    copy = instrumented(source, tmp_path / "copy")
    scripts = json.loads((copy / "manifest.json").read_text())["content_scripts"][0]["js"]
    assert scripts == [START, "glue.js", READY, "loader.js"]
    assert (copy / START).is_file() and (copy / READY).is_file()
    assert json.loads((source / "manifest.json").read_text()) == manifest


def test_blank_extension_has_no_content_script(tmp_path):
    for browser in ("chrome", "firefox"):
        manifest = json.loads((blank(tmp_path) / browser / "manifest.json").read_text())
        assert "content_scripts" not in manifest and manifest["manifest_version"] == 3


def test_one_line_script_runs_where_and_when_the_extension_does(tmp_path):
    groups = [{"matches": ["https://*.purpose.jobs/*"], "js": ["shim.js", "content.js"], "run_at": "document_idle"}]
    for browser in ("chrome", "firefox"):
        (tmp_path / "built" / browser).mkdir(parents=True)
        (tmp_path / "built" / browser / "manifest.json").write_text(json.dumps({"content_scripts": groups}))
    floor = one_line_script(tmp_path / "built", tmp_path / "floor")
    for browser in ("chrome", "firefox"):
        manifest = json.loads((floor / browser / "manifest.json").read_text())
        assert manifest["content_scripts"] == [{"matches": groups[0]["matches"], "run_at": "document_idle", "js": [START]}]
        assert (floor / browser / START).read_text() == (INJECT / "start.js").read_text()


def test_instrumented_background_records_first_and_times_the_handler_after_the_glue(tmp_path):
    from instrument import BACKGROUND, BACKGROUND_AFTER, BLANK_PAGE, SERVICE_WORKER

    source = tmp_path / "ext"
    source.mkdir()
    (source / "service_worker.js").write_text('importScripts("shim.js", "pkg/extension.js", "background.js");\n')
    manifest = {
        "manifest_version": 3,
        "background": {"service_worker": "service_worker.js", "scripts": ["shim.js", "pkg/extension.js", "background.js"]},
        "content_scripts": [{"matches": ["<all_urls>"], "js": ["glue.js", "loader.js"]}],
    }
    (source / "manifest.json").write_text(json.dumps(manifest))
    copy = instrumented(source, tmp_path / "copy")
    background = json.loads((copy / "manifest.json").read_text())["background"]
    assert background["scripts"] == [BACKGROUND, "shim.js", "pkg/extension.js", BACKGROUND_AFTER, "background.js"]
    assert background["service_worker"] == SERVICE_WORKER
    worker = (copy / SERVICE_WORKER).read_text()
    assert f'importScripts("/{BACKGROUND}", "/shim.js", "/pkg/extension.js", "/{BACKGROUND_AFTER}", "/background.js")' in worker
    assert (copy / BLANK_PAGE).is_file() and "<script" not in (copy / BLANK_PAGE).read_text()
    assert (source / "service_worker.js").read_text().startswith('importScripts("shim.js"')


def test_floor_extension_sends_one_marked_request_from_an_instrumented_background(tmp_path):
    from instrument import BACKGROUND, FLOOR_MARK, floor

    groups = [{"matches": ["https://*.purpose.jobs/*"], "js": ["content.js"], "run_at": "document_idle"}]
    for browser in ("chrome", "firefox"):
        (tmp_path / "built" / browser).mkdir(parents=True)
        (tmp_path / "built" / browser / "manifest.json").write_text(json.dumps({"content_scripts": groups}))
    out = floor(tmp_path / "built", tmp_path / "floor", "KEY", "me@example.com")
    firefox = json.loads((out / "firefox" / "manifest.json").read_text())
    assert firefox["background"]["scripts"] == [BACKGROUND, "background.js"]
    assert firefox["content_scripts"][0]["matches"] == groups[0]["matches"]
    script = (out / "firefox" / "background.js").read_text()
    assert FLOOR_MARK in script and script.count("fetch(") == 1
    chrome = json.loads((out / "chrome" / "manifest.json").read_text())
    assert BACKGROUND in (out / "chrome" / chrome["background"]["service_worker"]).read_text()
