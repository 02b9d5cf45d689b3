"""Held-out scores of the shipped configuration with some of its parameters changed.

The loop behind the closing notes' held-out tables: fit on the training side of the trainer's split
(`storysift train`'s groups: site domain for corpora, content group for data/) with
`trainer.DEFAULT_PARAMS` updated by each `--param`, score the held-out side, print the scores as JSON.
Nothing is written unless `--save` (a model file whose metadata lists its held-out pages, as
`--held-out-model` writes it, for `bench/long_comments.py`). No benchmark corpus is touched. With no
`--param` it reproduces the held-out scores in the shipped model's metadata (about 12 minutes here).

    python bench/held_out.py --param random_state=1
    python bench/held_out.py --param text_bags=5 --param random_state=1 --save /tmp/tb5.joblib > /tmp/tb5-scores.json

(Name the printed scores apart from the saved model: `--save X.joblib > X.json` would overwrite the model's
metadata, X.json, with them.)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from storysift.training.sets import SHIPPABLE_CORPORA, load_sets
from storysift.training.trainer import DEFAULT_PARAMS, held_out_scores
from storysift.training.trainer import parse_param as trainer_parse_param

ROOT = Path(__file__).resolve().parents[1]


def parse_param(text: str) -> tuple[str, object]:
    """`trainer.parse_param`, as an argparse type."""
    try:
        return trainer_parse_param(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def summary(scores: dict) -> dict:
    """Per set: block and text macro F1 and per-label F1 (labeled pages), story text P / R / F1 (corpus
    pages)."""
    out = {}
    for name, entry in scores.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("pages"), int):
            continue
        row: dict = {"pages": entry["pages"]}
        if "blocks" in entry:
            row["block_macro_f1"] = entry["blocks"]["macro"]["f1"]
            row["block_f1"] = {label: m["f1"] for label, m in entry["blocks"]["labels"].items()}
        if "label_text" in entry:
            row["text_f1"] = {label: m["f1"] for label, m in entry["label_text"].items() if m}
            row["text_macro_f1"] = entry["macro_text_f1"]
        if "story_text" in entry:
            row["story_text"] = {k: entry["story_text"][k] for k in ("precision", "recall", "f1")}
        out[name] = row
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--param",
        type=parse_param,
        action="append",
        default=[],
        help="KEY=VALUE over trainer.DEFAULT_PARAMS (repeatable)",
    )
    parser.add_argument(
        "--data", type=Path, action="append", help="labeled pages (repeatable; default data/pages, data/labels/train)"
    )
    parser.add_argument(
        "--exclude", type=Path, action="append", help="held-out sidecars (repeatable; default data/labels/held-out)"
    )
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--split-seed", type=int, default=0, help="seed of the held-out split (trainer: 0)")
    parser.add_argument("--save", type=Path, help="also save the held-out model here")
    parser.add_argument(
        "--train-without-types",
        default="",
        help="comma-separated page types (data/labels/pages.tsv) whose labeled pages are left out of the training "
        "side only (the held-out side stays the same)",
    )
    args = parser.parse_args()
    params = {**DEFAULT_PARAMS, **dict(args.param)}
    data = args.data or [d for d in (ROOT / "data" / "pages", ROOT / "data" / "labels" / "train") if d.exists()]
    exclude = args.exclude or [d for d in (ROOT / "data" / "labels" / "held-out",) if d.exists()]
    sets = load_sets(data, args.corpora, SHIPPABLE_CORPORA, exclude=exclude)
    keep = None
    if args.train_without_types:
        types = set(args.train_without_types.split(","))
        table = (ROOT / "data" / "labels" / "pages.tsv").read_text(encoding="utf-8").splitlines()[1:]
        dropped = {row.split("\t")[0] for row in table if row.split("\t")[2] in types}

        def keep(page):
            return page.ref not in dropped

    scores = held_out_scores(sets, params, 0.2, args.split_seed, args.save, keep)
    print(json.dumps({"params": params, "split_seed": args.split_seed, "held_out": summary(scores)}, indent=1))


if __name__ == "__main__":
    main()
