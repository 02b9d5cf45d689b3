"""Give a model fitted before `BlockClassifier.undo_kind_weight` existed its kind factors, as a new file.

    python data/src/undo_kind_weight.py src/storysift/models/default.joblib -o /tmp/undone.joblib

The trees are not touched (P(story), so the story kept, stays the same): every stack's last P(kind | not
story) is multiplied by the inverse of the kind weights its kind head was fitted with (found again from the head: `model.fitted_kind_factors`), which is
what a fit with `undo_kind_weight` (the default since 2026-12-06) records. The metadata is the model's
own, with the factors, the file it was made from (its sha256) and the date added under "kind_factors", and
the scores on the held-out labeled pages (`--held-out`, default the sets the model records) made again
with the factors, the model's earlier ones kept beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import joblib

from storysift.model import undo_kind_weight
from storysift.model_io import read_metadata, save_model
from storysift.training.trainer import excluded_page_scores

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path)
    parser.add_argument("-o", "--out", type=Path, required=True)
    parser.add_argument("--held-out", type=Path, action="append", help="labeled pages to score it on again")
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = parser.parse_args(argv)
    meta = read_metadata(args.model)
    model = joblib.load(args.model)
    if getattr(model, "undo_kind_weight", False):
        print(f"{args.model}: its kinds already undo their weights", file=sys.stderr)
        return 1
    stacks = undo_kind_weight(model)
    if not stacks:
        print(f"{args.model}: no stack with weighted kinds and a tree head over the three kinds", file=sys.stderr)
        return 1
    meta["params"] = {**meta.get("params", {}), "undo_kind_weight": True}
    if "estimator" in meta:
        meta["estimator"]["params"] = {**meta["estimator"].get("params", {}), "undo_kind_weight": True}
    held_out = args.held_out or [ROOT / p for p in meta.get("held_out_label_sets", [])]
    meta["kind_factors"] = {
        "made": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "from_file_sha256": meta.get("sha256"),
        "how": "data/src/undo_kind_weight.py: the inverse of the kind weights, from each last kind head's baseline",
        "factors": {kind: [list(s.kind_factors) for s in bag] for kind, bag in model.stacks_.items()},
        "held_out_label_scores_before": meta.get("held_out_label_scores"),
    }
    meta["held_out_label_scores"] = excluded_page_scores(model, held_out, args.corpora)
    save_model(model, args.out, meta)
    print(f"{stacks} stacks given kind factors -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
