"""The analysis contract: gap reports, candidate rankings and what-ifs are the same on every store,
and the same as an independent reference.

Each test loads the same data into the parametrized ``store`` (``[embedded]`` and ``[neo4j]``) and
into :class:`~tests.contract.reference.ReferenceFacts` — plain Python over the records, no SQL, no
Cypher — and runs the same services (:mod:`chain_graph.services.gap_reports`) over both: the gap
report, the candidates, a segment's candidates and what-ifs, compared as plain dicts. Plans are
read back from each store, so the plan round trip is part of the contract too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chain_graph.analysis import AnalysisConfig
from chain_graph.bundle import import_bundle
from chain_graph.cache import RevisionCache
from chain_graph.generate import generate_bundle
from chain_graph.models import Kind, Record
from chain_graph.services import gap_reports
from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.analysis.seed import seed_records
from tests.contract.reference import ROLE_RANK, ReferenceFacts
from tests.factories import plan, small_world

SEED = Path(__file__).resolve().parents[2] / "seed_data"
TEXTILE = "textile-apparel-footwear"
PETROCHEM = "petrochemical"
CONFIG = AnalysisConfig()


def _analysis(
    source: Any, chain_id: str, *, county: str | None = None, whatifs: tuple[str, ...] = (), segment: str | None = None
) -> dict[str, Any]:
    """Everything the analysis says about one chain, as plain JSON-able data."""
    cache = RevisionCache()
    result: dict[str, Any] = {
        "gaps": gap_reports.gaps(source, cache, CONFIG, chain_id).to_dict(),
        "candidates": [c.to_dict() for c in gap_reports.candidates(source, cache, CONFIG, chain_id)],
        "whatif": {c: gap_reports.what_if_landed(source, cache, CONFIG, chain_id, c).to_dict() for c in whatifs},
    }
    if county is not None:
        result["county"] = gap_reports.gaps(source, cache, CONFIG, chain_id, county).to_dict()
    if segment is not None:
        found = gap_reports.candidates(source, cache, CONFIG, chain_id, segment_id=segment)
        result["segment"] = [c.to_dict() for c in found[:5]]
    return result


def _diff(got: dict[str, Any], want: dict[str, Any]) -> None:
    """Compare part by part, so that a failure names the part that differs."""
    assert got.keys() == want.keys()
    for part in want:
        assert got[part] == want[part], f"{part} differs from the reference"


# -- small world ---------------------------------------------------------------------------------


def _small_records(with_plan: bool) -> list[Record]:
    return small_world() + ([plan(status="started")] if with_plan else [])


@pytest.fixture(scope="module")
def small_expected() -> dict[bool, dict[str, dict[str, Any]]]:
    expected: dict[bool, dict[str, dict[str, Any]]] = {}
    for with_plan in (False, True):
        ref = ReferenceFacts(_small_records(with_plan))
        expected[with_plan] = {
            "tex": _analysis(ref, "tex", county="350582", whatifs=("x-fiber", "anta"), segment="tex.fiber"),
            "pc": _analysis(ref, "pc", whatifs=("frep",)),
        }
    return expected


@pytest.mark.parametrize("with_plan", [False, True], ids=["no-plan", "started-plan"])
def test_small_world_analysis_is_the_same_on_every_store(store, small_expected, with_plan) -> None:  # type: ignore[no-untyped-def]
    store.apply(Batch(upserts=_small_records(with_plan)))
    want = small_expected[with_plan]
    _diff(_analysis(store, "tex", county="350582", whatifs=("x-fiber", "anta"), segment="tex.fiber"), want["tex"])
    _diff(_analysis(store, "pc", whatifs=("frep",)), want["pc"])


def test_small_world_started_plan_changes_the_result(small_expected) -> None:  # type: ignore[no-untyped-def]
    """Guard against a vacuous comparison: the started plan makes 化纤 local and x-fiber no candidate."""
    before, after = small_expected[False]["tex"], small_expected[True]["tex"]
    status = {s["segment_id"]: s["status"] for s in after["gaps"]["segments"]}
    assert {s["segment_id"]: s["status"] for s in before["gaps"]["segments"]}["tex.fiber"] == "missing"
    assert status["tex.fiber"] != "missing"
    assert after["gaps"]["completeness"] > before["gaps"]["completeness"]
    assert [c["company_id"] for c in before["candidates"]] == ["x-fiber"]
    assert [c["company_id"] for c in after["candidates"]] == []


# -- the seed bundle -------------------------------------------------------------------------------


def _seed_whatifs(expected_candidates: list[dict[str, Any]]) -> tuple[str, ...]:
    """The two best distinct candidates of a chain: companies worth a what-if."""
    return tuple(dict.fromkeys(c["company_id"] for c in expected_candidates))[:2]


@pytest.fixture(scope="module")
def seed_expected() -> dict[str, dict[str, Any]]:
    ref = ReferenceFacts(seed_records())
    expected = {}
    for chain_id, county in ((TEXTILE, "350582"), (PETROCHEM, None)):
        first = _analysis(ref, chain_id)
        whatifs = _seed_whatifs(first["candidates"])
        assert len(whatifs) == 2, f"{chain_id} has fewer than two candidates"
        expected[chain_id] = _analysis(ref, chain_id, county=county, whatifs=whatifs)
    return expected


def test_seed_bundle_analysis_is_the_same_on_every_store(store, seed_expected) -> None:  # type: ignore[no-untyped-def]
    assert import_bundle(store, SEED).applied
    for chain_id, want in seed_expected.items():
        county = want["county"]["county"]["county_id"] if "county" in want else None
        got = _analysis(store, chain_id, county=county, whatifs=tuple(want["whatif"]))
        _diff(got, want)


def test_seed_bundle_expectations_are_not_trivial(seed_expected) -> None:  # type: ignore[no-untyped-def]
    tex = seed_expected[TEXTILE]
    statuses = {s["status"] for s in tex["gaps"]["segments"]}
    assert len(tex["gaps"]["segments"]) > 5 and len(statuses) > 1
    assert len(tex["candidates"]) > 2 and tex["gaps"]["by_county"]
    assert all(w["segments"] for w in tex["whatif"].values())
    assert any(g["suppliers"] for g in tex["gaps"]["supply_dependency"])


# -- a generated city of 10k companies --------------------------------------------------------------


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, list[tuple[Any, ...]]]]]:
    """A generated 10k-company bundle and, per chain, every segment's (id, local, leading, status)
    as the reference computes them from the bundle's records."""
    path = tmp_path_factory.mktemp("city")
    generate_bundle(path, companies=10_000, seed=5, ties_per_company=3)
    reader = EmbeddedStore(tmp_path_factory.mktemp("records"))
    try:
        assert import_bundle(reader, path).applied
        records = [r for kind in Kind for r in reader.list(kind).items]
    finally:
        reader.close()
    ref = ReferenceFacts(records)
    chains = [c.key[0] for c in ref.list(Kind.CHAIN).items]
    yield path, {chain: _segment_counts(ref, chain) for chain in chains}


