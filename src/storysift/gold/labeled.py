"""Read labeled pages, the retraining format.

- HTML (`*.html`, `*.htm`): the page's own markup with `data-label="story|nav|disclaimer|comment"` on
  elements; a block takes the label of its nearest labeled ancestor (the label covering most of its
  characters when inline elements carry different labels). Text with no label is an error.
- Plain text (`*.txt`): blocks separated by blank lines, each starting with `@label ` (the prefix is
  not part of the text).
- Sidecars (`*.labels.json`): labels of a corpus page kept beside it (`gold.sidecar`); the page is read
  from the corpora folder.

A page's group (for page-grouped splits) is the part of its file name before `__`, or the whole stem;
a sidecar's is its page's site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..blocks import LABELS, Block, Page
from ..errors import LabeledDataError
from ..segment import segment, text_blocks
from .sidecar import is_sidecar, read_sidecar_page

PAGE_SUFFIXES = (".html", ".htm", ".txt")
_PREFIX_RE = re.compile(r"^@(\w+)\s+")


@dataclass
class LabeledPage:
    """One labeled page file: its page's blocks carry the gold label in `Block.gold`."""

    path: Path
    group: str
    page: Page
    ref: str | None = None  # "corpus/id" of a corpus page labeled by a sidecar

    @property
    def blocks(self) -> list[Block]:
        return self.page.blocks


def read_labeled_text(text: str, name: str = "<text>") -> list[Block]:
    """Blocks of a labeled plain-text page."""
    blocks = text_blocks(text)
    for i, b in enumerate(blocks):
        match = _PREFIX_RE.match(b.text)
        if not match or match.group(1) not in LABELS:
            raise LabeledDataError(f"{name}: block {i} does not start with @label: {b.text[:60]!r}")
        b.gold = match.group(1)
        b.text = b.text[match.end() :]
    return blocks


def read_labeled_page(path: Path, corpora_dir: Path | None = None) -> LabeledPage:
    """Read one labeled page file (HTML with data-label, @label plain text, or a sidecar whose page is
    looked for under corpora_dir, then the default places of `gold.sidecar.corpora_candidates`)."""
    if is_sidecar(path):
        sidecar, page = read_sidecar_page(path, corpora_dir)
        ref = f"{sidecar.ref.corpus}/{sidecar.ref.page_id}"
        return LabeledPage(path, sidecar.ref.site or ref, page, ref)
    data = path.read_bytes()
    try:
        if path.suffix == ".txt":
            page = Page(read_labeled_text(data.decode("utf-8"), str(path)), "text")
        else:
            page = segment(data, kind="html", with_gold=True)
    except LabeledDataError as exc:
        raise LabeledDataError(f"{path}: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise LabeledDataError(f"{path}: not UTF-8 text: {exc}") from exc
    group = path.stem.split("__")[0]
    return LabeledPage(path, group, page)


def labeled_files(root: Path) -> list[Path]:
    """Labeled page files under a folder (recursively), sorted by path."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if (p.suffix in PAGE_SUFFIXES or is_sidecar(p)) and p.is_file())


def read_labeled_dir(root: Path, corpora_dir: Path | None = None) -> Iterator[LabeledPage]:
    """Every labeled page under a folder, in path order."""
    for path in labeled_files(root):
        yield read_labeled_page(path, corpora_dir)
