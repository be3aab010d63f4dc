"""The exports show the words of the one labels source (chain_graph.labels) and keep no copy of them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from chain_graph import labels
from chain_graph.analysis import AnalysisConfig
from chain_graph.analysis.scoring import PART_NAMES
from chain_graph.cache import RevisionCache
from chain_graph.export.excel import candidates_workbook, plans_workbook
from chain_graph.services import gap_reports
from chain_graph.services.exports import gaps_xlsx
from chain_graph.store import Batch, EmbeddedStore
from tests.export.test_excel import book, rows
from tests.factories import plan, plan_event, small_world

ROOT = Path(__file__).resolve().parents[2] / "chain_graph"
# the modules that used to hold label tables of their own
CHECKED = [
    *sorted((ROOT / "export").glob("*.py")),
    *sorted((ROOT / "reports").glob("*.py")),
    ROOT / "services" / "graph.py",
    ROOT / "services" / "plans.py",
    ROOT / "services" / "growth.py",
    ROOT / "services" / "appraisal.py",
    ROOT / "services" / "parks.py",
    ROOT / "appraisal" / "scoring.py",
    ROOT / "analysis" / "parks.py",
]


def test_the_plans_sheet_shows_the_plan_status_label() -> None:
    moved = plan(status="contacted")
    history = [plan_event(), plan_event(seq=2, action="move", from_status="identified", to_status="contacted")]
    wb = book(plans_workbook([moved], history))
    header, row = rows(wb["专案"])
    assert row[header.index("状态")] == labels.zh("plan_status", "contacted")
    assert row[header.index("类型(补链/强链/延链)")] == labels.zh("gap_type", "missing")
    head, _, second = rows(wb["变更记录"])
    assert second[head.index("原状态")] == labels.zh("plan_status", "identified")
    assert second[head.index("新状态")] == labels.zh("plan_status", "contacted")
    assert second[head.index("操作")] == labels.zh("plan_action", "move")


def test_the_score_parts_and_statuses_are_the_labels(embedded_store: EmbeddedStore) -> None:
    embedded_store.apply(Batch(upserts=small_world()))
    found = gap_reports.candidates(embedded_store, RevisionCache(), AnalysisConfig(), "tex")
    assert found, "the small world has candidates for its gaps"
    header, *body = rows(book(candidates_workbook(found))["候选企业"])
    for part in PART_NAMES:
        assert any(h.startswith(labels.zh("score_part", part)) and h.endswith("(分)") for h in header), part
    status = header.index("环节状态(缺链/弱链/强链)")
    assert [r[status] for r in body] == [labels.zh("gap_status", c.status) for c in found]
    _, data = gaps_xlsx(embedded_store, RevisionCache(), AnalysisConfig(), "tex")
    head, *segments = rows(book(data)["环节"])
    report = gap_reports.gaps(embedded_store, RevisionCache(), AnalysisConfig(), "tex")
    stage, state = head.index("阶段(上游/中游/下游)"), head.index("状态(缺链/弱链/强链)")
    assert [(r[stage], r[state]) for r in segments] == [
        (labels.zh("stage", s.stage), labels.zh("gap_status", s.status)) for s in report.segments
    ]


def label_tables(source: str) -> list[tuple[int, str]]:
    """Dict literals in ``source`` that copy labels: a value's own words under its key, or two
    words of one labels group. Returns (line, what) for each."""
    words = {(g, lab.zh): g for g, group in labels.LABELS.items() for lab in group.values()}
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Dict):
            continue
        pairs = [
            (k.value if isinstance(k, ast.Constant) else None, v.value)
            for k, v in zip(node.keys, node.values, strict=True)
            if isinstance(v, ast.Constant) and isinstance(v.value, str)
        ]
        per_group: dict[str, set[str]] = {}
        for key, value in pairs:
            for group_name, group in labels.LABELS.items():
                if isinstance(key, str) and key in group and group[key].zh == value:
                    found.append((node.lineno, f"{key!r}: {value!r} (labels group {group_name!r})"))
                if (group_name, value) in words:
                    per_group.setdefault(group_name, set()).add(value)
        found += [(node.lineno, f"words of {g!r}: {sorted(v)}") for g, v in per_group.items() if len(v) >= 2]
    return found


def test_the_table_finder_finds_a_copy() -> None:
    assert label_tables('STATUSES = {"missing": "缺链", "weak": "弱链"}')
    assert label_tables('X = {1: "上游", 2: "下游"}'), "two words of one group, whatever the keys"
    assert not label_tables('EXAMPLE = {"stage": "上游", "role": "核心", "name": "化纤（示例）"}')


@pytest.mark.parametrize("path", CHECKED, ids=[str(p.relative_to(ROOT)) for p in CHECKED])
def test_no_module_keeps_its_own_copy_of_the_labels(path: Path) -> None:
    assert path.is_file(), path
    copies = label_tables(path.read_text(encoding="utf-8"))
    assert not copies, f"{path.relative_to(ROOT)} copies chain_graph.labels: {copies}"
