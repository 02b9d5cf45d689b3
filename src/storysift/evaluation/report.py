"""Evaluate a model on gold pages: per-label block and text scores, confusion, thresholds, worst pages.

The report is a plain dict (its JSON form is documented in docs/evaluate.md and kept stable).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..api import Extractor
from ..blocks import LABELS, Block
from ..gold.pages import GoldPage, Skipped
from ..gold.textmatch import corpus_scores, page_scores, shingle_counts, shingles, tokens
from ..parallel import map_chunks
from ..predict import label_indices
from .metrics import block_metrics, prf

if TYPE_CHECKING:
    from ..model import BlockClassifier

THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 1.0, 0.05))


@dataclass
class PageResult:
    """One page's blocks with predicted probabilities and its gold."""

    source: str
    page_id: str
    texts: list[str]
    proba: np.ndarray
    gold_blocks: list[str] | None
    gold_text: dict[str, str]
    folder: str = ""  # the gold page's folder ("": its source)


def labels_at(proba: np.ndarray, threshold: float) -> list[str]:
    """Labels from probabilities: story at or above the threshold, else the likeliest other label."""
    return [LABELS[i] for i in label_indices(proba, threshold)]


def predict_page(model: BlockClassifier, page: GoldPage) -> PageResult:
    """Run the model on a gold page's blocks."""
    blocks: list[Block] = page.blocks
    proba = model.predict_proba([page.page])
    gold_blocks = [b.gold for b in blocks] if page.block_level else None
    texts = [b.text for b in blocks]
    return PageResult(page.source, page.page_id, texts, proba, gold_blocks, page.gold_text, page.folder)


def _predict_chunk(pages: list[GoldPage], extractor: Extractor) -> list[PageResult]:
    return [predict_page(extractor.model, p) for p in pages]


def predict_all(
    extractor: Extractor,
    pages: Iterable[GoldPage],
    *,
    jobs: int = 1,
    chunk: int = 16,
    progress: Callable[[int], None] | None = None,
) -> list[PageResult]:
    """Predict every page, in order; jobs > 1 uses that many processes (joblib), chunk pages at a time."""
    results: list[PageResult] = []
    for result in map_chunks(_predict_chunk, pages, extractor, jobs=jobs, chunk_size=1 if jobs == 1 else chunk):
        results.append(result)
        if progress:
            progress(len(results))
    return results


def label_text(texts: Sequence[str], labels: Sequence[str], label: str) -> str:
    """The texts whose label is `label`, one a line: what a page's text scores compare with the gold."""
    return "\n".join(t for t, lab in zip(texts, labels) if lab == label)


def text_scores(results: Sequence[PageResult], label: str, threshold: float) -> dict | None:
    """The shingle method for one label: mean page precision / recall, F1, support = pages with gold text."""
    pairs = [
        (label_text(r.texts, labels_at(r.proba, threshold), label), r.gold_text[label])
        for r in results
        if label in r.gold_text
    ]
    scores = corpus_scores(pairs)
    if not scores["with_prediction"] and not scores["with_gold"]:
        return None
    return {
        "precision": round(scores["precision"], 4),
        "recall": round(scores["recall"], 4),
        "f1": round(scores["f1"], 4),
        "support": scores["with_gold"],
    }


def block_scores(results: Sequence[PageResult], threshold: float) -> dict | None:
    """Block-level metrics over the pages whose blocks carry gold labels."""
    gold: list[str] = []
    pred: list[str] = []
    for r in results:
        if r.gold_blocks is not None:
            gold.extend(r.gold_blocks)
            pred.extend(labels_at(r.proba, threshold))
    return block_metrics(gold, pred) if gold else None


def threshold_table(results: Sequence[PageResult], thresholds: Sequence[float] = THRESHOLDS) -> list[dict]:
    """Story precision/recall/F1 (block and text) at each threshold."""
    rows = []
    for t in thresholds:
        blocks = block_scores(results, t)
        rows.append(
            {
                "threshold": t,
                "block": blocks["labels"]["story"] if blocks else None,
                "text": text_scores(results, "story", t),
            }
        )
    return rows


def pick_threshold(table: list[dict], min_precision: float) -> dict:
    """The lowest threshold (most recall) whose story precision reaches min_precision; text method first."""
    basis = "text" if any(row["text"] for row in table) else "block"
    for row in table:
        scores = row[basis]
        if scores and scores["precision"] >= min_precision:
            return {
                "min_precision": min_precision,
                "threshold": row["threshold"],
                "basis": basis,
                "precision": scores["precision"],
                "recall": scores["recall"],
            }
    return {"min_precision": min_precision, "threshold": None, "basis": basis, "precision": None, "recall": None}


def _mostly_in(text: str, reference: set) -> bool:
    sh = shingles(tokens(text))
    return bool(sh) and sum(c for s, c in sh.items() if s in reference) >= 0.5 * sum(sh.values())


def _page_diff(r: PageResult, threshold: float, limit: int, label: str = "story") -> dict:
    """One label's text precision/recall on one page and what leaked in / was lost (at most `limit` snippets
    each): with block gold, each leaked block's gold label and each lost block's predicted label beside it
    (None on a page whose gold is text alone, where a lost line is gold text, not a block)."""
    labels = labels_at(r.proba, threshold)
    predicted = label_text(r.texts, labels, label)
    gold = r.gold_text.get(label, "")
    precision, recall = page_scores(predicted, gold)
    leaked: list[tuple[str, str | None]]
    lost: list[tuple[str, str | None]]
    if r.gold_blocks is not None:
        leaked = [(t, g) for t, lab, g in zip(r.texts, labels, r.gold_blocks) if lab == label and g != label]
        lost = [(t, lab) for t, lab, g in zip(r.texts, labels, r.gold_blocks) if lab != label and g == label]
    else:
        gold_set = set(shingles(tokens(gold)))
        pred_set = set(shingles(tokens(predicted)))
        leaked = [(t, None) for t, lab in zip(r.texts, labels) if lab == label and not _mostly_in(t, gold_set)]
        lost = [(line, None) for line in gold.split("\n") if line.strip() and not _mostly_in(line, pred_set)]
    return {
        "source": r.source,
        "page": r.page_id,
        "precision": None if precision is None else round(precision, 4),
        "recall": None if recall is None else round(recall, 4),
        "leaked": [t[:160] for t, _ in leaked[:limit]],
        "leaked_gold": [g for _, g in leaked[:limit]],
        "lost": [t[:160] for t, _ in lost[:limit]],
        "lost_predicted": [p for _, p in lost[:limit]],
    }


