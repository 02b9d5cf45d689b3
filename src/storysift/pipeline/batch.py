"""Batch cleaning: every input record yields exactly one output record, in input order.

A page that fails becomes an error record naming the reason:
`too_large`, `timed_out`, `not_html` (a PDF, an image, JSON, binary content), `empty` (no content),
`undecodable` (corrupt compression, or text mostly undecodable), `parse_failure`,
`bad_record` (a JSONL line that is not a page), `unreadable` (a file that cannot be read),
`unsupported` (an input kind whose optional extra is not installed), `internal_error` (a bug: please
report it), `worker_lost` (the worker process died on this record, twice: a crash in compiled code or the
out-of-memory killer). Work runs in `jobs` processes (see `parallel.map_chunks`), the model loaded once.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..api import Extractor, Options
from ..blocks import Block, Page
from ..charset import decode
from ..content import ContentError, decompress, not_a_page
from ..errors import InputError, InputTooLarge, PageTimeout
from ..limits import time_limit
from ..metadata import FIELDS
from ..parallel import map_chunks
from .record import Record

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0
MODEL_BATCH = 4  # pages per call of the model: most of the per-call cost saved, memory kept low


@dataclass(frozen=True)
class BatchJob:
    """What each worker of a batch run needs: the model file (None: the shipped one), the page options
    (the same `Options` a single page is cleaned with), and whether output records carry the labeled blocks.

    freeze_gc is for processes that do nothing but the run (the CLI's, and its workers): once the model has
    loaded, everything the process then holds (the imported modules, the model) is moved out of reach of
    the garbage collector's passes (`gc.freeze`), which otherwise walk all of it again and again as pages
    come and go. Off by default: a library caller's process is its own."""

    model: str | None = None
    options: Options = field(default_factory=lambda: Options(timeout=DEFAULT_TIMEOUT))
    blocks: bool = False
    freeze_gc: bool = False


class RecordError(Exception):
    """A record that yields no page: its error kind (see the module's list) and a message."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def page_text(record: Record, options: Options) -> str:
    """The record's page as text: size, compression, content that is not a page, emptiness and decoding
    checked (RecordError otherwise)."""
    if record.error:
        raise RecordError(record.error, record.message or record.error)
    content = record.content if record.content is not None else b""
    if isinstance(content, bytes):
        if len(content) > options.max_bytes:
            raise RecordError("too_large", f"{len(content)} bytes > limit {options.max_bytes}")
        try:
            content = decompress(content, options.max_bytes, record.content_encoding)
        except ContentError as exc:
            raise RecordError(exc.kind, str(exc)) from exc
        except InputTooLarge as exc:
            raise RecordError("too_large", str(exc)) from exc
        except InputError as exc:
            raise RecordError("undecodable", str(exc)) from exc
        if not content.strip():
            raise RecordError("empty", "no content")
        what = not_a_page(content)
        if what:
            raise RecordError("not_html", f"{what}, not a page")
        content = decode(content, options.encoding, content_type=record.content_type)
    else:
        # text already: a stray control character does not make it binary, a PDF's header still shows
        what = not_a_page(content[:8192].encode("utf-8", "surrogatepass"), binary=False)
        if what:
            raise RecordError("not_html", f"{what}, not a page")
    if not content.strip():
        raise RecordError("empty", "no content")
    if content.count("\ufffd") > 0.2 * len(content):
        raise RecordError("undecodable", "most characters could not be decoded")
    return content


@contextlib.contextmanager
def _as_record_errors(record: Record) -> Iterator[None]:
    """Failures of the work on one record, as RecordErrors naming their kind."""
    try:
        yield
    except RecordError:
        raise
    except PageTimeout as exc:
        raise RecordError("timed_out", str(exc)) from exc
    except InputTooLarge as exc:
        raise RecordError("too_large", str(exc)) from exc
    except InputError as exc:
        raise RecordError("parse_failure", str(exc)) from exc
    except RecursionError as exc:
        raise RecordError("parse_failure", f"document nested too deeply: {exc}") from exc
    except Exception as exc:  # never lose a record: report the bug as an error record
        log.exception("internal error on %s", record.id)
        raise RecordError("internal_error", f"{type(exc).__name__}: {exc}") from exc


def segment_record(extractor: Extractor, record: Record) -> tuple[Page, dict[str, str | None]]:
    """A record's segmented page and what it declares about itself (`metadata`: title, canonical_url,
    language, date; None each for plain text), within the time limit; RecordError otherwise."""
    options = extractor.options
    text = page_text(record, options)
    kind = options.kind if options.kind != "auto" else record.kind
    with _as_record_errors(record), time_limit(options.timeout):
        page = extractor.segment(text, kind=kind)
        return page, {key: page.meta.get(key) for key in FIELDS}


def _model_step(extractor: Extractor, pages: list[Page], kinds: bool) -> list[list[Block]]:
    """The story blocks of each page (with kinds, every block labeled first), in one call of the model."""
    if kinds:
        return [[b for b in blocks if b.kept] for blocks in extractor.label_pages(pages)]
    return extractor.story_blocks_of(pages)


def label_record(
    extractor: Extractor, record: Record, kinds: bool = True
) -> tuple[list[Block], list[Block], dict[str, str | None]]:
    """A record's blocks and its story blocks, under the extractor's options (kind, encoding, limits).
    With kinds, every block is labeled (label and proba); without, only P(story) is computed (cheaper)
    and the blocks are left unlabeled. Also what the page declares about itself. Any failure is a
    RecordError naming its kind."""
    page, meta = segment_record(extractor, record)
    with _as_record_errors(record), time_limit(extractor.options.timeout):
        (kept,) = _model_step(extractor, [page], kinds)
    return page.blocks, kept, meta


def _head(record: Record) -> dict:
    """The fields every output record starts with: id, url, and the HTTP status when one is known."""
    head = {"id": record.id, "url": record.url}
    if record.http_status is not None:
        head["http_status"] = record.http_status
    return head


def error_record(record: Record, kind: str, message: str) -> dict:
    """The output record of a failed input."""
    return {**_head(record), "status": "error", "error": kind, "message": message}


def process(extractor: Extractor, record: Record, blocks: bool = False) -> dict:
    """One input record to one output record (never raises); with blocks, the labeled blocks too."""
    try:
        all_blocks, kept, meta = label_record(extractor, record, kinds=blocks)
    except RecordError as exc:
        return error_record(record, exc.kind, exc.message)
    return ok_record(record, all_blocks, kept, meta, blocks)


def ok_record(record: Record, all_blocks: list[Block], kept: list[Block], meta: dict, blocks: bool) -> dict:
    """The output record of a cleaned page; with blocks, the labeled blocks too."""
    out = {**_head(record), "status": "ok", **meta, "text": "\n\n".join(b.text for b in kept)}
    if blocks:
        out["blocks"] = [b.to_dict() for b in all_blocks]
    return out


@functools.lru_cache(maxsize=4)
def worker_extractor(model: str | None, options: Options) -> Extractor:
    """The model of this process with these options, loaded once per process."""
    return Extractor.load(model, **options.__dict__)


@functools.lru_cache(maxsize=1)
def _freeze_gc_once() -> None:
    """gc.freeze(), the first time a process asks (after its model has loaded); see BatchJob.freeze_gc."""
    gc.freeze()
    log.debug("%d objects frozen out of the garbage collector's passes", gc.get_freeze_count())


def process_chunk(records: list[Record], job: BatchJob) -> list[dict]:
    """Process records in a worker process (the model is loaded once per process): each page segmented
    within its time limit, then the model run over MODEL_BATCH pages at a time (the same numbers as page
    by page, for less time per page), within one page's time limit; if that runs over, page by page, so
    that the slow page alone times out."""
    extractor = ready_extractor(job)
    outs: list[dict | None] = [None] * len(records)
    segmented = []
    for i, record in enumerate(records):
        try:
            segmented.append((i, *segment_record(extractor, record)))
        except RecordError as exc:
            outs[i] = error_record(record, exc.kind, exc.message)
    for start in range(0, len(segmented), MODEL_BATCH):
        _finish(extractor, records, segmented[start : start + MODEL_BATCH], job.blocks, outs)
    return outs


def _finish(extractor: Extractor, records: list[Record], segmented: list, blocks: bool, outs: list) -> None:
    """Run the model over a few segmented pages at once and fill their output records."""
    try:
        with time_limit(extractor.options.timeout):
            kept = _model_step(extractor, [page for _, page, _ in segmented], blocks)
    except Exception:  # over the time limit (or failing) together: each page on its own
        kept = None
    for n, (i, page, meta) in enumerate(segmented):
        record = records[i]
        if kept is None:
            try:
                with _as_record_errors(record), time_limit(extractor.options.timeout):
                    (page_kept,) = _model_step(extractor, [page], blocks)
            except RecordError as exc:
                outs[i] = error_record(record, exc.kind, exc.message)
                continue
        else:
            page_kept = kept[n]
        outs[i] = ok_record(record, page.blocks, page_kept, meta, blocks)


def run(
    records: Iterable[Record], job: BatchJob = BatchJob(), *, jobs: int = 1, chunk_size: int = 32
) -> Iterator[dict]:
    """Output records for input records, in input order, streaming (bounded memory). Records that are not
    pages (`skip` set: a WARC's requests, images...) have no output: count them as they go by."""
    pages = (r for r in records if not r.skip)
    return map_chunks(
        process_chunk,
        pages,
        job,
        jobs=jobs,
        chunk_size=chunk_size,
        warm=functools.partial(ready_extractor, job),
        on_lost=lost_records,
    )


def ready_extractor(job: BatchJob) -> Extractor:
    """This process's model for the job, loaded once (and the gc frozen after it, with `freeze_gc`): in a
    worker before its first chunk, or here before workers are forked from this process (they inherit it)."""
    extractor = worker_extractor(job.model, job.options)
    if job.freeze_gc:
        _freeze_gc_once()
    return extractor


def lost_records(records: list[Record], reason: str) -> list[dict]:
    """Error records for records whose worker process died while cleaning them (run again alone, it died
    again): the run goes on without them, and says so."""
    return [error_record(record, "worker_lost", f"{reason} while cleaning this record") for record in records]


@dataclass
class Summary:
    """Counts of a batch run by outcome."""

    counts: Counter

    @property
    def failed(self) -> int:
        return sum(n for kind, n in self.counts.items() if kind != "ok" and not kind.startswith("skipped_"))

    def line(self) -> str:
        parts = [f"{kind} {n}" for kind, n in sorted(self.counts.items())]
        return f"{sum(self.counts.values())} records: " + ", ".join(parts)
