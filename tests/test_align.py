from storysift.align import align, snippet_labels
from storysift.blocks import Block


def _blocks(*texts):
    return [Block(text=t, index=i) for i, t in enumerate(texts)]


def test_align_labels_story_blocks_and_reports_coverage():
    gold = "The council met on Tuesday evening to vote.\nIt approved the new plan for buses."
    blocks = _blocks("Home News Sport", "The council met on Tuesday evening to vote.", "Budget",
                     "It approved the new plan for buses.", "© 2026 All rights reserved here")
    result = align(blocks, gold)
    assert result.labels == ["other", "story", "other", "story", "other"]
    # 12 gold shingles; the 3 that straddle the two sentences lie in no block: 9 / 12
    assert result.coverage == 0.75


def test_short_block_needs_a_nearby_story_block():
    gold = "Weather\nThe storm moved east overnight and the rain stopped."
    near = align(_blocks("Weather", "The storm moved east overnight and the rain stopped."), gold)
    assert near.labels == ["story", "story"]
    far = align(_blocks("Weather", *["x y z w v"] * 5, "The storm moved east overnight and the rain stopped."), gold)
    assert far.labels[0] == "other"


def test_without_snippets_are_never_story():
    gold = "Sign up for our newsletter today and get more news every day."
    result = align(_blocks("Sign up for our newsletter today and get more news every day."), gold,
                   without=["Sign up for our newsletter"])
    assert result.labels == ["other"]


def test_snippet_labels_are_partial():
    labels = snippet_labels(_blocks("Main text of the article here", "Impressum Datenschutz", "Great post, thanks a lot"),
                            ["text of the article"], ["Impressum Datenschutz"], ["Great post"])
    assert labels == ["story", "other", "comment"]
    assert snippet_labels(_blocks("unrelated block"), ["text of the article"], [], []) == ["?"]
