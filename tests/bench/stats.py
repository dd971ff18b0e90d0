"""The bench's numbers: samples, their median and p90, budgets, the one table and its JSON.

Pure: no browser, no files (except `write_json`), so `test_stats.py` checks it directly.
A `Row` is one line of the table. Budgets are checked on the median unless the row says otherwise
(`check="all"`: every sample must meet the goal, as for "requests per export: exactly 1").
A row without samples is "not measured" and fails the bench, naming why, because a budget that
cannot be checked is not met.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def median(samples: list[float]) -> float:
    """The median of `samples` (mean of the middle two when even)."""
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("median of no samples")
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def p90(samples: list[float]) -> float:
    """The 90th percentile of `samples`, nearest rank (a value that was actually measured)."""
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("p90 of no samples")
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Goal:
    """A budget: `value` with `op` ("<=" or "=="), checked on the median or on every sample."""

    op: str
    value: float
    check: str = "median"

    def met_by(self, samples: list[float]) -> bool:
        """True when `samples` meet the goal."""
        values = samples if self.check == "all" else [median(samples)]
        match self.op:
            case "<=":
                return all(v <= self.value for v in values)
            case "==":
                return all(v == self.value for v in values)
            case _:
                raise ValueError(f"unknown goal operator {self.op!r}")


@dataclass
class Row:
    """One line of the table: a metric in one browser, its samples and its goal (None: for information)."""

    metric: str
    browser: str
    unit: str
    samples: list[float] = field(default_factory=list)
    goal: Goal | None = None
    #: Why there are no samples (the metric could not be measured), or a remark on the method.
    note: str = ""

    @property
    def measured(self) -> bool:
        return bool(self.samples)

    @property
    def status(self) -> str:
        """OK, OVER, NOT MEASURED (with a goal), or info (no goal)."""
        if self.goal is None:
            return "info" if self.measured else "n/a"
        if not self.measured:
            return "NOT MEASURED"
        return "OK" if self.goal.met_by(self.samples) else "OVER"

    @property
    def failed(self) -> bool:
        return self.status in ("OVER", "NOT MEASURED")

    def as_json(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "browser": self.browser,
            "unit": self.unit,
            "runs": len(self.samples),
            "median": median(self.samples) if self.samples else None,
            "p90": p90(self.samples) if self.samples else None,
            "goal": None if self.goal is None else {"op": self.goal.op, "value": self.goal.value, "check": self.goal.check},
            "status": self.status,
            "note": self.note,
            "samples": self.samples,
        }


def paired_ratios(numerator: dict[int, float], denominator: dict[int, float]) -> list[float]:
    """Per run index present in both, numerator ÷ denominator (runs with a 0 denominator left out):
    the ratio of two cases measured in the same interleaved run."""
    return [numerator[i] / denominator[i] for i in sorted(numerator.keys() & denominator.keys()) if denominator[i] > 0]


def ratio_row(metric: str, browser: str, numerator: dict[int, float], denominator: dict[int, float], goal: Goal | None, note: str = "") -> Row:
    """A row of per-run ratios; its note says how many runs were paired and which were not."""
    ratios = paired_ratios(numerator, denominator)
    unpaired = len(numerator.keys() ^ denominator.keys())
    detail = f"median of per-run ratios, {len(ratios)} runs paired" + (f", {unpaired} runs measured in one case only" if unpaired else "")
    return Row(metric, browser, "x", ratios, goal, note=f"{note}; {detail}" if note else detail)


def failures(rows: list[Row]) -> list[str]:
    """One line per budget over or not measured, naming the metric, the browser and why."""
    out = []
    for row in rows:
        if not row.failed:
            continue
        where = "" if row.browser == "-" else f" ({row.browser})"
        seen = f": median {format_value(median(row.samples), row.unit)}, goal {format_goal(row.goal, row.unit)}" if row.samples else f": {row.note or 'no samples'}"
        out.append(f"FAIL {row.status}: {row.metric}{where}{seen}")
    return out


def format_value(value: float, unit: str) -> str:
    """`value` in `unit` for people: KB with one decimal, ms with two, ratios as ×, percentages signed."""
    match unit:
        case "B":
            return f"{value / 1024:.1f} KB" if value >= 1024 else f"{value:.0f} B"
        case "ms":
            return f"{value:.2f} ms"
        case "x":
            return f"{value:.2f}×"
        case "%":
            return f"{value:+.1f} %"
        case "MB":
            return f"{value:.2f} MB"
        case _:
            return f"{value:g}{(' ' + unit) if unit else ''}"


def format_goal(goal: Goal | None, unit: str) -> str:
    if goal is None:
        return ""
    sign = "≤" if goal.op == "<=" else "="
    scope = " each" if goal.check == "all" else ""
    return f"{sign} {format_value(goal.value, unit)}{scope}"


def table(rows: list[Row]) -> str:
    """The one printed table: metric, browser, runs, median, p90, goal, status."""
    header = ("metric", "browser", "runs", "median", "p90", "goal", "status")
    lines = [header]
    for row in rows:
        lines.append(
            (
                row.metric,
                row.browser,
                str(len(row.samples)) if row.samples else "-",
                format_value(median(row.samples), row.unit) if row.samples else "-",
                format_value(p90(row.samples), row.unit) if row.samples else "-",
                format_goal(row.goal, row.unit),
                row.status,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        out.append("  ".join(cell.ljust(widths[i]) if i < 2 or i == 6 else cell.rjust(widths[i]) for i, cell in enumerate(line)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def notes(rows: list[Row]) -> str:
    """The rows' notes, numbered by metric, for under the table."""
    return "\n".join(f"  {row.metric} ({row.browser}): {row.note}" for row in rows if row.note)


def write_json(rows: list[Row], path: Path, extra: dict[str, Any]) -> None:
    """Write the table (every sample included) and `extra` (environment, sources) to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**extra, "metrics": [row.as_json() for row in rows]}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
