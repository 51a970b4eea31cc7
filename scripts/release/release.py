#!/usr/bin/env python3
"""Builds llamacloud's release: an archive per platform, checksums, installers and a Homebrew formula.

    release.py plan [--tag vX.Y.Z] [--github-output FILE]
    release.py build --target TRIPLE [--binary PATH] [--out DIR]     (cargo's `dist` profile: fat LTO)
    release.py check ARCHIVE [--run]
    release.py installers --base-url URL --homepage URL [--out DIR]

`.github/workflows/release.yml` runs these on a version tag (plan, then build on each platform's runner,
then installers, then a test of the installers on each platform, then the GitHub release); `.ci/run`
runs plan, a real build of this machine's Linux archive and its check. Only the standard library is used,
so the same script runs on the Linux, macOS and Windows runners.

An archive is `llamacloud-VERSION-TARGET.tar.gz` (`.zip` for Windows), one directory of that name holding
the binary, README.md, CHANGELOG.md, both licences, `completions/` (bash, zsh, fish, PowerShell, elvish)
and `man/man1/` (a page per command). Its entries are sorted, owned by 0:0 and dated by the commit, so the
same binary makes the same archive. Beside it, `ARCHIVE.sha256` in `sha256sum` format.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import platform
import re
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

NAME = "llamacloud"
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DOCS = ["README.md", "CHANGELOG.md", "LICENSE-MIT", "LICENSE-APACHE"]
COMPLETIONS = ["llamacloud.bash", "_llamacloud", "llamacloud.fish", "_llamacloud.ps1", "llamacloud.elv"]
INSTALLERS = ["llamacloud-installer.sh", "llamacloud-installer.ps1", "llamacloud.rb"]


@dataclass(frozen=True)
class Target:
    triple: str
    runner: str  # the GitHub-hosted runner that builds and runs it natively
    os: str  # the name the installers and the formula use: linux, macos, windows
    arch: str  # x86_64 or aarch64

    @property
    def windows(self) -> bool:
        return self.os == "windows"

    @property
    def binary(self) -> str:
        return NAME + (".exe" if self.windows else "")

    def archive(self, version: str) -> str:
        return f"{NAME}-{version}-{self.triple}" + (".zip" if self.windows else ".tar.gz")


# What a release holds. Linux builds are static (musl), so one archive runs on any distribution.
TARGETS = [
    Target("x86_64-unknown-linux-musl", "ubuntu-24.04", "linux", "x86_64"),
    Target("aarch64-unknown-linux-musl", "ubuntu-24.04-arm", "linux", "aarch64"),
    Target("x86_64-apple-darwin", "macos-15-intel", "macos", "x86_64"),
    Target("aarch64-apple-darwin", "macos-15", "macos", "aarch64"),
    Target("x86_64-pc-windows-msvc", "windows-2022", "windows", "x86_64"),
]
# Built locally and by CI here (no musl standard library on this machine); never published.
LOCAL_TARGETS = [Target("x86_64-unknown-linux-gnu", "ubuntu-24.04", "linux", "x86_64")]


class ReleaseError(Exception):
    pass


def target_named(triple: str) -> Target:
    for target in TARGETS + LOCAL_TARGETS:
        if target.triple == triple:
            return target
    known = ", ".join(t.triple for t in TARGETS + LOCAL_TARGETS)
    raise ReleaseError(f"no target {triple!r} in the release (known: {known})")


def version(root: Path) -> str:
    with open(root / "Cargo.toml", "rb") as f:
        return tomllib.load(f)["package"]["version"]


def repository(root: Path) -> str:
    """Where the sources are (`repository` in Cargo.toml): what the installers tell `cargo install --git`."""
    with open(root / "Cargo.toml", "rb") as f:
        return tomllib.load(f)["package"]["repository"]


def changelog_section(root: Path, ver: str) -> str:
    """The CHANGELOG's text for VER (the lines under `## [VER]` up to the next `## `)."""
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(rf"^## \[{re.escape(ver)}\][^\n]*\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if not match or not match.group(1).strip():
        raise ReleaseError(
            f"CHANGELOG.md has no section `## [{ver}]`: move what [Unreleased] says under it before tagging"
        )
    return match.group(1).strip() + "\n"


def commit_time(root: Path) -> int:
    """The time the archives are dated: SOURCE_DATE_EPOCH, else the commit's, else 0."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
        )
        return int(out.stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 0


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksum(path: Path) -> Path:
    out = path.with_name(path.name + ".sha256")
    out.write_text(f"{sha256(path)}  {path.name}\n", encoding="utf-8", newline="\n")
    return out


def read_checksum(path: Path) -> str:
    """The digest in ARCHIVE.sha256, checked to name ARCHIVE."""
    try:
        line = path.with_name(path.name + ".sha256").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as e:
        raise ReleaseError(f"{path.name}.sha256 cannot be read: {e}") from e
    digest, _, name = line.partition("  ")
    if name != path.name or not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise ReleaseError(f"{path.name}.sha256 is not `<sha256>  {path.name}`: {line!r}")
    return digest


# ---- plan -------------------------------------------------------------------------------------------


def plan(root: Path, tag: str | None) -> dict:
    ver = version(root)
    if tag is not None:
        if tag != f"v{ver}":
            raise ReleaseError(f"the tag {tag} is not v{ver}, the version in Cargo.toml")
        changelog_section(root, ver)
    return {
        "version": ver,
        "tag": f"v{ver}",
        "include": [
            {"target": t.triple, "runner": t.runner, "archive": t.archive(ver)} for t in TARGETS
        ],
        "global": INSTALLERS + ["SHA256SUMS", "RELEASE_NOTES.md"],
    }


def cmd_plan(args: argparse.Namespace) -> None:
    the_plan = plan(args.root, args.tag)
    if args.github_output:
        with open(args.github_output, "a", encoding="utf-8") as f:
            f.write(f"version={the_plan['version']}\n")
            f.write(f"matrix={json.dumps({'include': the_plan['include']})}\n")
    print(f"{NAME} {the_plan['version']} (tag {the_plan['tag']})")
    for item in the_plan["include"]:
        print(f"  {item['target']:<28} {item['runner']:<18} {item['archive']}")
    print("  and " + ", ".join(the_plan["global"]))


# ---- build ------------------------------------------------------------------------------------------


def cargo_build(root: Path, target: Target) -> Path:
    command = ["cargo", "build", "--profile", "dist", "--locked", "--target", target.triple]
    print("+ " + " ".join(command), file=sys.stderr, flush=True)
    subprocess.run(command, cwd=root, check=True)
    target_dir = Path(os.environ.get("CARGO_TARGET_DIR", root / "target"))
    if not target_dir.is_absolute():
        target_dir = root / target_dir
    return target_dir / target.triple / "dist" / target.binary


def shipped_files(root: Path) -> list[tuple[str, Path, int]]:
    """What every archive holds beside the binary: (path under its top directory, file, mode)."""
    members = [(doc, root / doc, 0o644) for doc in DOCS]
    members += [(f"completions/{c}", root / "completions" / c, 0o644) for c in COMPLETIONS]
    pages = sorted((root / "docs" / "man").glob("*.1"))
    if not pages:
        raise ReleaseError("docs/man holds no man pages: run `cargo run -- generate-docs .`")
    members += [(f"man/man1/{p.name}", p, 0o644) for p in pages]
    for _, path, _ in members:
        if not path.is_file():
            raise ReleaseError(f"{path} is missing")
    return members


def make_archive(root: Path, target: Target, binary: Path, out: Path) -> Path:
    ver = version(root)
    name = target.archive(ver)
    top = name.removesuffix(".zip").removesuffix(".tar.gz")
    members = sorted([(target.binary, binary, 0o755)] + shipped_files(root))
    mtime = commit_time(root)
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    partial = out / f".{name}.partial"
    if target.windows:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            # ZIP times start in 1980.
            stamp = time.gmtime(max(mtime, 315532800))[:6]
            for inner, file, mode in members:
                info = zipfile.ZipInfo(f"{top}/{inner}", date_time=stamp)
                info.external_attr = (0o100000 | mode) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, file.read_bytes())
    else:
        raw = io.BytesIO()
        with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for inner, file, mode in members:
                info = tarfile.TarInfo(f"{top}/{inner}")
                info.size = file.stat().st_size
                info.mode, info.mtime = mode, mtime
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                with open(file, "rb") as f:
                    tar.addfile(info, f)
        with open(partial, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", compresslevel=6, mtime=mtime, filename="") as gz:
            gz.write(raw.getvalue())
    os.replace(partial, path)
    write_checksum(path)
    return path


def cmd_build(args: argparse.Namespace) -> None:
    target = target_named(args.target)
    binary = Path(args.binary) if args.binary else cargo_build(args.root, target)
    if not binary.is_file():
        raise ReleaseError(f"no binary at {binary}")
    path = make_archive(args.root, target, binary, Path(args.out))
    print(f"{path} ({path.stat().st_size} bytes, sha256 {read_checksum(path)})")


# ---- check ------------------------------------------------------------------------------------------


def host_runs(target: Target) -> bool:
    machine = platform.machine().lower()
    arch = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    system = {"darwin": "macos"}.get(sys.platform, "windows" if os.name == "nt" else sys.platform)
    return target.arch == arch and target.os == system


def program_kind(binary: bytes) -> tuple[str, str] | None:
    """(os, arch) of an ELF, Mach-O or PE executable, from its header; None for anything else."""
    if binary[:4] == b"\x7fELF" and len(binary) > 20:
        machine = int.from_bytes(binary[18:20], "little")
        return ("linux", {0x3E: "x86_64", 0xB7: "aarch64"}.get(machine, f"machine {machine:#x}"))
    if binary[:4] == b"\xcf\xfa\xed\xfe":
        cpu = int.from_bytes(binary[4:8], "little")
        return ("macos", {0x01000007: "x86_64", 0x0100000C: "aarch64"}.get(cpu, f"cpu {cpu:#x}"))
    if binary[:2] == b"MZ" and len(binary) > 0x40:
        pe = int.from_bytes(binary[0x3C:0x40], "little")
        if binary[pe : pe + 4] == b"PE\0\0":
            machine = int.from_bytes(binary[pe + 4 : pe + 6], "little")
            return ("windows", {0x8664: "x86_64", 0xAA64: "aarch64"}.get(machine, f"machine {machine:#x}"))
    return None


def archive_contents(path: Path, target: Target, problems: list[str]) -> dict[str, tuple[bytes, int]]:
    """Each regular file of ARCHIVE: its bytes and mode (read into memory; nothing is extracted)."""
    contents = {}
    if target.windows:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                contents[info.filename] = (archive.read(info), (info.external_attr >> 16) & 0o777)
    else:
        with tarfile.open(path, "r:gz") as tar:
            for info in tar.getmembers():
                if not info.isfile():
                    problems.append(f"{info.name} is not a regular file")
                    continue
                contents[info.name] = (tar.extractfile(info).read(), info.mode)
    return contents


def check(root: Path, path: Path, run: bool) -> list[str]:
    """What is wrong with ARCHIVE: its name, its checksum, its members, and (RUN) its binary."""
    ver = version(root)
    match = re.fullmatch(rf"{NAME}-{re.escape(ver)}-(.+?)(\.tar\.gz|\.zip)", path.name)
    if not match:
        return [f"{path.name} is not named {NAME}-{ver}-TARGET.tar.gz or .zip"]
    target = target_named(match.group(1))
    top = path.name.removesuffix(match.group(2))
    problems = []
    try:
        if read_checksum(path) != sha256(path):
            problems.append(f"{path.name}.sha256 does not match the archive")
    except (OSError, ReleaseError) as e:
        problems.append(str(e))
    try:
        contents = archive_contents(path, target, problems)
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, zlib.error, OSError) as e:
        return problems + [f"{path.name} cannot be read as a {'zip' if target.windows else 'gzipped tar'}: {e}"]
    expected = {f"{top}/{inner}": (file, mode) for inner, file, mode in shipped_files(root)}
    expected_names = set(expected) | {f"{top}/{target.binary}"}
    for name in sorted(set(contents) - expected_names):
        problems.append(f"{name} should not be in the archive")
    for name, (file, mode) in sorted(expected.items()):
        if name not in contents:
            problems.append(f"{name} is missing")
        elif contents[name][0] != file.read_bytes():
            problems.append(f"{name} differs from the repository's {file.relative_to(root)}")
        elif not target.windows and contents[name][1] != mode:
            problems.append(f"{name} has mode {contents[name][1]:o}, not {mode:o}")
    # The binary is checked by its header and, with --run, by running it.
    name = f"{top}/{target.binary}"
    binary, mode = contents.get(name, (b"", 0))
    kind = program_kind(binary)
    if name not in contents:
        problems.append(f"{name} is missing")
    elif not target.windows and mode != 0o755:
        problems.append(f"{name} has mode {mode:o}, not 755")
    elif len(binary) < 1 << 20:
        problems.append(f"{name} is {len(binary)} bytes: not a release binary")
    elif kind != (target.os, target.arch):
        said = f"a {kind[0]} {kind[1]} program" if kind else "no program this release knows"
        problems.append(f"{name} is {said}, not a {target.os} {target.arch} one")
    if run and not problems:
        problems += check_binary_runs(root, ver, contents, top, target)
    return problems


def check_binary_runs(root: Path, ver: str, contents: dict, top: str, target: Target) -> list[str]:
    """The archived binary says its version and prints the completions archived beside it."""
    if not host_runs(target):
        return [f"{target.triple} does not run on this machine: leave out --run"]
    # A virus scanner may still hold the program just run: its folder is left then, not an error.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as scratch:
        exe = Path(scratch) / target.binary
        exe.write_bytes(contents[f"{top}/{target.binary}"][0])
        exe.chmod(0o755)
        env = {"PATH": os.environ.get("PATH", ""), "HOME": scratch, "LLAMACLOUD_CONFIG_DIR": scratch}
        # What a Windows program needs to start at all.
        env.update({k: os.environ[k] for k in ["SYSTEMROOT", "WINDIR", "TEMP", "TMP"] if k in os.environ})
        said = subprocess.run([exe, "--version"], capture_output=True, text=True, env=env)
        problems = []
        if said.returncode != 0 or not re.fullmatch(rf"{NAME} {re.escape(ver)}( \([0-9a-f]+\))?\n", said.stdout):
            problems.append(f"`{NAME} --version` said {said.stdout!r} (exit {said.returncode})")
        bash = subprocess.run([exe, "completions", "bash"], capture_output=True, env=env)
        if bash.stdout != contents[f"{top}/completions/llamacloud.bash"][0]:
            problems.append("`llamacloud completions bash` differs from the archived completions/llamacloud.bash")
        return problems


def cmd_check(args: argparse.Namespace) -> None:
    path = Path(args.archive)
    problems = check(args.root, path, args.run)
    if problems:
        raise ReleaseError(f"{path.name}:\n  " + "\n  ".join(problems))
    print(f"{path.name}: ok" + (" (binary run)" if args.run else ""))


# ---- installers -------------------------------------------------------------------------------------


def archives_in(out: Path, ver: str) -> list[tuple[Target, Path, str]]:
    found = []
    for target in TARGETS + LOCAL_TARGETS:
        path = out / target.archive(ver)
        if path.is_file():
            digest = read_checksum(path)
            if digest != sha256(path):
                raise ReleaseError(f"{path.name}.sha256 does not match the archive: build it again")
            found.append((target, path, digest))
    if not found:
        raise ReleaseError(f"{out} holds no archive of {NAME} {ver}: run `release.py build` first")
    return found


def render(template: str, values: dict[str, str]) -> str:
    text = (HERE / template).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise ReleaseError(f"{template}: nothing fills {', '.join(sorted(set(left)))}")
    return text


def formula_platforms(found: list[tuple[Target, Path, str]], base_url: str) -> str:
    blocks = []
    for os_name, os_block in (("macos", "on_macos"), ("linux", "on_linux")):
        inner = []
        for arch, arch_block in (("aarch64", "on_arm"), ("x86_64", "on_intel")):
            # The first archive for the platform wins: the static musl build before a glibc one.
            for target, path, digest in found:
                if (target.os, target.arch) == (os_name, arch):
                    inner.append(
                        f"    {arch_block} do\n"
                        f'      url "{base_url}/{path.name}"\n'
                        f'      sha256 "{digest}"\n'
                        f"    end\n"
                    )
                    break
        if inner:
            blocks.append(f"  {os_block} do\n" + "".join(inner) + "  end\n")
    return "\n".join(blocks).rstrip("\n")


def release_notes(root: Path, ver: str, base_url: str, homepage: str) -> str:
    try:
        changes = changelog_section(root, ver)
    except ReleaseError:
        changes = "(CHANGELOG.md has no section for this version.)\n"
    return f"""{changes}
## Install

With the shell installer (Linux, macOS; the binary goes to `~/.local/bin`, its man pages beside it):

```sh
curl --proto '=https' --tlsv1.2 -LsSf {base_url}/llamacloud-installer.sh | sh
```

With PowerShell (Windows; into `~\\.local\\bin`, added to your PATH):

```powershell
powershell -ExecutionPolicy Bypass -c "irm {base_url}/llamacloud-installer.ps1 | iex"
```

With Homebrew, the formula `llamacloud.rb` is attached below (and pushed to the project's tap when it has
one). With cargo:

```sh
cargo install llamacloud --locked
```

Each archive holds the binary, completions for bash, zsh, fish, PowerShell and elvish, the man pages,
README, CHANGELOG and the licences. `SHA256SUMS` lists every file's SHA-256
(`sha256sum --check --ignore-missing SHA256SUMS`). See {homepage} for the documentation.
"""


# What may be written into the installers and the formula as a URL: no quote, space, `$`, backquote
# or backslash, which the shell, PowerShell or Ruby would read as more than text.
URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!&+,;=%-]+")


def checked_url(flag: str, value: str) -> str:
    value = value.rstrip("/")
    if not URL.fullmatch(value):
        raise ReleaseError(f"{flag} {value!r} is not an http(s) URL of letters, digits and URL punctuation")
    return value


def cmd_installers(args: argparse.Namespace) -> None:
    out = Path(args.out)
    ver = version(args.root)
    base_url = checked_url("--base-url", args.base_url)
    homepage = checked_url("--homepage", args.homepage)
    found = archives_in(out, ver)
    # target:sha256 pairs, in the order the installers prefer them.
    pairs = " ".join(f"{t.triple}:{digest}" for t, _, digest in found)
    values = {
        "VERSION": ver,
        "BASE_URL": base_url,
        "ARCHIVES": pairs,
        "HOMEPAGE": homepage,
        "REPOSITORY": checked_url("Cargo.toml's repository", repository(args.root)),
        "PLATFORMS": formula_platforms(found, base_url),
    }
    files = {
        "llamacloud-installer.sh": render("installer.sh.in", values),
        "llamacloud-installer.ps1": render("installer.ps1.in", values),
        "llamacloud.rb": render("formula.rb.in", values),
        "RELEASE_NOTES.md": release_notes(args.root, ver, base_url, homepage),
    }
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="\n")
    (out / "llamacloud-installer.sh").chmod(0o755)
    listed = sorted([p.name for _, p, _ in found] + INSTALLERS)
    sums = "".join(f"{sha256(out / name)}  {name}\n" for name in listed)
    (out / "SHA256SUMS").write_text(sums, encoding="utf-8", newline="\n")
    for name in listed + ["SHA256SUMS", "RELEASE_NOTES.md"]:
        print(out / name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="release.py", description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("plan", help="what a release holds; with --tag, check it may be released")
    p.add_argument("--tag")
    p.add_argument("--github-output", help="append version= and matrix= to this file (GITHUB_OUTPUT)")
    p.set_defaults(handler=cmd_plan)
    p = sub.add_parser("build", help="build TARGET in release mode and archive it")
    p.add_argument("--target", required=True)
    p.add_argument("--binary", help="archive this binary instead of building one")
    p.add_argument("--out", default="dist")
    p.set_defaults(handler=cmd_build)
    p = sub.add_parser("check", help="check an archive's name, checksum and contents")
    p.add_argument("archive")
    p.add_argument("--run", action="store_true", help="also run its binary (this machine's platform)")
    p.set_defaults(handler=cmd_check)
    p = sub.add_parser("installers", help="the shell and PowerShell installers, the formula, SHA256SUMS")
    p.add_argument("--base-url", required=True, help="where the release's files are downloaded from")
    p.add_argument("--homepage", required=True, help="the project's page, for the formula and the notes")
    p.add_argument("--out", default="dist")
    p.set_defaults(handler=cmd_installers)
    args = parser.parse_args(argv)
    try:
        args.handler(args)
    except (ReleaseError, subprocess.CalledProcessError, OSError) as e:
        print(f"release.py: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