def worst_pages(
    results: Sequence[PageResult], threshold: float, k: int = 5, limit: int = 3, label: str = "story"
) -> dict:
    """The k pages with the lowest text precision of `label` and the k with its lowest text recall, among
    the pages whose gold says where that label is."""
    diffs = [_page_diff(r, threshold, limit, label) for r in results if label in r.gold_text]
    by_p = sorted((d for d in diffs if d["precision"] is not None), key=lambda d: d["precision"])[:k]
    by_r = sorted((d for d in diffs if d["recall"] is not None), key=lambda d: d["recall"])[:k]
    return {"label": label, "precision": by_p, "recall": by_r}


def _averages(labels: dict, kind: str) -> dict | None:
    present = [v[kind] for v in labels.values() if v[kind] and v[kind]["support"]]
    if not present:
        return None
    return {k: round(float(np.mean([m[k] for m in present])), 4) for k in ("precision", "recall", "f1")}


def _micro_text(results: Sequence[PageResult], threshold: float) -> dict | None:
    tp = fp = fn = 0
    seen = False
    for r in results:
        labels = labels_at(r.proba, threshold)
        for label, gold in r.gold_text.items():
            seen = True
            a, b, c = shingle_counts(label_text(r.texts, labels, label), gold)
            tp, fp, fn = tp + a, fp + b, fn + c
    return prf(tp, fp, fn) if seen else None


def folder_of(result: PageResult) -> str:
    """Where a gold page came from: its gold input (corpus, JSONL file, labeled-page folder) and, for a
    page in a subfolder of a labeled-page folder, that subfolder."""
    return result.folder or result.source


def folder_scores(results: Sequence[PageResult], threshold: float) -> list[dict]:
    """Each folder's pages (`folder_of`) scored on their own by the text method: per label, and the macro
    F1 over the labels its gold has text of (as the report's macro). Folders in name order."""
    folders: dict[str, list[PageResult]] = {}
    for r in results:
        folders.setdefault(folder_of(r), []).append(r)
    rows = []
    for name in sorted(folders):
        labels = {label: text_scores(folders[name], label, threshold) for label in LABELS}
        macro = _averages({label: {"text": scores} for label, scores in labels.items()}, "text")
        rows.append({"folder": name, "pages": len(folders[name]), "text": labels, "macro_f1": macro and macro["f1"]})
    return rows


def build_report(
    results: Sequence[PageResult],
    skipped: Sequence[Skipped],
    *,
    threshold: float,
    min_precision: float | None = None,
    worst: int = 5,
    worst_label: str = "story",
    by_folder: bool = False,
) -> dict:
    """The evaluation report (see docs/evaluate.md for the JSON form); the worst pages are those of
    `worst_label`'s text precision and recall; with by_folder, also each folder's own text scores
    (`folder_scores`)."""
    blocks = block_scores(results, threshold)
    labels = {}
    for label in LABELS:
        labels[label] = {
            "block": blocks["labels"][label] if blocks else None,
            "text": text_scores(results, label, threshold),
        }
    table = threshold_table(results)
    report = {
        "threshold": threshold,
        "pages": {
            "scored": len(results),
            "block_level": sum(r.gold_blocks is not None for r in results),
            "skipped": [{"source": s.source, "page": s.page_id, "reason": s.reason} for s in skipped],
        },
        "labels": labels,
        "micro": {"block": blocks["micro"] if blocks else None, "text": _micro_text(results, threshold)},
        "macro": {"block": _averages(labels, "block"), "text": _averages(labels, "text")},
        "confusion": (
            {"labels": list(LABELS), "rows": "gold", "columns": "predicted", "matrix": blocks["confusion"]["matrix"]}
            if blocks
            else None
        ),
        "thresholds": table,
        "chosen_threshold": pick_threshold(table, min_precision) if min_precision is not None else None,
        "worst_pages": worst_pages(results, threshold, worst, label=worst_label),
    }
    if by_folder:
        report["folders"] = folder_scores(results, threshold)
    return report


def apply_gates(
    report: dict,
    *,
    label: str = "story",
    min_precision: float | None = None,
    min_recall: float | None = None,
    min_f1: float | None = None,
) -> list[dict]:
    """Check minimum scores of one label (text method where the gold has it, else block); adds `gates`
    and `passed` to the report and returns the gates."""
    scores = report["labels"][label]["text"] or report["labels"][label]["block"] or {}
    basis = "text" if report["labels"][label]["text"] else "block"
    gates = []
    for metric, minimum in (("precision", min_precision), ("recall", min_recall), ("f1", min_f1)):
        if minimum is None:
            continue
        value = scores.get(metric)
        gates.append(
            {
                "label": label,
                "metric": metric,
                "basis": basis,
                "min": minimum,
                "value": value,
                "threshold": report["threshold"],
                "passed": value is not None and value >= minimum,
            }
        )
    report["gates"] = gates
    report["passed"] = all(g["passed"] for g in gates)
    return gates
