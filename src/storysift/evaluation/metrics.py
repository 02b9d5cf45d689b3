"""Per-label scores from counts and from gold / predicted block labels."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..blocks import LABELS


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": tp + fn}


def block_metrics(gold: Sequence[str], predicted: Sequence[str]) -> dict:
    """Per-label precision/recall/F1/support, macro and micro averages, and the confusion matrix."""
    gold_a = np.asarray(gold, dtype=object)
    pred_a = np.asarray(predicted, dtype=object)
    labels = {}
    for name in LABELS:
        tp = int(np.sum((gold_a == name) & (pred_a == name)))
        fp = int(np.sum((gold_a != name) & (pred_a == name)))
        fn = int(np.sum((gold_a == name) & (pred_a != name)))
        labels[name] = prf(tp, fp, fn)
    present = [labels[n] for n in LABELS if labels[n]["support"] > 0]
    macro = {
        k: round(float(np.mean([m[k] for m in present])), 4) if present else 0.0 for k in ("precision", "recall", "f1")
    }
    correct = int(np.sum(gold_a == pred_a))
    micro = round(correct / len(gold_a), 4) if len(gold_a) else 0.0
    confusion = [[int(np.sum((gold_a == g) & (pred_a == p))) for p in LABELS] for g in LABELS]
    return {
        "labels": labels,
        "macro": macro,
        "micro": {"precision": micro, "recall": micro, "f1": micro},
        "confusion": {"rows_gold_cols_predicted": list(LABELS), "matrix": confusion},
    }
