"""Progress on stderr for the command line: a tqdm bar, with a total, a percentage and an ETA where the
size of the work is known in advance, and only on a terminal unless asked for."""

from __future__ import annotations

import sys

from tqdm import tqdm


class _Bar(tqdm):
    """tqdm without its monitor thread (it only corrects bars that update rarely), so that the batch
    runner may still fork its workers: a process with other threads does not fork them."""

    monitor_interval = 0


class Progress:
    """A progress bar of `total` units (None: unknown, the bar counts and gives a rate). enabled None
    means: when stderr is a terminal. unit "B" shows bytes scaled (kB, MB). Use as a context manager or
    call close()."""

    def __init__(self, total: int | None = None, *, unit: str = "page", enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.in_step = False
        self.bar = _Bar(
            total=total,
            unit=unit,
            unit_scale=unit == "B",
            disable=not self.enabled,
            file=sys.stderr,
            dynamic_ncols=True,
            mininterval=0.5,
            leave=True,
        )

    def advance(self, n: int = 1, **status) -> None:
        """n more units done; status (pages=, errors=) shown after the bar."""
        if not self.enabled:
            return
        if status:
            self.bar.set_postfix(status, refresh=False)
        self.bar.update(n)

    def step(self, name: str) -> None:
        """Start a named step of a job counted in steps (train): the previous one is done."""
        if not self.enabled:
            return
        if self.in_step:
            self.bar.update(1)
        self.in_step = True
        self.bar.set_description(name)

    def detail(self, text: str) -> None:
        """Where the current step is (shown after the bar, with the elapsed time)."""
        if self.enabled:
            self.bar.set_postfix_str(text)

    def close(self) -> None:
        if self.enabled and self.in_step:
            self.bar.update(1)
            self.in_step = False
        self.bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
