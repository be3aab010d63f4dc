"""Move data between stores, and full dumps (versioned JSON Lines) for backup and restore.

A copy or a restore is one batch: the target ends up exactly like the source, or — if
anything is refused (a dangling reference in a dump, a store that drops mid-way) — exactly as
it was. ``replace`` is part of the same batch: it deletes what the target holds and the source
does not, in the same all-or-nothing write. Dumps hold every kind of record, plans and their history
included, one JSON object a line, real Chinese characters, after a header line that names
the format and its version so later versions can migrate old dumps.

Each function takes an optional ``progress`` callback (:mod:`chain_graph.progress`): reading
and writing records is reported as it goes, a store's write as one phase.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from chain_graph import __version__
from chain_graph.errors import InvalidInput, Problem
from chain_graph.models import Kind, Record, parse_record
from chain_graph.progress import Progress, step, ticks
from chain_graph.store.base import ApplyResult, Batch, Store

__all__ = ["DUMP_FORMAT", "DUMP_VERSION", "iter_records", "copy_store", "dump_store", "read_dump", "restore_dump"]

DUMP_FORMAT = "chain-graph-dump"
DUMP_VERSION = 1


def iter_records(store: Store, kinds: tuple[Kind, ...] = tuple(Kind)) -> Iterator[Record]:
    """Every record of ``kinds``, nodes before relationships, each kind in key order."""
    for kind in kinds:
        yield from store.list(kind).items


def copy_store(source: Store, target: Store, *, replace: bool = True, progress: Progress | None = None) -> ApplyResult:
    """Copy everything from ``source`` into ``target`` in one batch.

    With ``replace`` the target ends equal to the source (what only the target holds is deleted
    in the same batch); without it, the source's records are merged into what the target holds.
    """
    total = sum(source.stats().values()) if progress else None
    records = list(ticks(iter_records(source), progress, f"read {source.backend}", total=total))
    return _write(target, records, replace=replace, progress=progress)


def _write(target: Store, records: list[Record], *, replace: bool, progress: Progress | None) -> ApplyResult:
    batch = Batch(upserts=records)
    if replace:  # one write: the new records and the deletion of every other one, all or nothing
        keep = {(r.KIND, r.key) for r in records}
        with step(progress, f"read {target.backend}"):
            batch.deletes = [(r.KIND, r.key) for r in iter_records(target) if (r.KIND, r.key) not in keep]
    with step(progress, f"write {len(records):,} records to {target.backend}"):
        return target.apply(batch)


def dump_store(store: Store, path: str | os.PathLike[str], *, progress: Progress | None = None) -> dict[str, int]:
    """Write a full dump to ``path`` (written to a temporary file, then moved into place)."""
    path = Path(path)
    counts = store.stats()
    header = {
        "format": DUMP_FORMAT,
        "version": DUMP_VERSION,
        "chain_graph": __version__,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "backend": store.backend,
        "counts": counts,
    }
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        for record in ticks(iter_records(store), progress, f"dump {path.name}", total=sum(counts.values())):
            line = {"kind": record.KIND.value, "data": record.to_row()}
            out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    return counts


def read_dump(path: str | os.PathLike[str], *, progress: Progress | None = None) -> tuple[dict[str, Any], list[Record]]:
    """The header and the validated records of a dump; InvalidInput names the bad line."""
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed by the with below
    except OSError as e:
        raise InvalidInput(f"cannot read dump {str(path)!r}: {e.strerror}", field="path") from e
    with handle:
        header = _header(handle, path)
        records, problems = [], []
        lines = ticks(enumerate(handle, start=2), progress, f"read {Path(path).name}", total=_total(header))
        for number, line in lines:
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                records.append(parse_record(item["kind"], item["data"]))
            except (ValueError, KeyError, TypeError) as e:
                problems.append(Problem(reason=_reason(e), file=str(path), row=number))
            except InvalidInput as e:
                problems.extend(Problem(reason=p.reason, field=p.field, file=str(path), row=number) for p in e.problems)
    if problems:
        first = problems[0]
        raise InvalidInput(f"dump line {first.row}: {first.reason} ({len(problems)} bad lines)", problems=problems)
    return header, records


def restore_dump(
    store: Store, path: str | os.PathLike[str], *, replace: bool = True, progress: Progress | None = None
) -> ApplyResult:
    """Load a dump into ``store``; with ``replace`` it ends equal to the dump (one all-or-nothing write)."""
    _, records = read_dump(path, progress=progress)
    return _write(store, records, replace=replace, progress=progress)


def _header(handle: io.TextIOBase, path: str | os.PathLike[str]) -> dict[str, Any]:
    first = handle.readline()
    try:
        header = json.loads(first)
    except ValueError as e:
        raise InvalidInput(f"{str(path)!r} is not a chain-graph dump (line 1 is not JSON)", field="path") from e
    if not isinstance(header, dict) or header.get("format") != DUMP_FORMAT:
        raise InvalidInput(f"{str(path)!r} is not a chain-graph dump (no '{DUMP_FORMAT}' header)", field="path")
    version = header.get("version")
    if not isinstance(version, int) or version > DUMP_VERSION:
        raise InvalidInput(
            f"dump format version {version!r} is newer than this chain-graph reads ({DUMP_VERSION}); upgrade",
            field="version",
        )
    return header


def _total(header: dict[str, Any]) -> int | None:
    """The number of records the dump's header announces (for progress only; None if it says none)."""
    counts = header.get("counts")
    if isinstance(counts, dict) and all(isinstance(n, int) for n in counts.values()):
        return sum(counts.values())
    return None


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing {error.args[0]!r}"
    if isinstance(error, json.JSONDecodeError):
        return f"not JSON ({error.msg})"
    return str(error)
