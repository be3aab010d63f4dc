"""``chain-graph gaps / candidates / whatif / kpis / snapshot(s)``: the API's service functions, in a terminal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chain_graph.analysis import AnalysisConfig
from chain_graph.cache import RevisionCache
from chain_graph.cli.render import display_width
from chain_graph.services import gap_reports
from chain_graph.store import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.cli_support import Capture, assert_error, run, run_json, world_dir
from tests.factories import plan


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return world_dir(tmp_path / "data")


# -- gaps ------------------------------------------------------------------------------------------


def test_gaps_shows_segments_by_stage_with_statuses_and_completeness(capsys: Capture, data: Path) -> None:
    code, out, err = run(capsys, "--data-dir", data, "gaps", "tex")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("纺织鞋服（tex）")
    assert "完整度 completeness: 22.2%" in lines[1] and "缺链 3 · 弱链 0 · 强链 1" in lines[1]
    assert lines[3].split()[:4] == ["stage", "segment", "id", "status"]
    table = lines[4 : lines.index("", 4)]
    rows = {next(word for word in line.split() if word.startswith("tex.")): line for line in table}
    assert list(rows) == ["tex.fiber", "tex.dye", "tex.weave", "tex.shoe"]
    assert "缺链 missing" in rows["tex.fiber"] and "强链 strong" in rows["tex.shoe"]
    assert "上游 upstream" in rows["tex.fiber"] and "下游 downstream" in rows["tex.shoe"]
    # the id column starts at the same display column on every row, Chinese names or not
    starts = {display_width(line[: line.index(" tex.") + 1]) for line in rows.values()}
    assert len(starts) == 1
    assert "延链 extensions (1)" in out and "tex.weave" in out
    assert (
        "外地供应依赖 supply dependency (1 ties)" in out
        and "浙江示例化纤有限公司（示例） → 安踏体育用品有限公司" in out
    )
    assert "脆弱环节 fragile links: none" in out


def test_gaps_json_is_the_report_the_api_serves(capsys: Capture, data: Path) -> None:
    payload = run_json(capsys, "gaps", "tex", "--data-dir", data)
    report = payload["data"]
    assert {"chain_id", "segments", "extensions", "supply_dependency", "fragile", "completeness"} <= set(report)
    segment = next(s for s in report["segments"] if s["segment_id"] == "tex.shoe")
    assert {k: segment[k] for k in ("name", "stage", "status", "local_count", "leading_count", "local_revenue")} == {
        "name": "运动鞋服", "stage": "downstream", "status": "strong", "local_count": 1, "leading_count": 1,
        "local_revenue": 100.5,
    }  # fmt: skip
    with EmbeddedStore(data) as store:
        served = gap_reports.gaps(store, RevisionCache(), AnalysisConfig(home_region="350500"), "tex").to_dict()
    assert report == served


def test_gaps_of_a_county(capsys: Capture, data: Path) -> None:
    report = run_json(capsys, "gaps", "tex", "--county", "350582", "--data-dir", data)["data"]
    assert report["county"]["county_id"] == "350582"
    assert {s["segment_id"]: s["status"] for s in report["county"]["segments"]}["tex.shoe"] == "strong"
    code, out, _ = run(capsys, "gaps", "tex", "--county", "350505", "--data-dir", data)
    assert code == 0 and "县域 county 泉港区（350505）" in out and "缺链 4" in out


def test_gaps_of_an_unknown_chain_is_one_error_line(capsys: Capture, data: Path) -> None:
    assert_error(run(capsys, "gaps", "nope", "--data-dir", data), "'nope'")


# -- candidates ------------------------------------------------------------------------------------


def test_candidates_table_ranks_scores_lists_and_ties(capsys: Capture, data: Path) -> None:
    code, out, err = run(capsys, "candidates", "tex", "--data-dir", data)
    assert (code, err) == (0, "")
    header, first = out.splitlines()[:2]
    assert header.split()[:4] == ["#", "score", "company", "id"]
    assert first.split()[0] == "1" and "示例化纤" in first and "x-fiber" in first
    assert "化纤 (缺链 missing)" in first
    assert "中国企业500强 #120" in first and "中国民营企业500强 #80" in first
    assert "→安踏体育用品有限公司" in first and "←福建联合石油化工有限公司" in first
    assert float(first.split()[1]) > 0


def test_candidates_filters_reach_the_service(capsys: Capture, data: Path) -> None:
    def ids(*argv: str) -> list[str]:
        payload = run_json(capsys, "candidates", "tex", "--data-dir", data, *argv)
        assert payload["count"] >= len(payload["data"])
        return [c["company_id"] for c in payload["data"]]

    assert ids() == ["x-fiber"]
    assert ids("--list", "china-500", "--list", "fortune-global-500") == ["x-fiber"]
    assert ids("--list", "fortune-global-500") == []
    assert ids("--country", "cn", "--segment", "tex.fiber") == ["x-fiber"]
    assert ids("--country", "US") == []
    assert ids("--min-score", "99.5") == []
    candidate = run_json(capsys, "candidates", "tex", "--data-dir", data)["data"][0]
    assert {"score", "parts", "lists", "ties", "plan", "segment_id"} <= set(candidate)


def test_candidates_limit_keeps_the_total(capsys: Capture, data: Path) -> None:
    with EmbeddedStore(data) as store:  # a second candidate: another external fibre maker
        from chain_graph.models import Company, CompanySegment

        second = Company(company_id="y-fiber", name="江苏乙化纤", region="330000")
        store.apply(Batch(upserts=[second, CompanySegment(company_id="y-fiber", segment_id="tex.fiber", role="core")]))
    payload = run_json(capsys, "candidates", "tex", "--limit", "1", "--data-dir", data)
    assert (len(payload["data"]), payload["count"]) == (1, 2)
    code, out, _ = run(capsys, "candidates", "tex", "--limit", "1", "--data-dir", data)
    assert code == 0 and out.rstrip().endswith("… 1 more (--limit 0 shows all)")
    assert len(run_json(capsys, "candidates", "tex", "--limit", "0", "--data-dir", data)["data"]) == 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--list", "top-10"], "invalid choice"),
        (["--country", "CHN"], "two-letter"),
        (["--min-score", "101"], "0 to 100"),
        (["--limit", "-1"], "0 or more"),
    ],
)
def test_candidates_bad_options_are_usage_errors(capsys: Capture, data: Path, argv: list[str], message: str) -> None:
    assert_error(run(capsys, "candidates", "tex", "--data-dir", data, *argv), message, code=2)


def test_candidates_of_an_unknown_segment(capsys: Capture, data: Path) -> None:
    assert_error(run(capsys, "candidates", "tex", "--segment", "tex.nope", "--data-dir", data), "tex.nope")


# -- whatif ----------------------------------------------------------------------------------------


def test_whatif_shows_the_segment_it_closes(capsys: Capture, data: Path) -> None:
    code, out, err = run(capsys, "whatif", "tex", "x-fiber", "--data-dir", data)
    assert (code, err) == (0, "")
    assert "22.2% → 50.0% (+27.8 points)" in out
    closing = next(line for line in out.splitlines() if line.startswith("化纤"))
    assert "缺链 missing → 弱链 weak" in closing and "0 → 1" in closing and "✓ closes" in closing
    result = run_json(capsys, "whatif", "tex", "x-fiber", "--data-dir", data)["data"]
    assert [s["segment_id"] for s in result["closes"]] == ["tex.fiber"]
    assert result["completeness_after"] > result["completeness_before"]


def test_whatif_of_an_unknown_company_or_chain(capsys: Capture, data: Path) -> None:
    assert_error(run(capsys, "whatif", "tex", "nobody", "--data-dir", data), "'nobody'")
    assert_error(run(capsys, "whatif", "nope", "x-fiber", "--data-dir", data), "'nope'")


# -- kpis ------------------------------------------------------------------------------------------


@pytest.fixture
def with_plans(data: Path) -> Path:
    signed = {"status": "started", "signed_on": "2024-03-05", "contract_on": "2024-03-05", "started_on": "2024-05-20"}
    with EmbeddedStore(data) as store:
        store.apply(Batch(upserts=[plan("p1", **signed), plan("p2", unit="石狮市", expected_investment_cny_100m=3.0)]))
    return data


def test_kpis_human_report(capsys: Capture, with_plans: Path) -> None:
    code, out, err = run(capsys, "kpis", "--year", "2024", "--data-dir", with_plans)
    assert (code, err) == (0, "")
    assert out.startswith("KPIs 2024\n签约投资 signed investment: 12.50 亿元")
    assert "逐月亮晒 unit ranking 2024-05" in out
    ranking = [line.split() for line in out.splitlines() if "晋江市" in line]
    assert ranking and ranking[0][:2] == ["1", "晋江市"]
    rate = next(line for line in out.splitlines() if line.strip().startswith("2024 "))
    assert rate.split()[1:4] == ["1", "1", "100.0%"]
    assert "中国企业500强" in out and "china-500" in out


def test_kpis_json_and_month(capsys: Capture, with_plans: Path) -> None:
    report = run_json(capsys, "kpis", "--month", "2024-03", "--data-dir", with_plans)["data"]
    assert (report["year"], report["month"]) == (2024, "2024-03")
    assert report["signed_investment"]["amount_cny_100m"] == 12.5
    assert report["unit_ranking"][0]["unit"] == "晋江市" and report["unit_ranking"][0]["signings"] == 1
    this_year = run_json(capsys, "kpis", "--data-dir", with_plans)["data"]
    assert this_year["year"] == dt.date.today().year
    assert_error(run(capsys, "kpis", "--month", "2024-13", "--data-dir", with_plans), "YYYY-MM", code=2)


# -- snapshots -------------------------------------------------------------------------------------


def test_snapshot_records_today_and_snapshots_lists_them(capsys: Capture, data: Path) -> None:
    code, out, _ = run(capsys, "snapshot", "tex", "--data-dir", data)
    today = dt.date.today().isoformat()
    assert code == 0 and out.strip() == f"recorded tex on {today}: 完整度 22.2%"
    again = run_json(capsys, "snapshot", "tex", "--data-dir", data)["data"]
    assert again["on"] == today and again["missing"] == 3 and again["segments"] == 4
    listed = run_json(capsys, "snapshots", "tex", "--data-dir", data)
    assert listed["count"] == 1 and listed["data"][0]["completeness"] == pytest.approx(2 / 9)
    code, out, _ = run(capsys, "snapshots", "tex", "--data-dir", data)
    assert code == 0 and out.splitlines()[1].split() == [today, "22.2%", "4", "3", "0", "1"]
    assert run(capsys, "snapshots", "pc", "--data-dir", data)[1].startswith("no snapshot recorded")


def test_snapshots_of_an_unknown_chain(capsys: Capture, data: Path) -> None:
    assert_error(run(capsys, "snapshot", "nope", "--data-dir", data), "'nope'")
    assert_error(run(capsys, "snapshots", "nope", "--data-dir", data), "'nope'")
