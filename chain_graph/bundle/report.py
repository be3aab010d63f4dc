"""What an import did, or would do, or why it was refused: for JSON and for people.

Every import returns an :class:`ImportReport`, accepted or not. Rejections are listed in
full up to :data:`MAX_REJECTIONS`; beyond that only their number is kept, so a bundle with
a million bad rows still yields a report of reasonable size.

Examples
--------
>>> report = ImportReport(source="bundle.zip", dry_run=True)
>>> report.files.append(FileReport("chains", "产业链", "chains.csv", encoding="utf-8", rows_read=2, created=2))
>>> report.accepted = True
>>> print("\\n".join(report.summary_lines()))
Dry run of bundle.zip: accepted, nothing written (dry run).
  chains [产业链] chains.csv: 2 read, 2 created, 0 updated, 0 unchanged, 0 rejected (utf-8)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from chain_graph.errors import Problem
from chain_graph.models import Region

__all__ = ["MAX_REJECTIONS", "FileReport", "ImportReport", "ReviewItem"]

MAX_REJECTIONS = 1000
_SHOWN_REGIONS = 10


@dataclass
class FileReport:
    """One table file: how its rows fared."""

    table: str
    label: str
    file: str
    encoding: str | None = None
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0  # rows with at least one problem (a file-level problem is listed apart)
    unknown_columns: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewItem:
    """A ranking name that matched no company: the external company it created, to check.

    ``suggestions`` are companies whose names come close (``(company_id, name, score)``,
    best first): a person decides; the import never links them.
    """

    file: str
    row: int
    company_name: str
    company_id: str
    new: bool  # created by this import (else made by an earlier one and still unreviewed)
    suggestions: tuple[tuple[str, str, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["suggestions"] = [{"company_id": c, "name": n, "score": s} for c, n, s in self.suggestions]
        return data


@dataclass
class ImportReport:
    """The outcome of one import (see :func:`chain_graph.bundle.import_bundle`)."""

    source: str
    dry_run: bool = False
    accepted: bool = False  # every row passed every check
    applied: bool = False  # and the store wrote it (never in a dry run)
    files: list[FileReport] = field(default_factory=list)
    rejections: list[Problem] = field(default_factory=list)
    rejections_omitted: int = 0
    unknown_files: list[str] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    added_regions: list[Region] = field(default_factory=list)  # from GB/T 2260 / ISO 3166, not the bundle
    elapsed_seconds: float = 0.0

    def reject(self, problem: Problem) -> None:
        """Record a rejection, keeping the first :data:`MAX_REJECTIONS` in full."""
        if len(self.rejections) < MAX_REJECTIONS:
            self.rejections.append(problem)
        else:
            self.rejections_omitted += 1

    @property
    def rejection_count(self) -> int:
        return len(self.rejections) + self.rejections_omitted

    def file(self, table: str) -> FileReport:
        """The report of one table (``report.file("companies").created``)."""
        return next(f for f in self.files if f.table == table)

    def totals(self) -> dict[str, int]:
        keys = ("rows_read", "created", "updated", "unchanged", "rejected")
        return {k: sum(getattr(f, k) for f in self.files) for k in keys}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "accepted": self.accepted,
            "applied": self.applied,
            "elapsed_seconds": round(self.elapsed_seconds, 3),
            "totals": self.totals(),
            "files": [asdict(f) for f in self.files],
            "rejections": [p.as_dict() for p in self.rejections],
            "rejection_count": self.rejection_count,
            "unknown_files": list(self.unknown_files),
            "review": [r.to_dict() for r in self.review],
            "added_regions": [r.to_row() for r in self.added_regions],
        }

    def summary_lines(self) -> list[str]:
        """A few lines a planner can read: the outcome, each file, warnings, rejections."""
        lines = [self._headline()]
        for f in self.files:
            lines.append(
                f"  {f.table} [{f.label}] {f.file}: {f.rows_read} read, {f.created} created, "
                f"{f.updated} updated, {f.unchanged} unchanged, {f.rejected} rejected ({f.encoding or '-'})"
            )
            if f.unknown_columns:
                lines.append(f"    warning: unknown columns, not imported: {', '.join(f.unknown_columns)}")
            lines.extend(f"    warning: {w}" for w in f.warnings)
        if self.added_regions:
            n = len(self.added_regions)
            shown = ", ".join(f"{r.region_id} {r.name}" for r in self.added_regions[:_SHOWN_REGIONS])
            more = f" and {n - _SHOWN_REGIONS} more" if n > _SHOWN_REGIONS else ""
            lines.append(f"  regions added from GB/T 2260 / ISO 3166: {n} ({shown}{more})")
        if self.unknown_files:
            lines.append(f"  warning: files not imported (not bundle tables): {', '.join(self.unknown_files)}")
        for p in self.rejections:
            where = ", ".join(x for x in (p.file, f"row {p.row}" if p.row else None, p.field) if x)
            value = f" (value {p.value!r})" if p.value is not None else ""
            lines.append(f"  rejected: {where}: {p.reason}{value}")
        if self.rejections_omitted:
            lines.append(f"  … and {self.rejections_omitted} more rejections")
        for r in self.review:
            state = "new company" if r.new else "company still unreviewed"
            lines.append(
                f"  review: {r.file} row {r.row}: {r.company_name!r} matched no company → {state} {r.company_id}"
            )
            if r.suggestions:
                close = ", ".join(f"{n} ({c}, {s:g})" for c, n, s in r.suggestions)
                lines.append(f"    close names, not linked: {close}")
        return lines

    def _headline(self) -> str:
        what = "Dry run" if self.dry_run else "Import"
        if not self.accepted:
            return f"{what} of {self.source}: refused, {self.rejection_count} problem(s); nothing was written."
        t = self.totals()
        if self.dry_run:
            return f"{what} of {self.source}: accepted, nothing written (dry run)."
        return (
            f"{what} of {self.source}: applied, {t['created']} created, {t['updated']} updated, "
            f"{t['unchanged']} unchanged."
        )
