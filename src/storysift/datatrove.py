"""storysift as a datatrove extractor step (optional extra: pip install 'storysift[datatrove]').

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from storysift.datatrove import StorysiftExtractor

    LocalPipelineExecutor(
        pipeline=[WarcReader("crawl/"), StorysiftExtractor(threshold=0.5), JsonlWriter("clean/")],
        tasks=8,
    ).run()

A drop-in for datatrove's Trafilatura step: each document's HTML (its `text`) becomes its story text.
The model is loaded once per task, before datatrove's extraction sandbox (a child process that enforces the
per-document timeout) is forked, so a sandbox restarted after a timeout does not load it again.
Documents whose story is empty are dropped, as datatrove's extractors do; with `metadata="blocks"` the
labeled blocks (text, label, proba, kept) go into the document's metadata, with `metadata="dropped"` the
text of the blocks that were not kept.

`StorysiftWarcReader` reads WARC files as `storysift clean` does (charset from the HTTP header, the page
or detection; compression by content; non-pages counted by kind in the step's stats): a drop-in for
datatrove's WarcReader, which decodes UTF-8 or a guess and drops what fails without a count.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

from .api import Extractor, Options
from .parse import DEFAULT_MAX_BYTES


class StorysiftExtractor(BaseExtractor):
    """datatrove extractor step: the story of each document's HTML, by storysift's block classifier.

    Args:
        model: a model file (None: the shipped model)
        threshold: keep blocks whose story probability reaches it (the precision/recall dial)
        timeout: seconds allowed per document (datatrove kills and restarts the sandbox past it)
        metadata: None, "blocks" (labeled blocks in metadata["storysift_blocks"]) or "dropped" (the text
            not kept, in metadata["storysift_dropped"])
        kind: "auto", "html" or "text" (what the documents hold)
    """

    name = "🧹 storysift"
    _requires_dependencies: ClassVar[list] = ["lxml", ("sklearn", "scikit-learn")]

    def __init__(
        self,
        model: str | None = None,
        threshold: float = 0.5,
        timeout: float = 5.0,
        metadata: Literal["blocks", "dropped"] | None = None,
        kind: Literal["auto", "html", "text"] = "auto",
    ):
        super().__init__(timeout)
        if metadata not in (None, "blocks", "dropped"):
            raise ValueError(f"metadata must be None, 'blocks' or 'dropped', not {metadata!r}")
        Options(threshold=threshold, kind=kind, timeout=timeout)  # checks the values now, in the driver
        self.model = model
        self.threshold = threshold
        self.metadata = metadata
        self.kind = kind
        self._extractor: Extractor | None = None

    def _loaded(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor.load(self.model, threshold=self.threshold, kind=self.kind)
        return self._extractor

    def extract(self, text: str) -> str:
        """The story text of one document's HTML."""
        return self._loaded().clean(text) if text else ""

    def extract_with_metadata(self, text: str) -> tuple[str, object]:
        """The story text and what `metadata` asks for (None when it asks for nothing)."""
        if not text:
            return "", None
        extractor = self._loaded()
        if self.metadata is None:
            return extractor.clean(text), None
        blocks = extractor.label(text)
        story = "\n\n".join(b.text for b in blocks if b.kept)
        if self.metadata == "dropped":
            return story, "\n\n".join(b.text for b in blocks if not b.kept)
        return story, [{"text": b.text, "label": b.label, "proba": b.proba, "kept": b.kept} for b in blocks]

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_extractor"] = None  # a step sent to another machine or process loads the model there
        return state

    def run(self, data, rank: int = 0, world_size: int = 1):
        """Each document's text replaced by its story (documents with none are dropped), in a sandbox
        process that enforces the per-document timeout; stats as datatrove's extractors keep them."""
        self._loaded()  # before the sandbox forks: it inherits the model
        with ExtractorSandbox(timeout=self.timeout, warmup_text="") as sandbox:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    try:
                        story, extra = sandbox.process_document(doc.text, self.extract_with_metadata)
                    except TimeoutError:
                        self.stat_update("timeout")
                        logger.warning(f"storysift: document {doc.id} took longer than {self.timeout} s: dropped")
                        continue
                    except EOFError:
                        self.stat_update("broken_process")
                        logger.warning(f"storysift: the sandbox died on document {doc.id}: dropped")
                        continue
                    except Exception as exc:  # a page storysift refuses (too large, unparseable)
                        self.stat_update("clean_error")
                        logger.warning(f"storysift: document {doc.id}: {type(exc).__name__}: {exc}")
                        continue
                self.stat_update("extracted")
                if not story:
                    self.stat_update(StatHints.dropped)
                    continue
                doc.text = story
                if extra is not None:
                    doc.metadata[f"storysift_{self.metadata}"] = extra
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc


class StorysiftWarcReader(BaseDiskReader):
    """datatrove reader step: the HTML pages of WARC files, decoded as `storysift clean` decodes them.

    Each page is a Document whose text is the decoded HTML, with url, http_status and content_type in its
    metadata; every other record is counted in the step's stats (skipped_request, skipped_not_html,
    not_html, parse_failure...), so that a run accounts for its input. Arguments: those of datatrove's
    readers (data_folder, glob_pattern, limit...) and max_bytes, the page size limit.
    """

    name = "🕷 storysift WARC"
    _requires_dependencies: ClassVar[list] = ["warcio"]

    def __init__(self, data_folder, *args, max_bytes: int = DEFAULT_MAX_BYTES, **kwargs) -> None:
        super().__init__(data_folder, *args, **kwargs)
        self.max_bytes = max_bytes

    def read_file(self, filepath: str):
        """The Documents of one WARC file (pages only; everything else counted in the stats)."""
        from .pipeline.batch import RecordError, page_text
        from .pipeline.warc import warc_records

        options = Options(max_bytes=self.max_bytes)
        with self.data_folder.open(filepath, "rb") as fh:
            for n, record in enumerate(warc_records(fh, filepath, self.max_bytes)):
                if record.skip:
                    self.stat_update(f"skipped_{record.skip}")
                    continue
                try:
                    html = page_text(record, options)
                except RecordError as exc:
                    self.stat_update(exc.kind)
                    continue
                meta = {"url": record.url, "http_status": record.http_status, "content_type": record.content_type}
                document = self.get_document_from_dict({"text": html, "id": record.id, **meta}, filepath, n)
                if document:
                    yield document
