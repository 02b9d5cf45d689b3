"""The two WARC readers, warcio and FastWARC, giving the same entries: a record's type, id, URL, HTTP
status and Content-Type, its payload with transfer and content encodings undone, and how many bytes of it
the file did not hold. What becomes of an entry is decided in `warc`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..content import decompress
from ..errors import InputError

PAGE_RECORDS = ("response", "resource", "conversion")
OTHER_RECORDS = ("request", "metadata", "warcinfo", "revisit", "continuation")


class BrokenWarc(Exception):
    """The rest of the file cannot be read: the message says why."""


@dataclass
class Entry:
    """One WARC record as either reader gives it: what decides whether it is a page, and its content."""

    rec_type: str
    rid: str | None
    url: str | None
    status: int | None
    content_type: str
    body: Callable[[int], bytes]  # up to n bytes of the payload, transfer and content encodings undone
    drain: Callable[[], None]  # read the record through without keeping it
    missing: Callable[[], int]  # bytes its Content-Length promised that the file did not hold (once read)


def warcio_entries(counted: BinaryIO, name: str, ends: list) -> Iterator[Entry]:
    """Entries by warcio (it undoes chunked transfer and gzip/deflate/brotli content encodings)."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(counted, check_digests=False)
    for count, rec in enumerate(records, 1):
        if rec.format.startswith("arc") and not name.lower().endswith((".arc", ".arc.gz")):
            raise BrokenWarc(f"not a WARC file: record {count} reads as ARC")
        if rec.length is None:  # no Content-Length: its header is cut short or broken, the rest unreadable
            raise BrokenWarc(f"record {count} has no valid header")
        http = rec.http_headers if rec.rec_type == "response" else None
        headers = rec.http_headers if rec.http_headers is not None else rec.rec_headers
        yield Entry(
            rec_type=rec.rec_type,
            rid=rec.rec_headers.get_header("WARC-Record-ID"),
            url=rec.rec_headers.get_header("WARC-Target-URI"),
            status=_int(http.get_statuscode()) if http is not None else None,
            content_type=headers.get_header("Content-Type") or "",
            body=lambda n, rec=rec: rec.content_stream().read(n),
            drain=lambda rec=rec: _read_through(rec.raw_stream),
            missing=lambda rec=rec: getattr(rec.raw_stream, "limit", 0) or 0,
        )
    if records.member_info is not None:
        offset = records.get_record_offset()
        ends.append((offset, offset + records.get_record_length()))


def fastwarc_entries(stream: BinaryIO, name: str, ends: list) -> Iterator[Entry]:
    """Entries by FastWARC, reading raw payloads: chunked transfer and content encodings are undone here,
    so that a payload shorter than its Content-Length shows."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    types = {int(getattr(WarcRecordType, t)): t for t in (*PAGE_RECORDS, *OTHER_RECORDS, "unknown", "no_type")}
    records = ArchiveIterator(stream, parse_http=True, auto_decode="none", fsspec_args=False)
    offset = None
    for count, rec in enumerate(records, 1):
        rec_type = types.get(int(rec.record_type), "unknown")
        if rec_type == "no_type" or rec.headers.get("Content-Length") is None:  # header cut short or broken
            raise BrokenWarc(f"record {count} has no valid header")
        offset = rec.stream_pos
        http = rec.http_headers if rec.is_http and rec_type == "response" else None
        headers = rec.http_headers if rec.is_http and rec.http_headers is not None else rec.headers
        payload = _Payload(rec)
        yield Entry(
            rec_type=rec_type,
            rid=rec.headers.get("WARC-Record-ID"),
            url=rec.headers.get("WARC-Target-URI"),
            status=_int(http.status_code) if http is not None else None,
            content_type=headers.get("Content-Type") or "",
            body=lambda n, payload=payload, http=http: _decoded(payload.read, n, http),
            drain=lambda payload=payload: _read_through(payload),
            missing=payload.missing,
        )
    if offset is not None:
        ends.append((offset, 0))


class _Payload:
    """A FastWARC record's raw payload, counting what was read of it."""

    def __init__(self, rec) -> None:
        self.rec = rec
        self.got = 0

    def read(self, n: int) -> bytes:
        data = self.rec.reader.read(n)
        self.got += len(data)
        return data

    def missing(self) -> int:
        """Bytes short of the Content-Length once the payload was read (to its end or to a limit)."""
        return max(0, self.rec.content_length - self.got)


def _decoded(raw: Callable[[int], bytes], n: int, http_headers) -> bytes:
    """The payload of a FastWARC record with its HTTP transfer and content encodings undone, up to n bytes
    (the raw payload is read whole up to n bytes: an encoded payload is never larger than its decoding)."""
    data = raw(n)
    if http_headers is None:
        return data
    if "chunked" in (http_headers.get("Transfer-Encoding") or "").lower():
        data = _dechunk(data)
    coding = (http_headers.get("Content-Encoding") or "").strip().lower()
    if coding in ("gzip", "x-gzip", "deflate", "br", "zstd"):
        try:
            data = decompress(data, n, declared=coding)
        except InputError as exc:
            raise ValueError(str(exc)) from exc
    return data[:n]


def _dechunk(data: bytes) -> bytes:
    """A body in HTTP chunked transfer-encoding, decoded (a malformed one: ValueError)."""
    out = bytearray()
    pos = 0
    while pos < len(data):
        eol = data.find(b"\r\n", pos)
        if eol < 0:
            raise ValueError("chunked body: a size line without its end")
        size = int(data[pos:eol].split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            break
        out += data[eol + 2 : eol + 2 + size]
        pos = eol + 2 + size + 2
    return bytes(out)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _read_through(stream) -> None:
    while stream.read(1 << 16):
        pass
