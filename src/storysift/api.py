"""The library's public surface: an Extractor that holds a model, and one-call helpers."""

from __future__ import annotations

import codecs
import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .blocks import LABELS, Block, Page
from .errors import ModelError, UsageError
from .features import page_slices
from .limits import time_limit
from .model_io import load_predictor, model_path
from .parse import DEFAULT_MAX_BYTES, Kind, PageInput
from .predict import label_indices
from .segment import segment

if TYPE_CHECKING:
    from .adapt import AdaptedClassifier
    from .frozen import FrozenClassifier
    from .model import BlockClassifier

# The P(story) at which a block's own label is story (the kind head decides below it).
MODEL_THRESHOLD = 0.5


@dataclass(frozen=True)
class Options:
    """How pages are read and kept, the same for one page and for a batch: the story threshold, the input
    kind ("auto", "html", "text"), an encoding that overrides detection, and the per-page limits (bytes;
    seconds, None for none)."""

    threshold: float = 0.5
    kind: Kind = "auto"
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise UsageError(f"threshold must be between 0 and 1, not {self.threshold}")
        if self.kind not in ("auto", "html", "text"):
            raise UsageError(f"kind must be auto, html or text, not {self.kind!r}")
        if self.max_bytes < 1:
            raise UsageError(f"max_bytes must be at least 1, not {self.max_bytes}")
        if self.timeout is not None and self.timeout < 0:
            raise UsageError(f"timeout must be 0 or more seconds, not {self.timeout}")
        if self.encoding is not None:
            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise UsageError(f"unknown encoding {self.encoding!r}") from None


class Extractor:
    """A loaded model and options; reuse one Extractor for many pages.

    `model` is anything with the BlockClassifier's predict_proba and predict_story_proba. `Extractor.load`
    gives the model file's predict-only form (`frozen.FrozenClassifier`, the same probabilities without
    scikit-learn in the process) where the compiled core runs; `model_io.load_model` loads the estimator."""

    def __init__(
        self,
        model: BlockClassifier | AdaptedClassifier | FrozenClassifier,
        metadata: dict | None = None,
        options: Options = Options(),
        source: Path | None = None,
    ) -> None:
        self.model = model
        self.metadata = metadata or {}
        self.options = options
        self.source = source

    @classmethod
    def load(cls, path: str | Path | None = None, **options) -> Extractor:
        """Load a model file (the shipped one when path is None) for prediction (`model_io.load_predictor`),
        checking checksum and versions; options are `Options` fields."""
        opts = Options(**options)
        source = model_path(path)
        model, meta = load_predictor(source)
        return cls(model, meta, opts, source=source)

    def __reduce_ex__(self, protocol):
        """An Extractor loaded from a file pickles as that file's path, checksum and options, so sending it
        to worker processes (joblib, multiprocessing) costs bytes, not the model; each process loads the
        file once. One built around an in-memory model pickles whole."""
        if self.source is None:
            return super().__reduce_ex__(protocol)
        return _loaded_extractor, (str(self.source), self.metadata.get("sha256"), self.options)

    def segment(
        self, page: PageInput, *, encoding: str | None = None, kind: Kind | None = None, metadata: bool = True
    ) -> Page:
        """Segment a page into its blocks (no model involved); kind and encoding override the options'.
        metadata: fill the page's `meta` (what the page declares about itself; `label`, `story` and `clean`
        do without)."""
        return segment(
            page,
            kind=kind or self.options.kind,
            encoding=encoding or self.options.encoding,
            max_bytes=self.options.max_bytes,
            metadata=metadata,
        )

    def _threshold(self, threshold: float | None) -> float:
        return self.options.threshold if threshold is None else threshold

    def label_page(self, page: Page, threshold: float | None = None) -> list[Block]:
        """Fill label, proba and kept of a segmented page's blocks in place; returns the blocks.

        label is the model's own: story where P(story) >= 0.5, else the likeliest other kind, whatever the
        threshold; kept is the threshold's decision (P(story) >= threshold), what `clean` keeps. So a high
        threshold drops body paragraphs (kept false) without calling them disclaimers."""
        return self.label_pages([page], threshold)[0]

    def label_pages(self, pages: list[Page], threshold: float | None = None) -> list[list[Block]]:
        """`label_page` for several pages in one call of the model (faster than page by page; the same
        numbers: every block's probabilities depend on its own page only)."""
        proba = self.model.predict_proba(pages)
        threshold = self._threshold(threshold)
        own = label_indices(proba, MODEL_THRESHOLD).tolist()
        blocks = [b for page in pages for b in page.blocks]
        for b, row, c in zip(blocks, proba.tolist(), own):
            b.proba = {name: round(p, 4) for name, p in zip(LABELS, row)}
            b.label = LABELS[c]
            b.kept = row[0] >= threshold
        return [page.blocks for page in pages]

    def story_blocks(self, page: Page, threshold: float | None = None) -> list[Block]:
        """The blocks of a segmented page with P(story) >= threshold, in order (cheaper than label_page:
        no kinds)."""
        return self.story_blocks_of([page], threshold)[0]

    def story_blocks_of(self, pages: list[Page], threshold: float | None = None) -> list[list[Block]]:
        """`story_blocks` for several pages in one call of the model."""
        p_story = self.model.predict_story_proba(pages).tolist()
        threshold = self._threshold(threshold)
        return [
            [b for b, p in zip(page.blocks, p_story[rows]) if p >= threshold]
            for page, rows in zip(pages, page_slices(pages))
        ]

    def label(
        self, page: PageInput, *, threshold: float | None = None, encoding: str | None = None, kind: Kind | None = None
    ) -> list[Block]:
        """Blocks of the page in document order, each with label and proba (within the options' time limit)."""
        with time_limit(self.options.timeout):
            return self.label_page(self.segment(page, encoding=encoding, kind=kind, metadata=False), threshold)

    def story(
        self, page: PageInput, *, threshold: float | None = None, encoding: str | None = None, kind: Kind | None = None
    ) -> list[Block]:
        """The page's story blocks in order (within the options' time limit)."""
        with time_limit(self.options.timeout):
            return self.story_blocks(self.segment(page, encoding=encoding, kind=kind, metadata=False), threshold)

    def clean(
        self, page: PageInput, *, threshold: float | None = None, encoding: str | None = None, kind: Kind | None = None
    ) -> str:
        """The story text of the page, paragraphs separated by a blank line."""
        return "\n\n".join(b.text for b in self.story(page, threshold=threshold, encoding=encoding, kind=kind))


@functools.lru_cache(maxsize=4)
def _loaded_extractor(path: str, sha256: str | None, options: Options) -> Extractor:
    """The Extractor of a model file in this process, loaded once; the file must still be the one pickled."""
    extractor = Extractor.load(path, **dataclasses.asdict(options))
    if extractor.metadata.get("sha256") != sha256:
        raise ModelError(
            f"{path}: the model file changed after this Extractor was pickled "
            f"(sha256 {str(sha256)[:12]}... then, {str(extractor.metadata.get('sha256'))[:12]}... now)"
        )
    return extractor


@functools.lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The shipped model, loaded once on first use."""
    return Extractor.load()


def clean(page: PageInput, *, threshold: float = 0.5, kind: Kind = "auto") -> str:
    """Story text of an HTML (bytes or str) or plain-text page, with the shipped model."""
    return default_extractor().clean(page, threshold=threshold, kind=kind)


def label(page: PageInput, *, threshold: float = 0.5, kind: Kind = "auto") -> list[Block]:
    """Labeled blocks of an HTML or plain-text page, with the shipped model."""
    return default_extractor().label(page, threshold=threshold, kind=kind)
