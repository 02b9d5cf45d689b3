from storysift.blocks import Block
from storysift.gold.align import align, headline_as_story, snippet_labels


def _blocks(*texts):
    return [Block(text=t) for t in texts]


def test_align_labels_story_blocks_and_reports_coverage():
    gold = "The council met on Tuesday evening to vote.\nIt approved the new plan for buses."
    blocks = _blocks(
        "Home News Sport",
        "The council met on Tuesday evening to vote.",
        "Budget",
        "It approved the new plan for buses.",
        "© 2026 All rights reserved here",
    )
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
    result = align(
        _blocks("Sign up for our newsletter today and get more news every day."),
        gold,
        without=["Sign up for our newsletter"],
    )
    assert result.labels == ["other"]


def test_snippet_labels_are_partial():
    labels = snippet_labels(
        _blocks("Main text of the article here", "Impressum Datenschutz", "Great post, thanks a lot"),
        ["text of the article"],
        ["Impressum Datenschutz"],
        ["Great post"],
    )
    assert labels == ["story", "other", "comment"]
    assert snippet_labels(_blocks("unrelated block"), ["text of the article"], [], []) == ["?"]


def _tagged(*items):
    return [Block(text=t, tag=tag, link_chars=links) for t, tag, links in items]


def test_headline_left_out_of_the_gold_becomes_story():
    blocks = _tagged(
        ("Logo", "h1", 4),
        ("Home News", "a", 9),
        ("Storm hits the coast", "h1", 0),
        ("By A. Writer", "p", 0),
        ("The storm moved east overnight.", "p", 0),
        ("More", "h1", 0),
    )
    labels = ["other", "other", "other", "other", "story", "other"]
    # the nearest h1 above the first story block; the logo above it and the h1 below stay as they were
    assert headline_as_story(blocks, labels) == ["other", "other", "story", "other", "story", "other"]
    assert labels[2] == "other"  # not changed in place


def test_headline_rule_leaves_links_far_headings_and_storyless_pages_alone():
    linked = _tagged(("Site name", "h1", 9), ("The storm moved east overnight.", "p", 0))
    assert headline_as_story(linked, ["other", "story"]) == ["other", "story"]
    far = _tagged(("Menu", "h1", 0), *[("x", "li", 0)] * 3, ("The storm moved east overnight.", "p", 0))
    assert headline_as_story(far, ["other"] * 4 + ["story"], max_gap=3)[0] == "other"
    assert headline_as_story(far, ["other"] * 4 + ["story"], max_gap=4)[0] == "story"
    assert headline_as_story(linked, ["other", "other"]) == ["other", "other"]
