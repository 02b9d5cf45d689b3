"""Input records for batch runs: files, folders, globs, JSONL, WARC and stdin, streamed one at a time.

Every input record becomes exactly one Record; a record that cannot even be read (a bad JSON line, a
file over the size limit, a broken WARC) is a Record with `error` set, so that it is reported, not lost.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".html.gz", ".htm.gz", ".txt.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")


@dataclass
class Record:
    """One input page (or the reason it could not be read)."""

    id: str
    url: str | None = None
    content: bytes | str | None = None
    kind: str = "auto"
    error: str | None = None
    message: str | None = None
    path: str | None = None
    consumed: int = 0  # bytes of the input file read since the previous record (for progress)


@dataclass(frozen=True)
class Fields:
    """JSONL field names."""

    id: str = "id"
    url: str = "url"
    html: str = "html"
    text: str = "text"


def _name_has(path: str, suffixes: tuple[str, ...]) -> bool:
    lower = path.lower()
    return any(lower.endswith(s) for s in suffixes)


def _open_maybe_gzip(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def page_file(path: Path, max_bytes: int, root: Path | None = None) -> Record:
    """One page file as a record (the size is checked before reading)."""
    rid = str(path.relative_to(root)) if root else str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes and not path.name.endswith(".gz"):
            return Record(
                rid, error="too_large", message=f"{size} bytes > limit {max_bytes}", path=str(path), consumed=size
            )
        with _open_maybe_gzip(path) as fh:
            data = fh.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        return Record(rid, error="unreadable", message=str(exc), path=str(path))
    if len(data) > max_bytes:
        return Record(rid, error="too_large", message=f"more than {max_bytes} bytes", path=str(path), consumed=size)
    kind = "text" if path.name.lower().endswith((".txt", ".txt.gz")) else "auto"
    return Record(rid, content=data, kind=kind, path=str(path), consumed=size)


def jsonl_records(stream: BinaryIO, name: str, fields: Fields, max_bytes: int) -> Iterator[Record]:
    """Records of a JSONL stream: one page per line."""
    for lineno, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        fallback_id = f"{name}:{lineno}"
        if len(raw) > 4 * max_bytes + 1024:  # too big even to parse for its id
            yield Record(fallback_id, error="too_large", message=f"line of {len(raw)} bytes > limit {max_bytes}")
            continue
        try:
            obj = json.loads(raw)
            if not isinstance(obj, dict):
                raise ValueError("a line must hold a JSON object")
        except ValueError as exc:
            yield Record(fallback_id, error="bad_record", message=f"not a JSON object: {exc}")
            continue
        rid = str(obj.get(fields.id, fallback_id))
        url = obj.get(fields.url)
        content, kind = obj.get(fields.html), "html"
        if not isinstance(content, str):
            content, kind = obj.get(fields.text), "text"
        if isinstance(content, str):
            if len(content) > max_bytes:
                yield Record(rid, url, error="too_large", message=f"{len(content)} characters > limit {max_bytes}")
            else:
                yield Record(rid, url, content, kind)
        else:
            yield Record(rid, url, error="bad_record", message=f"no string field {fields.html!r} or {fields.text!r}")


def warc_records(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[Record]:
    """Records of a WARC (optionally gzipped): one per response or resource record."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield Record(name, error="unsupported", message="reading WARC needs warcio: pip install 'storysift[warc]'")
        return
    count = 0
    counted = _CountingReader(stream)
    records = ArchiveIterator(counted)
    try:
        for rec in records:
            if rec.rec_type not in ("response", "resource"):
                continue
            count += 1
            rid = rec.rec_headers.get_header("WARC-Record-ID") or f"{name}#{count}"
            url = rec.rec_headers.get_header("WARC-Target-URI")
            headers = rec.http_headers if rec.http_headers is not None else rec.rec_headers
            ctype = (headers.get_header("Content-Type") or "").lower()
            if ctype and "html" not in ctype and "text/plain" not in ctype:
                yield Record(rid, url, error="not_html", message=f"content type {ctype}")
                continue
            data = rec.content_stream().read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Record(rid, url, error="too_large", message=f"more than {max_bytes} bytes")
                continue
            yield Record(rid, url, data, "text" if "text/plain" in ctype else "auto")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Record(f"{name}#{count + 1}", error="parse_failure", message=f"broken WARC after {count} records: {exc}")
        return
    # warcio stops quietly at a truncated gzip member: bytes left over after the last record mean a break
    end = (records.get_record_offset() or 0) + (records.get_record_length() or 0)
    if counted.read_bytes > end > 0 or (end == 0 and counted.read_bytes > 0 and count == 0):
        yield Record(
            f"{name}#{count + 1}",
            error="parse_failure",
            message=f"truncated or corrupt WARC: {counted.read_bytes - end} bytes after record {count} "
            "could not be read",
        )


