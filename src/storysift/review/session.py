"""What a review works on: the pages to label, their blocks and labels, and where each page's labels go.

A page is either a corpus page (in the `../shared/corpora` layout: its labels are saved as a sidecar,
`<labels>/<corpus>/<id>.labels.json`, and the page stays where it is) or a page file of yours (saved as
the same page with `data-label` attributes, `<labels>/<name>.html`, or `@label` text for a text page).
A page whose labels were saved before starts from them; any other from the model's labels.
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..api import Extractor
from ..blocks import LABELS, Page
from ..charset import decode
from ..errors import LabeledDataError, UsageError
from ..gold.corpora import CorpusPage, corpus_page, is_corpus, read_records
from ..gold.labeled import PAGE_SUFFIXES, read_labeled_page
from ..gold.sidecar import SUFFIX, corpora_candidates, page_ref, parse_sidecar, read_sidecar_page, sidecar_of
from ..output import as_labeled_html, as_labeled_text

log = logging.getLogger(__name__)
_SCRIPT_RE = re.compile(r"<script\b.*?</script\s*>", re.I | re.S)


@dataclass
class ReviewItem:
    """One page to review: where it comes from and where its labels are saved."""

    name: str
    target: Path
    corpus_page: tuple[Path, str] | None = None  # (corpus folder, page id)
    file: Path | None = None
    record: dict | None = None  # the corpus page's record, read once with its corpus's records

    def page(self) -> CorpusPage:
        """The corpus page with its record."""
        corpus, page_id = self.corpus_page
        return corpus_page(corpus, page_id, {page_id: self.record})

    def raw(self) -> bytes:
        """The page's bytes as they lie on disk (decompressed)."""
        if self.corpus_page is not None:
            return self.page().html
        data = self.file.read_bytes()
        return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _page_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and (p.suffix in PAGE_SUFFIXES or p.name.endswith(".gz")))


def find_items(inputs: Sequence[Path], labels_dir: Path, corpora_dir: Path | None = None) -> list[ReviewItem]:
    """The pages named by inputs: page files, folders of them, corpus folders, a corpus page's file, or
    sidecar files / folders (their corpus pages, looked for under corpora_dir)."""
    items: list[ReviewItem] = []
    for given in inputs:
        if not given.exists():
            raise UsageError(f"{given}: no such file or folder")
        if given.is_dir() and is_corpus(given):
            records = read_records(given)
            items += [_corpus_item(given, pid, records, labels_dir) for pid in sorted(records)]
        elif given.name.endswith(SUFFIX) or (given.is_dir() and any(given.rglob("*" + SUFFIX))):
            items += _sidecar_items(given, corpora_dir)
        elif given.is_file() and given.parent.name == "html" and is_corpus(given.parent.parent):
            records = read_records(given.parent.parent)
            pid = next((k for k, r in records.items() if Path(r["html"]).name == given.name), None)
            if pid is None:
                raise UsageError(f"{given}: not listed in its corpus's ground_truth.json.gz")
            items.append(_corpus_item(given.parent.parent, pid, records, labels_dir))
        else:
            root = given if given.is_dir() else given.parent
            for file in _page_files(given) if given.is_dir() else [given]:
                rel = file.relative_to(root)
                stem = rel.name.removesuffix(".gz").rsplit(".", 1)[0]
                suffix = ".txt" if file.suffix == ".txt" else ".html"
                items.append(ReviewItem(str(rel), labels_dir / rel.parent / (stem + suffix), file=file))
    if not items:
        raise UsageError(f"no pages to review in {', '.join(map(str, inputs))}")
    return items


def _corpus_item(corpus: Path, page_id: str, records: dict[str, dict], labels_dir: Path) -> ReviewItem:
    target = labels_dir / corpus.name / f"{page_id}{SUFFIX}"
    return ReviewItem(f"{corpus.name}/{page_id}", target, (corpus, page_id), record=records[page_id])


