"""Prepare training pages for fitting (plain-text copies, weak labels, long-comment copies) and fit."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence

from .. import features
from ..blocks import OTHER, Block, Page
from ..model import BlockClassifier
from .augment import with_long_comment_sections
from .sets import TrainingPage

log = logging.getLogger(__name__)


def text_only(page: TrainingPage, crop: tuple[int, int] | None = None) -> TrainingPage:
    """The page as a plain-text scrape would give it: the same blocks with no markup information.

    crop=(before, after) keeps only the blocks from `before` blocks ahead of the first story block to
    `after` blocks past the last one, as a scraper that cut roughly around the article would.
    """
    lo, hi = 0, len(page.blocks)
    if crop is not None:
        story = [i for i, label in enumerate(page.labels) if label == "story"]
        if story:
            lo, hi = max(0, story[0] - crop[0]), min(len(page.blocks), story[-1] + crop[1] + 1)
    blocks = [Block(text=b.text, gold=b.gold) for b in page.blocks[lo:hi]]
    return TrainingPage(
        page.source,
        page.page_id + "#text",
        page.group,
        Page(blocks, "text"),
        list(page.labels[lo:hi]),
        page.gold_text,
        page.complete,
        page.ref,
    )


def with_text_copies(
    pages: Sequence[TrainingPage], every: int, crop: tuple[int, int] | None = None
) -> list[TrainingPage]:
    """pages plus a text-only copy of every `every`-th HTML page (so the model also learns plain text)."""
    out = list(pages)
    html_pages = [p for p in pages if p.blocks and p.kind == "html"]
    out.extend(text_only(p, crop) for p in html_pages[::every])
    return out


def with_real_text_copies(
    pages: Sequence[TrainingPage], copies: int = 1, crop: tuple[int, int] = (4, 40)
) -> list[TrainingPage]:
    """pages plus, for each real page labeled block by block (a sidecar's: the project's own pages come with
    plain-text scrapes of their own), `copies` - 1 more copies of it and `copies` plain-text copies, every
    other one whole and the others cropped around the story, as scrapers give pages. Copies keep the
    page's group, so out-of-fold predictions never see their original."""
    real = [p for p in pages if p.ref is not None and p.kind == "html"]
    extra = [dataclasses.replace(p, page_id=f"{p.page_id}#copy{k}") for k in range(1, copies) for p in real]
    texts = [text_only(p, None if i % 2 == 0 else crop) for i, p in enumerate(real * copies)]
    return list(pages) + extra + texts


def with_own_text_copies(pages: Sequence[TrainingPage], copies: int) -> list[TrainingPage]:
    """`copies` copies of each of the project's own plain-text pages among pages (labeled pages with no
    corpus page behind them); the copies keep their page's group."""
    own = [p for p in pages if p.complete and p.ref is None and p.kind == "text"]
    return [dataclasses.replace(p, page_id=f"{p.page_id}#own{k}") for k in range(1, copies + 1) for p in own]


def stack_pages(pages: Sequence[TrainingPage]) -> tuple[list[Page], list[str]]:
    """The segmented pages and their blocks' labels, page after page: a BlockClassifier's X and y."""
    return [p.page for p in pages], [label for p in pages for label in p.labels]


WEAK_NAV_LINK_SHARE = 0.6
# cues of a disclaimer: a link with one of these ("Privacy Policy", "Impressum", "© 2024 ...") is not nav
NOT_NAV_CUES = [features.CUES.index(name) for name in ("copyright", "legal", "credit")]


def _link_dominated(block: Block) -> bool:
    return bool(block.text) and block.link_chars > WEAK_NAV_LINK_SHARE * len(block.text)


def with_weak_nav(pages: Sequence[TrainingPage], every: int) -> list[TrainingPage]:
    """Corpus pages with every `every`-th link-dominated block of unknown kind ("other", over
    WEAK_NAV_LINK_SHARE of its characters in links) labeled nav, so that the kind head also learns
    from real pages' menus and link lists, not only from the project's pages. Links with a disclaimer's
    cue words (legal, copyright, credit: `NOT_NAV_CUES`) stay of unknown kind. Inputs are not changed."""
    out = []
    seen = 0
    for page in pages:
        labels = list(page.labels)
        links = [i for i, (b, label) in enumerate(zip(page.blocks, labels)) if label == OTHER and _link_dominated(b)]
        legal = features.cue_flags([page.blocks[i].text for i in links])[:, NOT_NAV_CUES].any(axis=1)
        for i in (i for i, is_legal in zip(links, legal) if not is_legal):
            if seen % every == 0:
                labels[i] = "nav"
            seen += 1
        out.append(dataclasses.replace(page, labels=labels))
    return out


