"""Convention 17 applied everywhere: the like widget under a post ("Like this:", "Like Loading...",
"%d bloggers like this:", and the same in other languages) is `comment`, a reader-feedback widget
(LABELS.md: "reply/like links", "reader-feedback widgets").

The convention came in the tenth round; the pages labeled before it, and some after, called the widget nav:
on 2026-12-07 the training side had 80 of its blocks nav (28 pages) against 36 comment, while the held-out
side had all 18 comment, and a held-out page whose only comment is this widget (swap-stop.org) lost its
whole comment score to it. This script relabels the widget by rule, on both sides, and reports what it
changed. Only the widget's own fixed texts are matched (its heading with a colon, its loading line, its
"bloggers like this" line): a bare "Gefällt mir" or "Like" button in a share bar or a social sidebar
("2,531 Fans Gefällt mir") is left as labeled, as a share bar's buttons are nav by convention 14.

    python data/src/like_widgets.py            # report only
    python data/src/like_widgets.py --write    # relabel the sidecars
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from storysift.gold.sidecar import read_sidecar_page

ROOT = Path(__file__).resolve().parents[2]
LABELS_DIR = ROOT / "data" / "labels"

_LIKE = r"(like|liken|gefällt mir|j.aime|me gusta|mi piace|vind ik leuk|curtir|lubię to)"
_HEADING = r"(like this|gefällt mir|j.aime ceci|j.aime|me gusta esto|me gusta|mi piace questo|vind ik leuk)"
_LOADING = r"(loading|lade|wird geladen|chargement|cargando|caricamento|laden|carregando|wczytywanie)"
LIKE_WIDGET = re.compile(
    rf"^({_HEADING}\s*:(#\S*)?"  # the widget's heading, "Like this:" (an anchor glued to it on one page)
    rf"|{_LIKE}\s+{_LOADING}\s*(…|\.\.\.|\.)?"  # its button while the script loads
    r"|(%d|\d+|one|ein(em)?)\s+(bloggers?|bloggern?|blogueurs?)\s+(like|likes|gefällt|aiment)\s+(this|das|ceci)"
    r"\s*[:.]?)$",
    re.IGNORECASE,
)


def is_like_widget(text: str) -> bool:
    """Whether a block's whole text is one of the like widget's fixed texts."""
    return bool(LIKE_WIDGET.match(text.strip()))


def relabel(path: Path, write: bool) -> Counter:
    """Relabel one sidecar's like-widget blocks as comment; the counts of what changed and what was kept."""
    sidecar, page = read_sidecar_page(path)
    counts: Counter = Counter()
    rows = list(sidecar.blocks)
    for i, (block, (xpath, label, h)) in enumerate(zip(page.blocks, rows)):
        if not is_like_widget(block.text):
            continue
        if label == "comment":
            counts["already comment"] += 1
        else:
            rows[i] = (xpath, "comment", h)
            counts[f"{label} -> comment"] += 1
    if write and rows != sidecar.blocks:
        sidecar.blocks = rows
        if "label_counts" in sidecar.extra:
            c = Counter(lab for _, lab, _ in rows)
            sidecar.extra["label_counts"] = {k: c.get(k, 0) for k in sidecar.extra["label_counts"]}
        path.write_text(sidecar.to_json(), encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="relabel the sidecars (default: report only)")
    args = parser.parse_args(argv)
    for split in ("train", "held-out"):
        total: Counter = Counter()
        pages = 0
        for path in sorted((LABELS_DIR / split).rglob("*.labels.json")):
            counts = relabel(path, args.write)
            total.update(counts)
            pages += any(k.endswith("-> comment") for k in counts)
        print(f"{split}: {dict(total)}; pages relabeled: {pages}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
