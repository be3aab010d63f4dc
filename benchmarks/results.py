"""Shared by the benchmark scripts: replace one ``## Section`` of benchmarks/RESULTS.md; run a child."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def replace_section(path: Path, section: str, lines: list[str]) -> None:
    """Write ``lines`` (starting with the ``## section`` heading) in place of that section, or append them."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    start = text.find(section)
    if start >= 0:
        end = text.find("\n## ", start + len(section))
        text = text[:start] + text[end + 1 :] if end >= 0 else text[:start]
    path.write_text(text.rstrip() + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


def run_script(script: str, *args: str) -> dict[str, Any]:
    """Run a benchmark script as a child (fresh interpreter): its last stdout line as JSON, plus its
    peak RSS in MiB (ru_maxrss from wait4)."""
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen([sys.executable, script, *args], stdout=subprocess.PIPE, text=True, cwd=root)
    _, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read() if proc.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"child {args} failed:\n{out}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mib"] = usage.ru_maxrss / 1024
    return result
