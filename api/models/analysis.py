"""Lists of the analysis package's own results: candidates and chain snapshots."""

from __future__ import annotations

from pydantic import BaseModel

from chain_graph.analysis import Candidate
from chain_graph.models import ChainSnapshot


class CandidatesPublic(BaseModel):
    data: list[Candidate]
    count: int


class SnapshotsPublic(BaseModel):
    data: list[ChainSnapshot]
    count: int
