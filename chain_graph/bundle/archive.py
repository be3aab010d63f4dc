"""Where a bundle's files are: a folder, or a ``.zip`` archive checked for traps.

Both kinds of bundle are listed as relative ``/``-separated names and opened through an
:data:`Opener`, so the reader treats them alike. The CSV files may sit at the top or all in
one folder; ``__MACOSX/`` and dotfiles are ignored. Nothing is ever extracted to disk, and
an archive is refused (:class:`InvalidInput`) before anything is unpacked when it is larger
than the limit, would unpack to more than it, or holds absolute paths, ``..``, links or
encrypted entries.
"""

from __future__ import annotations

import re
import stat
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from chain_graph.bundle.tables import TABLE_BY_NAME
from chain_graph.errors import InvalidInput

__all__ = ["MAX_ZIP_ENTRIES", "Opener", "choose_tables", "folder_entries", "zip_entries"]

MAX_ZIP_ENTRIES = 10_000

Opener = Callable[[], AbstractContextManager[IO[bytes]]]


def _ignored(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return not parts or parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts)


def choose_tables(files: list[str]) -> tuple[dict[str, str], list[str]]:
    """Pick the table files (at the top, or all in one folder) and the files left over."""
    visible = sorted(f for f in files if not _ignored(f))
    csvs = [f for f in visible if f.lower().endswith(".csv")]
    root = ""
    if not any("/" not in f for f in csvs):
        folders = {f.split("/")[0] for f in csvs if f.count("/") == 1}
        if len(folders) == 1:
            root = folders.pop() + "/"
    chosen: dict[str, str] = {}
    unknown: list[str] = []
    for name in visible:
        rest = name[len(root) :] if name.startswith(root) else "/"
        table = rest[:-4].lower() if "/" not in rest and rest.lower().endswith(".csv") else None
        if table not in TABLE_BY_NAME:
            unknown.append(name)
        elif table in chosen:
            raise InvalidInput(f"two files for table {table}: {chosen[table]} and {name}", field="path")
        else:
            chosen[table] = name
    return chosen, unknown


def folder_entries(folder: Path, limit: int) -> tuple[list[str], Callable[[str], Opener]]:
    """Files at the top of the folder and one level down; the tables' total size is checked."""
    files: list[str] = []
    for entry in folder.iterdir():
        if entry.is_file():
            files.append(entry.name)
        elif entry.is_dir() and not entry.name.startswith("."):
            files.extend(f"{entry.name}/{sub.name}" for sub in entry.iterdir() if sub.is_file())
    chosen, _ = choose_tables(files)
    total = sum((folder / name).stat().st_size for name in chosen.values())
    if total > limit:
        raise InvalidInput(f"the bundle's tables hold {total:,} bytes, more than the limit of {limit:,}")

    def opener(name: str) -> Opener:
        return lambda: open(folder / name, "rb")

    return files, opener


_DRIVE = re.compile(r"^[A-Za-z]:")


def zip_entries(archive: Path, limit: int) -> tuple[list[str], Callable[[str], Opener]]:
    """The archive's file entries, after checking its size and refusing path tricks."""
    size = archive.stat().st_size
    if size > limit:
        raise InvalidInput(f"{archive.name} has {size:,} bytes, more than the limit of {limit:,}")
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as e:
        raise InvalidInput(
            f"{archive.name} is not a readable zip archive ({e}); a bundle is a folder or a .zip of CSV files",
            field="path",
        ) from e
    if len(infos) > MAX_ZIP_ENTRIES:
        raise InvalidInput(f"{archive.name} holds {len(infos):,} entries, more than {MAX_ZIP_ENTRIES:,}")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limit:
        raise InvalidInput(f"{archive.name} would unpack to {unpacked:,} bytes, more than the limit of {limit:,}")
    files = []
    for info in infos:
        _check_entry(archive, info)
        if not info.is_dir():
            files.append(info.filename)

    def opener(name: str) -> Opener:
        return lambda: _open_member(archive, name)

    return files, opener


def _check_entry(archive: Path, info: zipfile.ZipInfo) -> None:
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name) or ".." in PurePosixPath(name).parts:
        raise InvalidInput(f"{archive.name} holds an entry with an unsafe path: {info.filename!r}")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise InvalidInput(f"{archive.name} holds a symbolic link: {info.filename!r}")
    if info.flag_bits & 0x1:
        raise InvalidInput(f"{archive.name} is password-protected ({info.filename!r}); zip it without one")


@contextmanager
def _open_member(archive: Path, name: str) -> Iterator[IO[bytes]]:
    with zipfile.ZipFile(archive) as zf, zf.open(name) as member:
        yield member
