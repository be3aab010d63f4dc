"""Downloads for people and other tools: offline HTML maps (one self-contained file) and GraphML.

The HTML files need no server and no internet once saved: vis-network, the script and the data
are inside, and a Content-Security-Policy keeps them from fetching anything. Each file is
rendered once per gap report (and county / candidates choice) and then served from the cache;
:mod:`chain_graph.services.exports` owns the keys, the route hands it the request's revisions.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from api.deps import CacheDep, ConfigDep, RevisionsDep, StoreDep, ViewerKey
from api.errors import error_responses
from api.routes.excel import content_disposition
from chain_graph.services import exports

router = APIRouter(tags=["exports"])
ChainId = Annotated[str, Path(description="chain id", examples=["textile-apparel-footwear"])]
READ_ERRORS = error_responses(401, 403, 404, 422, 503)
HTML = "text/html; charset=utf-8"
GRAPHML = "application/graphml+xml"


def _download(body: bytes, media_type: str, filename: str, fallback: str) -> Response:
    return Response(
        content=body,
        media_type=media_type,
        headers={"Content-Disposition": content_disposition(filename, fallback), "Cache-Control": "no-store"},
    )


def _html_docs(description: str) -> dict[int | str, dict[str, object]]:
    return {200: {"content": {HTML: {}}, "description": description}, **READ_ERRORS}


@router.get(
    "/chains/{chain_id}/export.html",
    response_class=Response,
    responses=_html_docs("one self-contained HTML file (works offline)"),
    summary="Offline chain map / 产业链图谱（离线 HTML）",
)
def chain_map(
    chain_id: ChainId,
    key: ViewerKey,
    store: StoreDep,
    cache: CacheDep,
    config: ConfigDep,
    revs: RevisionsDep,
    county: Annotated[
        str | None, Query(max_length=64, description="a county id: the map of its own statuses", examples=["350582"])
    ] = None,
    candidates: Annotated[bool, Query(description="draw the candidates of the gaps (dashed, with scores)")] = False,
) -> Response:
    """The chain's segments by stage, coloured by status (city-wide or for ``county``), with their
    local firms (★ leading) and, with ``candidates=true``, the candidates for the gaps; tooltips
    give each fact's source and date. Large segments collapse into nodes that expand on double-click."""
    county = county or None
    name, body = exports.chain_html(
        store, cache, config, chain_id, county=county, with_candidates=candidates, revs=revs
    )
    suffix = f"-{county}" if county else ""
    return _download(body, HTML, f"{name}产业链图谱{suffix}.html", f"chain-{chain_id}{suffix}.html")


@router.get(
    "/export/overview.html",
    response_class=Response,
    responses=_html_docs("one self-contained HTML file (works offline)"),
    summary="Offline city overview / 产业链全景图（离线 HTML）",
)
def overview(key: ViewerKey, store: StoreDep, cache: CacheDep, config: ConfigDep, revs: RevisionsDep) -> Response:
    """Every chain as one node (size: local firms, colour: completeness) and the FEEDS ties
    between chains as weighted arrows."""
    body = exports.overview_html(store, cache, config, revs)
    return _download(body, HTML, "产业链全景图.html", "chains-overview.html")


@router.get(
    "/chains/{chain_id}/export.graphml",
    response_class=Response,
    responses={200: {"content": {GRAPHML: {}}, "description": "GraphML (UTF-8)"}, **READ_ERRORS},
    summary="Chain subgraph as GraphML / 产业链子图（GraphML）",
)
def chain_graph_ml(
    chain_id: ChainId, key: ViewerKey, store: StoreDep, cache: CacheDep, config: ConfigDep, revs: RevisionsDep
) -> Response:
    """The chain subgraph (segments, FEEDS neighbours, companies, ties, rankings, regions) for
    Gephi, yEd or networkx; lists are joined with ``|``, dates ISO, empty values left out."""
    body = exports.graphml(store, cache, config, chain_id, revs)
    return _download(body, GRAPHML, f"chain-{chain_id}.graphml", f"chain-{chain_id}.graphml")
