"""Domain records of the chain graph, validated with pydantic v2.

Every record is immutable and knows its :class:`Kind` and its key. Nodes (regions, chains,
segments, companies) are keyed by one id; relationships (FEEDS links, segment memberships,
supply ties, ranking entries) by the ids they join. The same records travel through import,
both stores, the analysis and the API, so a rule checked here holds everywhere.

Examples
--------
>>> Segment(segment_id="tex.fiber", chain_id="tex", name="化纤", stage="upstream").key
('tex.fiber',)
>>> Company(company_id="c1", name="示例", uscc="91350582MA2XXXXXX0")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Company
...
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from stdnum.cn import uscc as _uscc
from stdnum.exceptions import ValidationError as _StdnumError

from chain_graph.errors import InvalidInput, Problem

__all__ = [
    "ID_PATTERN",
    "MODELS",
    "NODE_KINDS",
    "GRAPH_KINDS",
    "PlanStatus",
    "PLAN_ORDER",
    "GapType",
    "ProjectKind",
    "KeyRole",
    "TargetPlan",
    "PlanEvent",
    "ChainSnapshot",
    "ApiKey",
    "Appraisal",
    "Park",
    "ParkPlot",
    "PlotCondition",
    "Verdict",
    "RANKING_LISTS",
    "Chain",
    "Company",
    "CompanySegment",
    "Kind",
    "Ranking",
    "RankingList",
    "RankingListId",
    "Record",
    "Region",
    "RegionLevel",
    "Role",
    "Segment",
    "SegmentLink",
    "Stage",
    "Supply",
    "Membership",
    "Organisation",
    "OrganisationKind",
    "Shareholding",
    "normalize_uscc",
    "parse_record",
    "EventKind",
    "InvitationStatus",
    "PromotionEvent",
    "EventTarget",
    "Invitation",
    "problems_of",
    "ChainDirection",
    "ExpansionKind",
    "ExpansionStatus",
    "EXPANSION_ORDER",
    "KeyProjectList",
    "ListingTier",
    "ListingStage",
    "LISTING_ORDER",
    "ExpansionProject",
    "ListingEntry",
]

ID_PATTERN = r"^[A-Za-z0-9_.:\-]{1,64}$"


class Kind(StrEnum):
    """Every kind of record the store holds (nodes first, then relationships)."""

    REGION = "region"
    CHAIN = "chain"
    SEGMENT = "segment"
    COMPANY = "company"
    TARGET_PLAN = "target_plan"
    PLAN_EVENT = "plan_event"
    CHAIN_SNAPSHOT = "chain_snapshot"
    API_KEY = "api_key"
    EXPANSION = "expansion"
    LISTING = "listing"
    PARK = "park"
    PARK_PLOT = "park_plot"
    APPRAISAL = "appraisal"
    PROMOTION_EVENT = "promotion_event"
    EVENT_TARGET = "event_target"
    INVITATION = "invitation"
    SEGMENT_LINK = "segment_link"
    COMPANY_SEGMENT = "company_segment"
    SUPPLY = "supply"
    RANKING = "ranking"
    # relationships that bring a target in (issue 12): organisations, memberships, shareholdings
    ORGANISATION = "organisation"
    MEMBERSHIP = "membership"
    SHAREHOLDING = "shareholding"


NODE_KINDS = (
    Kind.REGION,
    Kind.CHAIN,
    Kind.SEGMENT,
    Kind.COMPANY,
    Kind.TARGET_PLAN,
    Kind.PLAN_EVENT,
    Kind.CHAIN_SNAPSHOT,
    Kind.API_KEY,
    Kind.EXPANSION,
    Kind.LISTING,
    Kind.PARK,
    Kind.PARK_PLOT,
    Kind.APPRAISAL,
    Kind.PROMOTION_EVENT,
    Kind.EVENT_TARGET,
    Kind.INVITATION,
    Kind.ORGANISATION,
)
# The kinds a bundle holds: the graph of chains, firms and lists (not plans, events, keys).
GRAPH_KINDS = (
    Kind.REGION,
    Kind.CHAIN,
    Kind.SEGMENT,
    Kind.COMPANY,
    Kind.SEGMENT_LINK,
    Kind.COMPANY_SEGMENT,
    Kind.SUPPLY,
    Kind.RANKING,
    Kind.ORGANISATION,
    Kind.MEMBERSHIP,
    Kind.SHAREHOLDING,
)


class Stage(StrEnum):
    """Where a segment sits in its chain (上游 / 中游 / 下游)."""

    UPSTREAM = "upstream"
    MIDSTREAM = "midstream"
    DOWNSTREAM = "downstream"


class Role(StrEnum):
    """A company's role in a segment: 龙头 leading, core, or 上下游配套 supporting."""

    LEADING = "leading"
    CORE = "core"
    SUPPORTING = "supporting"


