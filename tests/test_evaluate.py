"""storysift evaluate: exact scores on pages whose answer is known by construction."""

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from storysift import LABELS
from storysift.api import Extractor
from storysift.cli import main
from storysift.evaluation.render import render
from storysift.evaluation.report import (
    apply_gates,
    build_report,
    folder_of,
    pick_threshold,
    predict_all,
    threshold_table,
)
from storysift.gold.pages import GoldPage, Skipped, as_plain_text, read_gold

PAGE_A = """<html><body data-label="nav"><ul><li>Home</li><li>World news</li></ul>
<article data-label="story"><h1>River flooding closes bridge</h1>
<p>The old bridge over the river was closed on Monday after water rose above the road.</p>
<p data-label="disclaimer">Copyright 2026 Example News. All rights reserved.</p></article>
<div data-label="comment"><p>Leave a Reply</p><p>Great article thanks for writing it</p></div>
</body></html>"""

PAGE_B = """@story Council opens the new library on Saturday morning

@story Readers can borrow books until midnight from next month on

@nav See also the opening hours of other branches
"""


class FixedModel:
    """A stand-in model: probabilities from a function of each block (its gold label, its text)."""

    def __init__(self, fn):
        self.fn = fn

    def predict_proba(self, pages):
        return np.array([self.fn(b) for page in pages for b in page.blocks], dtype=float).reshape(-1, 4)


def onehot(label):
    return [1.0 if name == label else 0.0 for name in LABELS]


ORACLE = FixedModel(lambda b: onehot(b.gold))
ALL_STORY = FixedModel(lambda b: onehot("story"))


@pytest.fixture()
def gold_dir(tmp_path):
    (tmp_path / "a.html").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PAGE_B, encoding="utf-8")
    return tmp_path


def run(model, gold_dir, **kw):
    pages = [p for p in read_gold(gold_dir)]
    results = predict_all(Extractor(model), pages)
    return results, build_report(results, [], threshold=0.5, **kw)


def test_oracle_scores_are_perfect_with_exact_supports(gold_dir):
    _, report = run(ORACLE, gold_dir)
    supports = {label: report["labels"][label]["block"]["support"] for label in LABELS}
    assert supports == {"story": 4, "nav": 3, "disclaimer": 1, "comment": 2}
    for label in LABELS:
        assert report["labels"][label]["block"]["f1"] == 1.0
        assert report["labels"][label]["text"]["f1"] == 1.0
    assert report["confusion"]["matrix"] == [[4, 0, 0, 0], [0, 3, 0, 0], [0, 0, 1, 0], [0, 0, 0, 2]]
    assert report["micro"]["block"]["f1"] == 1.0
    assert report["pages"] == {"scored": 2, "block_level": 2, "skipped": []}


def test_all_story_predictions(gold_dir):
    _, report = run(ALL_STORY, gold_dir)
    story = report["labels"]["story"]["block"]
    assert (story["precision"], story["recall"], story["support"]) == (0.4, 1.0, 4)
    assert story["f1"] == pytest.approx(2 * 0.4 / 1.4, abs=1e-4)
    for label in ("nav", "disclaimer", "comment"):
        assert report["labels"][label]["block"] == {
            "precision": 0.0,
            "recall": 0.0,
            "f1": 0.0,
            "support": report["labels"][label]["block"]["support"],
        }
    assert report["confusion"]["matrix"] == [[4, 0, 0, 0], [3, 0, 0, 0], [1, 0, 0, 0], [2, 0, 0, 0]]
    assert report["micro"]["block"]["precision"] == 0.4


def test_all_wrong_predictions(gold_dir):
    wrong = FixedModel(lambda b: onehot(LABELS[(LABELS.index(b.gold) + 1) % 4]))
    _, report = run(wrong, gold_dir)
    for label in LABELS:
        assert report["labels"][label]["block"]["f1"] == 0.0
    assert report["micro"]["block"]["f1"] == 0.0
    assert report["confusion"]["matrix"] == [[0, 4, 0, 0], [0, 0, 3, 0], [0, 0, 0, 1], [2, 0, 0, 0]]
    assert report["labels"]["story"]["text"]["recall"] == 0.0


def test_empty_label_has_zero_support_and_is_left_out_of_macro(tmp_path):
    (tmp_path / "c.txt").write_text("@story One two three four five\n\n@nav Home\n", encoding="utf-8")
    _, report = run(ORACLE, tmp_path)
    assert report["labels"]["comment"]["block"]["support"] == 0
    assert report["labels"]["comment"]["text"] is None or report["labels"]["comment"]["text"]["support"] == 0
    assert report["macro"]["block"]["f1"] == 1.0


def test_text_method_hand_computed(tmp_path):
    # gold story: 8 tokens -> 5 shingles; predicted story adds the nav block "see also more news now" (5 tokens,
    # 2 shingles) and the boundary shingles between the two blocks (3): tp 5, fp 5 -> precision 0.5, recall 1
    (tmp_path / "d.txt").write_text(
        "@story alpha beta gamma delta epsilon zeta eta theta\n\n@nav see also more news now\n", encoding="utf-8"
    )
    _, report = run(ALL_STORY, tmp_path)
    text = report["labels"]["story"]["text"]
    assert (text["precision"], text["recall"], text["support"]) == (0.5, 1.0, 1)


