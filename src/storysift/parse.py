"""Turn page bytes or text into an lxml tree, or decide that the input is plain text.

Bytes are decoded as `charset` says (its docstring gives the order the encoding is chosen in).
"""

from __future__ import annotations

import re
from typing import Literal

from lxml import etree

from . import accel
from .charset import decode_exact
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
    return read_page(page, encoding=encoding, max_bytes=max_bytes)[0]


def read_page(
    page: PageInput, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, bytes | None]:
    """The page as str (as `to_text`), and its bytes when they are exactly that text's UTF-8 (valid UTF-8
    bytes, read as such): `parse_html` hands them to the parser as they are instead of encoding the text
    again."""
    if isinstance(page, (bytes, bytearray, memoryview)):
        data = bytes(page)
        if len(data) > max_bytes:
            raise InputTooLarge(f"input of {len(data)} bytes exceeds the limit of {max_bytes} bytes")
        text, exact = decode_exact(data, encoding)
        return text, data if exact else None
    if isinstance(page, str):
        if len(page) > max_bytes:
            raise InputTooLarge(f"input of {len(page)} characters exceeds the limit of {max_bytes}")
        return page, None
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


def _empty_page() -> etree._Element:
    return etree.fromstring("<html><body></body></html>", etree.HTMLParser())


def _document(text: str, utf8: bytes | None = None) -> tuple[etree._Element, bool]:
    """The root of text parsed, and whether the parser met markup nested too deep for it.

    The text goes to libxml2 as UTF-8 bytes, declared so (whatever the page's own meta charset says): given
    a str, lxml hands over its 2- or 4-byte code units, which libxml2 converts more slowly than Python
    encodes them; the trees are the same. A lone surrogate, which UTF-8 cannot hold, is left out (handed
    over as a str, it ended the page's text there). utf8: text's UTF-8 bytes, when the caller has them."""
    parser = etree.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        huge_tree=True,
        default_doctype=False,
        encoding="utf-8",
        collect_ids=False,  # no table of id attributes (nothing looks elements up by id): 0.7M instructions a page
    )
    root = etree.fromstring(text.encode("utf-8", "ignore") if utf8 is None else utf8, parser)
    if root is None:
        raise etree.ParserError("document is empty")
    return root, any("Excessive depth" in e.message for e in parser.error_log)


def parse_html(text: str, *, utf8: bytes | None = None) -> etree._Element:
    """Parse HTML text into an lxml root element (never None); no network, no entity expansion.

    utf8: the page's bytes when they are exactly text's UTF-8 (`read_page`): parsed as they are when the
    clean-up below leaves the text unchanged, so the text is not encoded again.
    Plain lxml elements, not lxml.html's: their Python class lookup costs a call per element visited.
    """
    given = len(text)
    text = _XML_DECL_RE.sub("", text, count=1)
    # a NUL looked for in the bytes when there are any (memchr: a tenth of a search of a str wider than
    # Latin-1); a page's bytes hold one exactly when its text does
    if b"\x00" in utf8 if utf8 is not None else "\x00" in text:
        text = text.replace("\x00", "")
    text = _repair(text)
    if len(text) != given:  # each clean-up step removes or adds characters: the bytes no longer match
        utf8 = None
    if not text or text.isspace():  # not text.strip(), without copying a page that ends in a newline
        return _empty_page()
    try:
        root, too_deep = _document(text, utf8)
        if too_deep:
            root = _document(limit_depth(text))[0]
    except (etree.ParserError, ValueError) as exc:
        try:
            root = _document("<html><body><pre>" + _escape(text) + "</pre></body></html>")[0]
        except (etree.ParserError, ValueError):
            raise InputError(f"cannot parse the input as HTML: {exc}") from exc
    if _holds_streamed_mark(text, utf8):
        place_streamed_segments(root)
    return root


# React's streaming server rendering (Next.js and others) sends the parts of a page that were not ready
# first as hidden <div id="S:n"> elements at the end of the body, and a script moves each into the place
# marked by <template id="B:n"> (its "boundary"). Left as sent, the part is hidden, and often it is the
# whole article (wcxb-dev: 30 of 1,358 pages have them; on 8 of those none of the gold main text was found).
_STREAMED_MARK = 'id="S:'


def _holds_streamed_mark(text: str, utf8: bytes | None) -> bool:
    """Whether the page holds _STREAMED_MARK: in its UTF-8 bytes by the compiled core when both are there
    (its 'S', rare in pages, looked for by memchr: 0.14 -> 0.02 ms a 250 KB page), else in its text."""
    core = accel.speedups()
    if utf8 is not None and core is not None:
        return core.holds(utf8, _STREAMED_MARK.encode(), 4)
    return _STREAMED_MARK in text


def place_streamed_segments(root: etree._Element) -> None:
    """Do what React's script does in a browser: move the children of each hidden streamed segment
    (div[hidden][id="S:n"]) to its boundary (template[id="B:n"]), and drop the emptied segment; a segment
    without a boundary is shown where it is."""
    segments = root.xpath('//div[@hidden][starts-with(@id, "S:")]')
    if not segments:
        return
    boundaries = {el.get("id"): el for el in root.iter("template") if (el.get("id") or "").startswith("B:")}
    for segment in segments:
        boundary = boundaries.get("B:" + segment.get("id")[2:])
        if boundary is None or boundary.getparent() is None or segment in boundary.iterancestors():
            del segment.attrib["hidden"]
            continue
        parent = boundary.getparent()
        after = boundary.tail
        boundary.tail = segment.text
        children = list(segment)
        for k, child in enumerate(children, start=parent.index(boundary) + 1):
            parent.insert(k, child)  # moves it out of the segment
        last = children[-1] if children else boundary
        last.tail = (last.tail or "") + (after or "") or None
        _remove_keeping_tail(segment)


def _remove_keeping_tail(el: etree._Element) -> None:
    """Remove an element from its parent; the text after it (its tail) stays where it was."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
