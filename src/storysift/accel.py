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


@functools.lru_cache(maxsize=1)
def _imported_segmenter() -> tuple[ModuleType | None, str]:
    """The compiled walk over lxml's tree, or None and why not. It is built against lxml's C headers and
    imported apart from the rest, so that an lxml it does not fit costs only the walk."""
    try:
        from . import _segment_core
    except Exception as exc:  # ImportError, or lxml's binary layout changed (ValueError from Cython's check)
        log.debug("storysift's compiled segmentation is not available (%s); walking in Python", exc)
        return None, f"not built: {exc}"
    return _segment_core, "compiled"


def forced_pure() -> bool:
    """True when STORYSIFT_PURE_PYTHON asks for the reference code."""
    return os.environ.get("STORYSIFT_PURE_PYTHON", "") not in ("", "0")


def speedups() -> ModuleType | None:
    """The compiled module when it is there and not switched off, else None."""
    if forced_pure():
        return None
    return _imported()[0]


def segmenter() -> ModuleType | None:
    """The compiled segmentation walk when it is there and not switched off, else None."""
    if forced_pure():
        return None
    return _imported_segmenter()[0]


def status() -> str:
    """One phrase for --version and debug lines: which implementation runs, and why."""
    if forced_pure():
        return "pure Python (STORYSIFT_PURE_PYTHON=1)"
    module, why = _imported()
    if module is None:
        return f"pure Python (compiled core {why})"
    walk, why = _imported_segmenter()
    return "compiled core" if walk is not None else f"compiled core, segmentation in Python ({why})"