class RegionLevel(StrEnum):
    COUNTRY = "country"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    DISTRICT = "district"
    ZONE = "zone"


class RankingListId(StrEnum):
    """The six ranking lists planners target first."""

    FORTUNE_GLOBAL_500 = "fortune-global-500"
    CHINA_500 = "china-500"
    CHINA_SERVICE_500 = "china-service-500"
    CHINA_PRIVATE_500 = "china-private-500"
    NEW_ECONOMY_500 = "new-economy-500"
    TAIWAN_100 = "taiwan-100"


class RankingList(BaseModel):
    """A ranking list: fixed in code, created in every store at start."""

    model_config = ConfigDict(frozen=True)

    list_id: RankingListId
    name: str
    name_en: str
    size: int
    tier: int  # 1 = most sought after


RANKING_LISTS: dict[RankingListId, RankingList] = {
    lst.list_id: lst
    for lst in (
        RankingList(
            list_id=RankingListId.FORTUNE_GLOBAL_500,
            name="世界500强",
            name_en="Fortune Global 500",
            size=500,
            tier=1,
        ),
        RankingList(
            list_id=RankingListId.CHINA_500,
            name="中国企业500强",
            name_en="China Top 500 Enterprises",
            size=500,
            tier=2,
        ),
        RankingList(
            list_id=RankingListId.CHINA_PRIVATE_500,
            name="中国民营企业500强",
            name_en="China Top 500 Private Enterprises",
            size=500,
            tier=2,
        ),
        RankingList(
            list_id=RankingListId.CHINA_SERVICE_500,
            name="中国服务业企业500强",
            name_en="China Top 500 Service Enterprises",
            size=500,
            tier=3,
        ),
        RankingList(
            list_id=RankingListId.NEW_ECONOMY_500,
            name="中国新经济企业500强",
            name_en="China New Economy 500",
            size=500,
            tier=3,
        ),
        RankingList(
            list_id=RankingListId.TAIWAN_100,
            name="台湾地区百强企业",
            name_en="Taiwan Top 100",
            size=100,
            tier=3,
        ),
    )
}


def normalize_uscc(value: str) -> str:
    """Return the code upper-cased without spaces, or raise ValueError naming the fault.

    >>> normalize_uscc(" 91110000600037341l ")
    '91110000600037341L'
    """
    code = _uscc.compact(value)
    try:
        return str(_uscc.validate(code))
    except _StdnumError as e:
        if len(code) != 18:
            raise ValueError(f"统一社会信用代码 must have 18 characters, got {len(code)}") from e
        raise ValueError(f"统一社会信用代码 {code!r} fails the GB 32100-2015 check ({e})") from e


def _no_blank(value: Any) -> Any:
    """Treat empty strings as missing for optional fields (CSV cells are often blank)."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _split_aliases(value: Any) -> Any:
    if isinstance(value, str):
        return tuple(a.strip() for a in value.split("|") if a.strip())
    return value


def _unique_aliases(value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value))


# C0 and C1 control characters, DEL, lone surrogates and the non-characters U+FFFE/U+FFFF:
# invisible in a name, fatal to XML (GraphML) and to UTF-8 output. Free text (descriptions,
# notes) may hold line breaks and tabs; names, codes and ids hold none of them.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _refuse(pattern: re.Pattern[str], what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        found = pattern.search(value)
        if found:
            code = f"U+{ord(found.group()):04X}"
            raise ValueError(f"contains the control character {code} at position {found.start() + 1}; {what}")
        return value

    return check


_plain = AfterValidator(_refuse(_CONTROL, "names and codes may hold no control characters"))
_text = AfterValidator(_refuse(_CONTROL_IN_TEXT, "text may hold line breaks and tabs, no other control characters"))

Id = Annotated[str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN)]
OptId = Annotated[Id | None, BeforeValidator(_no_blank)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), _plain]
OptName = Annotated[Name | None, BeforeValidator(_no_blank)]
OptText = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), _text] | None,
    BeforeValidator(_no_blank),
]
OptSource = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True, max_length=500), _plain] | None,
    BeforeValidator(_no_blank),
]
AsOf = Annotated[
    Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2100, 12, 31))] | None,
    BeforeValidator(_no_blank),
]
Amount = Annotated[Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)] | None, BeforeValidator(_no_blank)]
Share = Annotated[Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] | None, BeforeValidator(_no_blank)]


def _upper_or_none(value: Any) -> Any:
    value = _no_blank(value)
    return value.strip().upper() if isinstance(value, str) else value


Country = Annotated[
    Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None,
    BeforeValidator(_upper_or_none),
]
Uscc = Annotated[Annotated[str, AfterValidator(normalize_uscc)] | None, BeforeValidator(_no_blank)]
Aliases = Annotated[
    tuple[Annotated[str, StringConstraints(max_length=200), _plain], ...],
    BeforeValidator(_split_aliases),
    AfterValidator(_unique_aliases),
    Field(max_length=50),
]


_CONVERTERS: dict[type, list[tuple[str, Callable[[Any], Any]]]] = {}


def _core_type(annotation: Any) -> Any:
    """``dt.date`` for ``Annotated[dt.date | None, ...]`` and the like."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _converters_of(model: type[BaseModel]) -> list[tuple[str, Callable[[Any], Any]]]:
    converters: list[tuple[str, Callable[[Any], Any]]] = []
    for name, info in model.model_fields.items():
        core = _core_type(info.annotation)
        if core is dt.datetime:
            converters.append((name, dt.datetime.fromisoformat))
        elif core is dt.date:
            converters.append((name, dt.date.fromisoformat))
        elif isinstance(core, type) and issubclass(core, StrEnum):
            converters.append((name, core))
        elif typing.get_origin(core) is tuple:
            converters.append((name, tuple))
    return converters


