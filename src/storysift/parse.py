"""Turn page bytes or text into an lxml tree, or decide that the input is plain text.

Encoding is taken from a byte-order mark (or the NUL pattern of BOM-less UTF-16), then UTF-8 when the
bytes are valid UTF-8, then an XML declaration or meta charset in the first bytes, then windows-1252
(what browsers fall back to).
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

from lxml import etree

from .errors import InputError, InputTooLarge

PageInput = str | bytes
Kind = Literal["auto", "html", "text"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHARSET_RE = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_TAG_RE = re.compile(
    r"<(?:!doctype|html|head|body|div|p|span|a|br|table|ul|li|h[1-6]|script|meta|article|section|title)\b", re.I
)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_UNCLOSED_TITLE_RE = re.compile(r"<title\b[^>]*>", re.I)


def _declared_encoding(head: bytes) -> str | None:
    """The encoding named by a meta charset or XML declaration in the first bytes, if Python knows it."""
    match = _CHARSET_RE.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    # A page that declares UTF-16 in ASCII bytes is not UTF-16 (the declaration would be unreadable).
    if name.startswith(("utf-16", "utf-32")):
        return None
    # Browsers treat latin-1 and ascii declarations as windows-1252.
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return name


def _looks_like_utf16(data: bytes) -> str | None:
    """Detect BOM-less UTF-16 by the pattern of NUL bytes in ASCII-heavy text."""
    sample = data[:2000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode page bytes to text; never fails (undecodable bytes become U+FFFD)."""
    if encoding:
        return data.decode(encoding, errors="replace")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace")
    utf16 = _looks_like_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    # Valid UTF-8 with non-ASCII bytes is almost never an accident, whatever the page declares.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(data[:4096])
    if declared and declared != "utf-8":
        return data.decode(declared, errors="replace")
    return data.decode("cp1252", errors="replace")


def to_text(page: PageInput, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the page as str, checking type and size."""
    if isinstance(page, (bytes, bytearray, memoryview)):
        data = bytes(page)
        if len(data) > max_bytes:
            raise InputTooLarge(f"input of {len(data)} bytes exceeds the limit of {max_bytes} bytes")
        return decode(data, encoding)
    if isinstance(page, str):
        if len(page) > max_bytes:
            raise InputTooLarge(f"input of {len(page)} characters exceeds the limit of {max_bytes}")
        return page
    raise InputError(f"a page must be str or bytes, not {type(page).__name__}")


def is_html(text: str) -> bool:
    """Whether text looks like HTML markup rather than plain text."""
    return _TAG_RE.search(text[:65536]) is not None


def _repair(text: str) -> str:
    """Fix markup that makes lxml hide a whole page: an unclosed <title> swallows everything after it."""
    lowered = text.lower()
    start = lowered.find("<title")
    if start >= 0 and lowered.find("</title", start) < 0:
        match = _UNCLOSED_TITLE_RE.search(text, start)
        if match:
            text = text[: match.end()] + "</title>" + text[match.end() :]
    return text


_TAG_TOKEN_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
MAX_DEPTH = 1000


def limit_depth(text: str, max_depth: int = MAX_DEPTH) -> str:
    """Drop the tags (not the text) nested deeper than max_depth, so a parser with a depth limit keeps
    every character. Counts open and close tags the simple way; good enough for pathological pages."""
    out: list[str] = []
    depth = 0
    last = 0
    for m in _TAG_TOKEN_RE.finditer(text):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            drop = depth > max_depth
            depth = max(0, depth - 1)
        else:
            depth += 1
            drop = depth > max_depth
        if drop:
            out.append(text[last : m.start()])
            last = m.end()
    out.append(text[last:])
    return "".join(out)


def _too_deep(parser: etree.HTMLParser) -> bool:
    return any("Excessive depth" in e.message for e in parser.error_log)


def _empty_page() -> etree._Element:
    return etree.fromstring("<html><body></body></html>", etree.HTMLParser())


def _document(text: str, parser: etree.HTMLParser) -> etree._Element:
    root = etree.fromstring(text, parser)
    if root is None:
        raise etree.ParserError("document is empty")
    return root


def parse_html(text: str) -> etree._Element:
    """Parse HTML text into an lxml root element (never None); no network, no entity expansion.

    Plain lxml elements, not lxml.html's: their Python class lookup costs a call per element visited.
    """
    text = _XML_DECL_RE.sub("", text, count=1).replace("\x00", "")
    text = _repair(text)
    if not text.strip():
        return _empty_page()
    parser = etree.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        huge_tree=True,
        default_doctype=False,
    )
    try:
        root = _document(text, parser)
        if _too_deep(parser):
            root = _document(limit_depth(text), parser)
    except (etree.ParserError, ValueError) as exc:
        try:
            root = _document("<html><body><pre>" + _escape(text) + "</pre></body></html>", parser)
        except (etree.ParserError, ValueError):
            raise InputError(f"cannot parse the input as HTML: {exc}") from exc
    return root


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
