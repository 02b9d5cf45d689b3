import numpy as np

from storysift.blocks import Block, Page
from storysift.candidates import CANDIDATE_NAMES, NEGATIVE, POSITIVE, _class_weight, candidate_features
from storysift.parse import parse_html
from storysift.segment import html_blocks


def _features(blocks, kind="html"):
    chars = np.array([len(b.text) for b in blocks], dtype=float)
    links = np.array([b.link_chars for b in blocks], dtype=float)
    return candidate_features(Page(blocks, kind), chars, links)


def test_the_article_container_wins_over_comments_and_menus():
    article = "".join(f"<p>Paragraph {i} of the story, with a comma, and enough words to count.</p>" for i in range(3))
    comments = "".join(f"<li><p>Comment {i}, short but long enough to be scored here.</p></li>" for i in range(3))
    html = (
        f'<body><div class="menu"><a href="/">Home, news, sport and weather today</a></div>'
        f'<div class="post-content"><h1>Title</h1>{article}</div>'
        f'<div class="comments"><ul>{comments}</ul></div></body>'
    )
    blocks = html_blocks(parse_html(html))
    f = _features(blocks)
    assert f.shape == (len(blocks), len(CANDIDATE_NAMES))
    inside = {b.text[:9]: row[0] for b, row in zip(blocks, f)}
    assert inside["Title"] == 1.0 and inside["Paragraph"] == 1.0
    assert inside["Comment 0"] == 0.0 and inside["Home, new"] == 0.0
    # story paragraphs sit in the winner itself; a comment's best ancestor scores lower
    story_row = next(row for b, row in zip(blocks, f) if b.text.startswith("Paragraph 0"))
    comment_row = next(row for b, row in zip(blocks, f) if b.text.startswith("Comment 0"))
    assert story_row[1] == 1.0 and comment_row[1] < 1.0
    assert np.all(f[:, 2] == f[0, 2]) and f[0, 2] > 0


def test_link_density_scales_a_candidate_down():
    prose = "<p>Words, words and more words, making a paragraph long enough to score.</p>"
    linked = '<p><a href="/x">Words, words and more words, making a paragraph long enough to score.</a></p>'
    blocks = html_blocks(parse_html(f"<body><div>{linked * 3}</div><div>{prose * 2}</div></body>"))
    f = _features(blocks)
    # three linked paragraphs score more by count, but their links wipe the score out
    assert f[:, 0].tolist() == [0.0, 0.0, 0.0, 1.0, 1.0]


def test_plain_text_short_blocks_and_empty_pages_give_zeros():
    text = [Block("A paragraph, of plain text, long enough."), Block("Another")]
    assert not _features(text, "text").any()
    assert _features([]).shape == (0, len(CANDIDATE_NAMES))
    short = html_blocks(parse_html("<body><div><p>Tiny.</p></div></body>"))
    assert not _features(short).any()


def test_class_weight_counts_any_word_piece_anywhere_in_the_tokens():
    for tokens in ("", "x y", "navbar", "post-content", "sidebar-widget main", "Comment", "comments entry", "nav"):
        expected = (-25.0 if any(w in tokens for w in NEGATIVE) else 0.0) + (
            25.0 if any(w in tokens for w in POSITIVE) else 0.0
        )
        assert _class_weight(tokens) == expected, tokens
    assert _class_weight("post-content") == 25.0 and _class_weight("sidebar") == -25.0
    assert _class_weight("article-comments") == 0.0
