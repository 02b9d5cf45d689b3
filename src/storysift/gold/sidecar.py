"""Labels kept beside a page, not in it: sidecar files for pages the project may not copy.

A sidecar (`<name>.labels.json`) names a corpus page (corpus, id, its file and the sha256 of its bytes)
and lists every block of the page in document order with its xpath, its label and a hash of its text.
Reading one segments the page where it lies (`../shared/corpora` or `--corpora`) and checks that the
page's bytes and its blocks are still the ones labeled: a changed page or a changed segmentation is an
error naming the file and the first block that differs, never a silent mislabel.

    {"format": "storysift-labels/1",
     "page": {"corpus": "wcxb-dev", "id": "0042", "html": "html/0042.html.gz", "sha256": "...",
              "url": "https://...", "site": "example.com"},
     "labeled_by": "...", "note": "...",
     "blocks": [{"xpath": "/html/body/div[2]/p", "label": "story", "text": "1f0c9a7b2e4d"}, ...]}
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..blocks import LABELS, Block, Page
from ..errors import LabeledDataError
from ..segment import segment
from .corpora import CorpusPage, site_of

FORMAT = "storysift-labels/1"
SUFFIX = ".labels.json"
CORPORA_ENV = "STORYSIFT_CORPORA"


def text_hash(text: str) -> str:
    """A short hash of a block's text (12 hex digits of its sha1): detects a changed block, holds no text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def is_sidecar(path: Path) -> bool:
    """Whether a file name is a sidecar's."""
    return path.name.endswith(SUFFIX)


@dataclass
class PageRef:
    """Where a labeled page lies: a corpus, the page's id and file in it, and the sha256 of its bytes."""

    corpus: str
    page_id: str
    html: str
    sha256: str
    url: str | None = None
    site: str | None = None

    def to_dict(self) -> dict:
        return {
            "corpus": self.corpus,
            "id": self.page_id,
            "html": self.html,
            "sha256": self.sha256,
            "url": self.url,
            "site": self.site,
        }


@dataclass
class Sidecar:
    """The labels of one page: its reference and, per block in document order, (xpath, label, text hash)."""

    ref: PageRef
    blocks: list[tuple[str, str, str]]
    labeled_by: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)

    def to_json(self) -> str:
        """The sidecar file's text: one block a line, so diffs of relabeled pages stay readable."""
        head = {"format": FORMAT, "page": self.ref.to_dict(), "labeled_by": self.labeled_by, "note": self.note}
        head.update(self.extra)
        lines = [json.dumps({"xpath": x, "label": lab, "text": h}, ensure_ascii=False) for x, lab, h in self.blocks]
        body = json.dumps(head, ensure_ascii=False, indent=1).removesuffix("\n}")  # reopen the object
        return body + ',\n "blocks": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"


def sidecar_of(ref: PageRef, page: Page, labels: Sequence[str], **meta) -> Sidecar:
    """A sidecar for a segmented HTML page and one label per block."""
    if page.kind != "html":
        raise LabeledDataError(f"{ref.corpus}/{ref.page_id}: sidecars label HTML pages, not {page.kind}")
    if len(labels) != len(page.blocks):
        raise LabeledDataError(f"{ref.corpus}/{ref.page_id}: {len(labels)} labels for {len(page.blocks)} blocks")
    bad = sorted({lab for lab in labels if lab not in LABELS})
    if bad:
        raise LabeledDataError(f"{ref.corpus}/{ref.page_id}: unknown labels {bad}")
    rows = [(b.xpath or "/", lab, text_hash(b.text)) for b, lab in zip(page.blocks, labels)]
    return Sidecar(ref, rows, **meta)


