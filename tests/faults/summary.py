"""The fault suite's summary: one line per group — tried, held, failed — at the end of a run.

A group is a test module's ``GROUP`` (``"bad input"``, ``"races"``, …), or its file name.
``conftest.py`` imports the hooks below, so they run whenever ``tests/faults`` is collected;
a skipped test counts as neither tried nor held (and a group where everything skipped says so).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pytest

__all__ = ["pytest_runtest_logreport", "pytest_terminal_summary"]

_COUNTS: defaultdict[str, Counter[str]] = defaultdict(Counter)
_GROUPS: dict[str, str] = {}  # module file → group


def _group(item: pytest.Item) -> str:
    module = getattr(item, "module", None)
    name = item.nodeid.split("::")[0]
    return str(getattr(module, "GROUP", name.rsplit("/", 1)[-1].removeprefix("test_").removesuffix(".py")))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/faults/" in item.nodeid:
            _GROUPS[item.nodeid] = _group(item)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    group = _GROUPS.get(report.nodeid)
    if group is None:
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        if report.skipped:
            _COUNTS[group]["skipped"] += 1
        else:
            _COUNTS[group]["tried"] += 1
            _COUNTS[group]["held" if report.passed else "failed"] += 1
    elif report.when == "teardown" and report.failed:
        _COUNTS[group]["failed"] += 1  # a case that held but left a mess behind


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _COUNTS:
        return
    terminalreporter.section("fault suite")
    for group in sorted(_COUNTS):
        c = _COUNTS[group]
        skipped = f", {c['skipped']} skipped" if c["skipped"] else ""
        terminalreporter.write_line(
            f"faults: {group}: tried {c['tried']}, held {c['held']}, failed {c['failed']}{skipped}"
        )
