"""Inputs as crawls hold them: every record read right (charset, compression) or refused by name."""

import base64
import codecs
import gzip
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inputs_corpus import STORIES, Expected, page, story_bytes, write_jsonl, write_single_files, write_warc

from storysift import Options
from storysift.charset import decode, encoding_of
from storysift.cli import main
from storysift.content import decompress, not_a_page
from storysift.errors import InputError, InputTooLarge
from storysift.pipeline.batch import BatchJob, run
from storysift.pipeline.records import iter_records
from storysift.pipeline.warc import warc_records

JOB = BatchJob(options=Options(timeout=30))
MAX = 10**6


def outcomes(path, **kwargs) -> list[tuple[str, str | None, int | None]]:
    """(outcome, story's start, http status) of every record of an input, skipped ones included, in order."""
    records = list(iter_records([str(path)], max_bytes=MAX, **kwargs))
    outputs = iter(run(records, JOB))
    result = []
    for record in records:
        if record.skip:
            result.append((f"skipped_{record.skip}", None, record.http_status))
            continue
        out = next(outputs)
        start = out["text"][:40] if out["status"] == "ok" else None
        result.append((out["status"] if out["status"] == "ok" else out["error"], start, out.get("http_status")))
    return result


def check(got, expected: list[Expected]) -> None:
    assert [g[0] for g in got] == [e.outcome for e in expected]
    for (_, start, status), exp in zip(got, expected):
        if exp.first_words:
            assert start.startswith(exp.first_words), (start, exp.first_words)
        if exp.http_status:
            assert status == exp.http_status


@pytest.mark.parametrize("gzip_records", [True, False], ids=["warc.gz", "warc"])
def test_warc_as_crawls_are(tmp_path, gzip_records):
    pytest.importorskip("warcio")
    path = tmp_path / ("crawl.warc.gz" if gzip_records else "crawl.warc")
    expected = write_warc(path, gzip_records)
    check(outcomes(path), expected)


def test_warc_strict_turns_skipped_pages_into_errors(tmp_path):
    pytest.importorskip("warcio")
    path = tmp_path / "crawl.warc.gz"
    expected = write_warc(path, True)
    got = [g[0] for g in outcomes(path, strict=True)]
    want = [{"skipped_not_html": "not_html", "skipped_empty": "empty"}.get(e.outcome, e.outcome) for e in expected]
    assert got == want


def test_warc_skip_status(tmp_path):
    pytest.importorskip("warcio")
    path = tmp_path / "crawl.warc.gz"
    expected = write_warc(path, True)
    got = [g[0] for g in outcomes(path, skip_status=frozenset({"4xx"}))]
    assert got == ["skipped_status" if e.http_status == 404 else e.outcome for e in expected]


def test_jsonl_as_crawls_are(tmp_path):
    path = tmp_path / "pages.jsonl"
    expected = write_jsonl(path)
    check(outcomes(path), expected)


def test_single_files_by_content(tmp_path):
    expected = write_single_files(tmp_path / "pages")
    for name, exp in expected.items():
        (got,) = outcomes(tmp_path / "pages" / name)
        check([got], [exp])


def test_folder_of_compressed_pages(tmp_path):
    expected = write_single_files(tmp_path / "pages")
    records = list(iter_records([str(tmp_path / "pages")], max_bytes=MAX))
    assert sorted(r.id for r in records) == sorted(expected)


# --- WARC files as other writers make them: uncompressed, cut, corrupt, empty ---


def _warc_bytes(gzip_records: bool, tmp_path) -> bytes:
    path = tmp_path / "w.warc"
    write_warc(path, gzip_records)
    return path.read_bytes()


def _read(data: bytes):
    return list(warc_records(io.BytesIO(data), "w.warc", MAX))


