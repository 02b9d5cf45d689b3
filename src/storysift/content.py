"""What input bytes hold, judged by their content: compression to undo, and content that is not a page.

Compression is recognised by magic bytes (gzip, zstd, bzip2) or by a declared `Content-Encoding` (those
and brotli, which has no magic bytes); zstd and brotli need the `compress` extra. Decompression stops
at the size limit, so a compression bomb costs no more than a page of the limit.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import zlib
from typing import BinaryIO

from .charset import looks_like_utf16
from .errors import InputError, InputTooLarge

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
BZIP2_MAGIC = b"BZh"

# magic bytes of common non-page content, with a name for the error message
_NOT_PAGES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", None),  # BMP only with its header checked (see `not_a_page`)
    (b"\x00\x00\x01\x00", "an icon"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x7fELF", "an executable"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"OggS", "an audio or video file"),
    (b"ID3", "an audio file"),
    (b"\x1aE\xdf\xa3", "a video file"),
    (b"%!PS", "a PostScript document"),
    (b"{\\rtf", "an RTF document"),
)


_CONTROLS = bytes([*range(9), *range(14, 32)])  # control bytes that text does not hold


class ContentError(InputError):
    """Bytes that are not a page: `kind` is the error kind of a batch record (not_html, empty, unsupported)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def compression_of(data: bytes, declared: str | None = None) -> str | None:
    """gzip, zstd, bzip2 or br when the bytes are compressed (by magic bytes, or as declared), else None."""
    if data.startswith(GZIP_MAGIC):
        return "gzip"
    if data.startswith(ZSTD_MAGIC):
        return "zstd"
    if data.startswith(BZIP2_MAGIC) and data[3:4].isdigit():
        return "bzip2"
    token = (declared or "").strip().lower()
    if token in ("br", "brotli"):
        return "br"
    if token in ("deflate",) and data[:1] and data[0] & 0x0F == 8:
        return "deflate"
    return None


def _bounded(chunks, max_bytes: int) -> bytes:
    """Join decompressed chunks, failing as soon as they pass max_bytes."""
    out = bytearray()
    for chunk in chunks:
        out += chunk
        if len(out) > max_bytes:
            raise InputTooLarge(f"decompresses to more than {max_bytes} bytes")
    return bytes(out)


def _gzip_chunks(data: bytes, wbits: int, step: int):
    """Decompress every gzip member (zlib streams: wbits=15) of data, `step` output bytes at a time."""
    while data:
        inflater = zlib.decompressobj(wbits)
        chunk = inflater.decompress(data, step)
        yield chunk
        while inflater.unconsumed_tail:
            yield inflater.decompress(inflater.unconsumed_tail, step)
        yield inflater.flush()
        if not inflater.eof:
            raise InputError("compressed data is cut short")
        data = inflater.unused_data.lstrip(b"\x00")
        if data and not data.startswith(GZIP_MAGIC):
            break


def _zstd_chunks(data: bytes, step: int):
    try:
        import zstandard
    except ImportError as exc:
        raise ContentError("unsupported", "zstd-compressed: pip install 'storysift[compress]'") from exc
    reader = zstandard.ZstdDecompressor().stream_reader(data, read_across_frames=True)
    while chunk := reader.read(step):
        yield chunk


def _brotli_chunks(data: bytes, step: int):
    try:
        import brotli
    except ImportError as exc:
        raise ContentError("unsupported", "brotli-compressed: pip install 'storysift[compress]'") from exc
    inflater = brotli.Decompressor()
    for start in range(0, len(data), step):
        yield inflater.process(data[start : start + step])


def _bzip2_chunks(data: bytes, step: int):
    inflater = bz2.BZ2Decompressor()
    yield inflater.decompress(data, step)
    while not inflater.eof and not inflater.needs_input:
        yield inflater.decompress(b"", step)
    if not inflater.eof:
        raise InputError("compressed data is cut short")


