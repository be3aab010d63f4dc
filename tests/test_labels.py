"""One labels source: every stored value of a displayed enum has Chinese and English words."""

from __future__ import annotations

from enum import StrEnum

import pytest

from chain_graph import labels
from chain_graph.analysis.status import SegmentStatus
from chain_graph.models import (
    ChainDirection,
    EventKind,
    ExpansionKind,
    ExpansionStatus,
    GapType,
    InvitationStatus,
    KeyProjectList,
    KeyRole,
    ListingStage,
    ListingTier,
    PlanStatus,
    PlotCondition,
    ProjectKind,
    RankingListId,
    Role,
    Stage,
    Verdict,
)

ENUM_GROUPS: list[tuple[str, type[StrEnum]]] = [
    ("stage", Stage), ("gap_status", SegmentStatus), ("gap_type", GapType), ("role", Role), ("user_role", KeyRole),
    ("plan_status", PlanStatus), ("project_kind", ProjectKind), ("ranking_list", RankingListId),
    ("chain_direction", ChainDirection), ("event_kind", EventKind), ("invitation_status", InvitationStatus),
    ("expansion_kind", ExpansionKind), ("expansion_status", ExpansionStatus), ("key_project_list", KeyProjectList),
    ("listing_tier", ListingTier), ("listing_stage", ListingStage), ("verdict", Verdict),
    ("plot_condition", PlotCondition),
]  # fmt: skip


@pytest.mark.parametrize(("name", "enum"), ENUM_GROUPS, ids=[g for g, _ in ENUM_GROUPS])
def test_every_value_of_the_enum_has_words_and_no_others(name: str, enum: type[StrEnum]) -> None:
    group = labels.group(name)
    assert set(group) == {m.value for m in enum}
    for value, label in group.items():
        assert label.zh and label.en and label.zh != value, value


def test_chinese_words_are_unique_within_a_group() -> None:
    for name, group in labels.LABELS.items():
        words = [lab.zh for lab in group.values()]
        assert len(words) == len(set(words)), name


def test_json_table_is_what_the_page_reads() -> None:
    table = labels.as_json()
    assert table["plan_status"]["contacted"] == {"zh": "已接洽", "en": "contacted"}
    assert set(table) == set(labels.LABELS)
