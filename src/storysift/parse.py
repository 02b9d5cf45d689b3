"""Turn page bytes or text into an lxml tree, or decide that the input is plain text.

Bytes are decoded as `charset` says (its docstring gives the order the encoding is chosen in).
"""

from __future__ import annotations

import re
from typing import Literal

from lxml import etree

from .charset import decode
from .errors import InputError, InputTooLarge

PageInput = str | bytes
Kind = Literal["auto", "html", "text"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_TAG_RE = re.compile(
    r"<(?:!doctype|html|head|body|div|p|span|a|br|table|ul|li|h[1-6]|script|meta|article|section|title)\b", re.I
)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_UNCLOSED_TITLE_RE = re.compile(r"<title\b[^>]*>", re.I)
_TITLE_END_RE = re.compile(r"</title", re.I)


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
    match = _UNCLOSED_TITLE_RE.search(text)
    if match and _TITLE_END_RE.search(text, match.end()) is None:
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
