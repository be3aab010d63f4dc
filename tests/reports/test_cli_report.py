"""``chain-graph report monthly|quarterly`` writes a .docx and a PDF holding the figures of
``chain-graph kpis --json`` for the same period, in Chinese that reads back (python-docx, pdftotext)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from chain_graph.reports.sections import amount, pct
from chain_graph.store import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.cli_support import Capture, assert_error, run, run_json, world_dir
from tests.reports.support import TARGETS, docx_text, pdf_text, year_of_plans


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHAIN_GRAPH_SIGNED_TARGETS", TARGETS)
    folder = world_dir(tmp_path / "db")
    with EmbeddedStore(folder) as store:
        store.apply(Batch(upserts=year_of_plans()))
    return folder


def flat(text: str) -> str:
    """Cells and runs of spaces as one space: a table row reads the same from Word and from the PDF."""
    return re.sub(r"\s+", " ", text.replace(" | ", " "))


def written(capsys: Capture, data_dir: Path, tmp_path: Path, *argv: str, suffix: str) -> str:
    out = tmp_path / f"report.{suffix}"
    code, stdout, err = run(capsys, "--data-dir", data_dir, "report", *argv, "-o", out)
    assert (code, err) == (0, ""), err
    assert f"to {out}" in stdout
    return flat(docx_text(out.read_bytes()) if suffix == "docx" else pdf_text(out))


def year_figures(k: dict[str, Any]) -> list[str]:
    """The year's KPI figures as the report prints them: signed investment, target, ratio, start rates."""
    si = k["signed_investment"]
    found = [f"{amount(si['amount_cny_100m'])} 亿元", f"{si['plans']} 个专案", f"{amount(si['target_cny_100m'])} 亿元",
             f"完成率 {pct(si['ratio'])}"]  # fmt: skip
    for r in k["start_rates"]:
        found.append(f"{r['year']} {r['contracted']} {r['started']} {pct(r['rate'])} {pct(r['goal'])}")
    return found


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_quarterly_report_holds_the_kpis_of_its_year(
    capsys: Capture, data_dir: Path, tmp_path: Path, suffix: str
) -> None:
    k = run_json(capsys, "--data-dir", data_dir, "kpis", "--year", "2025")["data"]
    assert k["signed_investment"]["amount_cny_100m"] == 159.75  # the fixture is what the test thinks it is
    text = written(capsys, data_dir, tmp_path, "quarterly", "--year", "2025", "--quarter", "1", suffix=suffix)
    assert "季度通报" in text and "2025年第一季度" in text
    for figure in year_figures(k):
        assert figure in text, figure
    # the quarter's own figures: Q1 signings only (p-jj-2 signed in May counts in the year, not here)
    assert "新签约 3 个、签约投资 59.75 亿元" in text and "3 个专案签约" in text
    assert "1 晋江市 40.50 1 0 1" in text and "2 泉港区 12.25 1 2 2" in text and "3 石狮市 7.00 1 0 1" in text
    # completeness of tex before and after the quarter, overdue plans, no events
    assert "纺织鞋服 50.0% 2024-12-20 75.0% 2025-03-25 +25.0" in text
    assert "p-na-1" in text and "截至 2025-04-01" in text and "再次拜访" in text
    assert "本期未记录招商活动" in text


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_monthly_report_holds_the_months_unit_ranking(
    capsys: Capture, data_dir: Path, tmp_path: Path, suffix: str
) -> None:
    k = run_json(capsys, "--data-dir", data_dir, "kpis", "--year", "2025", "--month", "2025-03")["data"]
    assert [u["unit"] for u in k["unit_ranking"]][:2] == ["石狮市", "泉港区"]
    text = written(capsys, data_dir, tmp_path, "monthly", "--year", "2025", "--month", "3", suffix=suffix)
    assert "逐月亮晒" in text and "2025年3月" in text
    for u in k["unit_ranking"]:
        signed = amount(u["signed_investment_cny_100m"])
        row = f"{u['rank']} {u['unit']} {signed} {u['signings']} {u['starts']} {u['moved']}"
        assert row in text, row
    for figure in year_figures(k):
        assert figure in text, figure


def test_format_option_overrides_the_suffix(capsys: Capture, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "报表.bin"
    code, _, err = run(capsys, "--data-dir", data_dir, "report", "monthly", "--year", "2025", "--month", "3",
                       "-o", out, "--format", "pdf")  # fmt: skip
    assert (code, err) == (0, "")
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("argv", "fragments", "code"),
    [
        (["monthly", "--year", "2025", "--month", "13"], ["month must be 1 to 12, got 13"], 1),
        (["quarterly", "--year", "2025", "--quarter", "0"], ["quarter must be 1 to 4, got 0"], 1),
        (["quarterly", "--year", "1800", "--quarter", "1"], ["year must be 1990 to 2100"], 1),
        (["monthly", "--year", "2025"], ["--month"], 2),
    ],
)
def test_bad_periods_are_refused_and_nothing_is_written(
    capsys: Capture, data_dir: Path, tmp_path: Path, argv: list[str], fragments: list[str], code: int
) -> None:
    out = tmp_path / "r.pdf"
    assert_error(run(capsys, "--data-dir", data_dir, "report", *argv, "-o", out), *fragments, code=code)
    assert not out.exists()


def test_an_unknown_suffix_is_refused(capsys: Capture, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    argv = ["--data-dir", data_dir, "report", "monthly", "--year", "2025", "--month", "3", "-o", out]
    assert_error(run(capsys, *argv), "a report is written as .docx or .pdf", "'txt'")
    assert not out.exists()
