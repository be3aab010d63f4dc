"""The CLI shows the words of chain_graph.labels, not copies of its own.

Each test first checks the CLI prints ``labels.zh(group, value)``, then replaces that group in
the labels table with made-up words and runs the command again: a CLI module holding its own
copy of the words would still print the old ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chain_graph import labels
from chain_graph.generate import parts
from chain_graph.labels import Label
from tests.cli_support import Capture, run, world_dir
from tests.test_cli_plans import MANUAL


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return world_dir(tmp_path / "data")


def _relabel(monkeypatch: pytest.MonkeyPatch, group: str) -> dict[str, str]:
    """Replace one group's Chinese words by made-up ones (试1, 试2, …); returns value → new word."""
    words = {value: f"试{i}" for i, value in enumerate(labels.group(group), 1)}
    monkeypatch.setitem(labels._LABELS, group, {v: Label(w, labels.en(group, v)) for v, w in words.items()})
    return words


def test_plan_list_and_show_print_the_plan_status_labels(
    capsys: Capture, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, *MANUAL, "--data-dir", data)[0] == 0
    listed = run(capsys, "plan", "list", "--data-dir", data)[1]
    assert f"{labels.zh('plan_status', 'identified')} identified" in listed  # 已识别 identified
    words = _relabel(monkeypatch, "plan_status")
    assert f"{words['identified']} identified" in run(capsys, "plan", "list", "--data-dir", data)[1]
    assert f"{words['identified']} identified" in run(capsys, "plan", "show", "p1", "--data-dir", data)[1]


def test_gaps_print_the_stage_and_status_labels(capsys: Capture, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run(capsys, "--data-dir", data, "gaps", "tex")[1]
    assert f"{labels.zh('gap_status', 'missing')} missing" in out
    assert f"{labels.zh('stage', 'upstream')} upstream" in out
    stages, statuses = _relabel(monkeypatch, "stage"), _relabel(monkeypatch, "gap_status")
    out = run(capsys, "--data-dir", data, "gaps", "tex")[1]
    assert f"{statuses['missing']} missing" in out and f"{stages['upstream']} upstream" in out


def test_show_labels_each_stage(capsys: Capture, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    words = _relabel(monkeypatch, "stage")
    code, out, _ = run(capsys, "--data-dir", data, "show", "tex", "--json")
    assert code == 0 and f'"label": "{words["upstream"]}"' in out


def test_the_generator_names_stages_in_the_labels_words() -> None:
    assert {s: labels.zh("stage", s) for s in ("upstream", "midstream", "downstream")} == parts.STAGE_NAMES
