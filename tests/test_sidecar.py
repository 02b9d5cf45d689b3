"""Sidecar label files: labels of a corpus page kept beside it, checked against the page when read."""

import gzip
import json
from pathlib import Path

import pytest

from storysift.cli import main
from storysift.errors import LabeledDataError
from storysift.gold.corpora import CorpusPage
from storysift.gold.labeled import labeled_files, read_labeled_page
from storysift.gold.sidecar import page_ref, parse_sidecar, read_refs, sidecar_of, text_hash
from storysift.segment import segment
from storysift.training.sets import load_sets

PAGE = b"""<html><head><title>t</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Harbour ramp rebuilt</h1>
<p>The harbour ramp damaged in January has been rebuilt, and the first crossing left on Monday.</p>
<p>Islanders had waited three months for the ferry to return to its old timetable.</p></article>
<footer><p>&copy; 2026 Coastline Herald. All rights reserved.</p></footer>
<section id="comments"><h3>Leave a Reply</h3><p>Finally! We missed the Monday boat.</p></section>
</body></html>"""
LABELS = ["nav", "nav", "story", "story", "story", "disclaimer", "comment", "comment"]


def make_corpus(root: Path, name: str = "mini", html: bytes = PAGE) -> CorpusPage:
    """A one-page corpus in the shared layout under root."""
    corpus = root / name
    (corpus / "html").mkdir(parents=True)
    (corpus / "html" / "p1.html.gz").write_bytes(gzip.compress(html))
    record = {"html": "html/p1.html.gz", "url": "https://www.example.com/a", "text": None}
    (corpus / "ground_truth.json.gz").write_bytes(gzip.compress(json.dumps({"p1": record}).encode()))
    return CorpusPage(name, "p1", html, record)


def write_sidecar(corpora: Path, labels_dir: Path, labels=LABELS) -> Path:
    page = make_corpus(corpora)
    sidecar = sidecar_of(page_ref(page), segment(page.html, kind="html"), labels, labeled_by="test")
    path = labels_dir / "mini" / "p1.labels.json"
    path.parent.mkdir(parents=True)
    path.write_text(sidecar.to_json(), encoding="utf-8")
    return path


def test_page_segments_into_the_labeled_blocks():
    assert len(segment(PAGE, kind="html").blocks) == len(LABELS)


def test_round_trip_gives_the_labels_and_keeps_no_text(tmp_path):
    path = write_sidecar(tmp_path / "corpora", tmp_path / "labels")
    raw = path.read_text(encoding="utf-8")
    assert "harbour" not in raw.lower() and "Home" not in raw  # labels and hashes only
    data = json.loads(raw)
    assert data["page"]["site"] == "example.com" and data["page"]["id"] == "p1"
    page = read_labeled_page(path, tmp_path / "corpora")
    assert [b.gold for b in page.blocks] == LABELS
    assert page.group == "example.com" and page.ref == "mini/p1"
    assert labeled_files(tmp_path / "labels") == [path]


def test_changed_page_is_refused(tmp_path):
    path = write_sidecar(tmp_path / "corpora", tmp_path / "labels")
    changed = PAGE.replace(b"three months", b"four months")
    (tmp_path / "corpora" / "mini" / "html" / "p1.html.gz").write_bytes(gzip.compress(changed))
    with pytest.raises(LabeledDataError, match="changed"):
        read_labeled_page(path, tmp_path / "corpora")


def test_changed_segmentation_is_refused(tmp_path):
    path = write_sidecar(tmp_path / "corpora", tmp_path / "labels")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["blocks"][3]["text"] = text_hash("another text")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LabeledDataError, match="block 3"):
        read_labeled_page(path, tmp_path / "corpora")
    data["blocks"].pop()
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LabeledDataError, match="8 blocks, 7 were labeled"):
        read_labeled_page(path, tmp_path / "corpora")


def test_missing_page_names_where_it_looked(tmp_path, monkeypatch):
    path = write_sidecar(tmp_path / "corpora", tmp_path / "labels")
    monkeypatch.delenv("STORYSIFT_CORPORA", raising=False)
    with pytest.raises(LabeledDataError, match="not found"):
        read_labeled_page(path, tmp_path / "elsewhere")
    monkeypatch.setenv("STORYSIFT_CORPORA", str(tmp_path / "corpora"))
    assert len(read_labeled_page(path).blocks) == len(LABELS)


def test_malformed_sidecars_are_named(tmp_path):
    with pytest.raises(LabeledDataError, match=r"x\.labels\.json: malformed"):
        parse_sidecar('{"format": "storysift-labels/1"}', "x.labels.json")
    with pytest.raises(LabeledDataError, match="not a storysift-labels/1"):
        parse_sidecar('{"format": "other"}', "x.labels.json")
    with pytest.raises(LabeledDataError, match="unknown labels"):
        sidecar_of(page_ref(make_corpus(tmp_path)), segment(PAGE, kind="html"), ["story"] * 7 + ["ads"])


def test_evaluate_reads_sidecars(tmp_path, capsys):
    write_sidecar(tmp_path / "corpora", tmp_path / "labels")
    code = main(["evaluate", str(tmp_path / "labels"), "--corpora", str(tmp_path / "corpora"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["pages"]["block_level"] == 1
    assert report["labels"]["comment"]["block"]["support"] == 2
    as_text = ["evaluate", str(tmp_path / "labels"), "--corpora", str(tmp_path / "corpora"), "--as-text"]
    main([*as_text, "--format", "json"])
    assert json.loads(capsys.readouterr().out)["labels"]["story"]["block"]["support"] == 3


def test_training_uses_sidecar_labels_and_leaves_out_held_out_sites(tmp_path):
    corpora = tmp_path / "corpora"
    write_sidecar(corpora, tmp_path / "labels")
    (tset,) = load_sets([tmp_path / "labels"], corpora, {})
    (page,) = tset.pages
    assert page.labels == LABELS and page.complete and page.ref == "mini/p1"
    assert [r.site for r in read_refs(tmp_path / "labels")] == ["example.com"]
    sets = load_sets([tmp_path / "labels"], corpora, {}, exclude=[tmp_path / "labels"])
    assert sets[0].pages == [] and sets[0].excluded == ["p1.labels.json"]


def test_labeled_html_round_trip_scores_one(tmp_path, capsys):
    """label --format labeled-html, then evaluate the same model on it: every score is 1.0."""
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.replace(b"<head>", b'<head><meta charset="windows-1252">'))
    assert main(["label", "--format", "labeled-html", str(page), "-o", str(tmp_path / "labeled.html")]) == 0
    labeled = (tmp_path / "labeled.html").read_text(encoding="utf-8")
    assert 'charset="utf-8"' in labeled and "windows-1252" not in labeled
    capsys.readouterr()
    main(["evaluate", str(tmp_path / "labeled.html"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["pages"]["block_level"] == 1
    for label, scores in report["labels"].items():
        if scores["block"]["support"]:
            assert scores["block"]["f1"] == 1.0, label


def test_labeled_text_round_trip(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text("Harbour ramp rebuilt\n\nThe ramp was rebuilt and the ferry runs again on Monday.\n\nShare this\n")
    assert main(["label", "--format", "labeled-html", str(page), "-o", str(tmp_path / "labeled.txt")]) == 0
    text = (tmp_path / "labeled.txt").read_text(encoding="utf-8")
    assert text.startswith("@") and text.count("\n\n@") == 2
    capsys.readouterr()
    main(["evaluate", str(tmp_path / "labeled.txt"), "--format", "json"])
    assert json.loads(capsys.readouterr().out)["micro"]["block"]["f1"] == 1.0
