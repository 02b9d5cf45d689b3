"""One input record of a batch run: a page, the reason it cannot be read, or why it is not a page."""

from __future__ import annotations

from dataclasses import dataclass


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
    content_type: str | None = None  # the HTTP Content-Type the page came with (its charset is the transport's)
    content_encoding: str | None = None  # the HTTP Content-Encoding the content still has
    http_status: int | None = None
    skip: str | None = None  # why this record is not a page to clean (not_html, empty, request, status...)
