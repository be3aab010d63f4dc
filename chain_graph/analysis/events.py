"""An event's target list: a pure function over candidates, a planner's hand changes and invitations.

**Target list.** The candidates of every chain's gaps (:func:`~chain_graph.analysis.rank_candidates`,
one list per chain) are kept when their headquarters fall in the event's focus
(:class:`~chain_graph.focus.Focus`), merged per company across chains — the target's
score is its best candidate score, and it names every gap it would fill, best first — and ranked
by score, then company id. A planner's hand wins over the computation: a firm ``removed`` from an
event's list stays out (listed apart), a firm ``added`` stays in, with its gaps if it has any.

The event's results (invitations, signings and the start rate of what was signed there) are
:mod:`chain_graph.analysis.event_reports`; their names are importable from here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from chain_graph.analysis.candidates import Candidate
from chain_graph.analysis.event_reports import EventReport, EventResults, event_report, event_results
from chain_graph.analysis.scoring import ListEntry
from chain_graph.focus import Focus, RegionTree
from chain_graph.models import Company, EventTarget, Invitation, PromotionEvent
from chain_graph.provenance import is_illustrative

__all__ = [
    "EventReport",
    "EventResults",
    "Target",
    "TargetGap",
    "TargetList",
    "build_targets",
    "event_report",
    "event_results",
]


class TargetGap(BaseModel):
    """A gap a target would fill: the chain, the segment, its status, the candidate's score there."""

    model_config = ConfigDict(frozen=True)

    chain_id: str
    segment_id: str
    segment_name: str
    status: str
    score: float


class Target(BaseModel):
    """One firm of an event's target list."""

    model_config = ConfigDict(frozen=True)

    rank: int
    company_id: str
    name: str
    short_name: str | None = None
    illustrative: bool = False
    region: str | None = None
    region_name: str | None = None
    country: str | None = None
    overseas_chinese: bool = False
    score: float | None  # the best candidate score; None for a firm added by hand that fills no gap
    gaps: list[TargetGap]
    lists: list[ListEntry] = []
    focus_match: list[str] = []  # the focus items it matches
    added_by_hand: bool = False
    invitation: str | None = None  # its invitation's status, if invited
    plan_id: str | None = None  # the plan its signing made or moved


class TargetList(BaseModel):
    model_config = ConfigDict(frozen=True)

    event_id: str
    chains: list[str]
    focus: list[str]
    data: list[Target]
    count: int
    removed: list[str]  # firms taken off by hand (kept off across recomputation)
    notes: list[str] = []

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def _overseas(c: Candidate) -> bool:
    part = c.parts.get("overseas_chinese")
    return bool(part and part.value > 0)


def _matches(c: Candidate, focus: Focus, tree: RegionTree) -> list[str] | None:
    places = focus.place_match(tree, c.region, c.country, overseas_chinese=_overseas(c))
    lists = focus.list_match(e.list_id for e in c.lists)
    return None if places is None or lists is None else places + lists


