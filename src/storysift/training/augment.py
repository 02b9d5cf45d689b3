"""Training-data augmentation: pages whose comment section is many times longer than their story.

Blog and news pages of the 2010s often print hundreds of reader comments under a short article; the
pages the shipped model learns from rarely do. A model that has only seen comment sections smaller than
the article learns, through its context features (which container holds most of the text, which element
Readability would pick), that the biggest text region is the story. `with_long_comment_sections` adds
copies of training pages whose comment section is repeated, item by item, until it outweighs the story
several times over, with the copied blocks keeping their labels and markup. The copied comments take
their texts from all the training pages' comment sections, each once before any repeats: copied word for
word, they would teach the model that a text printed twice on a page is a comment, which no real thread
shows.

On by default for the shipped model (`trainer.DEFAULT_PARAMS`). Measured as `bench/long_comments.py`
does (the held-out side of the trainer's split, comment sections lengthened to 10 x the story with the
held-out pages' own comment texts; models seeded 0 and 1): block macro F1 of the 3 lengthened data/ pages
0.907 / 0.919 when training refilled its copies, 0.883 / 0.731 when it copied comments word for word
(one draw of texts; `python bench/long_comments.py` on the held-out model of `python train.py` with
`--held-out-model` draws another and gives 0.904).
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from collections.abc import Callable, Sequence

import numpy as np

from ..blocks import OTHER, Block, Page
from .sets import TrainingPage

_COMMENT_TOKEN_RE = re.compile(r"\bcomment(s|list|body|text|content)?\b")
_STEP_RE = re.compile(r"^([^\[]+)(?:\[(\d+)\])?$")
MARKUP_LEVELS = 4
MAX_ADDED_BLOCKS = 800
MIN_ITEMS = 3
MIN_SENTENCE = 40


def _in_comment_markup(block: Block) -> bool:
    return any(_COMMENT_TOKEN_RE.search(t) for t in block.tokens[:MARKUP_LEVELS] if t)


def comment_section(blocks: Sequence[Block], labels: Sequence[str], complete: bool) -> tuple[int, int] | None:
    """(first, last) block indices of the page's longest run of comment-section blocks, or None.

    On a labeled page the section is its `comment` blocks; on a corpus page, blocks labeled `comment` or
    non-story blocks inside elements whose class/id names a comment. Runs may skip up to two other
    non-story blocks (reply links, separators) but never a story block."""

    def member(i: int) -> bool:
        if labels[i] == "comment":
            return True
        return not complete and labels[i] == OTHER and _in_comment_markup(blocks[i])

    best: tuple[int, int] | None = None
    best_chars = 0
    i, n = 0, len(blocks)
    while i < n:
        if not member(i):
            i += 1
            continue
        j = last = i
        while j + 1 < n and labels[j + 1] != "story" and j + 1 - last <= 3:
            j += 1
            if member(j):
                last = j
        chars = sum(len(b.text) for b in blocks[i : last + 1])
        if last > i and chars > best_chars:
            best, best_chars = (i, last), chars
        i = last + 1
    return best


def _steps(xpath: str) -> list[str]:
    return xpath.strip("/").split("/")


def section_items(blocks: Sequence[Block], first: int, last: int) -> tuple[list[str], list[list[int]]] | None:
    """The element holding the section's items (as xpath steps) and the block indices of each item.

    Of the ancestors inside the section that hold at least half its text, the one with the most children
    of one tag (the <li>s of an <ol class="commentlist">, the <div class="comment">s of a thread); only
    those children are items, so a "12 comments" heading or the reply form beside them is not one."""
    idx = [i for i in range(first, last + 1) if blocks[i].xpath]
    if len(idx) < 2:
        return None
    paths = {i: _steps(blocks[i].xpath) for i in idx}
    total = sum(len(blocks[i].text) for i in idx) or 1
    start = len(os.path.commonprefix([paths[i] for i in idx]))  # noqa: RUF071 (lists of steps: element-wise)
    best: tuple[int, list[str], list[list[int]]] | None = None
    for prefix in sorted({tuple(paths[i][:d]) for i in idx for d in range(start, len(paths[i]))}, key=len):
        depth = len(prefix)
        groups: dict[str, list[int]] = {}
        for i in idx:
            if len(paths[i]) > depth and tuple(paths[i][:depth]) == prefix:
                groups.setdefault(paths[i][depth], []).append(i)
        tags: dict[str, list[list[int]]] = {}
        for step, members in groups.items():
            tags.setdefault(_STEP_RE.match(step).group(1), []).append(members)
        items = max(tags.values(), key=len, default=[])
        chars = sum(len(blocks[i].text) for g in items for i in g)
        if len(items) >= MIN_ITEMS and chars >= 0.5 * total and (best is None or len(items) > best[0]):
            best = (len(items), list(prefix), items)
    return None if best is None else (best[1], best[2])


def _has_comment_text(blocks: Sequence[Block], items: list[list[int]]) -> bool:
    """Most items hold a sentence (40+ characters in one block): comments, not form fields."""
    return sum(any(len(blocks[i].text) >= MIN_SENTENCE for i in g) for g in items) >= 0.5 * len(items)


def _renumbered(block: Block, depth: int, step: str) -> Block:
    parts = _steps(block.xpath or "")
    parts[depth] = step
    return dataclasses.replace(block, xpath="/" + "/".join(parts))


def _refilled(block: Block, text: str) -> Block:
    links = round(block.link_chars * len(text) / max(len(block.text), 1))
    return dataclasses.replace(block, text=text, link_chars=min(links, len(text)))


def lengthen_comments(
    blocks: list[Block], labels: list[str], complete: bool, ratio: float, fill: Callable[[], str] | None = None
) -> tuple[list[Block], list[str]] | None:
    """The page with its comment section's items repeated until the section has `ratio` times the
    story's characters (at most MAX_ADDED_BLOCKS blocks added), or None if the page has no comment
    section made of repeated items. The copies follow the last item, under the same parent, numbered on.

    With `fill`, a copied block of a sentence or more (MIN_SENTENCE characters) takes the text fill()
    returns instead of its own: a real thread does not repeat its comments word for word, and a model
    that learned from verbatim copies could learn "text seen twice on the page" instead of the thread."""
    found = comment_section(blocks, labels, complete)
    if found is None:
        return None
    items = section_items(blocks, *found)
    if items is None:
        return None
    prefix, groups = items
    if not _has_comment_text(blocks, groups):
        return None
    depth = len(prefix)
    section_chars = sum(len(blocks[i].text) for g in groups for i in g)
    story_chars = sum(len(b.text) for b, y in zip(blocks, labels) if y == "story") or 1
    rounds = math.ceil(ratio * story_chars / max(section_chars, 1)) - 1
    if rounds < 1:
        return None
    head = "/" + "/".join(prefix) + "/"
    under = [i for i, b in enumerate(blocks) if (b.xpath or "").startswith(head)]
    used: dict[str, int] = {}
    for i in under:
        tag, num = _STEP_RE.match(_steps(blocks[i].xpath)[depth]).groups()
        used[tag] = max(used.get(tag, 0), int(num or 1))
    added_blocks: list[Block] = []
    added_labels: list[str] = []
    for _ in range(rounds):
        for group in groups:
            tag = _STEP_RE.match(_steps(blocks[group[0]].xpath)[depth]).group(1)
            used[tag] += 1
            for i in group:
                copy = _renumbered(blocks[i], depth, f"{tag}[{used[tag]}]")
                if fill is not None and len(copy.text) >= MIN_SENTENCE:
                    copy = _refilled(copy, fill())
                added_blocks.append(copy)
                added_labels.append(labels[i])
        if len(added_blocks) >= MAX_ADDED_BLOCKS:
            break
    at = under[-1] + 1
    return blocks[:at] + added_blocks + blocks[at:], labels[:at] + added_labels + labels[at:]


def comment_texts(pages: Sequence[TrainingPage]) -> list[str]:
    """The sentence-long texts (MIN_SENTENCE characters or more) of the pages' comment sections
    (`comment_section`), in page order: what `lengthened_copy` fills copied comments with."""
    out: list[str] = []
    for page in pages:
        if not page.blocks or page.kind == "text":
            continue
        found = comment_section(page.blocks, page.labels, page.complete)
        if found is not None:
            out.extend(
                b.text
                for b, y in zip(page.blocks[found[0] : found[1] + 1], page.labels[found[0] : found[1] + 1])
                if y != "story" and len(b.text) >= MIN_SENTENCE
            )
    return out


def lengthened_copy(page: TrainingPage, ratio: float, fill: Callable[[], str] | None = None) -> TrainingPage | None:
    """A copy of an HTML page with its comment section lengthened to `ratio` x its story
    (`lengthen_comments`, copied comments' texts from fill when given), with blocks of its own; None for
    plain text or a page without such a section."""
    if not page.blocks or page.kind == "text":
        return None
    result = lengthen_comments(page.blocks, page.labels, page.complete, ratio, fill)
    if result is None:
        return None
    blocks, labels = result
    return dataclasses.replace(
        page,
        page_id=page.page_id + "#long-comments",
        page=Page([dataclasses.replace(b) for b in blocks], "html"),
        labels=labels,
    )


def text_drawer(pool: list[str], rng: np.random.Generator) -> Callable[[], str]:
    """A fill for `lengthen_comments`: the pool's texts in a random order, each once before any repeats."""
    order: list[int] = []

    def fill() -> str:
        if not order:
            order.extend(rng.permutation(len(pool)).tolist())
        return pool[order.pop()]

    return fill


def with_long_comment_sections(
    pages: Sequence[TrainingPage],
    seed: int = 0,
    ratios: tuple[float, float] = (2.0, 30.0),
    extra_texts: Sequence[str] = (),
) -> list[TrainingPage]:
    """pages plus, for each HTML page with a comment section of repeated items, a copy whose section is
    lengthened to a random multiple (log-uniform over `ratios`) of its story's length, the copied
    comments' texts drawn from all the pages' comment sections (`comment_texts`) and the sentence-long
    ones of `extra_texts` (comments from elsewhere). Inputs unchanged."""
    rng = np.random.default_rng(seed)
    pool = sorted(set(comment_texts(pages)) | {t for t in extra_texts if len(t) >= MIN_SENTENCE})
    fill_rng = np.random.default_rng(seed + 1)
    out = list(pages)
    for page in pages:
        if not page.blocks or page.kind == "text":
            continue  # plain text: no draw, so each HTML page's ratio stays what the shipped model saw
        ratio = float(np.exp(rng.uniform(math.log(ratios[0]), math.log(ratios[1]))))
        copy = lengthened_copy(page, ratio, text_drawer(pool, fill_rng) if pool else None)
        if copy is not None:
            out.append(copy)
    return out
