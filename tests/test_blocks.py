import pytest

from storysift.errors import LabeledDataError
from storysift.parse import parse_html
from storysift.segment import html_blocks, text_blocks


def texts(html: str) -> list[str]:
    return [b.text for b in html_blocks(parse_html(html))]


def test_block_level_elements_split_and_inline_elements_join():
    assert texts("<body><p>Hello <b>bold</b> world.</p><p>Second</p></body>") == ["Hello bold world.", "Second"]


def test_text_runs_around_child_blocks_are_separate_blocks():
    assert texts("<div>before<p>inside</p>after</div>") == ["before", "inside", "after"]


def test_scripts_styles_and_hidden_elements_are_left_out():
    html = (
        "<body><script>var a = 1;</script><style>p{}</style><p hidden>h1</p>"
        "<div style='display: none'>h2</div><p>seen</p><template>t</template></body>"
    )
    assert texts(html) == ["seen"]


def test_tail_text_after_hidden_element_is_kept():
    assert texts("<p>a <span style='display:none'>hidden</span> b</p>") == ["a b"]


def test_double_br_splits_single_br_does_not():
    assert texts("<div>one<br>two<br><br>three</div>") == ["one two", "three"]


def test_block_fields():
    (b,) = html_blocks(
        parse_html("<body><div class='post-content' id='main'><p>Read <a href='#'>this</a></p></div></body>")
    )
    assert b.tag == "p"
    assert b.xpath == "/html/body/div/p"
    assert b.tags == ("html", "body", "div", "p")
    assert b.tokens[1] == "post content main"
    assert b.link_chars == 4


def test_order_is_document_order():
    html = "<body>" + "".join(f"<p>para {i}</p>" for i in range(50)) + "</body>"
    assert texts(html) == [f"para {i}" for i in range(50)]


def test_gold_labels_from_nearest_labeled_ancestor():
    html = (
        "<body data-label='nav'><ul><li>Home</li></ul><article data-label='story'><p>Body text</p>"
        "<p data-label='disclaimer'>© 2026</p></article></body>"
    )
    blocks = html_blocks(parse_html(html), with_gold=True)
    assert [(b.text, b.gold) for b in blocks] == [("Home", "nav"), ("Body text", "story"), ("© 2026", "disclaimer")]


def test_gold_label_missing_is_an_error():
    with pytest.raises(LabeledDataError, match="no data-label"):
        html_blocks(parse_html("<body><p>unlabeled</p></body>"), with_gold=True)


def test_unknown_gold_label_is_an_error():
    with pytest.raises(LabeledDataError, match="unknown data-label"):
        html_blocks(parse_html("<body data-label='footer'><p>x</p></body>"), with_gold=True)


def test_text_blocks_split_on_blank_lines():
    blocks = text_blocks("Title\n\nFirst line\ncontinued\n \n\n\nLast\r\n\r\nEnd")
    assert [b.text for b in blocks] == ["Title", "First line continued", "Last", "End"]
    assert all(b.xpath is None for b in blocks)


def test_deep_nesting_does_not_recurse():
    html = "<div>" * 1500 + "deep text" + "</div>" * 1500
    assert texts(html) == ["deep text"]


def test_nesting_beyond_the_parser_limit_keeps_the_text():
    html = "<p>before</p>" + "<div><span>" * 50_000 + "deep text" + "</span></div>" * 50_000 + "<p>after</p>"
    assert texts(html) == ["before", "deep text", "after"]


def test_class_and_id_tokens_are_lower_case_letter_runs_of_two_or_more():
    (b,) = html_blocks(parse_html("<body><div class='Post_Body a col-md-8 x2y' id='  '><p>Text</p></div></body>"))
    assert b.tokens[1] == "post body col md"


@pytest.mark.parametrize("pure", ["1", ""])
def test_a_url_valued_id_gives_no_tokens(pure, monkeypatch):
    # the CleanEval wrapper's <text id="http://..."> puts the page's address on every block's path: its words
    # ("comments" here) are content, not layout
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", pure)
    url = "http://example.com/2013/read-comments-on-the-web/"
    html = f"<body><div id='{url}' class='post Body'><p>Text</p><p class='thread-{url} x'>Two</p></div></body>"
    one, two = html_blocks(parse_html(html))
    assert one.tokens[1] == "post body"
    assert two.tokens[0] == "thread"  # the words before the URL's scheme count
