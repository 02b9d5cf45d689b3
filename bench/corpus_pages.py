"""Load benchmark pages from ../shared/corpora (pages with gt_coverage < 0.5 are left out)."""

from __future__ import annotations

from pathlib import Path

from storysift.corpora import CorpusPage, read_corpus

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def load_pages(corpora: Path, name: str, limit: int | None = None) -> list[CorpusPage]:
    """Pages of one corpus with gold text, in id order (at most limit)."""
    pages = [p for p in read_corpus(corpora / name) if p.record.get("text")]
    return pages[:limit] if limit else pages
