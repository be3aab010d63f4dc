"""The events tab (招商活动) in a real browser, over the seed data: create an event, open its target
list, invite two firms, take one through confirmed and attended to a signing at the event, and see
the plan that signing made on the board; the report and the KPI tab show the event. Every
request stays on 127.0.0.1 and the console stays clean. Screenshots: ``artifacts/screenshots/
one-map-events-*.png``."""

from __future__ import annotations

from typing import Any

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from tests.browser.test_page import Server, Watch, _shot, _sign_in, _wait_until, server, sync_playwright

__all__ = ["server", "sync_playwright"]  # the fixtures, shared with the page test


def test_create_an_event_invite_two_firms_sign_one_and_see_its_plan(server: Server, sync_playwright: Any) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", service_workers="block")
            page = context.new_page()
            watch = Watch(server.base)
            watch.attach(page)
            page.goto(server.base + "/")
            _sign_in(page, server.keys["admin"])
            page.click("#tab-events")
            page.wait_for_selector(".event-item")  # the seed's illustrative events
            assert page.locator(".event-item").count() >= 7

            page.fill("#event-name", "粤港澳大湾区专场招商推介会（浏览器测试）")
            page.fill("#event-day", "2026-05-20")
            page.locator("#event-focus input[value='粤港澳大湾区']").check()
            page.click("#event-submit")
            page.wait_for_selector("#event-title:has-text('浏览器测试')")
            page.wait_for_selector("#target-table tbody tr")
            targets = [r for r in server.api("/events?limit=500")["data"] if "浏览器测试" in r["name"]]
            event_id = targets[0]["event_id"]
            expected = server.api(f"/events/{event_id}/targets?limit=500")
            rows = page.locator("#target-table tbody tr")
            assert rows.count() == expected["count"] >= 5
            assert page.locator("#target-count").inner_text().startswith(f"共 {expected['count']} 家")
            page.locator("#event-title").scroll_into_view_if_needed()
            _shot(page, "events-targets")

            first, second = (t["company_id"] for t in expected["data"][:2])
            for firm in (first, second):
                page.locator(f"#target-table tr[data-company='{firm}'] button.invite").click()
                page.wait_for_selector(f"#invitation-table tr[data-invitation='{firm}']")
            row = f"#invitation-table tr[data-invitation='{first}']"
            for status in ("confirmed", "attended"):
                page.locator(f"{row} button[data-move='{status}']").click()
                page.wait_for_selector(f"{row}[data-status='{status}']")
            page.locator(f"{row} .sign-amount").fill("12.5")
            page.locator(f"{row} button[data-move='signed_at_event']").click()

            page.wait_for_selector("#view-board:not([hidden])")
            plans = server.api(f"/plans?company_id={first}")["data"]
            assert len(plans) == 1 and plans[0]["status"] == "signed_framework"
            page.wait_for_selector(f".col-signed_framework .plan-card[data-plan='{plans[0]['plan_id']}']")
            _shot(page, "events-board")

            page.click("#tab-events")
            page.locator(f".event-item[data-event='{event_id}']").click()
            page.wait_for_selector(f"#invitation-table tr[data-invitation='{first}'][data-status='signed_at_event']")
            report = page.locator("#event-report").inner_text()
            assert "12.5" in report and server.api(f"/events/{event_id}/report")["signed"] == 1
            statuses = server.api(f"/events/{event_id}/invitations")["data"]
            assert {i["company_id"]: i["status"] for i in statuses} == {first: "signed_at_event", second: "invited"}
            page.locator("#event-title").scroll_into_view_if_needed()
            _shot(page, "events-report")

            page.click("#tab-kpi")
            page.select_option("#kpi-year", "2026")
            page.wait_for_selector("#kpi-events")
            _wait_until(page, "document.querySelector('#kpi-events').innerText.includes('12.5')")
            watch.assert_clean()
        finally:
            browser.close()