def link_list_headings(page: TrainingPage) -> list[int]:
    """Indices of a corpus page's short (1-4 words) link-free blocks of unknown kind that head a
    link-dominated block of unknown kind: widget and menu headings ("Categories", "Share this:",
    "Follow us"), which LABELS.md makes nav."""
    out = []
    blocks, labels = page.blocks, page.labels
    for i in range(len(blocks) - 1):
        b = blocks[i]
        if (
            labels[i] == OTHER
            and b.text
            and not b.link_chars
            and len(b.text.split()) <= 4
            and labels[i + 1] in (OTHER, "nav")
            and _link_dominated(blocks[i + 1])
        ):
            out.append(i)
    return out


def weak_kind_labels(pages: Sequence[TrainingPage], y: Sequence[str], every: int) -> list[str]:
    """y with every `every`-th link-list heading of the corpus pages (`link_list_headings`) labeled nav,
    for the kind head that `label` reports (see BlockClassifier.fit's kind_y); pages as stacked in y."""
    kind_y = list(y)
    offset = seen = 0
    for page in pages:
        if not page.complete:
            for i in link_list_headings(page):
                if seen % every == 0:
                    kind_y[offset + i] = "nav"
                seen += 1
        offset += len(page.blocks)
    return kind_y


def comment_sharing_groups(pages: Sequence[TrainingPage], min_chars: int = 80) -> dict[str, str]:
    """Map each page group to one name shared by every group whose pages hold a common comment text.

    Labeled pages composed from one pool of comment texts repeat a comment in pages of different groups;
    left in different folds, the first stage would have learned the very comment it predicts out of fold.
    Comments of at least `min_chars` characters count: a comment form's notices ("Your email address will
    not be published. Required fields are marked *") repeat on every page of a site, as chrome does, and
    the later stages should learn that the first stage knows them.
    """
    parent: dict[str, str] = {}

    def root(group: str) -> str:
        while parent.setdefault(group, group) != group:
            parent[group] = parent[parent[group]]
            group = parent[group]
        return group

    first_group: dict[str, str] = {}
    for page in pages:
        root(page.group)
        for block, label in zip(page.blocks, page.labels):
            if label == "comment" and len(block.text) >= min_chars:
                other = first_group.setdefault(block.text, page.group)
                a, b = root(other), root(page.group)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {group: root(group) for group in parent}


def fit(
    pages: Sequence[TrainingPage],
    text_copies_every: int = 4,
    weak_nav_every: int = 4,
    long_comments: bool = False,
    comment_texts: Sequence[str] = (),
    real_copies: int = 1,
    own_text_copies: int = 0,
    on_bag: Callable[[str, int, int], None] | None = None,
    **params,
) -> BlockClassifier:
    """Fit a BlockClassifier on pages, plus text-only copies of every `text_copies_every`-th corpus page
    (0 for none), cropped from its first story block to 8 blocks past its last, as a scraper that found
    the article would give it. The project's labeled pages have plain-text scrapes of their own; real pages
    labeled by sidecars get `real_copies` copies in all, as HTML and as plain text (`with_real_text_copies`).
    Corpus pages' link lists become weak nav examples (`with_weak_nav`; 0 for none), and their link-list
    headings weak nav examples of the reported kind head only (`weak_kind_labels`). With long_comments,
    pages with a comment section also come as a copy whose section outweighs the story
    (`augment.with_long_comment_sections`), its copied comments refilled from the pages' comment texts and
    `comment_texts` (a comment corpus's). The project's own plain-text pages (written as scrapers give
    pages: an article with its in-body pointers, notes and comment form) come `own_text_copies` more times,
    so that the real pages' plain-text copies, many more, do not drown them. on_bag: see
    `BlockClassifier.fit`."""
    merged = comment_sharing_groups(pages)
    own = with_real_text_copies([p for p in pages if p.complete], real_copies)
    corpus = [p for p in pages if not p.complete]
    if weak_nav_every:
        corpus = with_weak_nav(corpus, weak_nav_every)
    if text_copies_every:
        corpus = with_text_copies(corpus, text_copies_every, crop=(0, 8))
    pages = own + corpus
    if long_comments:
        pages = with_long_comment_sections(pages, seed=params.get("random_state") or 0, extra_texts=comment_texts)
    pages += with_own_text_copies(own, own_text_copies)
    X, y = stack_pages(pages)
    kind_y = weak_kind_labels(pages, y, weak_nav_every) if weak_nav_every else None
    # copies and variants of a page keep its group, and groups whose pages share a comment are one, so
    # out-of-fold predictions never see their text
    groups = [merged[p.group] for p in pages for _ in p.blocks]
    log.info("fitting on %d pages, %d blocks", len(pages), len(y))
    return BlockClassifier(**params).fit(X, y, kind_y, groups=groups, on_bag=on_bag)
