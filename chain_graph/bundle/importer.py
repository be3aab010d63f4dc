"""Validate every row of a bundle, then write all of it in one batch, or none of it.

The import runs in three steps, so that the store is only written once, and only when
everything passed:

1. **read**: each table file is streamed row by row; each cell is read
   (:mod:`~chain_graph.bundle.cells`), the row validated by its model, and its key checked
   against the rows before it;
2. **resolve**: ranking names are matched to companies, and every reference (a segment's
   chain, a supply tie's ends, …) is checked against the bundle and, in bulk, the store;
3. **apply**: if no row was rejected, one :meth:`Store.apply` call writes the whole
   bundle (the store checks it again and is all-or-nothing itself). Its counts say what
   was created, updated or left unchanged, which makes a repeated import visibly a no-op.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from chain_graph.bundle.cells import reader_for
from chain_graph.bundle.cycles import describe, link_cycles, parent_cycles, stored_parents
from chain_graph.bundle.fastrows import fast_lane, fast_record
from chain_graph.bundle.places import CompanyPlaces
from chain_graph.bundle.reader import BundleReadError, RawBundle, RawTable, read_bundle
from chain_graph.bundle.report import FileReport, ImportReport
from chain_graph.bundle.resolve import PendingRanking, RegionResolver, resolve_ranking_names
from chain_graph.bundle.rowread import is_pending, read_row
from chain_graph.bundle.tables import CellType, TableSpec
from chain_graph.collector import paused_collection
from chain_graph.errors import Conflict, InvalidInput, Problem
from chain_graph.models import MODELS, NODE_KINDS, Kind, Record
from chain_graph.progress import Progress, step, ticks
from chain_graph.store.base import (
    NODE_REFERENCES,
    RELATION_ENDS,
    Batch,
    Change,
    Key,
    Store,
    reference_targets,
    targets_of,
)

__all__ = ["import_bundle"]

_READ_CACHE = 1 << 17  # distinct cell texts remembered per column of a file


def import_bundle(
    store: Store,
    path: str | Path,
    *,
    dry_run: bool = False,
    max_bytes: int | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the bundle at ``path`` (a folder or ``.zip`` of CSV files) into ``store``.

    Returns the report whether the bundle was accepted or refused; raises
    :class:`InvalidInput` only when there is no bundle to speak of (no such path, not a
    zip, too large, no table file in it, an encoding that is none). ``encoding``: the CSV
    files' encoding when it is not UTF-8 or GB18030 (see :func:`~chain_graph.bundle.read_bundle`).
    ``progress`` hears each phase (:mod:`chain_graph.progress`): rows read per table file,
    then matching, checking and the store's write.
    """
    started = time.perf_counter()
    raw = read_bundle(path, max_bytes=max_bytes, encoding=encoding)
    report = ImportReport(source=raw.source, dry_run=dry_run, unknown_files=list(raw.unknown_files))
    with paused_collection():  # a million acyclic records: the collector would walk them again and again
        _Import(store, raw, report, progress).run(dry_run=dry_run)
    report.elapsed_seconds = time.perf_counter() - started
    return report


@dataclass
class _Loaded:
    """The valid records of one table file, each with the row it came from."""

    spec: TableSpec
    file: FileReport
    records: list[Record] = field(default_factory=list)
    rows: array[int] = field(default_factory=lambda: array("q"))

    def add(self, row: int, record: Record) -> None:
        self.records.append(record)
        self.rows.append(row)


