"""A readability-style content score per element, as features for the classifier.

Readability (Arc90, and Mozilla's Readability.js after it) picks one element as the article: every
paragraph of some length scores its parent and grandparent by its commas and length; an element's class
and id names add or take away; the score is scaled down by the element's link density, and the best
element wins. It is a strong prior on old-style pages, where one container holds the article. Here the
same idea runs over a page's blocks and gives each block: whether it lies inside the winning element, how
its best-scoring ancestor compares with the winner, and how strong the winner is.
"""

from __future__ import annotations

import re

import numpy as np

from . import accel
from .blocks import Page

CANDIDATE_NAMES = ("in_top_element", "best_ancestor_over_top", "log_top_score")
MIN_CHARS = 25
# class/id word pieces that make an element more or less likely to hold the article
POSITIVE = ("article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story")
NEGATIVE = (
    "comment",
    "footer",
    "foot",
    "masthead",
    "meta",
    "promo",
    "related",
    "sidebar",
    "sponsor",
    "shopping",
    "share",
    "social",
    "tags",
    "widget",
    "banner",
    "nav",
    "menu",
    "combx",
    "contact",
)
TAG_WEIGHTS = {
    "div": 5.0,
    "article": 5.0,
    "pre": 3.0,
    "td": 3.0,
    "blockquote": 3.0,
    "section": 2.0,
    "form": -3.0,
    "ol": -3.0,
    "ul": -3.0,
    "dl": -3.0,
    "li": -3.0,
    "address": -3.0,
    "th": -5.0,
    "header": -5.0,
    "footer": -5.0,
    "nav": -5.0,
    "aside": -5.0,
    "h1": -5.0,
    "h2": -5.0,
    "h3": -5.0,
    "h4": -5.0,
}
# any of the word pieces anywhere in an element's class/id tokens (one search instead of a test per piece)
_NEGATIVE_RE = re.compile("|".join(map(re.escape, NEGATIVE)))
_POSITIVE_RE = re.compile("|".join(map(re.escape, POSITIVE)))
# a paragraph's score goes to its ancestors 1, 2 and 3 levels up, divided by these
LEVEL_DIVIDERS = (1.0, 2.0, 6.0)


def _class_weight(tokens: str) -> float:
    weight = 0.0
    if _NEGATIVE_RE.search(tokens):
        weight -= 25.0
    if _POSITIVE_RE.search(tokens):
        weight += 25.0
    return weight


def _paragraph_score(text: str) -> float:
    commas = text.count(",") + text.count("，") + text.count("、")
    return 1.0 + commas + min(len(text) / 100.0, 3.0)


def candidate_features(page: Page, chars: np.ndarray, links: np.ndarray) -> np.ndarray:
    """Per block (columns CANDIDATE_NAMES): inside the top-scoring element (0/1); its best-scoring ancestor's
    score over the top score; log(1 + top score). Zeros for plain text, which has no elements."""
    blocks = page.blocks
    n = len(blocks)
    out = np.zeros((n, len(CANDIDATE_NAMES)))
    if n == 0 or page.kind == "text":
        return out
    core = accel.speedups()
    if core is not None:  # the same loops, compiled
        chars = np.ascontiguousarray(chars, dtype=np.float64)
        links = np.ascontiguousarray(links, dtype=np.float64)
        dividers = np.asarray(LEVEL_DIVIDERS, dtype=np.float64)
        core.candidate_features(list(blocks), chars, links, _class_weight, TAG_WEIGHTS, MIN_CHARS, dividers, out)
        return out
    # path -> [score, first block index, last block index]
    found: dict[str, list] = {}
    ancestors: list[list[str]] = []
    for i, b in enumerate(blocks):
        path = b.xpath or ""
        mine = []
        score = _paragraph_score(b.text) if chars[i] >= MIN_CHARS else 0.0
        for level, divider in enumerate(LEVEL_DIVIDERS, start=1):
            cut = path.rfind("/")
            if cut <= 0:
                break
            path = path[:cut]
            mine.append(path)
            if not score:
                continue
            entry = found.get(path)
            if entry is None:
                tokens = b.tokens[level] if level < len(b.tokens) else ""
                tag = b.tags[-1 - level] if level < len(b.tags) else ""
                entry = found[path] = [_class_weight(tokens) + TAG_WEIGHTS.get(tag, 0.0), i, i]
            entry[0] += score / divider
            entry[2] = i
        ancestors.append(mine)
    if not found:
        return out
    csum_chars = np.concatenate([[0.0], np.cumsum(chars)])
    csum_links = np.concatenate([[0.0], np.cumsum(links)])
    final: dict[str, float] = {}
    for path, (score, lo, hi) in found.items():
        prefix = path + "/"
        while lo > 0 and (blocks[lo - 1].xpath or "").startswith(prefix):
            lo -= 1
        while hi + 1 < n and (blocks[hi + 1].xpath or "").startswith(prefix):
            hi += 1
        total = csum_chars[hi + 1] - csum_chars[lo]
        density = (csum_links[hi + 1] - csum_links[lo]) / total if total else 0.0
        final[path] = score * (1.0 - density)
    top_path = max(final, key=final.__getitem__)
    top = final[top_path]
    top_prefix = top_path + "/"
    for i, b in enumerate(blocks):
        out[i, 0] = (b.xpath or "").startswith(top_prefix)
        scores = [final[p] for p in ancestors[i] if p in final]
        if scores and top > 0:
            out[i, 1] = max(scores) / top
    out[:, 2] = np.log1p(max(top, 0.0))
    return out