@pytest.mark.parametrize("gzip_records", [True, False], ids=["warc.gz", "warc"])
def test_warc_cut_anywhere_ends_in_one_clear_error(tmp_path, gzip_records):
    pytest.importorskip("warcio")
    data = _warc_bytes(gzip_records, tmp_path)
    whole = _read(data)
    assert not any(r.error for r in whole)  # the blank lines that close each record are not a cut
    for cut in range(100, len(data), max(1, len(data) // 40)):
        records = _read(data[:cut])
        errors = [r for r in records if r.error]
        if not errors:  # cut between two records: a shorter whole file, every record as it was
            assert [(r.id, r.content) for r in records] == [(r.id, r.content) for r in whole[: len(records)]], cut
            continue
        assert len(errors) == 1 and records[-1].error == "parse_failure", cut
        assert len(records) <= len(whole) + 1


def test_warc_empty_garbage_and_bad_headers(tmp_path):
    pytest.importorskip("warcio")
    (empty,) = _read(b"")
    assert empty.error == "empty"
    for garbage in (b"this is not a WARC file at all\r\n\r\n" * 20, b"garbage", b"\x1f\x8b" + b"x" * 50):
        (record,) = _read(garbage)
        assert record.error == "parse_failure"
    assert [r.error for r in _read(gzip.compress(b""))] == ["parse_failure"]
    good = _warc_bytes(False, tmp_path)
    start = good.index(b"Content-Length: ", good.index(b"WARC-Type: request"))
    end = good.index(b"\r\n", start)
    for length in (b"abc", b"3", b"99999999"):  # not a number, too short, too long
        records = _read(good[:start] + b"Content-Length: " + length + good[end:])
        assert records[0].skip == "warcinfo" and records[-1].error == "parse_failure"
        assert not any(r.error for r in records[:-1])


def test_cli_warc_summary_counts_what_is_not_a_page(tmp_path, capsys):
    pytest.importorskip("warcio")
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, True)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "skipped_not_html 4" in err and "skipped_request 6" in err and "skipped_revisit 1" in err
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["http_status"] for r in records if r["url"] == "http://a.example/gone"] == [404]


def test_cli_label_takes_batch_inputs(tmp_path, capsys):
    path = tmp_path / "pages.jsonl"
    article = page("Harbour reopens after storm", "The harbour reopened on Monday after three months of repairs.")
    path.write_text(
        json.dumps({"id": "a", "url": "http://a.example/a", "html": article})
        + "\n"
        + json.dumps({"id": "b", "html": ""})
        + "\n"
    )
    out = tmp_path / "blocks.jsonl"
    assert main(["label", str(path), "-o", str(out)]) == 1
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert {x["id"] for x in lines} == {"a", "b"}
    blocks = [x for x in lines if x["id"] == "a"]
    assert all(x["url"] == "http://a.example/a" and "label" in x and "proba" in x for x in blocks)
    assert any(x["text"] == "Harbour reopens after storm" for x in blocks)
    assert [x["error"] for x in lines if x["id"] == "b"] == ["empty"]
    # several page files: one stream, each block with its page
    (tmp_path / "p1.html").write_text(article)
    (tmp_path / "p2.html").write_text(article)
    assert main(["label", str(tmp_path / "p1.html"), str(tmp_path / "p2.html"), "-o", str(tmp_path / "two.jsonl")]) == 0
    ids = {json.loads(x)["id"] for x in (tmp_path / "two.jsonl").read_text().splitlines()}
    assert ids == {str(tmp_path / "p1.html"), str(tmp_path / "p2.html")}
    assert main(["label", "--format", "labeled-html", str(path)]) == 2
    assert "takes page files" in capsys.readouterr().err


