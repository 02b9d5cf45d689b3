"""Invariants on generated input: kept text is a subsequence of the visible text, order kept, no crash."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from storysift.parse import parse_html

WORDS = st.sampled_from(
    [
        "alpha",
        "beta",
        "Home",
        "© 2026",
        "Reply",
        "the council voted on Tuesday.",
        "Leave a Reply",
        "Share",
        "x",
        "émigré",
        "東京",
        "",
        " ",
        "\n",
        "&amp;",
        "<",
        ">",
    ]
)
TAGS = st.sampled_from(
    [
        "p",
        "div",
        "span",
        "a",
        "li",
        "ul",
        "h1",
        "h2",
        "b",
        "script",
        "style",
        "footer",
        "nav",
        "article",
        "td",
        "table",
        "br",
        "section",
        "aside",
        "form",
        "button",
    ]
)


@st.composite
def html_docs(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(TAGS)
            attrs = draw(st.sampled_from(["", " class='comment'", " id='nav'", " style='display:none'", " hidden"]))
            inner = draw(html_docs(depth=depth + 1))
            close = "" if draw(st.integers(0, 9)) == 0 else f"</{tag}>"  # sometimes unclosed
            parts.append(f"<{tag}{attrs}>{inner}{close}")
        else:
            parts.append(draw(WORDS))
    return "".join(parts)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def _visible_text(html: str) -> str:
    """All text of the parsed page except in script/style/head (an independent walk: itertext)."""
    root = parse_html(html)
    etree.strip_elements(root, "script", "style", "head", "template", with_tail=False)  # tails are visible
    return "".join(root.itertext())


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(html_docs())
def test_html_kept_text_is_subsequence_of_visible_text(extractor, html):
    page = "<html><body>" + html + "</body></html>"
    blocks = extractor.label(page, threshold=0.0)
    kept = "".join(b.text for b in blocks)
    assert _is_subsequence(_squash(kept), _squash(_visible_text(page)))
    texts = [b.text for b in blocks]
    assert texts == [b.text for b in extractor.label(page, threshold=0.0)]


@SETTINGS
@given(st.lists(st.text(max_size=80), max_size=12))
def test_plain_text_blocks_keep_order(extractor, paragraphs):
    text = "\n\n".join(paragraphs)
    blocks = extractor.label(text)
    assert _is_subsequence(_squash("".join(b.text for b in blocks)), _squash(text))


@SETTINGS
@given(st.binary(max_size=2000))
def test_garbage_bytes_never_crash(extractor, data):
    text = extractor.clean(data)
    assert isinstance(text, str)


@SETTINGS
@given(html_docs())
def test_same_input_same_output(extractor, html):
    first = [(b.text, b.label, b.proba) for b in extractor.label(html)]
    assert first == [(b.text, b.label, b.proba) for b in extractor.label(html)]
