"""The import's fast lane (bundle.fastrows, the store's bulk load, records as JSON by orjson) stores
exactly what the general path stores, and refuses exactly what it refuses.

- a row's values built into a record without the model: either the same record the model
  builds (same values, same types, same JSON), or nothing, and the model decides;
- a generated city imported both ways into empty stores: every table's rows equal;
- bad rows anywhere in a big bundle: the same report, row for row, and nothing stored.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from chain_graph.bundle import ImportReport, import_bundle
from chain_graph.bundle.fastrows import fast_record
from chain_graph.generate import generate_bundle
from chain_graph.models import MODELS, Kind, Role, dump_json
from chain_graph.store import EmbeddedStore
from chain_graph.store.embedded import DB_FILENAME

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _uscc(body: str) -> str:
    """``body`` (17 characters) with its GB 32100 check digit."""
    total = sum(_ALPHABET.index(c) * w for c, w in zip(body, _WEIGHTS, strict=True))
    return body + _ALPHABET[(31 - total) % 31]


_odd_text = st.text(alphabet=st.sampled_from(" \t\n\x1f\x85\u3000a名|-"), max_size=6)
_ids = st.sampled_from(["c1", "c2", "syn.c00001", "a:b-c_d.e", " c1", "c 1", "", "x" * 64, "x" * 65, "ｃ1", "c1\n"])
_names = st.one_of(
    st.sampled_from(
        ["晋江福泰盛食品集团有限公司", "安踏", " 安踏", "安踏 ", "a\x07b", "名" * 200, "名" * 201, "", " "]
    ),
    _odd_text,
    st.text(max_size=12),
)
_numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1, max_value=2),
    st.integers(-5, 20_000_000),
    st.sampled_from([0.0, 1.0, 1e9, 1e9 + 1, -0.0, "1.5", True]),
)
_dates = st.one_of(
    st.dates(min_value=dt.date(1850, 1, 1), max_value=dt.date(2200, 1, 1)).map(dt.date.isoformat),
    st.sampled_from(["2024-06-30", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01", "20240630", "2024-6-30"]),
)
_usccs = st.one_of(
    st.text(alphabet=st.sampled_from(_ALPHABET), min_size=17, max_size=17).map(_uscc),
    st.text(alphabet=st.sampled_from(_ALPHABET + "IOSVZ -"), min_size=16, max_size=19),
    st.sampled_from(["91350582101126489Q", "91350582101126489q", "91350582101126489R", " 91350582101126489Q"]),
)
_common = {"source": _names, "as_of": _dates, "address": _names, "nonsense": _names}
_FIELDS: dict[Kind, dict[str, st.SearchStrategy[Any]]] = {
    Kind.SUPPLY: {"supplier_id": _ids, "customer_id": _ids, "product": _names, "amount_cny_100m": _numbers},
    Kind.COMPANY_SEGMENT: {
        "company_id": _ids,
        "segment_id": _ids,
        "role": st.sampled_from([*Role, "leading", "core", "boss", "Leading", 1]),
        "share": _numbers,
    },
    Kind.COMPANY: {
        "company_id": _ids,
        "name": _names,
        "short_name": _names,
        "aliases": st.one_of(_names, st.lists(_names, max_size=4).map("|".join), st.just("a|" * 51)),
        "uscc": _usccs,
        "region": _ids,
        "local_site": st.one_of(st.booleans(), st.sampled_from([1, "true"])),
        "country": st.sampled_from(["CN", "US", "cn", "C", "CHN", "ß", "Ｃ", " CN"]),
        "revenue_cny_100m": _numbers,
        "employees": _numbers,
        "listed_code": _names,
        "overseas_chinese": st.booleans(),
    },
}


@st.composite
def _rows(draw: st.DrawFn, kind: Kind) -> dict[str, Any]:
    """A good row with one or two values replaced by anything (or dropped): most of the fast lane's
    acceptances are then one rule away from a refusal."""
    row = dict(_GOOD[kind])
    fields = {**_FIELDS[kind], **_common}
    for name in draw(st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=2, unique=True)):
        if draw(st.integers(0, 5)) == 0:
            row.pop(name, None)
        else:
            row[name] = draw(fields[name])
    return row


def _assert_same_as_the_model(kind: Kind, data: dict[str, Any]) -> bool:
    """The fast record is None or the model's own; return whether the fast lane took the row."""
    fast = fast_record(kind)
    assert fast is not None
    record = fast(dict(data))
    if record is None:
        return False
    try:
        expected = MODELS[kind].model_validate(data)
    except ValidationError as e:  # pragma: no cover - the failure this test exists for
        raise AssertionError(f"the fast lane took a row the model refuses: {data!r}\n{e}") from e
    assert record == expected
    assert {n: (type(v), v) for n, v in record.__dict__.items()} == {
        n: (type(v), v) for n, v in expected.__dict__.items()
    }
    assert record.model_fields_set == expected.model_fields_set
    assert dump_json(record) == expected.model_dump_json()
    assert record.key == expected.key
    return True


