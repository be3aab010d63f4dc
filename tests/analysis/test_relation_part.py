"""The candidate score's relation_path part: a path to a local firm beyond a direct supply tie."""

from __future__ import annotations

import pytest

from chain_graph.analysis import AnalysisConfig, CandidateWeights
from chain_graph.cache import RevisionCache
from chain_graph.models import Kind, Shareholding
from chain_graph.services import gap_reports
from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.factories import relations_world


def _dye(store: EmbeddedStore, config: AnalysisConfig):  # type: ignore[no-untyped-def]
    found = gap_reports.candidates(store, RevisionCache(), config, "tex", segment_id="tex.dye")
    return next(c for c in found if c.company_id == "x-dye")


def test_a_two_hop_path_scores_two_thirds_and_names_it(embedded_store: EmbeddedStore) -> None:
    embedded_store.apply(Batch(upserts=relations_world()))
    part = _dye(embedded_store, AnalysisConfig()).parts["relation_path"]
    # x-dye supplies 示例贸易, which supplies 安踏: 2 hops of at most 3 → (3 + 1 - 2) / 3
    assert part.value == pytest.approx(2 / 3)
    assert part.contribution == pytest.approx(100 * 2 * (2 / 3) / 12)
    assert "安踏体育用品有限公司" in part.explanation and "2 跳" in part.explanation


def test_the_part_counts_in_the_score_and_follows_the_data(embedded_store: EmbeddedStore) -> None:
    embedded_store.apply(Batch(upserts=relations_world()))
    cache, config = RevisionCache(), AnalysisConfig()
    off = AnalysisConfig(weights=CandidateWeights(relation_path=0))
    with_path, without = _dye(embedded_store, config), _dye(embedded_store, off)
    # the other parts are rescaled from W = 10 to W = 12 and the path adds its own points
    assert with_path.score == pytest.approx(without.score * 10 / 12 + 100 * 2 * (2 / 3) / 12)
    # a direct shareholding by a local firm makes it a 1-hop path: the part is then worth 1
    embedded_store.upsert(Shareholding(holder_id="anta", company_id="x-dye", share_pct=10))
    fresh = next(c for c in gap_reports.candidates(embedded_store, cache, config, "tex", segment_id="tex.dye")
                 if c.company_id == "x-dye")  # fmt: skip
    assert fresh.parts["relation_path"].value == pytest.approx(1.0)
    assert embedded_store.count(Kind.SHAREHOLDING) == 2
