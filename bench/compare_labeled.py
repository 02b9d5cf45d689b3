"""Two models on four-label labeled pages, page by page: per-label text F1 of each, a paired bootstrap
interval of their difference, and the pages whose scores moved most.

    python bench/compare_labeled.py --a shipped --b /tmp/candidate.joblib
    python bench/compare_labeled.py --a shipped --b M --as-text --label comment --worst 10

A model given as a `.npz` file is a table of page scores that an earlier run saved (`--save`, B's table):
two models that no one version of storysift reads (a feature change between them) are compared so, each
scored by its own code:

    PYTHONPATH=/path/to/other/src python bench/compare_labeled.py --a shipped --b M2 --save /tmp/m2.npz
    python bench/compare_labeled.py --a shipped --b /tmp/m2.npz

A folder of labeled pages given as `--a` or `--b` is a second labeling of the gold pages (the same pages,
blocks and ids), scored as a model's predictions: how far two labelers agree on the measure the models are
scored by, beside a model scored against the same gold:

    python bench/compare_labeled.py --gold first/ --a shipped --b second/

The scores are `storysift evaluate`'s text scores (4-gram shingles of each label's text, mean page
precision and recall, F1 of the means; macro = mean over the four labels). The bootstrap resamples pages
(the same resample for both models), so its interval says how far a difference of means could come from
which pages happen to be held out: on 69 pages one page moves a label's F1 by 0.02-0.03.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_pages import DEFAULT_CORPORA

from storysift.api import Extractor
from storysift.blocks import LABELS
from storysift.evaluation.report import label_text, labels_at, predict_all
from storysift.gold.pages import Skipped, as_plain_text, read_gold
from storysift.gold.textmatch import mean_f1, page_scores

ROOT = Path(__file__).resolve().parents[1]


def page_table(
    model: str, pages: list, threshold: float, corpora: Path = DEFAULT_CORPORA
) -> tuple[list[str], dict[str, np.ndarray]]:
    """Page ids, and per label an array (pages x 2) of page precision and recall (NaN where undefined or
    where the page has no gold text for the label). A folder of labeled pages in place of a model is a
    second labeling of the same pages, scored as a model's predictions would be (`labeling_predictions`)."""
    if Path(model).is_dir():
        predictions = labeling_predictions(Path(model), pages, corpora)
    else:
        extractor = Extractor.load(None if model == "shipped" else model)
        predictions = [labels_at(r.proba, threshold) for r in predict_all(extractor, pages)]
    table = {label: np.full((len(pages), 2), np.nan) for label in LABELS}
    for i, (page, predicted) in enumerate(zip(pages, predictions)):
        texts = [b.text for b in page.blocks]
        for label in LABELS:
            if label not in page.gold_text:
                continue
            p, rec = page_scores(label_text(texts, predicted, label), page.gold_text[label])
            table[label][i] = (np.nan if p is None else p, np.nan if rec is None else rec)
    return [page.page_id for page in pages], table


def labeling_predictions(folder: Path, pages: list, corpora: Path) -> list[list[str]]:
    """Each page's labels in another labeled folder (the same page ids, the same blocks): how far two
    labelings of the same pages agree, or a model against a second labeler. ValueError when the folder
    lacks a page or segments it into other blocks."""
    other = {g.page_id: g for g in read_gold(folder, corpora) if not isinstance(g, Skipped)}
    out = []
    for page in pages:
        mate = other.get(page.page_id.removesuffix("#text"))
        if mate is None:
            raise ValueError(f"{folder} has no labels for {page.page_id}")
        if [b.text for b in mate.blocks] != [b.text for b in page.blocks]:
            raise ValueError(f"{folder}: {page.page_id} has other blocks there")
        out.append([b.gold for b in mate.blocks])
    return out


def table_settings(args: argparse.Namespace) -> str:
    """What a saved table was scored on: it is read back only for the same pages and threshold."""
    return f"gold={args.gold.resolve()} as_text={args.as_text} threshold={args.threshold}"


def save_table(path: Path, ids: list[str], table: dict[str, np.ndarray], settings: str) -> None:
    np.savez(path, ids=np.array(ids), settings=np.array(settings), **table)


