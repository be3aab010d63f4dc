"""Bundle imports (admin): a multipart upload of a .zip of CSV files or an .xlsx workbook.

The upload is counted while it streams in: past ``max_import_bytes`` (settings) the request
is refused with 413 before the rest is read. The file must be named ``.zip`` or ``.xlsx``
and start with the ZIP signature (an .xlsx is a zip too), otherwise 415. It is written to a
temporary file and handed to :func:`chain_graph.bundle.import_bundle`.

Outcome: an accepted bundle (applied, or checked in a dry run) is a 200 with the import
report. A refused bundle — any row rejected, nothing written — is a 422 whose error body
carries the full report: ``{"error": {"code": "import_rejected", "message", "field": null,
"report": {...}}}``. A file that is no bundle at all (no table file in the zip, a corrupt
zip) is a 422 ``invalid_input``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncGenerator, AsyncIterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from api.deps import AdminKey, CacheDep, ConfigDep, SettingsDep, StoreDep
from api.errors import ApiError, error_responses
from chain_graph.bundle import import_bundle
from chain_graph.bundle.reader import ENCODINGS, check_encoding
from chain_graph.services import gap_reports

router = APIRouter(prefix="/imports", tags=["imports"])

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or an empty archive
SUFFIXES = (".zip", ".xlsx")
FRAMING_SLACK = 64 * 1024  # multipart boundaries and part headers around the file
UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary", "description": ".zip or .xlsx"}},
                }
            }
        },
    }
}


async def _limited(stream: AsyncIterator[bytes], limit: int) -> AsyncGenerator[bytes, None]:
    seen = 0
    async for chunk in stream:
        seen += len(chunk)
        if seen > limit:
            raise ApiError(413, f"the upload is larger than the limit of {limit - FRAMING_SLACK} bytes", field="file")
        yield chunk


async def _receive_file(request: Request, max_bytes: int) -> UploadFile:
    """The ``file`` part of a multipart body, refused as soon as the body passes the limit."""
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise ApiError(415, "send the bundle as multipart/form-data with a 'file' field", field="file")
    limit = max_bytes + FRAMING_SLACK
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"the upload is larger than the limit of {max_bytes} bytes", field="file")
    parser = MultiPartParser(request.headers, _limited(request.stream(), limit), max_files=1, max_fields=10)
    try:
        form = await parser.parse()
    except MultiPartException as e:
        raise ApiError(400, f"malformed multipart body: {e.message}", field="file") from e
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise ApiError(422, "file: a file field named 'file' is required", field="file")
    if upload.size is not None and upload.size > max_bytes:
        raise ApiError(413, f"the upload is larger than the limit of {max_bytes} bytes", field="file")
    return upload


async def _check_type(upload: UploadFile) -> str:
    """The upload's suffix, when its name and its first bytes say .zip / .xlsx; else 415."""
    suffix = Path(upload.filename or "").suffix.lower()
    head = await upload.read(4)
    await upload.seek(0)
    if suffix not in SUFFIXES or not head.startswith(ZIP_MAGIC):
        raise ApiError(
            415,
            f"{upload.filename or 'the upload'}: only a .zip of CSV files or an .xlsx workbook is imported",
            field="file",
        )
    return suffix


@router.post(
    "",
    openapi_extra=UPLOAD_BODY,
    responses={
        200: {"description": "The import report (accepted: applied, or checked in a dry run)"},
        **error_responses(400, 401, 403, 413, 415, 422, 503),
    },
    summary="Import a bundle / 导入数据包",
)
async def import_upload(
    request: Request,
    key: AdminKey,
    store: StoreDep,
    settings: SettingsDep,
    cache: CacheDep,
    config: ConfigDep,
    background: BackgroundTasks,
    dry_run: Annotated[bool, Query(description="check and count, write nothing")] = False,
    encoding: Annotated[
        str | None,
        Query(
            max_length=32,
            description="the CSV files' encoding when it is not UTF-8 or GB18030: "
            + ", ".join(ENCODINGS)
            + " (a file that merely decodes as GB18030 into rare characters is refused without it)",
            examples=["big5"],
        ),
    ] = None,
) -> dict[str, Any]:
    """Import a bundle (the format is docs/IMPORT-FORMAT.md), all or nothing; the report counts rows
    read, created, updated, unchanged and rejected (each rejection with file, row, column and reason)."""
    encoding = check_encoding(encoding)
    upload = await _receive_file(request, settings.max_import_bytes)
    try:
        suffix = await _check_type(upload)
        with tempfile.TemporaryDirectory(prefix="chain-graph-upload-") as tmp:
            path = Path(tmp) / f"upload{suffix}"
            with path.open("wb") as out:
                await run_in_threadpool(shutil.copyfileobj, upload.file, out, 1 << 20)
            report = await run_in_threadpool(
                import_bundle, store, path, dry_run=dry_run, max_bytes=settings.max_import_bytes, encoding=encoding
            )
    finally:
        await upload.close()
    data = report.to_dict()
    data["source"] = upload.filename or data["source"]
    if not report.accepted:
        raise ApiError(
            422,
            f"import rejected: {report.rejection_count} problem(s); nothing was written",
            code="import_rejected",
            extra={"report": data},
        )
    if report.applied and not dry_run:  # after the answer: the first reports planners ask for are ready
        background.add_task(gap_reports.warm, store, cache, config)
    return data
