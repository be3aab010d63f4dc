"""A chain's map as vis-network draws it: nodes, edges and the grid of the map's columns."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class GraphNode(BaseModel):
    """A vis-network node; ``title`` is the tooltip text (with source and as-of)."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(examples=["segment:tx.fiber"])
    kind: str = Field(examples=["segment"])
    label: str
    group: str = Field(description="chain | missing | weak | strong | other_chain | local | external")
    title: str
    stage: str | None = None
    status: str | None = None
    chain_id: str | None = None
    local: bool | None = None
    county: str | None = None
    source: str | None = None
    as_of: str | None = None


class GraphEdge(BaseModel):
    model_config = ConfigDict(extra="allow")

    from_: str = Field(alias="from", serialization_alias="from")
    to: str
    type: str = Field(examples=["FEEDS"])
    title: str | None = None
    label: str | None = None
    weight: float | None = None
    role: str | None = None
    product: str | None = None
    source: str | None = None
    as_of: str | None = None


class GraphPublic(BaseModel):
    chain_id: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    layout: dict[str, int] | None = Field(
        default=None,
        description="the map's grid (px: col_w, row_h, node_w); segment nodes carry x, y, col (chain_graph.layout)",
    )
