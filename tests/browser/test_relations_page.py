"""The relationship paths and 链主 leads on the one-map page, in a real browser over the seed data.

A planner opens 建材家居, clicks the missing segment 智能家居, opens a candidate's paths in the
drawer (its parent's membership of an illustrative 同乡会 reaches a local firm) and sees the API's
answer hop by hop with its source; then opens 纺织鞋服's 针织 segment and the leads of its local
leading firm. Screenshots: ``artifacts/screenshots/relations-*.png``.
"""

from __future__ import annotations

from typing import Any

from tests.browser.test_page import (  # noqa: F401  (fixtures)
    TEXTILES,
    Server,
    Watch,
    _click_segment,
    _shot,
    _sign_in,
    _wait_until,
    open_page,
    server,
    sync_playwright,
)

HOME = "building-materials-home"
TARGET = "x-bm.smart-home-3"
LEADER = "x-tx.knit-1"


def _open_chain(page: Any, chain_id: str) -> None:
    page.select_option("#chain-select", chain_id)
    _wait_until(page, f"window.__chainMap && window.__chainMap.chainId === '{chain_id}'")


def test_candidate_paths_and_leader_leads_in_the_drawer(server: Server, sync_playwright: Any) -> None:  # noqa: F811
    paths = server.api(f"/companies/{TARGET}/paths")
    leads = server.api(f"/leads?leader={LEADER}&limit=10")
    assert paths["paths"] and leads["data"]
    with sync_playwright() as pw, open_page(pw, server) as (page, watch):
        _open_chain(page, HOME)
        _click_segment(page, "bm.smart-home")
        card = page.locator(f"#drawer .cand[data-company='{TARGET}']")
        card.wait_for()
        assert "关系路径" in card.locator(".parts").inner_text()  # the score part is shown
        card.get_by_role("button", name="关系路径").click()
        card.locator(".paths .path").first.wait_for()
        shown = card.locator(".path").all_inner_texts()
        assert len(shown) == len(paths["paths"])
        for text, path in zip(shown, paths["paths"], strict=True):
            assert f"（{path['hops']} 跳）" in text
            for step in path["steps"]:
                assert step["text"] in text and f"来源：{step['source']}" in text
        orgs = {s["end"]["name"] for p in paths["paths"] for s in p["steps"] if s["relation"] == "member_of"}
        assert orgs and all(name in card.inner_text() for name in orgs)  # the 同乡会 on the way
        assert not card.inner_text().endswith("null")
        card.locator(".paths").scroll_into_view_if_needed()
        print(_shot(page, "relations-1-paths"))
        card.get_by_role("button", name="关系路径").click()  # a second click closes them
        assert card.locator(".paths").count() == 0

        _open_chain(page, TEXTILES)
        _click_segment(page, "tx.knit")
        firm = page.locator("#drawer li.firm", has_text=leads["data"][0]["leader_name"])
        firm.wait_for()
        firm.get_by_role("button", name="以商招商线索").click()
        firm.locator(".leads .lead").first.wait_for()
        names = firm.locator(".lead .lead-name").all_inner_texts()
        assert len(names) == len(leads["data"])
        short = "async (n) => (await import('/static/dom.js')).shortName(n)"  # the page's own rule
        assert names == [page.evaluate(short, d["name"]) for d in leads["data"]]
        firm.locator(".leads").scroll_into_view_if_needed()
        print(_shot(page, "relations-2-leads"))
        watch.assert_clean()
