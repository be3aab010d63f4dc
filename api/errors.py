"""One error shape for every failure: ``{"error": {"code", "message", "field"}}``.

The library's errors map to HTTP here and only here: NotFound 404, Conflict 409,
IllegalTransition / InvalidInput / IntegrityError 422 (with ``problems`` when the library
listed them), StoreUnavailable 503 with ``Retry-After`` (the store gate's cooldown, in seconds:
when the breaker lets the next call try the store). Request validation errors become 422 naming the first
bad field (or 400 for a body that is not JSON), HTTP errors keep their status (401, 403, 404,
405 with an ``Allow`` header naming every method of the path, 413, 415, 428) with a code of
their own, and anything unexpected is a 500 whose body says
nothing about the server (the traceback goes to the log).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.store_gate import RETRY_AFTER
from chain_graph.errors import ChainGraphError, Conflict, NotFound, StoreUnavailable

__all__ = ["ApiError", "error_body", "error_responses", "install_error_handlers"]

log = logging.getLogger("chain_graph.api")

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    428: "precondition_required",
    500: "internal_error",
    503: "store_unavailable",
}
DESCRIPTIONS = {
    400: "Malformed request (a body that is not JSON, a broken multipart upload)",
    401: "No API key, or an unknown or revoked one",
    403: "The key's role is too low for this operation",
    404: "No such record (or route)",
    409: "Conflict: a stale version, or a clash with what is stored",
    413: "Upload larger than the configured limit",
    415: "Upload of the wrong type (only .zip or .xlsx)",
    422: "Invalid input; `field` names the first bad field",
    428: 'No version sent: send the version you edited as `If-Match: "<version>"` (or `version` in the body)',
    503: "The store does not answer",
}


class ApiError(Exception):
    """An HTTP error raised by the API layer itself (auth, uploads, preconditions)."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or HTTP_CODES.get(status, "error")
        self.field = field
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})


def error_body(code: str, message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    """``{"error": {"code", "message", "field", ...extra}}``."""
    return {"error": {"code": code, "message": message, "field": field, **extra}}


def _json(status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


def status_of(error: ChainGraphError) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, StoreUnavailable):
        return 503
    return 422  # InvalidInput, IntegrityError, IllegalTransition, and any other rule broken


async def _library_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ChainGraphError)
    status = status_of(exc)
    extra: dict[str, Any] = {}
    problems = getattr(exc, "problems", None)
    if problems:
        extra["problems"] = [p.as_dict() for p in problems]
    headers: dict[str, str] = {}
    if status == 503:
        # info, not warning: the store gate warns once when the store goes down and once when it is back
        log.info("store unavailable on %s %s: %s", request.method, request.url.path, exc.message)
        headers["Retry-After"] = str(RETRY_AFTER)
    return _json(status, error_body(exc.code, exc.message, exc.field, **extra), headers)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return _json(exc.status, error_body(exc.code, exc.message, exc.field, **exc.extra), exc.headers)


def _field_of(loc: Iterable[Any]) -> str | None:
    """``("body", "from_candidate", "unit")`` → ``"from_candidate.unit"``; ``("query", "limit")`` → ``"limit"``."""
    parts = [str(p) for p in loc if not isinstance(p, int)]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts) or None


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    first = errors[0] if errors else {"loc": (), "msg": "invalid request", "type": ""}
    if first.get("type") == "json_invalid":
        return _json(400, error_body("bad_request", "the request body is not valid JSON", "body"))
    field = _field_of(first.get("loc", ()))
    message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    problems = [
        {"field": _field_of(e.get("loc", ())), "reason": str(e.get("msg", "")).removeprefix("Value error, ")}
        for e in errors
    ]
    text = f"{field}: {message}" if field else message
    return _json(422, error_body("invalid_input", text, field, problems=problems))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    if status == 404 and exc.detail == "Not Found":
        message = f"no route {request.url.path}"
    elif status == 405:
        allowed = _allowed_methods(request)
        message = f"{request.method} is not allowed on {request.url.path}; allowed: {', '.join(allowed)}"
        return _json(status, error_body("method_not_allowed", message), {"Allow": ", ".join(allowed)})
    else:
        message = str(exc.detail)
    return _json(status, error_body(HTTP_CODES.get(status, "error"), message), getattr(exc, "headers", None))


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves on this path (Starlette's own 405 names one route's only)."""
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    ]


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return _json(500, error_body("internal_error", "internal server error; the details are in the server log"))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ChainGraphError, _library_error)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses, all with the one error shape."""
    from api.models import ErrorResponse

    return {
        s: {"model": ErrorResponse, "description": DESCRIPTIONS.get(s, HTTP_CODES.get(s, "error"))} for s in statuses
    }
