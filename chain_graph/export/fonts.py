"""The CJK font that printed reports are set in: a TrueType font from the machine, never the internet.

Charts (matplotlib) and the PDF (reportlab) embed the glyphs they use, so a report reads the
same everywhere. reportlab embeds TrueType outlines only (not the CFF outlines of Noto Sans CJK),
so the font must be TrueType: by default Debian's ``fonts-wqy-microhei`` (文泉驿微米黑, installed
by ``scripts/install-report-tools.sh``), else another known TrueType CJK font, or the file named
by ``CHAIN_GRAPH_REPORT_FONT`` (a ``.ttf``, or a ``.ttc`` whose first face is used).
"""

from __future__ import annotations

from pathlib import Path

from chain_graph.errors import InvalidInput

__all__ = ["KNOWN_FONTS", "cjk_font"]

KNOWN_FONTS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),  # Debian fonts-wqy-microhei
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),  # Debian fonts-wqy-zenhei
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),  # Debian fonts-droid-fallback
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),  # Debian fonts-arphic-uming
)
SETTING = "CHAIN_GRAPH_REPORT_FONT"
INSTALL = "install Debian's fonts-wqy-microhei (bash scripts/install-report-tools.sh) or set CHAIN_GRAPH_REPORT_FONT"


def cjk_font(path: Path | None = None) -> Path:
    """``path`` if given (checked), else the first known TrueType CJK font present; InvalidInput if none."""
    if path is not None:
        if not Path(path).is_file():
            raise InvalidInput(f"{SETTING}: no font file at {path}", field=SETTING)
        if not _truetype(Path(path)):
            reason = "is not a TrueType font (.ttf/.ttc with glyf outlines)"
            raise InvalidInput(f"{SETTING}: {path} {reason}", field=SETTING)
        return Path(path)
    for known in KNOWN_FONTS:
        if known.is_file():
            return known
    raise InvalidInput(f"no CJK TrueType font for reports on this machine: {INSTALL}", field=SETTING)


def _truetype(path: Path) -> bool:
    """A TrueType font or a collection whose first face is TrueType (CFF ``OTTO`` fonts are not)."""
    with path.open("rb") as f:
        head = f.read(16)
        if head[:4] == b"ttcf":
            f.seek(int.from_bytes(head[12:16], "big"))
            head = f.read(4)
    return head[:4] in (b"\x00\x01\x00\x00", b"true")