M = TypeVar("M", bound=BaseModel)


def construct_unchecked(cls: type[M], values: dict[str, Any]) -> M:
    """An instance from values that are already valid and complete (every field given): what
    ``model_construct`` does, minus its per-field default handling. For hot paths only."""
    instance = cls.__new__(cls)
    object.__setattr__(instance, "__dict__", values)
    object.__setattr__(instance, "__pydantic_fields_set__", set(values))
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance


class Record(BaseModel):
    """Base of every stored record: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True, use_enum_values=False)

    KIND: ClassVar[Kind]
    KEY: ClassVar[tuple[str, ...]]

    @property
    def key(self) -> tuple[Any, ...]:
        """The record's identity within its kind (computed once: records are immutable)."""
        cached = self.__dict__.get("_key_")
        if cached is None:
            cached = self.__dict__["_key_"] = tuple(getattr(self, f) for f in self.KEY)
        return cached

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("_key_", None)  # the key may have changed
        return copy

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> Self:
        """Rebuild a record from its own JSON dump without validating it again.

        Only for data this library wrote after validation (the embedded store's rows): it
        converts dates, times, enums and tuples back, and skips the checks that made
        reopening a large store slow.
        """
        converters = _CONVERTERS.get(cls)
        if converters is None:
            converters = _CONVERTERS[cls] = _converters_of(cls)
        values = dict(data)
        for name, convert in converters:
            value = values.get(name)
            if value is not None:
                values[name] = convert(value)
        if values.keys() != cls.model_fields.keys():  # written by an older version: fill defaults
            return cls.model_construct(**values)  # type: ignore[return-value]
        return construct_unchecked(cls, values)

    def to_row(self) -> dict[str, Any]:
        """Plain JSON-ready dict (enums as values, dates ISO, aliases a list)."""
        return self.model_dump(mode="json")


class _Provenance(BaseModel):
    source: OptSource = None
    as_of: AsOf = None


class Region(Record, _Provenance):
    """A region: GB/T 2260 code (or ISO country code) and its parent."""

    KIND: ClassVar[Kind] = Kind.REGION
    KEY: ClassVar[tuple[str, ...]] = ("region_id",)

    region_id: Id
    name: Name
    parent_id: OptId = None
    level: RegionLevel | None = None

    @model_validator(mode="after")
    def _not_own_parent(self) -> Region:
        if self.parent_id == self.region_id:
            raise ValueError("parent_id: a region cannot be its own parent")
        return self


class ChainDirection(StrEnum):
    """The promotion direction a chain belongs to (制造 / 文旅 / 商贸): what an event's
    ``direction:<id>`` focus matches on (the ids are those of chain_graph.focus)."""

    MANUFACTURING = "manufacturing"
    CULTURE_TOURISM = "culture-tourism"
    COMMERCE_TRADE = "commerce-trade"


class Chain(Record, _Provenance):
    """An industrial chain (产业链): one map per chain."""

    KIND: ClassVar[Kind] = Kind.CHAIN
    KEY: ClassVar[tuple[str, ...]] = ("chain_id",)

    chain_id: Id
    name: Name
    description: OptText = None
    direction: Annotated[ChainDirection | None, BeforeValidator(_no_blank)] = None


class Segment(Record, _Provenance):
    """A segment (环节) of a chain, at one stage; may nest under a parent segment."""

    KIND: ClassVar[Kind] = Kind.SEGMENT
    KEY: ClassVar[tuple[str, ...]] = ("segment_id",)

    segment_id: Id
    chain_id: Id
    name: Name
    stage: Stage
    parent_id: OptId = None
    description: OptText = None

    @model_validator(mode="after")
    def _not_own_parent(self) -> Segment:
        if self.parent_id == self.segment_id:
            raise ValueError("parent_id: a segment cannot be its own parent")
        return self


