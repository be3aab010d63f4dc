"""GET /reports/monthly and /reports/quarterly: the file with its content type and a UTF-8 name;
a bad year, month, quarter or format is a 422 naming the field."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from chain_graph.store import Batch, EmbeddedStore
from tests.api.conftest import assert_error, auth
from tests.reports.support import docx_text, year_of_plans

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def plans(world: EmbeddedStore) -> None:
    world.apply(Batch(upserts=year_of_plans()))


def test_quarterly_docx_comes_with_its_chinese_name(client: TestClient, keys: dict[str, str], plans: None) -> None:
    r = client.get("/reports/quarterly?year=2025&quarter=1&format=docx", headers=auth(keys["viewer"]))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == DOCX
    disposition = r.headers["content-disposition"]
    assert 'filename="quarterly-2025-Q1.docx"' in disposition
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "季度通报-2025年第一季度.docx"
    text = docx_text(r.content)
    assert "159.75 亿元" in text and "晋江市" in text


def test_monthly_pdf_is_the_default(client: TestClient, keys: dict[str, str], plans: None) -> None:
    r = client.get("/reports/monthly?year=2025&month=3", headers=auth(keys["viewer"]))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf" and r.content.startswith(b"%PDF")
    assert unquote(r.headers["content-disposition"].split("''")[1]) == "逐月亮晒-2025年3月.pdf"


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/reports/monthly?year=2025&month=13", "month"),
        ("/reports/monthly?year=2025", "month"),
        ("/reports/monthly?year=2025&month=三", "month"),
        ("/reports/quarterly?year=2025&quarter=5", "quarter"),
        ("/reports/quarterly?year=1800&quarter=1", "year"),
        ("/reports/quarterly?quarter=1", "year"),
        ("/reports/quarterly?year=2025&quarter=1&format=xls", "format"),
    ],
)
def test_bad_periods_are_422_naming_the_field(client: TestClient, keys: dict[str, str], path: str, field: str) -> None:
    assert_error(client.get(path, headers=auth(keys["viewer"])), 422, "invalid_input", field)


def test_a_report_needs_a_key(client: TestClient) -> None:
    assert_error(client.get("/reports/monthly?year=2025&month=3"), 401, field="X-API-Key")
