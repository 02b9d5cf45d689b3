"""Training sets: the project's labeled pages, public corpora and comment corpora, as training pages."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..blocks import Block, Page
from ..errors import TrainingDataError
from ..gold.corpora import is_comment_corpus, is_corpus, labeled_blocks, read_comment_texts, read_corpus, site_of
from ..gold.labeled import labeled_files, read_labeled_page
from ..gold.sidecar import read_refs

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
    ref: str | None = None  # "corpus/id" of a real corpus page labeled block by block (a sidecar)
    file: Path | None = None  # the labeled page's file (a data-label page or a sidecar), when read from one

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
    excluded: list[str] = field(default_factory=list)  # held-out pages or sites, left out
    relabeled: list[str] = field(default_factory=list)  # corpus pages a sidecar labels (that copy is used)


def sha256_of_files(paths: Iterable[Path], root: Path) -> str:
    """sha256 over the relative names and contents of files, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_labeled_set(root: Path, corpora_dir: Path | None = None) -> TrainingSet:
    """Every labeled page under root (data-label HTML, @label text, sidecars of corpus pages under corpora_dir)."""
    files = labeled_files(root)
    tset = TrainingSet(root.name, str(root), sha256_of_files(files, root if root.is_dir() else root.parent))
    for path in files:
        page = read_labeled_page(path, corpora_dir)
        if page.blocks:
            labels = [b.gold for b in page.blocks]
            tset.pages.append(
                TrainingPage(
                    root.name, path.name, page.group, page.page, labels, complete=True, ref=page.ref, file=path
                )
            )
    return tset


@dataclass(frozen=True)
class Exclusion:
    """Pages no model may train on: held-out labeled pages (by corpus/id) and every page of their sites."""

    refs: frozenset[str] = frozenset()
    sites: frozenset[str] = frozenset()

    @classmethod
    def of_labels(cls, roots: Sequence[Path]) -> Exclusion:
        """The pages and sites of the sidecars under roots."""
        page_refs = [r for root in roots for r in read_refs(root)]
        return cls(
            frozenset(f"{r.corpus}/{r.page_id}" for r in page_refs), frozenset(r.site for r in page_refs if r.site)
        )

    def drops(self, page: TrainingPage) -> bool:
        ref = page.ref or f"{page.source}/{page.page_id}"
        return ref in self.refs or page.group in self.sites


def _filter(tset: TrainingSet, exclusion: Exclusion, relabeled: set[str]) -> None:
    """Leave out of a set the excluded pages, and corpus pages that a sidecar labels block by block."""
    kept = []
    for page in tset.pages:
        if exclusion.drops(page):
            tset.excluded.append(page.page_id)
        elif page.ref is None and f"{page.source}/{page.page_id}" in relabeled:
            tset.relabeled.append(page.page_id)
        else:
            kept.append(page)
    tset.pages = kept


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
        group = site_of(cpage.record, cpage.page_id)
        tset.pages.append(TrainingPage(root.name, cpage.page_id, group, page, labels, cpage.record.get("text")))
    log.info("%s: %d pages, %d skipped by alignment checks", root.name, len(tset.pages), len(tset.skipped))
    return tset


def load_comment_set(root: Path) -> TrainingSet:
    """A comment corpus: its comment texts, which the long-comment copies of pages are filled with."""
    path = root / "ground_truth.json.gz"
    tset = TrainingSet(root.name, str(root), sha256_of_files([path], root), comment_texts=read_comment_texts(root))
    log.info("%s: %d comment texts", root.name, len(tset.comment_texts))
    return tset


def project_data_dirs(with_sidecars: bool, root: Path | None = None) -> list[Path]:
    """The project's own labeled pages that the shipped model learned from, found in a checkout of
    storysift (root; default, the current folder, else the checkout holding this package's source):
    data/pages, and data/labels/train (sidecars: they need the corpora) when with_sidecars. Empty where
    there is no checkout: an installed package carries the model but not its data."""
    roots = [root] if root is not None else [Path.cwd(), Path(__file__).resolve().parents[3]]
    for top in roots:
        pages = top / "data" / "pages"
        if _is_checkout(top) and pages.is_dir():
            sidecars = top / "data" / "labels" / "train"
            return [pages, sidecars] if with_sidecars and sidecars.is_dir() else [pages]
    return []


def _is_checkout(top: Path) -> bool:
    """A folder holding storysift's own pyproject.toml."""
    try:
        text = (top / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return False
    return 'name = "storysift"' in text


def load_sets(
    data_dirs: Sequence[Path],
    corpora_dir: Path | None,
    corpora: dict[str, str | None] | None = None,
    *,
    strict: bool = False,
    exclude: Sequence[Path] = (),
) -> list[TrainingSet]:
    """Labeled pages from each of data_dirs plus the named corpora (default SHIPPABLE_CORPORA) under
    corpora_dir, without the pages and sites of the sidecars under `exclude` (a held-out set). A corpus
    page that a sidecar labels block by block is used once, with the sidecar's labels.

    A folder that does not exist is a TrainingDataError; so is a named corpus missing from corpora_dir
    when strict (the user named it), else it is logged and left out."""
    sets = []
    for given in (*data_dirs, corpora_dir, *exclude):
        if given is not None and not given.exists():
            raise TrainingDataError(f"{given}: no such file or folder")
    sets.extend(load_labeled_set(data_dir, corpora_dir) for data_dir in data_dirs)
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
    exclusion = Exclusion.of_labels(exclude)
    relabeled = {p.ref for s in sets for p in s.pages if p.ref}
    for tset in sets:
        _filter(tset, exclusion, relabeled)
        if tset.excluded or tset.relabeled:
            log.info(
                "%s: %d held-out pages left out, %d taken from sidecars",
                tset.name,
                len(tset.excluded),
                len(tset.relabeled),
            )
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
