"""The embedded store's records: keys as text, look-ups by key, filtered pages, counters.

Helpers over one SQLite connection, shared by the store's reads and its write transaction
(:mod:`~chain_graph.store.embedded`, :mod:`~chain_graph.store.embedded_write`).
"""

from __future__ import annotations

import builtins
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from chain_graph.errors import InvalidInput, NotFound
from chain_graph.models import MODELS, Chain, Kind, Record
from chain_graph.store.base import Key
from chain_graph.store.search import SEPARATOR
from chain_graph.store.sqlite_index import INDEX_ONLY, INDEX_TABLES, field_columns, record_columns, record_of

__all__ = [
    "INDEXED_FILTERS",
    "bump",
    "count_kind",
    "key_text",
    "list_query",
    "lookup",
    "order_by",
    "read_chain",
    "row_reader",
    "search_ids",
    "shown_key",
]

_CHUNK = 500

# list() filters answered through an index table: (kind, field) -> (table, column, record key of a row)
INDEXED_FILTERS: dict[tuple[Kind, str], tuple[str, str, str]] = {
    (Kind.REGION, "parent_id"): ("g_region", "parent_id", "json_array(t.region_id)"),
    (Kind.SEGMENT, "chain_id"): ("g_segment", "chain_id", "json_array(t.segment_id)"),
    (Kind.SEGMENT, "parent_id"): ("g_segment", "parent_id", "json_array(t.segment_id)"),
    (Kind.COMPANY, "region"): ("g_company", "region", "json_array(t.company_id)"),
    (Kind.SEGMENT_LINK, "from_segment_id"): ("g_link", "from_id", "json_array(t.from_id, t.to_id)"),
    (Kind.SEGMENT_LINK, "to_segment_id"): ("g_link", "to_id", "json_array(t.from_id, t.to_id)"),
    (Kind.COMPANY_SEGMENT, "segment_id"): ("g_member", "segment_id", "json_array(t.company_id, t.segment_id)"),
    (Kind.COMPANY_SEGMENT, "company_id"): ("g_member", "company_id", "json_array(t.company_id, t.segment_id)"),
    (Kind.SUPPLY, "supplier_id"): ("g_supply", "supplier_id", "json_array(t.supplier_id, t.customer_id)"),
    (Kind.SUPPLY, "customer_id"): ("g_supply", "customer_id", "json_array(t.supplier_id, t.customer_id)"),
    (Kind.RANKING, "company_id"): ("g_ranking", "company_id", "json_array(t.list_id, t.year, t.company_id)"),
    (Kind.MEMBERSHIP, "company_id"): ("g_affil", "company_id", "json_array(t.company_id, t.organisation_id)"),
    (Kind.MEMBERSHIP, "organisation_id"): ("g_affil", "organisation_id", "json_array(t.company_id, t.organisation_id)"),
    (Kind.SHAREHOLDING, "holder_id"): ("g_share", "holder_id", "json_array(t.holder_id, t.company_id)"),
    (Kind.SHAREHOLDING, "company_id"): ("g_share", "company_id", "json_array(t.holder_id, t.company_id)"),
}
# Kinds whose key has a whole-number part: ordered by their key fields, not the key text.
_NUMERIC_KEYS = {Kind.PLAN_EVENT}


_PLAIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-")


def key_text(key: Key) -> str:
    """The key as compact JSON text (the primary key of ``records``); ids need no escaping, so the
    common case is built by hand — an import writes a million of them."""
    try:
        if all(map(_PLAIN.issuperset, key)):  # text parts of id characters only (an int part: TypeError)
            return '["' + '","'.join(key) + '"]'
    except TypeError:
        pass
    parts = []
    for p in key:
        if isinstance(p, int) and not isinstance(p, bool):
            parts.append(str(p))
            continue
        text = str(p)
        if not _PLAIN.issuperset(text):
            return json.dumps(list(key), ensure_ascii=False, separators=(",", ":"), default=str)
        parts.append(f'"{text}"')
    return "[" + ",".join(parts) + "]"


def bump(db: sqlite3.Connection, names: Iterable[str]) -> None:
    db.executemany(
        "INSERT INTO revisions(name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1",
        [(name,) for name in sorted(set(names))],
    )


def read_chain(db: sqlite3.Connection, chain_id: str) -> Chain:
    row = db.execute("SELECT data FROM records WHERE kind = 'chain' AND key = ?", (key_text((chain_id,)),)).fetchone()
    if row is None:
        raise NotFound(f"no chain with id {chain_id!r}", field="chain_id")
    return Chain.from_stored(json.loads(row[0]))


def count_kind(db: sqlite3.Connection, kind: Kind) -> int:
    row = db.execute("SELECT n FROM kind_counts WHERE kind = ?", (kind.value,)).fetchone()
    return int(row[0]) if row else 0


def lookup(db: sqlite3.Connection, kind: Kind, keys: builtins.list[Key]) -> dict[Key, Record]:
    found: dict[Key, Record] = {}
    if not keys or count_kind(db, kind) == 0:  # a fresh store answers every look-up at once
        return found
    columns, read = row_reader(kind)
    if kind in INDEX_ONLY:  # the index row is the record (schema 6): seek it by its key columns
        table, _, key_columns, _ = INDEX_TABLES[kind]
        on = " AND ".join(f"t.{c} = json_extract(j.value, '$[{i}]')" for i, c in enumerate(key_columns))
        query = f"SELECT {columns} FROM json_each(?) j CROSS JOIN {table} t ON {on}"
    else:
        # IN (subquery), not a join from json_each: the planner then seeks each key instead of
        # scanning every record of the kind (220 ms at 100k companies for one look-up)
        query = f"SELECT {columns} FROM records r WHERE r.kind = ? AND r.key IN (SELECT value FROM json_each(?))"
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        if kind in INDEX_ONLY:
            params: tuple[Any, ...] = (json.dumps([[getattr(p, "value", p) for p in k] for k in chunk]),)
        else:
            params = (kind.value, json.dumps([key_text(k) for k in chunk], ensure_ascii=False))
        for row in db.execute(query, params):
            record = read(row)
            found[record.key] = record
    return found


