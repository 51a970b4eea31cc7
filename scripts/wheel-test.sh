#!/usr/bin/env bash
# The Python wheel (pyproject.toml: maturin, `bindings = "bin"`), as a pip/pipx/uv user gets it: built for
# this machine, installed into a fresh virtualenv, and run there: `llamacloud --version` must say the
# crate's version, and a parse against the bundled fake server (in a scratch HOME) must print the
# document's markdown. Also checks what the wheel and the source distribution hold. Exits non-zero on any
# failure; .ci/run runs it.
#
# maturin (pinned) comes from PyPI into a virtualenv of its own at target/maturin-venv. The wheel is built
# with cargo's `dev` profile (the debug build, stripped), which reuses the test suite's compiled
# dependencies: this checks the packaging, not the optimised binary. The release workflow builds the
# published wheels with the `dist` profile, as it builds the archives.
set -euo pipefail
cd "$(dirname "$0")/.."
maturin_version="1.16.0"
work="target/wheel-test"
venv="target/maturin-venv"

fail() {
  echo "wheel-test: $*" >&2
  exit 1
}

version="$(python3 -c 'import tomllib; print(tomllib.load(open("Cargo.toml", "rb"))["package"]["version"])')"

if ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('maturin') != '$maturin_version')" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "maturin==$maturin_version"
fi

rm -rf "$work"
mkdir -p "$work"
"$venv/bin/maturin" build --quiet --locked --profile dev --out "$work/dist"
"$venv/bin/maturin" sdist --out "$work/dist" >/dev/null 2>&1 || fail "maturin sdist failed"

# The wheel holds the binary as its one script, its metadata and licences, and nothing else; the
# binary holds no test switch (the `test-support` feature is for the test suite's builds only). The
# source distribution holds what cargo packages (Cargo.toml's `include`) and the test fixtures' crate,
# which cargo needs to read the manifest (a path dev-dependency), but no tests, scripts or CI.
python3 - "$work/dist" "$version" <<'EOF'
import glob, sys, tarfile, zipfile
dist, version = sys.argv[1], sys.argv[2]
problems = []
wheels = glob.glob(f"{dist}/*.whl")
sdists = glob.glob(f"{dist}/*.tar.gz")
if len(wheels) != 1 or len(sdists) != 1:
    sys.exit(f"wheel-test: expected one wheel and one sdist in {dist}, found {wheels + sdists}")
info = f"llamacloud_cli-{version}.dist-info"
with zipfile.ZipFile(wheels[0]) as wheel:
    names = set(wheel.namelist())
    expected = {f"llamacloud_cli-{version}.data/scripts/llamacloud", f"{info}/METADATA", f"{info}/WHEEL",
                f"{info}/RECORD", f"{info}/licenses/LICENSE-MIT", f"{info}/licenses/LICENSE-APACHE",
                f"{info}/sboms/llamacloud.cyclonedx.json"}
    if names != expected:
        problems.append(f"the wheel holds {sorted(names - expected)} and lacks {sorted(expected - names)}")
    metadata = wheel.read(f"{info}/METADATA").decode()
    for line in ["Name: llamacloud-cli", f"Version: {version}", "License-Expression: MIT OR Apache-2.0"]:
        if line not in metadata.splitlines():
            problems.append(f"the wheel's METADATA has no line {line!r}")
    binary = wheel.read(f"llamacloud_cli-{version}.data/scripts/llamacloud")
    if b"LLAMACLOUD_TEST_" in binary:
        problems.append("the wheel's binary reads a test-only variable (LLAMACLOUD_TEST_*)")
with tarfile.open(sdists[0]) as sdist:
    top = f"llamacloud_cli-{version}/"
    for name in sdist.getnames():
        inner = name.removeprefix(top)
        first = inner.split("/")[0]
        if first in {"tests", "scripts", "examples", ".ci", ".cargo", ".github", "proptest-regressions", "target"}:
            problems.append(f"the sdist holds {inner}")
        if first == "testkit" and not (inner == "testkit/Cargo.toml" or inner.startswith("testkit/src/")):
            problems.append(f"the sdist holds {inner}")
for problem in problems:
    print(f"wheel-test: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
wheel="$(ls "$work"/dist/*.whl)"

# A fresh virtualenv, as `pip install llamacloud-cli` in one makes it; from the wheel alone, no index.
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
installed="$work/venv/bin/llamacloud"
[ -x "$installed" ] || fail "the wheel installed no $installed"
said="$("$installed" --version)" || fail "llamacloud --version failed"
case "$said" in
  "llamacloud $version "* | "llamacloud $version") ;;
  *) fail "llamacloud --version said '$said', not llamacloud $version" ;;
esac

# A parse against the fake, by the installed program found on PATH, in a scratch HOME with nothing of
# this machine's environment.
fake="$(cargo build --locked --quiet -p testkit --bin fake-server --message-format=json |
  python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "fake-server" and m.get("executable"):
        print(m["executable"])')"
[ -x "$fake" ] || fail "no fake server was built"
scratch="$(mktemp -d)"
fake_pid=""
cleanup() {
  if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
"$fake" --port 0 >"$scratch/fake.out" 2>"$scratch/fake.err" &
fake_pid=$!
address=""
for _ in $(seq 1 100); do
  address="$(sed -n 's|^fake LlamaCloud listening on \(http://[^ ]*\)$|\1|p' "$scratch/fake.out")"
  [ -n "$address" ] && break
  kill -0 "$fake_pid" 2>/dev/null || fail "the fake server exited: $(cat "$scratch/fake.err")"
  sleep 0.1
done
[ -n "$address" ] || fail "the fake server did not say its address in 10 s"

mkdir -p "$scratch/home" "$scratch/docs"
printf '# Wheel check\n\nInstalled from %s.\n' "$(basename "$wheel")" >"$scratch/docs/wheel-check.md"
bin_dir="$PWD/$work/venv/bin"
parsed="$(cd "$scratch/docs" && env -i HOME="$scratch/home" PATH="$bin_dir:/usr/bin:/bin" \
  LLAMA_CLOUD_BASE_URL="$address" LLAMA_CLOUD_API_KEY=llx-demo \
  llamacloud parse wheel-check.md --tier agentic 2>"$scratch/parse.err")" ||
  fail "llamacloud parse failed: $(cat "$scratch/parse.err")"
grep -q -F "# Wheel check" <<<"$parsed" || fail "llamacloud parse printed no markdown of the document: $parsed"

echo "wheel-test: $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB) installs into a fresh virtualenv; llamacloud $version runs and parses"
