"""Render labeled blocks as text, JSON, or cleaned HTML."""

from __future__ import annotations

import html
import json

from .blocks import Block

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def as_text(blocks: list[Block]) -> str:
    """Story paragraphs separated by a blank line."""
    return "\n\n".join(b.text for b in blocks if b.label == "story")


def as_json(blocks: list[Block], source: str | None = None) -> str:
    """One JSON object: the source name, the story text and the story paragraphs."""
    story = [b.text for b in blocks if b.label == "story"]
    return json.dumps({"source": source, "text": "\n\n".join(story), "paragraphs": story}, ensure_ascii=False)


def as_html(blocks: list[Block], title: str | None = None) -> str:
    """A minimal HTML document holding the story blocks (headings stay headings, the rest are paragraphs)."""
    parts = ['<!DOCTYPE html>\n<html><head><meta charset="utf-8">']
    if title:
        parts.append(f"<title>{html.escape(title)}</title>")
    parts.append("</head><body><article>\n")
    for b in blocks:
        if b.label != "story":
            continue
        tag = b.tag if b.tag in _HEADINGS else ("pre" if b.tag == "pre" else "p")
        parts.append(f"<{tag}>{html.escape(b.text, quote=False)}</{tag}>\n")
    parts.append("</article></body></html>\n")
    return "".join(parts)


def block_records(blocks: list[Block]) -> list[str]:
    """JSON lines, one per block: index, text, label, proba, xpath, tag."""
    return [json.dumps({"index": i, **b.to_dict()}, ensure_ascii=False) for i, b in enumerate(blocks)]