def load_table(path: Path, settings: str) -> tuple[list[str], dict[str, np.ndarray]]:
    """A table saved by `save_table`; ValueError when it was scored on other pages or at another threshold."""
    with np.load(path) as saved:
        if str(saved["settings"]) != settings:
            raise ValueError(f"{path} was scored with {saved['settings']}, not {settings}")
        return saved["ids"].tolist(), {label: saved[label] for label in LABELS}


def f1_of(pr: np.ndarray, rows: np.ndarray) -> float:
    """`mean_f1` of the defined page precisions and recalls among rows."""
    p, r = pr[rows].T
    return mean_f1(p[~np.isnan(p)], r[~np.isnan(r)])[2]


def score(table: dict[str, np.ndarray], label: str, rows: np.ndarray) -> float:
    if label == "macro":
        return float(np.mean([f1_of(table[lab], rows) for lab in LABELS]))
    return f1_of(table[label], rows)


def page_f1(pr: np.ndarray) -> np.ndarray:
    """Each page's own F1 of one label (a missing side counts 0; NaN where the page has neither)."""
    p, r = np.nan_to_num(pr[:, 0]), np.nan_to_num(pr[:, 1])
    out = np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-12), 0.0)
    return np.where(np.isnan(pr).all(axis=1), np.nan, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--a", default="shipped", help="first model file, 'shipped', or a folder of labeled pages")
    parser.add_argument("--b", required=True, help="second model file, 'shipped', or a folder of labeled pages")
    parser.add_argument("--gold", type=Path, default=ROOT / "data" / "labels" / "held-out")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--as-text", action="store_true", help="the pages as plain-text scrapes")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--label", choices=LABELS, help="list the moved pages of this label only")
    parser.add_argument("--worst", type=int, default=5, help="pages listed per label (most fallen, most risen)")
    parser.add_argument("--save", type=Path, help="also save B's page scores here (.npz), to give later as --a or --b")
    args = parser.parse_args(argv)
    pages = [g for g in read_gold(args.gold, args.corpora) if not isinstance(g, Skipped)]
    if not pages:
        print(f"no labeled page in {args.gold}", file=sys.stderr)
        return 1
    if args.as_text:
        pages = [as_plain_text(g) for g in pages]
    settings = table_settings(args)

    def table_of(model: str) -> tuple[list[str], dict[str, np.ndarray]]:
        if model.endswith(".npz"):
            return load_table(Path(model), settings)
        return page_table(model, pages, args.threshold, args.corpora)

    ids, a = table_of(args.a)
    ids_b, b = table_of(args.b)
    if ids_b != ids:
        print("the two tables hold different pages", file=sys.stderr)
        return 1
    if args.save:
        save_table(args.save, ids, b, settings)
    rng = np.random.default_rng(0)
    everything = np.arange(len(ids))
    samples = [rng.integers(0, len(ids), len(ids)) for _ in range(args.resamples)]
    print(f"{len(ids)} pages; text F1, A = {args.a}, B = {args.b}; B - A with a 95% paired bootstrap interval")
    for label in (*LABELS, "macro"):
        diffs = np.array([score(b, label, s) - score(a, label, s) for s in samples])
        low, high = np.percentile(diffs, [2.5, 97.5])
        sa, sb = score(a, label, everything), score(b, label, everything)
        print(f"  {label:<11} A {sa:.4f}  B {sb:.4f}  B-A {sb - sa:+.4f}  [{low:+.4f}, {high:+.4f}]")
    for label in [args.label] if args.label else LABELS:
        before, after = page_f1(a[label]), page_f1(b[label])
        change = after - before
        order = [i for i in np.argsort(change, kind="stable") if np.isfinite(change[i])]
        fallen = [i for i in order if change[i] < 0][: args.worst]
        risen = [i for i in reversed(order) if change[i] > 0][: args.worst]
        if not fallen and not risen:
            continue
        print(f"pages whose {label} F1 moved most (page F1 A -> B):")
        for i in fallen + risen:
            print(f"  {change[i]:+.3f}  {ids[i]}  {before[i]:.2f} -> {after[i]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
