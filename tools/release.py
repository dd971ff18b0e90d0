#!/usr/bin/env python3
"""Release helpers: the one version, byte-identical zips, the pinned tools.

Everything `make release` and `make check-reproducible` need that is more
than a shell one-liner, with the standard library only:

  release.py version                  print the version (manifest.json)
  release.py check [--unreleased-ok]  the versions agree and CHANGELOG.md has a
                                      dated entry for this version (or one
                                      dated `unreleased`)
  release.py pins                     the tools on PATH are the versions
                                      README-AMO.md names
  release.py zip DIR OUT              zip a built extension, byte for byte the
                                      same on every machine
  release.py source-zip OUT           zip the committed sources (HEAD) for AMO
  release.py unzip ZIP DIR            unpack, keeping executable bits
  release.py scan DIR NEEDLE...       fail if a file under DIR contains a
                                      needle (absolute paths of this machine)
  release.py compare ZIP ZIP          byte-compare two zips; on a difference
                                      list the entries that differ

Why the zips are written here and not by `zip -r`: Info-ZIP stores each
file's mtime (the time of the build), its permissions (the umask) and the
directory order of the file system (not sorted). Here entries are sorted by
path, dated with the release date of this version in CHANGELOG.md (not
SOURCE_DATE_EPOCH or the commit time: a rebuild from the source zip alone has
no git and no environment to take them from), and given fixed permissions.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The date of entries when this version has no dated CHANGELOG entry yet
#: (`make build` during development): the earliest date a zip can hold.
UNRELEASED_DATE = (1980, 1, 1, 0, 0, 0)
#: Deflate level: zlib's best. The output depends on the zlib version too,
#: which is why README-AMO.md pins it.
COMPRESS_LEVEL = 9
#: `## 0.1.0 — 2026-12-01` (em dash, en dash or hyphen).
CHANGELOG_ENTRY = re.compile(r"^## \[?(?P<version>[0-9][^\]\s]*)\]?\s*[—–-]\s*(?P<date>\S+)", re.M)


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(1)


# --- the one version ----------------------------------------------------------


def version(root: Path = ROOT) -> str:
    """The version of the extension: manifest.json is the one source."""
    return json.loads((root / "manifest.json").read_text(encoding="utf-8"))["version"]


def version_mismatches(root: Path = ROOT) -> list[str]:
    """Every place that repeats the version and does not say manifest.json's."""
    want = version(root)
    found: list[tuple[str, str | None]] = []
    package = json.loads((root / "package.json").read_text(encoding="utf-8"))
    found.append(("package.json version", package.get("version")))
    lock_path = root / "package-lock.json"
    if lock_path.exists():
        lock = json.loads(lock_path.read_text(encoding="utf-8"))
        found.append(("package-lock.json version", lock.get("version", want)))
        found.append(('package-lock.json packages[""].version', lock.get("packages", {}).get("", {}).get("version", want)))
    cargo = tomllib.loads((root / "Cargo.toml").read_text(encoding="utf-8"))
    found.append(("Cargo.toml [workspace.package] version", cargo.get("workspace", {}).get("package", {}).get("version")))
    # Every crate of the workspace (wherever it lives: crate/, crate/core, ...)
    # inherits the version or states the same.
    members = cargo.get("workspace", {}).get("members", [])
    member_names = []
    for pattern in members:
        for manifest in sorted(root.glob(f"{pattern}/Cargo.toml")):
            package_table = tomllib.loads(manifest.read_text(encoding="utf-8")).get("package", {})
            member_names.append(package_table.get("name"))
            stated = package_table.get("version")
            if not (isinstance(stated, dict) and stated.get("workspace")):
                found.append((f"{manifest.relative_to(root)} version", stated))
    lock = tomllib.loads((root / "Cargo.lock").read_text(encoding="utf-8")) if (root / "Cargo.lock").exists() else {}
    for entry in lock.get("package", []):
        if entry.get("name") in member_names and "source" not in entry:
            found.append((f"Cargo.lock {entry['name']}", entry.get("version")))
    return [f"{where} is {got!r}, manifest.json says {want!r}" for where, got in found if got != want]


def changelog_date(root: Path = ROOT, of_version: str | None = None) -> str | None:
    """The date of this version's CHANGELOG.md entry, `None` when it has none."""
    wanted = of_version or version(root)
    path = root / "CHANGELOG.md"
    if not path.exists():
        return None
    for match in CHANGELOG_ENTRY.finditer(path.read_text(encoding="utf-8")):
        if match["version"] == wanted:
            return match["date"]
    return None


def zip_date(root: Path = ROOT) -> tuple[int, int, int, int, int, int]:
    """The date every zip entry gets: this version's release date at 00:00."""
    date = changelog_date(root)
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date or "")
    if not match:
        return UNRELEASED_DATE
    return (int(match[1]), int(match[2]), int(match[3]), 0, 0, 0)


