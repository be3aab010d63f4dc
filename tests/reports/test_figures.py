"""The report's own figures, pure: periods, the unit ranking over a period, completeness change,
the event-results section, and the font check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chain_graph.analysis.kpis import unit_ranking
from chain_graph.errors import InvalidInput
from chain_graph.models import ChainSnapshot, TargetPlan
from chain_graph.reports import Para, Period, ReportInputs, quarterly_report
from chain_graph.reports.figures import completeness_changes, monthly_signed, unit_ranking_between
from tests.analysis.plans import event
from tests.reports.support import year_of_plans


def plans() -> list[TargetPlan]:
    return [r for r in year_of_plans() if isinstance(r, TargetPlan)]


@pytest.mark.parametrize(
    ("kind", "kwargs", "field"),
    [("monthly", {"month": 0}, "month"), ("monthly", {}, "month"), ("quarterly", {"quarter": 5}, "quarter"),
     ("quarterly", {"month": 3}, "month"), ("weekly", {"month": 1}, "report")],
)  # fmt: skip
def test_a_bad_period_names_its_field(kind: str, kwargs: dict[str, int], field: str) -> None:
    with pytest.raises(InvalidInput) as e:
        Period.of(kind, 2025, **kwargs)
    assert e.value.field == field


def test_a_quarter_runs_from_its_first_to_its_last_day() -> None:
    q4 = Period.of("quarterly", 2024, quarter=4)
    assert (q4.start, q4.end, q4.slug) == (dt.date(2024, 10, 1), dt.date(2024, 12, 31), "2024-Q4")
    assert Period.of("monthly", 2024, month=2).end == dt.date(2024, 2, 29)


@pytest.mark.parametrize("with_events", [False, True])
def test_a_months_ranking_over_the_period_is_the_kpi_ranking(with_events: bool) -> None:
    """One definition: the period ranking of a single month equals analysis.kpis.unit_ranking."""
    events = [
        event("p-na-1", 2, "2025-03-03T10:00", frm="visited", to="negotiating"),
        event("p-jj-1", 3, "2025-03-05T10:00", frm="signed_framework", to="signed_contract"),
        event("p-ss-1", 2, "2025-04-01T10:00", frm="negotiating", to="signed_framework"),
    ]
    events = events if with_events else []
    for month in range(1, 7):
        period = Period.of("monthly", 2025, month=month)
        assert unit_ranking_between(plans(), period, events=events) == unit_ranking(
            plans(), f"2025-{month:02d}", events=events
        )


def test_the_quarters_ranking_adds_up_its_months() -> None:
    quarter = {u.unit: u for u in unit_ranking_between(plans(), Period.of("quarterly", 2025, quarter=1))}
    months = [u for m in ("2025-01", "2025-02", "2025-03") for u in unit_ranking(plans(), m)]
    for unit, row in quarter.items():
        mine = [u for u in months if u.unit == unit]
        assert row.signed_investment_cny_100m == sum(u.signed_investment_cny_100m for u in mine)
        assert (row.signings, row.starts) == (sum(u.signings for u in mine), sum(u.starts for u in mine))
    assert [u.unit for u in quarter.values()] == ["晋江市", "泉港区", "石狮市", "南安市"]


def test_monthly_signed_leaves_dropped_plans_out() -> None:
    assert monthly_signed(plans(), 2025, 5) == [12.25, 40.5, 7.0, 0.0, 100.0]  # p-na-2 (9.0, dropped) is not in March


def test_completeness_change_reads_the_snapshots_around_the_period() -> None:
    snaps = [s for s in year_of_plans() if isinstance(s, ChainSnapshot)]
    snaps.append(ChainSnapshot(chain_id="tex", on=dt.date(2025, 4, 2), completeness=1.0, segments=4, missing=0,
                               weak=0, strong=4))  # fmt: skip
    rows = completeness_changes(snaps, {"tex": "纺织鞋服", "pc": "石油化工"}, Period.of("quarterly", 2025, quarter=1))
    assert [(r.chain_id, r.before.on, r.after.on) for r in rows if r.before and r.after] == [
        ("tex", dt.date(2024, 12, 20), dt.date(2025, 3, 25))
    ]  # the April snapshot is after the quarter; pc has none and is left out
    assert rows[0].change == pytest.approx(0.25)


def _events_text(results: dict | None) -> str:  # type: ignore[type-arg]
    from chain_graph.analysis import kpis

    k = kpis(plans(), year=2025, members={})
    inputs = ReportInputs(Period.of("quarterly", 2025, quarter=1), k, plans(), [], dt.date(2025, 4, 2),
                          event_results=results)  # fmt: skip
    section = next(s for s in quarterly_report(inputs).sections if "招商活动" in s.heading)
    return repr(section.blocks)


def test_event_results_render_or_say_there_were_none() -> None:
    assert "本期未记录招商活动" in _events_text(None)
    one = {"held_on": "2025-03-18", "name": "鞋服产业链专场推介会（示例）", "host_unit": "晋江市", "invited": 30,
           "attended": 21, "signed": 2, "signed_amount_cny_100m": 15.5}  # fmt: skip
    results = {"events": 1, "invited": 30, "attended": 21, "signed": 2, "signed_amount_cny_100m": 15.5, "started": 1,
               "start_rate": 0.5, "reports": [one]}  # fmt: skip
    text = _events_text(results)
    assert "本期未记录" not in text and "鞋服产业链专场推介会（示例）" in text and "15.50" in text and "50.0%" in text


def test_a_cff_font_is_refused_for_pdf(tmp_path: Path) -> None:
    from chain_graph.export.fonts import cjk_font

    cff = tmp_path / "noto.otf"
    cff.write_bytes(b"OTTO" + bytes(60))
    with pytest.raises(InvalidInput, match="not a TrueType font") as e:
        cjk_font(cff)
    assert e.value.field == "CHAIN_GRAPH_REPORT_FONT"
    with pytest.raises(InvalidInput, match="no font file"):
        cjk_font(tmp_path / "missing.ttf")


def test_summary_is_a_sentence_of_the_quarter() -> None:
    from chain_graph.analysis import kpis

    k = kpis(plans(), year=2025, members={})
    doc = quarterly_report(ReportInputs(Period.of("quarterly", 2025, quarter=1), k, plans(), [], dt.date(2025, 4, 2)))
    first = doc.sections[0].blocks[0]
    assert isinstance(first, Para)
    assert "新签约 3 个、签约投资 59.75 亿元，新开工 2 个" in first.text
