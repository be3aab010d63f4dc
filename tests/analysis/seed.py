"""A minimal loader of the seed bundle (seed_data/*.csv) into a store, for end-to-end tests."""

from __future__ import annotations

import csv
from pathlib import Path

from chain_graph.models import Kind, Record, parse_record
from chain_graph.store.base import Batch, Store

SEED = Path(__file__).resolve().parents[2] / "seed_data"
FILES = (
    ("regions", Kind.REGION),
    ("chains", Kind.CHAIN),
    ("segments", Kind.SEGMENT),
    ("segment_links", Kind.SEGMENT_LINK),
    ("companies", Kind.COMPANY),
    ("company_segments", Kind.COMPANY_SEGMENT),
    ("supplies", Kind.SUPPLY),
    ("rankings", Kind.RANKING),
    ("organisations", Kind.ORGANISATION),
    ("memberships", Kind.MEMBERSHIP),
    ("shareholdings", Kind.SHAREHOLDING),
)


def seed_records(folder: Path = SEED) -> list[Record]:
    """Every row of the seed bundle as a record (blank cells left out)."""
    records = []
    for name, kind in FILES:
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                records.append(parse_record(kind, {k: v for k, v in row.items() if v not in ("", None)}))
    return records


def load_seed(store: Store) -> list[str]:
    """Load the seed bundle into ``store``; returns the chain ids."""
    records = seed_records()
    store.apply(Batch(upserts=records))
    return sorted(r.chain_id for r in records if r.KIND is Kind.CHAIN)  # type: ignore[attr-defined]
