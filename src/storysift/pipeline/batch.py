"""Batch cleaning: every input record yields exactly one output record, in input order.

A page that fails becomes an error record naming the reason:
`too_large`, `timed_out`, `not_html` (binary or non-HTML content), `undecodable`, `parse_failure`,
`bad_record` (a JSONL line that is not a page), `unreadable` (a file that cannot be read),
`unsupported` (an input kind whose optional extra is not installed), `internal_error` (a bug: please
report it). Work runs in `jobs` processes (joblib), each loading the model once.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import signal
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator, TypeVar

from ..api import Extractor
from ..errors import InputError, InputTooLarge
from ..parse import DEFAULT_MAX_BYTES, decode
from .records import Record

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class BatchOptions:
    """Limits and output choices of a batch run."""

    model: str | None = None
    threshold: float = 0.5
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 30.0
    blocks: bool = False


class PageTimeout(Exception):
    """A page took longer than the time limit."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise PageTimeout in the block after `seconds` (Unix main thread; elsewhere no limit)."""
    usable = seconds and seconds > 0 and hasattr(signal, "setitimer") and \
        threading.current_thread() is threading.main_thread()
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


def _binary(data: bytes) -> bool:
    """Content that is not text: NUL bytes or many control characters in the first 8 KiB (UTF-16 aside)."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (head[1:2] == b"\x00" and head[0:1] == b"<") or \
            (head[0:1] == b"\x00" and head[1:2] == b"<"):
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return b"\x00" in head or controls > 0.05 * len(head)


def error_record(record: Record, kind: str, message: str) -> dict:
    """The output record of a failed input."""
    return {"id": record.id, "url": record.url, "status": "error", "error": kind, "message": message}


def process(extractor: Extractor, record: Record, options: BatchOptions) -> dict:
    """One input record to one output record (never raises)."""
    if record.error:
        return error_record(record, record.error, record.message or record.error)
    content = record.content if record.content is not None else b""
    try:
        if isinstance(content, bytes):
            if len(content) > options.max_bytes:
                return error_record(record, "too_large", f"{len(content)} bytes > limit {options.max_bytes}")
            if _binary(content):
                return error_record(record, "not_html", "binary content")
            text = decode(content)
        else:
            text = content
        if text and text.count("\ufffd") > 0.2 * len(text):
            return error_record(record, "undecodable", "most characters could not be decoded")
        with time_limit(options.timeout):
            blocks = extractor.blocks(text, kind=record.kind)
            if options.blocks:
                extractor.label_blocks(blocks, options.threshold)
                kept = [b for b in blocks if b.label == "story"]
            else:
                kept = extractor.story_blocks(blocks, options.threshold)
    except PageTimeout as exc:
        return error_record(record, "timed_out", str(exc))
    except InputTooLarge as exc:
        return error_record(record, "too_large", str(exc))
    except InputError as exc:
        return error_record(record, "parse_failure", str(exc))
    except RecursionError as exc:
        return error_record(record, "parse_failure", f"document nested too deeply: {exc}")
    except Exception as exc:  # never lose a record: report the bug as an error record
        log.exception("internal error on %s", record.id)
        return error_record(record, "internal_error", f"{type(exc).__name__}: {exc}")
    out = {"id": record.id, "url": record.url, "status": "ok",
           "text": "\n\n".join(b.text for b in kept)}
    if options.blocks:
        out["blocks"] = [b.to_dict() for b in blocks]
    return out


@functools.lru_cache(maxsize=4)
def _worker_extractor(model: str | None, max_bytes: int) -> Extractor:
    """The model of this process, loaded once per process."""
    return Extractor.load(model, max_bytes=max_bytes)


def process_chunk(records: list[Record], options: BatchOptions) -> list[dict]:
    """Process records in a worker process (the model is loaded once per process)."""
    extractor = _worker_extractor(options.model, options.max_bytes)
    return [process(extractor, r, options) for r in records]


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` consecutive items (the last may be shorter), read lazily."""
    chunk: list[T] = []
    for r in items:
        chunk.append(r)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run(records: Iterable[Record], options: BatchOptions, *, jobs: int = 1, chunk_size: int = 32) -> Iterator[dict]:
    """Output records for input records, in input order, streaming (bounded memory)."""
    if jobs == 1:
        for chunk in chunked(records, chunk_size):
            yield from process_chunk(chunk, options)
        return
    from joblib import Parallel, delayed
    parallel = Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs")
    for part in parallel(delayed(process_chunk)(chunk, options) for chunk in chunked(records, chunk_size)):
        yield from part


@dataclass
class Summary:
    """Counts of a batch run by outcome."""

    counts: Counter

    @property
    def failed(self) -> int:
        return sum(n for kind, n in self.counts.items() if kind not in ("ok", "skipped_done"))

    def line(self) -> str:
        parts = [f"{kind} {n}" for kind, n in sorted(self.counts.items())]
        return f"{sum(self.counts.values())} records: " + ", ".join(parts)
