"""The KPI tab's report download (api/static/reports.js) in a real browser: the planner picks
季度通报 / a quarter / PDF, and the browser saves the server's PDF under its Chinese name.

Reuses the app and the watched page of :mod:`tests.browser.test_page` (same seed data, requests
kept on 127.0.0.1, clean console). Screenshot: ``artifacts/screenshots/one-map-7-reports.png``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from tests.browser.test_page import Server, Watch, _shot, _sign_in, server, sync_playwright  # noqa: F401 (fixtures)
from tests.reports.support import pdf_text


def test_kpi_tab_downloads_the_quarterly_report(server: Server, sync_playwright: Any, tmp_path: Path) -> None:  # noqa: F811
    year = dt.date.today().year
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="zh-CN")
        page = context.new_page()
        watch = Watch(server.base)
        watch.attach(page)
        page.goto(server.base + "/")
        _sign_in(page, server.keys["viewer"])
        page.click("#tab-kpi")
        page.wait_for_selector(".kpi-card")
        page.select_option("#report-kind", "quarterly")
        quarters = page.locator("#report-period option").all_inner_texts()
        assert quarters == ["第一季度", "第二季度", "第三季度", "第四季度"]
        page.select_option("#report-period", "2")
        page.select_option("#report-format", "pdf")
        with page.expect_download(timeout=120_000) as info:
            page.click("#report-download-btn")
        download = info.value
        assert download.suggested_filename == f"季度通报-{year}年第二季度.pdf"
        saved = tmp_path / "report.pdf"
        download.save_as(saved)
        assert saved.read_bytes().startswith(b"%PDF")
        assert "季度通报" in pdf_text(saved) and f"{year}年第二季度" in pdf_text(saved)
        page.wait_for_selector(f"#report-status:text('已下载 季度通报-{year}年第二季度.pdf')")
        _shot(page, "7-reports")
        watch.assert_clean()
        assert any("/static/reports.js" in u for u in watch.requests)
        context.close()
        browser.close()
