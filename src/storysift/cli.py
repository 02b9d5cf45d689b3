"""Command line: storysift clean | label | train."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .errors import StorysiftError

log = logging.getLogger("storysift")

EPILOG = """examples:
  storysift clean page.html                      story text to stdout
  curl -s https://example.org | storysift clean  read stdin
  storysift clean --format html page.html -o clean.html
  storysift clean --threshold 0.7 page.html      favour precision
  storysift label page.html                      one JSON object per block
  storysift train --data data/ --corpora ../shared/corpora -o my-model.joblib

exit codes: 0 success, 1 some input failed, 2 usage or model error
"""


def _read(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    return Path(source).read_bytes()


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="*", default=["-"], help="page files (HTML or plain text); '-' or none reads stdin")
    p.add_argument("-o", "--output", help="output file (one input) or folder (several inputs); default stdout")
    p.add_argument("--model", help="a model file of yours (default: the shipped model)")
    p.add_argument("--threshold", type=float, default=0.5,
                   help="keep blocks whose story probability is at least this: higher = more precision (default 0.5)")
    p.add_argument("--kind", choices=("auto", "html", "text"), default="auto", help="input kind (default: auto)")
    p.add_argument("--encoding", help="decode input bytes with this encoding instead of detecting it")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the storysift command."""
    parser = argparse.ArgumentParser(prog="storysift", description="Clean scraped web pages: keep the story, "
                                     "drop nav, disclaimers and comments.", epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)
    p_clean = sub.add_parser("clean", help="print the story text of pages", epilog=EPILOG,
                             formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_common(p_clean)
    p_clean.add_argument("--format", choices=("text", "json", "html"), default="text", help="output format")
    p_label = sub.add_parser("label", help="print every block with its label and probabilities (JSONL)",
                             epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_common(p_label)
    p_train = sub.add_parser("train", help="train a model on labeled pages and corpora")
    p_train.add_argument("--data", default="data/pages", help="folder of labeled pages (default data/pages)")
    p_train.add_argument("--corpora", default=None,
                         help="folder holding corpora in the shared layout (default: none)")
    p_train.add_argument("--corpus", action="append", default=None,
                         help="corpus name under --corpora to use (repeatable; default: the licence-cleared ones)")
    p_train.add_argument("-o", "--output", required=True, help="model file to write (.joblib)")
    p_train.add_argument("--max-iter", type=int, default=100, help="boosting iterations per stage")
    p_train.add_argument("--seed", type=int, default=0, help="random seed (splits and models)")
    p_train.add_argument("--no-eval", action="store_true", help="skip the held-out evaluation (faster)")
    return parser


def _extractor(args: argparse.Namespace):
    from .api import Extractor
    return Extractor.load(args.model, threshold=args.threshold, kind=args.kind)


def _write(args: argparse.Namespace, source: str, content: str, suffix: str) -> None:
    if not args.output:
        sys.stdout.write(content if content.endswith("\n") or not content else content + "\n")
        return
    out = Path(args.output)
    if len(args.inputs) > 1:
        out.mkdir(parents=True, exist_ok=True)
        out = out / (Path(source).stem + suffix)
    out.write_text(content if content.endswith("\n") else content + "\n", encoding="utf-8")


def _run_pages(args: argparse.Namespace, render) -> int:
    ex = _extractor(args)
    failed = 0
    for source in args.inputs:
        try:
            blocks = ex.label(_read(source), encoding=args.encoding)
        except (OSError, StorysiftError) as exc:
            failed += 1
            print(f"storysift: {source}: {exc}", file=sys.stderr)
            continue
        content, suffix = render(blocks, source)
        _write(args, source, content, suffix)
    return 1 if failed else 0


def cmd_clean(args: argparse.Namespace) -> int:
    from .output import as_html, as_json, as_text
    renders = {"text": lambda b, s: (as_text(b), ".txt"), "json": lambda b, s: (as_json(b, s), ".json"),
               "html": lambda b, s: (as_html(b), ".html")}
    return _run_pages(args, renders[args.format])


def cmd_label(args: argparse.Namespace) -> int:
    from .output import block_records
    return _run_pages(args, lambda b, s: ("\n".join(block_records(b)), ".jsonl"))


def cmd_train(args: argparse.Namespace) -> int:
    from .trainer import train_and_save
    from .training import SHIPPABLE_CORPORA
    corpora = None
    if args.corpus:
        corpora = {name: SHIPPABLE_CORPORA.get(name) for name in args.corpus}
    elif args.corpora is None:
        corpora = {}
    meta = train_and_save(Path(args.output), data_dir=Path(args.data) if args.data else None,
                          corpora_dir=Path(args.corpora) if args.corpora else None, corpora=corpora,
                          params={"max_iter": args.max_iter, "random_state": args.seed}, seed=args.seed,
                          evaluate=not args.no_eval)
    print(f"wrote {args.output} ({meta['training_seconds']} s); metadata in {Path(args.output).with_suffix('.json')}",
          file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the storysift command; returns the exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(name)s: %(message)s", stream=sys.stderr)
    commands = {"clean": cmd_clean, "label": cmd_label, "train": cmd_train}
    try:
        return commands[args.command](args)
    except StorysiftError as exc:
        print(f"storysift: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
