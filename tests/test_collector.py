"""The cyclic collector is paused while a gap report or candidates are computed, and only then."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path
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


@pytest.mark.parametrize(
    ("read", "analysis", "answer"),
    [
        ("chain_facts", "chain_gaps", lambda store: gap_reports.gaps(store, RevisionCache(), AnalysisConfig(), "tex")),
        ("relation_paths", "rank_candidates",
         lambda store: gap_reports.candidates(store, RevisionCache(), AnalysisConfig(), "tex")),
    ],
    ids=["report", "candidates"],
)  # fmt: skip
def test_a_report_and_candidates_read_and_compute_with_the_collector_paused(
    embedded_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch, read: str, analysis: str, answer: Any
) -> None:
    embedded_store.apply(Batch(upserts=small_world()))
    seen: dict[str, bool] = {}

    def spied(name: str, original: Any) -> Any:
        def spy(*args: Any, **kwargs: Any) -> Any:
            seen[name] = gc.isenabled()
            return original(*args, **kwargs)

        return spy

    monkeypatch.setattr(embedded_store, read, spied("read", getattr(embedded_store, read)))
    monkeypatch.setattr(gap_reports, analysis, spied("analysis", getattr(gap_reports, analysis)))
    assert answer(embedded_store)
    assert seen == {"read": False, "analysis": False}
    assert gc.isenabled(), "the collector runs again afterwards"


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


def test_an_import_writes_with_the_collector_paused_then_resumes_it(
    embedded_store: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chain_graph.bundle import import_bundle
    from chain_graph.generate import generate_bundle

    generate_bundle(tmp_path / "bundle", companies=60, seed=3, chains=2, ties_per_company=2)
    seen: list[bool] = []
    apply = embedded_store.apply

    def spying(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return apply(*args, **kwargs)

    monkeypatch.setattr(embedded_store, "apply", spying)
    assert import_bundle(embedded_store, tmp_path / "bundle").applied
    assert seen and not any(seen), "the bundle is written with the collector paused"
    assert gc.isenabled(), "and it runs again afterwards"
