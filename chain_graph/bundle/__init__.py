"""Import a bundle — a folder or ``.zip`` of CSV files (format: docs/IMPORT-FORMAT.md) — into a store.

Usage::

    report = import_bundle(store, "quanzhou-bundle.zip", max_bytes=settings.max_import_bytes)
    print("\\n".join(report.summary_lines()))
    if not report.applied:
        ...  # report.rejections says, per file, row and column, what to fix

:func:`import_bundle` validates every row and writes all of them in one batch, or nothing;
importing the same bundle twice changes nothing. :func:`read_bundle` only opens the bundle
and decodes its files (for previews and for tools). :data:`TABLES` lists the table files,
their columns and the order they load in.
"""

from chain_graph.bundle.importer import import_bundle
from chain_graph.bundle.reader import DEFAULT_MAX_BYTES, RawBundle, RawRow, RawTable, read_bundle
from chain_graph.bundle.report import FileReport, ImportReport, ReviewItem
from chain_graph.bundle.resolve import REVIEW_SOURCE
from chain_graph.bundle.tables import TABLES, CellType, Column, TableSpec

__all__ = [
    "DEFAULT_MAX_BYTES",
    "REVIEW_SOURCE",
    "TABLES",
    "CellType",
    "Column",
    "FileReport",
    "ImportReport",
    "RawBundle",
    "RawRow",
    "RawTable",
    "ReviewItem",
    "TableSpec",
    "import_bundle",
    "read_bundle",
]
