"""A model whose stacks for one page kind (html or text) come from another model file, as a new file.

    python data/src/combine_stacks.py NEW.joblib --kind text --from src/storysift/models/default.joblib -o OUT.joblib

HTML pages and plain-text pages are predicted by separate bags of stacks (`BlockClassifier.stacks_`), fitted
on their own pages: one kind's stacks can be taken from another fit of the same feature version and hashed
columns (what a stack reads; its bag size and trees may differ) without touching the other kind's. For
when a new fit improves one kind and not the other (its `--as-text` scores flat, and a page it must get
right going wrong), or fits one kind alone.

The metadata is the base model's, with "stacks_from" recording, for the kind taken, the other file's
sha256, its date, its parameters and estimator, its training sets, the held-out sets it left out and where
its own stacks of that kind came from; the scores on the
held-out labeled pages (`--held-out`, default the sets the base model records) are made again for the new
file, the base model's kept beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import joblib

from storysift.model_io import read_metadata, save_model
from storysift.training.trainer import excluded_page_scores

ROOT = Path(__file__).resolve().parents[2]
# what the metadata records of the file the stacks come from (a stack carries its own kind factors; the
# other file's "kind_factors" says how they were made, where it has them)
ORIGIN_FIELDS = (
    "sha256",
    "trained_at",
    "params",
    "training_sets",
    "held_out_label_sets",
    "held_out_label_scores",
    "kind_factors",
    "estimator",  # its bag sizes and trees, which may differ from the base model's
    "stacks_from",  # where its own stacks came from, when they were taken from a third file
)
# the estimator parameter that decides what a stack reads (with the feature version): the hashed columns
READ_PARAM = "n_hash_features"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path, help="the base model file")
    parser.add_argument("--kind", choices=("html", "text"), required=True, help="the page kind whose stacks to take")
    parser.add_argument("--from", dest="other", type=Path, required=True, help="the model file to take them from")
    parser.add_argument("-o", "--out", type=Path, required=True)
    parser.add_argument("--why", default="", help="why, recorded in the metadata")
    parser.add_argument("--held-out", type=Path, action="append", help="labeled pages to score it on again")
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = parser.parse_args(argv)
    meta, other_meta = read_metadata(args.model), read_metadata(args.other)
    if meta.get("feature_version") != other_meta.get("feature_version"):  # the stacks read the same features
        print(f"{args.other}: another feature version than {args.model}", file=sys.stderr)
        return 1
    read = [(m.get("estimator") or {}).get("params", {}).get(READ_PARAM) for m in (meta, other_meta)]
    if read[0] != read[1]:  # a stack's input is the page's features hashed into this many columns
        print(f"{args.other}: {READ_PARAM} {read[1]}, {args.model} {read[0]}", file=sys.stderr)
        return 1
    model, other = joblib.load(args.model), joblib.load(args.other)
    model.stacks_[args.kind] = other.stacks_[args.kind]
    held_out = args.held_out or [ROOT / p for p in meta.get("held_out_label_sets", [])]
    meta["stacks_from"] = {
        args.kind: {
            "made": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "why": args.why,
            "base_file_sha256": meta.get("sha256"),
            **{f"file_{key}" if key == "sha256" else key: other_meta.get(key) for key in ORIGIN_FIELDS},
        }
    }
    meta["held_out_label_scores_before"] = meta.get("held_out_label_scores")
    meta["held_out_label_scores"] = excluded_page_scores(model, held_out, args.corpora)
    save_model(model, args.out, meta)
    print(f"{args.model} with the {args.kind} stacks of {args.other} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
