"""Shared by the benchmark scripts: replace one ``## Section`` of benchmarks/RESULTS.md."""

from __future__ import annotations

from pathlib import Path


def replace_section(path: Path, section: str, lines: list[str]) -> None:
    """Write ``lines`` (starting with the ``## section`` heading) in place of that section, or append them."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    start = text.find(section)
    if start >= 0:
        end = text.find("\n## ", start + len(section))
        text = text[:start] + text[end + 1 :] if end >= 0 else text[:start]
    path.write_text(text.rstrip() + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
