"""rank_leads: 链主 leads ranked by tie amount, list membership and how many local firms they serve.

Each test pits two leads that differ in one factor only, so a ranking that ignored that factor
would tie them and order them by company id — the test names the loser's id so that it sorts first.
"""

from __future__ import annotations

import math

import pytest

from chain_graph.analysis import AnalysisConfig
from chain_graph.analysis.leads import rank_leads
from chain_graph.errors import InvalidInput
from chain_graph.facts import LeadFacts, LeadTie, RankFact


def _tie(partner: str, amount: float | None = 1.0) -> LeadTie:
    return LeadTie("anta", "安踏", partner, f"{partner}（示例）", "supplier", "面料", amount, "illustrative: t", None)


def _order(facts: LeadFacts) -> list[str]:
    return [lead.company_id for lead in rank_leads(facts, AnalysisConfig())]


def test_a_bigger_tie_ranks_first() -> None:
    facts = LeadFacts([_tie("a-small", 1.0), _tie("b-big", 8.0)], {}, {"a-small": 1, "b-big": 1}, {})
    assert _order(facts) == ["b-big", "a-small"]


def test_a_listed_partner_ranks_first() -> None:
    ranks = {"b-listed": [RankFact("b-listed", "fortune-global-500", 2024, 10)]}
    facts = LeadFacts([_tie("a-plain"), _tie("b-listed")], ranks, {"a-plain": 1, "b-listed": 1}, {})
    assert _order(facts) == ["b-listed", "a-plain"]


def test_a_partner_serving_more_local_firms_ranks_first() -> None:
    facts = LeadFacts([_tie("a-one"), _tie("b-many")], {}, {"a-one": 1, "b-many": 4}, {})
    assert _order(facts) == ["b-many", "a-one"]


def test_the_parts_are_explained_and_add_up() -> None:
    ranks = {"x": [RankFact("x", "china-500", 2024, 51)]}
    [lead] = rank_leads(LeadFacts([_tie("x", 3.0)], ranks, {"x": 2}, {}), AnalysisConfig())
    amount = math.log10(4) / math.log10(11)  # 3 亿元 against the 10 亿元 reference
    assert lead.parts["amount"].value == pytest.approx(amount)
    assert lead.parts["lists"].value == pytest.approx(0.7 * (1 - 50 / 500))  # tier 2 × rank factor
    assert lead.parts["local_firms"].value == pytest.approx(2 / 5)
    assert lead.score == pytest.approx(100 * (2 * amount + 0.7 * 0.9 + 0.4) / 4)
    assert (
        "中国企业500强" in lead.parts["lists"].explanation and "2 家本地企业" in lead.parts["local_firms"].explanation
    )


def test_a_negative_limit_is_refused() -> None:
    with pytest.raises(InvalidInput, match="limit"):
        rank_leads(LeadFacts([], {}, {}, {}), AnalysisConfig(), limit=-1)
