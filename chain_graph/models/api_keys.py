"""API keys: a role and a salted hash, nothing more."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import StringConstraints

from chain_graph.models.fields import Id, OptName
from chain_graph.models.kinds import Kind
from chain_graph.models.record import Record


class KeyRole(StrEnum):
    """API key roles, weakest first: viewer < planner < admin."""

    VIEWER = "viewer"
    PLANNER = "planner"
    ADMIN = "admin"


class ApiKey(Record):
    """An API key: only its salted hash is kept."""

    KIND: ClassVar[Kind] = Kind.API_KEY
    KEY: ClassVar[tuple[str, ...]] = ("key_id",)

    key_id: Id
    name: OptName = None
    role: KeyRole
    hash: Annotated[str, StringConstraints(min_length=16, max_length=256)]
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None
