"""The project's own labeled pages: readable, varied, every label well represented."""

from collections import Counter
from pathlib import Path

from storysift.gold.labeled import read_labeled_dir, read_labeled_text

DATA = Path(__file__).resolve().parents[1] / "data" / "pages"


def test_labeled_pages_cover_kinds_languages_and_labels():
    pages = list(read_labeled_dir(DATA))
    assert len(pages) >= 80
    counts = Counter(b.gold for p in pages for b in p.blocks)
    for label in ("story", "nav", "disclaimer", "comment"):
        assert counts[label] >= 300, counts
    kinds = Counter(p.path.name.split("-")[0] for p in pages)
    assert {"news", "blog", "forum", "docs", "product", "recipe"} <= set(kinds)
    langs = {p.path.name.split("-")[1] for p in pages}
    assert {"en", "de", "fr", "es", "ja", "zh", "ru"} <= langs
    styles = {p.path.stem.split("__")[1] for p in pages}
    assert {"semantic", "obfuscated", "bare", "scrape0"} <= styles


def test_labeled_text_format():
    blocks = read_labeled_text("@story Title\n\n@nav See also x\n\n@comment Leave a Reply\n")
    assert [(b.gold, b.text) for b in blocks] == [
        ("story", "Title"),
        ("nav", "See also x"),
        ("comment", "Leave a Reply"),
    ]
