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


def _build_module(name: str = "build"):
    """data/src/NAME.py as a module, its folder on the path for its imports of its neighbours while it
    loads (taken off again)."""
    import importlib.util
    import sys

    src = DATA.parent / "src"
    sys.path.insert(0, str(src))
    try:
        spec = importlib.util.spec_from_file_location(f"storysift_data_{name}", src / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        while str(src) in sys.path:
            sys.path.remove(str(src))
    return module


def test_pages_rebuild_byte_for_byte_from_data_src(tmp_path):
    # data/pages is what data/src/build.py writes: no hand edits, no stale pages
    count = _build_module().build(tmp_path)
    built = sorted(p.name for p in tmp_path.iterdir())
    assert count == len(built) == len(list(DATA.iterdir()))
    assert built == sorted(p.name for p in DATA.iterdir())
    assert [n for n in built if (tmp_path / n).read_bytes() != (DATA / n).read_bytes()] == []


def test_shop_scrapes_are_their_pages_blocks(tmp_path):
    # a shop page's scrape0 is one of its group's HTML pages whole, scrape1 the other cropped around its
    # story: the same labels and texts in order, all the story kept
    from storysift.gold.labeled import read_labeled_page

    def blocks(path: Path) -> list[tuple[str, str]]:
        return [(b.gold, " ".join(b.text.split())) for b in read_labeled_page(path).page.blocks]

    shop = tmp_path / "shop"
    assert _build_module().build_shop(shop) >= 40
    groups = {p.name.split("__")[0] for p in shop.iterdir()}
    assert len(groups) >= 10
    for group in sorted(groups):
        pages = [blocks(p) for p in sorted(shop.glob(f"{group}__*.html"))]
        whole, cropped = blocks(shop / f"{group}__scrape0.txt"), blocks(shop / f"{group}__scrape1.txt")
        assert whole in pages, group
        other = pages[1 - pages.index(whole)] if pages.count(whole) == 1 else whole
        assert any(other[i : i + len(cropped)] == cropped for i in range(len(other))), group
        assert sum(label == "story" for label, _ in cropped) == sum(label == "story" for label, _ in other)


def test_switched_off_additions_still_build(tmp_path):
    # the varied disclaimers and the small comment sets (off by default) give readable pages of the same
    # names: more distinct disclaimer texts than the default pages, and more article pages whose comment
    # blocks are one or two
    module = _build_module()
    module.VARIED_DISCLAIMERS = module.SMALL_COMMENT_SETS = True
    assert module.build(tmp_path) == len(list(DATA.iterdir()))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in DATA.iterdir())

    def disclaimers(folder: Path) -> set[str]:
        return {b.text for p in read_labeled_dir(folder) for b in p.blocks if b.gold == "disclaimer"}

    def small_sets(folder: Path) -> int:
        return sum(
            1
            for p in read_labeled_dir(folder)
            if p.path.name.startswith(("news-", "blog-")) and 1 <= sum(b.gold == "comment" for b in p.blocks) <= 2
        )

    assert len(disclaimers(tmp_path)) > len(disclaimers(DATA)) + 50  # 233 against 134 when written
    assert small_sets(tmp_path) > small_sets(DATA) + 5  # 32 against 20


def test_like_widget_rule_matches_the_widget_only():
    # convention 17 by rule (data/src/like_widgets.py): the WordPress like widget's fixed texts, not a bare
    # like button or a social sidebar's fan count
    is_like_widget = _build_module("like_widgets").is_like_widget
    widget = ["Like this:", "Gefällt mir:", "Like Loading...", "Liken Lade …", "Gefällt mir Wird geladen …"]
    widget += ["%d bloggers like this:", "%d Bloggern gefällt das:", " Like this:#section8 ", "J’aime ceci :"]
    other = ["Gefällt mir", "Like", "Loading...", "2,531FansGefällt mir", "Like this post? Share it", "Likes: 4"]
    assert [t for t in widget if not is_like_widget(t)] == []
    assert [t for t in other if is_like_widget(t)] == []
