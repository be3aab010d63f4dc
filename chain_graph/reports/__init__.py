"""Reports people print: 逐月亮晒 (monthly) and 季度通报 (quarterly), as documents of plain data.

Pure: built from the KPI object and a few records (:class:`ReportInputs`), never from a store;
:mod:`chain_graph.services.reports` gathers the inputs and :mod:`chain_graph.export.docx` /
:mod:`chain_graph.export.pdf` render the result.
"""

from chain_graph.reports.build import build_report, monthly_report, quarterly_report
from chain_graph.reports.document import Chart, Document, Figure, Para, Section, Series, Table
from chain_graph.reports.inputs import ReportInputs
from chain_graph.reports.period import Period, ReportKind

__all__ = [
    "Chart",
    "Document",
    "Figure",
    "Para",
    "Period",
    "ReportInputs",
    "ReportKind",
    "Section",
    "Series",
    "Table",
    "build_report",
    "monthly_report",
    "quarterly_report",
]