class _Import:
    """One import: the bundle, the store, the report being filled in."""

    def __init__(self, store: Store, raw: RawBundle, report: ImportReport, progress: Progress | None = None) -> None:
        self.store = store
        self.progress = progress
        self.raw = raw
        self.report = report
        self.loaded: dict[Kind, _Loaded] = {}
        self.broken: set[Kind] = set()  # kinds whose file could not be read at all
        self.pending: list[PendingRanking] = []
        self.extra_companies: list[Record] = []  # review companies for unmatched ranking names
        self._regions: RegionResolver | None = None
        self._places: CompanyPlaces | None = None  # a company's address → its region

    def run(self, *, dry_run: bool) -> None:
        for table in self.raw.tables.values():
            self._load(table)
        with step(self.progress, "match ranking names"):
            self._resolve_ranking_names()
        with step(self.progress, "check references"):
            self._check_references()
        if self.report.rejection_count == 0:
            self._warn_cycles()
            with step(self.progress, "check in the store (dry run)" if dry_run else "write to the store"):
                self._apply(dry_run=dry_run)

    # -- step 1: read ---------------------------------------------------------------------------

    def _load(self, table: RawTable) -> None:
        spec = table.spec
        report = FileReport(
            spec.name, spec.label, table.file, encoding=table.encoding, unknown_columns=list(table.unknown_columns)
        )
        self.report.files.append(report)
        loaded = self.loaded[spec.kind] = _Loaded(spec, report)
        for problem in table.problems:
            self.report.reject(problem)
        if table.problems:
            self.broken.add(spec.kind)
        if table.readable:
            try:
                self._load_rows(table, loaded)
            except BundleReadError as e:
                self.report.reject(Problem(reason=e.message, file=table.file))
                self.broken.add(spec.kind)
        report.warnings.extend(table.warnings)

    def _load_rows(self, table: RawTable, loaded: _Loaded) -> None:
        spec = table.spec
        readers = [(c.name, self._reader(c.type, c), c.required) for c in spec.columns if c.name in table.header]
        model = MODELS[spec.kind]
        fast = fast_record(spec.kind)
        keys: dict[Key, int] = {}
        places: dict[tuple[Any, ...], int] = {}  # rankings: (list_id, year, rank) → row
        complete = self._company_places().complete if spec.kind is Kind.COMPANY else None
        cells_only = fast_lane(spec, table.header) if complete is None else None
        add_record, add_row = loaded.records.append, loaded.rows.append
        for row in ticks(table.rows(), self.progress, f"read {table.file}"):
            loaded.file.rows_read += 1
            record = cells_only(row.cells) if cells_only is not None and not row.overflow else None
            if record is not None and keys.setdefault(record.key, row.number) == row.number:
                add_record(record)  # valid and its key new (no fast lane reads rankings: nothing pending)
                add_row(row.number)
                continue
            if record is not None:
                problems: list[Problem] = []
            else:
                record, problems = read_row(model, readers, row, complete, fast)
            if record is not None and not problems:
                problems = self._duplicates(spec, record, row.number, keys, places)
            if problems or record is None:
                self._reject_row(loaded, row.number, problems)
            elif is_pending(record):
                self.pending.append(PendingRanking(row.number, record))  # type: ignore[arg-type]
            else:
                loaded.add(row.number, record)
        if complete is not None:
            loaded.file.warnings.extend(self._company_places().warnings())

    def _reader(self, cell_type: CellType, column: Any) -> Callable[[str], Any]:
        if cell_type is CellType.REGION:
            return self._resolve_region
        # cell readers are pure functions of the text, and a bundle repeats its texts (every
        # company's id in ten supply rows, one as_of date in most): read each once per file
        return lru_cache(maxsize=_READ_CACHE)(reader_for(column))

    def _resolve_region(self, text: str) -> str:
        return self._region_resolver()(text)

    def _region_resolver(self) -> RegionResolver:
        if self._regions is None:  # regions load first, so the bundle's own are known by now
            regions = self.loaded.get(Kind.REGION)
            self._regions = RegionResolver(regions.records if regions else [], self.store)
        return self._regions

    def _company_places(self) -> CompanyPlaces:
        if self._places is None:
            self._places = CompanyPlaces(self._region_resolver())
        return self._places

    def _duplicates(
        self, spec: TableSpec, record: Record, row: int, keys: dict[Key, int], places: dict[Any, int]
    ) -> list[Problem]:
        """A key seen in an earlier row of the file; for rankings also a (list, year, rank) seen."""
        problems = []
        if spec.kind is Kind.RANKING:
            ranking: Any = record
            first = places.setdefault((ranking.list_id, ranking.year, ranking.rank), row)
            if first != row:
                reason = f"duplicates row {first}: same list, year and rank"
                problems.append(Problem(reason=reason, field="rank", value=str(ranking.rank)))
            if is_pending(record):
                return problems  # its key is known once its name is matched
        first = keys.setdefault(record.key, row)
        if first != row:
            shown = "/".join(str(k) for k in record.key)
            problems.append(Problem(reason=f"duplicates row {first}", field="+".join(spec.key), value=shown))
        return problems

    def _reject_row(self, loaded: _Loaded, row: int, problems: list[Problem]) -> None:
        loaded.file.rejected += 1
        for p in problems:
            self.report.reject(Problem(reason=p.reason, field=p.field, file=loaded.file.file, row=row, value=p.value))

    # -- step 2: resolve ------------------------------------------------------------------------

    def _resolve_ranking_names(self) -> None:
        rankings = self.loaded.get(Kind.RANKING)
        if rankings is None or not self.pending:
            return
        companies = self.loaded.get(Kind.COMPANY)
        resolution = resolve_ranking_names(
            self.pending, companies.records if companies else [], self.store, file=rankings.file.file
        )
        keys = {record.key: row for record, row in zip(rankings.records, rankings.rows, strict=True)}
        for problem in resolution.problems:
            self.report.reject(problem)
            rankings.file.rejected += 1
        for item in resolution.resolved:
            first = keys.setdefault(item.record.key, item.row)
            if first != item.row:
                self._reject_row(
                    rankings,
                    item.row,
                    [
                        Problem(
                            reason=f"duplicates row {first}: the same company on the same list and year",
                            field="company_name",
                            value=item.record.company_name,
                        )
                    ],
                )
            else:
                rankings.add(item.row, item.record)
        self.extra_companies = list(resolution.new_companies)
        self.report.review.extend(resolution.review)

    def _check_references(self) -> None:
        """Every id a record names must be in the bundle or the store (asked once per kind)."""
        in_bundle: dict[Kind, set[str]] = {
            kind: {r.key[0] for r in loaded.records} for kind, loaded in self.loaded.items() if kind in NODE_KINDS
        }
        in_bundle.setdefault(Kind.COMPANY, set()).update(c.key[0] for c in self.extra_companies)
        missing: dict[Kind, set[str]] = {}
        for loaded in self.loaded.values():
            for field_name, target in _references(loaded.spec.kind):
                # each record names none, one or several (a park: chain_ids)
                outside = targets_of(loaded.records, field_name) - in_bundle.get(target, set())
                if outside:
                    missing.setdefault(target, set()).update(outside)
        unknown = {
            kind: ids - {key[0] for key in self.store.lookup_many(kind, [(i,) for i in ids])}
            for kind, ids in missing.items()
            if kind not in self.broken
        }
        for loaded in self.loaded.values():
            self._reject_unknown_references(loaded, unknown)

    def _reject_unknown_references(self, loaded: _Loaded, unknown: dict[Kind, set[str]]) -> None:
        refs = [(f, target, unknown[target]) for f, target in _references(loaded.spec.kind) if unknown.get(target)]
        if not refs:
            return
        for record, row in zip(loaded.records, loaded.rows, strict=True):
            problems = [
                Problem(reason=f"names no {target} in the bundle or the store", field=f, value=value)
                for f, target, ids in refs
                for value in reference_targets(record, f)
                if value in ids
            ]
            if problems:
                self._reject_row(loaded, row, problems)

    def _warn_cycles(self) -> None:
        """Name the parent cycles and FEEDS cycles the bundle makes with the store (accepted)."""
        for kind, what in ((Kind.REGION, "region parents"), (Kind.SEGMENT, "segment parents")):
            loaded = self.loaded.get(kind)
            if loaded is not None and loaded.records:
                own = {r.key[0]: getattr(r, "parent_id", None) for r in loaded.records}
                parents = stored_parents(own, partial(self._stored_parents, kind))
                cycles = [c for c in parent_cycles(parents) if own.keys() & set(c)]
                loaded.file.warnings.extend(describe(what, cycles, "→ parent"))
        links = self.loaded.get(Kind.SEGMENT_LINK)
        if links is not None and links.records:
            ties = {r.key for r in links.records} | {r.key for r in self.store.list(Kind.SEGMENT_LINK).items}
            mine = {r.key[0] for r in links.records}
            cycles = [c for c in link_cycles(ties) if mine & set(c)]
            links.file.warnings.extend(describe("FEEDS links", cycles, "feeds"))

    def _stored_parents(self, kind: Kind, ids: list[str]) -> dict[str, str | None]:
        found = self.store.lookup_many(kind, [(i,) for i in ids])
        return {key[0]: getattr(record, "parent_id", None) for key, record in found.items()}

    # -- step 3: apply --------------------------------------------------------------------------

    def _apply(self, *, dry_run: bool) -> None:
        batch = Batch()
        for loaded in self.loaded.values():
            batch.add(loaded.records)
        batch.add(self.extra_companies)
        added_regions = list(self._regions.added.values()) if self._regions else []
        batch.add(added_regions)
        try:
            result = self.store.apply(batch, dry_run=dry_run)
        except (InvalidInput, Conflict) as e:
            problems = getattr(e, "problems", None) or [Problem(reason=e.message, field=e.field)]
            for p in problems:
                self.report.reject(Problem(reason=f"refused by the store: {p.reason}", field=p.field, value=p.value))
            return
        for kind, loaded in self.loaded.items():
            counts = result.counts.get(kind, {})
            loaded.file.created = counts.get(Change.CREATED, 0)
            loaded.file.updated = counts.get(Change.UPDATED, 0)
            loaded.file.unchanged = counts.get(Change.UNCHANGED, 0)
        if Kind.COMPANY in self.loaded:  # review companies are counted in the review list
            self.loaded[Kind.COMPANY].file.created -= len(self.extra_companies)
        if Kind.REGION in self.loaded:  # regions from the reference tables are listed apart
            self.loaded[Kind.REGION].file.created -= len(added_regions)
        self.report.added_regions = added_regions
        self.report.accepted = True
        self.report.applied = not dry_run


def _references(kind: Kind) -> list[tuple[str, Kind]]:
    """The fields of a record of ``kind`` that name another node, and that node's kind.

    A company's or park's region is left out: its cell was resolved against the known regions already.
    """
    if kind in RELATION_ENDS:
        _, start, end = RELATION_ENDS[kind]
        return [(f, k) for f, k in (start, end) if k is not None]
    resolved = {(Kind.COMPANY, "region"), (Kind.PARK, "region")}
    return [(f, k) for f, k, _ in NODE_REFERENCES.get(kind, ()) if (kind, f) not in resolved]
