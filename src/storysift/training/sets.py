"""Training sets: the project's labeled pages, public corpora and comment corpora, as training pages."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..blocks import Block, Page
from ..errors import TrainingDataError
from ..gold.corpora import is_comment_corpus, is_corpus, labeled_blocks, read_comment_texts, read_corpus
from ..gold.labeled import labeled_files, read_labeled_page

log = logging.getLogger(__name__)

# Corpora whose licence allows training the shipped model (shared/corpora/README.md), with the split used.
# A comment corpus (comments without pages) gives texts for the long-comment copies instead of pages.
SHIPPABLE_CORPORA: dict[str, str | None] = {
    "wcxb-dev": "dev",
    "trafilatura-eval": None,
    "mozilla-readability": None,
    "youtube-spam-collection": None,
}


@dataclass
class TrainingPage:
    """One training page: the segmented page, a label per block, and the group it belongs to for splits."""

    source: str
    page_id: str
    group: str
    page: Page
    labels: list[str]
    gold_text: str | None = None
    complete: bool = False  # every block has one of the four labels (a labeled page, not a corpus page)

    @property
    def blocks(self) -> list[Block]:
        return self.page.blocks

    @property
    def kind(self) -> str:
        return self.page.kind


@dataclass
class TrainingSet:
    """Pages from one source, with what identifies the source exactly."""

    name: str
    path: str
    sha256: str
    pages: list[TrainingPage] = field(default_factory=list)
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
            tset.pages.append(
                TrainingPage(root.name, path.name, page.group, page.page, [b.gold for b in page.blocks], complete=True)
            )
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
        page, labels = result
        group = cpage.record.get("domain") or _domain(cpage.record.get("url"), cpage.page_id)
        tset.pages.append(TrainingPage(root.name, cpage.page_id, group, page, labels, cpage.record.get("text")))
    log.info("%s: %d pages, %d skipped by alignment checks", root.name, len(tset.pages), len(tset.skipped))
    return tset


def load_comment_set(root: Path) -> TrainingSet:
    """A comment corpus: its comment texts, which the long-comment copies of pages are filled with."""
    path = root / "ground_truth.json.gz"
    tset = TrainingSet(root.name, str(root), sha256_of_files([path], root), comment_texts=read_comment_texts(root))
    log.info("%s: %d comment texts", root.name, len(tset.comment_texts))
    return tset


def load_sets(
    data_dir: Path | None,
    corpora_dir: Path | None,
    corpora: dict[str, str | None] | None = None,
    *,
    strict: bool = False,
) -> list[TrainingSet]:
    """The project's labeled pages plus the named corpora (default SHIPPABLE_CORPORA) under corpora_dir.

    A data_dir or corpora_dir that does not exist is a TrainingDataError; so is a named corpus missing
    from corpora_dir when strict (the user named it), else it is logged and left out."""
    sets = []
    for given in (data_dir, corpora_dir):
        if given is not None and not given.exists():
            raise TrainingDataError(f"{given}: no such file or folder")
    if data_dir is not None:
        sets.append(load_labeled_set(data_dir))
    if corpora_dir is not None:
        for name, split in (SHIPPABLE_CORPORA if corpora is None else corpora).items():
            path = corpora_dir / name
            if is_corpus(path):
                sets.append(load_corpus_set(path, split))
            elif is_comment_corpus(path):
                sets.append(load_comment_set(path))
            elif strict:
                raise TrainingDataError(f"{path}: not a corpus (html/ and ground_truth.json.gz) or comment corpus")
            else:
                log.warning("corpus %s not found under %s, not used", name, corpora_dir)
    return sets


def split_pages(
    pages: Sequence[TrainingPage], test_share: float, seed: int
) -> tuple[list[TrainingPage], list[TrainingPage]]:
    """Split pages by group (site or content), so no group is on both sides.

    Groups are ranked by a hash of (seed, group name) and the first `test_share` of them are held out, so
    a group's side does not depend on which other groups are there: a page set that gains or loses a few
    groups (another segmentation, another alignment threshold) keeps the rest of its split."""
    groups = sorted({p.group for p in pages}, key=lambda g: hashlib.sha256(f"{seed}\0{g}".encode()).hexdigest())
    n_test = max(1, round(test_share * len(groups)))
    test_groups = set(groups[:n_test])
    train = [p for p in pages if p.group not in test_groups]
    test = [p for p in pages if p.group in test_groups]
    return train, test