def test_cli_duplicate_ids_are_warned(tmp_path, capsys):
    path = tmp_path / "dup.jsonl"
    path.write_text("".join(json.dumps({"id": "same", "text": f"Paragraph {i}."}) + "\n" for i in range(3)))
    assert main(["clean", str(path), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert capsys.readouterr().err.count("duplicate id 'same'") == 2


def test_cli_single_gz_page(tmp_path, capsys):
    article = page("Harbour reopens after storm", "The harbour reopened on Monday after three months of repairs.")
    target = tmp_path / "page.html.gz"
    target.write_bytes(gzip.compress(article.encode()))
    assert main(["clean", str(target)]) == 0
    assert capsys.readouterr().out.startswith("Harbour reopens after storm")


# --- charsets: declared in the header, in the page, not at all, and wrongly ---


@pytest.mark.parametrize("charset", list(STORIES))
def test_charset_declared_in_header_only(charset):
    data = story_bytes(charset)
    assert decode(data, content_type=f"text/html; charset={charset}") == data.decode(charset)


@pytest.mark.parametrize("charset", list(STORIES))
def test_charset_declared_in_the_page(charset):
    first, body = STORIES[charset]
    html = page(first, body).replace("<head>", f'<head><meta charset="{charset}">')
    assert decode(html.encode(charset)) == html


@pytest.mark.parametrize("charset", list(STORIES))
def test_charset_undeclared_is_detected(charset):
    data = story_bytes(charset)
    text = decode(data)
    assert STORIES[charset][1] in text, encoding_of(data)


def test_charset_misdeclared():
    # a UTF-8 page declared latin-1 (in the header and in the page) is read as UTF-8
    html = page("Café society", "Crème brûlée and smörgåsbord at the café, said the critic; the menu changes weekly.")
    data = html.replace("<head>", '<head><meta charset="iso-8859-1">').encode()
    assert "Crème brûlée" in decode(data, content_type="text/html; charset=iso-8859-1")
    # a windows-1251 page declared UTF-8 (its bytes are not UTF-8) is detected
    data = story_bytes("windows-1251")
    assert STORIES["windows-1251"][1] in decode(data, content_type="text/html; charset=utf-8")
    # the header wins over the page when both declare a legacy encoding
    greek = story_bytes("iso-8859-7").replace(b"<head>", b'<head><meta charset="windows-1252">')
    assert STORIES["iso-8859-7"][0] in decode(greek, content_type="text/html; charset=iso-8859-7")
    # a forced encoding wins over everything
    assert decode("é".encode(), "cp1252") == "Ã©"


def test_charset_labels_as_browsers_read_them():
    assert encoding_of(b"caf\xe9", content_type="text/html; charset=latin1")[0] == "cp1252"
    assert encoding_of("서울".encode("cp949"), content_type="text/html; charset=euc-kr")[0] == "cp949"
    assert encoding_of("北京".encode("gb18030"), content_type="text/html; charset=gb2312")[0] == "gb18030"
    assert encoding_of(codecs.BOM_UTF16_LE + "<p>x</p>".encode("utf-16-le"))[0] == "utf-16-le"
    assert decode(codecs.BOM_UTF8 + "<p>é</p>".encode()) == "<p>é</p>"


# --- compression and content that is not a page ---


def test_decompress_by_magic_and_declared():
    data = page("T", "Body text.").encode()
    assert decompress(gzip.compress(data), MAX) == data
    assert decompress(gzip.compress(gzip.compress(data)), MAX) == data  # nested layers
    assert decompress(data, MAX) == data
    brotli = pytest.importorskip("brotli")
    assert decompress(brotli.compress(data), MAX, declared="br") == data


def test_decompress_bounds_and_corruption():
    bomb = gzip.compress(b"\0" * 5_000_000)
    with pytest.raises(InputTooLarge):
        decompress(bomb, 1_000_000)
    with pytest.raises(InputError, match="cannot decompress"):
        decompress(gzip.compress(b"<p>hello</p>" * 100)[:-30], MAX)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n\0\0", "PNG"),
        (b"GIF89a\x01\x00", "GIF"),
        (b"RIFF\0\0\0\0WEBPVP8 ", "RIFF"),
        (b'  {"a": [1, 2, 3]}', "JSON"),
        (bytes(range(256)), "binary"),
    ],
)
def test_not_a_page_names_what_it_is(data, what):
    assert what in not_a_page(data)