class _CountingReader(io.RawIOBase):
    """A read-only stream that counts the bytes read through it."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.read_bytes += len(data)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def iter_records(
    inputs: list[str],
    *,
    fields: Fields = Fields(),
    max_bytes: int,
    stdin_format: str = "page",
    stdin: BinaryIO | None = None,
) -> Iterator[Record]:
    """Every record of every input, in order. stdin_format: page | jsonl | warc."""
    for item in inputs:
        if item == "-":
            stream = stdin or sys.stdin.buffer
            if stdin_format == "jsonl":
                yield from jsonl_records(stream, "stdin", fields, max_bytes)
            elif stdin_format == "warc":
                yield from warc_records(stream, "stdin", max_bytes)
            else:
                data = stream.read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield Record("-", error="too_large", message=f"more than {max_bytes} bytes")
                else:
                    yield Record("-", content=data)
            continue
        path = Path(item)
        if path.is_dir():
            for p in sorted(q for q in path.rglob("*") if q.is_file()):
                yield from _file_records(p, fields, max_bytes, root=path, only_pages=True)
        elif path.is_file():
            yield from _file_records(path, fields, max_bytes)
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield Record(item, error="unreadable", message="no such file, folder or glob match")
            for m in matches:
                if Path(m).is_file():
                    yield from _file_records(Path(m), fields, max_bytes)


def _with_consumed(records: Iterator[Record], raw: BinaryIO) -> Iterator[Record]:
    """records, each carrying the bytes of `raw` (the file on disk) read since the previous one."""
    last = 0
    for record in records:
        position = raw.tell()
        record.consumed, last = position - last, position
        yield record


def _file_records(
    path: Path, fields: Fields, max_bytes: int, root: Path | None = None, only_pages: bool = False
) -> Iterator[Record]:
    name = str(path)
    if _name_has(name, JSONL_SUFFIXES):
        count = 0
        try:
            with open(path, "rb") as raw, gzip.open(raw) if name.lower().endswith(".gz") else raw as fh:
                for record in _with_consumed(jsonl_records(fh, name, fields, max_bytes), raw):
                    count += 1
                    yield record
        except (OSError, EOFError) as exc:  # unreadable, or a gzip stream cut short: report the rest
            yield Record(
                f"{name}#{count + 1}",
                error="unreadable",
                message=f"could not read past record {count}: {exc}",
                path=name,
            )
    elif _name_has(name, WARC_SUFFIXES):
        with open(path, "rb") as fh:
            yield from _with_consumed(warc_records(fh, name, max_bytes), fh)
    elif not only_pages or _name_has(name, PAGE_SUFFIXES):
        yield page_file(path, max_bytes, root)


def input_bytes(inputs: list[str]) -> int | None:
    """The bytes on disk of everything `iter_records` reads from inputs (page, JSONL and WARC files,
    folders, globs); None when stdin is among them (its size is not known in advance)."""
    if "-" in inputs:
        return None
    total = 0
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            read = PAGE_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
            files = (q for q in path.rglob("*") if q.is_file() and _name_has(str(q), read))
        elif path.is_file():
            files = iter([path])
        else:
            files = (Path(m) for m in glob.glob(item, recursive=True) if Path(m).is_file())
        total += sum(f.stat().st_size for f in files)
    return total


def read_done_ids(path: Path) -> set[str]:
    """Ids already in an output JSONL (for resuming); a torn last line is ignored."""
    done: set[str] = set()
    if not path.is_file():
        return done
    with open(path, "rb") as fh:
        for raw in fh:
            try:
                done.add(str(json.loads(raw)["id"]))
            except (ValueError, KeyError, TypeError):
                continue
    return done


def drop_torn_tail(path: Path) -> None:
    """Cut a last line that was not finished (a run killed mid-write) so that appending starts clean."""
    with open(path, "rb+") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        if size == 0:
            return
        fh.seek(max(0, size - 1))
        if fh.read(1) == b"\n":
            return
        block = 1 << 16
        pos = size
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                fh.truncate(start + cut + 1)
                return
            pos = start
        fh.truncate(0)
