"""Lengthened comment sections: which blocks form the section, how the items are repeated."""

from collections import Counter

from storysift.blocks import Block, Page
from storysift.training.augment import (
    comment_section,
    comment_texts,
    lengthen_comments,
    section_items,
    with_long_comment_sections,
)
from storysift.training.sets import TrainingPage


def _page() -> tuple[list[Block], list[str]]:
    """An article (3 story paragraphs), a comment heading and a list of three comments, a footer."""
    body = "/html/body/div[1]"
    blocks = [
        Block("Headline of the article", xpath=f"{body}/h1"),
        Block("First paragraph of the story, long enough to matter. " * 3, xpath=f"{body}/p[1]"),
        Block("Second paragraph of the story, long enough to matter. " * 3, xpath=f"{body}/p[2]"),
        Block("3 comments", xpath=f"{body}/div/h3", tokens=("", "comments")),
    ]
    for k in (1, 2, 3):
        blocks.append(Block(f"Reader {k}", xpath=f"{body}/div/ol/li[{k}]/div", tokens=("", "comment")))
        blocks.append(
            Block(
                f"I think this article is right about most things, says reader {k}.",
                xpath=f"{body}/div/ol/li[{k}]/p",
                tokens=("", "comment"),
            )
        )
    blocks.append(Block("Copyright 2026", xpath="/html/body/footer"))
    labels = ["story"] * 3 + ["comment"] * 7 + ["disclaimer"]
    return blocks, labels


def test_the_section_is_the_longest_run_of_comment_blocks():
    blocks, labels = _page()
    assert comment_section(blocks, labels, complete=True) == (3, 9)


def test_corpus_pages_find_the_section_by_markup_names():
    blocks, _ = _page()
    corpus_labels = ["story"] * 3 + ["other"] * 8
    assert comment_section(blocks, corpus_labels, complete=False) == (3, 9)
    assert comment_section(blocks, ["story"] * 3 + ["other"] * 8, complete=True) is None


def test_items_are_the_list_entries_not_the_heading():
    blocks, _ = _page()
    prefix, items = section_items(blocks, 3, 9)
    assert "/".join(prefix) == "html/body/div[1]/div/ol"
    assert items == [[4, 5], [6, 7], [8, 9]]


def test_lengthened_section_repeats_items_with_new_numbers_and_labels():
    blocks, labels = _page()
    story_chars = sum(len(b.text) for b, y in zip(blocks, labels) if y == "story")
    new_blocks, new_labels = lengthen_comments(blocks, labels, True, ratio=5.0)
    assert len(new_blocks) == len(new_labels) > len(blocks)
    added = len(new_blocks) - len(blocks)
    assert added % 6 == 0
    assert new_blocks[:10] == blocks[:10] and new_blocks[-1] == blocks[-1]
    assert new_blocks[10].xpath == "/html/body/div[1]/div/ol/li[4]/div"
    assert new_labels[10:-1] == ["comment"] * added
    section = sum(len(b.text) for b in new_blocks[3:-1])
    assert section >= 5 * story_chars
    assert len({b.xpath for b in new_blocks}) == len(new_blocks)


def test_pages_without_a_section_of_items_are_not_copied():
    blocks, labels = _page()
    page = TrainingPage("t", "p1", "g", Page(blocks, "html"), labels, complete=True)
    plain = TrainingPage("t", "p2", "g2", Page(blocks[:3], "html"), labels[:3], complete=True)
    out = with_long_comment_sections([page, plain], seed=0)
    assert [p.page_id for p in out] == ["p1", "p2", "p1#long-comments"]
    assert out[0].blocks is blocks and len(out[2].blocks) > len(blocks)
    assert with_long_comment_sections([page], seed=0)[1].labels == out[2].labels


def test_fill_replaces_the_copied_sentences_only():
    blocks, labels = _page()
    texts = iter(f"A different reader's comment number {k}, long enough to be a sentence." for k in range(1000))
    new_blocks, _ = lengthen_comments(blocks, labels, True, ratio=5.0, fill=lambda: next(texts))
    added = new_blocks[10:-1]
    sentences = [b for b in added if b.xpath.endswith("/p")]
    assert sentences and all(b.text.startswith("A different reader's comment") for b in sentences)
    assert [b.text for b in added if b.xpath.endswith("/div")][:3] == ["Reader 1", "Reader 2", "Reader 3"]
    assert len({b.text for b in sentences}) == len(sentences)


def test_long_comment_copies_do_not_repeat_their_comments_verbatim():
    pages = []
    for k in range(3):
        blocks, labels = _page()
        blocks = [
            Block(b.text.replace("reader", f"reader of page {k}, reader"), xpath=b.xpath, tokens=b.tokens)
            for b in blocks
        ]
        pages.append(TrainingPage("t", f"p{k}", f"g{k}", Page(blocks, "html"), labels, complete=True))
    out = with_long_comment_sections(pages, seed=0)
    copies = out[3:]
    assert len(copies) == 3
    pool = comment_texts_of(pages)
    from_other_pages = 0
    for k, copy in enumerate(copies):
        added = [b.text for b in copy.blocks[10:-1] if len(b.text) >= 40]
        counts = Counter(added)
        assert added and set(counts) <= pool
        assert max(counts.values()) == 1 or set(counts) == pool  # each text once before any repeats
        from_other_pages += sum(f"page {k}," not in t for t in added)
    assert from_other_pages > 0  # drawn from every page's comments, not only the page's own


def comment_texts_of(pages) -> set[str]:
    return {b.text for p in pages for b, y in zip(p.blocks, p.labels) if y == "comment" and len(b.text) >= 40}


def test_comment_texts_are_the_sections_sentences():
    blocks, labels = _page()
    page = TrainingPage("t", "p1", "g", Page(blocks, "html"), labels, complete=True)
    assert comment_texts([page]) == [b.text for b in blocks if b.text.startswith("I think")]


def test_extra_texts_join_the_pool_when_sentence_long():
    blocks, labels = _page()
    page = TrainingPage("t", "p1", "g", Page(blocks, "html"), labels, complete=True)
    extra = ["A comment from a video site, long enough to be a sentence.", "lol"]
    copy = with_long_comment_sections([page], seed=0, extra_texts=extra)[1]
    added = {b.text for b in copy.blocks[10:-1]}
    assert extra[0] in added and "lol" not in added
    assert added & comment_texts_of([page])  # the page's own comments stay in the pool
