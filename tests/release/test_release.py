"""The release tools (tools/release.py): zips that do not depend on the
machine, the one version, the pinned tools, the path scan and the comparison
that `make check-reproducible` reports with."""
import base64
import importlib.util
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("release", ROOT / "tools" / "release.py")
release = importlib.util.module_from_spec(spec)
spec.loader.exec_module(release)

DATE = (2026, 12, 1, 0, 0, 0)


def make_tree(base: Path, names: list[str], mode: int, mtime: int) -> Path:
    """The same files, created in the order of `names`, with a mode and mtime."""
    for name in names:
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"content of {name}\n" * 50)
        path.chmod(mode)
        os.utime(path, (mtime, mtime))
    return base


def test_zip_bytes_do_not_depend_on_order_mtime_or_mode(tmp_path):
    names = ["manifest.json", "pkg/content_bg.wasm", "b.js", "a.js", "_locales/en/messages.json"]
    first = make_tree(tmp_path / "one", names, 0o600, 1_000_000_000)
    second = make_tree(tmp_path / "two" / "deeper", list(reversed(names)), 0o755, 1_700_000_000)
    release.zip_directory(first, tmp_path / "one.zip", DATE)
    release.zip_directory(second, tmp_path / "two.zip", DATE)
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(names)
    assert {i.date_time for i in infos} == {DATE}
    assert {(i.external_attr >> 16) & 0o777 for i in infos} == {0o644}
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)


def test_a_changed_file_changes_the_zip_and_compare_names_it(tmp_path):
    names = ["a.js", "pkg/b.wasm"]
    first = make_tree(tmp_path / "one", names, 0o644, 0)
    second = make_tree(tmp_path / "two", names, 0o644, 0)
    (second / "pkg" / "b.wasm").write_bytes(b"other bytes")
    (second / "extra.txt").write_text("x")
    release.zip_directory(first, tmp_path / "one.zip", DATE)
    release.zip_directory(second, tmp_path / "two.zip", DATE)
    lines = release.zip_differences(tmp_path / "one.zip", tmp_path / "two.zip")
    assert "content differs: pkg/b.wasm" in lines
    assert any(line.endswith(": extra.txt") and line.startswith("only in") for line in lines)
    assert not any("a.js" in line for line in lines)
    assert release.zip_differences(tmp_path / "one.zip", tmp_path / "one.zip") == []


def test_source_zip_keeps_executable_bits_through_unzip(tmp_path):
    entries = [("tools/build.sh", b"#!/bin/sh\n", 0o755), ("README.md", b"hi\n", 0o644)]
    release.write_zip(tmp_path / "src.zip", entries, DATE)
    release.unzip(tmp_path / "src.zip", tmp_path / "out")
    assert os.access(tmp_path / "out" / "tools" / "build.sh", os.X_OK)
    assert not os.access(tmp_path / "out" / "README.md", os.X_OK)


def test_committed_files_are_heads_not_the_working_tree(tmp_path):
    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "build.sh").write_text("#!/bin/sh\n")
    (tmp_path / "tools" / "build.sh").chmod(0o755)
    (tmp_path / "manifest.json").write_text("committed\n")
    (tmp_path / ".gitignore").write_text("/node_modules\n")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "x")
    (tmp_path / "manifest.json").write_text("edited, not committed\n")
    (tmp_path / "untracked.txt").write_text("not in git\n")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.js").write_text("ignored\n")
    files = {name: (data, mode) for name, data, mode in release.committed_files(tmp_path)}
    assert files == {
        ".gitignore": (b"/node_modules\n", 0o644),
        "manifest.json": (b"committed\n", 0o644),
        "tools/build.sh": (b"#!/bin/sh\n", 0o755),
    }


def test_scan_finds_paths_also_in_base64_data(tmp_path):
    (tmp_path / "plain.wasm").write_bytes(b"\0\0/home/ada/.cargo/registry/src/x.rs\0")
    encoded = base64.b64encode(b"\x01\x02/work/checkout/crate/src/lib.rs\x00").decode()
    (tmp_path / "w2j.js").write_text(f'base64DecodeToExistingUint8Array(bufferView, 1048576, "{encoded}");')
    (tmp_path / "clean.js").write_text("const root = shadowRoot;")
    hits = release.scan(tmp_path, ["/home/ada", "/work/checkout", "/"])
    assert hits == [f"{tmp_path}/plain.wasm: /home/ada", f"{tmp_path}/w2j.js: /work/checkout"]


def copy_metadata(tmp_path: Path) -> Path:
    for name in ["manifest.json", "package.json", "package-lock.json", "Cargo.toml", "Cargo.lock", "CHANGELOG.md"]:
        shutil.copy(ROOT / name, tmp_path / name)
    for manifest in ROOT.glob("crate/**/Cargo.toml"):
        if "target" in manifest.parts:
            continue
        target = tmp_path / manifest.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(manifest, target)
    return tmp_path


def test_the_repository_agrees_on_its_version():
    assert release.version_mismatches(ROOT) == []
    assert release.changelog_date(ROOT) is not None


@pytest.mark.parametrize("file,edit", [
    ("package.json", lambda s: s.replace(f'"version": "{release.version(ROOT)}"', '"version": "9.9.9"')),
    ("Cargo.toml", lambda s: s.replace(f'version = "{release.version(ROOT)}"', 'version = "9.9.9"', 1)),
])
def test_a_disagreeing_version_is_named(tmp_path, file, edit):
    root = copy_metadata(tmp_path)
    text = (root / file).read_text()
    assert edit(text) != text, "the edit must change something"
    (root / file).write_text(edit(text))
    problems = release.version_mismatches(root)
    assert len(problems) == 1 and problems[0].startswith(file), problems


def test_a_version_bump_needs_a_changelog_entry(tmp_path):
    root = copy_metadata(tmp_path)
    for name in ["manifest.json", "package.json"]:
        data = json.loads((root / name).read_text())
        data["version"] = "0.9.0"
        (root / name).write_text(json.dumps(data))
    lock = json.loads((root / "package-lock.json").read_text())
    for where in (lock, lock.get("packages", {}).get("", {})):
        if "version" in where:
            where["version"] = "0.9.0"
    (root / "package-lock.json").write_text(json.dumps(lock))
    text = (root / "Cargo.toml").read_text().replace(f'version = "{release.version(ROOT)}"', 'version = "0.9.0"', 1)
    (root / "Cargo.toml").write_text(text)
    (root / "Cargo.lock").unlink()
    assert any("CHANGELOG.md has no entry" in p for p in release.check(root))
    changelog = (root / "CHANGELOG.md").read_text()
    (root / "CHANGELOG.md").write_text(changelog.replace("# Changelog\n", "# Changelog\n\n## 0.9.0 — unreleased\n", 1))
    assert release.check(root, release=False) == []
    assert any("dated 'unreleased'" in p for p in release.check(root, release=True))
    assert release.zip_date(root) == release.UNRELEASED_DATE
    (root / "CHANGELOG.md").write_text(changelog.replace("# Changelog\n", "# Changelog\n\n## 0.9.0 — 2027-02-03\n", 1))
    assert release.check(root) == []
    assert release.zip_date(root) == (2027, 2, 3, 0, 0, 0)


def test_every_pinned_tool_has_a_row_in_readme_amo():
    pins = release.pinned(ROOT)
    assert set(pins) == set(release.VERSION_PROBES)
    assert pins["wasm-bindgen"] in (ROOT / "Cargo.lock").read_text()
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/binaryen"]["version"].split(".")[0] == pins["wasm-opt"]