def _sidecar_items(given: Path, corpora_dir: Path | None) -> list[ReviewItem]:
    """The corpus pages of sidecar files (reviewed in place: saving rewrites the sidecar)."""
    files = [given] if given.is_file() else sorted(given.rglob("*" + SUFFIX))
    items = []
    records: dict[Path, dict[str, dict]] = {}  # each corpus's records, read once
    for f in files:
        ref = parse_sidecar(f.read_text(encoding="utf-8"), str(f)).ref
        corpus = next((c / ref.corpus for c in corpora_candidates(f, corpora_dir) if is_corpus(c / ref.corpus)), None)
        if corpus is None:
            raise UsageError(f"{f}: corpus {ref.corpus} not found (give --corpora)")
        if corpus not in records:
            records[corpus] = read_records(corpus)
        items.append(
            ReviewItem(f"{ref.corpus}/{ref.page_id}", f, (corpus, ref.page_id), record=records[corpus][ref.page_id])
        )
    return items


class ReviewSession:
    """The pages under review, the model that gives their starting labels, and saving."""

    def __init__(self, items: list[ReviewItem], extractor: Extractor, corpora_dir: Path | None = None) -> None:
        self.items = items
        self.extractor = extractor
        self.corpora_dir = corpora_dir

    def reviewed(self) -> list[bool]:
        """Per page: whether its labels have been saved."""
        return [item.target.is_file() for item in self.items]

    def _segment(self, item: ReviewItem) -> tuple[Page, list[str] | None, str]:
        """The page's blocks, its saved labels (None when never saved) and a note on how it was read."""
        note = ""
        if item.target.is_file():
            try:
                if item.corpus_page is not None:
                    _, page = read_sidecar_page(item.target, self.corpora_dir or item.corpus_page[0].parent)
                else:
                    page = read_labeled_page(item.target).page
                return page, [b.gold for b in page.blocks], "saved labels"
            except LabeledDataError as exc:
                note = f"saved labels not used: {exc}"
                log.warning("%s", note)
        raw = item.raw()
        kind = "text" if item.file is not None and item.file.suffix == ".txt" else "html"
        return self.extractor.segment(raw, kind=kind), None, note or "model labels"

    def page(self, index: int) -> dict:
        """The JSON the review page shows for one page."""
        item = self.items[index]
        page, saved, note = self._segment(item)
        self.extractor.label_page(page)
        labels = saved or [b.label for b in page.blocks]
        return {
            "index": index,
            "name": item.name,
            "kind": page.kind,
            "target": str(item.target),
            "note": note,
            "saved": saved is not None,
            "threshold": self.extractor.options.threshold,
            "blocks": [
                {
                    "text": b.text,
                    "xpath": b.xpath or "",
                    "tag": b.tag,
                    "label": label,
                    "model": b.label,
                    "p_story": b.proba["story"],
                }
                for b, label in zip(page.blocks, labels)
            ],
        }

    def save(self, index: int, labels: list[str]) -> Path:
        """Write a page's labels where they belong; the labels must be one of LABELS per block."""
        item = self.items[index]
        page, _, _ = self._segment(item)
        if len(labels) != len(page.blocks) or any(lab not in LABELS for lab in labels):
            raise UsageError(f"{item.name}: need one of {', '.join(LABELS)} for each of {len(page.blocks)} blocks")
        item.target.parent.mkdir(parents=True, exist_ok=True)
        if item.corpus_page is not None:
            content = sidecar_of(page_ref(item.page()), page, labels, labeled_by="storysift review")
            text = content.to_json()
        else:
            for b, lab in zip(page.blocks, labels):
                b.label = lab
            source = decode(item.raw()) if not item.target.is_file() else item.target.read_text(encoding="utf-8")
            text = as_labeled_html(source, page.blocks) if page.kind == "html" else as_labeled_text(page.blocks)
        tmp = item.target.with_name(item.target.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(item.target)
        return item.target

    def source_html(self, index: int) -> str:
        """The page's own HTML without scripts, for a sandboxed preview beside the blocks."""
        item = self.items[index]
        if item.file is not None and item.file.suffix == ".txt":
            return "<pre>" + decode(item.raw()).replace("&", "&amp;").replace("<", "&lt;") + "</pre>"
        return _SCRIPT_RE.sub("", decode(item.raw()))
