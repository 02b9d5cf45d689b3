"""Batch runs: one output record per input record, in order, with the right error kinds."""

import gzip
import io
import json

import pytest

import storysift
from storysift import Extractor, Options, PageTimeout
from storysift.cli import main
from storysift.limits import time_limit
from storysift.pipeline.batch import BatchJob, process, run
from storysift.pipeline.records import Fields, Record, iter_records, jsonl_records

GOOD = (
    "<html><body><nav><a href='/'>Home</a></nav><article><h1>Harbour reopens after storm</h1>"
    "<p>The harbour reopened on Monday after repairs to the sea wall took three months to finish.</p>"
    "</article><footer>© 2026 Example News. All rights reserved.</footer></body></html>"
)
LIMITS = BatchJob(options=Options(max_bytes=20_000, timeout=10))
MAX_BYTES = LIMITS.options.max_bytes


def make_jsonl(tmp_path):
    lines = [
        json.dumps({"id": "good1", "url": "http://a.example/1", "html": GOOD}),
        "{broken json",
        json.dumps({"id": "huge", "html": "<p>" + "x" * 30_000 + "</p>"}),
        json.dumps({"id": "empty", "html": ""}),
        json.dumps({"id": "nohtml", "body": "wrong field"}),
        json.dumps({"id": "text1", "text": "A plain paragraph of text.\n\nAnother paragraph."}),
        json.dumps([1, 2, 3]),
        json.dumps({"id": "good2", "html": GOOD}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def make_warc(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "in.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        def response(url, ctype, body):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )

        writer.write_record(writer.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: test")))
        response("http://a.example/good", "text/html; charset=utf-8", GOOD.encode())
        response("http://a.example/img.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
        response("http://a.example/bin", "text/html", bytes(range(256)) * 4)
        response("http://a.example/huge", "text/html", b"<p>" + b"y" * 30_000)
        response("http://a.example/empty", "text/html", b"")
        response("http://a.example/good2", "text/html", GOOD.encode("utf-16"))
    return path


def outcomes(records):
    return [(r["id"], r["status"] if r["status"] == "ok" else r["error"]) for r in records]


def test_jsonl_every_record_accounted_for_in_order(tmp_path):
    path = make_jsonl(tmp_path)
    out = list(run(iter_records([str(path)], max_bytes=MAX_BYTES), LIMITS))
    assert outcomes(out) == [
        ("good1", "ok"),
        (f"{path}:2", "bad_record"),
        ("huge", "too_large"),
        ("empty", "empty"),
        ("nohtml", "bad_record"),
        ("text1", "ok"),
        (f"{path}:7", "bad_record"),
        ("good2", "ok"),
    ]
    # the batch runner gives what the library gives (model quality itself is tested end to end)
    assert "Harbour reopens after storm" in out[0]["text"] and out[0]["text"] == storysift.clean(GOOD)


def test_warc_every_response_accounted_for_in_order(tmp_path):
    pytest.importorskip("warcio")
    path = make_warc(tmp_path)
    records = list(iter_records([str(path)], max_bytes=MAX_BYTES))
    # warcinfo, the image, the binary body and the empty one are not pages: skipped, and said why
    assert [r.skip for r in records] == ["warcinfo", None, "not_html", "not_html", None, "empty", None]
    out = list(run(records, LIMITS))
    assert [(r["url"], r["http_status"], r["status"] if r["status"] == "ok" else r["error"]) for r in out] == [
        ("http://a.example/good", 200, "ok"),
        ("http://a.example/huge", 200, "too_large"),
        ("http://a.example/good2", 200, "ok"),
    ]
    assert "Harbour reopens" in out[2]["text"]
    # strict: what is not a page is an error record; warcinfo is still no page record at all
    strict = list(run(iter_records([str(path)], max_bytes=MAX_BYTES, strict=True), LIMITS))
    assert [r["status"] if r["status"] == "ok" else r["error"] for r in strict] == [
        "ok",
        "not_html",
        "not_html",
        "too_large",
        "empty",
        "ok",
    ]


def test_truncated_warc_gives_an_error_record(tmp_path):
    pytest.importorskip("warcio")
    data = make_warc(tmp_path).read_bytes()
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(data[: len(data) // 2])
    out = list(run(iter_records([str(broken)], max_bytes=MAX_BYTES), LIMITS))
    assert out and out[-1]["status"] == "error" and out[-1]["error"] == "parse_failure"


def test_truncated_jsonl_gz_gives_an_error_record(tmp_path):
    import gzip

    data = gzip.compress(make_jsonl(tmp_path).read_bytes() * 20)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    out = list(run(iter_records([str(cut), str(cut)], max_bytes=MAX_BYTES), LIMITS))
    ends = [i for i, r in enumerate(out) if r.get("error") == "unreadable"]
    # each copy of the cut file: the records read before the cut, then one error record; the run goes on
    assert len(ends) == 2 and ends[1] == len(out) - 1 and ends[0] == len(out) // 2 - 1
    assert "could not read past record" in out[-1]["message"]


def test_parallel_run_keeps_order(tmp_path):
    path = make_jsonl(tmp_path)
    serial = list(run(iter_records([str(path)], max_bytes=MAX_BYTES), LIMITS))
    parallel = list(run(iter_records([str(path)], max_bytes=MAX_BYTES), LIMITS, jobs=2, chunk_size=2))
    assert serial == parallel


def test_time_limit_turns_a_slow_page_into_an_error():
    class Slow:
        def blocks(self, text, kind=None):
            with time_limit(0.05):
                while True:
                    pass

    with pytest.raises(PageTimeout):
        Slow().blocks("x")


def test_timeout_record(extractor, monkeypatch):
    import time as _time

    slow = Extractor(extractor.model, options=Options(timeout=0.1))
    monkeypatch.setattr(slow, "story_blocks_of", lambda pages, threshold=None: _time.sleep(2))
    rec = process(slow, Record("slow", content=GOOD))
    assert rec["error"] == "timed_out"


def test_a_chunk_gives_what_its_pages_give_one_by_one(extractor, tmp_path, monkeypatch):
    from storysift.pipeline import batch

    records = list(iter_records([str(make_jsonl(tmp_path))], max_bytes=MAX_BYTES))
    job = BatchJob(options=extractor.options, blocks=True)
    monkeypatch.setattr(batch, "worker_extractor", lambda model, options: extractor)
    assert batch.process_chunk(records, job) == [process(extractor, r, blocks=True) for r in records]
    # a page that is slow in the model: the chunk falls back to page by page, and it alone times out
    import time as _time

    quick = Extractor(extractor.model, options=Options(timeout=0.5))
    real = quick.story_blocks_of

    def slow_on_one_page(pages, threshold=None):
        if any(b.text == "Still more." for p in pages for b in p.blocks):
            _time.sleep(2)
        return real(pages, threshold)

    monkeypatch.setattr(quick, "story_blocks_of", slow_on_one_page)
    monkeypatch.setattr(batch, "worker_extractor", lambda model, options: quick)
    long_page = GOOD.replace("</article>", "<p>More.</p><p>And more.</p><p>Still more.</p></article>")
    out = batch.process_chunk([Record("a", content=GOOD), Record("b", content=long_page)], BatchJob())
    assert [r["status"] for r in out] == ["ok", "error"] and out[1]["error"] == "timed_out"


def test_text_is_the_same_with_and_without_blocks(extractor):
    """--blocks labels every block; without it only P(story) is computed: both keep the same text."""
    plain = process(extractor, Record("g", content=GOOD))
    labeled = process(extractor, Record("g", content=GOOD), blocks=True)
    assert plain["status"] == labeled["status"] == "ok" and "blocks" not in plain
    assert (
        plain["text"] == labeled["text"] == "\n\n".join(b["text"] for b in labeled["blocks"] if b["label"] == "story")
    )
    assert "Harbour reopens after storm" in plain["text"]


def test_undecodable_and_binary(extractor):
    assert process(extractor, Record("b", content=b"\x00\x01\x02" * 100))["error"] == "not_html"
    assert process(extractor, Record("u", content="\ufffd" * 50))["error"] == "undecodable"


def test_batch_runs_honour_kind_and_encoding(extractor, tmp_path):
    """The page options are one object for batches and single pages: --kind and --encoding reach batches."""
    html_as_text = process(Extractor(extractor.model, options=Options(kind="text")), Record("k", content=GOOD))
    assert html_as_text["text"] == storysift.clean(GOOD, kind="text") != storysift.clean(GOOD)
    cyrillic = (
        "<html><body><article><p>Гавань снова открыта после ремонта, который занял три месяца.</p>"
        "</article></body></html>"
    )
    data = cyrillic.encode("koi8-r")
    forced = process(Extractor(extractor.model, options=Options(encoding="cp1251")), Record("e", content=data))
    # undeclared koi8-r is detected; a forced encoding wins over detection (here a wrong one)
    assert "Гавань" in process(extractor, Record("e", content=data))["text"] and "Гавань" not in forced["text"]


def test_single_pages_honour_max_bytes_and_timeout(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(GOOD)
    assert main(["clean", "--max-bytes", "100", str(page)]) == 1
    assert "page.html" in capsys.readouterr().err
    assert main(["clean", "--timeout", "0.000001", str(page)]) == 1
    assert "took longer than" in capsys.readouterr().err


def test_cli_batch_summary_exit_code_and_resume(tmp_path, capsys):
    path = make_jsonl(tmp_path)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(path), "-o", str(out), "--max-bytes", "20000"]) == 1
    assert "8 records: bad_record 3, empty 1, ok 3, too_large 1" in capsys.readouterr().err
    first = out.read_text().splitlines()
    assert len(first) == 8
    # resume: records already in the output (error records too) are not redone, nothing is duplicated
    out.write_text("\n".join(first[:5]) + "\n" + first[5][:10])  # as if killed while writing line 6
    assert main(["clean", str(path), "-o", str(out), "--max-bytes", "20000"]) == 1
    assert "8 records: bad_record 1, ok 2, skipped_done 5" in capsys.readouterr().err
    assert out.read_text().splitlines() == first
    # a rerun with other settings would mix two runs in one file: refused, naming what differs
    assert main(["clean", str(path), "-o", str(out), "--max-bytes", "20000", "--threshold", "0.7"]) == 2
    assert "threshold 0.5 -> 0.7" in capsys.readouterr().err
    # --retry-errors: the error records leave the file and are tried again (here with the same outcome)
    assert main(["clean", str(path), "-o", str(out), "--max-bytes", "20000", "--retry-errors"]) == 1
    assert "8 records: bad_record 3, empty 1, skipped_done 3, too_large 1" in capsys.readouterr().err
    again = out.read_text().splitlines()
    assert sorted(again) == sorted(first) and [json.loads(x)["status"] for x in again[:3]] == ["ok"] * 3
    # --overwrite starts afresh with the new settings
    assert main(["clean", str(path), "-o", str(out), "--max-bytes", "20000", "--threshold", "0.7", "--overwrite"]) == 1
    assert len(out.read_text().splitlines()) == 8


def test_cli_folder_to_mirrored_text(tmp_path, capsys):
    src = tmp_path / "site" / "news"
    src.mkdir(parents=True)
    (src / "a.html").write_text(GOOD)
    (src / "b.html").write_text(GOOD)
    out = tmp_path / "out"
    assert main(["clean", "--format", "text", str(tmp_path / "site"), "-o", str(out)]) == 0
    assert "Harbour reopens" in (out / "news" / "a.html.txt").read_text()


def test_jsonl_field_names_are_configurable():
    data = io.BytesIO(json.dumps({"key": "k1", "page": GOOD}).encode() + b"\n")
    (rec,) = jsonl_records(data, "s", Fields(id="key", html="page"), 10**6)
    assert rec.id == "k1" and rec.kind == "html"


def test_dask_local_cluster_two_workers(tmp_path):
    pytest.importorskip("distributed")
    import dask.bag as db
    from distributed import Client, LocalCluster

    from storysift.pipeline.dask import clean_bag, clean_files

    items = [{"id": f"p{i}", "html": GOOD} for i in range(6)] + [{"id": "bad"}]
    warcs = [str(make_warc(tmp_path)), str(make_jsonl(tmp_path))]
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(2, timeout=60)
        out = clean_bag(db.from_sequence(items, npartitions=3)).compute()
        # nthreads() asks the scheduler; scheduler_info() can return a cache that a periodic
        # refresh has just emptied of workers (distributed 2026.8 filled it with "workers": {})
        assert len(client.nthreads()) == 2
        files = clean_files(db.from_sequence(warcs, npartitions=2), options=LIMITS.options).compute()
    assert files == list(run(iter_records(warcs, max_bytes=MAX_BYTES), LIMITS))  # what one process gives
    assert [r["id"] for r in out] == [f"p{i}" for i in range(6)] + ["bad"]
    assert all("Harbour reopens" in r["text"] for r in out[:6])
    assert out[-1]["error"] == "bad_record"


def test_records_carry_the_bytes_read_and_input_bytes_sums_the_inputs(tmp_path):
    from storysift.pipeline.records import input_bytes, iter_records

    page = tmp_path / "a.html"
    page.write_text("<p>one page</p>")
    lines = tmp_path / "b.jsonl"
    lines.write_text("".join(json.dumps({"id": str(i), "html": "<p>x</p>"}) + "\n" for i in range(50)))
    packed = tmp_path / "c.jsonl.gz"
    packed.write_bytes(gzip.compress(lines.read_bytes()))
    (tmp_path / "notes.md").write_text("not read")
    for inputs in ([str(page)], [str(lines)], [str(packed)], [str(tmp_path)]):
        records = list(iter_records(inputs, max_bytes=10**6))
        # every byte of the files read is accounted to some record, none twice
        assert sum(r.consumed for r in records) == input_bytes(inputs)
    assert input_bytes([str(tmp_path)]) == sum(p.stat().st_size for p in (page, lines, packed))
    assert input_bytes(["-"]) is None


def test_freeze_gc_freezes_once_after_the_model_and_changes_no_output(extractor, tmp_path, monkeypatch):
    import gc

    from storysift.pipeline import batch

    records = list(iter_records([str(make_jsonl(tmp_path))], max_bytes=MAX_BYTES))
    monkeypatch.setattr(batch, "worker_extractor", lambda model, options: extractor)
    batch._freeze_gc_once.cache_clear()
    gc.unfreeze()
    try:
        plain = batch.process_chunk(records, BatchJob(options=extractor.options))
        assert gc.get_freeze_count() == 0  # off by default: a library caller's process is its own
        frozen_job = BatchJob(options=extractor.options, freeze_gc=True)
        assert batch.process_chunk(records, frozen_job) == plain
        frozen = gc.get_freeze_count()
        assert frozen > 0
        assert batch.process_chunk(records, frozen_job) == plain
        assert batch._freeze_gc_once.cache_info().misses == 1  # frozen once per process
    finally:
        gc.unfreeze()
        batch._freeze_gc_once.cache_clear()


def test_cli_batch_interrupt_keeps_output_and_resumes(tmp_path, capsys, monkeypatch):
    # Ctrl-C in a batch run: exit code 130 and one line per fact (no traceback); the records written so
    # far stay whole in the output, and the same command again resumes after them
    import storysift.pipeline.batch as batch

    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": f"p{i}", "html": GOOD}) + "\n" for i in range(4)))
    out = tmp_path / "out.jsonl"
    real_run = batch.run

    def interrupted_run(records, job, jobs=1):
        for n, rec in enumerate(real_run(records, job, jobs=jobs)):
            if n == 2:
                raise KeyboardInterrupt
            yield rec

    monkeypatch.setattr(batch, "run", interrupted_run)
    assert main(["clean", str(path), "-o", str(out)]) == 130
    err = capsys.readouterr().err
    assert "2 records: ok 2 before the interrupt" in err and "storysift: interrupted" in err
    assert "Traceback" not in err
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["p0", "p1"]
    monkeypatch.setattr(batch, "run", real_run)
    assert main(["clean", str(path), "-o", str(out)]) == 0
    assert "4 records: ok 2, skipped_done 2" in capsys.readouterr().err
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["p0", "p1", "p2", "p3"]
