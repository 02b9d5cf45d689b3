"""What a page is made of: blocks, the page that holds them, and the label vocabulary every part of
storysift speaks.

A block is one paragraph of a page: the text run of a leaf-most block-level element (HTML) or a
blank-line-separated paragraph (plain text). A `Page` is a page's blocks with its kind. `segment` makes
pages; the model labels their blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# The four labels of LABELS.md, in the order of every probability column (story first).
LABELS: tuple[str, ...] = ("story", "nav", "disclaimer", "comment")
# The labels other than story: what the kind head tells apart.
KINDS: tuple[str, ...] = LABELS[1:]
# Training-only labels: a block known not to be story whose kind is unknown (public corpora mark only
# the main text), and a block whose label is unknown (it gives context but is not learned from).
OTHER = "other"
UNKNOWN = "?"

# What a page was read as: HTML (blocks have markup: tag, xpath, ancestors) or plain text (words only).
PageKind = Literal["html", "text"]
PAGE_KINDS: tuple[str, ...] = ("html", "text")


@dataclass
class Block:
    """One paragraph of a page, with what the model needs to know about its place in the page."""

    text: str
    tag: str = ""
    xpath: str | None = None
    tags: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()
    link_chars: int = 0
    gold: str | None = None
    label: str | None = None
    proba: dict[str, float] | None = field(default=None)
    kept: bool | None = None  # P(story) >= the threshold: what clean keeps (label is the model's own)

    def to_dict(self) -> dict:
        """The block as a JSON-ready dict (text, label, kept, proba, xpath, tag)."""
        return {
            "text": self.text,
            "label": self.label,
            "kept": self.kept,
            "proba": self.proba,
            "xpath": self.xpath,
            "tag": self.tag,
        }

    @property
    def in_story(self) -> bool:
        """Whether the story keeps this block: kept when known, else a story label (labeled pages)."""
        return self.kept if self.kept is not None else self.label == "story"


@dataclass
class Page:
    """A segmented page: its blocks in document order, what it was read as (html or text), and what an
    HTML page declares about itself (title, canonical_url, language, date; empty for plain text)."""

    blocks: list[Block]
    kind: PageKind
    meta: dict[str, str | None] = field(default_factory=dict)  # what the page declares (`metadata`)

    def __post_init__(self) -> None:
        if self.kind not in PAGE_KINDS:
            raise ValueError(f"a page's kind is 'html' or 'text', not {self.kind!r}")

    def __len__(self) -> int:
        return len(self.blocks)
