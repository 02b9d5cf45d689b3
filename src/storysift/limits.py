"""Per-page limits: a wall-clock time limit around the work on one page."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

from .errors import PageTimeout


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise PageTimeout in the block after `seconds` (None or 0: no limit). The limit needs SIGALRM, so it
    holds in a Unix process's main thread; elsewhere the block runs unlimited."""
    usable = (
        bool(seconds)
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise PageTimeout(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
