import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from storysift.blocks import LABELS
from storysift.cli import main
from storysift.gold.labeled import labeled_files

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "examples" / "page.html"


def test_clean_text_to_stdout(capsys):
    assert main(["clean", str(PAGE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ferry service to the outer islands")
    assert "Privacy" not in out


def test_clean_json_and_html(capsys, tmp_path):
    assert main(["clean", "--format", "json", str(PAGE)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["source"] == str(PAGE) and record["paragraphs"][0].startswith("Ferry service")
    out = tmp_path / "clean.html"
    assert main(["clean", "--format", "html", str(PAGE), "-o", str(out)]) == 0
    html = out.read_text()
    assert "<h1>Ferry service to the outer islands resumes after storm repairs</h1>" in html


def test_label_jsonl(capsys):
    assert main(["label", str(PAGE)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["index"] for r in lines] == list(range(len(lines)))
    assert {"text", "label", "proba", "xpath"} <= set(lines[0])
    assert {r["label"] for r in lines} <= {"story", "nav", "disclaimer", "comment"}


def test_missing_file_is_reported_and_exit_code_1(capsys, tmp_path):
    assert main(["clean", str(tmp_path / "nope.html")]) == 1
    assert "nope.html" in capsys.readouterr().err


def test_bad_model_path_exit_code_2(capsys, tmp_path):
    assert main(["clean", "--model", str(tmp_path / "m.joblib"), str(PAGE)]) == 2
    assert "model file not found" in capsys.readouterr().err


def test_console_script_reads_stdin():
    proc = subprocess.run(
        [sys.executable, "-m", "storysift.cli", "clean"], input=PAGE.read_bytes(), capture_output=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().startswith("Ferry service")


def test_help_shows_examples(capsys):
    with pytest.raises(SystemExit):
        main(["clean", "--help"])
    assert "examples:" in capsys.readouterr().out


def test_train_command_writes_a_loadable_model(tmp_path, capsys):
    out = tmp_path / "mine.joblib"
    # every third group of the labeled pages (all page kinds, HTML and plain text), to keep the fit short
    data = tmp_path / "pages"
    data.mkdir()
    group_of = {page: page.name.split("__")[0] for page in labeled_files(ROOT / "data" / "pages")}
    chosen = sorted(set(group_of.values()))[::3]
    for page, group in group_of.items():
        if group in chosen:
            shutil.copy(page, data)
    assert main(["train", "--data", str(data), "-o", str(out), "--max-iter", "5", "--no-eval"]) == 0
    meta = json.loads(out.with_suffix(".json").read_text())
    assert [s["name"] for s in meta["training_sets"]] == ["pages"]
    assert meta["training_sets"][0]["pages_used"] == len(list(data.iterdir())) >= 40
    assert meta["estimator"]["class"] == "BlockClassifier"
    assert meta["estimator"]["params"]["max_iter"] == 5 and "text_bags" in meta["estimator"]["params"]
    assert main(["clean", "--model", str(out), str(PAGE)]) == 0
    capsys.readouterr()
    assert main(["label", "--model", str(out), str(PAGE)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) > 3
    assert all(sorted(r["proba"]) == sorted(LABELS) and r["label"] in LABELS for r in rows)