def write_corpus(root, records: dict, pages: dict) -> None:
    """A corpus in the shared layout: html/<id>.html.gz and ground_truth.json.gz."""
    (root / "html").mkdir(parents=True)
    for page_id, html in pages.items():
        with gzip.open(root / "html" / f"{page_id}.html.gz", "wt", encoding="utf-8") as fh:
            fh.write(html)
    with gzip.open(root / "ground_truth.json.gz", "wt", encoding="utf-8") as fh:
        json.dump({k: {"html": f"html/{k}.html.gz", **rec} for k, rec in records.items()}, fh)


def test_corpus_page_with_empty_gold_counts_for_precision_only(tmp_path):
    # "" gold = annotated, no main text (a section front): a prediction there is all false positive;
    # null gold = not annotated (snippet-only record): skipped, with the reason
    body = "<html><body><p>{}</p></body></html>"
    write_corpus(
        tmp_path / "corpus",
        {"a": {"text": "alpha beta gamma delta epsilon"}, "front": {"text": ""}, "snip": {"text": None}},
        {
            "a": body.format("alpha beta gamma delta epsilon"),
            "front": body.format("one two three four"),
            "snip": body.format("six seven eight nine"),
        },
    )
    items = list(read_gold(tmp_path / "corpus"))
    skipped = [i.page_id for i in items if isinstance(i, Skipped)]
    pages = [i for i in items if isinstance(i, GoldPage)]
    assert skipped == ["snip"] and [(p.page_id, p.gold_text["story"]) for p in pages] == [
        ("a", "alpha beta gamma delta epsilon"),
        ("front", ""),
    ]
    report = build_report(predict_all(Extractor(ALL_STORY), pages), [], threshold=0.5)
    text = report["labels"]["story"]["text"]
    # page precision 1.0 and 0.0 (mean 0.5); recall 1.0 over the one page with gold
    assert (text["precision"], text["recall"], text["support"]) == (0.5, 1.0, 1)
    nothing = build_report(predict_all(Extractor(FixedModel(lambda b: onehot("nav"))), pages), [], threshold=0.5)
    assert nothing["labels"]["story"]["text"]["recall"] == 0.0  # keeping nothing: recall 0 on the page with gold


def test_threshold_table_and_pick(gold_dir):
    graded = FixedModel(lambda b: [0.9, 0.1, 0, 0] if b.gold == "story" else [0.3, 0.7, 0, 0])
    results, _ = run(graded, gold_dir)
    table = threshold_table(results, [0.2, 0.5])
    assert table[0]["block"]["precision"] == 0.4 and table[1]["block"]["precision"] == 1.0
    chosen = pick_threshold(table, 0.99)
    assert chosen["threshold"] == 0.5 and chosen["basis"] == "text"
    assert pick_threshold(table, 1.5)["threshold"] is None


def test_gates(gold_dir):
    _, report = run(ALL_STORY, gold_dir)
    gates = apply_gates(report, min_precision=0.9, min_recall=0.9)
    assert [g["passed"] for g in gates] == [False, True]
    assert report["passed"] is False