def test_pages_are_pages():
    for data in (
        b"<p>Hello</p>",
        b"[Editor's note: this story was updated.]\n\nThe council met on Monday.",
        "<p>Привет</p>".encode("utf-16"),
        "<p>Hello</p>".encode("utf-16-le"),
        story_bytes("shift_jis"),
        base64.b64encode(b"x" * 30),
    ):
        assert not_a_page(data) is None, data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000), st.sampled_from(["in.warc", "in.warc.gz", "in.jsonl", "in.jsonl.gz", "in.html"]))
def test_any_bytes_in_any_format_are_accounted_for(tmp_path_factory, data, name):
    pytest.importorskip("warcio")
    path = tmp_path_factory.mktemp("any") / name
    path.write_bytes(data)
    records = list(iter_records([str(path)], max_bytes=MAX))
    assert records or (name.startswith("in.jsonl") and not data.strip())  # a JSONL of blank lines has no record
    outputs = list(run(records, JOB))
    assert len(outputs) == sum(1 for r in records if not r.skip)
    assert all(out["status"] in ("ok", "error") for out in outputs)


def _lf_warc() -> bytes:
    """A WARC as careless writers make it: LF line endings, zero-length records of every type, an
    unusual Content-Type, a response without HTTP headers, a revisit without a known profile."""
    records = [
        ("warcinfo", "Content-Type: application/warc-fields", "software: a hand-made writer\nformat: lf\n"),
        ("warcinfo", "Content-Type: application/warc-fields", ""),
        ("response", "WARC-Target-URI: HTTP://a.example/\nContent-Type: text/plain", ""),
        ("resource", "WARC-Target-URI: dns:a.example\nContent-Type: text/dns", ""),
        ("resource", "WARC-Target-URI: file:///note.txt", "A note kept as a resource.\n\nIt has two paragraphs.\n"),
        ("request", "WARC-Target-URI: http://a.example/\nWARC-IP-Address: 10.0.0.1", ""),
        ("metadata", "Content-Type: text/anything", ""),
        ("revisit", "WARC-Profile: none", ""),
        ("conversion", "", ""),
        ("continuation", "WARC-Segment-Number: 2", ""),
    ]
    out = []
    for n, (kind, headers, body) in enumerate(records):
        data = body.encode()
        head = f"WARC/1.0\nWARC-Type: {kind}\nWARC-Record-ID: <urn:test:{n}>\n"
        head += (headers + "\n" if headers else "") + f"Content-Length: {len(data)}\n\n"
        out.append(head.encode() + data + b"\n\n")
    return b"".join(out)


def test_warc_with_lf_line_endings_and_empty_records():
    pytest.importorskip("warcio")
    records = _read(_lf_warc())
    assert [r.skip or r.error or "page" for r in records] == [
        "warcinfo",
        "warcinfo",
        "empty",
        "not_html",
        "page",
        "request",
        "metadata",
        "revisit",
        "empty",
        "continuation",
    ]
    assert records[4].content.startswith(b"A note kept") and records[4].kind == "auto"


def test_charset_western_text_with_few_signs_and_nearly_utf8():
    # a few £ and © in English text: too little for a detector, windows-1252 (detectors said cp1250, big5)
    english = page("Prices rise again", "The price of a loaf rose to £1.40 this week, the bakers said. " * 8)
    data = english.replace("Copyright", "©").encode("cp1252")
    assert encoding_of(data)[0] == "cp1252" and "£1.40" in decode(data)
    # UTF-8 with one broken byte (a page spliced from parts) is still UTF-8, not mojibake
    polish = page("Sprzeciw wobec ataków", "Zażółć gęślą jaźń, powiedział rzecznik fundacji w poniedziałek. " * 5)
    data = polish.encode() + b"<p>\xff</p>"
    assert encoding_of(data) == ("utf-8", "utf-8") and "Zażółć gęślą jaźń" in decode(data)