class SegmentLink(Record, _Provenance):
    """FEEDS: the upstream segment's output is the downstream segment's input."""

    KIND: ClassVar[Kind] = Kind.SEGMENT_LINK
    KEY: ClassVar[tuple[str, ...]] = ("from_segment_id", "to_segment_id")

    from_segment_id: Id
    to_segment_id: Id
    weight: Annotated[Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)], BeforeValidator(_no_blank)] = 1.0

    @model_validator(mode="before")
    @classmethod
    def _default_weight(cls, data: Any) -> Any:
        if isinstance(data, dict) and _no_blank(data.get("weight", 1.0)) is None:
            return {**data, "weight": 1.0}
        return data

    @model_validator(mode="after")
    def _no_loop(self) -> SegmentLink:
        if self.from_segment_id == self.to_segment_id:
            raise ValueError("to_segment_id: a segment cannot feed itself")
        return self


class Company(Record, _Provenance):
    """A company: local, with a local site, or external (a candidate)."""

    KIND: ClassVar[Kind] = Kind.COMPANY
    KEY: ClassVar[tuple[str, ...]] = ("company_id",)

    company_id: Id
    name: Name
    short_name: OptName = None
    aliases: Aliases = ()
    uscc: Uscc = None
    region: OptId = None
    local_site: bool = False
    country: Country = None
    revenue_cny_100m: Amount = None
    employees: Annotated[Annotated[int, Field(ge=0, le=10_000_000)] | None, BeforeValidator(_no_blank)] = None
    listed_code: Annotated[
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=64), _plain] | None,
        BeforeValidator(_no_blank),
    ] = None
    overseas_chinese: bool = False


class CompanySegment(Record, _Provenance):
    """IN_SEGMENT: a company works in a segment, in a role, with a share of its business."""

    KIND: ClassVar[Kind] = Kind.COMPANY_SEGMENT
    KEY: ClassVar[tuple[str, ...]] = ("company_id", "segment_id")

    company_id: Id
    segment_id: Id
    role: Role
    share: Share = None


class Supply(Record, _Provenance):
    """SUPPLIES: a real supplier → customer tie."""

    KIND: ClassVar[Kind] = Kind.SUPPLY
    KEY: ClassVar[tuple[str, ...]] = ("supplier_id", "customer_id")

    supplier_id: Id
    customer_id: Id
    product: OptName = None
    amount_cny_100m: Amount = None

    @model_validator(mode="after")
    def _no_loop(self) -> Supply:
        if self.supplier_id == self.customer_id:
            raise ValueError("customer_id: a company cannot supply itself")
        return self


class Ranking(Record, _Provenance):
    """RANKED: a company's place on a ranking list in a year."""

    KIND: ClassVar[Kind] = Kind.RANKING
    KEY: ClassVar[tuple[str, ...]] = ("list_id", "year", "company_id")

    list_id: RankingListId
    year: Annotated[int, Field(ge=1990, le=2100)]
    rank: Annotated[int, Field(ge=1, le=1000)]
    company_id: Id
    company_name: OptName = None
    revenue_usd_m: Amount = None
    country: Country = None

    @model_validator(mode="after")
    def _rank_within_list(self) -> Ranking:
        size = RANKING_LISTS[self.list_id].size
        if self.rank > size:
            raise ValueError(f"rank: {self.rank} is beyond the {size} places of {self.list_id}")
        return self


class OrganisationKind(StrEnum):
    """What an organisation is: a 商会 (泉州商会 in another city), a 泉籍海外社团 / 同乡会, an industry association."""

    CHAMBER = "chamber"
    HOMETOWN_ASSOCIATION = "hometown_association"
    INDUSTRY_ASSOCIATION = "industry_association"
    OTHER = "other"


class Organisation(Record, _Provenance):
    """An organisation firms belong to: a chamber of commerce, a hometown association, an industry
    association. ``overseas_chinese`` marks a 泉籍海外社团 (or one of 在外泉商): membership in it is
    an overseas-Chinese tie of the member firm."""

    KIND: ClassVar[Kind] = Kind.ORGANISATION
    KEY: ClassVar[tuple[str, ...]] = ("organisation_id",)

    organisation_id: Id
    name: Name
    kind: OrganisationKind
    city: OptName = None
    country: Country = None
    overseas_chinese: bool = False
    description: OptText = None


class Membership(Record, _Provenance):
    """MEMBER_OF: a company is a member of an organisation, in a role (会长单位, 会员), since a date."""

    KIND: ClassVar[Kind] = Kind.MEMBERSHIP
    KEY: ClassVar[tuple[str, ...]] = ("company_id", "organisation_id")

    company_id: Id
    organisation_id: Id
    role: OptName = None
    since: AsOf = None


class Shareholding(Record, _Provenance):
    """HOLDS_SHARES: a company holds shares in another company (share in per cent)."""

    KIND: ClassVar[Kind] = Kind.SHAREHOLDING
    KEY: ClassVar[tuple[str, ...]] = ("holder_id", "company_id")

    holder_id: Id
    company_id: Id
    share_pct: Annotated[
        Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)] | None, BeforeValidator(_no_blank)
    ] = None

    @model_validator(mode="after")
    def _no_loop(self) -> Shareholding:
        if self.holder_id == self.company_id:
            raise ValueError("company_id: a company cannot hold shares in itself")
        return self


