"""Turn a page's gold main text into per-block story labels by shingle alignment, with checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..blocks import OTHER, UNKNOWN, Block
from .textmatch import tokens


@dataclass
class Alignment:
    """Block labels from gold text, and how much of the gold text the story blocks cover."""

    labels: list[str]
    coverage: float


def _shingle_set(toks: list[str], n: int = 4) -> set[tuple[str, ...]]:
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def align(
    blocks: Sequence[Block], gold: str, *, without: Sequence[str] = (), min_share: float = 0.5, window: int = 3
) -> Alignment:
    """Label blocks `story` where most of their 4-grams occur in the gold text, else `other`.

    Blocks of one to three words are story only when the phrase occurs in the gold text and a long
    story block lies within `window` blocks. Blocks holding a `without` snippet are never story.
    """
    gold_toks = tokens(gold)
    gold_set = _shingle_set(gold_toks)
    gold_str = " " + " ".join(gold_toks) + " "
    block_toks = [tokens(b.text) for b in blocks]
    labels = [OTHER] * len(blocks)
    long_story = [False] * len(blocks)
    covered: set[tuple[str, ...]] = set()
    for i, toks in enumerate(block_toks):
        if len(toks) >= 4:
            sh = _shingle_set(toks)
            hit = sh & gold_set
            if len(hit) >= min_share * len(sh):
                labels[i] = "story"
                long_story[i] = True
                covered |= hit
    for i, toks in enumerate(block_toks):
        if 0 < len(toks) < 4 and (" " + " ".join(toks) + " ") in gold_str:
            lo, hi = max(0, i - window), min(len(blocks), i + window + 1)
            if any(long_story[lo:hi]):
                labels[i] = "story"
    if without:
        snippets = [" " + " ".join(tokens(s)) + " " for s in without if tokens(s)]
        for i, toks in enumerate(block_toks):
            text = " " + " ".join(toks) + " "
            if labels[i] == "story" and any(s in text for s in snippets):
                labels[i] = OTHER
    coverage = len(covered) / len(gold_set) if gold_set else 0.0
    return Alignment(labels, coverage)


def headline_as_story(blocks: Sequence[Block], labels: Sequence[str], max_gap: int = 12) -> list[str]:
    """labels with the page's headline as `story`, as LABELS.md counts it, where the gold text left it out.

    Some corpora's gold omits the title (about half of wcxb-dev's and mozilla-readability's pages), so
    alignment calls the headline `other` on one page and `story` on the next, and a model trained on both
    learns neither. The headline is the last `h1` before the first story block, at most `max_gap` blocks
    above it (a byline, date and share buttons may sit between), and not mostly link text (a logo)."""
    out = list(labels)
    first = next((i for i, label in enumerate(out) if label == "story"), None)
    if first is None:
        return out
    for i in range(first - 1, max(-1, first - 1 - max_gap), -1):
        b = blocks[i]
        if b.tag == "h1":
            if out[i] == OTHER and b.link_chars * 2 <= len(b.text):
                out[i] = "story"
            break
    return out


def snippet_labels(
    blocks: Sequence[Block], with_: Sequence[str], without: Sequence[str], comments: Sequence[str] = ()
) -> list[str]:
    """Partial labels from snippets: story where a `with` snippet lies, other for `without`,
    comment for comment snippets, unknown (`?`) elsewhere."""

    def norm(s: str) -> str:
        return " " + " ".join(tokens(s)) + " "

    texts = [norm(b.text) for b in blocks]
    labels = [UNKNOWN] * len(blocks)
    for snippets, label in ((with_, "story"), (without, OTHER), (comments, "comment")):
        for s in snippets or ():
            s_norm = norm(s)
            if len(s_norm.split()) < 2:
                continue
            for i, t in enumerate(texts):
                if s_norm in t:
                    labels[i] = label
    return labels
