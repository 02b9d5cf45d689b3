"""Command line: storysift clean | label | evaluate | train."""

from __future__ import annotations

import argparse
import codecs
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .cli_batch import add_batch_options, clean_lines, is_batch_input, label_lines, page_options, run_batch
from .cli_models import add_models_parser, cmd_models
from .errors import StorysiftError, UsageError
from .parse import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from .progress import Progress

DEFAULT_TIMEOUT = 30.0

EPILOG = """examples:
  storysift clean page.html                      story text to stdout
  curl -s https://example.org | storysift clean  read stdin
  storysift clean --format html page.html -o clean.html
  storysift clean --threshold 0.7 page.html      favour precision
  storysift label page.html                      one JSON object per block
  storysift train --data data/ --corpora ../shared/corpora -o my-model.joblib
  storysift evaluate my-labeled-pages/ --min-precision 0.9   exit 1 if story precision < 0.9

exit codes: 0 success, 1 some input failed, 2 usage or model error
"""


def _progress(args: argparse.Namespace, total: int | None = None, *, show: bool = True, **kwargs) -> Progress:
    """The command's progress bar: off with --quiet (or not show), on with --progress, else only on a
    terminal."""
    from .progress import Progress

    enabled = False if args.quiet or not show else (True if args.progress else None)
    return Progress(total, enabled=enabled, **kwargs)


EVAL_EPILOG = """examples:
  storysift evaluate my-pages/                          labeled pages (data-label HTML or @label text)
  storysift evaluate ../shared/corpora/dragnet          a corpus: html/ + ground_truth.json.gz
  storysift evaluate gold.jsonl --format json           labeled blocks {"page", "text", "label"}
  storysift evaluate my-pages/ --min-precision 0.95     exit 1 unless story precision >= 0.95,
                                                        and print the threshold that reaches it

exit codes: 0 every gate passed, 1 a gate failed or nothing to score, 2 usage, model or data error
"""


TRAIN_EPILOG = """examples:
  storysift train --data my-pages/ -o my-model.joblib          yours and the project's labeled pages
  storysift train --data my-pages/ --only-data -o my-model.joblib
                                                            your labeled pages only
  storysift train --data my-pages/ --corpora ../shared/corpora -o my-model.joblib
                                                            yours, the project's and the shippable corpora
  storysift train --base default --data my-site-pages/ -o site.joblib
                                                            adapt the shipped model to your site (seconds)
  storysift train --data my-labels/ --exclude my-held-out/ -o m.joblib
                                                            leave labeled pages (and their sites) out, scored
  storysift evaluate my-held-out/ --model my-model.joblib   then measure it

exit codes: 0 model written, 2 usage or training data error
"""

REVIEW_EPILOG = """examples:
  storysift review my-pages/ --labels my-labels/              label your pages, starting from the model
  storysift review ../shared/corpora/wcxb-dev --labels labels/ corpus pages: saved as sidecar label files
  storysift review my-labels/ --model my-model.joblib          correct labels already saved
"""


def _threshold(value: str) -> float:
    """An argparse type: a probability threshold in [0, 1]."""
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return number


def _jobs(value: str) -> int:
    """An argparse type: a number of processes, at least 1, or -1 for one per core."""
    number = int(value)
    if number < 1 and number != -1:
        raise argparse.ArgumentTypeError(f"must be 1 or more (or -1: one per core), not {value}")
    return number


def _positive(kind: type):
    """An argparse type: a number greater than 0 of the given kind (int or float)."""

    def parse(value: str):
        number = kind(value)
        if number <= 0:
            raise argparse.ArgumentTypeError(f"must be greater than 0, not {value}")
        return number

    parse.__name__ = kind.__name__
    return parse


