"""Which implementation runs: the compiled accelerator (`storysift._speedups`) or the pure-Python reference.

The compiled code is optional: the package works without it. `STORYSIFT_PURE_PYTHON=1` forces the reference
code even when the extension is there (read at every call, so a test or a process can switch).
"""

from __future__ import annotations

import functools
import logging
import os
from types import ModuleType

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def _imported() -> tuple[ModuleType | None, str]:
    """The extension module, or None and why it could not be imported (tried once per process)."""
    try:
        from . import _speedups
    except ImportError as exc:
        log.debug("storysift's compiled accelerator is not available (%s); running pure Python", exc)
        return None, f"not built: {exc}"
    return _speedups, "compiled"


def forced_pure() -> bool:
    """True when STORYSIFT_PURE_PYTHON asks for the reference code."""
    return os.environ.get("STORYSIFT_PURE_PYTHON", "") not in ("", "0")


def speedups() -> ModuleType | None:
    """The compiled module when it is there and not switched off, else None."""
    if forced_pure():
        return None
    return _imported()[0]


def status() -> str:
    """One phrase for --version and debug lines: which implementation runs, and why."""
    if forced_pure():
        return "pure Python (STORYSIFT_PURE_PYTHON=1)"
    module, why = _imported()
    return "compiled core" if module is not None else f"pure Python (compiled core {why})"
