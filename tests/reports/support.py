"""What the report tests share: a year of plans in every state, and reading the files back.

The plans (2025, in the small world) are made in the test — signed, contracted, started, overdue,
dropped — in three units, with one signing after the first quarter so that the quarter's figures
differ from the year's. ``pdftotext`` (Debian's poppler-utils) reads PDFs back: missing, it skips
a test locally and fails it under ``CI=true`` (``scripts/install-report-tools.sh`` installs it).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from chain_graph.models import ChainSnapshot, Record
from tests.factories import plan

TARGETS = '{"2025": 800}'  # CHAIN_GRAPH_SIGNED_TARGETS for the tests


def year_of_plans() -> list[Record]:
    """Plans of 2025 (and one contract of 2024) and two completeness snapshots of chain tex."""
    d = dt.date
    return [
        plan("p-jj-1", unit="晋江市", status="signed_contract", expected_investment_cny_100m=40.5,
             signed_on=d(2025, 2, 10), contract_on=d(2025, 3, 5)),
        plan("p-qg-1", unit="泉港区", status="started", expected_investment_cny_100m=12.25,
             signed_on=d(2025, 1, 20), contract_on=d(2025, 1, 20), started_on=d(2025, 3, 18)),
        plan("p-ss-1", unit="石狮市", status="signed_framework", expected_investment_cny_100m=7.0,
             signed_on=d(2025, 3, 28)),
        plan("p-jj-2", unit="晋江市", status="signed_framework", expected_investment_cny_100m=100.0,
             signed_on=d(2025, 5, 10)),
        plan("p-qg-2", unit="泉港区", status="started", expected_investment_cny_100m=3.0,
             signed_on=d(2024, 6, 1), contract_on=d(2024, 6, 1), started_on=d(2025, 2, 14)),
        plan("p-na-1", unit="南安市", status="negotiating", due_date=d(2025, 3, 1), next_action="再次拜访"),
        plan("p-na-2", unit="南安市", status="dropped", expected_investment_cny_100m=9.0, signed_on=d(2025, 3, 2)),
        ChainSnapshot(chain_id="tex", on=d(2024, 12, 20), completeness=0.5, segments=4, missing=2, weak=0, strong=2),
        ChainSnapshot(chain_id="tex", on=d(2025, 3, 25), completeness=0.75, segments=4, missing=1, weak=0, strong=3),
    ]  # fmt: skip


def needs(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        reason = f"{tool} (poppler-utils) is not installed: bash scripts/install-report-tools.sh"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason} (CI=true: the report test fails without it)", pytrace=False)
        pytest.skip(reason)
    return path


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it (layout kept, so a table row stays on one line)."""
    done = subprocess.run([needs("pdftotext"), "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def docx_text(data: bytes) -> str:
    """Every paragraph and every table row of the document, one line each (cells joined by ' | ')."""
    import docx

    doc = docx.Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        lines += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines)
