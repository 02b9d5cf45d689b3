"""A small corpus of inputs as crawls hold them, built by the tests (no network): pages in six charsets,
compressed and not, and the non-pages around them, in WARC (gzipped per record and uncompressed), JSONL
and single files. Each item says what storysift must make of it."""

from __future__ import annotations

import base64
import bz2
import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path

# (charset the bytes are in, as declared in the header; the story's first words; its paragraph)
STORIES = {
    "windows-1251": (
        "Городской совет утвердил новый бюджет",
        "Городской совет утвердил новый бюджет на следующий год. Больше всего средств получат школы, больницы "
        "и ремонт дорог в северных районах города, сообщили в мэрии.",
    ),
    "koi8-r": (
        "Снег закрыл горные дороги",
        "Снег закрыл горные дороги на трое суток. Спасатели вывезли туристов из двух посёлков, а электричество "
        "вернули всем домам только к утру пятницы, сказали в районной администрации.",
    ),
    "euc-kr": (
        "서울시는 새 버스 노선을",
        "서울시는 새 버스 노선을 다음 달부터 운영한다고 밝혔다. 새 노선은 강남과 강북을 잇고, 출퇴근 시간에는 "
        "오 분마다 버스가 다닌다. 시민들은 대체로 환영하는 분위기다.",
    ),
    "shift_jis": (
        "東京の図書館は来月から",
        "東京の図書館は来月から開館時間を夜九時まで延長すると発表した。仕事帰りの利用者が増えたためで、"
        "週末には子ども向けの読み聞かせ会も開かれる予定だという。",
    ),
    "gb2312": (
        "北京市政府宣布将在",
        "北京市政府宣布将在明年春天开放三座新的城市公园。公园内将设有自行车道、儿童游乐场和大片草地，"
        "市民可以免费进入，周末还会举办音乐会和市集活动。",
    ),
    "iso-8859-7": (
        "Το λιμάνι άνοιξε ξανά",
        "Το λιμάνι άνοιξε ξανά τη Δευτέρα μετά από τρεις μήνες εργασιών στον κυματοθραύστη. Τα πλοία για τα "
        "νησιά θα αναχωρούν κανονικά από την Τρίτη, ανακοίνωσε η λιμενική αρχή.",
    ),
}

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4
JSON_BODY = json.dumps({"items": [{"id": i, "name": f"item {i}"} for i in range(20)]}).encode()
RANDOM = bytes((i * 7919 + 13) % 256 for i in range(3000))


def page(title: str, body: str) -> str:
    """An article page with a menu and a footer, no charset declared in it."""
    return (
        "<html><head><title>" + title + "</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a>"
        "</nav><article><h1>" + title + "</h1><p>" + body + "</p><p>" + body + "</p></article>"
        "<footer>Copyright 2026 Example</footer></body></html>"
    )


def story_bytes(charset: str) -> bytes:
    first, body = STORIES[charset]
    return page(first, body).encode(charset)


def chunked(data: bytes, size: int = 100) -> bytes:
    """data in HTTP chunked transfer-encoding."""
    parts = [b"%x\r\n%s\r\n" % (len(data[i : i + size]), data[i : i + size]) for i in range(0, len(data), size)]
    return b"".join(parts) + b"0\r\n\r\n"


@dataclass
class Expected:
    """What one input record must become: the output status or error kind, or the reason it is skipped,
    and the first words of the story when it is a page."""

    outcome: str  # "ok", an error kind, or "skipped_<why>"
    first_words: str | None = None
    http_status: int | None = None


