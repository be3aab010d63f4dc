"""The API's hold on its store: it starts without one, fails fast while the store is down, and
reconnects by itself.

A Neo4j outage must not stall the API (issue 10): every request that waits on a dead server
holds a worker thread, and the requests behind them wait for a thread. The gate holds the
process's one store behind a breaker. A call that raises :class:`StoreUnavailable` opens it for
:data:`RETRY_AFTER` seconds, in which every call fails at once, without touching the driver;
after that, one call at a time goes through as a trial, and its answer closes the breaker. A
store that could not be opened (Neo4j down when the API started) is opened on a request after
the cooldown, in a thread of the gate's own, so the API serves again without a restart once the
server is back. Readiness probes run in that thread pool too: they never queue behind data
requests, and a store that does not answer within :data:`WAIT` is reported as not ready.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from chain_graph.errors import StoreUnavailable
from chain_graph.models import Kind
from chain_graph.store import Store

__all__ = ["RETRY_AFTER", "WAIT", "StoreGate"]

log = logging.getLogger("chain_graph.api")

RETRY_AFTER = 1  # seconds: how long the breaker stays open, and the Retry-After of a 503
WAIT = 1.5  # seconds a request waits for the store to be opened, and a readiness probe for an answer
T = TypeVar("T")


class StoreGate:
    """The process's store, opened by ``opener`` (or handed in, then never reopened or closed)."""

    def __init__(
        self,
        opener: Callable[[], Store] | None = None,
        store: Store | None = None,
        *,
        cooldown: float = RETRY_AFTER,
    ) -> None:
        if opener is None and store is None:
            raise ValueError("a StoreGate needs an opener or a store")
        self._opener = opener
        self._owned = store is None
        self._cooldown = cooldown
        self._lock = threading.Lock()
        self._store: _Guarded | None = _Guarded(self, store) if store is not None else None
        self._down_until = 0.0  # time.monotonic() before which calls fail at once; 0: closed
        self._trial = False  # a call is testing whether the store answers again
        self._reason = "the store does not answer"
        self._opening: Future[None] | None = None
        self._closed = False
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="store-gate")

    # -- what the routes use ------------------------------------------------------------------

    async def store(self) -> Store:
        """The store, or StoreUnavailable: at once while it is known to be down, within
        :data:`WAIT` while it is being opened."""
        if self._store is None:
            await self._await_opening(WAIT)
        self._fail_fast_if_down()
        assert self._store is not None
        return self._store  # type: ignore[return-value]

    async def ready(self) -> dict[str, object]:
        """What ``/readyz`` answers, or StoreUnavailable, within about :data:`WAIT` seconds."""
        started = time.monotonic()
        store = await self.store()
        left = max(0.1, WAIT - (time.monotonic() - started))
        probe = asyncio.get_running_loop().run_in_executor(self._pool, _probe, store)
        try:
            return await asyncio.wait_for(probe, left)
        except TimeoutError as e:
            raise StoreUnavailable(f"the store did not answer within {WAIT} s") from e
        except StoreUnavailable:
            raise
        except Exception as e:  # whatever broke, the store is not ready; the details go to the log
            log.warning("readiness check failed: %r", e)
            raise StoreUnavailable("the store does not answer") from e

    async def open_at_start(self) -> None:
        """Open the store now; if it is down, log why and leave it to the first requests."""
        if self._store is not None:
            return
        try:
            await self._await_opening(None)  # bounded by the driver's timeouts
        except StoreUnavailable as e:
            log.error("starting without the store, answering 503 until it opens: %s", e.message)

    def close(self) -> None:
        """Close the store if the gate opened it (after an opening under way ends: ~1 s at most)."""
        with self._lock:
            self._closed = True
            opening = self._opening
        if opening is not None:
            opening.result()  # an opening that ends after this closes its store itself
        with self._lock:
            store, self._store = self._store, None
        if store is not None and self._owned:
            store.close()
        self._pool.shutdown(wait=False, cancel_futures=True)

    # -- the breaker ----------------------------------------------------------------------------

    def call(self, method: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one store method through the breaker (in the caller's thread)."""
        trial = self._enter()
        answered = False
        try:
            result = method(*args, **kwargs)
            answered = True
            return result
        except StoreUnavailable as e:
            self._trip(e.message)
            raise
        except Exception:
            answered = True  # the store answered; the error is about the request
            raise
        finally:
            if trial:
                self._end_trial(answered)

    def _fail_fast_if_down(self) -> None:
        with self._lock:
            if self._down_until and (self._trial or time.monotonic() < self._down_until):
                raise StoreUnavailable(self._reason)

    def _enter(self) -> bool:
        """True when this call is the trial; StoreUnavailable when the breaker holds it back."""
        with self._lock:
            if not self._down_until:
                return False
            if self._trial or time.monotonic() < self._down_until:
                raise StoreUnavailable(self._reason)
            self._trial = True
            return True

    def _trip(self, reason: str) -> None:
        with self._lock:
            was_up = not self._down_until
            self._down_until = time.monotonic() + self._cooldown
            self._reason = reason
        if was_up:
            log.warning("store unavailable, failing fast for %s s at a time: %s", self._cooldown, reason)

    def _end_trial(self, answered: bool) -> None:
        with self._lock:
            self._trial = False
            if answered:
                self._down_until = 0.0
        if answered:
            log.warning("the store answers again")

    # -- opening --------------------------------------------------------------------------------

    async def _await_opening(self, timeout: float | None) -> None:
        """Wait (at most ``timeout`` s) for an opening of the store, starting one if it is due."""
        with self._lock:
            if self._store is not None:
                return
            if self._closed:
                raise StoreUnavailable("the API is shutting down")
            if self._opening is None:
                if time.monotonic() < self._down_until:
                    raise StoreUnavailable(self._reason)
                self._opening = self._pool.submit(self._open)
            opening = self._opening
        try:
            await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(opening)), timeout)
        except TimeoutError as e:
            raise StoreUnavailable("the store is being opened; it did not answer yet") from e
        if self._store is None:
            raise StoreUnavailable(self._reason)

    def _open(self) -> None:
        assert self._opener is not None
        try:
            store = self._opener()
        except Exception as e:  # whatever the opener raised, the API keeps running without a store
            reason = e.message if isinstance(e, StoreUnavailable) else "the store could not be opened"
            if not isinstance(e, StoreUnavailable):
                log.error("opening the store failed", exc_info=e)
            with self._lock:
                self._opening = None
            self._trip(reason)
            return
        with self._lock:
            self._opening = None
            if not self._closed:
                self._store = _Guarded(self, store)
                self._down_until = 0.0
                log.warning("the store is open (%s)", store.backend)
                return
        store.close()


def _probe(store: Store) -> dict[str, object]:
    store.count(Kind.CHAIN)
    return {"status": "ready", "store": store.backend, "revision": store.revision()}


class _Guarded:
    """A store whose every method call goes through the gate's breaker."""

    def __init__(self, gate: StoreGate, store: Store) -> None:
        self._gate = gate
        self._inner = store

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if not callable(value) or name == "close":
            return value

        @functools.wraps(value)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            return self._gate.call(value, *args, **kwargs)

        return guarded
