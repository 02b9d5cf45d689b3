"""Pages of a WARC file (gzipped per record, or not), as crawls really are.

Responses, resources and conversions whose content is HTML or plain text are pages. The rest of a crawl
is accounted for, not turned into errors: requests, metadata, warcinfo, revisits and continuation
records are skipped and counted by type (`skipped_request`, ...); responses that are not HTML (images,
PDFs, JSON, scripts) are `skipped_not_html` and empty ones `skipped_empty`, or error records with
`strict`. The HTTP status is kept (`http_status`), and the Content-Type header goes with the page
(its charset is the transport's). A file cut short or corrupt ends in one `parse_failure` record.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from ..content import compression_of, not_a_page
from .record import Record

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
PAGE_RECORDS = ("response", "resource", "conversion")
OTHER_RECORDS = ("request", "metadata", "warcinfo", "revisit", "continuation")
TAIL = 64  # bytes of the end of the file kept to tell a record's closing blank lines from a cut


def _is_page_type(content_type: str) -> bool:
    mime = content_type.split(";", 1)[0].strip().lower()
    return not mime or mime in PAGE_TYPES or mime in ("text/*", "*/*", "application/octet-stream", "unknown")


def _status(rec) -> int | None:
    if rec.http_headers is None or rec.rec_type != "response":
        return None
    try:
        return int(rec.http_headers.get_statuscode())
    except (TypeError, ValueError):
        return None


def _missing(rec) -> int:
    """Bytes of a record's content that its Content-Length promised and the file did not hold (once read)."""
    return getattr(rec.raw_stream, "limit", 0) or 0


def _page(rec, rid: str, name: str, max_bytes: int, strict: bool) -> Record:
    """One response, resource or conversion record as a page record, a skipped one, or an error."""
    url = rec.rec_headers.get_header("WARC-Target-URI")
    status = _status(rec)
    headers = rec.http_headers if rec.http_headers is not None else rec.rec_headers
    ctype = headers.get_header("Content-Type") or ""
    base = {"id": rid, "url": url, "http_status": status, "content_type": ctype or None}
    if not _is_page_type(ctype):
        return _skip_or_error("not_html", f"content type {ctype}", strict, base)
    try:
        data = rec.content_stream().read(max_bytes + 1)
    except Exception as exc:  # a corrupt chunked or compressed body: this record only
        return Record(**base, error="undecodable", message=f"cannot read the body: {type(exc).__name__}: {exc}")
    missing = _missing(rec)
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


def warc_records(stream: BinaryIO, name: str, max_bytes: int, strict: bool = False) -> Iterator[Record]:
    """Records of a WARC stream, one for every WARC record (see the module's text for which are pages)."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield Record(name, error="unsupported", message="reading WARC needs warcio: pip install 'storysift[warc]'")
        return
    count = 0
    counted = _CountingReader(stream)
    records = ArchiveIterator(counted, check_digests=False)
    try:
        for rec in records:
            count += 1
            rid = rec.rec_headers.get_header("WARC-Record-ID") or f"{name}#{count}"
            url = rec.rec_headers.get_header("WARC-Target-URI")
            if rec.format.startswith("arc") and not name.lower().endswith((".arc", ".arc.gz")):
                yield Record(rid, error="parse_failure", message=f"not a WARC file: record {count} reads as ARC")
                return
            if rec.length is None:  # no Content-Length: its header is cut short or broken, the rest unreadable
                yield Record(rid, url, error="parse_failure", message=f"record {count} has no valid header")
                return
            if rec.rec_type in PAGE_RECORDS:
                record = _page(rec, rid, name, max_bytes, strict)
            else:
                while rec.raw_stream.read(1 << 16):  # read through, to see whether it is whole
                    pass
                why = rec.rec_type if rec.rec_type in OTHER_RECORDS else "unknown_type"
                record = Record(rid, url, skip=why, message=f"a {rec.rec_type!r} record, not a page")
                if _missing(rec):
                    record = Record(rid, url, error="parse_failure", message=f"record cut short: {_missing(rec)} bytes")
            yield record
            if record.error == "parse_failure":  # cut short: nothing after it
                return
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, TypeError, AttributeError) as exc:
        yield Record(f"{name}#{count + 1}", error="parse_failure", message=f"broken WARC after {count} records: {exc}")
        return
    if counted.read_bytes == 0:
        yield Record(name, error="empty", message="empty WARC file")
        return
    try:
        end = (records.get_record_offset() or 0) + (records.get_record_length() or 0)
    except TypeError:  # no record was read at all
        end = 0
    if not _last_member_whole(stream, records, end):
        yield Record(
            f"{name}#{count + 1}",
            error="parse_failure",
            message=f"truncated WARC: the gzip member of record {count} is cut short",
        )
        return
    left = counted.read_bytes - end
    # the blank lines that close an uncompressed file's last record are not part of its length
    if left > 0 and not (left <= TAIL and not counted.tail[-left:].strip()):
        yield Record(
            f"{name}#{count + 1}",
            error="parse_failure",
            message=f"truncated or corrupt WARC: {left} bytes after record {count} could not be read"
            if count
            else f"no WARC record could be read in its {counted.read_bytes} bytes",
        )


def _last_member_whole(stream: BinaryIO, records, end: int) -> bool:
    """Whether the last gzip member of a seekable gzipped WARC is whole: warcio reads a member cut in its
    8-byte trailer without a word. True for uncompressed or unseekable streams (nothing to check)."""
    offset = records.get_record_offset() if records.member_info else None
    if offset is None or not getattr(stream, "seekable", lambda: False)():
        return True
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
        return inflater.eof
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
