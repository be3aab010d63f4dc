"""``Record.from_stored``: the embedded store's fast path back from a record's own JSON.

It skips validation (the row was validated when written), so it must rebuild exactly the record
that was written, of every kind: the same values of the same types (enums, dates, times, tuples),
equal to the validated record, keyed, frozen; and a row written before a field was added gets
the field's default.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from chain_graph.models import (
    MODELS,
    ApiKey,
    ChainSnapshot,
    Company,
    EventTarget,
    ExpansionProject,
    Invitation,
    Kind,
    ListingEntry,
    PromotionEvent,
    Record,
    Segment,
    Stage,
    construct_unchecked,
)
from tests.factories import appraisal, park, park_plot, plan, plan_event, relations_world, small_world

NOW = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)


def one_of_each_kind() -> dict[Kind, Record]:
    records: list[Record] = [
        *small_world(),
        *relations_world(),
        plan(linked_company_ids=("c2", "c3")),
        plan_event(),
        park(),
        park_plot(),
        appraisal(),
        ApiKey(key_id="k1", name="规划科", role="planner", hash="scrypt$" + "a" * 40, created_at=NOW),
        ChainSnapshot(
            chain_id="tex", on=dt.date(2026, 12, 1), completeness=0.5, segments=4, missing=1, weak=1, strong=2
        ),
        ExpansionProject(
            expansion_id="x1", company_id="c1", name="年产320万双运动鞋", key_list="city", key_list_year=2026
        ),
        ListingEntry(company_id="c1", tier="reserve", tax_paid_cny_10k=900, listed_on="2026-01-05"),
        PromotionEvent(
            event_id="e1",
            name="推介会",
            event_kind="promotion",
            held_on="2026-11-20",
            host_unit="市商务局",
            focus="gba",
        ),
        EventTarget(event_id="e1", company_id="c1", action="added", actor="张三", at=NOW),
        Invitation(
            event_id="e1",
            company_id="c1",
            status="confirmed",
            confirmed_on="2026-11-01",
            actor="张三",
            created_at=NOW,
            updated_at=NOW,
        ),
    ]
    found: dict[Kind, Record] = {}
    for record in records:
        found.setdefault(record.KIND, record)
    return found


def stored(record: Record) -> dict[str, object]:
    """What the embedded store keeps of a record: its JSON, read back as plain JSON values."""
    return json.loads(record.model_dump_json())


def test_every_kind_is_covered() -> None:
    assert set(one_of_each_kind()) == set(Kind) == set(MODELS)


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_a_stored_row_comes_back_as_the_record_written(kind: Kind) -> None:
    record = one_of_each_kind()[kind]
    back = MODELS[kind].from_stored(stored(record))
    assert type(back) is type(record)
    assert back == record and back.key == record.key
    for name in type(record).model_fields:
        assert type(getattr(back, name)) is type(getattr(record, name)), name  # enums, dates, tuples
    assert back.model_dump() == record.model_dump()
    assert hash(back.key) == hash(record.key)
    with pytest.raises(ValidationError):  # as frozen as a validated record
        back.__setattr__(type(record).KEY[0], "other")


def test_values_are_rebuilt_in_their_types() -> None:
    seg = Segment.from_stored(
        {
            "segment_id": "s",
            "chain_id": "c",
            "name": "化纤",
            "stage": "upstream",
            "parent_id": None,
            "description": None,
            "source": None,
            "as_of": "2025-06-30",
        }
    )
    assert seg.stage is Stage.UPSTREAM and seg.as_of == dt.date(2025, 6, 30)
    key = ApiKey.from_stored(stored(ApiKey(key_id="k", role="viewer", hash="x" * 16, created_at=NOW)))
    assert key.created_at == NOW and key.created_at.tzinfo is not None


def test_a_row_written_before_a_field_existed_gets_its_default() -> None:
    row = stored(Company(company_id="c1", name="示例企业", aliases=("示例",)))
    del row["overseas_chinese"], row["aliases"]  # fields an older release did not write
    back = Company.from_stored(row)
    assert back.overseas_chinese is False and back.aliases == ()
    assert back == Company(company_id="c1", name="示例企业")


def test_the_fast_path_does_not_validate() -> None:
    """The price of speed: a row this library did not write is not checked (so only its own rows come here)."""
    row = stored(Company(company_id="c1", name="示例企业"))
    row["revenue_cny_100m"] = -5.0
    assert Company.from_stored(row).revenue_cny_100m == -5.0
    with pytest.raises(ValidationError):
        Company.model_validate(row)


def test_construct_unchecked_sets_every_field_as_given() -> None:
    values = stored(Company(company_id="c1", name="示例企业"))
    built = construct_unchecked(Company, {**values, "aliases": ()})
    assert built.model_fields_set == set(values) and built.name == "示例企业" and built.key == ("c1",)
