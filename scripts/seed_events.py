"""The seed bundle's promotion events (issue 12): one of each kind the city's action plan lists.

Every event here is illustrative — its name carries （示例）, its day, host and focus are sample
values, not a published schedule — and its ``source`` says so. ``build_seed_data.py`` calls
:func:`write_events` after the other tables, so the bundle stays deterministic.
"""

from __future__ import annotations

import csv
from pathlib import Path

COLUMNS = ["event_id", "name", "event_kind", "held_on", "host_unit", "focus", "chain_ids", "description", "source",
           "as_of"]  # fmt: skip
SOURCE = "illustrative: sample event of the kind named in issue 12 (action plan); day, host and focus are sample values"
AS_OF = "2026-11-01"
HOST = "泉州市商务局"
# (id, name, kind, day, focus, description)
EVENTS = (
    ("ev-2026-groundbreaking", "招商签约项目集中开工活动（示例）", "groundbreaking", "2026-03-18", "",
     "签约项目集中开工（开工率考核）"),
    ("ev-2026-overseas-chinese", "侨港澳台（在外泉商）专场项目签约（示例）", "signing", "2026-04-16", "侨港澳台",
     "以侨引侨、以商招商：侨资与在外泉商、港澳台企业"),
    ("ev-2026-gba", "粤港澳大湾区专场招商推介会（示例）", "promotion", "2026-05-08", "粤港澳大湾区",
     "广东、香港、澳门企业"),
    ("ev-2026-asean", "东南亚专场招商推介会（示例）", "promotion", "2026-06-10", "东南亚", "东盟十国企业"),
    ("ev-2026-culture-tourism", "文旅专场招商推介会（示例）", "promotion", "2026-07-15", "文旅",
     "世遗泉州文旅项目（文旅产业链）"),
    ("ev-2026-yrd", "长三角方向专场招商推介会（示例）", "promotion", "2026-09-09", "长三角",
     "上海、江苏、浙江、安徽企业"),
    ("ev-2026-top500", "500强企业战略合作专场签约（示例）", "signing", "2026-11-06", "500强", "五个500强榜单上的企业"),
)  # fmt: skip


def rows() -> list[dict[str, str]]:
    return [
        {"event_id": eid, "name": name, "event_kind": kind, "held_on": day, "host_unit": HOST, "focus": focus,
         "chain_ids": "", "description": desc, "source": SOURCE, "as_of": AS_OF}
        for eid, name, kind, day, focus, desc in EVENTS
    ]  # fmt: skip


def write_events(out: Path) -> None:
    """Write ``events.csv`` and add a paragraph on it to the bundle's README."""
    with open(out / "events.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows())
    readme = out / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + README, encoding="utf-8")


README = """
## 招商活动 / Promotion events (`events.csv`)

7 场示例活动，每种行动计划所列活动各一场（招商签约项目集中开工、侨港澳台专场签约、粤港澳/东南亚/文旅/长三角专场推介、
500强战略合作专场签约）。名称带「（示例）」，日期、主办单位与招商方向均为示例值（`source` 以 `illustrative:` 开头）。
7 illustrative events, one of each kind the action plan lists; names end with （示例）, and day, host and focus are
sample values. The 文旅 event searches the gaps of the chains whose `direction` is culture-tourism.
"""
