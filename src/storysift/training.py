"""Assemble training sets (labeled pages, public corpora) and fit the block classifier."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from .align import OTHER
from .augment import with_long_comment_sections
from .blocks import Block
from .corpora import is_comment_corpus, is_corpus, labeled_blocks, read_comment_texts, read_corpus
from .labeled import labeled_files, read_labeled_page
from .model import BlockClassifier

log = logging.getLogger(__name__)

# Corpora whose licence allows training the shipped model (shared/corpora/README.md), with the split used.
# A comment corpus (comments without pages) gives texts for the long-comment copies instead of pages.
SHIPPABLE_CORPORA: dict[str, str | None] = {"wcxb-dev": "dev", "trafilatura-eval": None, "mozilla-readability": None,
                                            "youtube-spam-collection": None}


@dataclass
class Page:
    """One training page: blocks, per-block labels, and the group it belongs to for splits."""

    source: str
    page_id: str
    group: str
    blocks: list[Block]
    labels: list[str]
    gold_text: str | None = None
    complete: bool = False  # every block has one of the four labels (a labeled page, not a corpus page)


@dataclass
class TrainingSet:
    """Pages from one source, with what identifies the source exactly."""

    name: str
    path: str
    sha256: str
    pages: list[Page] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    comment_texts: list[str] = field(default_factory=list)  # a comment corpus: texts, no pages


def sha256_of_files(paths: Iterable[Path], root: Path) -> str:
    """sha256 over the relative names and contents of files, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_labeled_set(root: Path) -> TrainingSet:
    """Every labeled page under root (data-label HTML or @label text)."""
    files = labeled_files(root)
    tset = TrainingSet(root.name, str(root), sha256_of_files(files, root if root.is_dir() else root.parent))
    for path in files:
        page = read_labeled_page(path)
        if page.blocks:
            tset.pages.append(Page(root.name, path.name, page.group, page.blocks, [b.gold for b in page.blocks],
                                   complete=True))
    return tset


def _domain(url: str | None, fallback: str) -> str:
    if not url:
        return fallback
    host = url.split("//", 1)[-1].split("/", 1)[0].lower()
    return host[4:] if host.startswith("www.") else host


def load_corpus_set(root: Path, split: str | None = None, *, min_coverage: float = 0.7) -> TrainingSet:
    """A public corpus with block labels from gold-text alignment (pages that align badly are skipped)."""
    files = [root / "ground_truth.json.gz", *sorted((root / "html").glob("*"))]
    tset = TrainingSet(root.name, str(root), sha256_of_files(files, root))
    for cpage in read_corpus(root, split=split):
        result = labeled_blocks(cpage, min_coverage=min_coverage)
        if result is None:
            tset.skipped.append(cpage.page_id)
            continue
        blocks, labels = result
        group = cpage.record.get("domain") or _domain(cpage.record.get("url"), cpage.page_id)
        tset.pages.append(Page(root.name, cpage.page_id, group, blocks, labels, cpage.record.get("text")))
    log.info("%s: %d pages, %d skipped by alignment checks", root.name, len(tset.pages), len(tset.skipped))
    return tset


def load_comment_set(root: Path) -> TrainingSet:
    """A comment corpus: its comment texts, which the long-comment copies of pages are filled with."""
    path = root / "ground_truth.json.gz"
    tset = TrainingSet(root.name, str(root), sha256_of_files([path], root), comment_texts=read_comment_texts(root))
    log.info("%s: %d comment texts", root.name, len(tset.comment_texts))
    return tset


def load_sets(data_dir: Path | None, corpora_dir: Path | None,
              corpora: dict[str, str | None] | None = None) -> list[TrainingSet]:
    """The project's labeled pages plus the named corpora that exist under corpora_dir."""
    sets = []
    if data_dir is not None and data_dir.exists():
        sets.append(load_labeled_set(data_dir))
    if corpora_dir is not None:
        for name, split in (SHIPPABLE_CORPORA if corpora is None else corpora).items():
            path = corpora_dir / name
            if is_corpus(path):
                sets.append(load_corpus_set(path, split))
            elif is_comment_corpus(path):
                sets.append(load_comment_set(path))
            else:
                log.warning("corpus %s not found under %s, not used", name, corpora_dir)
    return sets


def text_only(page: Page, crop: tuple[int, int] | None = None) -> Page:
    """The page as a plain-text scrape would give it: the same blocks with no markup information.

    crop=(before, after) keeps only the blocks from `before` blocks ahead of the first story block to
    `after` blocks past the last one, as a scraper that cut roughly around the article would.
    """
    lo, hi = 0, len(page.blocks)
    if crop is not None:
        story = [i for i, label in enumerate(page.labels) if label == "story"]
        if story:
            lo, hi = max(0, story[0] - crop[0]), min(len(page.blocks), story[-1] + crop[1] + 1)
    blocks = [Block(text=b.text, index=i, gold=b.gold) for i, b in enumerate(page.blocks[lo:hi])]
    return Page(page.source, page.page_id + "#text", page.group, blocks, list(page.labels[lo:hi]),
                page.gold_text, page.complete)


