"""What the scripts that apply a labeling convention by rule share (`legal_links.py`, `like_widgets.py`):
writing a sidecar's new labels, and the command line that runs a rule over both splits and reports what
it changed."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from storysift.gold.sidecar import Sidecar

ROOT = Path(__file__).resolve().parents[2]
LABELS_DIR = ROOT / "data" / "labels"


def save_labels(path: Path, sidecar: Sidecar, rows: list) -> None:
    """Write rows (xpath, label, text hash) into the sidecar at path, with its label counts, when they
    differ from the sidecar's own."""
    if rows == sidecar.blocks:
        return
    sidecar.blocks = rows
    if "label_counts" in sidecar.extra:
        c = Counter(lab for _, lab, _ in rows)
        sidecar.extra["label_counts"] = {k: c.get(k, 0) for k in sidecar.extra["label_counts"]}
    path.write_text(sidecar.to_json(), encoding="utf-8")


def run_rule(relabel: Callable[[Path, bool], Counter], description: str, argv: list[str] | None = None) -> int:
    """The command line of a rule script: relabel(path, write) on every sidecar of both splits (report
    only unless --write), then per split the summed counts and the pages with a change (a count named
    "... -> <label>")."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--write", action="store_true", help="relabel the sidecars (default: report only)")
    args = parser.parse_args(argv)
    for split in ("train", "held-out"):
        total: Counter = Counter()
        pages = 0
        for path in sorted((LABELS_DIR / split).rglob("*.labels.json")):
            counts = relabel(path, args.write)
            total.update(counts)
            pages += any(" -> " in k for k in counts)
        print(f"{split}: {dict(total)}; pages relabeled: {pages}")
    return 0