def test_fastwarc_and_warcio_give_the_same_records(tmp_path):
    pytest.importorskip("warcio")
    pytest.importorskip("fastwarc")

    def records(data: bytes, reader: str, name: str = "w.warc.gz"):
        got = warc_records(io.BytesIO(data), name, MAX, reader=reader)
        # where a cut file ends, a reader may or may not have read the cut record's id: the rest is equal
        return [
            ((None, None) if r.error == "parse_failure" else (r.id, r.url))
            + (r.skip, r.error, r.content, r.kind, r.http_status, r.content_type)
            for r in got
        ]

    files = [_warc_bytes(True, tmp_path), _warc_bytes(False, tmp_path), _lf_warc(), b"", b"garbage"]
    for data in list(files[:2]):
        files += [data[:cut] for cut in range(100, len(data), len(data) // 25)]
    for data in files:
        assert records(data, "fastwarc") == records(data, "warcio")
    assert sum(1 for r in records(files[0], "fastwarc") if r[4]) == 10  # the pages, read by FastWARC


def test_text_with_a_stray_control_character_is_still_a_page(extractor):
    from storysift.pipeline.batch import process
    from storysift.pipeline.record import Record

    article = page("Harbour reopens after storm", "The harbour reopened on Monday\x00 after three months of repairs.")
    assert process(extractor, Record("t", content=article))["status"] == "ok"
    assert process(extractor, Record("b", content=article.encode()))["error"] == "not_html"  # bytes: binary


def test_jsonl_files_compressed_any_way_by_their_bytes(tmp_path):
    import bz2

    zstandard = pytest.importorskip("zstandard")
    plain = tmp_path / "pages.jsonl"
    write_jsonl(plain)
    data = plain.read_bytes()
    want = [(r.id, r.error, r.content) for r in iter_records([str(plain)], max_bytes=MAX)]
    packed = {
        "a.jsonl.gz": gzip.compress(data),
        "gzipped-but-named.jsonl": gzip.compress(data),
        "b.jsonl.bz2": bz2.compress(data),
        "c.jsonl.zst": zstandard.ZstdCompressor().compress(data),
    }
    for name, blob in packed.items():
        (tmp_path / name).write_bytes(blob)
        got = [(r.id, r.error, r.content) for r in iter_records([str(tmp_path / name)], max_bytes=MAX)]
        assert [(i.split(":")[-1] if ":" in i else i, e, c) for i, e, c in got] == [
            (i.split(":")[-1] if ":" in i else i, e, c) for i, e, c in want
        ], name
    cut = tmp_path / "cut.jsonl.zst"
    cut.write_bytes(packed["c.jsonl.zst"][: len(packed["c.jsonl.zst"]) // 2])
    assert list(iter_records([str(cut)], max_bytes=MAX))[-1].error == "unreadable"


def test_cli_label_output_resumes_and_refuses_a_clean_run_into_it(tmp_path, capsys):
    path = tmp_path / "pages.jsonl"
    article = page("Harbour reopens after storm", "The harbour reopened on Monday after three months of repairs.")
    path.write_text("".join(json.dumps({"id": f"p{i}", "html": article}) + "\n" for i in range(3)))
    out = tmp_path / "blocks.jsonl"
    assert main(["label", str(path), "-o", str(out)]) == 0
    first = out.read_text()
    assert main(["label", str(path), "-o", str(out)]) == 0
    assert "skipped_done 3" in capsys.readouterr().err and out.read_text() == first
    assert main(["clean", str(path), "-o", str(out)]) == 2  # another command's output: refused
    assert "command 'label' -> 'clean'" in capsys.readouterr().err


def test_cli_skip_status_must_be_statuses(tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(["clean", str(tmp_path), "--skip-status", "4xx,oops"])
    assert done.value.code == 2 and "'oops' is not an HTTP status" in capsys.readouterr().err