def decompress(data: bytes, max_bytes: int, declared: str | None = None) -> bytes:
    """data with its compression undone (nested layers too, up to three), or data itself when it is not
    compressed. InputTooLarge past max_bytes; InputError for corrupt or cut data; ContentError
    (`unsupported`) when the extra that reads it is missing."""
    for _ in range(3):
        method = compression_of(data, declared)
        declared = None  # a declared encoding applies to the outer layer only
        if method is None:
            return data
        step = 1 << 20
        try:
            if method == "gzip":
                data = _bounded(_gzip_chunks(data, 16 + zlib.MAX_WBITS, step), max_bytes)
            elif method == "deflate":
                data = _bounded(_gzip_chunks(data, zlib.MAX_WBITS, step), max_bytes)
            elif method == "zstd":
                data = _bounded(_zstd_chunks(data, step), max_bytes)
            elif method == "br":
                data = _bounded(_brotli_chunks(data, step), max_bytes)
            else:
                data = _bounded(_bzip2_chunks(data, step), max_bytes)
        except (InputTooLarge, ContentError):
            raise
        except Exception as exc:  # each library has its own error type for corrupt data
            raise InputError(f"cannot decompress ({method}): {exc}") from exc
    return data


def not_a_page(data: bytes, binary: bool = True) -> str | None:
    """What the bytes are when they are plainly not a page (a PDF, an image, an archive, JSON, binary
    data: the last only with `binary`), else None. Text in any encoding, UTF-16 and UTF-32 included, is
    a page."""
    head = data[:8192]
    for magic, name in _NOT_PAGES:
        if head.startswith(magic):
            if name is None:  # BM: a bitmap only if its header's size field fits the file
                if len(data) >= 14 and int.from_bytes(data[2:6], "little") == len(data):
                    return "a BMP image"
                continue
            return name
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "an image, audio or video file (RIFF)"
    if head[4:8] == b"ftyp":
        return "an audio or video file (MP4)"
    if _json(head, data):
        return "JSON data"
    if binary and _binary(head):
        return "binary data"
    return None


def _json(head: bytes, data: bytes) -> bool:
    """JSON: starts with { or [ and parses as JSON (a page of text can start with a bracket too)."""
    first = head.lstrip()[:1]
    if first not in (b"{", b"["):
        return False
    try:
        json.loads(data)
    except (ValueError, RecursionError):
        return False
    return True


def _binary(head: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB, UTF-16 and UTF-32 aside."""
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or looks_like_utf16(head):
        return False
    controls = len(head) - len(head.translate(None, _CONTROLS))
    return b"\x00" in head or controls > 0.05 * len(head)


def open_decompressed(raw: BinaryIO) -> BinaryIO:
    """A seekable binary file as a stream of its content, decompressed by its magic bytes (gzip, bzip2,
    zstd; the stream as it is otherwise). Errors of a corrupt stream come out as OSError while reading;
    zstd without its extra is ContentError (`unsupported`) now."""
    head = raw.read(4)
    raw.seek(0)
    method = compression_of(head)
    if method == "gzip":
        return gzip.GzipFile(fileobj=raw)
    if method == "bzip2":
        return bz2.BZ2File(raw)
    if method == "zstd":
        try:
            import zstandard
        except ImportError as exc:
            raise ContentError("unsupported", "zstd-compressed: pip install 'storysift[compress]'") from exc
        return io.BufferedReader(_ZstdStream(raw, zstandard))
    return raw


class _ZstdStream(io.RawIOBase):
    """Zstd frames decompressed as they are read; a stream that ends inside a frame, or corrupt data, is
    an OSError (as gzip's and bz2's are)."""

    def __init__(self, raw: BinaryIO, zstandard) -> None:
        self.raw = raw
        self.zstandard = zstandard
        self.inflater = zstandard.ZstdDecompressor().decompressobj()
        self.inflater_used = False  # whether a frame was begun (an empty file is no cut frame)
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending:
            chunk = self.raw.read(1 << 16)
            if not chunk:
                if not self.inflater.eof and self.inflater_used:
                    raise OSError("zstd data cut short")
                return 0
            self.pending = self._inflate(chunk)
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n

    def _inflate(self, chunk: bytes) -> bytes:
        out = b""
        try:
            while chunk:
                if self.inflater.eof:  # the next frame
                    self.inflater = self.zstandard.ZstdDecompressor().decompressobj()
                out += self.inflater.decompress(chunk)
                self.inflater_used = True
                chunk = self.inflater.unused_data if self.inflater.eof else b""
        except self.zstandard.ZstdError as exc:
            raise OSError(f"corrupt zstd data: {exc}") from exc
        return out
