"""Word tokens and 4-gram shingles: the text-comparison method of the corpora's benchmark."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_TOKEN_RE = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Lower-cased `\\w+` tokens of a text."""
    return _TOKEN_RE.findall(text.lower())


def shingles(toks: list[str], n: int = 4) -> Counter:
    """n-gram shingles with multiplicity; a text of 1..n-1 tokens is one shorter shingle."""
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def shingle_counts(predicted: str, gold: str) -> tuple[int, int, int]:
    """(tp, fp, fn): shingles shared (with multiplicity), only predicted, only gold."""
    p = shingles(tokens(predicted))
    g = shingles(tokens(gold))
    tp = sum((p & g).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp


def page_scores(predicted: str, gold: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where undefined (empty prediction / empty gold)."""
    tp, fp, fn = shingle_counts(predicted, gold)
    precision = None if tp + fp == 0 else (1.0 if fp == 0 else tp / (tp + fp))
    recall = None if tp + fn == 0 else (1.0 if fn == 0 else tp / (tp + fn))
    return precision, recall


def mean_f1(precisions: Sequence[float], recalls: Sequence[float]) -> tuple[float, float, float]:
    """The mean of the pages' precisions and of their recalls (0 over no page), and the F1 of the two."""
    precision = sum(precisions) / len(precisions) if len(precisions) else 0.0
    recall = sum(recalls) / len(recalls) if len(recalls) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def corpus_scores(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Mean precision over pages with a prediction, mean recall over pages with gold, and their F1;
    also how many pages there were, with a prediction and with gold."""
    ps, rs = [], []
    for predicted, gold in pairs:
        p, r = page_scores(predicted, gold)
        if p is not None:
            ps.append(p)
        if r is not None:
            rs.append(r)
    precision, recall, f1 = mean_f1(ps, rs)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "pages": len(pairs),
        "with_prediction": len(ps),
        "with_gold": len(rs),
    }