def test_jsonl_gold(tmp_path):
    lines = [
        {"page": "p1", "text": "Storm closes harbour", "label": "story"},
        {"page": "p1", "text": "Home", "label": "nav"},
        {"page": "p2", "text": "All rights reserved", "label": "disclaimer"},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    pages = list(read_gold(path))
    assert [(p.page_id, len(p.blocks)) for p in pages] == [("p1", 2), ("p2", 1)]
    results = predict_all(Extractor(ORACLE), pages)
    assert build_report(results, [], threshold=0.5)["labels"]["nav"]["block"]["support"] == 1


def test_worst_pages_of_a_kind_say_what_each_block_was(gold_dir):
    # page a's disclaimer called nav, its first menu item called disclaimer; everything else right
    def proba(block):
        if block.gold == "disclaimer":
            return onehot("nav")
        return onehot("disclaimer" if block.text == "Home" else block.gold)

    _, report = run(FixedModel(proba), gold_dir, worst_label="disclaimer")
    worst = report["worst_pages"]
    assert worst["label"] == "disclaimer"
    # page b has no disclaimer, gold or predicted: on neither list
    (leaky,) = worst["precision"]
    assert (leaky["page"], leaky["precision"], leaky["recall"]) == ("a.html", 0.0, 0.0)
    assert (leaky["leaked"], leaky["leaked_gold"]) == (["Home"], ["nav"])
    (lossy,) = worst["recall"]
    assert lossy["lost"] == ["Copyright 2026 Example News. All rights reserved."]
    assert lossy["lost_predicted"] == ["nav"]


def test_worst_pages_default_to_story_and_render_the_other_label(gold_dir):
    _, report = run(FixedModel(lambda b: onehot("nav" if b.gold == "story" else b.gold)), gold_dir)
    worst = report["worst_pages"]
    assert worst["label"] == "story" and worst["precision"] == []  # no story predicted: no precision
    assert {d["page"] for d in worst["recall"]} == {"a.html", "b.txt"}
    assert all(d["lost_predicted"] == ["nav"] * len(d["lost"]) for d in worst["recall"])
    text = render(report)
    assert "Lowest story recall (what was lost)" in text
    assert "    - [nav] River flooding closes bridge" in text


def test_cli_worst_pages_follow_the_label(gold_dir, capsys):
    assert main(["evaluate", str(gold_dir), "--label", "disclaimer", "--worst", "1"]) == 0
    out = capsys.readouterr().out
    assert "Lowest disclaimer precision (what leaked in)" in out
    assert "Lowest disclaimer recall (what was lost)" in out
    assert "Lowest story" not in out


def test_cli_json_report_and_exit_codes(gold_dir, tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["evaluate", str(gold_dir), "--format", "json", "-o", str(out), "--min-precision", "0"]) == 0
    report = json.loads(out.read_text())
    assert set(report["labels"]["story"]["text"]) == {"precision", "recall", "f1", "support"}
    assert report["labels"]["story"]["block"]["support"] == 4
    with pytest.raises(SystemExit) as done:  # a gate no score can pass is a usage error
        main(["evaluate", str(gold_dir), "--min-f1", "1.01"])
    assert done.value.code == 2
    capsys.readouterr()
    code = main(["evaluate", str(gold_dir), "--min-f1", "1.0", "--threshold", "1.0"])
    assert code == 1 and "FAIL: story f1" in capsys.readouterr().out


def test_cli_markdown(gold_dir, capsys):
    assert main(["evaluate", str(gold_dir), "--format", "markdown"]) == 0
    assert "| label | block P |" in capsys.readouterr().out


def test_each_folder_is_scored_on_its_own_pages(tmp_path):
    """Pages in two subfolders: the oracle is perfect in both; a model that calls everything story is
    perfect only where the gold is all story, and each folder counts its own pages."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.html").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "news" / "b.txt").write_text(PAGE_B, encoding="utf-8")
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "c.txt").write_text("@story A whole page of story text here\n", encoding="utf-8")
    _, report = run(ORACLE, tmp_path, by_folder=True)
    assert [(f["folder"], f["pages"]) for f in report["folders"]] == [
        (f"{tmp_path}/news", 2),
        (f"{tmp_path}/stories", 1),
    ]
    assert all(f["macro_f1"] == 1.0 for f in report["folders"])
    news, stories = run(ALL_STORY, tmp_path, by_folder=True)[1]["folders"]
    assert stories["text"]["story"]["f1"] == 1.0 and stories["macro_f1"] == 1.0
    assert stories["text"]["nav"] is None  # neither gold nor prediction: no score, left out of its macro
    assert news["text"]["story"]["f1"] < 1.0 and news["text"]["nav"]["recall"] == 0.0
    assert news["macro_f1"] == pytest.approx(np.mean([news["text"][label]["f1"] for label in LABELS]), abs=1e-4)
    assert "folders" not in run(ORACLE, tmp_path)[1]


def test_a_plain_text_copy_stays_in_its_pages_folder(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.html").write_text(PAGE_A, encoding="utf-8")
    pages = [as_plain_text(p) for p in read_gold(tmp_path)]
    results = predict_all(Extractor(ORACLE), pages)
    assert [folder_of(r) for r in results] == [f"{tmp_path}/news"]
    assert pages[0].page_id.endswith("#text")


def test_a_jsonl_page_whose_id_looks_like_a_path_stays_in_its_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    lines = [{"page": "example.com/news/1", "text": "A story paragraph here", "label": "story"}]
    lines += [{"page": "example.com/news/1", "text": "Home", "label": "nav"}]
    gold.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    (folder,) = build_report(predict_all(Extractor(ORACLE), read_gold(gold)), [], threshold=0.5, by_folder=True)[
        "folders"
    ]
    assert (folder["folder"], folder["pages"], folder["macro_f1"]) == ("gold.jsonl", 1, 1.0)


def test_cli_by_folder_renders_a_row_per_folder(gold_dir, capsys):
    assert main(["evaluate", str(gold_dir), "--by-folder"]) == 0
    out = capsys.readouterr().out
    assert "Per folder (text F1" in out
    row = next(line for line in out.splitlines() if line.startswith(str(gold_dir)))
    assert row.split()[1] == "2"  # both pages of the one folder


def test_missing_gold_is_an_error(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "nothing")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_count_gold_counts_labeled_files_and_corpus_records(tmp_path):
    from storysift.gold.pages import count_gold

    pages = Path(__file__).resolve().parents[1] / "data" / "pages"
    n = len(list(read_gold(pages)))
    assert count_gold([pages]) == n
    assert count_gold([pages, pages]) == 2 * n
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"page": "a", "text": "x", "label": "story"}\n')
    assert count_gold([gold]) is None
