"""API keys and who the caller is."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from chain_graph.models import ApiKey, KeyRole


class MePublic(BaseModel):
    key_id: str
    name: str | None
    role: KeyRole


class KeyCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"name": "晋江市商务局", "role": "planner"}]}
    )

    name: str | None = Field(None, max_length=200)
    role: KeyRole = KeyRole.VIEWER


class KeyPublic(BaseModel):
    key_id: str
    name: str | None
    role: KeyRole
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None
    active: bool

    @classmethod
    def of(cls, record: ApiKey) -> KeyPublic:
        data = record.model_dump(exclude={"hash"})
        return cls(**data, active=record.revoked_at is None)


class KeyCreated(KeyPublic):
    key: str = Field(description="the API key itself: shown once, never again")


class KeysPublic(BaseModel):
    data: list[KeyPublic]
    count: int
