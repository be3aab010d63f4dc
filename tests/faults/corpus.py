"""The bad-input corpus: files an attacker or a confused planner sends, built on the fly.

Each builder writes one file under ``folder`` and returns its path; the payloads of issue 10
(a small zip holding one enormous line, a workbook whose XML expands entities) are built
with sizes given by the caller, so the suite can keep them small and a hand run large.
"""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

from openpyxl import Workbook

__all__ = [
    "BIG5_NAME",
    "big5_chains",
    "entity_workbook",
    "gb18030_chains",
    "latin1_chains",
    "one_line_zip",
    "path_trick_zip",
    "symlink_zip",
    "zip_bomb",
]

BIG5_NAME = "紡織鞋服測試"


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def path_trick_zip(folder: Path, entry: str) -> Path:
    return _zip(folder / "trick.zip", {entry: b"chain_id,name\nx,y\n", "chains.csv": b"chain_id,name\nok,ok\n"})


def symlink_zip(folder: Path) -> Path:
    path = folder / "link.zip"
    with zipfile.ZipFile(path, "w") as zf:
        info = zipfile.ZipInfo("chains.csv")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    return path


def zip_bomb(folder: Path, unpacked: int) -> Path:
    """``chains.csv`` of ``unpacked`` zero bytes: a few KB that unpack past the limit."""
    path = folder / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf, zf.open("chains.csv", "w") as f:
        block = b"\0" * (1 << 20)
        for _ in range(unpacked >> 20):
            f.write(block)
    return path


def one_line_zip(folder: Path, line_bytes: int) -> Path:
    """``chains.csv`` whose second line has ``line_bytes`` letters and no end (issue 10: 190 MiB in 193 KB)."""
    path = folder / "one-line.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf, zf.open("chains.csv", "w") as f:
        f.write(b"chain_id,name\n")
        block = b"a" * (1 << 20)
        for _ in range(line_bytes >> 20):
            f.write(block)
        f.write(b"\n")
    return path


def entity_workbook(folder: Path, entity_bytes: int, references: int = 99) -> Path:
    """A real workbook whose sheet XML declares an entity of ``entity_bytes`` and uses it
    ``references`` times: ~10 KB that expand to ``entity_bytes * references`` characters,
    under expat's amplification limit (100x), so only a refusal of the DOCTYPE stops it."""
    wb = Workbook()
    ws = wb.active
    ws.title = "chains"
    ws.append(["chain_id", "name"])
    ws.append(["tex", "PLACEHOLDER"])
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    path = folder / "laughs.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                doctype = f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a0 "{"x" * entity_bytes}">]>'
                data = (doctype + data.decode().replace("PLACEHOLDER", "&a0;" * references)).encode()
            out.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


def _chains(folder: Path, name: str, encoding: str, file: str = "chains.csv") -> Path:
    bundle = folder / f"bundle-{encoding}"
    bundle.mkdir(exist_ok=True)
    (bundle / file).write_bytes(f"chain_id,name\ntest-chain,{name}\n".encode(encoding))
    return bundle


def big5_chains(folder: Path) -> Path:
    """Issue 10: stored as ``'\\ue1f1麓綾狝代刚'`` before the fix."""
    return _chains(folder, BIG5_NAME, "big5")


def latin1_chains(folder: Path) -> Path:
    """``Zürich Müller`` in Latin-1 decodes as GB18030 into ``Z黵ich M黮ler``."""
    return _chains(folder, "Zürich Müller", "latin-1")


def gb18030_chains(folder: Path) -> Path:
    return _chains(folder, "纺织鞋服测试", "gb18030")
