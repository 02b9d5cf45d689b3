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

import re
from collections import Counter
from pathlib import Path

from sidecar_rules import run_rule, save_labels

from storysift.gold.sidecar import read_sidecar_page

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
    if write:
        save_labels(path, sidecar, rows)
    return counts


def main(argv: list[str] | None = None) -> int:
    return run_rule(relabel, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
