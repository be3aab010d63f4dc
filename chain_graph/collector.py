"""Pausing Python's cyclic garbage collector while a report is computed, safely across threads.

A gap report at city scale builds tens of thousands of short-lived small objects (rows, facts,
the report's records), none of them in a reference cycle. The cyclic collector runs as they pile
up and, since they live as long as the report, promotes them and soon walks every object of the
process: a fifth of a cold report's CPU (benchmarks/RESULTS.md, Scale, Sixth round). Reference
counting still frees everything as usual while the collector is paused, and the collector runs
again when the last pause ends, if it was running when the first began.

>>> import gc
>>> with paused_collection():
...     with paused_collection():
...         gc.isenabled()
...     gc.isenabled()
False
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["paused_collection"]

_lock = threading.Lock()
_state = {"depth": 0, "resume": False}  # pauses under way; whether the first found it running


@contextlib.contextmanager
def paused_collection() -> Iterator[None]:
    """Pause the cyclic collector for the block; pauses nest and overlap across threads, and the
    collector resumes when the last of them ends (only if it was running when the first began)."""
    with _lock:
        if _state["depth"] == 0:
            _state["resume"] = gc.isenabled()
            gc.disable()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["depth"] -= 1
            if _state["depth"] == 0 and _state["resume"]:
                gc.enable()
