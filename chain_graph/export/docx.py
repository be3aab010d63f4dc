"""A report as a Word document (python-docx): headings, paragraphs, tables and the charts as pictures.

Text is set in 宋体 (headings 黑体), which every Chinese Word installation has; the charts are
PNG images drawn in the report's CJK font (:mod:`chain_graph.export.charts`), so they read the
same on any machine.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from chain_graph.reports.document import Chart, Document, Figure, Para, Table

__all__ = ["DOCX_MEDIA_TYPE", "report_docx"]

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_FONT, HEADING_FONT = "宋体", "黑体"


def report_docx(doc: Document, font: Path) -> bytes:
    """The document as ``.docx`` bytes; ``font`` is the CJK TrueType font the charts are drawn in."""
    import docx
    from docx.shared import Cm

    from chain_graph.export.charts import chart_png

    out = docx.Document()
    _styles(out)
    out.core_properties.title = doc.title
    out.core_properties.subject = doc.subtitle
    section = out.sections[0]
    section.left_margin = section.right_margin = Cm(2.2)
    section.footer.paragraphs[0].text = doc.footer
    out.add_heading(doc.title, level=0)
    out.add_paragraph(doc.subtitle)
    for part in doc.sections:
        out.add_heading(part.heading, level=1)
        for block in part.blocks:
            if isinstance(block, Para):
                _para(out, block)
            elif isinstance(block, Table):
                _table(out, block)
            elif isinstance(block, Chart):
                out.add_picture(io.BytesIO(chart_png(block, font)), width=Cm(16.5))
            else:
                _figures(out, block)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _styles(out: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for name, font, size in (("Normal", BODY_FONT, 10.5), ("Title", HEADING_FONT, 20), ("Heading 1", HEADING_FONT, 14)):
        style = out.styles[name]
        style.font.name = font
        style.font.size = Pt(size)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _para(out: Any, block: Para) -> None:
    from docx.shared import Pt, RGBColor

    p = out.add_paragraph()
    run = p.add_run(block.text)
    if block.note:
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def _table(out: Any, block: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if not block.rows:
        out.add_paragraph(block.empty)
        return
    table = out.add_table(rows=1 + len(block.rows), cols=len(block.headers))
    table.style = "Table Grid"
    for j, header in enumerate(block.headers):
        cell = table.rows[0].cells[j]
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    for i, row in enumerate(block.rows, start=1):
        for j, value in enumerate(row):
            cell = table.rows[i].cells[j]
            cell.text = value
            if j in block.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out.add_paragraph()


def _figures(out: Any, figures: list[Figure]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    table = out.add_table(rows=1, cols=len(figures))
    table.style = "Table Grid"
    for cell, f in zip(table.rows[0].cells, figures, strict=True):
        cell.text = ""
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(f.label + "\n").font.size = Pt(9)
        value = p.add_run(f.value)
        value.bold = True
        value.font.size = Pt(14)
        if f.detail:
            p.add_run("\n" + f.detail).font.size = Pt(8)
    out.add_paragraph()