class PlanStatus(StrEnum):
    """Where a targeting plan stands, in order (moves may skip steps forward: chain_graph.plans), or ``dropped``."""

    IDENTIFIED = "identified"
    CONTACTED = "contacted"
    VISITED = "visited"
    NEGOTIATING = "negotiating"
    SIGNED_FRAMEWORK = "signed_framework"
    SIGNED_CONTRACT = "signed_contract"
    STARTED = "started"
    IN_PRODUCTION = "in_production"
    DROPPED = "dropped"


PLAN_ORDER: tuple[PlanStatus, ...] = tuple(s for s in PlanStatus if s is not PlanStatus.DROPPED)


class GapType(StrEnum):
    """What a plan answers: a missing (补链), weak (强链) or extension (延链) segment."""

    MISSING = "missing"
    WEAK = "weak"
    EXTENSION = "extension"


class ProjectKind(StrEnum):
    NEW_PLANT = "new_plant"
    REGIONAL_HQ = "regional_hq"
    RND_CENTRE = "rnd_centre"
    JOINT_VENTURE = "joint_venture"
    EXPANSION = "expansion"  # 增资扩产 by a firm already local


class KeyRole(StrEnum):
    """API key roles, weakest first: viewer < planner < admin."""

    VIEWER = "viewer"
    PLANNER = "planner"
    ADMIN = "admin"


OptDate = Annotated[
    Annotated[dt.date, Field(ge=dt.date(1990, 1, 1), le=dt.date(2100, 12, 31))] | None,
    BeforeValidator(_no_blank),
]
IdList = Annotated[tuple[Id, ...], BeforeValidator(_split_aliases), AfterValidator(_unique_aliases)]


class TargetPlan(Record):
    """一对一招商专案: one company approached for one chain, tracked to construction start."""

    KIND: ClassVar[Kind] = Kind.TARGET_PLAN
    KEY: ClassVar[tuple[str, ...]] = ("plan_id",)

    plan_id: Id
    company_id: Id
    chain_id: Id
    segment_ids: Annotated[IdList, Field(min_length=1, max_length=20)]
    gap_type: GapType
    project_kind: ProjectKind = ProjectKind.NEW_PLANT
    rationale: OptText = None
    linked_company_ids: Annotated[IdList, Field(max_length=50)] = ()
    referrer_id: OptId = None  # 以商招商: the local leading firm that refers the target (a lead adopted)
    expected_investment_cny_100m: Amount = None
    unit: Name
    lead: OptName = None
    next_action: OptText = None
    due_date: OptDate = None
    status: PlanStatus = PlanStatus.IDENTIFIED
    signed_on: OptDate = None
    contract_on: OptDate = None
    started_on: OptDate = None
    produced_on: OptDate = None
    park_id: OptId = None  # the park (园区) the project is to be sited in
    version: Annotated[int, Field(ge=1)] = 1
    created_at: dt.datetime
    updated_at: dt.datetime


class PlanEvent(Record):
    """One change of a plan, kept for ever: who, when, from, to, note, what changed."""

    KIND: ClassVar[Kind] = Kind.PLAN_EVENT
    KEY: ClassVar[tuple[str, ...]] = ("plan_id", "seq")

    plan_id: Id
    seq: Annotated[int, Field(ge=1)]
    at: dt.datetime
    actor: Name
    action: Annotated[str, StringConstraints(pattern=r"^(create|edit|move|drop|reopen|appraise)$")]
    from_status: PlanStatus | None = None
    to_status: PlanStatus | None = None
    note: OptText = None
    changes: Annotated[str, StringConstraints(max_length=20000)] = "{}"  # JSON: field -> [old, new]


class ChainSnapshot(Record):
    """A chain's completeness on a day, so progress shows over time."""

    KIND: ClassVar[Kind] = Kind.CHAIN_SNAPSHOT
    KEY: ClassVar[tuple[str, ...]] = ("chain_id", "on")

    chain_id: Id
    on: dt.date
    completeness: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
    segments: Annotated[int, Field(ge=0)]
    missing: Annotated[int, Field(ge=0)]
    weak: Annotated[int, Field(ge=0)]
    strong: Annotated[int, Field(ge=0)]


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


# -- local firms' growth: expansion projects and the listing pipeline (chain_graph.growth) ------------


class ExpansionKind(StrEnum):
    """增资扩产 (more capacity) or 技改 (a technology upgrade)."""

    CAPACITY = "capacity"
    UPGRADE = "upgrade"


