"""The cyclic collector is paused while a gap report is computed, and only then (chain_graph.collector)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from chain_graph.analysis import AnalysisConfig
from chain_graph.cache import RevisionCache
from chain_graph.collector import paused_collection
from chain_graph.services import gap_reports
from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.factories import small_world


@pytest.fixture(autouse=True)
def collecting() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_a_report_reads_its_facts_and_computes_with_the_collector_paused(
    embedded_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded_store.apply(Batch(upserts=small_world()))
    seen: dict[str, bool] = {}
    chain_facts, chain_gaps = embedded_store.chain_facts, gap_reports.chain_gaps

    def facts(*args: Any, **kwargs: Any) -> Any:
        seen["facts"] = gc.isenabled()
        return chain_facts(*args, **kwargs)

    def analysis(*args: Any, **kwargs: Any) -> Any:
        seen["analysis"] = gc.isenabled()
        return chain_gaps(*args, **kwargs)

    monkeypatch.setattr(embedded_store, "chain_facts", facts)
    monkeypatch.setattr(gap_reports, "chain_gaps", analysis)
    found = gap_reports.gaps(embedded_store, RevisionCache(), AnalysisConfig(), "tex")
    assert found.chain_id == "tex"
    assert seen == {"facts": False, "analysis": False}
    assert gc.isenabled(), "the collector runs again after the report"


def test_a_failing_report_resumes_the_collector(embedded_store: EmbeddedStore) -> None:
    with pytest.raises(Exception, match="no chain"):
        gap_reports.gaps(embedded_store, RevisionCache(), AnalysisConfig(), "nowhere")
    assert gc.isenabled()


def test_overlapping_pauses_resume_when_the_last_ends() -> None:
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    states: list[bool] = []

    def first() -> None:
        with paused_collection():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with paused_collection():
        second_in.set()
        first_out.wait(5)
        states.append(gc.isenabled())  # the first pause has ended, this one has not
    thread.join(5)
    assert states == [False]
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    with paused_collection():
        pass
    assert not gc.isenabled()
    gc.enable()
