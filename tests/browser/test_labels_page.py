"""The page's words for stored values come from ``GET /labels`` (chain_graph.labels), nowhere else.

Two checks: the page's own files hold none of those words (a label table copied into a script or
into index.html is found by its words), and in a real browser the page shows what ``/labels``
serves — the test serves changed words and finds them on the board, the legend and the forms.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from chain_graph.labels import LABELS, as_json
from tests.browser.support import ROOT
from tests.browser.test_page import TEXTILES, Server, _shot, _wait_until, open_page, server, sync_playwright

__all__ = ["server", "sync_playwright"]  # the module's fixtures, shared with test_page

STATIC = ROOT / "api" / "static"
# a run of Chinese text as the page would write a label: ideographs, digits and "/" (世界500强, 上市/挂牌)
RUN = re.compile(r"[\u3400-\u9fff0-9/]+")


def _code(path: Path) -> str:
    """The file without its comments (a comment may name a word; only code shows one)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"(^|[^:\\])//[^\n]*", r"\1", text)


def label_words_in(code: str) -> set[str]:
    """The Chinese words of chain_graph.labels that ``code`` writes out itself."""
    runs = set(RUN.findall(code))
    found = set()
    for values in LABELS.values():
        for lab in values.values():
            whole_run = RUN.fullmatch(lab.zh) is not None
            if (lab.zh in runs) if whole_run else (lab.zh in code):
                found.add(lab.zh)
    return found


def test_the_check_finds_a_copied_label_table() -> None:
    copied = 'const STATUS = { missing: "缺链", weak: "弱链" };\nconst L = { a: "上市/挂牌", b: "低效用地（待清理）" };'
    assert label_words_in(copied) == {"缺链", "弱链", "上市/挂牌", "低效用地（待清理）"}
    # a longer phrase that only contains a label word is the page's own text, and a comment is no code
    assert label_words_in(_strip('el("h3", {}, "签约项目开工率"); // 缺链')) == set()


def _strip(code: str) -> str:
    return re.sub(r"(^|[^:\\])//[^\n]*", r"\1", code)


# common words of the page's own controls that happen to be labels of stored values too
OWN_WORDS = {
    ("index.html", "取消"): "the plan dialog's Cancel button (not an expansion cancelled)",
    ("index.html", "退出"): "the log-out button (not a listing withdrawn)",
}


@pytest.mark.parametrize("path", sorted([*STATIC.glob("*.js"), STATIC / "index.html"]), ids=lambda p: p.name)
def test_the_page_writes_no_label_of_its_own(path: Path) -> None:
    copied = {word for word in label_words_in(_code(path)) if (path.name, word) not in OWN_WORDS}
    assert copied == set(), f"{path.name} copies words of chain_graph.labels: take them from GET /labels"


# -- in the browser: the words on the page are those /labels serves ----------------------------------


def _changed_labels() -> dict[str, dict[str, dict[str, str]]]:
    """chain_graph.labels with a few words changed, so that only the page reading /labels can show them."""
    table = as_json()
    table["plan_status"]["identified"]["zh"] = "测试：待接触"
    table["gap_status"]["missing"]["zh"] = "测试：缺环"
    table["project_kind"]["regional_hq"]["zh"] = "测试：地区总部"
    table["stage"]["upstream"]["zh"] = "测试：源头"
    return table


def test_the_page_shows_the_words_labels_serves(server: Server, sync_playwright: Any) -> None:
    changed = _changed_labels()
    served = []

    def serve_changed(route: Any) -> None:
        served.append(route.request.url)
        route.fulfill(status=200, content_type="application/json", body=json.dumps(changed, ensure_ascii=False))

    routes = [(f"{server.base}/labels", serve_changed)]
    with (
        sync_playwright() as pw,
        open_page(pw, server, "viewer", path=f"/?chain={TEXTILES}", routes=routes) as (
            page,
            watch,
        ),
    ):
        _wait_until(page, f"window.__chainMap && window.__chainMap.chainId === '{TEXTILES}'")
        assert len(served) == 1, "the labels are loaded once"

        # the legend, the status counts, the segment index, the plan form's choices
        assert "测试：缺环（无本地企业）" in page.inner_text(".legend")
        assert "测试：缺环" in page.inner_text("#status-counts")
        assert "测试：源头" in (page.text_content("#segment-index") or "")  # inside a closed <details>
        kinds = page.locator("#plan-kind option").all_inner_texts()
        assert "测试：地区总部" in kinds and len(kinds) == len(LABELS["project_kind"])

        # the board's columns: each status's words, in the labels' order
        page.click("#tab-board")
        page.wait_for_selector(".board-col")
        heads = page.locator(".board-col .col-title").all_inner_texts()
        assert heads == [changed["plan_status"][s]["zh"] for s in LABELS["plan_status"]]
        _shot(page, "labels-board")
        watch.assert_clean()


def test_the_board_columns_are_the_labels_source(server: Server, sync_playwright: Any) -> None:
    """Unchanged /labels: the board says what chain_graph.labels says (已接洽, not 已接触)."""
    with sync_playwright() as pw, open_page(pw, server, "viewer", path=f"/?chain={TEXTILES}") as (page, watch):
        page.click("#tab-board")
        page.wait_for_selector(".board-col")
        heads = page.locator(".board-col .col-title").all_inner_texts()
        assert heads == [lab.zh for lab in LABELS["plan_status"].values()]
        assert "已接洽" in heads
        watch.assert_clean()
