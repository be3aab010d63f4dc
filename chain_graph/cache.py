"""A small LRU of computed results, valid for one revision of the store.

Analysis results (gap reports, candidate lists, graphs, summaries) depend only on the data,
so they are kept per ``(what, arguments, store.revision())``: a write anywhere changes the
revision, and the next request computes afresh. When the store cannot tell its revision
(Neo4j: ``revision()`` is None), nothing is cached and every request computes.

>>> cache = RevisionCache(size=2)
>>> cache.get_or_compute(("gaps", "tex"), 7, lambda: "report")
'report'
>>> cache.get_or_compute(("gaps", "tex"), 7, lambda: "recomputed")
'report'
>>> cache.get_or_compute(("gaps", "tex"), 8, lambda: "recomputed")
'recomputed'
>>> cache.get_or_compute(("gaps", "tex"), None, lambda: "uncached")
'uncached'
>>> len(cache)  # the entry of revision 7 was dropped when revision 8 came
1
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["RevisionCache"]

T = TypeVar("T")


class RevisionCache:
    """LRU of ``size`` entries keyed by ``(key, revision)``; thread-safe."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[Hashable, int], Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self._latest: int | None = None

    def get_or_compute(self, key: Hashable, revision: int | None, compute: Callable[[], T]) -> T:
        if revision is None:
            return compute()
        entry = (key, revision)
        with self._lock:
            if entry in self._entries:
                self._entries.move_to_end(entry)
                self.hits += 1
                return self._entries[entry]  # type: ignore[no-any-return]
        value = compute()  # outside the lock: two requests may compute the same thing once each
        with self._lock:
            self.misses += 1
            if self._latest is None or revision > self._latest:
                self._forget_before(revision)
            self._entries[entry] = value
            self._entries.move_to_end(entry)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def _forget_before(self, revision: int) -> None:
        """Drop the entries of older revisions: the revision only grows, so they cannot hit again
        (and a large chain subgraph should not linger in memory once the data moved on)."""
        self._latest = revision
        for entry in [e for e in self._entries if e[1] < revision]:
            del self._entries[entry]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