def with_text_copies(pages: Sequence[Page], every: int, crop: tuple[int, int] | None = None) -> list[Page]:
    """pages plus a text-only copy of every `every`-th HTML page (so the model also learns plain text)."""
    out = list(pages)
    html_pages = [p for p in pages if p.blocks and p.blocks[0].xpath is not None]
    out.extend(text_only(p, crop) for p in html_pages[::every])
    return out


def stack_pages(pages: Sequence[Page]) -> tuple[list[Block], list[str]]:
    """Blocks and labels of many pages, concatenated (each page's blocks re-indexed from 0)."""
    X: list[Block] = []
    y: list[str] = []
    for page in pages:
        for i, b in enumerate(page.blocks):
            b.index = i
        X.extend(page.blocks)
        y.extend(page.labels)
    return X, y


def split_pages(pages: Sequence[Page], test_share: float, seed: int) -> tuple[list[Page], list[Page]]:
    """Split pages by group (site or content), so no group is on both sides.

    Groups are ranked by a hash of (seed, group name) and the first `test_share` of them are held out, so
    a group's side does not depend on which other groups are there: a page set that gains or loses a few
    groups (another segmentation, another alignment threshold) keeps the rest of its split."""
    groups = sorted({p.group for p in pages},
                    key=lambda g: hashlib.sha256(f"{seed}\0{g}".encode()).hexdigest())
    n_test = max(1, int(round(test_share * len(groups))))
    test_groups = set(groups[:n_test])
    train = [p for p in pages if p.group not in test_groups]
    test = [p for p in pages if p.group in test_groups]
    return train, test


WEAK_NAV_LINK_SHARE = 0.6


def _link_dominated(block: Block) -> bool:
    return bool(block.text) and block.link_chars > WEAK_NAV_LINK_SHARE * len(block.text)


def with_weak_nav(pages: Sequence[Page], every: int) -> list[Page]:
    """Corpus pages with every `every`-th link-dominated block of unknown kind ("other", over
    WEAK_NAV_LINK_SHARE of its characters in links) labeled nav, so that the kind head also learns
    from real pages' menus and link lists, not only from the project's pages. Inputs are not changed."""
    out = []
    seen = 0
    for page in pages:
        labels = list(page.labels)
        for i, (b, label) in enumerate(zip(page.blocks, labels)):
            if label == OTHER and _link_dominated(b):
                if seen % every == 0:
                    labels[i] = "nav"
                seen += 1
        out.append(dataclasses.replace(page, labels=labels))
    return out


def link_list_headings(page: Page) -> list[int]:
    """Indices of a corpus page's short (1-4 words) link-free blocks of unknown kind that head a
    link-dominated block of unknown kind: widget and menu headings ("Categories", "Share this:",
    "Follow us"), which LABELS.md makes nav."""
    out = []
    blocks, labels = page.blocks, page.labels
    for i in range(len(blocks) - 1):
        b = blocks[i]
        if (labels[i] == OTHER and b.text and not b.link_chars and len(b.text.split()) <= 4
                and labels[i + 1] in (OTHER, "nav") and _link_dominated(blocks[i + 1])):
            out.append(i)
    return out


def weak_kind_labels(pages: Sequence[Page], y: Sequence[str], every: int) -> list[str]:
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


def comment_sharing_groups(pages: Sequence[Page], min_chars: int = 80) -> dict[str, str]:
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


def fit(pages: Sequence[Page], text_copies_every: int = 4, weak_nav_every: int = 4, long_comments: bool = False,
        comment_texts: Sequence[str] = (), **params) -> BlockClassifier:
    """Fit a BlockClassifier on pages, plus text-only copies of every `text_copies_every`-th corpus page
    (0 for none), cropped from its first story block to 8 blocks past its last, as a scraper that found
    the article would give it. The project's labeled pages have plain-text scrapes of their own.
    Corpus pages' link lists become weak nav examples (`with_weak_nav`; 0 for none), and their link-list
    headings weak nav examples of the reported kind head only (`weak_kind_labels`). With long_comments,
    pages with a comment section also come as a copy whose section outweighs the story
    (`augment.with_long_comment_sections`), its copied comments refilled from the pages' comment texts and
    `comment_texts` (a comment corpus's)."""
    merged = comment_sharing_groups(pages)
    own = [p for p in pages if p.complete]
    corpus = [p for p in pages if not p.complete]
    if weak_nav_every:
        corpus = with_weak_nav(corpus, weak_nav_every)
    if text_copies_every:
        corpus = with_text_copies(corpus, text_copies_every, crop=(0, 8))
    pages = own + corpus
    if long_comments:
        pages = with_long_comment_sections(pages, seed=params.get("random_state") or 0, extra_texts=comment_texts)
    X, y = stack_pages(pages)
    kind_y = weak_kind_labels(pages, y, weak_nav_every) if weak_nav_every else None
    # copies and variants of a page keep its group, and groups whose pages share a comment are one, so
    # out-of-fold predictions never see their text
    groups = [merged[p.group] for p in pages for _ in p.blocks]
    log.info("fitting on %d pages, %d blocks", len(pages), len(X))
    return BlockClassifier(**params).fit(X, y, kind_y, groups=groups)
