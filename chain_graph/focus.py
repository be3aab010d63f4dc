"""An event's focus (招商方向): which firms and which chains a promotion event is about.

A focus is one or more items, each a word of :data:`FOCUS_WORDS` or a typed id:

- a region group: ``gba`` 粤港澳大湾区 = 广东 440000 + 香港 810000 + 澳门 820000; ``yrd`` 长三角 =
  上海 310000 + 江苏 320000 + 浙江 330000 + 安徽 340000; ``asean`` 东南亚 = the ten ASEAN members by
  ISO 3166-1 code (:data:`ASEAN`);
- ``region:<id>``: any region of the store's region tree (a province, a city, a country);
- ``overseas-chinese`` 侨港澳台: a firm flagged ``overseas_chinese`` (侨资 / 在外泉商) or based in
  香港, 澳门 or 台湾 (810000, 820000, 710000);
- ``list:<list id>``: a firm on that ranking list (``500强`` stands for the five lists of 500);
- ``direction:<id>``: the chains of a direction (:data:`DIRECTIONS`): those whose ``direction`` is it
  (a chain stating none: by its id or name).

Items of one dimension widen the focus, dimensions narrow it: a firm is in the focus when it
matches at least one *place* item (region groups, regions, 侨港澳台) if any is given, and at
least one *list* item if any is given. Directions and the event's own chains choose the chains
whose gaps are searched. A firm's place is its headquarters: its ``region`` and, above it, every
ancestor in the region tree (its ``country`` when it has no region).

Examples
--------
>>> focus = parse_focus(["粤港澳大湾区", "500强"])
>>> focus.items[0], sorted(focus.places)
('gba', ['440000', '810000', '820000'])
>>> tree = RegionTree({"440300": "440000", "440000": "CN", "CN": None})
>>> focus.place_match(tree, "440300", "CN", overseas_chinese=False)
['gba']
>>> parse_focus(["asia"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
chain_graph.errors.InvalidInput: focus: 'asia' is not a focus; use gba, yrd, asean, overseas-chinese, ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from chain_graph.errors import InvalidInput
from chain_graph.models import RANKING_LISTS, Chain, RankingListId

__all__ = [
    "ASEAN",
    "DIRECTIONS",
    "FOCUS_LABELS",
    "FOCUS_WORDS",
    "Focus",
    "REGION_GROUPS",
    "RegionTree",
    "TIE_BASES",
    "parse_focus",
]

# ASEAN members (ISO 3166-1 alpha-2): Brunei, Cambodia, Indonesia, Laos, Malaysia, Myanmar, the
# Philippines, Singapore, Thailand, Vietnam.
ASEAN = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN")
REGION_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "gba": ("粤港澳大湾区", ("440000", "810000", "820000")),
    "yrd": ("长三角", ("310000", "320000", "330000", "340000")),
    "asean": ("东南亚", ASEAN),
}
OVERSEAS_CHINESE = "overseas-chinese"
TIE_BASES = ("810000", "820000", "710000")  # 香港, 澳门, 台湾 (GB/T 2260)
_CHINA_PARTS = {"HK": "810000", "MO": "820000", "TW": "710000"}  # a country code naming one of them
# direction id -> (label, words of a chain's name that put the chain in the direction)
DIRECTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "culture-tourism": ("文旅", ("文旅", "文化旅游", "旅游")),
    "commerce-trade": ("商贸", ("商贸", "商贸物流", "商业")),
}
LISTS_OF_500 = tuple(str(k) for k, v in RANKING_LISTS.items() if v.size == 500)
FOCUS_WORDS: dict[str, tuple[str, ...]] = {
    "粤港澳大湾区": ("gba",), "粤港澳": ("gba",), "大湾区": ("gba",),
    "长三角": ("yrd",), "东南亚": ("asean",), "东盟": ("asean",),
    "侨港澳台": (OVERSEAS_CHINESE,), "在外泉商": (OVERSEAS_CHINESE,),
    "500强": tuple(f"list:{x}" for x in LISTS_OF_500), "500强专场": tuple(f"list:{x}" for x in LISTS_OF_500),
    "文旅": ("direction:culture-tourism",), "商贸": ("direction:commerce-trade",),
}  # fmt: skip
FOCUS_LABELS: dict[str, str] = {
    **{k: v[0] for k, v in REGION_GROUPS.items()},
    OVERSEAS_CHINESE: "侨港澳台",
    **{f"list:{k}": v.name for k, v in RANKING_LISTS.items()},
    **{f"direction:{k}": v[0] for k, v in DIRECTIONS.items()},
}
_HELP = (
    "use gba, yrd, asean, overseas-chinese, region:<id>, list:<list id>, direction:<id> "
    "(or 粤港澳大湾区, 长三角, 东南亚, 侨港澳台, 500强, 文旅, 商贸)"
)


class RegionTree:
    """Each region's parent, from the store's region records (regions are few): ancestors on demand."""

    def __init__(self, parents: Mapping[str, str | None]) -> None:
        self._parents = dict(parents)

    def __contains__(self, region_id: object) -> bool:
        return region_id in self._parents

    def lineage(self, region_id: str | None) -> list[str]:
        """The region and its ancestors, nearest first (a cycle is cut where it closes)."""
        out: list[str] = []
        while region_id is not None and region_id not in out:
            out.append(region_id)
            region_id = self._parents.get(region_id)
        return out


@dataclass(frozen=True)
class Focus:
    """A parsed focus: the items as given (normalized), and what each dimension asks."""

    items: tuple[str, ...]
    places: frozenset[str] = frozenset()  # region ids: a firm whose lineage meets one is in
    place_items: tuple[tuple[str, frozenset[str]], ...] = ()  # (item, its region ids)
    tie: bool = False  # 侨港澳台
    lists: frozenset[str] = frozenset()
    directions: tuple[str, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def has_place(self) -> bool:
        return bool(self.place_items) or self.tie

    def place_match(
        self, tree: RegionTree, region: str | None, country: str | None, *, overseas_chinese: bool
    ) -> list[str] | None:
        """The place items a firm based at ``region`` / ``country`` matches (None: it matches none).

        With no place item in the focus every firm matches (an empty list)."""
        if not self.has_place:
            return []
        lineage = set(tree.lineage(region)) if region else set()
        if country:
            lineage.add(_CHINA_PARTS.get(country.upper(), country.upper()))
        hits = [item for item, ids in self.place_items if lineage & ids]
        if self.tie and (overseas_chinese or lineage & set(TIE_BASES)):
            hits.append(OVERSEAS_CHINESE)
        return hits or None

    def list_match(self, list_ids: Iterable[str]) -> list[str] | None:
        """The list items a firm on ``list_ids`` matches (None: none; an empty list when none is asked)."""
        if not self.lists:
            return []
        hits = sorted(self.lists & set(list_ids))
        return [f"list:{x}" for x in hits] or None

    def chains(self, chains: Sequence[Chain], chosen: Sequence[str] = ()) -> list[str]:
        """The chains whose gaps are searched: ``chosen`` (the event's), else those of the directions, else all."""
        known = {c.chain_id for c in chains}
        if chosen:
            return [c for c in chosen if c in known]
        if not self.directions:
            return sorted(known)
        return sorted(c.chain_id for c in chains if any(_in_direction(c, d) for d in self.directions))


def _in_direction(chain: Chain, direction: str) -> bool:
    """A chain is in a direction when its ``direction`` says so; one that states none, when its id
    is the direction's id (or starts with it) or its name holds one of the direction's words."""
    if chain.direction is not None:
        return chain.direction.value == direction
    _, words = DIRECTIONS[direction]
    return (
        chain.chain_id == direction or chain.chain_id.startswith(f"{direction}-") or any(w in chain.name for w in words)
    )


def parse_focus(items: Iterable[str], tree: RegionTree | None = None) -> Focus:
    """Read focus items (ids or Chinese words); InvalidInput naming ``focus`` for one that is none.

    With ``tree``, a ``region:<id>`` must name a region of the tree."""
    normalized: list[str] = []
    for raw in items:
        text = str(raw).strip()
        if not text:
            continue
        normalized += FOCUS_WORDS.get(text, (text,))
    places: list[tuple[str, frozenset[str]]] = []
    lists: set[str] = set()
    directions: list[str] = []
    tie = False
    labels: dict[str, str] = {}
    for item in dict.fromkeys(normalized):
        prefix, _, rest = item.partition(":")
        if item in REGION_GROUPS:
            places.append((item, frozenset(REGION_GROUPS[item][1])))
        elif item == OVERSEAS_CHINESE:
            tie = True
        elif prefix == "region" and rest:
            if tree is not None and rest not in tree:
                raise InvalidInput(f"focus: region {rest!r} is not in the region tree", field="focus")
            places.append((item, frozenset({rest})))
        elif prefix == "list" and rest in {str(x) for x in RankingListId}:
            lists.add(rest)
        elif prefix == "direction" and rest in DIRECTIONS:
            directions.append(rest)
        else:
            raise InvalidInput(f"focus: {item!r} is not a focus; {_HELP}", field="focus")
        labels[item] = FOCUS_LABELS.get(item, item)
    return Focus(
        items=tuple(dict.fromkeys(normalized)),
        places=frozenset().union(*(ids for _, ids in places)) if places else frozenset(),
        place_items=tuple(places),
        tie=tie,
        lists=frozenset(lists),
        directions=tuple(directions),
        labels=labels,
    )
