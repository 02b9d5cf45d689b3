"""Hostile and broken input: a clear result or a documented error, in bounded time, never a crash."""

import random

import pytest

from storysift import InputError, InputTooLarge
from storysift.charset import decode

ARTICLE = (
    "<h1>Storm closes the harbour road</h1><p>The harbour road was closed on Monday after the storm "
    "washed part of the sea wall away, the council said in a statement.</p>"
)


def story_or_empty(extractor, page):
    text = extractor.clean(page)
    assert isinstance(text, str)
    return text


def test_empty_input(extractor):
    for page in ("", b"", "   ", b"\n\n", "<html></html>"):
        assert story_or_empty(extractor, page) == ""


def test_random_bytes(extractor):
    rng = random.Random(7)
    for n in (1, 10, 1000, 100_000):
        story_or_empty(extractor, bytes(rng.getrandbits(8) for _ in range(n)))


def test_nul_and_control_characters(extractor):
    page = "<p>Hello\x00 world\x01\x02\x1b[31m red\x7f text</p>" + ARTICLE
    for p in (page, page.encode()):
        texts = [b.text for b in extractor.label(p)]
        assert any(t.startswith("Hello") and "world" in t for t in texts)
        assert "Storm closes the harbour road" in texts


def test_truncated_document(extractor):
    page = "<html><body>" + ARTICLE + ARTICLE
    for cut in (5, 50, len(page) // 2, len(page) - 3):
        story_or_empty(extractor, page[:cut])


def test_unclosed_and_misnested_tags(extractor):
    page = "<div><p>one <b>two <i>three</b> four</i><p>five<div><span>six</div></span><li>seven<td>eight" + ARTICLE
    blocks = extractor.label(page)
    joined = " ".join(b.text for b in blocks)
    for word in ("one", "three", "four", "five", "six", "seven", "eight"):
        assert word in joined


def test_100000_deep_nesting(extractor):
    page = "<div>" * 100_000 + ARTICLE + "</div>" * 100_000
    assert "Storm closes the harbour road" in " ".join(b.text for b in extractor.label(page))


def test_single_10mb_text_node(extractor):
    page = "<html><body><p>" + "word " * 2_000_000 + "</p></body></html>"
    blocks = extractor.label(page)
    assert len(blocks) == 1 and len(blocks[0].text) >= 9_999_999


def test_50mb_page_is_refused_by_default_limit(extractor):
    page = b"<p>" + b"x" * (50 * 1024 * 1024) + b"</p>"
    with pytest.raises(InputTooLarge):
        extractor.clean(page)


def test_100000_sibling_blocks(extractor):
    page = "<body>" + "".join(f"<p>p{i}</p>" for i in range(100_000)) + "</body>"
    assert len(extractor.label(page)) == 100_000


def test_thousands_of_attributes(extractor):
    attrs = " ".join(f'data-a{i}="{i}"' for i in range(5000))
    page = f"<div class='{' '.join(f'c{i}' for i in range(3000))}' {attrs}>{ARTICLE}</div>"
    assert "Storm closes" in " ".join(b.text for b in extractor.label(page))


def test_frameset_without_body(extractor):
    page = (
        "<html><head><title>t</title></head><frameset><frame src='a.html'>"
        "<noframes>No frames text</noframes></frameset></html>"
    )
    story_or_empty(extractor, page)


def test_only_scripts(extractor):
    assert (
        extractor.label(
            "<html><head><script>var a='<p>not text</p>';</script></head><body><script>x()</script></body></html>"
        )
        == []
    )


def test_xml_declaration_and_xhtml(extractor):
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
        f"<body>{ARTICLE}</body></html>"
    )
    for p in (page, page.encode()):
        assert "Storm closes" in " ".join(b.text for b in extractor.label(p))


def test_entity_expansion_is_not_performed(extractor):
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
        '&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'
        '&lol2;">]><html><body><p>&lol3;</p>' + ARTICLE + "</body></html>"
    )
    text = " ".join(b.text for b in extractor.label(lol))
    assert len(text) < 10_000


def test_external_entities_and_dtds_are_never_fetched(extractor, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    page = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        f"<html><body><p>&xxe;</p>{ARTICLE}</body></html>"
    )
    assert "TOPSECRET" not in " ".join(b.text for b in extractor.label(page))


ENCODINGS = [
    "utf-8",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "cp1252",
    "latin-1",
    "shift_jis",
    "euc-kr",
    "gbk",
    "gb2312",
    "koi8-r",
]
SAMPLES = {
    "shift_jis": "日本語の記事です",
    "euc-kr": "한국어 기사입니다",
    "gbk": "中文新闻报道",
    "gb2312": "中文新闻报道",
    "koi8-r": "Новости города",
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_encodings_declared(encoding):
    sample = SAMPLES.get(encoding, "Café déjà vu — “quoted”" if encoding == "cp1252" else "Café déjà vu")
    if encoding == "latin-1":
        sample = "Café déjà vu"
    declared = {"utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(encoding, encoding)
    page = f'<html><head><meta charset="{declared}"></head><body><p>{sample}</p></body></html>'
    data = page.encode(encoding)
    if encoding == "utf-16-le":
        data = page.encode("utf-16-le")  # no BOM
    assert sample in decode(data)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252", "koi8-r"])
def test_encodings_undeclared(encoding):
    sample = {"koi8-r": "Новости", "cp1252": "Café"}.get(encoding, "Grüße 東京")
    page = f"<html><body><p>{sample}</p></body></html>"
    text = decode(page.encode(encoding))
    if encoding in ("utf-8", "utf-16", "cp1252"):
        assert sample in text
    else:
        assert isinstance(text, str)  # no detector for undeclared koi8-r: decoded, not crashed


def test_misdeclared_encoding():
    page = '<html><head><meta charset="shift_jis"></head><body><p>Grüße aus Köln</p></body></html>'
    assert "Grüße aus Köln" in decode(page.encode("utf-8"))


def test_mixed_line_endings(extractor):
    text = "First paragraph here.\r\n\r\nSecond paragraph\rcontinues.\n\nThird one.\r\n"
    assert [b.text for b in extractor.label(text)] == [
        "First paragraph here.",
        "Second paragraph continues.",
        "Third one.",
    ]


def test_wrong_type_is_a_clear_error(extractor):
    with pytest.raises(InputError, match="str or bytes"):
        extractor.clean(12345)