_GOOD = {
    Kind.SUPPLY: {"supplier_id": "c1", "customer_id": "c2", "product": "鞋材", "amount_cny_100m": 0.5,
                  "source": "s", "as_of": "2024-06-30"},
    Kind.COMPANY_SEGMENT: {"company_id": "c1", "segment_id": "tex.up", "role": "leading", "share": 1.0},
    Kind.COMPANY: {"company_id": "c1", "name": "安踏", "aliases": "ANTA|安踏体育|ANTA",
                   "uscc": _uscc("91350582101126489"), "region": "350582", "local_site": True, "country": "CN",
                   "employees": 10, "revenue_cny_100m": 2.5},
}  # fmt: skip


@pytest.mark.parametrize("kind", list(_FIELDS))
def test_a_good_row_takes_the_fast_lane_and_builds_the_models_record(kind: Kind) -> None:
    assert _assert_same_as_the_model(kind, _GOOD[kind])


@pytest.mark.parametrize("kind", list(_FIELDS))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_fast_lane_builds_the_models_record_or_leaves_the_row_to_the_model(kind: Kind, data: st.DataObject) -> None:
    _assert_same_as_the_model(kind, data.draw(_rows(kind)))


@given(a=_ids)
@example(a="c1")
def test_a_company_supplying_itself_is_left_to_the_model(a: str) -> None:
    fast = fast_record(Kind.SUPPLY)
    assert fast is not None
    assert fast({"supplier_id": a, "customer_id": a}) is None


def test_records_built_with_the_same_fields_share_one_fields_set_that_a_copy_leaves_alone() -> None:
    """A city's million ties each held their own set of the six names given (~470 bytes apiece)."""
    from chain_graph.bundle import TABLES
    from chain_graph.bundle.cells import reader_for
    from chain_graph.bundle.fastrows import fast_reader

    spec = next(t for t in TABLES if t.kind is Kind.SUPPLY)
    columns = [(c.name, reader_for(c), c.required) for c in spec.columns if c.name in _GOOD_CELLS[Kind.SUPPLY]]
    read = fast_reader(Kind.SUPPLY, columns)
    build = fast_record(Kind.SUPPLY)
    assert read is not None and build is not None
    a, b = read(dict(_GOOD_CELLS[Kind.SUPPLY])), read({**_GOOD_CELLS[Kind.SUPPLY], "customer_id": "c3"})
    c, d = build(dict(_GOOD[Kind.SUPPLY])), build({**_GOOD[Kind.SUPPLY], "customer_id": "c3"})
    assert a is not None and b is not None and c is not None and d is not None
    assert a.model_fields_set is b.model_fields_set and c.model_fields_set is d.model_fields_set
    blank = read({**_GOOD_CELLS[Kind.SUPPLY], "product": ""})
    assert blank is not None and blank.model_fields_set == set(_GOOD_CELLS[Kind.SUPPLY]) - {"product"}
    copied = a.model_copy(update={"product": "鞋底"})
    assert copied.product == "鞋底" and b.model_fields_set == set(_GOOD_CELLS[Kind.SUPPLY])
    with pytest.raises(ValidationError):
        a.product = "鞋底"  # type: ignore[misc]  # frozen: what makes sharing the set safe
    assert b.model_fields_set == set(_GOOD_CELLS[Kind.SUPPLY])


