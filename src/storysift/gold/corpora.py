"""Read the public corpora in the shared layout (html/ + ground_truth.json.gz) and label their blocks."""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..blocks import Page
from ..errors import TrainingDataError
from ..segment import segment
from .align import align, headline_as_story, snippet_labels

log = logging.getLogger(__name__)

MIN_GT_COVERAGE = 0.5


@dataclass
class CorpusPage:
    """One page of a corpus with its gold record."""

    corpus: str
    page_id: str
    html: bytes
    record: dict


def is_corpus(path: Path) -> bool:
    """Whether a folder is in the corpora layout."""
    return (path / "ground_truth.json.gz").is_file() and (path / "html").is_dir()


def is_comment_corpus(path: Path) -> bool:
    """Whether a folder holds labeled comments without pages (ground_truth.json.gz, no html/)."""
    return (path / "ground_truth.json.gz").is_file() and not (path / "html").exists()


def read_records(path: Path) -> dict[str, dict]:
    """A corpus folder's records (ground_truth.json.gz), by page id."""
    with gzip.open(path / "ground_truth.json.gz", "rt", encoding="utf-8") as fh:
        return json.load(fh)


def corpus_page(path: Path, page_id: str, records: dict[str, dict] | None = None) -> CorpusPage:
    """One page of a corpus folder with its record (records: the folder's, when already read)."""
    record = (records if records is not None else read_records(path))[page_id]
    with gzip.open(path / record["html"], "rb") as fh:
        return CorpusPage(path.name, page_id, fh.read(), record)


def read_comment_texts(path: Path) -> list[str]:
    """The comment texts of a comment corpus (records with a `text`), in id order.

    Raises TrainingDataError for a page corpus whose html/ folder is missing (records naming an `html` file):
    its gold main texts are not comments."""
    records = read_records(path)
    rows = [records[k] for k in sorted(records) if isinstance(records[k], dict)]
    if any("html" in r for r in rows):
        raise TrainingDataError(
            f"{path}: its records name HTML files but the folder has no html/: "
            "a page corpus with its pages missing, not a comment corpus"
        )
    return [str(r["text"]) for r in rows if r.get("text")]


def site_of(record: dict, fallback: str) -> str:
    """A page's site: the record's domain, else its URL's host without www., else fallback."""
    if record.get("domain"):
        return record["domain"]
    url = record.get("url")
    if not url:
        return fallback
    host = url.split("//", 1)[-1].split("/", 1)[0].lower()
    return host[4:] if host.startswith("www.") else host


def has_gold_text(record: dict) -> bool:
    """Whether a corpus record carries gold main text to score against: an empty text counts (annotated:
    the page has no main text, such as a section front), null does not (snippet-only records)."""
    return record.get("text") is not None


def read_corpus(path: Path, *, split: str | None = None, skip_broken: bool = True) -> Iterator[CorpusPage]:
    """Pages of a corpus folder in id order; skip_broken leaves out pages whose gold text is mostly absent
    from the page (gt_coverage < 0.5)."""
    records = read_records(path)
    for page_id in sorted(records):
        rec = records[page_id]
        if split is not None and rec.get("split") not in (None, split):
            continue
        if skip_broken and rec.get("gt_coverage") is not None and float(rec["gt_coverage"]) < MIN_GT_COVERAGE:
            log.info(
                "%s/%s: gold text mostly absent from the page (gt_coverage %.2f), skipped",
                path.name,
                page_id,
                float(rec["gt_coverage"]),
            )
            continue
        if (path / rec["html"]).is_file():
            yield corpus_page(path, page_id, records)


def labeled_blocks(page: CorpusPage, *, min_coverage: float = 0.7) -> tuple[Page, list[str]] | None:
    """The segmented page and its blocks' training labels, or None when alignment covers too little gold text."""
    segmented = segment(page.html, kind="html")
    blocks = segmented.blocks
    if not blocks:
        return None
    rec = page.record
    if rec.get("text"):
        result = align(blocks, rec["text"], without=rec.get("without") or ())
        if result.coverage < min_coverage:
            log.info(
                "%s/%s: alignment covers %.2f of the gold text, left out", page.corpus, page.page_id, result.coverage
            )
            return None
        return segmented, headline_as_story(blocks, result.labels)
    if rec.get("with"):
        labels = snippet_labels(blocks, rec["with"], rec.get("without") or (), rec.get("comments_with") or ())
        if "story" not in labels:
            return None
        return segmented, labels
    return None