def check(root: Path = ROOT, release: bool = True) -> list[str]:
    """Problems with the version: the places that repeat it disagree, or
    CHANGELOG.md has no entry for it. A release also needs the entry dated
    (`make test` accepts `unreleased`)."""
    problems = version_mismatches(root)
    date = changelog_date(root)
    if date is None:
        problems.append(f"CHANGELOG.md has no entry '## {version(root)} — YYYY-MM-DD'")
    elif not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) and (release or date != "unreleased"):
        problems.append(f"CHANGELOG.md's entry for {version(root)} is dated {date!r}, not YYYY-MM-DD")
    return problems


# --- pinned tools ---------------------------------------------------------------

#: How to ask each pinned tool its version: (command, pattern for the version).
#: The keys are the first cell of README-AMO.md's tool table.
VERSION_PROBES: dict[str, tuple[list[str], str]] = {
    "Debian": (["cat", "/etc/debian_version"], r"^(\d+)"),
    "rustc": (["rustc", "-V"], r"^rustc (\S+)"),
    "cargo": (["cargo", "-V"], r"^cargo (\S+)"),
    "wasm-bindgen": (["wasm-bindgen", "--version"], r"^wasm-bindgen (\S+)"),
    "wasm-opt": (["wasm-opt", "--version"], r"version (\d+)"),
    "wasm2js": (["wasm2js", "--version"], r"version (\d+)"),
    "node": (["node", "--version"], r"^v(\S+)"),
    "npm": (["npm", "--version"], r"^(\S+)"),
    "python3": ([sys.executable, "-c", "import platform; print(platform.python_version())"], r"^(\S+)"),
    "zlib": ([sys.executable, "-c", "import zlib; print(zlib.ZLIB_RUNTIME_VERSION)"], r"^(\S+)"),
}
#: A row of the table: | `tool` ... | `version` | ... |
PIN_ROW = re.compile(r"^\|\s*`?(?P<tool>[A-Za-z0-9_.-]+)`?[^|]*\|\s*`(?P<version>[^`]+)`\s*\|", re.M)


def pinned(root: Path = ROOT) -> dict[str, str]:
    """Tool → exact version, from README-AMO.md's table (the reviewers' list)."""
    text = (root / "README-AMO.md").read_text(encoding="utf-8")
    return {m["tool"]: m["version"] for m in PIN_ROW.finditer(text) if m["tool"] in VERSION_PROBES}


def actual_version(tool: str) -> str:
    command, pattern = VERSION_PROBES[tool]
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "missing"
    match = re.search(pattern, out, re.M)
    return match[1] if match else f"unreadable ({out!r})"


def pin_mismatches(root: Path = ROOT) -> list[str]:
    pins = pinned(root)
    missing = sorted(set(VERSION_PROBES) - set(pins))
    problems = [f"README-AMO.md's tool table has no row for {tool}" for tool in missing]
    for tool, want in pins.items():
        got = actual_version(tool)
        if got != want:
            problems.append(f"{tool} is {got}, README-AMO.md pins {want}")
    return problems


# --- zips -------------------------------------------------------------------------


def write_zip(out: Path, entries: list[tuple[str, bytes, int]], date: tuple[int, ...]) -> None:
    """Write `entries` (archive path, content, unix mode) sorted by path."""
    names = [name for name, _, _ in entries]
    if len(set(names)) != len(names):
        fail(f"{out}: duplicate entries")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, mode in sorted(entries, key=lambda entry: entry[0].encode("utf-8")):
            info = zipfile.ZipInfo(name, date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the mode below is read back.
            info.external_attr = (0o100000 | mode) << 16
            archive.writestr(info, data, compresslevel=COMPRESS_LEVEL)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buffer.getvalue())


def zip_directory(source: Path, out: Path, date: tuple[int, ...]) -> None:
    """Zip every file under `source` (no directory entries), all 0644."""
    entries = []
    for path in source.rglob("*"):
        if path.is_symlink():
            fail(f"{path}: symbolic links are not shipped")
        if path.is_file():
            entries.append((path.relative_to(source).as_posix(), path.read_bytes(), 0o644))
    if not entries:
        fail(f"{source}: nothing to zip")
    write_zip(out, entries, date)


def committed_files(root: Path = ROOT, revision: str = "HEAD") -> list[tuple[str, bytes, int]]:
    """Every file of `revision` as git stores it (not the working tree)."""
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", revision], capture_output=True, check=True
    ).stdout
    entries = []
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if member.issym() or member.islnk():
                fail(f"{member.name}: links are not supported in the source zip")
            if member.isfile():
                data = tar.extractfile(member).read()  # type: ignore[union-attr]
                entries.append((member.name, data, 0o755 if member.mode & 0o111 else 0o644))
    return entries