def _encoding(value: str) -> str:
    """An argparse type: an encoding Python knows."""
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r}") from None


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="*", default=["-"], help="page files (HTML or plain text); '-' or none reads stdin")
    p.add_argument("-o", "--output", help="output file (one input) or folder (several inputs); default stdout")
    p.add_argument("--model", help="a model file of yours (default: the shipped model, also named 'default')")
    p.add_argument(
        "--threshold",
        type=_threshold,
        default=0.5,
        help="keep blocks whose story probability is at least this: higher = more precision (default 0.5)",
    )
    p.add_argument("--kind", choices=("auto", "html", "text"), default="auto", help="input kind (default: auto)")
    p.add_argument("--encoding", type=_encoding, help="decode input bytes with this encoding instead of detecting it")
    p.add_argument(
        "--max-bytes", type=_positive(int), default=DEFAULT_MAX_BYTES, help="largest page accepted, in bytes"
    )
    p.add_argument(
        "--timeout",
        type=_positive(float),
        default=DEFAULT_TIMEOUT,
        help=f"seconds allowed per page (default {DEFAULT_TIMEOUT:g})",
    )


class _VersionAction(argparse.Action):
    """--version: print the versions (computed only then: it reads the shipped model's metadata) and exit."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(_versions())
        parser.exit()


def _versions() -> str:
    import json

    import lxml
    import sklearn

    from . import __version__
    from .model_io import default_model_path

    meta_path = default_model_path().with_suffix(".json")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        model = f"model {default_model_path().name} (trained {meta.get('trained_at')}, sha256 {meta['sha256'][:12]})"
    except (OSError, ValueError, KeyError):
        model = "model: shipped metadata not readable"
    from .accel import speedups, status
    from .frozen_cache import cache_dir
    from .pipeline.warc import reader_name

    folder = cache_dir()
    if speedups() is None:  # the frozen form, and so its cache, needs the compiled core
        cache = "unused (pure Python)"
    else:
        cache = "off (STORYSIFT_NO_CACHE)" if folder is None else str(folder)
    return (
        f"storysift {__version__}; {model}; scikit-learn {sklearn.__version__}; lxml {lxml.__version__}; "
        f"WARC reader: {_warc_reader(reader_name)}; code: {status()}; frozen-model cache: {cache}"
    )


def _warc_reader(reader_name) -> str:
    """Which WARC reader this installation uses, or why none."""
    try:
        chosen = reader_name("x.warc.gz")
    except ValueError as exc:
        return str(exc)
    try:
        __import__("fastwarc" if chosen == "fastwarc" else "warcio")
    except ImportError:
        return "none (pip install 'storysift[warc]')"
    return chosen


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the storysift command."""
    parser = argparse.ArgumentParser(
        prog="storysift",
        description="Clean scraped web pages: keep the story, drop nav, disclaimers and comments.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for flags, help_text in GLOBAL_FLAGS:
        parser.add_argument(*flags, action="store_true", help=help_text)
    parser.add_argument("--version", action=_VersionAction, help="print package, model and library versions")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_clean_parser(sub)
    _add_label_parser(sub)
    _add_evaluate_parser(sub)
    _add_train_parser(sub)
    _add_review_parser(sub)
    add_models_parser(sub)
    for subparser in sub.choices.values():  # global flags also after the subcommand, as users type them
        for flags, help_text in GLOBAL_FLAGS:
            subparser.add_argument(*flags, action="store_true", default=argparse.SUPPRESS, help=help_text)
    return parser


GLOBAL_FLAGS = (
    (("-v", "--verbose"), "log what is done to stderr"),
    (("-q", "--quiet"), "no progress bar, no summary line: only errors on stderr"),
    (("--progress",), "show the progress bar even when stderr is not a terminal"),
)


def _add_clean_parser(sub: argparse._SubParsersAction) -> None:
    """The clean subcommand: page options, output format and batch options."""
    p_clean = sub.add_parser(
        "clean",
        help="print the story text of pages",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(p_clean)
    p_clean.add_argument(
        "--format",
        choices=("text", "json", "html", "jsonl"),
        default=None,
        help="output format; default text for one page, jsonl (one line per input record) for "
        "folders, globs, JSONL and WARC inputs",
    )
    batch = add_batch_options(p_clean, _jobs)
    batch.add_argument("--blocks", action="store_true", help="add the labeled blocks to each output record")


def _add_label_parser(sub: argparse._SubParsersAction) -> None:
    """The label subcommand: the page options and the output format."""
    p_label = sub.add_parser(
        "label",
        help="print every block with its label and probabilities (JSONL), or the page as a labeled page",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(p_label)
    p_label.add_argument(
        "--format",
        choices=("jsonl", "labeled-html"),
        default="jsonl",
        help="jsonl: one object per block (with its page's id and url for batch inputs); labeled-html: the "
        "page with the model's labels as data-label attributes (plain text: @label blocks), the format train "
        "and evaluate read, to correct by hand (page files only)",
    )
    add_batch_options(p_label, _jobs)


def _add_evaluate_parser(sub: argparse._SubParsersAction) -> None:
    """The evaluate subcommand: gold inputs, report format and the --min-* gates."""
    p_eval = sub.add_parser(
        "evaluate",
        help="score a model on gold pages: per-label precision/recall, confusion, thresholds, worst pages",
        epilog=EVAL_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_eval.add_argument(
        "gold",
        nargs="+",
        help="labeled-page folder or file, corpus folder (html/ + ground_truth.json.gz), or JSONL of labeled blocks",
    )
    p_eval.add_argument("--model", help="a model file of yours (default: the shipped model)")
    p_eval.add_argument(
        "--corpora", help="folder of the corpora that sidecar label files point into (default: ../shared/corpora)"
    )
    p_eval.add_argument(
        "--as-text",
        action="store_true",
        help="score the pages as plain-text scrapes (their blocks' texts, no markup)",
    )
    p_eval.add_argument("--threshold", type=_threshold, default=0.5, help="story threshold to score at (default 0.5)")
    p_eval.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p_eval.add_argument("-o", "--output", help="write the report here instead of stdout")
    p_eval.add_argument(
        "--min-precision",
        type=_threshold,
        help="exit 1 unless story precision reaches this; also report the lowest threshold that reaches it",
    )
    p_eval.add_argument("--min-recall", type=_threshold, help="exit 1 unless story recall reaches this")
    p_eval.add_argument("--min-f1", type=_threshold, help="exit 1 unless story F1 reaches this")
    p_eval.add_argument(
        "--pick-threshold",
        action="store_true",
        help="score and gate at the lowest threshold that reaches --min-precision (instead of --threshold)",
    )
    p_eval.add_argument(
        "--label",
        choices=("story", "nav", "disclaimer", "comment"),
        default="story",
        help="the label the --min-* gates and the worst pages apply to (default story)",
    )
    p_eval.add_argument("--worst", type=_positive(int), default=5, help="how many worst pages to show (default 5)")
    p_eval.add_argument(
        "--by-folder",
        action="store_true",
        help="also score each folder's pages on their own (each gold input, and each subfolder of a "
        "labeled-page folder): text F1 per label and macro",
    )
    p_eval.add_argument("--jobs", type=_jobs, default=1, help="processes to use (default 1; -1: one per core)")
    p_eval.add_argument(
        "--allow-empty", action="store_true", help="report (exit 1) when there is no gold page (default: exit 2)"
    )


def _add_train_parser(sub: argparse._SubParsersAction) -> None:
    """The train subcommand: data, corpora, output and fitting options."""
    p_train = sub.add_parser(
        "train",
        help="train a model on labeled pages and corpora",
        epilog=TRAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_train.add_argument(
        "--data",
        action="append",
        help="folder of labeled pages: data-label HTML, @label text, sidecar label files (repeatable); added to "
        "the project's own labeled pages (data/pages, and data/labels/train with --corpora) unless --only-data",
    )
    p_train.add_argument(
        "--only-data",
        action="store_true",
        help="train on the --data folders alone, without the project's labeled pages",
    )
    p_train.add_argument(
        "--base",
        help="adapt this model (default: the shipped one; or a model file) to the sites of the --data pages "
        "instead of training from scratch: seconds, from 1 labeled page (see docs/retraining.md)",
    )
    p_train.add_argument(
        "--exclude",
        action="append",
        default=[],
        help="folder of held-out sidecar label files: their pages and every page of their sites are left out of "
        "training (repeatable)",
    )
    p_train.add_argument("--corpora", default=None, help="folder holding corpora in the shared layout (default: none)")
    p_train.add_argument(
        "--corpus",
        action="append",
        default=None,
        help="corpus name under --corpora to use (repeatable; default: the licence-cleared ones)",
    )
    p_train.add_argument("-o", "--output", required=True, help="model file to write (.joblib)")
    p_train.add_argument(
        "--max-iter",
        type=_positive(int),
        default=None,
        help="boosting iterations per stage and bag member (default: the shipped model's)",
    )
    p_train.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="set one of the estimator's parameters (repeatable; e.g. html_bags=1, text_bags=1, n_folds=2 for a "
        "quick fit; the value read as JSON: numbers, true/false); --max-iter and --seed take precedence",
    )
    p_train.add_argument("--seed", type=int, default=0, help="random seed (splits and models)")
    p_train.add_argument("--no-eval", action="store_true", help="skip the held-out evaluation (faster)")
    p_train.add_argument(
        "--held-out-model",
        help="also save the model of the held-out evaluation here (it has "
        "not seen the held-out pages listed in its metadata)",
    )


def _add_review_parser(sub: argparse._SubParsersAction) -> None:
    """The review subcommand: pages to label in the browser, and where their labels go."""
    p_review = sub.add_parser(
        "review",
        help="label pages block by block in a local web page, starting from the model's labels",
        description="Serve a review page on 127.0.0.1: every block of a page in reading order, coloured by "
        "its label; relabel a block or a whole container, undo, save, next page. Corpus pages are saved as "
        "sidecar label files (LABELS/<corpus>/<id>.labels.json), your own pages as data-label HTML "
        "(LABELS/<name>.html) or @label text; both are what train and evaluate read.",
        epilog=REVIEW_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_review.add_argument(
        "inputs", nargs="+", help="page files, folders of pages, corpus folders, or sidecar label files/folders"
    )
    p_review.add_argument("--model", help="a model file of yours (default: the shipped model)")
    p_review.add_argument("--labels", default="labels", help="folder the labels are saved in (default ./labels)")
    p_review.add_argument("--corpora", help="folder of the corpora that sidecar files point into")
    p_review.add_argument("--threshold", type=_threshold, default=0.5, help="story threshold (default 0.5)")
    p_review.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free port)")
    p_review.add_argument("--open", action="store_true", help="open the page in the default browser")


def _extractor(args: argparse.Namespace):
    from .api import Extractor

    return Extractor.load(args.model, **page_options(args).__dict__)


def _write(args: argparse.Namespace, source: str, content: str, suffix: str) -> None:
    if not args.output or args.output == "-":
        sys.stdout.write(content if content.endswith("\n") or not content else content + "\n")
        return
    out = Path(args.output)
    if len(args.inputs) > 1:
        out.mkdir(parents=True, exist_ok=True)
        out = out / (Path(source).stem + suffix)
    out.write_text(content if content.endswith("\n") else content + "\n", encoding="utf-8")


def _page_record(source: str, max_bytes: int):
    """One page file (or stdin, '-') as a record, read as a batch run reads it."""
    from .pipeline.records import iter_records, page_file

    if source == "-":
        return next(iter_records(["-"], max_bytes=max_bytes))
    return page_file(Path(source), max_bytes)


def _run_pages(args: argparse.Namespace, render) -> int:
    """Label each input page as a batch run does (same options, limits and checks) and render it."""
    from .pipeline.batch import RecordError, label_record

    ex = _extractor(args)
    failed = 0
    with _progress(args, len(args.inputs), show=len(args.inputs) > 1) as progress:
        for source in args.inputs:
            progress.advance()
            try:
                record = _page_record(source, args.max_bytes)
                blocks, _, meta = label_record(ex, record)
            except RecordError as exc:
                failed += 1
                print(f"storysift: {source}: {exc.message}", file=sys.stderr)
                continue
            content, suffix = render(blocks, source, record, meta)
            _write(args, source, content, suffix)
    return 1 if failed else 0


def _batch(args: argparse.Namespace, *, blocks: bool, lines) -> int:
    return run_batch(args, lambda total, **kw: _progress(args, total, **kw), blocks=blocks, lines=lines)


def cmd_clean(args: argparse.Namespace) -> int:
    batch = is_batch_input(args)
    if args.format is None:
        args.format = "jsonl" if batch else "text"
    if args.format == "jsonl" or (args.format == "text" and batch):
        return _batch(args, blocks=args.blocks, lines=clean_lines)
    from .output import as_html, as_json, as_text

    renders = {
        "text": lambda b, s, r, m: (as_text(b), ".txt"),
        "json": lambda b, s, r, m: (as_json(b, s, m), ".json"),
        "html": lambda b, s, r, m: (as_html(b, m.get("title"), m.get("language")), ".html"),
    }
    return _run_pages(args, renders[args.format])


def cmd_label(args: argparse.Namespace) -> int:
    from .output import as_labeled_html, as_labeled_text, block_records
    from .pipeline.batch import page_text

    batch = is_batch_input(args)
    if args.format == "jsonl" and (batch or len(args.inputs) > 1):
        return _batch(args, blocks=True, lines=label_lines)
    if args.format == "jsonl":
        return _run_pages(args, lambda b, s, r, m: ("\n".join(block_records(b)), ".jsonl"))
    if batch:
        raise UsageError("--format labeled-html takes page files; for folders, JSONL and WARC use --format jsonl")
    options = page_options(args)

    def labeled(blocks, source, record, meta):
        if blocks and blocks[0].xpath is not None:
            return as_labeled_html(page_text(record, options), blocks), ".html"
        return as_labeled_text(blocks), ".txt"

    return _run_pages(args, labeled)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .api import Extractor
    from .evaluation.render import render
    from .evaluation.report import apply_gates, build_report, predict_all
    from .gold.pages import Skipped, as_plain_text, count_gold, read_gold

    extractor = Extractor.load(args.model)
    skipped: list = []
    corpora = Path(args.corpora) if args.corpora else None

    progress = _progress(args, count_gold([Path(g) for g in args.gold]))

    def pages():
        for path in args.gold:
            for item in read_gold(Path(path), corpora):
                progress.advance()
                if isinstance(item, Skipped):
                    skipped.append(item)
                elif args.as_text:
                    yield as_plain_text(item)
                else:
                    yield item

    if args.pick_threshold and args.min_precision is None:
        raise UsageError("--pick-threshold needs --min-precision (the precision to reach)")
    with progress:
        results = predict_all(extractor, pages(), jobs=args.jobs)

    def report_at(threshold: float) -> dict:
        return build_report(
            results,
            skipped,
            threshold=threshold,
            min_precision=args.min_precision,
            worst=args.worst,
            worst_label=args.label,
            by_folder=args.by_folder,
        )

    report = report_at(args.threshold)
    picked = (report.get("chosen_threshold") or {}).get("threshold")
    if args.pick_threshold and picked is not None:
        report = report_at(picked)
    report["model"] = {"path": args.model or "shipped", "sha256": extractor.metadata.get("sha256")}
    report["gold"] = list(args.gold)
    apply_gates(
        report, label=args.label, min_precision=args.min_precision, min_recall=args.min_recall, min_f1=args.min_f1
    )
    if not results and not skipped and not args.allow_empty:
        raise UsageError(f"no gold pages in {' '.join(args.gold)} (--allow-empty to accept that)")
    if args.format == "json":
        content = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    else:
        content = render(report, markdown=args.format == "markdown")
    if args.output and args.output != "-":
        Path(args.output).write_text(content, encoding="utf-8")
    else:
        sys.stdout.write(content)
    if not results:
        print("storysift: no gold pages to score", file=sys.stderr)
        return 1
    return 0 if report["passed"] else 1


def cmd_adapt(args: argparse.Namespace) -> int:
    """train --base: adapt a model to the sites of the labeled pages."""
    from .model_io import model_path
    from .training.adaptation import ADAPT_STEPS, adapt_and_save

    if not args.data:
        raise UsageError("--base adapts a model to your labeled pages: give them with --data DIR")
    with _progress(args, len(ADAPT_STEPS), unit="step") as progress:
        meta = adapt_and_save(
            Path(args.output),
            base=model_path(args.base),
            data_dirs=[Path(d) for d in args.data],
            corpora_dir=Path(args.corpora) if args.corpora else None,
            on_step=progress.step,
        )
    if not args.quiet:
        scores = meta.get("leave_one_out_scores")
        if scores:
            before, after = scores["base"]["macro_text_f1"], scores["adapted"]["macro_text_f1"]
            print(
                f"macro text F1 on {scores['pages']} pages, each adapted by the other pages of its folder: "
                f"{before} -> {after}",
                file=sys.stderr,
            )
        print(f"wrote {args.output} ({meta['training_seconds']} s), adapted from {args.base}", file=sys.stderr)
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from .training.sets import SHIPPABLE_CORPORA
    from .training.trainer import train_steps

    if args.base:
        return cmd_adapt(args)

    corpora = None
    if args.corpus and args.corpora is None:
        raise UsageError("--corpus names a corpus under --corpora: give --corpora too")
    if args.corpus:
        corpora = {name: SHIPPABLE_CORPORA.get(name) for name in args.corpus}
    elif args.corpora is None:
        corpora = {}
    from .training.trainer import parse_param

    params = {}
    for text in args.param:
        try:
            key, value = parse_param(text)
        except ValueError as exc:
            raise UsageError(f"--param {exc}") from None
        params[key] = value
    params["random_state"] = args.seed
    if args.max_iter is not None:
        params["max_iter"] = args.max_iter
    progress = _progress(args, len(train_steps(not args.no_eval)), unit="step")
    with progress:
        meta = _train(args, corpora, params, progress.step, progress.detail)
    if not args.quiet:
        print(
            f"wrote {args.output} ({meta['training_seconds']} s); metadata in {Path(args.output).with_suffix('.json')}",
            file=sys.stderr,
        )
    return 0


def _train_data_dirs(args: argparse.Namespace) -> list[Path]:
    """The labeled-page folders a full training reads: the project's own (data/pages, and its sidecars
    with --corpora) and the user's --data, or the user's alone with --only-data."""
    from .training.sets import project_data_dirs

    given = [Path(d) for d in args.data or []]
    if args.only_data:
        if not given:
            raise UsageError("--only-data trains on your --data folders alone: give at least one --data DIR")
        return given
    project = project_data_dirs(with_sidecars=args.corpora is not None)
    if not project and given:
        raise UsageError(
            "--data adds your pages to the project's labeled pages (data/pages of a storysift checkout), which "
            "this installation does not have: train on your pages alone with --only-data, or adapt the shipped "
            "model with --base default"
        )
    seen = {p.resolve() for p in project}
    return project + [d for d in given if d.resolve() not in seen]


def _train(args: argparse.Namespace, corpora: dict | None, params: dict, on_step, on_detail=None) -> dict:
    from .training.trainer import train_and_save

    return train_and_save(
        Path(args.output),
        data_dirs=_train_data_dirs(args),
        corpora_dir=Path(args.corpora) if args.corpora else None,
        corpora=corpora,
        exclude=[Path(d) for d in args.exclude],
        params=params,
        seed=args.seed,
        evaluate=not args.no_eval,
        held_out_model=Path(args.held_out_model) if args.held_out_model else None,
        strict=bool(args.corpus),
        on_step=on_step,
        on_detail=on_detail,
    )


def cmd_review(args: argparse.Namespace) -> int:
    from .api import Extractor
    from .review.server import make_server
    from .review.session import ReviewSession, find_items

    corpora = Path(args.corpora) if args.corpora else None
    items = find_items([Path(p) for p in args.inputs], Path(args.labels), corpora)
    session = ReviewSession(items, Extractor.load(args.model, threshold=args.threshold), corpora)
    server = make_server(session, port=args.port)
    host, port = server.server_address[:2]
    url = f"http://{host}:{port}/"
    print(f"storysift review: {len(items)} pages, labels saved in {args.labels}; open {url} (Ctrl+C to stop)")
    sys.stdout.flush()
    if args.open:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the storysift command; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.quiet and args.verbose:
        print("storysift: --quiet and --verbose exclude each other", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR if args.quiet else logging.WARNING,
        format="%(asctime)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    commands = {
        "clean": cmd_clean,
        "label": cmd_label,
        "evaluate": cmd_evaluate,
        "train": cmd_train,
        "review": cmd_review,
        "models": cmd_models,
    }
    try:
        return commands[args.command](args)
    except StorysiftError as exc:
        print(f"storysift: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:  # Ctrl-C: one line and the shell's code for it, no traceback
        print("storysift: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
