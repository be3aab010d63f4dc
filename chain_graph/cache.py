"""A small LRU of computed results, keyed by what they read, computed once per key at a time.

Analysis results (facts, gap reports, candidate lists, graphs, summaries) depend only on the
data they read, so each is kept under a key that names it and the revisions it depends on
(a chain's own revision, the plans' revision, …; see :mod:`chain_graph.services.gap_reports`):
a write changes only the revisions of what it touched, and only the entries that read those
are computed again. While one request computes a key, the others asking for the same key wait
for its answer (single flight) instead of computing it again.

>>> cache = RevisionCache(size=2)
>>> cache.get_or_compute(("gaps", "tex"), 7, lambda: "report")
'report'
>>> cache.get_or_compute(("gaps", "tex"), 7, lambda: "recomputed")
'report'
>>> cache.get_or_compute(("gaps", "tex"), 8, lambda: "recomputed")
'recomputed'
>>> cache.get_or_compute(("gaps", "tex"), None, lambda: "uncached")
'uncached'
>>> cache.computed["gaps"], cache.hits
(3, 1)
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["RevisionCache"]

T = TypeVar("T")


class _Flight:
    """One computation under way; the others asking for its key wait on it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None


class RevisionCache:
    """LRU of ``size`` entries keyed by ``(key, revision)``; thread-safe, one computation per key."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[Hashable, Hashable], Any] = OrderedDict()
        self._flights: dict[tuple[Hashable, Hashable], _Flight] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.computed: Counter[str] = Counter()  # computations per kind of key (its first part)

    def get_or_compute(self, key: Hashable, revision: Hashable | None, compute: Callable[[], T]) -> T:
        """The cached value of ``(key, revision)``, or compute it (once, whoever else asks meanwhile).

        ``revision`` None means "cannot tell": computed every time, never kept.
        """
        if revision is None:
            self._count(key)
            return compute()
        entry = (key, revision)
        with self._lock:
            if entry in self._entries:
                self._entries.move_to_end(entry)
                self.hits += 1
                return self._entries[entry]  # type: ignore[no-any-return]
            flight = self._flights.get(entry)
            leader = flight is None
            if flight is None:
                flight = self._flights[entry] = _Flight()
        if not leader:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            with self._lock:
                self.hits += 1
            return flight.value  # type: ignore[no-any-return]
        try:
            self._count(key)
            value = compute()
        except BaseException as e:
            flight.error = e
            with self._lock:
                del self._flights[entry]
            flight.done.set()
            raise
        flight.value = value
        with self._lock:
            self.misses += 1
            self._entries[entry] = value
            self._entries.move_to_end(entry)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
            del self._flights[entry]
        flight.done.set()
        return value

    def holds(self, key: Hashable, revision: Hashable | None) -> bool:
        """Whether ``(key, revision)`` is cached or being computed (asking for it would not compute it).

        >>> cache = RevisionCache()
        >>> _ = cache.get_or_compute(("scope",), 1, lambda: "home")
        >>> cache.holds(("scope",), 1), cache.holds(("scope",), 2), cache.holds(("plans",), 1)
        (True, False, False)
        """
        with self._lock:
            return (key, revision) in self._entries or (key, revision) in self._flights

    def _count(self, key: Hashable) -> None:
        kind = key[0] if isinstance(key, tuple) and key else key
        with self._lock:
            self.computed[str(kind)] += 1

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