def row_reader(kind: Kind) -> tuple[str, Callable[[Sequence[Any]], Record]]:
    """What a query selects for a kind's records (``r`` the records row, ``t`` the index row) and
    the record of such a selected row: the JSON of ``records``, or the index row of an index-only kind."""
    if kind in INDEX_ONLY:
        return record_columns(kind), record_of(kind)
    model = MODELS[kind]
    return "r.data", lambda row: model.from_stored(json.loads(row[0]))


def _where_value(kind: Kind, name: str, value: Any) -> Any:
    """A filter value as SQLite holds the field: enums as text, booleans 0/1, dates ISO, numbers."""
    from chain_graph.models import _core_type

    value = getattr(value, "value", value)
    core = _core_type(MODELS[kind].model_fields[name].annotation)
    try:
        if core is bool:
            return int(value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes"))
        if core is int:
            return int(value)
        if core is float:
            return float(value)
    except (TypeError, ValueError) as e:
        raise InvalidInput(f"{name}: {value!r} is not a valid {core.__name__}", field=name) from e
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def list_query(kind: Kind, where: Mapping[str, Any] | None) -> tuple[str, str, tuple[Any, ...]]:
    """FROM, WHERE and parameters of a list; field names checked against the model."""
    fields = MODELS[kind].model_fields
    conditions = dict(where or {})
    for name in conditions:
        if name not in fields:
            raise InvalidInput(f"{kind} has no field {name!r} to filter on", field=name)
    if kind in INDEX_ONLY:  # every field is a column of the index row (schema 6)
        columns = field_columns(kind)
        matches = [f"t.{columns[name]} = ?" for name in conditions] or ["1"]
        values = tuple(_where_value(kind, name, value) for name, value in conditions.items())
        return f"{INDEX_TABLES[kind][0]} t", " AND ".join(matches), values
    # field names and the kind are checked identifiers from the model, values are parameters
    indexed = next(((n, INDEXED_FILTERS[(kind, n)]) for n in conditions if (kind, n) in INDEXED_FILTERS), None)
    clauses: builtins.list[str] = [f"r.kind = '{kind.value}'"]
    params: builtins.list[Any] = []
    source = "records r"
    if indexed is not None:
        name, (table, column, key_expr) = indexed
        # CROSS JOIN fixes the order: from the index table's matches to their records (the planner
        # would otherwise walk every record of the kind and probe the index table)
        source = f"{table} t CROSS JOIN records r ON r.kind = '{kind.value}' AND r.key = {key_expr}"
        clauses.append(f"t.{column} = ?")
        params.append(_where_value(kind, name, conditions.pop(name)))
    for name, value in conditions.items():
        clauses.append(f"json_extract(r.data, '$.{name}') = ?")
        params.append(_where_value(kind, name, value))
    return source, " AND ".join(clauses), tuple(params)


def order_by(kind: Kind) -> str:
    if kind in INDEX_ONLY:  # ids are plain text (ID_PATTERN): the key's columns sort as its JSON text does
        return ", ".join(f"t.{c}" for c in INDEX_TABLES[kind][2])
    if kind in _NUMERIC_KEYS:
        return ", ".join(f"json_extract(r.data, '$.{f}')" for f in MODELS[kind].KEY)
    return "r.key"


def shown_key(kind: Kind, key: str | Sequence[Any]) -> str:
    parts = (key,) if isinstance(key, (str, int)) else tuple(key)
    return "/".join(str(p) for p in parts) if len(parts) > 1 else repr(parts[0])


# A hit's order as SQL, the same as store.search.text_rank: a part of the folded text equal to the
# needle (0), one that starts with it (1), any other match (2); parts are separated by
# store.search.SEPARATOR (U+001F, char(31)).
_HIT_RANK = (
    "CASE WHEN instr(char(31) || c.search || char(31), char(31) || :needle || char(31)) > 0 THEN 0 "
    "WHEN instr(char(31) || c.search, char(31) || :needle) > 0 THEN 1 ELSE 2 END"
)
_TRIGRAM = 3  # the index answers needles of three characters or more


def search_ids(db: sqlite3.Connection, needle: str, limit: int, *, indexed: bool) -> builtins.list[str]:
    """Ids of the first ``limit`` companies whose folded text contains ``needle``, best hits first
    (exact, prefix, contains; then by id). The order and the limit are applied in SQLite, so a
    common term ('公司') costs a bounded sort, not a list of every match in Python; with the trigram
    index (``indexed``) a needle of three characters or more reads only the companies that hold it."""
    if SEPARATOR in needle:  # the parts' separator: no part of a company's text holds it
        return []
    if indexed and len(needle) >= _TRIGRAM:
        source = (
            "g_company_fts f JOIN g_company_text t ON t.id = f.rowid JOIN g_company c ON c.company_id = t.company_id "
            "WHERE g_company_fts MATCH :phrase AND instr(c.search, :needle) > 0"
        )
    else:
        source = "g_company c WHERE instr(c.search, :needle) > 0"
    rows = db.execute(
        f"SELECT c.company_id FROM {source} ORDER BY {_HIT_RANK}, c.company_id LIMIT :limit",
        {"needle": needle, "phrase": '"' + needle.replace('"', '""') + '"', "limit": limit},
    )
    return [company_id for (company_id,) in rows]
