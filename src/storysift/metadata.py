"""What a page declares about itself: title, canonical URL, language and publication date.

Read only from the page's own markup (standard meta tags, `<title>`, the first `<h1>`, `<html lang>`,
`<link rel="canonical">`); a field the page does not declare is None, never guessed from the story text.
"""

from __future__ import annotations

from lxml import etree

FIELDS = ("title", "canonical_url", "language", "date")
_TITLE_META = ("og:title", "twitter:title")
_URL_META = ("og:url",)
_LANGUAGE_META = ("content-language", "og:locale", "dc.language", "language")
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
)
_MAX_CHARS = 500


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())[:_MAX_CHARS]
    return value or None


def _meta_values(root: etree._Element) -> dict[str, str]:
    """The page's meta tags by lower-cased name, property, http-equiv or itemprop (first one wins)."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "http-equiv", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key and key not in found:
                found[key] = content
    return found


def _first(values: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = _clean(values.get(key))
        if value:
            return value
    return None


def _canonical(root: etree._Element) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return _clean(link.get("href"))
    return None


def _text_of_first(root: etree._Element, tag: str) -> str | None:
    for el in root.iter(tag):
        return _clean("".join(el.itertext()))
    return None


def page_metadata(root: etree._Element) -> dict[str, str | None]:
    """title (og:title, else <title>, else the first h1), canonical_url (link rel=canonical, else og:url),
    language (<html lang>, else Content-Language / og:locale meta), date (article:published_time and other
    standard publication-date metas); None where the page declares nothing."""
    values = _meta_values(root)
    language = _clean(root.get("lang") or root.get("xml:lang")) or _first(values, _LANGUAGE_META)
    return {
        "title": _first(values, _TITLE_META) or _text_of_first(root, "title") or _text_of_first(root, "h1"),
        "canonical_url": _canonical(root) or _first(values, _URL_META),
        "language": language,
        "date": _first(values, _DATE_META),
    }
