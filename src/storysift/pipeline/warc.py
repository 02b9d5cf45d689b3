"""Pages of a WARC file (gzipped per record, or not), as crawls really are.

Responses, resources and conversions whose content is HTML or plain text are pages. The rest of a crawl
is accounted for, not turned into errors: requests, metadata, warcinfo, revisits and continuation
records are skipped and counted by type (`skipped_request`, ...); responses that are not HTML (images,
PDFs, JSON, scripts) are `skipped_not_html` and empty ones `skipped_empty`, or error records with
`strict`. The HTTP status is kept (`http_status`), and the Content-Type header goes with the page
(its charset is the transport's). A file cut short or corrupt ends in one `parse_failure` record.

Two readers give the same records: FastWARC (Resiliparse's reader, extra `fastwarc`) when it is installed,
else warcio (extra `warc`); ARC files always go through warcio. `STORYSIFT_WARC_READER=warcio|fastwarc`
or the `reader` argument choose.
"""

from __future__ import annotations

import io
import logging
import os
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from ..content import compression_of, not_a_page
from .record import Record
from .warc_readers import OTHER_RECORDS, PAGE_RECORDS, BrokenWarc, Entry, fastwarc_entries, warcio_entries

log = logging.getLogger(__name__)

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
TAIL = 64  # bytes of the end of the file kept to tell a record's closing blank lines from a cut


def _is_page_type(content_type: str) -> bool:
    mime = content_type.split(";", 1)[0].strip().lower()
    return not mime or mime in PAGE_TYPES or mime in ("text/*", "*/*", "application/octet-stream", "unknown")


def _page(entry: Entry, rid: str, max_bytes: int, strict: bool) -> Record:
    """One response, resource or conversion record as a page record, a skipped one, or an error."""
    ctype = entry.content_type
    base = {"id": rid, "url": entry.url, "http_status": entry.status, "content_type": ctype or None}
    if not _is_page_type(ctype):
        entry.drain()
        return _skip_or_error("not_html", f"content type {ctype}", strict, base)
    try:
        data = entry.body(max_bytes + 1)
    except Exception as exc:  # a corrupt chunked or compressed body: this record only, unless it is cut short
        entry.drain()
        if entry.missing():
            return Record(**base, error="parse_failure", message=f"record cut short: {entry.missing()} bytes")
        return Record(**base, error="undecodable", message=f"cannot read the body: {type(exc).__name__}: {exc}")
    missing = entry.missing()
    if len(data) <= max_bytes and missing:
        return Record(**base, error="parse_failure", message=f"record cut short: {missing} bytes")
    if len(data) > max_bytes:
        return Record(**base, error="too_large", message=f"more than {max_bytes} bytes")
    if not data.strip():
        return _skip_or_error("empty", "empty body", strict, base)
    what = None if compression_of(data) else not_a_page(data)
    if what:
        return _skip_or_error("not_html", f"{what} (content type {ctype or 'not given'})", strict, base)
    kind = "text" if ctype.lower().startswith("text/plain") else "auto"
    return Record(**base, content=data, kind=kind)


def _skip_or_error(kind: str, message: str, strict: bool, base: dict) -> Record:
    if strict:
        return Record(**base, error=kind, message=message)
    return Record(**base, skip=kind, message=message)


def _record(entry: Entry, count: int, name: str, max_bytes: int, strict: bool) -> Record:
    rid = entry.rid or f"{name}#{count}"
    if entry.rec_type in PAGE_RECORDS:
        return _page(entry, rid, max_bytes, strict)
    entry.drain()  # read through, to see whether it is whole
    if entry.missing():
        return Record(rid, entry.url, error="parse_failure", message=f"record cut short: {entry.missing()} bytes")
    why = entry.rec_type if entry.rec_type in OTHER_RECORDS else "unknown_type"
    return Record(rid, entry.url, skip=why, message=f"a {entry.rec_type!r} record, not a page")


def reader_name(name: str, reader: str | None = None) -> str:
    """The WARC reader to use for a file: the one asked for, else FastWARC when installed, else warcio."""
    reader = reader or os.environ.get("STORYSIFT_WARC_READER")
    if reader not in (None, "", "warcio", "fastwarc"):
        raise ValueError(f"unknown WARC reader {reader!r}: warcio or fastwarc")
    if name.lower().endswith((".arc", ".arc.gz")):
        return "warcio"  # FastWARC reads WARC only
    if reader:
        return reader
    try:
        import fastwarc  # noqa: F401
    except ImportError:
        return "warcio"
    return "fastwarc"


