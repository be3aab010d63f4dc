"""Request and response bodies of the HTTP API (docs/API-CONTRACT.md), one family per resource.

One module per resource, as the routes are (``api.routes``); every model is importable from here.

Lists are ``XsPublic(data, count)`` where ``count`` is the total number of matches, not the
length of the page. Analysis results (gaps, candidates, what-if, KPIs) are the analysis
package's own models, served as they are.
"""

from __future__ import annotations

from api.models.analysis import CandidatesPublic, SnapshotsPublic
from api.models.chains import (
    ChainDetail,
    ChainPublic,
    ChainsPublic,
    CountiesPublic,
    CountyPublic,
    SegmentBrief,
    SegmentDetail,
    SegmentFirm,
)
from api.models.companies import (
    CompaniesPublic,
    CompanyDetail,
    CompanyPublic,
    CompanySegmentPublic,
    RankingPublic,
    TiePublic,
)
from api.models.graph import GraphEdge, GraphNode, GraphPublic
from api.models.health import ErrorDetail, ErrorResponse, HealthPublic, ReadyPublic
from api.models.keys import KeyCreate, KeyCreated, KeyPublic, KeysPublic, MePublic
from api.models.plans import (
    FromCandidate,
    PlanCreate,
    PlanEventPublic,
    PlanEventsPublic,
    PlanMove,
    PlanPublic,
    PlansPublic,
    PlanUpdate,
)

__all__ = [
    "ErrorDetail",
    "ErrorResponse",
    "HealthPublic",
    "ReadyPublic",
    "ChainPublic",
    "ChainsPublic",
    "SegmentBrief",
    "ChainDetail",
    "SegmentFirm",
    "SegmentDetail",
    "CountyPublic",
    "CountiesPublic",
    "GraphNode",
    "GraphEdge",
    "GraphPublic",
    "CandidatesPublic",
    "SnapshotsPublic",
    "CompanyPublic",
    "CompaniesPublic",
    "CompanySegmentPublic",
    "TiePublic",
    "RankingPublic",
    "CompanyDetail",
    "FromCandidate",
    "PlanCreate",
    "PlanUpdate",
    "PlanMove",
    "PlanPublic",
    "PlansPublic",
    "PlanEventPublic",
    "PlanEventsPublic",
    "MePublic",
    "KeyCreate",
    "KeyPublic",
    "KeyCreated",
    "KeysPublic",
]
