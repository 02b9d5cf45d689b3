"""Gold pages for evaluation, from any of three sources, as one shape: GoldPage.

- a folder (or file) of labeled pages: `data-label` HTML or `@label` text (block labels known);
- a corpus in the shared layout: `html/` + `ground_truth.json.gz` with gold main text (and comments);
- a JSONL file of labeled blocks: one object per block with `text` and `label`, and `page` (or `id`)
  naming the page it belongs to; consecutive lines with the same page form one page (an HTML page when
  its lines carry an `xpath`, else plain text).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..blocks import LABELS, Block, Page
from ..errors import LabeledDataError
from ..segment import segment
from .corpora import MIN_GT_COVERAGE, has_gold_text, is_corpus, read_corpus, read_records
from .labeled import labeled_files, read_labeled_page
from .textmatch import tokens


@dataclass
class GoldPage:
    """A page to evaluate on: the segmented page (gold labels in Block.gold when known) and gold text per label."""

    source: str
    page_id: str
    page: Page
    gold_text: dict[str, str]
    block_level: bool
    folder: str = ""  # the labeled-page folder it was read from, subfolder included ("": its source)

    @property
    def blocks(self) -> list[Block]:
        return self.page.blocks


@dataclass
class Skipped:
    """A page left out of scoring, and why."""

    source: str
    page_id: str
    reason: str


def gold_text_of(blocks: list[Block]) -> dict[str, str]:
    """Gold text per label of blocks whose gold labels are known."""
    return {label: "\n".join(b.text for b in blocks if b.gold == label) for label in LABELS}


def _labeled_pages(path: Path, corpora_dir: Path | None) -> Iterator[GoldPage | Skipped]:
    for file in labeled_files(path):
        page = read_labeled_page(file, corpora_dir)
        name = str(file.relative_to(path)) if path.is_dir() else file.name
        parent = file.parent.relative_to(path).as_posix() if path.is_dir() else "."
        folder = str(path) if parent == "." else f"{path}/{parent}"
        yield GoldPage(str(path), name, page.page, gold_text_of(page.blocks), True, folder)


def _coverage(blocks: list[Block], gold: str) -> float:
    gold_words = tokens(gold)
    if not gold_words:
        return 1.0
    page_words = set(tokens(" ".join(b.text for b in blocks)))
    return sum(w in page_words for w in gold_words) / len(gold_words)


def _corpus_pages(path: Path) -> Iterator[GoldPage | Skipped]:
    for cpage in read_corpus(path, skip_broken=False):
        rec = cpage.record
        if not has_gold_text(rec):
            yield Skipped(path.name, cpage.page_id, "no gold main text (snippet-only record)")
            continue
        page = segment(cpage.html, kind="html")
        coverage = rec.get("gt_coverage")
        coverage = float(coverage) if coverage is not None else _coverage(page.blocks, rec["text"])
        if coverage < MIN_GT_COVERAGE:
            yield Skipped(path.name, cpage.page_id, f"gold text mostly absent from the page (coverage {coverage:.2f})")
            continue
        gold = {"story": rec["text"]}
        if rec.get("comments") is not None:
            gold["comment"] = rec["comments"]
        yield GoldPage(path.name, cpage.page_id, page, gold, False)


def _jsonl_pages(path: Path) -> Iterator[GoldPage | Skipped]:
    current: str | None = None
    blocks: list[Block] = []

    def flush() -> GoldPage:
        # blocks that carry xpaths come from an HTML page; without them, from plain text
        page = Page(list(blocks), "html" if any(b.xpath for b in blocks) else "text")
        return GoldPage(path.name, str(current), page, gold_text_of(blocks), True)

    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                text, label = rec["text"], rec["label"]
            except (ValueError, KeyError, TypeError) as exc:
                raise LabeledDataError(f"{path}:{lineno}: not a labeled block ({exc})") from exc
            if label not in LABELS:
                raise LabeledDataError(f"{path}:{lineno}: unknown label {label!r}")
            page = str(rec.get("page", rec.get("id", "")))
            if blocks and page != current:
                yield flush()
                blocks = []
            current = page
            blocks.append(
                Block(text=" ".join(str(text).split()), gold=label, xpath=rec.get("xpath"), tag=rec.get("tag") or "")
            )
    if blocks:
        yield flush()


def as_plain_text(page: GoldPage) -> GoldPage:
    """The same page as a plain-text scrape: its blocks' texts and gold labels, no markup (kind text)."""
    blocks = [Block(text=b.text, gold=b.gold) for b in page.blocks]
    return GoldPage(
        page.source, page.page_id + "#text", Page(blocks, "text"), page.gold_text, page.block_level, page.folder
    )


def read_gold(path: Path, corpora_dir: Path | None = None) -> Iterator[GoldPage | Skipped]:
    """Gold pages (and skipped pages) from a labeled folder/file, a corpus folder, or a JSONL file;
    corpora_dir is where the pages of sidecar label files are looked for first."""
    path = Path(path)
    if not path.exists():
        raise LabeledDataError(f"{path}: no such file or folder")
    if path.is_dir() and is_corpus(path):
        return _corpus_pages(path)
    if path.is_file() and path.suffix in (".jsonl", ".json"):
        return _jsonl_pages(path)
    return _labeled_pages(path, corpora_dir)


def count_gold(paths: list[Path]) -> int | None:
    """How many items (pages and skipped pages) `read_gold` gives for these paths, when that is known
    without reading the pages: labeled files are counted, a corpus's records too; None for JSONL (its
    pages are runs of lines) and for paths that do not exist (read_gold reports them)."""
    total = 0
    for path in paths:
        if path.is_dir() and is_corpus(path):
            total += sum(1 for rec in read_records(path).values() if (path / rec["html"]).is_file())
        elif path.exists() and not (path.is_file() and path.suffix in (".jsonl", ".json")):
            total += len(labeled_files(path))
        else:
            return None
    return total
