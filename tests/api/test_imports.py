"""Bundle uploads: accepted, dry run, rejected (with the report), too large, wrong type."""

from __future__ import annotations

import asyncio
import io
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from api.errors import ApiError
from api.routes.imports import _receive_file
from chain_graph.models import Kind
from chain_graph.store import EmbeddedStore
from tests.api.conftest import assert_error, auth, bundle_zip
from tests.factories import bundle_rows


@pytest.fixture
def admin(keys: dict[str, str]) -> dict[str, str]:
    return auth(keys["admin"])


def _upload(client: TestClient, headers: dict[str, str], name: str, data: bytes, query: str = "") -> object:
    return client.post(f"/imports{query}", files={"file": (name, data, "application/octet-stream")}, headers=headers)


def test_dry_run_counts_and_writes_nothing(
    client: TestClient, world: EmbeddedStore, admin: dict[str, str], tmp_path: Path
) -> None:
    before = world.count(Kind.COMPANY)
    response = _upload(client, admin, "泉州.zip", bundle_zip(tmp_path), "?dry_run=true")
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["dry_run"], report["accepted"], report["applied"]) == (True, True, False)
    assert report["source"] == "泉州.zip" and report["totals"]["rows_read"] > 0
    assert world.count(Kind.COMPANY) == before


def test_import_applies_and_a_second_import_changes_nothing(
    client: TestClient, world: EmbeddedStore, admin: dict[str, str], tmp_path: Path
) -> None:
    data = bundle_zip(tmp_path)
    first = _upload(client, admin, "bundle.zip", data).json()  # type: ignore[attr-defined]
    assert first["applied"] is True and world.find(Kind.COMPANY, "tsmc") is not None
    second = _upload(client, admin, "bundle.zip", data).json()  # type: ignore[attr-defined]
    assert second["totals"]["created"] == 0 and second["totals"]["updated"] == 0
    assert "台湾积体电路制造股份有限公司" in client.get("/companies/tsmc", headers=admin).text


def test_a_rejected_bundle_is_422_with_the_report(
    client: TestClient, world: EmbeddedStore, admin: dict[str, str], tmp_path: Path
) -> None:
    tables = bundle_rows()
    tables["segments"][0]["stage"] = "sideways"
    response = _upload(client, admin, "bad.zip", bundle_zip(tmp_path, tables))
    error = assert_error(response, 422, "import_rejected")
    report = error["report"]
    assert report["accepted"] is False and report["rejection_count"] >= 1
    assert report["rejections"][0]["file"] == "segments.csv" and report["rejections"][0]["field"] == "stage"
    assert world.find(Kind.COMPANY, "tsmc") is None  # nothing written


def test_wrong_types_are_415(client: TestClient, admin: dict[str, str], tmp_path: Path) -> None:
    assert_error(_upload(client, admin, "companies.csv", b"company_id,name\n"), 415, "unsupported_media_type", "file")
    assert_error(_upload(client, admin, "bundle.zip", b"company_id,name\n"), 415)  # a zip by name only
    assert_error(_upload(client, admin, "bundle.txt", bundle_zip(tmp_path)), 415)  # a zip by content only
    assert_error(client.post("/imports", json={"file": "x"}, headers=admin), 415)


def test_a_workbook_passes_the_type_check(client: TestClient, admin: dict[str, str]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    response = _upload(client, admin, "bundle.xlsx", buffer.getvalue())
    assert response.status_code in (200, 422)  # 422 while the importer reads no workbooks yet
    if response.status_code == 422:
        assert_error(response, 422, "invalid_input")


def test_a_zip_that_holds_no_bundle_is_422(client: TestClient, admin: dict[str, str]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert_error(_upload(client, admin, "bundle.zip", buffer.getvalue()), 422, "invalid_input")


def test_too_large_is_413_by_declared_length(client: TestClient, admin: dict[str, str]) -> None:
    big = b"PK\x03\x04" + bytes(300 * 1024)  # the test settings allow 256 KiB
    assert_error(_upload(client, admin, "big.zip", big), 413, "too_large", "file")


def test_too_large_is_413_while_streaming() -> None:
    """A chunked upload (no Content-Length) is cut off once it passes the limit, unread beyond."""
    boundary = "chain-graph-test"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.zip"\r\n'
        "Content-Type: application/zip\r\n\r\n"
    ).encode() + b"PK\x03\x04"
    chunks = [head, *(bytes(64 * 1024) for _ in range(64))]  # 4 MiB in all, far past the limit
    received = []

    async def receive() -> dict[str, object]:
        received.append(1)
        return {"type": "http.request", "body": chunks[len(received) - 1], "more_body": len(received) < len(chunks)}

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/imports",
        "headers": [(b"content-type", f"multipart/form-data; boundary={boundary}".encode())],
    }
    with pytest.raises(ApiError) as caught:
        asyncio.run(_receive_file(Request(scope, receive), max_bytes=256 * 1024))
    assert caught.value.status == 413
    assert len(received) < 10  # refused after about 256 KiB, not after 4 MiB


def test_a_missing_file_field_is_422(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post(
        "/imports", data={"other": "x"}, files={"attachment": ("a.zip", b"PK\x03\x04")}, headers=admin
    )
    assert_error(response, 422, "invalid_input", "file")


def test_a_broken_multipart_body_is_400(client: TestClient, admin: dict[str, str]) -> None:
    headers = {**admin, "Content-Type": "multipart/form-data"}  # no boundary
    assert_error(client.post("/imports", content=b"garbage", headers=headers), 400, "bad_request")


def test_an_applied_import_leaves_every_chain_s_report_warm(
    client: TestClient, app: object, world: EmbeddedStore, admin: dict[str, str], tmp_path: Path
) -> None:
    cache = app.state.cache  # type: ignore[attr-defined]
    _upload(client, admin, "泉州.zip", bundle_zip(tmp_path), "?dry_run=true")
    assert cache.computed["gaps"] == 0, "a dry run writes nothing and warms nothing"
    assert _upload(client, admin, "泉州.zip", bundle_zip(tmp_path)).json()["applied"] is True  # type: ignore[attr-defined]
    chains = [str(c.key[0]) for c in world.list(Kind.CHAIN).items]
    assert chains and cache.computed["gaps"] == len(chains)
    for chain_id in chains:  # the planners' first reports come from the cache
        assert client.get(f"/chains/{chain_id}/gaps", headers=admin).status_code == 200
    assert cache.computed["gaps"] == len(chains)