def parse_sidecar(text: str, name: str) -> Sidecar:
    """A sidecar from its file's text; a malformed one is a LabeledDataError naming it."""
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise LabeledDataError(f"{name}: not a {FORMAT} file (format {data.get('format')!r})")
        p = data["page"]
        ref = PageRef(p["corpus"], str(p["id"]), p["html"], p["sha256"], p.get("url"), p.get("site"))
        rows = [(b["xpath"], b["label"], b["text"]) for b in data["blocks"]]
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise LabeledDataError(f"{name}: malformed sidecar ({type(exc).__name__}: {exc})") from None
    bad = sorted({lab for _, lab, _ in rows if lab not in LABELS})
    if bad:
        raise LabeledDataError(f"{name}: unknown labels {bad}")
    extra = {k: v for k, v in data.items() if k not in ("format", "page", "blocks", "labeled_by", "note")}
    return Sidecar(ref, rows, data.get("labeled_by", ""), data.get("note", ""), extra)


def corpora_candidates(path: Path, corpora_dir: Path | None = None) -> list[Path]:
    """Where the corpus of a sidecar at path is looked for: the given folder, $STORYSIFT_CORPORA, then
    `shared/corpora` beside each folder above the sidecar (the project's `../shared/corpora`)."""
    found = [corpora_dir] if corpora_dir is not None else []
    if os.environ.get(CORPORA_ENV):
        found.append(Path(os.environ[CORPORA_ENV]))
    found += [parent / "shared" / "corpora" for parent in path.resolve().parents]
    return found


def page_bytes(sidecar: Sidecar, path: Path, corpora_dir: Path | None = None) -> bytes:
    """The labeled page's bytes, checked against the sidecar's sha256."""
    ref = sidecar.ref
    tried = []
    for root in corpora_candidates(path, corpora_dir):
        file = root / ref.corpus / ref.html
        tried.append(str(root))
        if file.is_file():
            data = file.read_bytes()
            if file.suffix == ".gz":
                data = gzip.decompress(data)
            digest = hashlib.sha256(data).hexdigest()
            if digest != ref.sha256:
                raise LabeledDataError(
                    f"{path}: page {ref.corpus}/{ref.html} changed (sha256 {digest[:12]}..., labeled "
                    f"{ref.sha256[:12]}...): relabel it"
                )
            return data
    raise LabeledDataError(
        f"{path}: page {ref.corpus}/{ref.html} not found (looked under {', '.join(tried[:3])}; "
        f"give --corpora or set {CORPORA_ENV})"
    )


def apply_labels(sidecar: Sidecar, page: Page, name: str) -> Page:
    """Set each block's gold label from the sidecar, after checking the blocks are the ones labeled."""
    blocks: list[Block] = page.blocks
    if len(blocks) != len(sidecar.blocks):
        raise LabeledDataError(
            f"{name}: the page segments into {len(blocks)} blocks, {len(sidecar.blocks)} were labeled "
            "(segmentation changed: relabel the page)"
        )
    for i, (b, (xpath, label, digest)) in enumerate(zip(blocks, sidecar.blocks)):
        if (b.xpath or "/") != xpath or text_hash(b.text) != digest:
            raise LabeledDataError(
                f"{name}: block {i} is {b.xpath} {b.text[:40]!r}, the label was for {xpath} (text hash "
                f"{digest}): segmentation changed, relabel the page"
            )
        b.gold = label
    return page


def read_sidecar_page(path: Path, corpora_dir: Path | None = None) -> tuple[Sidecar, Page]:
    """The sidecar at path and its page, segmented, with gold labels on its blocks."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LabeledDataError(f"{path}: cannot read ({exc})") from None
    sidecar = parse_sidecar(text, str(path))
    page = segment(page_bytes(sidecar, path, corpora_dir), kind="html")
    return sidecar, apply_labels(sidecar, page, str(path))


def read_refs(root: Path) -> list[PageRef]:
    """The page references of every sidecar under root (the pages are not read)."""
    files = [root] if root.is_file() else sorted(root.rglob("*" + SUFFIX))
    return [parse_sidecar(f.read_text(encoding="utf-8"), str(f)).ref for f in files]


def page_ref(page: CorpusPage) -> PageRef:
    """The reference of a corpus page: its corpus, id, file, the sha256 of its bytes, URL and site."""
    rec = page.record
    digest = hashlib.sha256(page.html).hexdigest()
    return PageRef(page.corpus, page.page_id, rec["html"], digest, rec.get("url"), site_of(rec, page.page_id))
