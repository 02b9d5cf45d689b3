"""The library's public surface: an Extractor that holds a model, and one-call helpers."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path

from .blocks import LABELS, Block
from .errors import ModelError
from .model import BlockClassifier, label_indices
from .model_io import default_model_path, load_model
from .parse import DEFAULT_MAX_BYTES, Kind, PageInput
from .segment import segment


@dataclass(frozen=True)
class Options:
    """How pages are read and how blocks are kept."""

    threshold: float = 0.5
    kind: Kind = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES


class Extractor:
    """A loaded model and options; reuse one Extractor for many pages."""

    def __init__(self, model: BlockClassifier, metadata: dict | None = None, options: Options = Options(),
                 source: Path | None = None) -> None:
        self.model = model
        self.metadata = metadata or {}
        self.options = options
        self.source = source

    @classmethod
    def load(cls, path: str | Path | None = None, **options) -> "Extractor":
        """Load a model file (the shipped one when path is None), checking checksum and versions."""
        source = Path(path) if path is not None else default_model_path()
        model, meta = load_model(source)
        return cls(model, meta, Options(**options), source=source)

    def __reduce_ex__(self, protocol):
        """An Extractor loaded from a file pickles as that file's path, checksum and options, so sending it
        to worker processes (joblib, multiprocessing) costs bytes, not the model; each process loads the
        file once. One built around an in-memory model pickles whole."""
        if self.source is None:
            return super().__reduce_ex__(protocol)
        return _loaded_extractor, (str(self.source), self.metadata.get("sha256"), self.options)

    def blocks(self, page: PageInput, *, encoding: str | None = None, kind: Kind | None = None) -> list[Block]:
        """Segment a page into blocks (no model involved); kind overrides the options' kind."""
        return segment(page, kind=kind or self.options.kind, encoding=encoding, max_bytes=self.options.max_bytes)

    def _as_page(self, blocks: list[Block], threshold: float | None) -> float:
        """Number blocks as one page (index 0 starts a page for the model); the threshold to apply."""
        for i, b in enumerate(blocks):
            b.index = i
        return self.options.threshold if threshold is None else threshold

    def label_blocks(self, blocks: list[Block], threshold: float | None = None) -> list[Block]:
        """Fill label and proba of blocks in place (story where P(story) >= threshold)."""
        threshold = self._as_page(blocks, threshold)
        proba = self.model.predict_proba(blocks)
        for b, row, c in zip(blocks, proba.tolist(), label_indices(proba, threshold).tolist()):
            b.proba = {name: round(p, 4) for name, p in zip(LABELS, row)}
            b.label = LABELS[c]
        return blocks

    def label(self, page: PageInput, *, threshold: float | None = None, encoding: str | None = None,
              kind: Kind | None = None) -> list[Block]:
        """Blocks of the page in document order, each with label and proba."""
        return self.label_blocks(self.blocks(page, encoding=encoding, kind=kind), threshold)

    def story_blocks(self, blocks: list[Block], threshold: float | None = None) -> list[Block]:
        """The blocks with P(story) >= threshold, in order (cheaper than label_blocks: no kinds)."""
        threshold = self._as_page(blocks, threshold)
        p_story = self.model.predict_story_proba(blocks)
        return [b for b, p in zip(blocks, p_story.tolist()) if p >= threshold]

    def clean(self, page: PageInput, *, threshold: float | None = None, encoding: str | None = None,
              kind: Kind | None = None) -> str:
        """The story text of the page, paragraphs separated by a blank line."""
        kept = self.story_blocks(self.blocks(page, encoding=encoding, kind=kind), threshold)
        return "\n\n".join(b.text for b in kept)


@functools.lru_cache(maxsize=4)
def _loaded_extractor(path: str, sha256: str | None, options: Options) -> Extractor:
    """The Extractor of a model file in this process, loaded once; the file must still be the one pickled."""
    extractor = Extractor.load(path, **dataclasses.asdict(options))
    if extractor.metadata.get("sha256") != sha256:
        raise ModelError(f"{path}: the model file changed after this Extractor was pickled "
                         f"(sha256 {str(sha256)[:12]}... then, {str(extractor.metadata.get('sha256'))[:12]}... now)")
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
