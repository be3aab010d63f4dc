"""The events tab (招商活动) in a real browser, over the seed data: create an event, open its target
list, invite two firms, take one through confirmed and attended to a signing at the event, and see
the plan that signing made on the board; the report and the KPI tab show the event. The create,
invite and move buttons are double-clicked, as an impatient planner does: each acts once (one event,
no second invitation or stale move refused with 409). Every request stays on 127.0.0.1 and the
console stays clean. Screenshots: ``artifacts/screenshots/
one-map-events-*.png`` (``-loading``: the detail dimmed while it reloads)."""

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
            refused: list[str] = []  # every answer >= 400 (Watch lets a 409 on /moves pass: the page test provokes one)
            page.on("response", lambda r: refused.append(f"{r.status} {r.url}") if r.status >= 400 else None)
            page.click("#tab-events")
            page.wait_for_selector(".event-item")  # the seed's illustrative events
            assert page.locator(".event-item").count() >= 7

            page.fill("#event-name", "粤港澳大湾区专场招商推介会（浏览器测试）")
            page.fill("#event-day", "2026-05-20")
            page.locator("#event-focus input[value='粤港澳大湾区']").check()
            page.dblclick("#event-submit")
            page.wait_for_selector("#event-title:has-text('浏览器测试')")
            page.wait_for_selector("#target-table tbody tr")
            _wait_until(page, "!document.querySelector('#event-submit').disabled")
            _settled(page)
            targets = [r for r in server.api("/events?limit=500")["data"] if "浏览器测试" in r["name"]]
            assert len(targets) == 1, targets  # a double click creates one event
            event_id = targets[0]["event_id"]
            expected = server.api(f"/events/{event_id}/targets?limit=500")
            rows = page.locator("#target-table tbody tr")
            assert rows.count() == expected["count"] >= 5
            assert page.locator("#target-count").inner_text().startswith(f"共 {expected['count']} 家")
            page.locator("#event-title").scroll_into_view_if_needed()
            _shot(page, "events-targets")

            first, second = (t["company_id"] for t in expected["data"][:2])
            for firm in (first, second):
                page.locator(f"#target-table tr[data-company='{firm}'] button.invite").dblclick()
                page.wait_for_selector(f"#invitation-table tr[data-invitation='{firm}']")
            row = f"#invitation-table tr[data-invitation='{first}']"
            for status in ("confirmed", "attended"):
                page.locator(f"{row} button[data-move='{status}']").dblclick()
                page.wait_for_selector(f"{row}[data-status='{status}']")
            page.locator(f"{row} .sign-amount").fill("12.5")
            page.locator(f"{row} button[data-move='signed_at_event']").click()

            page.wait_for_selector("#view-board:not([hidden])")
            plans = server.api(f"/plans?company_id={first}")["data"]
            assert len(plans) == 1 and plans[0]["status"] == "signed_framework"
            page.wait_for_selector(f".col-signed_framework .plan-card[data-plan='{plans[0]['plan_id']}']")
            _shot(page, "events-board")

            # Back on the tab, the detail shows the last drawing until the reload answers (a test reading
            # it then read an element the reload replaced): marked busy, it takes no clicks meanwhile.
            held: list[Any] = []
            page.route(f"**/events/{event_id}/report", lambda route: held.append(route))
            page.click("#tab-events")
            _wait_until(page, "document.querySelector('#event-detail').getAttribute('aria-busy') === 'true'")
            while not held:
                page.wait_for_timeout(50)
            assert page.evaluate("getComputedStyle(document.querySelector('#event-detail')).pointerEvents") == "none"
            _shot(page, "events-loading")
            page.unroute(f"**/events/{event_id}/report")
            for route in held:
                route.continue_()
            _settled(page)
            page.locator(f".event-item[data-event='{event_id}']").click()
            _settled(page)
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
            assert not refused, refused
        finally:
            browser.close()


def _settled(page: Any) -> None:
    """Wait until the events tab has drawn its last answer (nothing loading: no aria-busy)."""
    page.wait_for_selector("#event-detail:not([aria-busy])")
