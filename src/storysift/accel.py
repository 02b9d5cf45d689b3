"""Which implementation runs: the compiled accelerator (`storysift._speedups`) or the pure-Python reference.

The compiled code is optional: the package works without it. `STORYSIFT_PURE_PYTHON=1` forces the reference
code even when the extension is there (read at every call, so a test or a process can switch).
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
from types import ModuleType

log = logging.getLogger(__name__)


# The two extensions: `_speedups` (trees, hashing, cue words) and `_segment_core` (the walk over lxml's
# tree, built against lxml's C headers and imported apart, so that an lxml it does not fit costs only the walk).
SPEEDUPS, SEGMENT_CORE = "_speedups", "_segment_core"


@functools.lru_cache(maxsize=2)
def _imported(name: str) -> tuple[ModuleType | None, str]:
    """An extension module of this package, or None and why it could not be imported (tried once per
    process per module)."""
    try:
        module = importlib.import_module(f".{name}", __package__)
    except Exception as exc:  # ImportError, or lxml's binary layout changed (ValueError from Cython's check)
        log.debug("storysift.%s is not available (%s); running its pure-Python reference", name, exc)
        return None, f"not built: {exc}"
    return module, "compiled"


def forced_pure() -> bool:
    """True when STORYSIFT_PURE_PYTHON asks for the reference code."""
    return os.environ.get("STORYSIFT_PURE_PYTHON", "") not in ("", "0")


def speedups() -> ModuleType | None:
    """The compiled module when it is there and not switched off, else None."""
    if forced_pure():
        return None
    return _imported(SPEEDUPS)[0]


def segmenter() -> ModuleType | None:
    """The compiled segmentation walk when it is there and not switched off, else None."""
    if forced_pure():
        return None
    return _imported(SEGMENT_CORE)[0]


def status() -> str:
    """One phrase for --version and debug lines: which implementation runs, and why."""
    if forced_pure():
        return "pure Python (STORYSIFT_PURE_PYTHON=1)"
    module, why = _imported(SPEEDUPS)
    if module is None:
        return f"pure Python (compiled core {why})"
    walk, why = _imported(SEGMENT_CORE)
    return "compiled core" if walk is not None else f"compiled core, segmentation in Python ({why})"