def _segment_counts(source: Any, chain_id: str) -> list[tuple[Any, ...]]:
    gaps = gap_reports.gaps(source, RevisionCache(), CONFIG, chain_id)
    return [(s.segment_id, s.local_count, s.leading_count, s.status.value) for s in gaps.segments]


@pytest.mark.slow
def test_generated_city_counts_and_statuses_are_the_same_on_every_store(store, city) -> None:  # type: ignore[no-untyped-def]
    path, want = city
    assert import_bundle(store, path).applied
    assert sum(len(rows) for rows in want.values()) > 100
    assert len({row[3] for rows in want.values() for row in rows}) == 3, "missing, weak and strong all occur"
    for chain_id, rows in want.items():
        assert _segment_counts(store, chain_id) == rows, chain_id


# -- the first firms of a segment, cut at every limit -------------------------------------------------


def _listed_world() -> list[Record]:
    """One chain whose segments list local firms of every role between outside ones (ids
    interleaved), in two counties and by local site: a segment led by two local leading firms,
    one without a local leading firm, one with local supporting firms only."""
    from chain_graph.models import Chain, Company, CompanySegment, Segment
    from tests.factories import regions

    records: list[Record] = [*regions(), Chain(chain_id="ls", name="列表链")]
    layout = {  # segment: per role, (local region or "site", outside) companies in id order
        "ls.a": {"leading": ["350582", "out", "350505"], "core": ["out", "350505", "site", "out", "350582"],
                 "supporting": ["350582", "out", "350505", "350582"]},
        "ls.b": {"leading": ["out"], "core": ["350505", "out", "350582"], "supporting": ["site", "out", "350505"]},
        "ls.c": {"leading": ["out", "out"], "core": ["out"], "supporting": ["out", "350582", "out", "site"]},
    }  # fmt: skip
    for n, (segment, roles) in enumerate(layout.items()):
        records.append(Segment(segment_id=segment, chain_id="ls", name=f"环节{n}", stage="midstream"))
        for role, places in roles.items():
            for i, place in enumerate(places):
                company = f"{segment}.{role}.{i}"
                region = {"out": "330000", "site": "330000"}.get(place, place)
                records.append(Company(company_id=company, name=f"企业{company}", region=region,
                                       local_site=place == "site", revenue_cny_100m=float(i)))  # fmt: skip
                records.append(CompanySegment(company_id=company, segment_id=segment, role=role))
    return records


def test_the_first_firms_of_each_segment_are_cut_at_every_limit_as_the_reference_cuts_them(store) -> None:  # type: ignore[no-untyped-def]
    """Neo4j seeks the core and supporting firms only while the list has room: at every limit the
    lists (city-wide and per county) are the reference's, leading then core then supporting."""
    from chain_graph.facts import LocalScope
    from chain_graph.models import Region

    records = _listed_world()
    store.apply(Batch(upserts=records))
    ref = ReferenceFacts(records)
    scope = LocalScope.of("350500", [r for r in records if isinstance(r, Region)])
    listed = {}
    for limit in range(1, 11):
        for county in (None, "350582", "350505"):
            want = ref.chain_facts("ls", scope, firm_limit=limit, county=county).firms
            got = store.chain_facts("ls", scope, firm_limit=limit, county=county).firms
            key = lambda f: (f.segment_id, ROLE_RANK[f.role], f.company_id)  # noqa: E731
            assert sorted(got, key=key) == sorted(want, key=key), (limit, county)
            assert [f.segment_id for f in got] == sorted(f.segment_id for f in got) or county, (limit, county)
            listed[(limit, county)] = want
    # not vacuous: the lists grow with the limit through every role, and the cut falls inside each
    assert [len(listed[(n, None)]) for n in (1, 2, 3, 6, 10)] == [3, 6, 8, 12, 14]
    assert {f.role for f in listed[(2, None)] if f.segment_id == "ls.a"} == {"leading"}
    assert {f.role for f in listed[(3, None)] if f.segment_id == "ls.a"} == {"leading", "core"}
    assert [f.role for f in listed[(6, None)] if f.segment_id == "ls.a"][4:] == ["core", "supporting"]  # room for 1
    assert {f.role for f in listed[(1, None)] if f.segment_id == "ls.b"} == {"core"}  # no local leading firm