def warc_records(
    stream: BinaryIO, name: str, max_bytes: int, strict: bool = False, reader: str | None = None
) -> Iterator[Record]:
    """Records of a WARC stream, one for every WARC record (see the module's text for which are pages).
    FastWARC reads what it can; where it stops on a broken or unusual file, warcio reads the file again
    from the start and takes over after the records already given, so both readers give the same."""
    try:
        chosen = reader_name(name, reader)
    except ValueError as exc:
        yield Record(name, error="unsupported", message=str(exc))
        return
    done = 0
    if chosen == "fastwarc" and getattr(stream, "seekable", lambda: False)():  # FastWARC seeks in its stream
        ends: list = []
        try:
            for entry in fastwarc_entries(stream, name, ends):
                record = _record(entry, done + 1, name, max_bytes, strict)
                done += 1
                yield record
                if record.error == "parse_failure":  # cut short: nothing after it
                    return
            size = stream.seek(0, 2)
            problem = "empty WARC file" if size == 0 else _end_problem(stream, size, b"", ends, done)
            if not problem:
                return
        except Exception as exc:  # FastWARC's own errors: warcio's reading decides
            log.debug("FastWARC stopped after %d records of %s (%s): warcio goes on", done, name, exc)
        except BaseException as exc:  # a Rust panic in FastWARC is no Exception
            if type(exc).__name__ != "PanicException":
                raise
        stream.seek(0)
    yield from _warcio_records(stream, name, max_bytes, strict, skip=done)


def _warcio_records(stream: BinaryIO, name: str, max_bytes: int, strict: bool, skip: int) -> Iterator[Record]:
    """Records by warcio, after the first `skip` (already given by FastWARC)."""
    counted = _CountingReader(stream)
    count = 0
    ends: list = []
    try:
        for entry in warcio_entries(counted, name, ends):
            count += 1
            if count <= skip:
                continue
            record = _record(entry, count, name, max_bytes, strict)
            yield record
            if record.error == "parse_failure":  # cut short: nothing after it
                return
    except BrokenWarc as exc:
        yield Record(f"{name}#{count + 1}", error="parse_failure", message=str(exc))
        return
    except ImportError:
        yield Record(name, error="unsupported", message="reading WARC needs warcio: pip install 'storysift[warc]'")
        return
    except Exception as exc:  # warcio's errors for a broken file
        yield Record(f"{name}#{count + 1}", error="parse_failure", message=f"broken WARC after {count} records: {exc}")
        return
    if counted.read_bytes == 0:
        yield Record(name, error="empty", message="empty WARC file")
        return
    seekable = getattr(stream, "seekable", lambda: False)()
    problem = _end_problem(stream if seekable else None, counted.read_bytes, counted.tail, ends, count)
    if problem:
        yield Record(f"{name}#{count + 1}", error="parse_failure", message=problem)


def _end_problem(stream: BinaryIO | None, size: int, tail: bytes, ends: list, count: int) -> str | None:
    """What is wrong with the end of a file of `size` bytes (ending in `tail`) once every record is read
    (None: nothing). ends holds the last record's offset and end as the reader knows them (end 0: not
    known); the last gzip member is checked when the stream can seek."""
    offset, end = ends[-1] if ends else (None, 0)
    if offset is not None and stream is not None and not _last_member_whole(stream, offset, end or size):
        return f"truncated WARC: the gzip member of record {count} is cut short"
    left = size - end if end else 0
    # the blank lines that close an uncompressed file's last record are not part of its length
    if left > 0 and not (left <= TAIL and not tail[-left:].strip()):
        return f"truncated or corrupt WARC: {left} bytes after record {count} could not be read"
    if count == 0:
        return f"no WARC record could be read in its {size} bytes"
    return None


def _last_member_whole(stream: BinaryIO, offset: int, end: int) -> bool:
    """Whether the last gzip member (from offset to end) of a seekable WARC is whole and ends the file: the
    readers read a member cut in its 8-byte trailer without a word, and FastWARC stops quietly before a
    member cut in its header. True when no gzip member starts at offset."""
    try:
        stream.seek(offset)
        if stream.read(2) != b"\x1f\x8b":
            return True
        stream.seek(offset)
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        left = end - offset
        while left > 0 and not inflater.eof:
            chunk = stream.read(min(left, 1 << 20))
            if not chunk:
                break
            left -= len(chunk)
            inflater.decompress(chunk, 1 << 16)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, 1 << 16)
        return inflater.eof and left <= 0 and not inflater.unused_data  # and nothing after it
    except (OSError, zlib.error):
        return False
    finally:
        stream.seek(0, 2)


class _CountingReader(io.RawIOBase):
    """A read-only stream that counts the bytes read through it and keeps the last TAIL of them."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.read_bytes = 0
        self.tail = b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.read_bytes += len(data)
        self.tail = (self.tail + data[-TAIL:])[-TAIL:]
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
