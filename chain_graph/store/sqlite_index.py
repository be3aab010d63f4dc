"""The rows of the embedded store's index tables: which columns each graph kind keeps, from its record.

The tables themselves are created by :mod:`chain_graph.store.sqlite_schema`; the store writes
these rows in the same transaction as the records (:mod:`chain_graph.store.embedded_write`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from chain_graph.models import MODELS, Kind, Record
from chain_graph.store.search import company_text

__all__ = [
    "INDEX_ONLY",
    "INDEX_TABLES",
    "field_columns",
    "index_delete",
    "index_rows",
    "move_index_only",
    "record_columns",
    "record_of",
]

_ROLE_RANK = {"leading": 0, "core": 1, "supporting": 2}  # the order of a segment's firm list


def _g(record: Record, name: str) -> Any:
    value = getattr(record, name)
    return getattr(value, "value", value)


# kind -> (table, its columns, key columns, the row of a record)
INDEX_TABLES: dict[Kind, tuple[str, tuple[str, ...], tuple[str, ...], Callable[[Any], tuple[Any, ...]]]] = {
    Kind.REGION: ("g_region", ("region_id", "parent_id"), ("region_id",), lambda r: (r.region_id, r.parent_id)),
    Kind.SEGMENT: (
        "g_segment",
        ("segment_id", "chain_id", "parent_id"),
        ("segment_id",),
        lambda r: (r.segment_id, r.chain_id, r.parent_id),
    ),
    Kind.SEGMENT_LINK: (
        "g_link",
        ("from_id", "to_id", "weight"),
        ("from_id", "to_id"),
        lambda r: (r.from_segment_id, r.to_segment_id, r.weight),
    ),
    Kind.COMPANY: (
        "g_company",
        ("company_id", "name", "region", "local_site", "revenue", "search"),
        ("company_id",),
        lambda r: (r.company_id, r.name, r.region, int(r.local_site), r.revenue_cny_100m, company_text(r)),
    ),
    Kind.COMPANY_SEGMENT: (
        "g_member",
        ("segment_id", "company_id", "role", "share", "rank", "source", "as_of"),
        ("company_id", "segment_id"),
        lambda r: (
            r.segment_id,
            r.company_id,
            _g(r, "role"),
            r.share,
            _ROLE_RANK.get(_g(r, "role"), 2),
            r.source,
            _iso(r.as_of),
        ),
    ),
    Kind.SUPPLY: (
        "g_supply",
        ("supplier_id", "customer_id", "product", "amount", "source", "as_of"),
        ("supplier_id", "customer_id"),
        lambda r: (
            r.supplier_id,
            r.customer_id,
            r.product,
            r.amount_cny_100m,
            r.source,
            _iso(r.as_of),
        ),
    ),
    Kind.RANKING: (
        "g_ranking",
        ("company_id", "list_id", "year", "rank"),
        ("list_id", "year", "company_id"),
        lambda r: (r.company_id, _g(r, "list_id"), r.year, r.rank),
    ),
    Kind.ORGANISATION: (
        "g_org",
        ("organisation_id", "name", "kind", "overseas_chinese"),
        ("organisation_id",),
        lambda r: (r.organisation_id, r.name, _g(r, "kind"), int(r.overseas_chinese)),
    ),
    Kind.MEMBERSHIP: (
        "g_affil",
        ("company_id", "organisation_id", "role", "since", "source", "as_of"),
        ("company_id", "organisation_id"),
        lambda r: (r.company_id, r.organisation_id, r.role, _iso(r.since), r.source, _iso(r.as_of)),
    ),
    Kind.SHAREHOLDING: (
        "g_share",
        ("holder_id", "company_id", "share_pct", "source", "as_of"),
        ("holder_id", "company_id"),
        lambda r: (r.holder_id, r.company_id, r.share_pct, r.source, _iso(r.as_of)),
    ),
}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


# Kinds whose index row is the record's only home (schema 6): a city's million supply ties and its
# memberships are not kept twice, as JSON in ``records`` and as a row here. Their records are read
# back from the row's columns (every field of the record is a column; the key columns in KEY order).
INDEX_ONLY: frozenset[Kind] = frozenset({Kind.COMPANY_SEGMENT, Kind.SUPPLY})
_COLUMN_OF = {"amount_cny_100m": "amount"}  # a record field stored under another column name


def field_columns(kind: Kind) -> dict[str, str]:
    """An index-only kind's record fields, in the model's order, and the columns that hold them."""
    return {name: _COLUMN_OF.get(name, name) for name in MODELS[kind].model_fields}


def record_columns(kind: Kind, alias: str = "t") -> str:
    """The columns of an index-only kind's row that hold its record, in the model's field order."""
    return ", ".join(f"{alias}.{column}" for column in field_columns(kind).values())


def record_of(kind: Kind) -> Callable[[Sequence[Any]], Any]:
    """The record of an index-only kind from the columns :func:`record_columns` names."""
    model = MODELS[kind]
    fields = tuple(model.model_fields)
    return lambda row: model.from_stored(dict(zip(fields, row, strict=True)))


# Columns an index row takes from another table as it is written (table, column -> its value):
# a membership carries its company's locality, a supply its supplier's name and locality.
_CARRIED: dict[str, dict[str, str]] = {
    "g_member": {
        "region": "(SELECT region FROM g_company WHERE company_id = :company_id)",
        "local_site": "(SELECT local_site FROM g_company WHERE company_id = :company_id)",
        "revenue": "(SELECT revenue FROM g_company WHERE company_id = :company_id)",
    },
    "g_supply": {
        "sup_name": "(SELECT name FROM g_company WHERE company_id = :supplier_id)",
        "sup_region": "(SELECT region FROM g_company WHERE company_id = :supplier_id)",
        "sup_local_site": "(SELECT local_site FROM g_company WHERE company_id = :supplier_id)",
    },
}


def index_rows(kind: Kind, records: list[Record]) -> tuple[str, list[dict[str, Any]]]:
    """The upsert of a kind's index table and its rows (an upsert, not ``INSERT OR REPLACE``: a
    replaced row must fire the update triggers that keep the presence counters)."""
    table, columns, key_columns, row = INDEX_TABLES[kind]
    carried = _CARRIED.get(table, {})
    names = [*columns, *carried]
    values = [f":{c}" for c in columns] + list(carried.values())
    updates = ", ".join(f"{c} = excluded.{c}" for c in names if c not in key_columns)
    statement = (
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(values)}) "
        f"ON CONFLICT ({', '.join(key_columns)}) DO " + (f"UPDATE SET {updates}" if updates else "NOTHING")
    )
    return statement, [dict(zip(columns, row(r), strict=True)) for r in records]


_MOVE_PAGE = 10_000  # records moved per step (a 300k city holds millions: never all in memory)


def move_index_only(db: sqlite3.Connection) -> None:
    """Rewrite the index rows of the index-only kinds from their records' JSON in ``records`` (the
    fields' values exactly as the records held them), then delete that JSON (schema 6).

    A plain ``UPDATE`` of the fields that are not the key sets each row (the texts as they are, the
    numbers as Python reads them: exactly what the record held); ``role`` is text the row has held
    exactly since schema 2 and is left alone (setting it would fire the presence triggers). A page
    whose rows are not all there (none should be missing) is written whole through the upsert."""
    for kind in sorted(INDEX_ONLY):
        table, _, key_columns, _ = INDEX_TABLES[kind]
        fields = {f: c for f, c in field_columns(kind).items() if c not in key_columns and c != "role"}
        update = (
            f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in fields.values())} "
            f"WHERE {' AND '.join(f'{c} = ?' for c in key_columns)}"
        )
        model, after = MODELS[kind], ""
        while rows := db.execute(
            "SELECT key, data FROM records WHERE kind = ? AND key > ? ORDER BY key LIMIT ?",
            (kind.value, after, _MOVE_PAGE),
        ).fetchall():
            stored = [json.loads(data) for _, data in rows]
            done = db.executemany(update, [[*map(d.get, fields), *map(d.get, model.KEY)] for d in stored]).rowcount
            if done != len(stored):
                statement, index = index_rows(kind, [model.from_stored(d) for d in stored])
                db.executemany(statement, index)
            after = rows[-1][0]
        db.execute("DELETE FROM records WHERE kind = ?", (kind.value,))


def index_delete(kind: Kind) -> str:
    """The ``DELETE`` of one row of a kind's index table, by the record's key parts in KEY order."""
    table, _, key_columns, _ = INDEX_TABLES[kind]
    return f"DELETE FROM {table} WHERE " + " AND ".join(f"{c} = ?" for c in key_columns)
