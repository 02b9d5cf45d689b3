"""storysift as a datatrove step: a small pipeline on its local executor, from WARC files to JSONL."""

import gzip
import io
import json

import pytest

import storysift

pytest.importorskip("datatrove")
pytest.importorskip("warcio")
pytest.importorskip("magic")  # datatrove's WarcReader needs python-magic and cchardet
pytest.importorskip("cchardet")

from datatrove.data import Document

from storysift.datatrove import StorysiftExtractor

TOPICS = ["harbour", "library", "railway", "museum", "bakery", "orchard"]


def article(n: int) -> str:
    topic = TOPICS[n % len(TOPICS)]
    return (
        f"<html><head><title>The {topic} story {n}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>The {topic} reopens after {n + 2} months</h1>"
        f"<p>The {topic} reopened on Monday after {n + 2} months of repairs, the council said, and the first "
        "visitors queued from early morning to see what had changed inside.</p>"
        f"<p>Work on the {topic} cost more than planned because the old walls needed new foundations.</p>"
        "</article><footer>© 2026 Example News. All rights reserved. Privacy Policy</footer></body></html>"
    )


def write_warcs(folder, files: int = 2, per_file: int = 4) -> dict[str, str]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir()
    pages = {}
    for f in range(files):
        with open(folder / f"part-{f}.warc.gz", "wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for i in range(per_file):
                n = f * per_file + i
                url = f"http://a.example/{n}"
                pages[url] = article(n)
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1")
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(pages[url].encode()), http_headers=headers
                )
                writer.write_record(record)
    return pages


def test_datatrove_pipeline_two_tasks(tmp_path):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter

    pages = write_warcs(tmp_path / "warc")
    executor = LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(tmp_path / "warc")),
            StorysiftExtractor(threshold=0.5),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=2,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    docs = []
    for part in sorted((tmp_path / "out").glob("*.jsonl.gz")):
        docs += [json.loads(line) for line in gzip.decompress(part.read_bytes()).splitlines()]
    assert len(docs) == len(pages)
    for doc in docs:
        url = doc["metadata"]["url"]
        assert doc["text"] == storysift.clean(pages[url]) and doc["text"].startswith("The ")


def test_extractor_metadata_and_dropped_documents():
    docs = [
        Document(text=article(1), id="a"),
        Document(text="", id="empty"),
        Document(text="<html><body><nav><a href='/'>Home</a></nav></body></html>", id="menu"),
    ]
    out = list(StorysiftExtractor(metadata="blocks").run(iter(docs)))
    assert [d.id for d in out] == ["a"]  # documents with no story are dropped, as datatrove's extractors do
    blocks = out[0].metadata["storysift_blocks"]
    assert "\n\n".join(b["text"] for b in blocks if b["kept"]) == out[0].text == storysift.clean(article(1))
    assert {"text", "label", "proba", "kept"} <= set(blocks[0])
    (dropped,) = StorysiftExtractor(metadata="dropped").run(iter([Document(text=article(2), id="b")]))
    assert "Home" in dropped.metadata["storysift_dropped"] and "Home" not in dropped.text


def test_extractor_checks_its_options():
    with pytest.raises(ValueError, match="metadata"):
        StorysiftExtractor(metadata="everything")
    with pytest.raises(storysift.UsageError):
        StorysiftExtractor(threshold=2.0)


def test_storysift_warc_reader_decodes_pages_as_clean_does(tmp_path):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.writers import JsonlWriter
    from inputs_corpus import STORIES, write_warc

    from storysift.datatrove import StorysiftWarcReader

    (tmp_path / "warc").mkdir()
    expected = write_warc(tmp_path / "warc" / "crawl.warc.gz", True)
    LocalPipelineExecutor(
        pipeline=[
            StorysiftWarcReader(str(tmp_path / "warc")),
            StorysiftExtractor(),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    parts = [gzip.decompress(part.read_bytes()) for part in (tmp_path / "out").glob("*.jsonl.gz")]
    docs = [json.loads(line) for part in parts for line in part.splitlines()]
    assert len(docs) == sum(1 for e in expected if e.outcome == "ok")
    texts = {d["metadata"]["url"]: d["text"] for d in docs}
    for charset, (first, _) in STORIES.items():  # declared only in the HTTP header: decoded right
        assert texts[f"http://a.example/{charset}"].startswith(first)
    assert [d["metadata"]["http_status"] for d in docs if d["metadata"]["url"] == "http://a.example/gone"] == [404]
