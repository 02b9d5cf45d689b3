"""Pages of JSONL: one JSON object per line, the page in a field.

A record's page is its `html` field (a string; or base64 of the raw bytes, in `html_base64` or in `html`
itself when it decodes to markup or compressed bytes), else its `text` field (plain text). What a crawler
kept of the HTTP response goes with it: `content_type` (or `headers["Content-Type"]`) for the charset,
`headers["Content-Encoding"]`, and `http_status` (or `status`). Field names are configurable (`Fields`).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..content import compression_of
from .record import Record

_BASE64_RE = re.compile(r"[A-Za-z0-9+/]+={0,2}")


@dataclass(frozen=True)
class Fields:
    """JSONL field names."""

    id: str = "id"
    url: str = "url"
    html: str = "html"
    text: str = "text"


def _header(headers: object, name: str) -> str | None:
    """A header of a dict of headers, whatever the case of its name."""
    if not isinstance(headers, dict):
        return None
    for key, value in headers.items():
        if isinstance(key, str) and key.lower() == name and isinstance(value, str):
            return value
    return None


def _raw_bytes(value: str) -> bytes | None:
    """The bytes a string stands for when it is base64 of markup or of compressed data, or raw bytes
    written as latin-1 characters that start with compression magic bytes; else None (a page as text)."""
    if value[:2] == "\x1f\x8b" or value[:4] == "\x28\xb5\x2f\xfd":
        try:
            return value.encode("latin-1")
        except UnicodeEncodeError:
            return None
    if len(value) < 8 or len(value) % 4 or not _BASE64_RE.fullmatch(value):
        return None
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    if compression_of(data) or data.lstrip()[:1] == b"<" or data.startswith(b"\xef\xbb\xbf<"):
        return data
    return None


def record_of(obj: dict, fields: Fields, fallback_id: str, max_bytes: int) -> Record:
    """One JSON object as a record (an error record when it holds no page)."""
    rid = str(obj.get(fields.id, fallback_id))
    url = obj.get(fields.url)
    headers = obj.get("headers")
    content_type = obj.get("content_type") or _header(headers, "content-type")
    status = obj.get("http_status", obj.get("status"))
    meta = {
        "content_type": content_type if isinstance(content_type, str) else None,
        "content_encoding": _header(headers, "content-encoding"),
        "http_status": status if isinstance(status, int) and not isinstance(status, bool) else None,
    }
    content: str | bytes | None = obj.get(fields.html)
    kind = "html"
    packed = obj.get(fields.html + "_base64")
    if isinstance(packed, str):
        try:
            content = base64.b64decode(packed, validate=True)
        except (binascii.Error, ValueError) as exc:
            return Record(rid, url, error="bad_record", message=f"{fields.html}_base64 is not base64: {exc}", **meta)
    elif isinstance(content, str):
        content = _raw_bytes(content) or content
    else:
        content, kind = obj.get(fields.text), "text"
    if not isinstance(content, (str, bytes)):
        return Record(
            rid, url, error="bad_record", message=f"no string field {fields.html!r} or {fields.text!r}", **meta
        )
    if len(content) > max_bytes:
        return Record(rid, url, error="too_large", message=f"{len(content)} characters > limit {max_bytes}", **meta)
    return Record(rid, url, content, kind, **meta)


def jsonl_records(stream: BinaryIO, name: str, fields: Fields, max_bytes: int) -> Iterator[Record]:
    """Records of a JSONL stream: one page per line (blank lines are not records)."""
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
        yield record_of(obj, fields, fallback_id, max_bytes)