def write_warc(path: Path, gzip_records: bool) -> list[Expected]:
    """A WARC with the pages in six charsets (half gzip-encoded, declared only in the HTTP header), a
    chunked one, images, a PDF, JSON, a 404, a redirect, requests, revisit, metadata, resource,
    conversion and continuation records; returns what each record must become, in order."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    expected: list[Expected] = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip_records)

        def response(url, body, ctype, status="200 OK", extra=()):
            headers = StatusAndHeaders(status, [("Content-Type", ctype), *extra], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )

        def request(url):
            headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "a.example")], is_http_request=True)
            writer.write_record(
                writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=headers)
            )
            expected.append(Expected("skipped_request"))

        writer.write_record(writer.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: tests\r\n")))
        expected.append(Expected("skipped_warcinfo"))
        for n, charset in enumerate(STORIES):
            url = f"http://a.example/{charset}"
            request(url)
            body = story_bytes(charset)
            if n % 2:
                response(
                    url, gzip.compress(body), f"text/html; charset={charset}", extra=[("Content-Encoding", "gzip")]
                )
            else:
                response(url, body, f"text/html; charset={charset}")
            expected.append(Expected("ok", STORIES[charset][0], 200))
        utf8 = page("Harbour reopens after storm", "The harbour reopened on Monday after three months of repairs.")
        response(
            "http://a.example/chunked", chunked(utf8.encode()), "text/html", extra=[("Transfer-Encoding", "chunked")]
        )
        expected.append(Expected("ok", "Harbour reopens after storm", 200))
        response("http://a.example/logo.png", PNG, "image/png")
        expected.append(Expected("skipped_not_html"))
        response("http://a.example/photo", JPEG, "text/html")  # mislabelled: the content says what it is
        expected.append(Expected("skipped_not_html"))
        response("http://a.example/report.pdf", PDF, "application/pdf")
        expected.append(Expected("skipped_not_html"))
        response("http://a.example/api", JSON_BODY, "application/json")
        expected.append(Expected("skipped_not_html"))
        missing = page("Page not found", "The page you asked for is not here; it may have moved or been removed.")
        response("http://a.example/gone", missing.encode(), "text/html; charset=utf-8", status="404 Not Found")
        expected.append(Expected("ok", "Page not found", 404))
        response("http://a.example/old", b"", "text/html", status="301 Moved Permanently", extra=[("Location", "/new")])
        expected.append(Expected("skipped_empty"))
        writer.write_record(
            writer.create_revisit_record(
                "http://a.example/windows-1251", "sha1:AAAA", "http://a.example/windows-1251", "2026-01-01T00:00:00Z"
            )
        )
        expected.append(Expected("skipped_revisit"))
        writer.write_record(
            writer.create_warc_record(
                "http://a.example/gone",
                "metadata",
                payload=io.BytesIO(b"outlinks: http://a.example/\r\n"),
                warc_content_type="application/warc-fields",
            )
        )
        expected.append(Expected("skipped_metadata"))
        resource = page("Local copy of the notice", "A notice kept as a resource record, not fetched over HTTP.")
        writer.write_record(
            writer.create_warc_record(
                "file:///notice.html", "resource", payload=io.BytesIO(resource.encode()), warc_content_type="text/html"
            )
        )
        expected.append(Expected("ok", "Local copy of the notice"))
        converted = "Converted text of a document.\n\nIts second paragraph, kept as plain text for the archive."
        writer.write_record(
            writer.create_warc_record(
                "http://a.example/report.pdf",
                "conversion",
                payload=io.BytesIO(converted.encode()),
                warc_content_type="text/plain",
            )
        )
        expected.append(Expected("ok", "Converted text of a document."))
        writer.write_record(
            writer.create_warc_record(
                "http://a.example/big",
                "continuation",
                payload=io.BytesIO(b"second segment of a long record"),
                warc_headers_dict={"WARC-Segment-Number": "2", "WARC-Segment-Origin-ID": "<urn:uuid:x>"},
            )
        )
        expected.append(Expected("skipped_continuation"))
    return expected


def write_jsonl(path: Path) -> list[Expected]:
    """A JSONL of the same kinds: pages as base64 bytes with the charset in content_type or in headers,
    a gzipped page in base64 in the html field, a PDF, random bytes, an empty page, JSON in a text field."""
    lines: list[dict] = []
    expected: list[Expected] = []
    for n, charset in enumerate(STORIES):
        packed = base64.b64encode(story_bytes(charset)).decode()
        if n % 2:
            lines.append(
                {"id": charset, "html_base64": packed, "headers": {"content-type": f"text/html;charset={charset}"}}
            )
        else:
            lines.append({"id": charset, "html_base64": packed, "content_type": f"text/html; charset={charset}"})
        expected.append(Expected("ok", STORIES[charset][0]))
    article = page("Harbour reopens after storm", "The harbour reopened on Monday after three months of repairs.")
    lines.append({"id": "gz", "html": base64.b64encode(gzip.compress(article.encode())).decode(), "http_status": 200})
    expected.append(Expected("ok", "Harbour reopens after storm", 200))
    lines.append({"id": "pdf", "html_base64": base64.b64encode(PDF).decode()})
    expected.append(Expected("not_html"))
    lines.append({"id": "pdf-as-text", "html": PDF.decode("latin-1")})
    expected.append(Expected("not_html"))
    lines.append({"id": "random", "html_base64": base64.b64encode(RANDOM).decode()})
    expected.append(Expected("not_html"))
    lines.append({"id": "empty", "html": ""})
    expected.append(Expected("empty"))
    lines.append({"id": "blank", "text": " \n\n "})
    expected.append(Expected("empty"))
    lines.append({"id": "json", "text": JSON_BODY.decode()})
    expected.append(Expected("not_html"))
    lines.append({"id": "bad-base64", "html_base64": "%%%"})
    expected.append(Expected("bad_record"))
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return expected


def write_single_files(folder: Path) -> dict[str, Expected]:
    """Single page files: gzipped with and without a .gz name, bzip2, zstd (when zstandard is there)."""
    folder.mkdir(parents=True, exist_ok=True)
    article = page("Harbour reopens after storm", "The harbour reopened on Monday after three months of repairs.")
    files = {
        "page.html.gz": gzip.compress(article.encode()),
        "gzipped-but-named.html": gzip.compress(article.encode()),
        "page.html.bz2": bz2.compress(article.encode()),
        "ru.html": story_bytes("windows-1251"),  # undeclared: detected
        "report.html": PDF,
        "empty.html": b"",
    }
    expected = {name: Expected("ok", "Harbour reopens after storm") for name in files}
    expected["ru.html"] = Expected("ok", STORIES["windows-1251"][0])
    expected["report.html"] = Expected("not_html")
    expected["empty.html"] = Expected("empty")
    try:
        import zstandard

        files["page.html.zst"] = zstandard.ZstdCompressor().compress(article.encode())
        expected["page.html.zst"] = Expected("ok", "Harbour reopens after storm")
    except ImportError:
        pass
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return expected
