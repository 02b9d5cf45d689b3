import codecs

import pytest
from lxml import etree

from storysift.charset import decode, decode_exact
from storysift.errors import InputError, InputTooLarge
from storysift.parse import is_html, parse_html, read_page, to_text


def test_decode_utf8_bom():
    assert decode(codecs.BOM_UTF8 + "héllo".encode()) == "héllo"


def test_decode_utf16_with_and_without_bom():
    text = "<p>Grüße aus Köln</p>"
    assert decode(text.encode("utf-16")) == text
    assert decode(text.encode("utf-16-le")) == text


def test_decode_meta_charset_cp1252():
    page = '<meta charset="windows-1252"><p>caf\xe9 \x93quoted\x94</p>'.encode("latin-1")
    assert "café “quoted”" in decode(page)


def test_decode_declared_latin1_is_read_as_cp1252():
    page = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>\x80 5</p>'
    assert "€ 5" in decode(page)


def test_decode_shift_jis_declared():
    page = '<meta charset="shift_jis"><p>日本語のテキスト</p>'.encode("shift_jis")
    assert "日本語のテキスト" in decode(page)


def test_decode_misdeclared_falls_back_to_utf8():
    page = '<meta charset="iso-8859-7"><p>naïve café</p>'.encode()
    # greek would decode but produce mojibake; utf-8 content declared otherwise decodes as declared when valid,
    # so only check that decoding never fails and keeps ASCII
    assert "caf" in decode(page)


def test_decode_undeclared_non_utf8_uses_cp1252():
    assert decode(b"<p>caf\xe9</p>") == "<p>café</p>"


def test_decode_exact_says_when_the_bytes_are_the_texts_utf8():
    page = "<p>Grüße – “Köln”</p>".encode()
    assert decode_exact(page) == (decode(page), True)
    assert decode_exact(b"<p>plain</p>") == ("<p>plain</p>", True)
    assert decode_exact(codecs.BOM_UTF8 + page) == (decode(page), False)  # the text lacks the BOM's bytes
    assert decode_exact(page, "utf-8") == (decode(page, "utf-8"), False)  # forced: the shortcut is not taken
    assert decode_exact(b"<p>caf\xe9</p>") == ("<p>café</p>", False)
    assert decode_exact("<p>Grüße</p>".encode("utf-16")) == ("<p>Grüße</p>", False)


def test_read_page_hands_over_bytes_only_when_they_are_the_texts_utf8():
    page = "<p>naïve</p>".encode()
    assert read_page(page) == ("<p>naïve</p>", page)
    assert read_page(bytearray(page)) == ("<p>naïve</p>", page)
    assert read_page(b"<p>caf\xe9</p>") == ("<p>café</p>", None)
    assert read_page("<p>naïve</p>") == ("<p>naïve</p>", None)


@pytest.mark.parametrize(
    "text",
    [
        "<html><body><p>Grüße – “Köln”</p></body></html>",
        '<?xml version="1.0"?><html><body><p>naïve</p></body></html>',  # the declaration is removed first
        "<html><body><p>a\x00b</p></body></html>",  # NULs are removed first
        '<?xml version="1.0"\x00?><html><body><p>a</p></body></html>',  # a NUL in the bytes only
        "<html><head><title>open<body><p>café</p></body></html>",  # an unclosed title is closed first
        '<html><body><template id="B:0"></template><div hidden id="S:0"><p>Später.</p></div></body></html>',
    ],
)
def test_parse_html_with_the_pages_utf8_gives_the_same_tree(text):
    tree = etree.tostring(parse_html(text))
    assert etree.tostring(parse_html(text, utf8=text.encode())) == tree


def test_to_text_rejects_other_types():
    with pytest.raises(InputError, match="must be str or bytes"):
        to_text(123)  # type: ignore[arg-type]


def test_to_text_size_limit():
    with pytest.raises(InputTooLarge):
        to_text(b"x" * 101, max_bytes=100)