def build_targets(
    event: PromotionEvent,
    focus: Focus,
    tree: RegionTree,
    candidates: Iterable[Candidate],
    *,
    chains: Sequence[str],
    overrides: Iterable[EventTarget] = (),
    added: Mapping[str, Company] = {},
    invitations: Iterable[Invitation] = (),
    region_names: Mapping[str, str] = {},
    notes: Sequence[str] = (),
) -> TargetList:
    """The event's target list (see the module docstring); ``added`` holds the firms added by hand.

    Parameters
    ----------
    event : PromotionEvent
        The event.
    focus : Focus
        The event's focus (:func:`~chain_graph.focus.parse_focus`): the candidates' places and
        lists it keeps.
    tree : RegionTree
        Each region's parent, to place a firm's headquarters.
    candidates : iterable of Candidate
        The candidates of the chains' gaps (:func:`~chain_graph.analysis.rank_candidates`), a
        company possibly in several.
    chains : sequence of str
        The chains searched (reported as given).
    overrides : iterable of EventTarget, optional
        A planner's hand: firms ``added`` to the list or ``removed`` from it.
    added : mapping of str to Company, optional
        The companies added by hand that are no candidate (one missing here is left out).
    invitations : iterable of Invitation, optional
        The event's invitations: each target shows its status and plan.
    region_names : mapping of str to str, optional
        Region id → name, for the firms added by hand.
    notes : sequence of str, optional
        Notes passed through to the list.

    Returns
    -------
    TargetList
        The targets ranked 1..n (by best score, descending, then company id; firms added by
        hand without a gap last), with the firms removed by hand.

    Raises
    ------
    Nothing: a firm outside the focus or removed is left out, not refused.

    Examples
    --------
    >>> import datetime as dt
    >>> from chain_graph.focus import parse_focus
    >>> event = PromotionEvent(event_id="e1", name="湾区专场（示例）", event_kind="promotion",
    ...                        held_on=dt.date(2026, 5, 8), host_unit="市商务局")
    >>> tree = RegionTree({"440300": "440000", "440000": None, "310000": None})
    >>> def cand(cid, region, segment, score):
    ...     return Candidate(company_id=cid, name=f"{cid}公司（示例）", short_name=None, country="CN", region=region,
    ...                      region_name=None, segment_id=segment, segment_name=segment, chain_id="tex",
    ...                      status="missing", score=score, parts={}, lists=[], ties=[], plan=None)
    >>> cands = [cand("a", "440300", "tex.fiber", 60), cand("a", "440300", "tex.dye", 40),
    ...          cand("b", "310000", "tex.fiber", 80), cand("c", "440000", "tex.fiber", 50)]
    >>> at = dt.datetime(2026, 4, 1)
    >>> hand = [EventTarget(event_id="e1", company_id="c", action="removed", actor="a", at=at),
    ...         EventTarget(event_id="e1", company_id="d", action="added", actor="a", at=at)]
    >>> targets = build_targets(event, parse_focus(["粤港澳大湾区"]), tree, cands, chains=["tex"], overrides=hand,
    ...                         added={"d": Company(company_id="d", name="丁公司（示例）", region="440000")})
    >>> [(t.rank, t.company_id, t.score, [g.segment_id for g in t.gaps], t.added_by_hand) for t in targets.data]
    [(1, 'a', 60.0, ['tex.fiber', 'tex.dye'], False), (2, 'd', None, [], True)]
    >>> targets.removed, targets.data[1].focus_match
    (['c'], ['gba'])
    """
    removed = {o.company_id for o in overrides if o.action == "removed"}
    by_hand = [o.company_id for o in overrides if o.action == "added"]
    merged: dict[str, list[Candidate]] = {}
    matched: dict[str, list[str]] = {}
    for c in candidates:
        hit = _matches(c, focus, tree)
        if (hit is not None or c.company_id in by_hand) and c.company_id not in removed:
            merged.setdefault(c.company_id, []).append(c)
            matched[c.company_id] = hit or []
    invited = {i.company_id: i for i in invitations}
    rows = [_target(cs, matched[cid], cid in by_hand, invited.get(cid)) for cid, cs in merged.items()]
    for cid in by_hand:
        if cid not in merged and cid not in removed and cid in added:
            rows.append(_hand_target(added[cid], focus, tree, region_names, invited.get(cid)))
    rows.sort(key=lambda t: (t.score is None, -(t.score or 0.0), t.company_id))
    ranked = [t.model_copy(update={"rank": i}) for i, t in enumerate(rows, start=1)]
    return TargetList(
        event_id=event.event_id,
        chains=list(chains),
        focus=list(focus.items),
        data=ranked,
        count=len(ranked),
        removed=sorted(removed),
        notes=list(notes),
    )


def _target(cands: list[Candidate], matched: list[str], by_hand: bool, invitation: Invitation | None) -> Target:
    cands = sorted(cands, key=lambda c: (-c.score, c.chain_id, c.segment_id))
    best = cands[0]
    seen: set[tuple[str, str]] = set()
    gaps = []
    for c in cands:
        if (c.chain_id, c.segment_id) not in seen:
            seen.add((c.chain_id, c.segment_id))
            gaps.append(TargetGap(chain_id=c.chain_id, segment_id=c.segment_id, segment_name=c.segment_name,
                                  status=c.status.value, score=c.score))  # fmt: skip
    return Target(
        rank=0,
        company_id=best.company_id,
        name=best.name,
        short_name=best.short_name,
        illustrative=best.illustrative,
        region=best.region,
        region_name=best.region_name,
        country=best.country,
        overseas_chinese=_overseas(best),
        score=best.score,
        gaps=gaps,
        lists=best.lists,
        focus_match=matched,
        added_by_hand=by_hand,
        invitation=invitation.status.value if invitation else None,
        plan_id=invitation.plan_id if invitation else None,
    )


def _hand_target(
    company: Company, focus: Focus, tree: RegionTree, names: Mapping[str, str], invitation: Invitation | None
) -> Target:
    places = focus.place_match(tree, company.region, company.country, overseas_chinese=company.overseas_chinese)
    return Target(
        rank=0,
        company_id=company.company_id,
        name=company.name,
        short_name=company.short_name,
        illustrative=is_illustrative(company.name, source=company.source),
        region=company.region,
        region_name=names.get(company.region) if company.region else None,
        country=company.country,
        overseas_chinese=company.overseas_chinese,
        score=None,
        gaps=[],
        focus_match=places or [],
        added_by_hand=True,
        invitation=invitation.status.value if invitation else None,
        plan_id=invitation.plan_id if invitation else None,
    )
