"""tools/embed_module.py: the content module inside a content script, byte for byte."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tools" / "embed_module.py"
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(REPO / "tests" / "bench"))

from embed_module import embed  # noqa: E402
from sizes import shipped_bytes  # noqa: E402

MODULE = b"\0asm\x01\0\0\0" + bytes(range(256))


def test_the_script_carries_the_module_byte_for_byte(tmp_path: Path) -> None:
    (tmp_path / "m.wasm").write_bytes(MODULE)
    out = tmp_path / "content_module.js"
    subprocess.run([sys.executable, str(TOOL), str(tmp_path / "m.wasm"), str(out)], check=True)
    script = out.read_text(encoding="utf-8")
    assert '"use strict";' in script
    encoded = script.split('globalThis.pgContentModule = "', 1)[1].split('";', 1)[0]
    assert base64.b64decode(encoded, validate=True) == MODULE
    # The bench's size rows measure the module it stands for, not its base64.
    assert shipped_bytes(out) == MODULE


def test_the_same_module_gives_the_same_script() -> None:
    assert embed(MODULE) == embed(bytes(MODULE))
    assert embed(MODULE) != embed(MODULE + b"\0")


def test_anything_but_a_module_is_refused() -> None:
    with pytest.raises(ValueError):
        embed(b"<html>")