class ExpansionStatus(StrEnum):
    """Where an expansion project stands (moves allowed: chain_graph.growth.EXPANSION_MOVES)."""

    PLANNED = "planned"
    APPROVED = "approved"
    UNDER_CONSTRUCTION = "under_construction"
    IN_PRODUCTION = "in_production"
    CANCELLED = "cancelled"


EXPANSION_ORDER: tuple[ExpansionStatus, ...] = tuple(s for s in ExpansionStatus if s is not ExpansionStatus.CANCELLED)


class KeyProjectList(StrEnum):
    """The key technology-upgrade project list a project is on (省 / 市重点技改项目)."""

    PROVINCIAL = "provincial"
    CITY = "city"


class ExpansionProject(Record, _Provenance):
    """增资扩产 / 技改: a project of a firm already local, tracked from planned to in production."""

    KIND: ClassVar[Kind] = Kind.EXPANSION
    KEY: ClassVar[tuple[str, ...]] = ("expansion_id",)

    expansion_id: Id
    company_id: Id
    chain_id: OptId = None
    name: Name
    expansion_kind: ExpansionKind = ExpansionKind.CAPACITY
    investment_cny_100m: Amount = None
    added_capacity: OptName = None  # e.g. 年产320万双运动鞋
    key_list: Annotated[KeyProjectList | None, BeforeValidator(_no_blank)] = None
    key_list_year: Annotated[Annotated[int, Field(ge=1990, le=2100)] | None, BeforeValidator(_no_blank)] = None
    status: ExpansionStatus = ExpansionStatus.PLANNED
    approved_on: OptDate = None
    started_on: OptDate = None
    produced_on: OptDate = None
    unit: OptName = None
    note: OptText = None
    version: Annotated[int, Field(ge=1)] = 1

    @model_validator(mode="after")
    def _year_with_list(self) -> ExpansionProject:
        if self.key_list_year is not None and self.key_list is None:
            raise ValueError("key_list: name the list (provincial or city) the key_list_year refers to")
        return self


class ListingTier(StrEnum):
    """The city's pipeline lists: 上市后备 (to list on a stock exchange), 挂牌后备 (to be quoted on
    an OTC market), 储备 (the reserve, chosen from firms paying more than 5 million yuan of tax)."""

    LISTING_RESERVE = "listing_reserve"
    QUOTATION_RESERVE = "quotation_reserve"
    RESERVE = "reserve"


class ListingStage(StrEnum):
    """Where a pipeline firm stands (moves allowed: chain_graph.growth.LISTING_MOVES)."""

    CULTIVATING = "cultivating"
    TUTORING = "tutoring"
    FILED = "filed"
    LISTED = "listed"
    WITHDRAWN = "withdrawn"


LISTING_ORDER: tuple[ListingStage, ...] = tuple(s for s in ListingStage if s is not ListingStage.WITHDRAWN)
# 储备企业 are chosen from firms paying more than this much tax a year (万元): 5 million yuan.
RESERVE_TAX_FLOOR_CNY_10K = 500.0


class ListingEntry(Record, _Provenance):
    """A firm in the city's listing pipeline: one entry per company, its tier and stage."""

    KIND: ClassVar[Kind] = Kind.LISTING
    KEY: ClassVar[tuple[str, ...]] = ("company_id",)

    company_id: Id
    chain_id: OptId = None
    tier: ListingTier
    list_year: Annotated[Annotated[int, Field(ge=1990, le=2100)] | None, BeforeValidator(_no_blank)] = None
    stage: ListingStage = ListingStage.CULTIVATING
    tax_paid_cny_10k: Amount = None  # 万元, of tax_year
    tax_year: Annotated[Annotated[int, Field(ge=1990, le=2100)] | None, BeforeValidator(_no_blank)] = None
    market: OptName = None  # 深交所主板, 北交所, 港交所, 新三板, 海峡股权交易中心 …
    tutoring_on: OptDate = None
    filed_on: OptDate = None
    listed_on: OptDate = None
    listed_code: Annotated[
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=64), _plain] | None,
        BeforeValidator(_no_blank),
    ] = None
    unit: OptName = None
    note: OptText = None
    version: Annotated[int, Field(ge=1)] = 1

    @model_validator(mode="after")
    def _reserve_pays_enough_tax(self) -> ListingEntry:
        if self.tier is ListingTier.RESERVE and (
            self.tax_paid_cny_10k is None or self.tax_paid_cny_10k <= RESERVE_TAX_FLOOR_CNY_10K
        ):
            paid = "none given" if self.tax_paid_cny_10k is None else f"{self.tax_paid_cny_10k:g} 万元"
            raise ValueError(
                f"tax_paid_cny_10k: a reserve firm (储备企业) pays more than {RESERVE_TAX_FLOOR_CNY_10K:g} 万元 "
                f"(5 million yuan) of tax a year; {paid}"
            )
        return self


# -- promotion events (招商推介 / 签约 / 集中开工): chain_graph.events ----------------------------------