_cell_texts = st.one_of(
    st.sampled_from(["", " ", "c1", "c2", " c1 ", "ｃ２", "c 1", "0.5", "1,234.5", "-1", "-0.5", "1.5", "nan", "1e9",
                     "2e9", "leading", "龙头", "Core", "boss", "2024-06-30", "2024/6/30", "1899-12-31", "2024-02-30",
                     "鞋材", " 鞋材", "a\x07b", "名" * 201]),
    st.text(max_size=8),
)  # fmt: skip
_GOOD_CELLS = {
    Kind.SUPPLY: {"supplier_id": "c1", "customer_id": "c2", "product": "鞋材", "amount_cny_100m": "0.5",
                  "source": "s", "as_of": "2024/6/30"},
    Kind.COMPANY_SEGMENT: {"company_id": "c1", "segment_id": "tex.up", "role": "龙头", "share": "0.5"},
}  # fmt: skip
_TABLES = list(_GOOD_CELLS)


@pytest.mark.parametrize("kind", _TABLES)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_rows_cells_take_the_fast_lane_only_to_the_record_the_importer_reads(kind: Kind, data: st.DataObject) -> None:
    """From the cells as the file has them: the fast lane's record is the one the general reading
    (each cell's reader, then the model) gives, without problems; or the fast lane leaves the row."""
    from chain_graph.bundle import TABLES, RawRow
    from chain_graph.bundle.cells import reader_for
    from chain_graph.bundle.fastrows import fast_reader
    from chain_graph.bundle.rowread import read_row as _read_row

    spec = next(t for t in TABLES if t.kind is kind)
    good = _GOOD_CELLS[kind]
    present = [c for c in spec.columns if c.name in good or data.draw(st.booleans())]
    cells = {c.name: good.get(c.name, "") for c in present}
    for name in data.draw(st.lists(st.sampled_from([c.name for c in present]), min_size=1, max_size=2, unique=True)):
        cells[name] = data.draw(_cell_texts)
    columns = [(c.name, reader_for(c), c.required) for c in present]
    fast = fast_reader(kind, columns)
    assert fast is not None
    record = fast(cells)
    if record is None:
        return
    expected, problems = _read_row(MODELS[kind], columns, RawRow(2, cells, False))
    assert not problems and expected is not None, f"the fast lane took a row the importer refuses: {cells!r}"
    assert {n: (type(v), v) for n, v in record.__dict__.items()} == {
        n: (type(v), v) for n, v in expected.__dict__.items()
    }
    assert record.model_fields_set == expected.model_fields_set


# -- a generated city, both ways ----------------------------------------------------------------


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("city") / "bundle"
    generate_bundle(folder, companies=2000, seed=3)
    return folder


def _general_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row through its model, every index row by upsert and trigger, JSON by pydantic."""
    monkeypatch.setattr("chain_graph.bundle.importer.fast_record", lambda kind: None)
    monkeypatch.setattr("chain_graph.bundle.importer.fast_lane", lambda spec, header: None)
    monkeypatch.setattr("chain_graph.store.embedded_write.bulk_applies", lambda db, by_kind: False)
    monkeypatch.setattr("chain_graph.store.embedded_write.dump_json", lambda record: record.model_dump_json())


def _import(store: EmbeddedStore, bundle: Path, monkeypatch: pytest.MonkeyPatch, *, general: bool) -> ImportReport:
    with monkeypatch.context() as patch:
        if general:
            _general_path(patch)
        return import_bundle(store, bundle)


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows but the full-text index's own (its segments depend on how it was built:
    what it finds is compared instead), and the schema's indexes and triggers."""
    db = sqlite3.connect(path / DB_FILENAME)
    try:
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        tables = {n: sorted(db.execute(f'SELECT * FROM "{n}"')) for n in names if not n.startswith("g_company_fts")}
        tables["schema"] = sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        tables["found"] = [
            sorted(db.execute("SELECT rowid FROM g_company_fts WHERE g_company_fts MATCH ?", (f'"{needle}"',)))
            for needle in ("有限公司", "集团", "syn.c0001", "福泰盛", "纸业")
        ]
        return tables
    finally:
        db.close()


