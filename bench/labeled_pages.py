"""What bench/head_split.py and bench/text_method.py share: one model's predictions on block-labeled gold
pages (their options --model, --gold, --corpora, --as-text, --threshold, --jobs), each label's text F1 as
`storysift evaluate` scores it, and the table both print."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from corpus_pages import DEFAULT_CORPORA

from storysift.api import Extractor
from storysift.blocks import LABELS
from storysift.evaluation.report import PageResult, predict_all, text_scores
from storysift.gold.pages import Skipped, as_plain_text, read_gold

ROOT = Path(__file__).resolve().parents[1]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options that say which model to run on which labeled pages."""
    parser.add_argument("--model", help="model file (default: shipped)")
    parser.add_argument("--gold", type=Path, default=ROOT / "data" / "labels" / "held-out")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--as-text", action="store_true", help="the pages as plain-text scrapes")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--jobs", type=int, default=1, help="processes to predict with")


def predict_labeled(args: argparse.Namespace) -> list[PageResult]:
    """The model's predictions on the gold pages that carry block labels (none: an empty list)."""
    pages = [g for g in read_gold(args.gold, args.corpora) if not isinstance(g, Skipped) and g.block_level]
    if args.as_text:
        pages = [as_plain_text(g) for g in pages]
    return predict_all(Extractor.load(args.model), pages, jobs=args.jobs) if pages else []


def with_macro(f1: dict[str, float]) -> dict[str, float]:
    """f1 (one value a label, NaN where a label has no score) with their mean as "macro"."""
    return {**f1, "macro": float(np.nanmean([f1[label] for label in LABELS]))}


def text_f1(results: list[PageResult], threshold: float) -> dict[str, float]:
    """Text F1 of each label (`storysift evaluate`'s text scores) and their mean (macro)."""
    f1 = {}
    for label in LABELS:
        scores = text_scores(results, label, threshold)
        f1[label] = scores["f1"] if scores else float("nan")
    return with_macro(f1)


def print_table(rows: dict[str, dict[str, float]], pages: int, threshold: float, width: int) -> None:
    """One row of text F1 (each label, macro) per name, names in a column `width` wide."""
    print(f"{pages} pages, text F1 at threshold {threshold}")
    print(f"{'':<{width}}" + "".join(f"{name:>11}" for name in (*LABELS, "macro")))
    for name, f1 in rows.items():
        print(f"{name:<{width}}" + "".join(f"{f1[k]:>11.3f}" for k in (*LABELS, "macro")))
