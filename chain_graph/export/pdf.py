"""A report as a PDF (reportlab): A4 pages of headings, paragraphs, tables and the charts.

Why reportlab: it is pure Python, well kept, and embeds a subset of a TrueType font with its
Unicode map, so the PDF shows Chinese on any viewer and ``pdftotext`` reads it back; the other
route, a .docx converted by LibreOffice, needs a ~400 MB office suite and a process per file.
The font is the report's CJK TrueType font (:mod:`chain_graph.export.fonts`); it has one weight,
so headings are set larger rather than bold.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from chain_graph.reports.document import Chart, Document, Figure, Para, Table

__all__ = ["PDF_MEDIA_TYPE", "report_pdf"]

PDF_MEDIA_TYPE = "application/pdf"
FONT_NAME = "ChainGraphCJK"
INK, RULE, SHADE = "#1f2d3d", "#9aa5b1", "#e8eef5"


def report_pdf(doc: Document, font: Path) -> bytes:
    """The document as PDF bytes, set in ``font`` (a TrueType ``.ttf`` or the first face of a ``.ttc``)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Image, SimpleDocTemplate, Spacer

    from chain_graph.export.charts import chart_png

    _register(font)
    styles = _styles()
    buffer = io.BytesIO()
    margins = {"leftMargin": 2 * cm, "rightMargin": 2 * cm, "topMargin": 1.8 * cm, "bottomMargin": 1.8 * cm}
    meta = {"title": doc.title, "subject": doc.subtitle, "author": "chain-graph"}
    page = SimpleDocTemplate(buffer, pagesize=A4, **margins, **meta)
    story: list[Any] = [_p(doc.title, styles["title"]), _p(doc.subtitle, styles["subtitle"])]
    width = A4[0] - 4 * cm
    for part in doc.sections:
        story.append(_p(part.heading, styles["heading"]))
        for block in part.blocks:
            if isinstance(block, Para):
                story.append(_p(block.text, styles["note" if block.note else "body"]))
            elif isinstance(block, Table):
                story.append(_table(block, styles, width))
            elif isinstance(block, Chart):
                png = chart_png(block, font)
                image = Image(io.BytesIO(png))
                scale = width / image.imageWidth
                image.drawWidth, image.drawHeight = width, image.imageHeight * scale
                story.append(image)
            else:
                story.append(_figures(block, styles, width))
            story.append(Spacer(1, 0.25 * cm))

    def footer(canvas: Any, _: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT_NAME, 8)
        canvas.setFillColor(RULE)
        canvas.drawString(2 * cm, 1 * cm, doc.footer)
        canvas.drawRightString(A4[0] - 2 * cm, 1 * cm, f"第 {canvas.getPageNumber()} 页")
        canvas.restoreState()

    page.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _register(font: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(font), subfontIndex=0))


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=FONT_NAME, fontSize=10, leading=15, wordWrap="CJK", textColor=INK)
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=28, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=12, leading=18, spaceAfter=10),
        "heading": ParagraphStyle("heading", parent=base, fontSize=14, leading=20, spaceBefore=10, spaceAfter=6),
        "note": ParagraphStyle("note", parent=base, fontSize=8.5, leading=12, textColor="#555555"),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11),
        "num": ParagraphStyle("num", parent=base, fontSize=8.5, leading=11, alignment=2),
        "head": ParagraphStyle("head", parent=base, fontSize=8.5, leading=11, textColor="#0b2540"),
        "label": ParagraphStyle("label", parent=base, fontSize=8.5, leading=11, alignment=1),
        "value": ParagraphStyle("value", parent=base, fontSize=15, leading=20, alignment=1, textColor="#0b4f9c"),
        "detail": ParagraphStyle("detail", parent=base, fontSize=8, leading=10, alignment=1, textColor="#555555"),
    }


def _p(text: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _table(block: Table, styles: dict[str, Any], width: float) -> Any:
    from reportlab.platypus import Table as Grid
    from reportlab.platypus import TableStyle

    if not block.rows:
        return _p(block.empty, styles["body"])
    head = [_p(h, styles["head"]) for h in block.headers]
    rows = [[_p(v, styles["num" if j in block.numeric else "cell"]) for j, v in enumerate(r)] for r in block.rows]
    grid = Grid([head, *rows], colWidths=_widths(block, width), repeatRows=1)
    grid.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, RULE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))  # fmt: skip
    return grid


def _widths(block: Table, width: float) -> list[float]:
    """Columns as wide as their text (long text capped), short ones whole: only wide columns wrap."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def size(text: str, cap: float) -> float:
        return min(stringWidth(text, FONT_NAME, 8.5), cap) + 14  # 6 pt padding each side, and slack

    columns = range(len(block.headers))
    need = [max([size(block.headers[j], 90)] + [size(r[j], 200) for r in block.rows]) for j in columns]
    if sum(need) <= width:
        return [width * n / sum(need) for n in need]
    fixed: dict[int, float] = {}
    while True:  # keep the narrow columns whole, share what is left among the wide ones
        rest = [j for j in range(len(need)) if j not in fixed]
        share = (width - sum(fixed.values())) / max(len(rest), 1)
        narrow = {j: need[j] for j in rest if need[j] <= share}
        if not narrow:
            wide = sum(need[j] for j in rest) or 1.0
            room = width - sum(fixed.values())
            return [fixed[j] if j in fixed else room * need[j] / wide for j in range(len(need))]
        fixed.update(narrow)


def _figures(figures: list[Figure], styles: dict[str, Any], width: float) -> Any:
    from reportlab.platypus import Table as Grid
    from reportlab.platypus import TableStyle

    cells = [[_p(f.label, styles["label"]), _p(f.value, styles["value"]), _p(f.detail, styles["detail"])]
             for f in figures]  # fmt: skip
    grid = Grid([cells], colWidths=[width / len(figures)] * len(figures))
    grid.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.6, RULE), ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), "#f6f8fb"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))  # fmt: skip
    return grid