def test_a_city_is_stored_the_same_on_the_fast_and_the_general_path(
    city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with EmbeddedStore(tmp_path / "fast") as fast, EmbeddedStore(tmp_path / "general") as general:
        fast_report = _import(fast, city, monkeypatch, general=False)
        general_report = _import(general, city, monkeypatch, general=True)
    assert fast_report.applied and general_report.applied
    assert [f.__dict__ for f in fast_report.files] == [f.__dict__ for f in general_report.files]
    fast_tables, general_tables = _tables(tmp_path / "fast"), _tables(tmp_path / "general")
    assert fast_tables.keys() == general_tables.keys()
    for name in fast_tables:
        assert fast_tables[name] == general_tables[name], f"{name} differs"
    assert len(fast_tables["g_supply"]) == 20_000 and fast_tables["found"][0]


def _spoil(city: Path, folder: Path) -> Path:
    """The city with bad rows spread through its big files (and one good row to be trimmed)."""
    shutil.copytree(city, folder)
    changes = {
        "companies": {10: {"uscc": "91350582101126489R"}, 700: {"name": "晋江某某有限公司  "},
                      1200: {"employees": "12.5"}, 1999: {"country": "CHN"}},
        "company_segments": {5: {"role": "boss"}, 2500: {"share": "1.5"}},
        "supplies": {1: {"customer_id": "syn.c00001", "supplier_id": "syn.c00001"}, 9000: {"amount_cny_100m": "-1"},
                     19_999: {"as_of": "1899-12-31"}, 12_345: {"product": "a\x07b"}, 15_000: {"customer_id": "syn.x"}},
    }  # fmt: skip
    repeats = {"supplies": {16_000: 100}, "company_segments": {3000: 50}}  # a row given again, later
    for table, rows in changes.items():
        path = folder / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            lines = list(csv.DictReader(f))
        for index, cells in rows.items():
            lines[index].update(cells)
        for index, earlier in repeats.get(table, {}).items():
            lines[index] = dict(lines[earlier])
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(lines[0]))
            writer.writeheader()
            writer.writerows(lines)
    return folder


def test_bad_rows_in_a_big_bundle_are_reported_as_on_the_general_path_and_nothing_is_stored(
    city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = _spoil(city, tmp_path / "spoilt")
    with EmbeddedStore(tmp_path / "fast") as fast, EmbeddedStore(tmp_path / "general") as general:
        reports = [
            _import(fast, bundle, monkeypatch, general=False),
            _import(general, bundle, monkeypatch, general=True),
        ]
        for store in (fast, general):
            assert sum(store.stats().values()) == 0, "nothing is stored"
    fast_report, general_report = reports
    assert not fast_report.applied
    assert fast_report.rejections == general_report.rejections
    assert [f.__dict__ for f in fast_report.files] == [f.__dict__ for f in general_report.files]
    rows = {(p.file, p.row, p.field): p.reason for p in fast_report.rejections}
    spoilt = {
        ("companies.csv", 12, "uscc"), ("companies.csv", 1202, "employees"), ("companies.csv", 2001, "country"),
        ("company_segments.csv", 7, "role"), ("company_segments.csv", 2502, "share"),
        ("supplies.csv", 3, "customer_id"), ("supplies.csv", 9002, "amount_cny_100m"),
        ("supplies.csv", 20_001, "as_of"), ("supplies.csv", 12_347, "product"), ("supplies.csv", 15_002, "customer_id"),
    }  # fmt: skip
    assert spoilt <= rows.keys()
    assert rows[("supplies.csv", 16_002, "supplier_id+customer_id")] == "duplicates row 102"
    assert rows[("company_segments.csv", 3002, "company_id+segment_id")] == "duplicates row 52"
    spoilt |= {
        ("supplies.csv", 16_002, "supplier_id+customer_id"),
        ("company_segments.csv", 3002, "company_id+segment_id"),
    }
    # and the rows naming the refused companies (and the unknown syn.x)
    assert {reason for at, reason in rows.items() if at not in spoilt} == {
        "names no company in the bundle or the store"
    }


def test_a_repeated_import_is_a_no_op_on_the_fast_lane(city: Path, tmp_path: Path) -> None:
    """The second import of the same city finds every record stored and equal: nothing written."""
    with EmbeddedStore(tmp_path) as store:
        import_bundle(store, city)
        again = import_bundle(store, city)
    assert again.applied and again.totals()["created"] == again.totals()["updated"] == 0
    assert again.totals()["unchanged"] == again.totals()["rows_read"]
