"""What only the embedded store promises: durability, crash safety, several processes."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from chain_graph.errors import StoreUnavailable
from chain_graph.models import Chain, Company, Kind, Record
from chain_graph.store.base import Batch
from chain_graph.store.embedded import DB_FILENAME, EmbeddedStore
from tests.factories import small_world


def _child(code: str, data_dir: Path) -> subprocess.Popen[str]:
    script = textwrap.dedent(code).format(data_dir=str(data_dir))
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)


def test_committed_write_survives_sigkill(tmp_path: Path) -> None:
    writer = _child(
        """
        import time
        from chain_graph.models import Chain
        from chain_graph.store.embedded import EmbeddedStore
        store = EmbeddedStore({data_dir!r})
        store.upsert(Chain(chain_id="tex", name="纺织鞋服"))
        print("committed", flush=True)
        time.sleep(60)
        """,
        tmp_path,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "committed"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    with EmbeddedStore(tmp_path) as store:
        assert store.get(Kind.CHAIN, "tex").name == "纺织鞋服"


def test_writer_killed_mid_batch_leaves_nothing(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path) as store:
        store.upsert(Chain(chain_id="keep", name="保留"))
    writer = _child(
        """
        import time
        from chain_graph.store import embedded
        from chain_graph.store.base import Batch
        from tests.factories import small_world
        real_write = embedded.EmbeddedStore._write
        def slow_write(self, plan, scopes):
            real_write(self, plan, scopes)  # rows are in the open transaction ...
            print("writing", flush=True)
            time.sleep(60)                  # ... and the process dies before COMMIT
        embedded.EmbeddedStore._write = slow_write
        store = embedded.EmbeddedStore({data_dir!r})
        store.apply(Batch(upserts=small_world()))
        """,
        tmp_path,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "writing"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    with EmbeddedStore(tmp_path) as store:
        stats = store.stats()
        assert stats["chain"] == 1 and sum(stats.values()) == 1
        assert store.get(Kind.CHAIN, "keep").name == "保留"


def test_failed_write_leaves_disk_unchanged(embedded_store: EmbeddedStore) -> None:
    """A real SQL failure half-way through the write (after the records are in the transaction):
    the whole batch is rolled back and the store says why."""
    embedded_store.upsert(Chain(chain_id="keep", name="保留"))
    embedded_store._db.execute(
        "CREATE TRIGGER fail_bump BEFORE UPDATE ON revisions BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
    )
    with pytest.raises(StoreUnavailable, match="disk I/O error"):
        embedded_store.apply(Batch(upserts=small_world()))
    embedded_store._db.execute("DROP TRIGGER fail_bump")
    assert embedded_store.stats()["chain"] == 1
    assert embedded_store.find(Kind.COMPANY, "anta") is None
    reopened = EmbeddedStore(embedded_store.path.parent)
    assert reopened.stats()["chain"] == 1 and reopened.count(Kind.COMPANY) == 0
    reopened.close()


def test_failed_commit_leaves_disk_unchanged(embedded_store: EmbeddedStore) -> None:
    """COMMIT itself fails (a deferred constraint checked only at commit): nothing is kept."""
    db = embedded_store._db
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("CREATE TABLE nowhere (id TEXT PRIMARY KEY)")
    db.execute("CREATE TABLE dangling (ref TEXT REFERENCES nowhere(id) DEFERRABLE INITIALLY DEFERRED)")
    db.execute("CREATE TRIGGER at_commit AFTER INSERT ON records BEGIN INSERT INTO dangling VALUES ('x'); END")
    with pytest.raises(StoreUnavailable, match="FOREIGN KEY"):
        embedded_store.apply(Batch(upserts=small_world()))
    assert not db.in_transaction
    db.execute("DROP TRIGGER at_commit")
    assert embedded_store.stats()["company"] == 0
    assert embedded_store.revisions()["any"] == 0
    embedded_store.apply(Batch(upserts=small_world()))  # and the store still writes
    assert embedded_store.count(Kind.COMPANY) > 0


def test_reopen_restores_everything(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path) as store:
        store.apply(Batch(upserts=small_world()))
        before = {kind: store.list(kind).items for kind in Kind}
        graph_before = store.chain_subgraph("tex")
    with EmbeddedStore(tmp_path) as store:
        assert {kind: store.list(kind).items for kind in Kind} == before
        graph_after = store.chain_subgraph("tex")
    assert sorted(graph_after.edges(keys=True)) == sorted(graph_before.edges(keys=True))


def test_deletes_survive_reopen(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path) as store:
        store.apply(Batch(upserts=small_world()))
        store.delete(Kind.COMPANY, "x-fiber")
    with EmbeddedStore(tmp_path) as store:
        assert store.find(Kind.COMPANY, "x-fiber") is None
        assert store.list(Kind.SUPPLY).total == 0


def test_second_process_sees_writes_at_once(tmp_path: Path) -> None:
    first = EmbeddedStore(tmp_path)
    second = EmbeddedStore(tmp_path)
    try:
        first.apply(Batch(upserts=small_world()))
        assert second.get(Kind.COMPANY, "anta").short_name == "安踏"
        second.upsert(Company(company_id="anta", name="安踏体育用品有限公司", region="350582"))
        assert first.get(Kind.COMPANY, "anta").short_name is None
        second.delete(Kind.COMPANY, "x-fiber")
        assert first.find(Kind.COMPANY, "x-fiber") is None
        assert first.list(Kind.SUPPLY).total == 0
    finally:
        first.close()
        second.close()


def test_database_is_wal_and_fully_synchronous(embedded_store: EmbeddedStore) -> None:
    mode = embedded_store._db.execute("PRAGMA journal_mode").fetchone()[0]
    sync = embedded_store._db.execute("PRAGMA synchronous").fetchone()[0]
    assert (mode, sync) == ("wal", 2)
    assert embedded_store.path.name == DB_FILENAME


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path).close()
    db = sqlite3.connect(tmp_path / DB_FILENAME)
    db.execute("UPDATE meta SET value='99' WHERE name='schema_version'")
    db.commit()
    db.close()
    with pytest.raises(StoreUnavailable, match="schema version 99"):
        EmbeddedStore(tmp_path)


def test_unwritable_directory_is_store_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreUnavailable, match="cannot open"):
        EmbeddedStore(blocker / "db")


def _write_schema_1(path: Path, records: list) -> None:
    """A store as schema version 1 wrote it: records (JSON) with sequence numbers, tombstones, meta."""
    import json

    db = sqlite3.connect(path / DB_FILENAME)
    db.executescript(
        """
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE records (kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, seq INTEGER NOT NULL,
            PRIMARY KEY (kind, key)) WITHOUT ROWID;
        CREATE INDEX records_seq ON records (seq);
        CREATE TABLE tombstones (kind TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (kind, key));
        INSERT INTO meta VALUES ('schema_version', '1'), ('seq', '3');
        """
    )
    db.executemany(
        "INSERT INTO records VALUES (?, ?, ?, 3)",
        [
            (
                r.KIND.value,
                json.dumps(list(r.key), ensure_ascii=False, separators=(",", ":"), default=str),
                r.model_dump_json(),
            )
            for r in records
        ],
    )
    db.commit()
    db.close()


def test_store_of_schema_1_opens_upgraded(tmp_path: Path) -> None:
    from chain_graph.facts import LocalScope
    from chain_graph.models import Region
    from chain_graph.store.sqlite_schema import SCHEMA_VERSION

    world = small_world()
    _write_schema_1(tmp_path, world)
    with EmbeddedStore(tmp_path) as store:
        version = store._db.execute("SELECT value FROM meta WHERE name='schema_version'").fetchone()[0]
        assert int(version) == SCHEMA_VERSION == 6
        assert store.count(Kind.COMPANY) == sum(r.KIND is Kind.COMPANY for r in world)  # counters filled
        assert store.revisions()["any"] == 3
        assert {m.company_id for m in store.list(Kind.COMPANY_SEGMENT, where={"segment_id": "tex.fiber"})} == {
            m.company_id for m in world if m.KIND is Kind.COMPANY_SEGMENT and m.segment_id == "tex.fiber"
        }
        regions = [r for r in world if isinstance(r, Region)]
        facts = store.chain_facts("tex", LocalScope.of("350500", regions), firm_limit=10)
        assert sum(p.firms for p in facts.presence) > 0  # the index tables were filled from the records
        assert not store._db.execute("SELECT 1 FROM sqlite_master WHERE name='tombstones'").fetchone()
        assert [c.company_id for c in store.search_companies("联合石化")] == ["frep"]  # migration 5 filled the index
        assert store._db.execute(
            "SELECT count(*) FROM g_company_fts WHERE g_company_fts MATCH '\"联合石化\"'"
        ).fetchone()[0]
    with EmbeddedStore(tmp_path) as store:  # a second open leaves it as it is
        assert store.count(Kind.COMPANY) == sum(r.KIND is Kind.COMPANY for r in world)


# -- kept counters (schema 3): every write keeps them equal to a recount of the records ---------------

_RECOUNT = """
SELECT m.segment_id, coalesce(json_extract(c.data, '$.region'), ''),
    coalesce(json_extract(c.data, '$.local_site'), 0), count(*), sum(m.role = 'leading'),
    coalesce(sum(CAST(round(json_extract(c.data, '$.revenue_cny_100m') * 1000000) AS INTEGER)), 0),
    count(json_extract(c.data, '$.revenue_cny_100m'))
