"""Progress bars (tqdm) for the CLI's long commands: on a terminal only, never with ``--json``.

:func:`progress_for` gives a command the :data:`~chain_graph.progress.Progress` callback to
hand to the library, or None when nothing should be drawn: under ``--json``, or when stdout
or stderr is not a terminal (a pipe, a file, a CI log). Bars go to stderr, one per phase,
and only once a phase has run for :data:`DELAY` seconds, so quick commands stay silent;
they are erased when the phase ends, leaving the command's own output alone.
``CHAIN_GRAPH_PROGRESS_DELAY`` (seconds) changes the delay.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from chain_graph.progress import Progress

__all__ = ["DELAY", "TerminalProgress", "progress_for", "with_progress"]

DELAY = 1.0


class TerminalProgress:
    """A :data:`Progress` callback drawing one tqdm bar per phase on stderr.

    A ticker thread redraws the bar twice a second, so a phase that is one long call (a
    store's write) shows its elapsed time too. :meth:`finish` stops it.
    """

    def __init__(self, *, delay: float = DELAY, tick: float = 0.5) -> None:
        self._delay = delay
        self._tick = tick
        self._bar: Any = None
        self._phase: str | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        from tqdm import tqdm

        with self._lock:
            if phase != self._phase:
                self._close()
                self._phase = phase
                one_step = total == 1  # shows its elapsed time only
                size = shutil.get_terminal_size((80, 24))  # a fresh pseudo-terminal reports 0 x 0
                self._bar = tqdm(desc=phase, total=total, unit="" if one_step else " records",
                                 delay=self._delay, leave=False, file=sys.stderr,
                                 ncols=size.columns, nrows=size.lines,
                                 bar_format="{desc}: {elapsed}" if one_step else None)  # fmt: skip
            self._bar.update(done - self._bar.n)
        if self._ticker is None:
            self._ticker = threading.Thread(target=self._redraw, name="progress", daemon=True)
            self._ticker.start()

    def finish(self) -> None:
        """Stop redrawing and erase the last bar."""
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        with self._lock:
            self._close()

    def _redraw(self) -> None:
        while not self._stop.wait(self._tick):
            with self._lock:
                if self._bar is not None:
                    self._bar.update(0)  # redraws once the delay has passed

    def _close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        self._bar = None
        self._phase = None


def wanted(args: argparse.Namespace) -> bool:
    """Bars only for a person at a terminal: not under ``--json``, not into a pipe or a file."""
    return not getattr(args, "json", False) and sys.stdout.isatty() and sys.stderr.isatty()


@contextmanager
def progress_for(args: argparse.Namespace) -> Iterator[Progress | None]:
    """The callback to pass to the library for this command (None: draw nothing)."""
    if not wanted(args):
        yield None
        return
    bars = TerminalProgress(delay=_delay())
    try:
        yield bars
    finally:
        bars.finish()


def with_progress(phase: str, handler: Callable[..., int]) -> Callable[..., int]:
    """Show ``handler`` (whose library call takes no callback) as one phase, e.g. an export."""

    @functools.wraps(handler)
    def run(*args: Any) -> int:
        with progress_for(args[-1]) as progress:
            if progress is not None:
                progress(phase, 0, 1)
            return handler(*args)

    return run


def _delay() -> float:
    try:
        return max(0.0, float(os.environ.get("CHAIN_GRAPH_PROGRESS_DELAY", DELAY)))
    except ValueError:
        return DELAY
