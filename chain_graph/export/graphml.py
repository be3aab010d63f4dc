"""GraphML for other tools (Gephi, yEd, Cytoscape, networkx): a chain subgraph or the whole city graph,
as the services hand them (:func:`chain_graph.services.exports.city_graph` reads the whole store).

GraphML holds only strings, numbers and booleans, so attributes are converted on the way out:
lists and tuples are joined with ``|`` (the separator of the import format's ``aliases``), dates
and times become ISO strings, enums their values, dicts JSON, and None is dropped (an absent
attribute, not the text "None"). Node ids are the subgraph's (``segment:tx.knit``); edges keep
their key (``FEEDS``, ``RANKED:2024``) as the GraphML edge id. Text is written as UTF-8, Chinese
as is.

Example
-------
>>> import io, networkx as nx
>>> G = nx.MultiDiGraph(chain_id="tex")
>>> G.add_node("company:a", kind="company", name="安踏", aliases=("安踏体育", "ANTA"), revenue_cny_100m=None)
>>> buf = io.BytesIO()
>>> chain_graphml(G, buf)
>>> H = nx.read_graphml(io.BytesIO(buf.getvalue()))
>>> H.nodes["company:a"]
{'kind': 'company', 'name': '安踏', 'aliases': '安踏体育|ANTA'}
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
from collections.abc import Mapping
from typing import IO, Any

import networkx as nx

__all__ = ["LIST_SEPARATOR", "chain_graphml", "graphml_ready"]

LIST_SEPARATOR = "|"


def _value(value: Any) -> Any:
    """One attribute value as GraphML can hold it, or None to drop it."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return _value(value.value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return LIST_SEPARATOR.join(str(_value(v)) for v in items if v is not None)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _attrs(data: Mapping[str, Any]) -> dict[str, Any]:
    out = {str(k): _value(v) for k, v in data.items()}
    return {k: v for k, v in out.items() if v is not None}


def graphml_ready(G: nx.Graph) -> nx.Graph:
    """A copy of G whose graph, node and edge attributes GraphML can hold (see the module docstring)."""
    H = G.__class__()
    H.graph.update(_attrs(G.graph))
    H.add_nodes_from((str(n), _attrs(d)) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from((str(u), str(v), str(k), _attrs(d)) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        H.add_edges_from((str(u), str(v), _attrs(d)) for u, v, d in G.edges(data=True))
    return H


def chain_graphml(G: nx.Graph, path_or_buffer: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write G (a chain subgraph, or any graph) as GraphML to a path or a binary buffer."""
    nx.write_graphml(graphml_ready(G), path_or_buffer, encoding="utf-8", infer_numeric_types=True)