def test_is_html():
    assert is_html("<html><body><p>x</p></body></html>")
    assert is_html("text before <div>x</div>")
    assert not is_html("Just a paragraph.\n\nAnother one with a < sign and 3 > 2.")


def test_parse_never_returns_none():
    for text in ["", "   ", "<", "<<<>>>", "<?xml version='1.0'?>", "\x00\x00"]:
        root = parse_html(text)
        assert root is not None


def test_unclosed_title_does_not_swallow_page():
    root = parse_html("<html><head><title>Broken<body><p>Visible paragraph text.</p></body></html>")
    assert "Visible paragraph text." in "".join(root.itertext())


def test_unclosed_title_is_closed_whatever_its_case():
    root = parse_html("<HTML><HEAD><TITLE>Harbour<BODY><p>The story of the harbour.</p></BODY></HTML>")
    assert "The story of the harbour." in "".join(root.itertext())
    closed = "<html><head><Title>Harbour</TITLE></head><body><p>Text.</p></body></html>"
    assert "".join(parse_html(closed).itertext()).count("Harbour") == 1


STREAMED = (
    "<html><body><main><h1>Title</h1><template id='B:0'></template>tail after the boundary"
    "<footer>Footer</footer></main>"
    "<div hidden id='S:0'>lead text <p>First paragraph.</p><p>Second paragraph.</p> end</div>after the segment"
    "<div hidden id='S:7'><p>A segment without a boundary.</p></div>"
    "<script>$RC('B:0','S:0')</script></body></html>"
)


def test_streamed_segments_are_moved_to_their_boundaries():
    from storysift.segment import segment

    root = parse_html(STREAMED.replace("'", '"'))
    main = root.find(".//main")
    assert [el.tag for el in main] == ["h1", "template", "p", "p", "footer"]
    assert main[1].tail == "lead text " and main[3].tail == " endtail after the boundary"
    assert root.find(".//body").xpath("string()").count("after the segment") == 1  # the segment's tail stays
    assert not root.xpath('//div[starts-with(@id, "S:0")]')  # the emptied segment is gone
    texts = [b.text for b in segment(STREAMED.replace("'", '"')).blocks]
    assert texts.index("First paragraph.") < texts.index("Footer")  # read where the browser shows it
    assert "A segment without a boundary." in texts  # shown where it is


def test_hidden_elements_that_are_no_streamed_segments_stay_hidden():
    from storysift.segment import segment

    page = (
        "<html><body><p>Shown.</p><div hidden id='Sx'><p>Hidden.</p></div><div hidden><p>Also hidden.</p></div>"
        "<div hidden id='S:1'><p>Streamed.</p></div></body></html>"
    )
    assert [b.text for b in segment(page.replace("'", '"')).blocks] == ["Shown.", "Streamed."]


def _reference_tree(text: str) -> bytes:
    """The tree lxml makes of text handed over as str (parse_html hands it over as UTF-8 bytes)."""
    from lxml import etree

    parser = etree.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=True, default_doctype=False
    )
    return etree.tostring(etree.fromstring(text, parser))


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><meta charset='iso-8859-1'></head><body><p>Café – “quoted” 東京 😀</p></body></html>",
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=shift_jis'></head>"
        "<body><p>naïve façade</p></body></html>",
        "\ufeff<html><body><p>after a byte order mark</p></body></html>",
        "<p>no html element, ünïcödé &amp; &eacute; &#233; &#x1F600;</p>",
    ],
)
def test_parse_gives_the_tree_of_the_text_whatever_the_page_declares(page):
    from lxml import etree

    assert etree.tostring(parse_html(page)) == _reference_tree(page)


def test_parse_takes_a_page_with_a_lone_surrogate():
    root = parse_html("<html><body><p>broken \ud800 pair</p><p>Kept text.</p></body></html>")
    assert [p.text for p in root.iter("p")] == ["broken  pair", "Kept text."]  # only the surrogate is left out
