"""The arithmetic of components.py (issue 14's bench rows): the visit order, the background's
ReportPage handler read from its records, and the rows with their ratios. No browser:
`.venv/bin/python -m pytest tests/bench/test_components.py -q`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from background import HANDLE, RECEIVED, RECORD_PREFIX  # noqa: E402
from components import report_handles, rotated, rows_for  # noqa: E402
from session import Samples  # noqa: E402


def entry(name: str, start: float, duration: float = 0.0, detail=None) -> dict:
    return {"name": name, "type": "measure" if duration else "mark", "start": start, "duration": duration, "detail": detail}


def record(origin: float, *entries: dict) -> dict:
    return {f"{RECORD_PREFIX}{origin}": {"origin": origin, "entries": list(entries)}}


def test_the_order_rotates_so_no_fixture_is_always_first():
    assert rotated(["full", "popover-menu"], 0) == ["full", "popover-menu"]
    assert rotated(["full", "popover-menu"], 1) == ["popover-menu", "full"]
    assert rotated(["a", "b", "c"], 5) == ["c", "a", "b"]
    assert rotated([], 3) == []


def test_the_report_handler_is_the_one_of_the_report_message_after_the_click():
    records = {
        **record(
            1000.0,
            # An earlier review form's report, before the click: not this one.
            entry(RECEIVED, 100, detail="ReportPage"),
            entry(HANDLE, 100.5, 40, detail="ReportPage"),
            entry(RECEIVED, 500, detail="ReadProfile"),
            entry(HANDLE, 500.2, 6, detail="ReadProfile"),
            entry(RECEIVED, 507, detail="ReportPage"),
            entry(HANDLE, 507.1, 12.5, detail="ReportPage"),
        ),
        "settings": {"kept": True},
    }
    assert report_handles(records, 1450.0) == [12.5]
    assert report_handles(records, 1000.0) == [40, 12.5]
    # Received but not handled yet: nothing to report.
    unfinished = record(2000.0, entry(RECEIVED, 10, detail="ReportPage"))
    assert report_handles(unfinished, 2000.0) == []
    assert report_handles({}, 0.0) == []


def test_rows_name_both_pages_and_divide_their_medians():
    light, component = Samples(), Samples()
    light.ready, component.ready = [10.0, 12.0, 14.0], [15.0, 18.0, 30.0]
    light.extract, component.extract = [4.0, 6.0], [9.0, 9.0]
    light.menu_to_item = [0.0, 0.0]
    component.menu_to_item = [0.1]
    component.problems["extract"] = "ignored: samples exist"
    rows = rows_for(
        "chromium",
        "full",
        "popover-menu",
        {"full": light, "popover-menu": component},
        {"full": [0.02, 0.03], "popover-menu": [0.1]},
        {"full": [11.0], "popover-menu": []},
        {"report popover-menu": "no dialog"},
    )
    by_metric = {row.metric: row for row in rows}
    assert by_metric["ready after document_idle · full (no shadow roots)"].samples == [10.0, 12.0, 14.0]
    assert by_metric["  of which the shadow-root scan at start · full (no shadow roots)"].samples == [0.02, 0.03]
    assert by_metric["page report build (background handler) · full (no shadow roots)"].samples == [11.0]
    unmeasured = by_metric["page report build (background handler) · popover-menu (web components)"]
    assert unmeasured.samples == [] and unmeasured.note == "no dialog" and unmeasured.status == "n/a"
    assert by_metric["ready: popover-menu ÷ full (medians)"].samples == [18.0 / 12.0]
    assert by_metric["extraction: popover-menu ÷ full (medians)"].samples == [9.0 / 5.0]
    # A 0 ms median cannot be divided by: the row says so instead of inventing a ratio.
    menu = by_metric["menu → item: popover-menu ÷ full (medians)"]
    assert menu.samples == [] and "0 ms" in menu.note
    # Information only: these rows never fail the bench.
    assert all(row.goal is None and not row.failed for row in rows)
