import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_compiled import core  # noqa: F401  (fixture: the folder is named where the core runs)

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


@pytest.mark.parametrize("command", ["clean", "label", "evaluate", "train", "review"])
def test_help_shows_examples(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "examples:" in capsys.readouterr().out


# the estimator's parameters for a quick fit (`train --param`): 2 stacks whose heads are fitted 3 times each
# (2 folds, then on every page), not 5 stacks and 4 fits; most of a small fit is scikit-learn's weighted
# binning of every tree head's input
QUICK_FIT = ["--param", "html_bags=1", "--param", "text_bags=1", "--param", "n_folds=2"]


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
    args = ["train", "--data", str(data), "--only-data", "-o", str(out), "--max-iter", "5", "--no-eval"]
    assert main(args + [*QUICK_FIT, "--param", "kind_weight=0.25"]) == 0
    meta = json.loads(out.with_suffix(".json").read_text())
    assert [s["name"] for s in meta["training_sets"]] == ["pages"]
    assert meta["training_sets"][0]["pages_used"] == len(list(data.iterdir())) >= 40
    assert meta["estimator"]["class"] == "BlockClassifier"
    params = meta["estimator"]["params"]
    assert params["max_iter"] == 5 and params["text_bags"] == 1 and params["n_folds"] == 2
    assert params["kind_weight"] == 0.25
    assert main(["clean", "--model", str(out), str(PAGE)]) == 0
    capsys.readouterr()
    assert main(["label", "--model", str(out), str(PAGE)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) > 3
    assert all(sorted(r["proba"]) == sorted(LABELS) and r["label"] in LABELS for r in rows)


def test_train_is_reproducible_byte_for_byte(tmp_path):
    # the same pages and options give the same model file, byte for byte, whatever the process's string
    # hashing (PYTHONHASHSEED): a retrainer can rebuild a model and check it by its sha256
    data = tmp_path / "pages"
    data.mkdir()
    for page in labeled_files(ROOT / "data" / "pages")[::6]:
        shutil.copy(page, data)
    quick = [*QUICK_FIT, "--param", "kind_max_iter=2", "--param", "n_stages=2", "--max-iter", "3"]
    runs = []
    for seed in ("1", "2"):
        out = tmp_path / f"m{seed}.joblib"
        args = ["train", "--data", str(data), "--only-data", "-o", str(out), "--no-eval", "-q", *quick]
        env = {**os.environ, "PYTHONHASHSEED": seed}
        runs.append((out, subprocess.Popen([sys.executable, "-m", "storysift", *args], env=env)))
    assert [proc.wait(timeout=600) for _, proc in runs] == [0, 0]
    (first, _), (second, _) = runs
    assert first.read_bytes() == second.read_bytes()
    meta = [json.loads(out.with_suffix(".json").read_text()) for out, _ in runs]
    assert meta[0]["sha256"] == meta[1]["sha256"] and meta[0]["training_sets"] == meta[1]["training_sets"]


def test_version_names_package_model_and_libraries(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert out.startswith("storysift ") and "scikit-learn" in out and "lxml" in out and "sha256" in out


def test_version_names_the_warc_reader(capsys, monkeypatch):
    monkeypatch.setenv("STORYSIFT_WARC_READER", "warcio")
    with pytest.raises(SystemExit):
        main(["--version"])
    assert "WARC reader: warcio" in capsys.readouterr().out


def test_version_names_the_frozen_model_cache(core, capsys, monkeypatch, tmp_path):  # noqa: F811
    monkeypatch.setenv("STORYSIFT_CACHE_DIR", str(tmp_path))
    with pytest.raises(SystemExit):
        main(["--version"])
    assert f"frozen-model cache: {tmp_path}" in capsys.readouterr().out
    monkeypatch.setenv("STORYSIFT_NO_CACHE", "1")
    with pytest.raises(SystemExit):
        main(["--version"])
    assert "frozen-model cache: off" in capsys.readouterr().out
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1")
    with pytest.raises(SystemExit):
        main(["--version"])
    assert "frozen-model cache: unused (pure Python)" in capsys.readouterr().out


def test_verbose_after_the_subcommand_and_dash_for_stdout(capsys):
    assert main(["clean", str(PAGE), "-v", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("Ferry service")
    assert not Path("-").exists()


def test_gate_values_out_of_range_are_usage_errors(capsys):
    for flag in ("--min-precision", "--min-recall", "--min-f1"):
        with pytest.raises(SystemExit) as done:
            main(["evaluate", str(ROOT / "data" / "pages"), flag, "1.5"])
        assert done.value.code == 2
        assert "between 0 and 1" in capsys.readouterr().err
    assert main(["evaluate", str(ROOT / "data" / "pages"), "--pick-threshold"]) == 2
    assert "--pick-threshold needs --min-precision" in capsys.readouterr().err


def _few_pages(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    for page in labeled_files(ROOT / "data" / "pages")[:6]:
        shutil.copy(page, gold / page.name)
    return gold


def test_gates_say_what_they_checked_and_the_report_names_the_model(tmp_path, capsys):
    gold = _few_pages(tmp_path)
    code = main(["evaluate", str(gold), "--min-precision", "1.0"])
    out = capsys.readouterr().out
    assert out.startswith("model: shipped (sha256 ")
    gate = [line for line in out.splitlines() if line.startswith(("PASS", "FAIL"))]
    assert len(gate) == 1 and "at threshold 0.50" in gate[0]
    assert (code == 0) == gate[0].startswith("PASS: story precision (text)")
    if code == 1:
        assert " < 1.0 at threshold 0.50" in gate[0]


def test_pick_threshold_scores_at_the_lowest_threshold_reaching_the_precision(tmp_path, capsys):
    gold = _few_pages(tmp_path)
    main(["evaluate", str(gold), "--min-precision", "0.5", "--format", "json"])
    chosen = json.loads(capsys.readouterr().out)["chosen_threshold"]
    assert chosen["threshold"] is not None
    assert main(["evaluate", str(gold), "--min-precision", "0.5", "--pick-threshold", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["threshold"] == chosen["threshold"]
    assert report["gates"][0]["threshold"] == chosen["threshold"] and report["gates"][0]["passed"]


def test_an_empty_input_set_is_a_usage_error_unless_allowed(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["clean", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "no input records" in err and "0 records" not in err  # the error alone, no empty summary first
    assert main(["clean", str(empty), "--allow-empty"]) == 0
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(b"")
    assert main(["evaluate", str(gold)]) == 2
    captured = capsys.readouterr()
    assert "no gold pages" in captured.err and captured.out == ""


def test_a_missing_single_page_is_named_on_stderr_in_text_mode(tmp_path, capsys):
    assert main(["clean", str(tmp_path / "nope.html")]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "nope.html" in captured.err


def _pages_folder(tmp_path: Path, n: int = 3) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        shutil.copy(PAGE, folder / f"p{i}.html")
    return folder


def test_progress_bar_has_a_total_in_bytes_and_quiet_silences_stderr(tmp_path, capsys):
    folder = _pages_folder(tmp_path)
    total = 3 * PAGE.stat().st_size
    assert main(["clean", str(folder), "-o", str(tmp_path / "out.jsonl"), "--progress"]) == 0
    err = capsys.readouterr().err
    assert f"/{total / 1000:.1f}k [" in err and "100%" in err and "records=3, errors=0" in err
    assert "3 records: ok 3" in err
    assert main(["clean", str(folder), "-o", str(tmp_path / "out2.jsonl"), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["clean", str(folder), "-o", str(tmp_path / "out3.jsonl")]) == 0
    assert "%|" not in capsys.readouterr().err  # stderr is no terminal here: no bar unless --progress
    assert main(["-q", "-v", "clean", str(PAGE)]) == 2


def test_progress_of_evaluate_counts_the_gold_pages(tmp_path, capsys):
    gold = _few_pages(tmp_path)
    assert main(["evaluate", str(gold), "--progress"]) in (0, 1)
    assert "6/6 [" in capsys.readouterr().err


def test_train_data_adds_to_the_projects_pages(tmp_path, monkeypatch):
    from storysift import cli
    from storysift.training import sets

    mine = tmp_path / "mine"
    mine.mkdir()
    monkeypatch.chdir(ROOT)  # run from a checkout
    assert sets.project_data_dirs(False) == [ROOT / "data" / "pages"]
    assert sets.project_data_dirs(True) == [ROOT / "data" / "pages", ROOT / "data" / "labels" / "train"]
    assert sets.project_data_dirs(True, root=tmp_path) == []  # not a checkout: an installed package
    parse = cli.build_parser().parse_args
    args = parse(["train", "--data", str(mine), "--data", str(ROOT / "data" / "pages"), "-o", "m.joblib"])
    assert cli._train_data_dirs(args) == [ROOT / "data" / "pages", mine]  # the project's once, then yours
    assert cli._train_data_dirs(parse(["train", "--data", str(mine), "--only-data", "-o", "m.joblib"])) == [mine]
    with pytest.raises(cli.UsageError, match="--data DIR"):
        cli._train_data_dirs(parse(["train", "--only-data", "-o", "m.joblib"]))
    monkeypatch.setattr(sets, "project_data_dirs", lambda with_sidecars: [])
    with pytest.raises(cli.UsageError, match="--only-data"):
        cli._train_data_dirs(parse(["train", "--data", str(mine), "-o", "m.joblib"]))


def test_train_progress_counts_its_steps(tmp_path, capsys):
    data = tmp_path / "pages"
    data.mkdir()
    for page in labeled_files(ROOT / "data" / "pages")[::6]:
        shutil.copy(page, data)
    out = tmp_path / "m.joblib"
    args = ["train", "--data", str(data), "--only-data", "-o", str(out), "--max-iter", "3", "--no-eval", "--progress"]
    assert main(args + QUICK_FIT) == 0
    err = capsys.readouterr().err
    assert "3/3 [" in err and "fitting on every page" in err and "wrote " in err
    assert "html stack 1/" in err  # where the fit is, beside the elapsed time


@pytest.mark.parametrize("param", ["no_such_param=1", "html_bags"])
def test_train_refuses_a_parameter_it_does_not_know(tmp_path, capsys, param):
    args = ["train", "--data", str(tmp_path), "--only-data", "-o", str(tmp_path / "m.joblib"), "--param", param]
    assert main(args) == 2
    assert "--param" in capsys.readouterr().err