class EventKind(StrEnum):
    """What a promotion event is: 推介 (a pitch), 签约 (a signing ceremony), 集中开工 (a joint groundbreaking)."""

    PROMOTION = "promotion"
    SIGNING = "signing"
    GROUNDBREAKING = "groundbreaking"


class InvitationStatus(StrEnum):
    """Where an invitation stands (the moves allowed: chain_graph.events.INVITATION_MOVES)."""

    INVITED = "invited"
    CONFIRMED = "confirmed"
    ATTENDED = "attended"
    SIGNED_AT_EVENT = "signed_at_event"
    DECLINED = "declined"


def _focus_items(value: tuple[str, ...]) -> tuple[str, ...]:
    """Focus items as ids: Chinese words mapped (粤港澳大湾区 → gba), unknown items refused."""
    from chain_graph.errors import InvalidInput as _Invalid
    from chain_graph.focus import parse_focus  # it builds on these records

    try:
        return parse_focus(value).items
    except _Invalid as e:
        raise ValueError(e.message.removeprefix("focus: ")) from e


# Items: a region group (gba, yrd, asean), region:<id>, overseas-chinese, list:<list id>, direction:<id>,
# or their Chinese words (chain_graph.focus).
Focus = Annotated[
    tuple[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80), _plain], ...],
    BeforeValidator(_split_aliases),
    AfterValidator(_focus_items),
    Field(max_length=20),
]


class PromotionEvent(Record, _Provenance):
    """A promotion event: its kind, day, host unit, focus and chains; targets and invitations hang on it."""

    KIND: ClassVar[Kind] = Kind.PROMOTION_EVENT
    KEY: ClassVar[tuple[str, ...]] = ("event_id",)

    event_id: Id
    name: Name
    event_kind: EventKind
    held_on: Annotated[dt.date, Field(ge=dt.date(1990, 1, 1), le=dt.date(2100, 12, 31))]
    host_unit: Name
    focus: Focus = ()
    chain_ids: Annotated[IdList, Field(max_length=50)] = ()
    description: OptText = None
    version: Annotated[int, Field(ge=1)] = 1


class EventTarget(Record):
    """A planner's hand on an event's target list: a firm ``added`` or ``removed``, kept across recomputation."""

    KIND: ClassVar[Kind] = Kind.EVENT_TARGET
    KEY: ClassVar[tuple[str, ...]] = ("event_id", "company_id")

    event_id: Id
    company_id: Id
    action: Annotated[str, StringConstraints(pattern=r"^(added|removed)$")]
    note: OptText = None
    actor: Name
    at: dt.datetime


class Invitation(Record):
    """A firm invited to an event, tracked to attendance and signing; ``plan_id``: the plan its signing made."""

    KIND: ClassVar[Kind] = Kind.INVITATION
    KEY: ClassVar[tuple[str, ...]] = ("event_id", "company_id")

    event_id: Id
    company_id: Id
    status: InvitationStatus = InvitationStatus.INVITED
    invited_on: OptDate = None
    confirmed_on: OptDate = None
    attended_on: OptDate = None
    signed_on: OptDate = None
    declined_on: OptDate = None
    signed_amount_cny_100m: Amount = None
    plan_id: OptId = None
    note: OptText = None
    actor: Name
    version: Annotated[int, Field(ge=1)] = 1
    created_at: dt.datetime
    updated_at: dt.datetime


# -- parks, land and project appraisal (issue 13, items 3 and 4) ---------------------------------

Mu = Annotated[Annotated[float, Field(ge=0, le=1e7, allow_inf_nan=False)] | None, BeforeValidator(_no_blank)]


class Park(Record, _Provenance):
    """园区: where projects are sited; its county, positioning (chains, segments) and land on offer."""

    KIND: ClassVar[Kind] = Kind.PARK
    KEY: ClassVar[tuple[str, ...]] = ("park_id",)

    park_id: Id
    name: Name
    region: Id  # the county or district (GB/T 2260) the park lies in
    chain_ids: Annotated[IdList, Field(max_length=20)] = ()
    segment_ids: Annotated[IdList, Field(max_length=100)] = ()
    available_land_mu: Mu = None  # 可供土地（亩）
    factory_space_m2: Mu = None  # 可供标准厂房（㎡）
    description: OptText = None


class PlotCondition(StrEnum):
    """A plot's state: on offer, or flagged for clearance as low-efficiency (低效) or idle (闲置)."""

    AVAILABLE = "available"
    LOW_EFFICIENCY = "low_efficiency"
    IDLE = "idle"


class ParkPlot(Record, _Provenance):
    """一宗地块 of a park: its area and condition (low-efficiency and idle plots are to be cleared)."""

    KIND: ClassVar[Kind] = Kind.PARK_PLOT
    KEY: ClassVar[tuple[str, ...]] = ("plot_id",)

    plot_id: Id
    park_id: Id
    name: OptName = None
    area_mu: Annotated[float, Field(gt=0, le=1e6, allow_inf_nan=False)]
    condition: PlotCondition = PlotCondition.AVAILABLE
    note: OptText = None


