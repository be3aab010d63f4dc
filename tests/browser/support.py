"""What the browser tests share: Debian's chromium driven by Playwright, and the rule that a
missing browser skips locally but fails under ``CI=true``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# the flags that keep chromium quiet on a machine with no internet (no background connections)
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1366, "height": 768}


def missing(reason: str) -> None:
    """Skip the test — or, under CI=true, fail it: CI must never skip a browser test silently."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser test fails without it)", pytrace=False)
    pytest.skip(reason)


def playwright_api() -> Any:
    """Playwright's ``sync_playwright``, once chromium and the package are known to be there."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        missing(f"no chromium at {CHROMIUM}: run `bash scripts/install-chromium.sh`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package is not installed: pip install -e '.[dev]'")
    return sync_playwright
