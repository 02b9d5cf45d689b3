"""`storysift train --base`: adapt a fitted model to the sites of a handful of labeled pages, and save it.

One `SiteAdapter` per folder of labeled pages (`--data`, repeatable: a folder per site is the natural
layout, but an adapter recognises each of its sites' pages by their places, so a folder may hold several)
goes after the base model; a base that is itself adapted keeps its adapters. With at least
`MIN_SCORED_PAGES` pages in a folder, each of its pages is also scored by an adapter fitted on the
folder's other pages (leave one page out), against the base model on the same pages: the metadata says
what the adaptation did, measured on pages it did not see.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import __version__
from ..adapt import AdaptedClassifier, SiteAdapter
from ..errors import TrainingDataError
from ..model_io import load_model, save_model
from .sets import TrainingPage, TrainingSet, load_labeled_set
from .trainer import labeled_page_scores, set_summary

MIN_SCORED_PAGES = 3  # pages of one folder needed to score each by an adapter fitted on the others
ADAPT_STEPS = ("reading the base model and the pages", "scoring, one page left out at a time", "fitting and saving")


def by(pages: Sequence[TrainingPage], key: str) -> dict[str, list[TrainingPage]]:
    """Pages grouped by an attribute: "source" (the folder they were read from) or "group" (their site)."""
    groups: dict[str, list[TrainingPage]] = {}
    for page in pages:
        groups.setdefault(getattr(page, key), []).append(page)
    return groups


def fit_adapters(pages: Sequence[TrainingPage], **params) -> list[SiteAdapter]:
    """One fitted adapter per folder the pages were read from."""
    return [
        SiteAdapter(**params).fit([p.page for p in group], [p.labels for p in group])
        for group in by(pages, "source").values()
    ]


def leave_one_out_scores(base, pages: Sequence[TrainingPage]) -> dict | None:
    """Scores of the base model and of the adapted one on pages of folders with at least MIN_SCORED_PAGES
    labeled pages, each page adapted by the other pages of its folder only; None when none has enough."""
    scored: list[TrainingPage] = []
    adapted_models = []
    for group in by(pages, "source").values():
        if len(group) < MIN_SCORED_PAGES:
            continue
        for i, page in enumerate(group):
            others = group[:i] + group[i + 1 :]
            scored.append(page)
            adapted_models.append(AdaptedClassifier(base, fit_adapters(others)))
    if not scored:
        return None
    adapted = _PerPage(adapted_models)
    return {
        "pages": len(scored),
        "base": labeled_page_scores(base, scored),
        "adapted": labeled_page_scores(adapted, scored),
    }


class _PerPage:
    """A model per page, called page by page in order (what leave-one-out scoring needs)."""

    def __init__(self, models: list) -> None:
        self.models = models
        self.next = 0

    def predict_proba(self, pages):
        (page,) = pages
        model = self.models[self.next]
        self.next += 1
        return model.predict_proba([page])


def page_files(sets: Sequence[TrainingSet]) -> list[dict]:
    """Each labeled HTML page the sets hold: its folder, its file (relative to the folder), the sha256 of
    the file's bytes, and for a sidecar the corpus page it labels."""
    out = []
    for tset in sets:
        root = Path(tset.path)
        for page in tset.pages:
            if page.kind != "html" or page.file is None:
                continue
            entry = {
                "folder": tset.path,
                "file": str(page.file.relative_to(root if root.is_dir() else root.parent)),
                "sha256": hashlib.sha256(page.file.read_bytes()).hexdigest(),
            }
            if page.ref:
                entry["page"] = page.ref
            out.append(entry)
    return out


def adapt_and_save(
    out: Path,
    *,
    base: Path,
    data_dirs: Sequence[Path],
    corpora_dir: Path | None = None,
    on_step: Callable[[str], None] | None = None,
) -> dict:
    """Adapt the model file `base` to the labeled pages under data_dirs and write it to out with metadata
    (base model and checksum, pages and their sha256, leave-one-out scores); returns the metadata."""
    steps = iter(ADAPT_STEPS)

    def step() -> None:
        if on_step:
            on_step(next(steps))

    start = time.time()
    step()
    model, base_meta = load_model(base)
    sets: list[TrainingSet] = [load_labeled_set(Path(d), corpora_dir) for d in data_dirs]
    pages = [p for s in sets for p in s.pages if p.kind == "html"]
    if not pages:
        raise TrainingDataError(
            f"no labeled HTML page in {', '.join(map(str, data_dirs))}: adaptation learns a site's markup, "
            "so it needs at least 1 labeled HTML page (data-label attributes or sidecar label files)"
        )
    base_model = model.base if isinstance(model, AdaptedClassifier) else model
    earlier = list(model.adapters) if isinstance(model, AdaptedClassifier) else []
    step()
    scores = leave_one_out_scores(model, pages)
    step()
    adapted = AdaptedClassifier(base_model, [*earlier, *fit_adapters(pages)])
    meta = {
        "storysift_version": __version__,
        "trained_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "adapted_from": {
            "file": str(base),
            "sha256": base_meta.get("sha256"),
            "trained_at": base_meta.get("trained_at"),
            "training_sets": base_meta.get("training_sets"),
        },
        "adaptation_sets": [set_summary(s) for s in sets],
        "adaptation_pages": {"count": len(pages), "folders": sorted(by(pages, "source")), "pages": page_files(sets)},
        "adapters": len(adapted.adapters),
        "leave_one_out_scores": scores,
        "estimator": {"class": type(adapted).__name__, "base": type(base_model).__name__},
        "training_seconds": None,
    }
    meta["training_seconds"] = round(time.time() - start, 1)
    return save_model(adapted, out, meta)
