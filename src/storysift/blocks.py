"""What a page is made of: blocks, and the label vocabulary every part of storysift speaks.

A block is one paragraph of a page: the text run of a leaf-most block-level element (HTML) or a
blank-line-separated paragraph (plain text). `segment` makes them; the model labels them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The four labels of LABELS.md, in the order of every probability column (story first).
LABELS: tuple[str, ...] = ("story", "nav", "disclaimer", "comment")
# The labels other than story: what the kind head tells apart.
KINDS: tuple[str, ...] = LABELS[1:]
# Training-only labels: a block known not to be story whose kind is unknown (public corpora mark only
# the main text), and a block whose label is unknown (it gives context but is not learned from).
OTHER = "other"
UNKNOWN = "?"


@dataclass
class Block:
    """One paragraph of a page, with what the model needs to know about its place in the page."""

    text: str
    tag: str = ""
    xpath: str | None = None
    tags: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()
    link_chars: int = 0
    index: int = 0
    gold: str | None = None
    label: str | None = None
    proba: dict[str, float] | None = field(default=None)

    def to_dict(self) -> dict:
        """The block as a JSON-ready dict (text, label, proba, xpath, tag)."""
        return {"text": self.text, "label": self.label, "proba": self.proba, "xpath": self.xpath, "tag": self.tag}
