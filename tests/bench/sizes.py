"""What the extension ships, in bytes: each WebAssembly module, its JS glue and the wasm2js fallback,
raw and gzip -9, next to the bare wasm-bindgen baseline built with the same toolchain.

Sizes are deterministic, so each is one sample. They are read from `dist/chrome` (what ships) when
that build is newer than every input of the build; otherwise from the bench build, which differs
only by the `crate::perf` marks, and the note says so.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from stats import Goal, Row

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from embed_module import embedded  # noqa: E402

KB = 1024
#: Content-script WebAssembly, gzip: the issue's budget.
CONTENT_WASM_GZIP_GOAL = Goal("<=", 60 * KB)
#: (row label, file under pkg/, goal for its gzip size or None).
SHIPPED = (
    ("content-script wasm", "content_module.js", CONTENT_WASM_GZIP_GOAL),
    ("content-script JS glue", "content.js", None),
    ("content-script wasm2js fallback", "content_w2j.js", None),
    ("background wasm", "extension_bg.wasm", None),
    ("background JS glue", "extension.js", None),
)
#: Inputs of the build: if any is newer than dist/, dist/ may not be what the sources build.
BUILD_INPUTS = ("crate", "Cargo.toml", "Cargo.lock", "tools/build.sh", "tools/toolchain.sh", "extension", "manifest.json")


def shipped_bytes(path: Path) -> bytes:
    """The bytes a shipped file stands for: the content module itself for its carrier script
    (tools/embed_module.py)."""
    if path.name == "content_module.js":
        return embedded(path.read_text(encoding="utf-8"))
    return path.read_bytes()


def gzip_size(data: bytes) -> int:
    """Bytes of `data` after gzip -9 (what a store download or an HTTP transfer costs)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def newest_input(repo: Path) -> float:
    """The newest modification time among the build's inputs."""
    newest = 0.0
    for name in BUILD_INPUTS:
        path = repo / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else []
        newest = max([newest] + [p.stat().st_mtime for p in files])
    return newest


def size_source(repo: Path, bench_dist: Path) -> tuple[Path, str]:
    """(the chrome folder to measure, a note on where the numbers come from)."""
    shipped = repo / "dist" / "chrome" / "pkg" / "content_module.js"
    if shipped.is_file() and shipped.stat().st_mtime >= newest_input(repo):
        return repo / "dist" / "chrome", "dist/chrome (the shipped build)"
    return bench_dist / "chrome", "dist-bench/chrome: dist/ is missing or older than the sources; the bench build adds only the crate::perf marks"


def size_rows(chrome: Path, bare_pkg: Path, source_note: str) -> list[Row]:
    """Raw and gzip rows for every shipped artifact and for the bare baseline."""
    rows: list[Row] = []
    for label, name, gzip_goal in SHIPPED:
        path = chrome / "pkg" / name
        if not path.is_file():
            rows.append(Row(f"{label} (gzip)", "-", "B", goal=gzip_goal, note=f"missing {path}"))
            continue
        data = shipped_bytes(path)
        rows.append(Row(f"{label} (raw)", "-", "B", [float(len(data))]))
        rows.append(Row(f"{label} (gzip)", "-", "B", [float(gzip_size(data))], gzip_goal))
    rows[0].note = f"from {source_note}; sizes are deterministic (one sample each)"
    carrier = chrome / "pkg" / "content_module.js"
    if carrier.is_file():
        # What the download holds for it: base64 compresses less than the module does.
        data = carrier.read_bytes()
        rows.append(Row("content-script wasm as shipped, base64 (gzip)", "-", "B", [float(gzip_size(data))]))
    for label, name in (("bare wasm-bindgen module", "bare_bg.wasm"), ("bare module JS glue", "bare.js")):
        path = bare_pkg / name
        if path.is_file():
            data = path.read_bytes()
            rows.append(Row(f"{label} (raw)", "-", "B", [float(len(data))]))
            rows.append(Row(f"{label} (gzip)", "-", "B", [float(gzip_size(data))]))
    return rows