class Verdict(StrEnum):
    """The verdict of a project appraisal (综合研判); Chinese labels in chain_graph.appraisal."""

    RECOMMEND = "recommend"  # 推荐
    CONDITIONAL = "conditional"  # 有条件推荐
    NOT_RECOMMENDED = "not_recommended"  # 不建议


Rating = Annotated[Annotated[int, Field(ge=1, le=5)] | None, BeforeValidator(_no_blank)]


class Appraisal(Record):
    """A plan's current 综合研判: the planner's inputs, and the scores and verdict computed from them.

    Earlier appraisals stay in the plan's history (its ``appraise`` events).
    """

    KIND: ClassVar[Kind] = Kind.APPRAISAL
    KEY: ClassVar[tuple[str, ...]] = ("plan_id",)

    plan_id: Id
    technology_route: Rating = None  # 技术路线 1-5
    product_competitiveness: Rating = None  # 产品竞争力 1-5
    market_prospects: Rating = None  # 市场前景 1-5
    land_mu: Mu = None  # 用地需求（亩）
    floor_space_m2: Mu = None  # 厂房需求（㎡）
    annual_tax_cny_10k: Mu = None  # 预计年税收（万元）
    annual_output_cny_100m: Mu = None  # 预计年产值（亿元）
    energy_tce: Mu = None  # 年综合能耗（吨标准煤）
    jobs: Annotated[Annotated[int, Field(ge=0, le=1_000_000)] | None, BeforeValidator(_no_blank)] = None
    note: OptText = None
    score: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
    verdict: Verdict
    reasons: Annotated[tuple[Annotated[str, StringConstraints(max_length=500)], ...], Field(max_length=40)] = ()
    criteria: Annotated[str, StringConstraints(max_length=20000)] = "[]"  # JSON: the scored criteria
    appraised_at: dt.datetime
    actor: Name


MODELS: dict[Kind, type[Record]] = {
    Kind.TARGET_PLAN: TargetPlan,
    Kind.PLAN_EVENT: PlanEvent,
    Kind.CHAIN_SNAPSHOT: ChainSnapshot,
    Kind.API_KEY: ApiKey,
    Kind.EXPANSION: ExpansionProject,
    Kind.LISTING: ListingEntry,
    Kind.PARK: Park,
    Kind.PARK_PLOT: ParkPlot,
    Kind.APPRAISAL: Appraisal,
    Kind.PROMOTION_EVENT: PromotionEvent,
    Kind.EVENT_TARGET: EventTarget,
    Kind.INVITATION: Invitation,
    Kind.REGION: Region,
    Kind.CHAIN: Chain,
    Kind.SEGMENT: Segment,
    Kind.COMPANY: Company,
    Kind.SEGMENT_LINK: SegmentLink,
    Kind.COMPANY_SEGMENT: CompanySegment,
    Kind.SUPPLY: Supply,
    Kind.RANKING: Ranking,
    Kind.ORGANISATION: Organisation,
    Kind.MEMBERSHIP: Membership,
    Kind.SHAREHOLDING: Shareholding,
}


def problems_of(error: ValidationError) -> list[Problem]:
    """Turn a pydantic error into problems that each name a field and a plain reason."""
    problems = []
    for item in error.errors(include_url=False):
        loc = [str(p) for p in item["loc"] if not isinstance(p, int)]
        message = str(item["msg"]).removeprefix("Value error, ")
        field = loc[0] if loc else None
        head, sep, rest = message.partition(": ")
        if field is None and sep and head.isidentifier():
            field, message = head, rest
        problems.append(Problem(reason=message, field=field, value=_short(item.get("input"))))
    return problems


def _short(value: Any) -> Any:
    if isinstance(value, (dict, list, tuple)):
        return None
    text = str(value) if value is not None else None
    return text if text is None or len(text) <= 80 else text[:77] + "..."


def parse_record(kind: Kind | str, data: dict[str, Any]) -> Record:
    """Validate ``data`` as a record of ``kind`` or raise InvalidInput naming each field.

    >>> parse_record("chain", {"chain_id": "tex", "name": "纺织鞋服"}).name
    '纺织鞋服'
    >>> parse_record("chain", {"chain_id": "tex"})
    Traceback (most recent call last):
    ...
    chain_graph.errors.InvalidInput: invalid chain: name: Field required
    """
    model = MODELS[Kind(kind)]
    try:
        return model.model_validate(data)
    except ValidationError as e:
        problems = problems_of(e)
        summary = "; ".join(f"{p.field}: {p.reason}" if p.field else p.reason for p in problems)
        first = problems[0].field if problems else None
        raise InvalidInput(f"invalid {Kind(kind)}: {summary}", field=first, problems=problems) from e
