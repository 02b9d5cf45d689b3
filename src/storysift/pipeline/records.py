"""Input records for batch runs: files, folders, globs, JSONL, WARC and stdin, streamed one at a time.

Every input record becomes exactly one Record; a record that cannot even be read (a bad JSON line, a
file over the size limit, a broken WARC) is a Record with `error` set, so that it is reported, not lost.
"""

from __future__ import annotations

import glob
import re
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..content import ContentError, open_decompressed
from .jsonl import Fields, jsonl_records
from .record import Record
from .warc import warc_records

__all__ = ["Fields", "Record", "input_bytes", "iter_records", "jsonl_records", "page_file", "warc_records"]

COMPRESSED_SUFFIXES = ("", ".gz", ".bz2", ".zst", ".br")  # undone by content (brotli: by the name)
PAGE_SUFFIXES = tuple(page + packed for page in (".html", ".htm", ".xhtml", ".txt") for packed in COMPRESSED_SUFFIXES)
JSONL_SUFFIXES = tuple(kind + packed for kind in (".jsonl", ".ndjson") for packed in ("", ".gz", ".bz2", ".zst"))
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")


def status_matches(status: int | None, spec: frozenset[str]) -> bool:
    """Whether an HTTP status is one of spec's codes ("404") or classes ("4xx")."""
    if status is None or not spec:
        return False
    code = str(status)
    return code in spec or f"{code[0]}xx" in spec


def parse_status_spec(text: str) -> frozenset[str]:
    """'4xx,5xx,301' as a spec for `status_matches`; ValueError names the part that is neither."""
    spec = set()
    for part in (p.strip().lower() for p in text.split(",") if p.strip()):
        if not re.fullmatch(r"[1-5](?:xx|\d\d)", part):
            raise ValueError(f"{part!r} is not an HTTP status (404) or class (4xx)")
        spec.add(part)
    return frozenset(spec)


def _name_has(path: str, suffixes: tuple[str, ...]) -> bool:
    lower = path.lower()
    return any(lower.endswith(s) for s in suffixes)


def page_file(path: Path, max_bytes: int, root: Path | None = None) -> Record:
    """One page file as a record (the size is checked before reading)."""
    rid = str(path.relative_to(root)) if root else str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Record(
                rid, error="too_large", message=f"{size} bytes > limit {max_bytes}", path=str(path), consumed=size
            )
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        return Record(rid, error="unreadable", message=str(exc), path=str(path))
    if len(data) > max_bytes:
        return Record(rid, error="too_large", message=f"more than {max_bytes} bytes", path=str(path), consumed=size)
    name = path.name.lower()
    kind = "text" if name.endswith(tuple(".txt" + packed for packed in COMPRESSED_SUFFIXES)) else "auto"
    encoding = "br" if name.endswith(".br") else None
    return Record(rid, content=data, kind=kind, path=str(path), consumed=size, content_encoding=encoding)


def iter_records(
    inputs: list[str],
    *,
    fields: Fields = Fields(),
    max_bytes: int,
    stdin_format: str = "page",
    stdin: BinaryIO | None = None,
    strict: bool = False,
    skip_status: frozenset[str] = frozenset(),
) -> Iterator[Record]:
    """Every record of every input, in order. stdin_format: page | jsonl | warc. WARC records that are
    not pages come with `skip` set (errors with strict); so do records of an HTTP status in skip_status."""
    for record in _records(inputs, fields, max_bytes, stdin_format, stdin, strict):
        if not record.skip and not record.error and status_matches(record.http_status, skip_status):
            record.skip = "status"
        yield record


def _records(
    inputs: list[str], fields: Fields, max_bytes: int, stdin_format: str, stdin: BinaryIO | None, strict: bool
) -> Iterator[Record]:
    for item in inputs:
        if item == "-":
            stream = stdin or sys.stdin.buffer
            if stdin_format == "jsonl":
                yield from jsonl_records(stream, "stdin", fields, max_bytes)
            elif stdin_format == "warc":
                yield from warc_records(stream, "stdin", max_bytes, strict)
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
                yield from _file_records(p, fields, max_bytes, strict, root=path, only_pages=True)
        elif path.is_file():
            yield from _file_records(path, fields, max_bytes, strict)
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield Record(item, error="unreadable", message="no such file, folder or glob match")
            for m in matches:
                if Path(m).is_file():
                    yield from _file_records(Path(m), fields, max_bytes, strict)


def _with_consumed(records: Iterator[Record], raw: BinaryIO) -> Iterator[Record]:
    """records, each carrying the bytes of `raw` (the file on disk) read since the previous one."""
    last = 0
    for record in records:
        position = raw.tell()
        record.consumed, last = position - last, position
        yield record


def _file_records(
    path: Path, fields: Fields, max_bytes: int, strict: bool, root: Path | None = None, only_pages: bool = False
) -> Iterator[Record]:
    name = str(path)
    if _name_has(name, JSONL_SUFFIXES):
        count = 0
        try:
            with open(path, "rb") as raw, open_decompressed(raw) as fh:
                for record in _with_consumed(jsonl_records(fh, name, fields, max_bytes), raw):
                    count += 1
                    yield record
        except ContentError as exc:  # compressed in a way an extra reads
            yield Record(name, error=exc.kind, message=str(exc), path=name)
        except (OSError, EOFError, zlib.error) as exc:  # unreadable, a compressed stream cut short or corrupt
            yield Record(
                f"{name}#{count + 1}",
                error="unreadable",
                message=f"could not read past record {count}: {exc}",
                path=name,
            )
    elif _name_has(name, WARC_SUFFIXES):
        with open(path, "rb") as fh:
            yield from _with_consumed(warc_records(fh, name, max_bytes, strict), fh)
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
