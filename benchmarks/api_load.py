"""API throughput: ``GET /chains/{chain}/gaps`` under concurrent load, measured with wrk.

    python benchmarks/api_load.py                          # 32 clients, 30 s, 2 workers
    python benchmarks/api_load.py --connections 64 --duration 10 --workers 1
    python benchmarks/api_load.py --results benchmarks/RESULTS.md

What ``chain-graph demo`` serves, made by hand so that the key is a viewer's: a fresh embedded
store in a temporary folder with the seed data (``chain-graph import seed_data``), a viewer key
(``chain-graph keys create --role viewer``), then ``chain-graph serve --workers N`` as a child
process. One request checks the answer (200, JSON) and warms the cache; then wrk
(``apt-get install -y wrk``: the script installs it when it runs as root, else says so) loads
the endpoint with the key header and ``--latency``. Figures: requests/s, p50/p99, errors
(non-2xx/3xx responses + socket errors). Goals: ≥ 500 req/s, p99 ≤ 100 ms, no error. The server
is stopped at the end whatever happens; ``--results`` replaces the "API throughput" section.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import replace_section

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## API throughput"
CHAIN = "textile-apparel-footwear"
GOALS = {"rps": 500.0, "p99_ms": 100.0, "errors": 0}


def cli(data_dir: str, *args: str) -> str:
    """Run ``chain-graph --data-dir DATA_DIR ARGS``; its stdout (exit on failure)."""
    done = subprocess.run(
        [sys.executable, "-m", "chain_graph.cli", "--data-dir", data_dir, *args],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"chain-graph {' '.join(args)} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def ensure_wrk() -> str:
    """The wrk binary, installed from Debian when missing and we are root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit("wrk is not installed: run `sudo apt-get install -y wrk` and try again")
    print("wrk missing: apt-get install -y wrk", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=False, env=env, capture_output=True)
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, env=env, capture_output=True)
    return shutil.which("wrk") or "wrk"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer {url} within {timeout:.0f} s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server we started (its own process group: uvicorn and its workers)."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def to_ms(text: str) -> float:
    """wrk's durations: ``812.00us``, ``3.21ms``, ``1.02s``, ``1.5m``."""
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not m:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[m.group(2)]


def parse_wrk(out: str) -> dict[str, float]:
    """Requests/s, latency percentiles (ms), request count and errors from wrk's report."""
    result: dict[str, float] = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not m:
        raise ValueError(f"no Requests/sec in wrk's output:\n{out}")
    result["rps"] = float(m.group(1))
    for pct in ("50", "75", "90", "99"):
        p = re.search(rf"^\s+{pct}%\s+(\S+)", out, re.MULTILINE)
        if p:
            result[f"p{pct}_ms"] = to_ms(p.group(1))
    m = re.search(r"(\d+) requests in ([\d.]+\w+),", out)
    result["requests"] = float(m.group(1)) if m else float("nan")
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    result["non_2xx"] = float(m.group(1)) if m else 0.0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["socket_errors"] = float(sum(int(g) for g in m.groups())) if m else 0.0
    result["errors"] = result["non_2xx"] + result["socket_errors"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=30, help="seconds (default 30)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes (default 2)")
    parser.add_argument("--chain", default=CHAIN)
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()

    wrk = ensure_wrk()
    wrk_version = subprocess.run([wrk, "--version"], capture_output=True, text=True).stdout.splitlines()[0].strip()
    with tempfile.TemporaryDirectory(prefix="cg-apiload-") as data_dir:
        cli(data_dir, "import", str(ROOT / "seed_data"))
        key = cli(data_dir, "keys", "create", "--role", "viewer", "--name", "api-load").strip().splitlines()[-1]
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "CHAIN_GRAPH_STORE": "embedded", "CHAIN_GRAPH_DATA_DIR": data_dir}
        server = subprocess.Popen(
            [sys.executable, "-m", "chain_graph.cli", "--data-dir", data_dir, "serve", "--port", str(port),
             "--workers", str(args.workers)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            wait_ready(f"{base}/healthz", server)
            url = f"{base}/chains/{args.chain}/gaps"
            for _ in range(2 * args.workers):  # check the answer; warm each worker's cache
                request = urllib.request.Request(url, headers={"X-API-Key": key})
                with urllib.request.urlopen(request, timeout=30) as r:
                    body = r.read()
                    assert r.status == 200, r.status
            size = len(body)
            assert json.loads(body)["chain_id"] == args.chain
            command = [wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
                       "-H", f"X-API-Key: {key}", url]  # fmt: skip
            print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency {url}", flush=True)
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 60)
            print(done.stdout, flush=True)
            if done.returncode != 0:
                raise SystemExit(f"wrk failed: {done.stderr.strip()}")
        finally:
            stop(server)
    r = parse_wrk(done.stdout)
    ok = {
        "rps": r["rps"] >= GOALS["rps"],
        "p99": r.get("p99_ms", float("inf")) <= GOALS["p99_ms"],
        "errors": r["errors"] <= GOALS["errors"],
    }
    lines = [
        "| endpoint | server | clients | seconds | requests | req/s | p50 ms | p90 ms | p99 ms | non-2xx "
        "| socket errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        f"| `GET /chains/{args.chain}/gaps` ({size:,} B JSON) | embedded, {args.workers} workers "
        f"| {args.connections} | {args.duration} | {r['requests']:,.0f} | **{r['rps']:,.0f}** | {r['p50_ms']:.1f} "
        f"| {r.get('p90_ms', float('nan')):.1f} | **{r['p99_ms']:.1f}** | {r['non_2xx']:.0f} "
        f"| {r['socket_errors']:.0f} |",
        "",
        f"Goals: ≥ {GOALS['rps']:.0f} req/s ({'met' if ok['rps'] else 'MISSED'}), "
        f"p99 ≤ {GOALS['p99_ms']:.0f} ms ({'met' if ok['p99'] else 'MISSED'}), "
        f"no error ({'met' if ok['errors'] else 'MISSED'}).",
    ]
    print("\n".join(lines), flush=True)
    if args.results:
        write_section(args.results, lines, " ".join(sys.argv[1:]), wrk_version, args.threads)


def write_section(path: Path, lines: list[str], argv: str, wrk_version: str, threads: int) -> None:
    import importlib.metadata as md

    versions = ", ".join(f"{p} {md.version(p)}" for p in ("fastapi", "uvicorn", "networkx", "pydantic"))
    head = [
        SECTION,
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.node()}: {os.cpu_count()} cores (wrk and the server "
        f"share them), Python {platform.python_version()}, {versions}; {wrk_version}, {threads} threads.",
        f"Command: `python benchmarks/api_load.py {argv}`. Embedded store with the seed data, a viewer key in "
        "`X-API-Key`, `chain-graph serve --workers N`; the gap report is served from each worker's "
        "RevisionCache as ready-made JSON bytes (one warm-up request per worker before wrk starts).",
        "",
    ]
    replace_section(path, SECTION, head + lines)


if __name__ == "__main__":
    main()
