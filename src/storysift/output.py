"""Render labeled blocks as text, JSON, cleaned HTML, or a labeled page (the retraining format)."""

from __future__ import annotations

import html
import json

from lxml import etree

from .blocks import Block
from .metadata import FIELDS
from .parse import parse_html

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def as_text(blocks: list[Block]) -> str:
    """Story paragraphs separated by a blank line."""
    return "\n\n".join(b.text for b in blocks if b.in_story)


def as_json(blocks: list[Block], source: str | None = None, meta: dict | None = None) -> str:
    """One JSON object: the source name, what the page declares (title, canonical_url, language, date:
    null when absent), the story text and the story paragraphs."""
    story = [b.text for b in blocks if b.in_story]
    fields = {key: (meta or {}).get(key) for key in FIELDS}
    return json.dumps({"source": source, **fields, "text": "\n\n".join(story), "paragraphs": story}, ensure_ascii=False)


def as_html(blocks: list[Block], title: str | None = None, language: str | None = None) -> str:
    """A minimal HTML document holding the story blocks (headings stay headings, the rest are paragraphs),
    with the page's title and language when it declares them."""
    lang = f' lang="{html.escape(language, quote=True)}"' if language else ""
    parts = [f'<!DOCTYPE html>\n<html{lang}><head><meta charset="utf-8">']
    if title:
        parts.append(f"<title>{html.escape(title)}</title>")
    parts.append("</head><body><article>\n")
    for b in blocks:
        if not b.in_story:
            continue
        tag = b.tag if b.tag in _HEADINGS else ("pre" if b.tag == "pre" else "p")
        parts.append(f"<{tag}>{html.escape(b.text, quote=False)}</{tag}>\n")
    parts.append("</article></body></html>\n")
    return "".join(parts)


def block_records(blocks: list[Block]) -> list[str]:
    """JSON lines, one per block: index, text, label, kept, proba, xpath, tag."""
    return [json.dumps({"index": i, **b.to_dict()}, ensure_ascii=False) for i, b in enumerate(blocks)]


def _element_at(root: etree._Element, xpath: str) -> etree._Element | None:
    """The element a block's xpath names (steps like `div[2]` count same-tag element siblings, as `segment`
    writes them), or None."""
    el = root
    steps = [s for s in xpath.split("/") if s]
    if steps and steps[0] == (root.tag if isinstance(root.tag, str) else "").lower():
        steps = steps[1:]
    for step in steps:
        tag, _, rest = step.partition("[")
        nth = int(rest[:-1]) if rest else 1
        same = [c for c in el if isinstance(c.tag, str) and c.tag.lower() == tag]
        if len(same) < nth:
            return None
        el = same[nth - 1]
    return el


def _set_utf8_charset(root: etree._Element) -> None:
    """Drop the page's charset declarations and declare UTF-8 (the output is written as UTF-8)."""
    for meta in root.iter("meta"):
        if meta.get("charset") is not None or (meta.get("http-equiv") or "").lower() == "content-type":
            meta.getparent().remove(meta)
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    head.insert(0, etree.Element("meta", charset="utf-8"))


def as_labeled_html(page_text: str, blocks: list[Block]) -> str:
    """The page's own HTML with each block's label as a `data-label` attribute on its element: the labeled
    page format of `storysift train` and `evaluate` (a start for labeling by hand). Blocks that share an
    element (text runs around a nested block) give it the label of most of their characters."""
    root = parse_html(page_text)
    for el in root.iter():
        if isinstance(el.tag, str) and "data-label" in el.attrib:
            del el.attrib["data-label"]
    chars: dict[str, dict[str, int]] = {}
    for b in blocks:
        by_label = chars.setdefault(b.xpath or "/", {})
        by_label[b.label or "nav"] = by_label.get(b.label or "nav", 0) + len(b.text)
    for xpath, by_label in chars.items():
        el = _element_at(root, xpath)
        if el is not None:
            el.set("data-label", max(by_label.items(), key=lambda kv: kv[1])[0])
    _set_utf8_charset(root)
    return etree.tostring(root, method="html", encoding="unicode", doctype="<!DOCTYPE html>")


def as_labeled_text(blocks: list[Block]) -> str:
    """A plain-text page in the labeled format: `@label text` blocks separated by blank lines."""
    return "\n\n".join(f"@{b.label} {b.text}" for b in blocks)
