"""Load benchmark pages from ../shared/corpora (pages with gt_coverage < 0.5 are left out).

A page whose gold text is empty ("") is annotated as having no main text (a section front, an index):
it stays in, as the corpora README's method counts it: a non-empty extraction there scores precision 0,
and it has no recall. Only records without gold text (null: snippet-only datasets) are left out."""

from __future__ import annotations

from pathlib import Path

from storysift.gold.corpora import CorpusPage, has_gold_text, read_corpus

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def load_pages(corpora: Path, name: str, limit: int | None = None) -> list[CorpusPage]:
    """Pages of one corpus with gold text (empty included), in id order (at most limit)."""
    pages = [p for p in read_corpus(corpora / name) if has_gold_text(p.record)]
    return pages[:limit] if limit else pages
