"""The report's inputs read through the Store interface: the same document on both stores."""

from __future__ import annotations

import datetime as dt

from chain_graph.analysis import KpiConfig
from chain_graph.cache import RevisionCache
from chain_graph.reports import Period
from chain_graph.services.reports import report_document
from chain_graph.store import Batch, Store
from tests.factories import small_world
from tests.reports.support import year_of_plans


def test_quarterly_document_from_each_store(store: Store) -> None:
    store.apply(Batch(upserts=[*small_world(), *year_of_plans()]))
    config = KpiConfig(annual_target_cny_100m={2025: 800.0})
    period = Period.of("quarterly", 2025, quarter=1)
    doc = report_document(store, RevisionCache(size=8), period, config=config, today=dt.date(2026, 1, 5))
    text = repr(doc)
    assert "159.75 亿元" in text and "完成率 20.0%" in text  # the year's KPI
    assert "['1', '晋江市', '40.50', '1', '0', '1', '0']" in text  # the quarter's ranking, with overdue plans
    assert "['4', '南安市', '0.00', '0', '0', '1', '1']" in text
    assert "['纺织鞋服', '50.0%', '2024-12-20', '75.0%', '2025-03-25', '+25.0', '1/0/3']" in text
    # the overdue plan's firm by its full name, the （示例） mark kept
    assert "'p-na-1', '浙江示例化纤有限公司（示例）', '南安市', '洽谈中', '2025-03-01', '31', '再次拜访'" in text
    assert "中国企业500强" in text  # list coverage read from the rankings
