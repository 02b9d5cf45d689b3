"""Site adaptation benchmark: adapt the shipped model to a site from k of its labeled pages, score the
site's other pages and pages of other sites, before and after.

    python bench/adapt.py [--corpora ../shared/corpora] [--k 1 3 5] [--others 100] [--min-pages 8]

Sites: every site with at least --min-pages pages in the corpora the shipped model did not train on
(l3s-gn1, cleanportaleval: labels from gold-text alignment, story or not), the same corpora's sites
labeled block by block with four labels (data/sites: real pages, clean labels; `labeled:` in the
output), and every site of the project's own labeled pages (data/pages, four labels; sites with fewer
pages are adapted with the k that leave at least one page to score). For each site and k, the first k
pages (in id order) adapt; the site's other pages are scored, and --others pages of other sites (the
same ones for every run). Scores: story text F1 (every page), macro text F1 over the four labels
(four-label pages only). The issue's target (k = 5: the site's score >= 0.95 or half its error gone,
whichever is higher) is read on macro F1 where a site has four labels, else on story F1; the summary
gives it over every row, and with each site once (a corpus site labeled in data/sites read on those clean
pages only, not on its alignment labels too). Time: fitting
the adapters on the k pages (the CLI adds loading the base model and saving the file, ~2 s).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_pages import DEFAULT_CORPORA

from storysift.adapt import AdaptedClassifier
from storysift.model_io import default_model_path, load_model
from storysift.training.adaptation import by, fit_adapters
from storysift.training.sets import load_corpus_set, load_labeled_set
from storysift.training.trainer import labeled_page_scores, score_pages

CORPORA = ("l3s-gn1", "cleanportaleval")
PROJECT = Path(__file__).resolve().parents[1] / "data" / "pages"
SITE_LABELS = Path(__file__).resolve().parents[1] / "data" / "sites" / "labels"


class Cached:
    """The base model with its probabilities kept per page: base and adapted runs share them."""

    def __init__(self, model) -> None:
        self.model = model
        self.classes_ = model.classes_
        self.seen: dict[int, object] = {}

    def predict_proba(self, pages):
        key = id(pages[0]) if len(pages) == 1 else None
        if key is not None and key in self.seen:
            return self.seen[key]
        proba = self.model.predict_proba(pages)
        if key is not None:
            self.seen[key] = proba
        return proba


def scores(model, pages) -> dict:
    story = score_pages(model, pages).get("story_text") or {}
    out = {"story_f1": story.get("f1")}
    if pages and all(p.complete for p in pages):
        out["macro_f1"] = labeled_page_scores(model, pages)["macro_text_f1"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--k", type=int, nargs="+", default=[1, 3, 5])
    parser.add_argument("--others", type=int, default=100)
    parser.add_argument("--min-pages", type=int, default=8)
    args = parser.parse_args(argv)
    base = Cached(load_model(default_model_path())[0])
    sets = [load_corpus_set(args.corpora / name) for name in CORPORA if (args.corpora / name).is_dir()]
    sites = {}
    for tset in sets:
        for site, pages in by([p for p in tset.pages if p.kind == "html"], "group").items():
            if len(pages) >= args.min_pages:
                sites[f"{tset.name}/{site}"] = sorted(pages, key=lambda p: p.page_id)
    if SITE_LABELS.is_dir() and args.corpora.is_dir():
        labeled = load_labeled_set(SITE_LABELS, args.corpora)
        for site, pages in by(labeled.pages, "group").items():
            sites[f"labeled:{site}"] = sorted(pages, key=lambda p: p.page_id)
    own = load_labeled_set(PROJECT)
    for site, pages in by([p for p in own.pages if p.kind == "html"], "group").items():
        sites[f"data/{site}"] = sorted(pages, key=lambda p: p.page_id)
    print(f"{len(sites)} sites; columns: site story F1 (macro F1) before -> after | others story F1 before -> after")
    gains = {k: [] for k in args.k}
    for name, pages in sites.items():
        # other sites only: a site labeled twice (a corpus's labels and data/sites') is one site
        pool = [p for other, ps in sites.items() if other != name for p in ps if p.group != pages[0].group]
        others = pool[:: max(1, len(pool) // args.others)][: args.others]
        for k in args.k:
            if len(pages) - k < 1:
                continue
            train, test = pages[:k], pages[k:]
            start = time.perf_counter()
            adapted = AdaptedClassifier(base, fit_adapters(train))
            seconds = time.perf_counter() - start
            site_before, site_after = scores(base, test), scores(adapted, test)
            others_before, others_after = scores(base, others), scores(adapted, others)
            macro = ""
            if "macro_f1" in site_before:
                macro = f" (macro {site_before['macro_f1']:.3f} -> {site_after['macro_f1']:.3f})"
            print(
                f"{name:<38} k={k} test={len(test):>2}  site {site_before['story_f1']:.3f} -> "
                f"{site_after['story_f1']:.3f}{macro} | others {others_before['story_f1']:.3f} -> "
                f"{others_after['story_f1']:.3f}  fit {seconds:.2f} s",
                flush=True,
            )
            score = "macro_f1" if "macro_f1" in site_before else "story_f1"
            gains[k].append(
                (
                    name,
                    site_before[score],
                    site_after[score],
                    others_after["story_f1"] - others_before["story_f1"],
                )
            )
    for k, rows in gains.items():
        if rows:
            summary(f"k={k}, every row", rows)
            summary(f"k={k}, each site once", once_per_site(rows))
    return 0


def once_per_site(rows: list[tuple]) -> list[tuple]:
    """The rows with each site once: a corpus site that is also labeled block by block (`labeled:<site>`)
    is read on those clean four-label pages, not on its corpus's alignment labels."""
    labeled = {name.split(":", 1)[1] for name, *_ in rows if name.startswith("labeled:")}
    return [r for r in rows if r[0].startswith(("labeled:", "data/")) or r[0].split("/", 1)[1] not in labeled]


def summary(title: str, rows: list[tuple]) -> None:
    """One line: mean site score before -> after, how many sites meet the issue's target, other sites' change."""
    met = sum(1 for _, b, a, _ in rows if a >= max(0.95, 1 - (1 - b) / 2))  # the target
    print(
        f"{title}: site score (macro F1 where four labels, else story F1) mean "
        f"{statistics.mean(r[1] for r in rows):.3f} -> "
        f"{statistics.mean(r[2] for r in rows):.3f}; target met on {met}/{len(rows)} sites; other sites' "
        f"change: worst {min(r[3] for r in rows):+.4f}, mean {statistics.mean(r[3] for r in rows):+.4f}"
    )


if __name__ == "__main__":
    sys.exit(main())
