"""The 企业成长 tab in a real browser (Debian chromium): the chain's growing strong-chain firms, the
expansion projects and pipeline firms as the API lists them, one legal move made from the page and
an illegal one never offered; the growth cards on the KPI tab. Screenshots in artifacts/screenshots."""

from __future__ import annotations

from typing import Any

from tests.browser.test_page import Server, _shot, _wait_until, open_page, server, sync_playwright

__all__ = ["server", "sync_playwright"]  # the module's fixtures, shared
TEXTILES = "textile-apparel-footwear"


def test_growth_tab(server: Server, sync_playwright: Any) -> None:
    growing = server.api(f"/chains/{TEXTILES}/growth")["data"]
    projects = server.api(f"/expansions?chain_id={TEXTILES}&limit=500")["data"]
    planned = next(p for p in projects if p["status"] == "planned")
    assert growing, "the seed has growing firms in the textile chain's strong segments"
    with sync_playwright() as pw, open_page(pw, server) as (page, watch):
        page.select_option("#chain-select", TEXTILES)
        _wait_until(page, f"window.__chainMap && window.__chainMap.chainId === '{TEXTILES}'")
        page.click("#tab-growth")
        page.wait_for_selector("#growth-expansions")

        shown = page.eval_on_selector_all(
            "#growth-growing tr[data-company]", "rows => rows.map(r => r.dataset.company)"
        )
        assert shown == [f["company_id"] for f in growing]
        listed = page.eval_on_selector_all(
            "#growth-expansions tr[data-expansion]", "rs => rs.map(r => r.dataset.expansion)"
        )
        assert listed == [p["expansion_id"] for p in projects]
        row = f"#growth-expansions tr[data-expansion='{planned['expansion_id']}']"
        assert page.inner_text(f"{row} [data-status]") == "谋划中"
        offered = page.eval_on_selector_all(
            f"{row} button[data-move]", "bs => bs.map(b => b.dataset.move.split(':')[2])"
        )
        assert offered == ["approved", "cancelled"]  # never a skip to in_production
        _shot(page, "growth-1-tab")

        page.click(f"{row} button[data-move$=':approved']")
        page.wait_for_selector(f"{row} [data-status='approved']")
        assert server.api(f"/expansions/{planned['expansion_id']}")["status"] == "approved"
        _shot(page, "growth-2-moved")

        page.click("#tab-kpi")
        page.wait_for_selector("#kpi-growth-expansions")
        assert "增资扩产与技改" in page.inner_text("#kpi-growth-expansions")
        assert "后备企业" in page.inner_text("#kpi-growth-listings")
        _shot(page, "growth-3-kpis")
        watch.assert_clean()
