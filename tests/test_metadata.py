"""What a page declares about itself: title, canonical URL, language, date; None when it declares nothing."""

import json

from storysift.cli import main
from storysift.metadata import page_metadata
from storysift.parse import parse_html
from storysift.segment import segment


def meta_of(html: str) -> dict:
    return page_metadata(parse_html(html))


def test_declared_fields_are_read_from_standard_tags():
    html = """<html lang="de-AT"><head><title>Site | Story</title>
    <meta property="og:title" content=" Story  title ">
    <link rel="canonical" href="https://example.at/story">
    <meta property="article:published_time" content="2024-05-01T08:00:00Z"></head>
    <body><h1>Heading</h1><p>Text of the story.</p></body></html>"""
    assert meta_of(html) == {
        "title": "Story title",
        "canonical_url": "https://example.at/story",
        "language": "de-AT",
        "date": "2024-05-01T08:00:00Z",
    }


def test_fallbacks_in_order():
    html = """<html><head><title>Only the title</title><meta property="og:url" content="https://e.org/a">
    <meta http-equiv="Content-Language" content="fr"><meta name="date" content="2023-01-02"></head>
    <body><h1>Heading</h1></body></html>"""
    assert meta_of(html) == {
        "title": "Only the title",
        "canonical_url": "https://e.org/a",
        "language": "fr",
        "date": "2023-01-02",
    }
    assert meta_of("<html><body><h1>First <b>heading</b></h1><h1>Second</h1></body></html>")["title"] == (
        "First heading"
    )


def test_nothing_declared_is_none_never_guessed():
    html = "<html><body><p>Published on 3 May 2024 by Jane in English.</p></body></html>"
    assert meta_of(html) == {"title": None, "canonical_url": None, "language": None, "date": None}
    assert segment("Just a text page\n\nwith two paragraphs", kind="text").meta == {}


def test_json_output_carries_the_fields(tmp_path, capsys):
    page = tmp_path / "p.html"
    page.write_text('<html lang="en"><head><title>T</title></head><body><p>Hello there, a story.</p></body></html>')
    assert main(["clean", "--format", "json", str(page)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["title"] == "T" and record["language"] == "en" and record["date"] is None
    assert main(["clean", "--format", "html", str(page)]) == 0
    out = capsys.readouterr().out
    assert "<title>T</title>" in out and '<html lang="en">' in out


def test_segmenting_without_metadata_leaves_meta_empty_and_the_blocks_alike():
    html = """<html lang="en"><head><title>Declared</title></head>
    <body><h1>Heading</h1><p>Text of the story.</p></body></html>"""
    with_meta, without = segment(html), segment(html, metadata=False)
    assert with_meta.meta["title"] == "Declared" and without.meta == {}
    assert without.blocks == with_meta.blocks and without.kind == with_meta.kind == "html"
