"""Which character encoding page bytes are in, and their text.

The order (the browsers' order from the WHATWG HTML standard, with one step added, marked *):
  1. the encoding the caller forces (`--encoding`, `Options(encoding=...)`);
  2. a byte-order mark (UTF-8, UTF-16, UTF-32), or the NUL pattern of BOM-less UTF-16;
  3. * bytes that are valid UTF-8 (or nearly: at most 2% of the non-ASCII characters broken) are UTF-8,
     whatever is declared: legacy 8-bit text almost never forms valid multi-byte UTF-8 by chance, while
     UTF-8 pages declared as latin-1 or windows-1252 are common in crawls;
  4. the charset of the transport: the HTTP Content-Type header (a WARC response's, a JSONL record's
     `content_type` or `headers` field);
  5. a meta charset / http-equiv or XML declaration in the first 4 KiB;
  6. detection by charset-normalizer (a maintained detector made for this), when at least 1% of the
     bytes are non-ASCII (fewer: a few signs in Western text, where detectors guess wildly);
  7. windows-1252, the browsers' fallback for Western locales.
Labels map to codecs as browsers map them (w3lib's table after the WHATWG Encoding Standard): latin-1 and
ascii are windows-1252, gb2312 and gbk are gb18030, euc-kr is windows-949, shift_jis is windows-31j.
A declaration of UTF-8 over bytes that are not UTF-8, or of UTF-16 in ASCII bytes, is ignored.
"""

from __future__ import annotations

import codecs
import logging
import re

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

log = logging.getLogger(__name__)

# a meta charset declaration, for labels that w3lib's declaration reader (>= 2.6, WHATWG labels only)
# passes over though its label table knows them ("latin-1")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# the WHATWG gbk decoder is the gb18030 decoder; w3lib >= 2.6 names it gbk, whose Python codec is narrower
DECODERS = {"gbk": "gb18030"}
DETECT_BYTES = 64 * 1024  # detection reads the first 64 KiB: enough text, bounded time
# Below this share of non-ASCII bytes, a page is Western text with a few signs (£, ©, curly quotes),
# where detectors guess wildly (cp1250, mac-roman, big5 for three bytes) and windows-1252 is right.
DETECT_MIN_SHARE = 0.01
UTF8_BROKEN_SHARE = 0.02
# What detection may answer: the legacy encodings of the WHATWG Encoding Standard (what browsers read),
# windows-1252 first so that it wins ties; other codecs only fit short texts by accident.
WEB_ENCODINGS = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp874",
    "koi8_r", "koi8_u", "iso8859_2", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8",
    "iso8859_10", "iso8859_13", "iso8859_15", "iso8859_16", "mac_roman", "mac_cyrillic", "cp866",
    "gb18030", "big5hkscs", "euc_jp", "iso2022_jp", "cp932", "cp949",
)  # fmt: skip


def looks_like_utf16(data: bytes) -> str | None:
    """BOM-less UTF-16 by the pattern of NUL bytes in ASCII-heavy text."""
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


def _usable(label: str | None) -> str | None:
    """A declared label as a Python codec, or None when it cannot apply to ASCII-compatible bytes."""
    if not label:
        return None
    name = resolve_encoding(label)
    name = DECODERS.get(name, name)
    if name is None or name.startswith(("utf-16", "utf-32")):  # declared in ASCII bytes: not UTF-16
        return None
    return name


def _meta_label(head: bytes) -> str | None:
    """The charset label the page's head declares (meta charset or http-equiv, XML declaration)."""
    label = html_body_declared_encoding(head)
    if label is None:
        match = META_CHARSET.search(head)
        label = match.group(1).decode("ascii") if match else None
    return label


def _detected(data: bytes) -> str | None:
    """charset-normalizer's best guess for the first DETECT_BYTES, as a Python codec name."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECT_BYTES], cp_isolation=list(WEB_ENCODINGS)).best()
    if best is None:
        return None
    try:
        return codecs.lookup(best.encoding).name
    except LookupError:
        return None


def _high_share(data: bytes) -> float:
    """The share of bytes above 127: the text a detector has to go on."""
    return (len(data) - len(data.translate(None, bytes(range(128, 256))))) / max(1, len(data))


def _nearly_utf8(data: bytes) -> bool:
    """Bytes that are not valid UTF-8 but nearly: at most UTF8_BROKEN_SHARE of their non-ASCII characters
    broken (a page spliced from parts, or cut inside its last character). Legacy 8-bit text breaks at
    almost every non-ASCII byte."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", errors="ignore"))
    return broken <= UTF8_BROKEN_SHARE * wide


def _find_encoding(data: bytes, forced: str | None, content_type: str | None) -> tuple[str, str, str | None]:
    """`encoding_of`'s answer, and the text when the answer came from decoding valid UTF-8 (ASCII
    included), so that `decode_exact` need not decode the bytes again."""
    if forced:
        return codecs.lookup(forced).name, "forced", None
    bom, _ = read_bom(data)
    if bom:
        return codecs.lookup(bom).name, "bom", None
    utf16 = looks_like_utf16(data)
    if utf16:
        return utf16, "bom", None
    try:
        return "utf-8", "utf-8", data.decode("utf-8")  # every ASCII-compatible encoding reads ASCII alike
    except UnicodeDecodeError:
        pass
    if _nearly_utf8(data):
        return "utf-8", "utf-8", None
    for source, label in (
        ("http", http_content_type_encoding(content_type) if content_type else None),
        ("meta", _meta_label(data[:4096])),
    ):
        name = _usable(label)
        if name and name != "utf-8":
            return name, source, None
    if _high_share(data[:DETECT_BYTES]) >= DETECT_MIN_SHARE:
        detected = _detected(data)
        if detected:
            return detected, "detected", None
    return "cp1252", "default", None


def encoding_of(data: bytes, *, forced: str | None = None, content_type: str | None = None) -> tuple[str, str]:
    """(codec name, where it came from) for page bytes: forced, bom, utf-8, http, meta, detected, default."""
    name, source, _ = _find_encoding(data, forced, content_type)
    return name, source


def decode(data: bytes, encoding: str | None = None, *, content_type: str | None = None) -> str:
    """Page bytes as text, in the encoding `encoding_of` finds; never fails (bad bytes become U+FFFD)."""
    return decode_exact(data, encoding, content_type=content_type)[0]


def decode_exact(data: bytes, encoding: str | None = None, *, content_type: str | None = None) -> tuple[str, bool]:
    """`decode`'s text, and whether that text is exactly `data` read as UTF-8 (valid UTF-8 without a BOM,
    not forced to another encoding): then its UTF-8 encoding is `data` itself. Valid UTF-8 is decoded once,
    by the encoding check itself."""
    name, source, text = _find_encoding(data, encoding, content_type)
    log.debug("decoding %d bytes as %s (%s)", len(data), name, source)
    if text is not None:
        return text, True
    if source == "bom":
        _, bom = read_bom(data)
        data = data[len(bom or b"") :]
    return data.decode(name, errors="replace"), False
