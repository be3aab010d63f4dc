"""Errors and health: the one error shape every failure answers with, liveness and readiness."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["no chain with id 'x'"])
    field: str | None = Field(None, examples=["chain_id"])
    problems: list[dict[str, Any]] | None = None
    report: dict[str, Any] | None = Field(None, description="the import report, when an import was rejected")


class ErrorResponse(BaseModel):
    """Every error: ``{"error": {"code", "message", "field"}}``."""

    error: ErrorDetail


class HealthPublic(BaseModel):
    status: str = Field(examples=["ok"])


class ReadyPublic(BaseModel):
    status: str = Field(examples=["ready"])
    store: str = Field(examples=["embedded"])
    revision: int | None = None
