"""The synthetic bundle generator: deterministic, valid, sized as asked."""

from __future__ import annotations

import csv
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from stdnum.cn import uscc

from chain_graph.errors import InvalidInput
from chain_graph.generate import COLUMNS, default_chains, generate_bundle, zip_bundle
from chain_graph.locality import county_of, is_local
from chain_graph.models import RANKING_LISTS, Kind, parse_record
from chain_graph.store.embedded import EmbeddedStore

HOME_COUNTIES = {
    "350502", "350503", "350504", "350505", "350521", "350524", "350525", "350526", "350581", "350582", "350583",
}  # fmt: skip


def rows(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def file_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("bundle")
    return folder, generate_bundle(folder, companies=6_000, seed=11, ties_per_company=4)


def test_same_seed_gives_the_same_bytes_and_another_seed_other_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate_bundle(a, companies=500, seed=5, ties_per_company=3)
    generate_bundle(b, companies=500, seed=5, ties_per_company=3)
    generate_bundle(c, companies=500, seed=6, ties_per_company=3)
    assert file_bytes(a) == file_bytes(b)
    assert sorted(file_bytes(a)) == sorted(f"{name}.csv" for name in COLUMNS)
    different = {name for name, data in file_bytes(a).items() if file_bytes(c)[name] != data}
    assert {"companies.csv", "supplies.csv", "segments.csv", "rankings.csv"} <= different
    zip_bundle(a, tmp_path / "a.zip")
    zip_bundle(b, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as zf:
        assert zf.read("companies.csv") == (a / "companies.csv").read_bytes()


def test_counts_match_the_parameters_and_the_files(bundle: tuple[Path, dict[str, int]]) -> None:
    folder, counts = bundle
    assert counts["companies"] == 6_000
    assert counts["supplies"] == 6_000 * 4
    assert counts["chains"] == default_chains(6_000) == 6
    for table, columns in COLUMNS.items():
        table_rows = rows(folder, table)
        assert len(table_rows) == counts[table], table
        assert tuple(table_rows[0]) == columns
    per_chain = Counter(r["chain_id"] for r in rows(folder, "segments"))
    assert all(15 <= n <= 30 for n in per_chain.values())


def test_chains_and_ties_can_be_chosen(tmp_path: Path) -> None:
    counts = generate_bundle(tmp_path, companies=50, seed=1, chains=2, ties_per_company=7)
    assert (counts["chains"], counts["companies"], counts["supplies"]) == (2, 50, 350)
    tiny = generate_bundle(tmp_path / "tiny", companies=3, seed=1, ties_per_company=10)
    assert tiny["supplies"] == 3 * 2  # at most every other company


def test_every_row_is_a_valid_record(bundle: tuple[Path, dict[str, int]]) -> None:
    folder, _ = bundle
    kinds = dict(zip(COLUMNS, ["region", "chain", "segment", "segment_link", "company",
                               "company_segment", "supply", "ranking"], strict=True))  # fmt: skip
    for table, kind in kinds.items():
        for row in rows(folder, table):
            record = parse_record(kind, {k: v for k, v in row.items() if v != ""})
            assert record.source == "synthetic: chain-graph generate seed=11"  # type: ignore[attr-defined]
            assert record.as_of is not None  # type: ignore[attr-defined]


def test_graph_shape_is_sound(bundle: tuple[Path, dict[str, int]]) -> None:
    folder, _ = bundle
    ties = [(r["supplier_id"], r["customer_id"]) for r in rows(folder, "supplies")]
    assert len(set(ties)) == len(ties)
    assert all(s != c for s, c in ties)
    links = [(r["from_segment_id"], r["to_segment_id"]) for r in rows(folder, "segment_links")]
    assert len(set(links)) == len(links)
    segments = {r["segment_id"]: r for r in rows(folder, "segments")}
    assert any(segments[a]["chain_id"] != segments[b]["chain_id"] for a, b in links)  # across chains
    assert any(r["parent_id"] for r in segments.values())  # nested segments
    assert {r["stage"] for r in segments.values()} == {"upstream", "midstream", "downstream"}
    memberships = Counter(r["company_id"] for r in rows(folder, "company_segments"))
    assert len(memberships) == 6_000 and set(memberships.values()) <= {1, 2, 3}
    roles = Counter(r["role"] for r in rows(folder, "company_segments"))
    assert 0.01 < roles["leading"] / roles.total() < 0.08


def test_home_region_and_local_share(bundle: tuple[Path, dict[str, int]]) -> None:
    folder, _ = bundle
    regions = {r["region_id"]: r for r in rows(folder, "regions")}
    assert regions["350500"]["name"] == "泉州市" and regions["350500"]["parent_id"] == "350000"
    assert regions["350000"]["parent_id"] == "CN"
    assert {k for k, r in regions.items() if r["parent_id"] == "350500"} == HOME_COUNTIES
    companies = [parse_record(Kind.COMPANY, {k: v for k, v in r.items() if v}) for r in rows(folder, "companies")]
    local = [c for c in companies if is_local(c, regions, "350500")]
    assert 0.27 < len(local) / len(companies) < 0.36
    assert any(c.local_site for c in local)  # type: ignore[attr-defined]
    in_counties = [c for c in local if not c.local_site]  # type: ignore[attr-defined]
    assert {county_of(c, regions, "350500") for c in in_counties} == HOME_COUNTIES
    names = [c.name for c in companies]  # type: ignore[attr-defined]
    assert len(set(names)) == len(names)
    assert all("\u4e00" <= name[0] <= "\u9fff" for name in names[:50])


def test_usccs_pass_the_gb_32100_check(bundle: tuple[Path, dict[str, int]]) -> None:
    folder, _ = bundle
    codes = [r["uscc"] for r in rows(folder, "companies") if r["uscc"]]
    assert len(codes) > 6_000 // 3
    assert len(set(codes)) == len(codes)
    assert all(uscc.is_valid(code) for code in codes)


def test_rankings_fill_every_list_with_unique_ranks(bundle: tuple[Path, dict[str, int]]) -> None:
    folder, _ = bundle
    by_list: dict[tuple[str, str], list[int]] = {}
    for r in rows(folder, "rankings"):
        by_list.setdefault((r["list_id"], r["year"]), []).append(int(r["rank"]))
    assert {list_id for list_id, _ in by_list} == {str(lst) for lst in RANKING_LISTS}
    for (list_id, _), ranks in by_list.items():
        assert sorted(ranks) == list(range(1, len(ranks) + 1))
        assert len(ranks) <= RANKING_LISTS[list_id].size  # type: ignore[index]
    assert len(by_list[("taiwan-100", "2023")]) == 100


def test_bad_parameters_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="companies"):
        generate_bundle(tmp_path, companies=0, seed=1)
    with pytest.raises(InvalidInput, match="ties_per_company"):
        generate_bundle(tmp_path, companies=10, seed=1, ties_per_company=-1)
    (tmp_path / "file").write_text("x")
    with pytest.raises(InvalidInput, match="not a folder"):
        generate_bundle(tmp_path / "file", companies=10, seed=1)


def test_the_importer_takes_the_bundle_without_rejections(tmp_path: Path) -> None:
    from chain_graph.bundle import import_bundle

    counts = generate_bundle(tmp_path / "b", companies=400, seed=3, ties_per_company=5)
    with EmbeddedStore(tmp_path / "db") as store:
        report = import_bundle(store, tmp_path / "b")
        assert report.rejections == [] and report.applied
        stats = store.stats()
        assert stats["company"] == counts["companies"] == 400
        assert stats["supply"] == counts["supplies"] == 2_000
        assert stats["ranking"] == counts["rankings"]
        assert stats["segment_link"] == counts["segment_links"]
        again = import_bundle(store, tmp_path / "b")
        assert again.applied and again.rejections == []
        assert store.stats() == stats