FROM g_member m LEFT JOIN records c ON c.kind = 'company' AND c.key = json_array(m.company_id)
GROUP BY 1, 2, 3
"""  # memberships are kept as their g_member rows only (schema 6); companies as records


def _assert_kept_equals_recount(store: EmbeddedStore) -> None:
    db = store._db
    kept = db.execute(
        "SELECT segment_id, region, local_site, n, leading, rev_micro, rev_n FROM g_presence WHERE n != 0"
    ).fetchall()
    assert sorted(kept) == sorted(db.execute(_RECOUNT).fetchall())
    stale_member = db.execute(
        "SELECT m.company_id FROM g_member m LEFT JOIN g_company c ON c.company_id = m.company_id "
        "WHERE m.region IS NOT c.region OR m.local_site IS NOT c.local_site OR m.revenue IS NOT c.revenue "
        "OR m.rank IS NOT (CASE m.role WHEN 'leading' THEN 0 WHEN 'core' THEN 1 ELSE 2 END)"
    ).fetchall()
    stale_supply = db.execute(
        "SELECT s.supplier_id FROM g_supply s LEFT JOIN g_company c ON c.company_id = s.supplier_id "
        "WHERE s.sup_name IS NOT c.name OR s.sup_region IS NOT c.region OR s.sup_local_site IS NOT c.local_site"
    ).fetchall()
    assert (stale_member, stale_supply) == ([], [])


def test_presence_counters_and_carried_columns_follow_every_write(tmp_path: Path) -> None:
    from chain_graph.models import CompanySegment, Supply

    world = small_world()
    companies = {r.company_id: r for r in world if isinstance(r, Company)}
    with EmbeddedStore(tmp_path) as store:
        store.apply(Batch(world))
        _assert_kept_equals_recount(store)
        assert store._db.execute("SELECT count(*) FROM g_presence WHERE n > 0").fetchone()[0] == 3
        # a company moves out of the home region and its revenue changes
        store.upsert(companies["anta"].model_copy(update={"region": "330000", "revenue_cny_100m": 0.1}))
        _assert_kept_equals_recount(store)
        # it comes back with a local site, renamed: its supplies carry the new name
        store.upsert(companies["x-fiber"].model_copy(update={"local_site": True, "name": "新名字化纤（示例）"}))
        _assert_kept_equals_recount(store)
        # a role changes, a membership goes, a new one comes before its company (one batch)
        store.upsert(CompanySegment(company_id="x-fiber", segment_id="tex.fiber", role="leading"))
        _assert_kept_equals_recount(store)
        store.delete(Kind.COMPANY_SEGMENT, ("anta", "tex.shoe"))
        _assert_kept_equals_recount(store)
        newcomer = Company(company_id="new", name="新来企业", region="350582", revenue_cny_100m=1.25)
        store.apply(Batch([CompanySegment(company_id="new", segment_id="tex.weave", role="core"), newcomer,
                           Supply(supplier_id="new", customer_id="anta", product="面料")]))  # fmt: skip
        _assert_kept_equals_recount(store)
        # a company goes with its memberships and ties
        store.delete(Kind.COMPANY, "frep")
        _assert_kept_equals_recount(store)
        store.clear()
        assert store._db.execute("SELECT count(*) FROM g_presence").fetchone()[0] == 0


def test_store_of_schema_2_opens_upgraded_with_the_same_facts(tmp_path: Path) -> None:
    """A store written by schema 2 is upgraded at open (schema 3: kept counters, carried columns)
    and answers the same facts as a store written by schema 3."""
    from chain_graph.facts import LocalScope
    from chain_graph.models import Region
    from chain_graph.store import sqlite_schema

    world = small_world()
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    _write_schema_1(old, world)
    db = sqlite3.connect(old / DB_FILENAME, isolation_level=None)
    sqlite_schema.migrate_to(db, 1, 2)  # what schema 2 left on disk
    assert db.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()[0] == "2"
    assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'g_presence'").fetchone()
    db.close()
    scope = LocalScope.of("350500", [r for r in world if isinstance(r, Region)])
    with EmbeddedStore(old) as upgraded, EmbeddedStore(new) as written:
        written.apply(Batch(world))
        _assert_kept_equals_recount(upgraded)
        for chain in ("tex", "pc"):
            for county in (None, "350582"):
                a = upgraded.chain_facts(chain, scope, firm_limit=10, county=county)
                b = written.chain_facts(chain, scope, firm_limit=10, county=county)
                assert (a.presence, a.firms, a.leading_supplies) == (b.presence, b.firms, b.leading_supplies)
                assert a.presence  # there is something to compare


_GRAPH_TABLES = ("g_company", "g_member", "g_supply", "g_presence")


def _graph_tables(store: EmbeddedStore) -> dict[str, list[tuple[object, ...]]]:
    db = store._db
    kept = {t: sorted(db.execute(f"SELECT * FROM {t}")) for t in _GRAPH_TABLES[:3]}
    return kept | {"g_presence": sorted(db.execute("SELECT * FROM g_presence WHERE n != 0"))}


def test_bulk_load_into_an_empty_store_keeps_what_the_triggers_keep(tmp_path: Path) -> None:
    """The first write of companies into an empty store skips the triggers and counts once
    (store.embedded_bulk); the tables must end as the row-by-row path leaves them, the counters
    must equal a recount, and the triggers must be back for the writes after it."""
    world = small_world()
    with EmbeddedStore(tmp_path / "bulk") as bulk, EmbeddedStore(tmp_path / "rows") as rows:
        bulk.apply(Batch(world))  # empty graph tables: the bulk path
        # one company first, so the same batch then takes the row-by-row path (triggers)
        first = next(r for r in world if isinstance(r, Company))
        rows.apply(Batch([*_regions_of(world), first]))
        rows.apply(Batch(world))
        assert _graph_tables(bulk) == _graph_tables(rows)
        assert _graph_tables(bulk)["g_presence"], "the world has members: counters are expected"
        _assert_kept_equals_recount(bulk)
        triggers = {r[0] for r in bulk._db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert triggers == {
            *("g_company_in", "g_company_up", "g_company_out", "g_member_in", "g_member_out", "g_member_up"),
            *("g_text_in", "g_text_up", "g_text_out", "g_fts_in", "g_fts_out", "g_fts_up"),
        }
        # the writes after a bulk load keep the counters again
        moved = next(r for r in world if isinstance(r, Company) and r.company_id == "anta")
        bulk.upsert(moved.model_copy(update={"region": "330000"}))
        _assert_kept_equals_recount(bulk)


def _regions_of(world: list[Record]) -> list[Record]:
    from chain_graph.models import Region

    return [r for r in world if isinstance(r, Region)]


# -- company search (schema 5): the trigram index narrows, the order is store.search.text_rank's ------


def _search_world() -> list[Record]:
    from tests.factories import regions

    names = ["晋江安踏体育用品有限公司", "安踏", "安踏（中国）有限公司", "泉州安踏鞋业公司", "ANTA Sports", "踏实公司"]
    companies = [Company(company_id=f"c{i:02d}", name=n, region="350582") for i, n in enumerate(names)]
    return [*regions(), *companies, Company(company_id="anta-x", name="某某", aliases=("安踏",), region="350582")]


def test_company_search_uses_the_index_and_keeps_the_reference_order(tmp_path: Path) -> None:
    from chain_graph.store.embedded_records import search_ids
    from chain_graph.store.search import company_text, text_rank

    world = _search_world()
    companies = [r for r in world if isinstance(r, Company)]
    with EmbeddedStore(tmp_path) as store:
        store.apply(Batch(world))
        assert store._search_index, "this SQLite has FTS5 trigram: the index must be there"
        db = store._db
        for needle in ["安踏", "安踏体育", "有限公司", "公司", "anta", "anta sports", "踏", "nothing here"]:
            expected = sorted((text_rank(company_text(c), needle), c.company_id) for c in companies)
            expected_ids = [c for rank, c in expected if needle in company_text(companies_by_id(companies)[c])]
            assert search_ids(db, needle, 3, indexed=True) == expected_ids[:3], needle
            assert search_ids(db, needle, 50, indexed=False) == expected_ids, needle
        # a needle of three characters or more is answered through the index, not a scan of g_company
        plan = db.execute(
            "EXPLAIN QUERY PLAN SELECT t.company_id FROM g_company_fts f JOIN g_company_text t ON t.id = f.rowid "
            "WHERE g_company_fts MATCH '\"安踏体\"'"
        ).fetchall()
        assert any("VIRTUAL TABLE INDEX" in row[-1] for row in plan), plan
        # the index follows renames and deletes
        store.upsert(companies[0].model_copy(update={"name": "晋江新名字体育"}))
        assert [c.company_id for c in store.search_companies("安踏体育")] == []
        assert [c.company_id for c in store.search_companies("新名字体")] == ["c00"]
        store.delete(Kind.COMPANY, "c03")
        assert "c03" not in [c.company_id for c in store.search_companies("安踏鞋业")]
        assert db.execute("SELECT count(*) FROM g_company_text").fetchone()[0] == len(companies) - 1


def companies_by_id(companies: list[Company]) -> dict[str, Company]:
    return {c.company_id: c for c in companies}


def test_the_maps_ties_are_read_supplier_by_supplier(embedded_store: EmbeddedStore) -> None:
    """The chain map's ties among its companies: each supplier's ties are read from the index and
    checked against the set, never every (supplier, customer) pair of the set probed (quadratic:
    246 s for the 18.7k companies of a 100k city's largest chain, 4.7 s after)."""
    from chain_graph.store.embedded_facts import MAP_SUPPLIES_AMONG

    embedded_store.apply(Batch(upserts=small_world()))
    db = sqlite3.connect(embedded_store.path)
    try:
        plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {MAP_SUPPLIES_AMONG}", {"ids": '["a", "b"]'})]
    finally:
        db.close()
    probes = [step for step in plan if "g_supply" in step]
    assert probes and all("customer_id=?" not in step for step in probes), plan
    parts = embedded_store.chain_parts("tex")
    ids = {c.company_id for c in parts.companies}
    assert parts.supplies and all(s.supplier_id in ids and s.customer_id in ids for s in parts.supplies)
