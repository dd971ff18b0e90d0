"""The reading of the background's records (background.py) and the budgets built on it (run.py's
budget_rows, stats' ratios and failures): no browser, `.venv/bin/python -m pytest tests/bench -q`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from background import HANDLE, RECEIVED, RECORD_PREFIX, SCRIPT, STEP, STORAGE, STORAGE_SET, WASM, breakdown, check, handled, starts_of  # noqa: E402
from run import REVIEW_STOPPED_OVER_RUNNING, RUNNING_OVER_FLOOR, STOPPED_OVER_RUNNING, budget_rows  # noqa: E402
from session import FLOOR_RUNNING, MENU_RUNNING, MENU_STOPPED, REVIEW_RUNNING, REVIEW_STOPPED  # noqa: E402
from stats import Row, failures, paired_ratios, ratio_row  # noqa: E402


def entry(name: str, start: float, duration: float = 0.0, detail=None) -> dict:
    return {"name": name, "type": "measure" if duration else "mark", "start": start, "duration": duration, "detail": detail}


def record(origin: float, *entries: dict) -> dict:
    return {f"{RECORD_PREFIX}{origin}": {"origin": origin, "entries": list(entries)}}


#: A background started at t=1000 for the menu's status request, then the click at t=1400.
COLD = {
    **record(
        1000.0,
        entry(SCRIPT, 10),
        entry(WASM, 12, 30),
        entry(RECEIVED, 5, detail="GetSendStatus"),
        entry(HANDLE, 45, 5, detail="GetSendStatus"),
        entry(RECEIVED, 408, detail="ReadProfile"),
        entry(HANDLE, 408, 6, detail="ReadProfile"),
        entry(RECEIVED, 420, detail="SendProspect"),
        entry(HANDLE, 420.5, 25, detail="SendProspect"),
        entry(f"{STORAGE}settings", 421, 3),
        entry(f"{STORAGE}ledger", 425, 4),
        entry(f"{STORAGE_SET}outbox", 430, 5),
    ),
    "unrelated": {"kept": True},
}


def test_starts_are_read_oldest_first_and_other_keys_ignored():
    session = {**record(2000.0, entry(SCRIPT, 1)), **record(500.0, entry(SCRIPT, 2)), "settings": {"origin": 1}}
    assert [s.origin for s in starts_of(session)] == [500.0, 2000.0]


def test_messages_after_the_click_pair_with_their_handlers():
    after = handled(starts_of(COLD), 1400.0)
    assert [(m.type, m.handle["duration"]) for m in after] == [("ReadProfile", 6), ("SendProspect", 25)]
    assert handled(starts_of(COLD), 1400.0, until_ms=1410.0)[-1].type == "ReadProfile"


def test_a_stopped_export_must_be_handled_by_a_background_started_after_the_stop():
    starts = starts_of(COLD)
    assert check(starts, 1400.0, 1500.0, stopped_at=990.0, running_since=None) is None
    # Seen stopped at 1100, but the background that answered started at 1000: it never stopped.
    assert "before it was seen stopped" in check(starts, 1400.0, 1500.0, stopped_at=1100.0, running_since=None)


def test_a_running_export_must_be_handled_by_a_background_that_was_already_running():
    starts = starts_of(COLD)
    assert check(starts, 1400.0, 1500.0, stopped_at=None, running_since=1200.0) is None
    assert "after it should have been running" in check(starts, 1400.0, 1500.0, stopped_at=None, running_since=900.0)
    assert check(starts, 1400.0, 1500.0, None, None) is None
    assert "no message" in check(starts, 1600.0, 1700.0, None, 1200.0)


def test_breakdown_of_a_cold_start_names_each_step():
    parts = breakdown(starts_of(COLD), click_ms=1400.0, until_ms=1500.0, request_ms=1447.0, since_ms=990.0)
    assert parts["background start − click"] == -400.0
    assert parts["wasm compile + instantiate"] == 30 and parts["start → module ready"] == 42
    assert parts["first message (GetSendStatus): received → reply"] == 45
    assert parts["click → ReadProfile received"] == 8
    assert parts["ReadProfile reply → SendProspect received"] == 6
    assert parts["SendProspect: received → handler"] == 0.5
    assert parts["SendProspect: storage reads (2)"] == 7
    assert parts["SendProspect received → request at the sandbox"] == 27
    assert parts["SendProspect: storage reads before the request (2)"] == 7
    assert parts["SendProspect: storage writes before the request (1)"] == 5
    late = breakdown(starts_of(COLD), click_ms=1400.0, until_ms=1500.0, request_ms=1426.0, since_ms=990.0)
    assert late["SendProspect: storage reads before the request (1)"] == 3  # the ledger read ends at 1429
    assert late["SendProspect: storage writes before the request (0)"] == 0
    # With the background running since before the click, no start rows.
    warm = breakdown(starts_of(COLD), click_ms=1400.0, until_ms=1500.0, request_ms=1447.0, since_ms=1400.0)
    assert "wasm compile + instantiate" not in warm and "click → ReadProfile received" in warm


#: The one-message path: a running background, `SendProfile` reading and sending, with its steps.
ONE_MESSAGE = record(
    1000.0,
    entry(RECEIVED, 405, detail="SendProfile"),
    entry(HANDLE, 405.5, 30, detail="SendProfile"),
    entry(f"{STEP}read", 406, 2),
    entry(f"{STEP}plan+queue", 408, 6),
    entry(f"{STORAGE_SET}outbox", 410, 3),
    entry(f"{STEP}request", 415, 15),
)


def test_breakdown_of_the_one_message_send_names_its_steps():
    parts = breakdown(starts_of(ONE_MESSAGE), click_ms=1400.0, until_ms=1500.0, request_ms=1418.0, since_ms=1400.0)
    assert parts["click → SendProfile received"] == 5
    assert parts["SendProfile received → request at the sandbox"] == 13
    assert (parts["SendProfile: read"], parts["SendProfile: plan+queue"], parts["SendProfile: request"]) == (2, 6, 15)
    assert parts["SendProfile: storage writes before the request (1)"] == 3
    assert "SendProfile: storage reads before the request (0)" in parts
    # The send's timeline: each step's end, counted from the message's arrival (405).
    assert parts["SendProfile: received → step:read ended"] == 3
    assert parts["SendProfile: received → storage-set:outbox ended"] == 8
    assert parts["SendProfile: received → step:request ended"] == 25


def test_ratios_pair_runs_by_index_not_by_position():
    stopped = {0: 30.0, 2: 60.0, 3: 40.0}
    running = {0: 20.0, 1: 99.0, 2: 30.0, 3: 0.0}
    assert paired_ratios(stopped, running) == [1.5, 2.0]  # run 1 unpaired, run 3 a 0 ms denominator
    row = ratio_row("stopped ÷ running", "chromium", stopped, running, STOPPED_OVER_RUNNING)
    assert row.status == "OVER" and "2 runs paired" in row.note and "1 runs measured in one case only" in row.note


def clicks(stopped: float, running: float, review_stopped: float, review_running: float, floor_running: float, runs: int = 5) -> dict:
    values = {MENU_STOPPED: stopped, MENU_RUNNING: running, REVIEW_STOPPED: review_stopped, REVIEW_RUNNING: review_running, FLOOR_RUNNING: floor_running}
    return {case: {i: value for i in range(runs)} for case, value in values.items()}


def budgeted(rows: list[Row]) -> dict[str, str]:
    return {row.metric: row.status for row in rows if row.goal is not None}


def test_budget_rows_hold_at_the_goals_and_fail_just_over_them():
    assert (STOPPED_OVER_RUNNING.value, REVIEW_STOPPED_OVER_RUNNING.value, RUNNING_OVER_FLOOR.value) == (1.25, 1.25, 1.5)
    at_goal = budgeted(budget_rows("firefox", clicks(25.0, 20.0, 25.0, 20.0, 20 / 1.5), {}))
    assert set(at_goal.values()) == {"OK"} and len(at_goal) == 3
    over = budget_rows("firefox", clicks(25.2, 20.0, 26.0, 20.0, 13.0), {})
    assert set(budgeted(over).values()) == {"OVER"}
    lines = failures(over)
    assert len(lines) == 3 and all("(firefox)" in line and "goal ≤" in line for line in lines)
    assert any("stopped while reading ÷ running" in line and "1.26×" in line for line in lines)


def test_a_case_that_could_not_be_measured_fails_its_ratio_with_the_reason():
    measured = clicks(25.0, 20.0, 25.0, 20.0, 15.0)
    del measured[MENU_STOPPED]
    rows = budget_rows("chromium", measured, {MENU_STOPPED: "the background did not stop"})
    lines = failures(rows)
    assert len(lines) == 1 and "NOT MEASURED" in lines[0] and "the background did not stop" in lines[0]