def unzip(archive_path: Path, dest: Path) -> None:
    """Unpack `archive_path` into `dest`, restoring executable bits."""
    with zipfile.ZipFile(archive_path) as archive:
        for info in archive.infolist():
            target = (dest / info.filename).resolve()
            if not str(target).startswith(str(dest.resolve()) + os.sep):
                fail(f"{info.filename}: outside {dest}")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))
            mode = (info.external_attr >> 16) & 0o777
            target.chmod(0o755 if mode & 0o111 else 0o644)


def zip_differences(first: Path, second: Path) -> list[str]:
    """Why two zips are not byte-identical, entry by entry (empty: they are)."""
    if first.read_bytes() == second.read_bytes():
        return []
    lines = []
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        infos_a = {info.filename: info for info in a.infolist()}
        infos_b = {info.filename: info for info in b.infolist()}
        for name in sorted(set(infos_a) - set(infos_b)):
            lines.append(f"only in {first}: {name}")
        for name in sorted(set(infos_b) - set(infos_a)):
            lines.append(f"only in {second}: {name}")
        if [i.filename for i in a.infolist()] != [i.filename for i in b.infolist()] and not lines:
            lines.append("the same entries in a different order")
        for name in sorted(set(infos_a) & set(infos_b)):
            ia, ib = infos_a[name], infos_b[name]
            if a.read(name) != b.read(name):
                lines.append(f"content differs: {name}")
            elif (ia.date_time, ia.external_attr, ia.compress_type) != (ib.date_time, ib.external_attr, ib.compress_type):
                lines.append(f"metadata differs: {name} {ia.date_time} {oct(ia.external_attr >> 16)} / {ib.date_time} {oct(ib.external_attr >> 16)}")
            elif ia.compress_size != ib.compress_size:
                lines.append(f"compressed differently: {name}")
    return lines or ["the bytes differ, every entry is the same (zip headers)"]


#: A base64 string literal, as wasm2js embeds the module's data segments.
BASE64_LITERAL = re.compile(rb'"([A-Za-z0-9+/]{16,}={0,2})"')


def scan(directory: Path, needles: list[str]) -> list[str]:
    """`file: needle` for every file under `directory` containing a needle,
    also inside base64 literals (the wasm2js fallback's data)."""
    wanted = sorted({needle.encode() for needle in needles if needle and needle != "/"})
    hits = []
    for path in sorted(directory.rglob("*")):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            blobs = [data]
            for literal in BASE64_LITERAL.findall(data):
                try:
                    blobs.append(base64.b64decode(literal, validate=True))
                except binascii.Error:
                    pass
            hits.extend(f"{path}: {needle.decode()}" for needle in wanted if any(needle in blob for blob in blobs))
    return hits


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str]) -> None:
    match argv:
        case ["version"]:
            print(version())
        case ["check", *flags] if flags in ([], ["--unreleased-ok"]):
            problems = check(release=not flags)
            for problem in problems:
                print(f"error: {problem}", file=sys.stderr)
            if problems:
                raise SystemExit(1)
            print(f"==> version {version()} agrees everywhere; CHANGELOG.md dated {changelog_date()}")
        case ["pins"]:
            problems = pin_mismatches()
            for problem in problems:
                print(f"error: {problem}", file=sys.stderr)
            if problems:
                print(
                    "A store release is built with exactly the tools README-AMO.md names, so that\n"
                    "reviewers get the same bytes. RELEASE_ANY_TOOLS=1 builds anyway (not for upload).",
                    file=sys.stderr,
                )
                raise SystemExit(1)
            print("==> tools match README-AMO.md: " + ", ".join(f"{t} {v}" for t, v in pinned().items()))
        case ["zip", source, out]:
            zip_directory(Path(source), Path(out), zip_date())
        case ["source-zip", out]:
            write_zip(Path(out), committed_files(), zip_date())
        case ["unzip", archive, dest]:
            unzip(Path(archive), Path(dest))
        case ["scan", directory, *needles]:
            hits = scan(Path(directory), needles)
            for hit in hits:
                print(f"error: machine-specific path in a built file: {hit}", file=sys.stderr)
            if hits:
                raise SystemExit(1)
        case ["compare", first, second]:
            lines = zip_differences(Path(first), Path(second))
            for line in lines:
                print(f"    {line}", file=sys.stderr)
            if lines:
                print(f"DIFFERENT: {first} {second}", file=sys.stderr)
                raise SystemExit(1)
            print(f"    identical  {sha256(Path(first))}  {Path(first).name}")
        case _:
            raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
