"""From a page (HTML bytes/str or plain text) to its blocks: the one entry point the rest uses."""

from __future__ import annotations

from .blocks import Block, html_blocks, text_blocks
from .parse import DEFAULT_MAX_BYTES, Kind, Page, is_html, parse_html, to_text


def segment(page: Page, *, kind: Kind = "auto", encoding: str | None = None,
            max_bytes: int = DEFAULT_MAX_BYTES, with_gold: bool = False) -> list[Block]:
    """Blocks of a page in document order. kind: "html", "text" or "auto" (decide by looking)."""
    text = to_text(page, encoding=encoding, max_bytes=max_bytes)
    if kind == "text" or (kind == "auto" and not is_html(text)):
        return text_blocks(text)
    return html_blocks(parse_html(text), with_gold=with_gold)
