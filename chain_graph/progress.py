"""Progress of long work (imports, copies, dumps, restores), reported through a callback.

The library draws nothing: a long function takes ``progress``, a :data:`Progress`
callback, and calls it as it goes with the phase it is in, how much of it is done and,
when known, the total. The CLI passes one that draws bars on a terminal
(:mod:`chain_graph.cli.progress`); everything else passes nothing and pays nothing.

A phase that is one call into a store (a write) reports ``done=0`` when it starts and
``done=total=1`` when it ends; a loop reports every :data:`EVERY` items and at its end.

Examples
--------
>>> seen = []
>>> def progress(phase, done, total):
...     seen.append((phase, done, total))
>>> sum(ticks(range(2500), progress, "read rows", total=2500))
3123750
>>> seen
[('read rows', 0, 2500), ('read rows', 1000, 2500), ('read rows', 2000, 2500), ('read rows', 2500, 2500)]
>>> with step(progress, "write"):
...     pass
>>> seen[-2:]
[('write', 0, 1), ('write', 1, 1)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["EVERY", "Progress", "step", "ticks"]

Progress = Callable[[str, int, int | None], None]  # (phase, done so far, total or None)
EVERY = 1000  # items between two calls of a loop's callback

T = TypeVar("T")


def ticks(
    items: Iterable[T], progress: Progress | None, phase: str, *, total: int | None = None, start: int = 0
) -> Iterator[T]:
    """Yield ``items``, telling ``progress`` every :data:`EVERY` items (and at the start and end)."""
    if progress is None:
        yield from items
        return
    done = start
    progress(phase, done, total)
    for item in items:
        yield item
        done += 1
        if done % EVERY == 0:
            progress(phase, done, total)
    if done % EVERY:
        progress(phase, done, total)


@contextmanager
def step(progress: Progress | None, phase: str) -> Iterator[None]:
    """One indivisible phase (a store write): reported when it starts and when it ends."""
    if progress is not None:
        progress(phase, 0, 1)
    yield
    if progress is not None:
        progress(phase, 1, 1)
