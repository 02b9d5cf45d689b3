"""Segment a page into blocks: the text runs of leaf-most block-level elements, in document order.

Every visible text character of the page belongs to exactly one block (whitespace is collapsed).
Scripts, styles, templates and hidden elements are left out. Plain text becomes one block per
blank-line-separated paragraph.
"""

from __future__ import annotations

import re

from lxml import etree

from . import accel
from .blocks import LABELS, Block, Page
from .errors import LabeledDataError
from .metadata import page_metadata
from .parse import DEFAULT_MAX_BYTES, Kind, PageInput, is_html, parse_html, read_page

BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form frameset frame h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main
    menu nav noscript ol p pre section summary table tbody td tfoot th thead tr ul option select button
    textarea label iframe video audio""".split()
)
SKIP_TAGS = frozenset("script style template head title meta link svg math object embed canvas noembed param".split())
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TOKEN_RE = re.compile(r"[a-z]{2,}")  # runs of a-z: one letter is no token
URL_IN_VALUE = re.compile(r"[A-Za-z]+://\S*")  # a URL in a class or id value: scheme letters, "://", the rest
_BLANK_LINES_RE = re.compile(r"\n[ \t\r\f\v]*\n")
_WS_RE = re.compile(r"\s+")


def _attr_tokens(raw: str) -> str:
    """Lower-case word tokens (2+ letters) of an element's class and id values, space-separated.

    A URL in a value, from its scheme's letters to the value's end, gives no tokens (an id set to the
    page's address, as the CleanEval wrapper's `<text id="http://...">` is: its words are the page's
    content, not its layout); the words before it do ("thread-http://..." gives "thread").
    """
    if "://" in raw:
        raw = URL_IN_VALUE.sub(" ", raw)
    return " ".join(_TOKEN_RE.findall(raw.lower()))


def _is_hidden(attrs: dict[str, str]) -> bool:
    if not attrs:
        return False
    if attrs.get("hidden") is not None:
        return True
    style = attrs.get("style")
    return bool(style) and _HIDDEN_STYLE_RE.search(style) is not None


class _Segmenter:
    """Walks a tree once and collects blocks; one instance per page."""

    def __init__(self, root: etree._Element, with_gold: bool) -> None:
        self.tree = root.getroottree()
        self.with_gold = with_gold
        self.blocks: list[Block] = []
        self.pieces: list[str] = []
        self.piece_labels: dict[str | None, int] = {}
        self.link_chars = 0
        self.owner: etree._Element = root
        self.owner_depth = 0
        self.path_tags: list[str] = []
        self.path_tokens: list[str] = []
        # XPath steps of the open elements: (tag, index among same-tag siblings, sibling tag counts).
        # Counts are final once the parent closes, so xpaths are written at the end of the walk;
        # lxml's getpath would count siblings for every block (quadratic on wide pages).
        self.path_steps: list[tuple[str, int, dict[str, int]]] = []
        self.child_counts: list[dict[str, int]] = [{}]
        self.block_steps: list[tuple[tuple[str, int, dict[str, int]], ...]] = []
        self.pending_br = False
        self.root = root
        self.skip_el: etree._Element | None = None  # the skipped element whose subtree is being passed over
        self.owners: list[tuple[etree._Element, int]] = [(root, 0)]  # open block-level elements and depths
        self.labels: list[str | None] = [None]  # data-labels in force (with_gold)
        self.link_depth = 0
        self.token_cache: dict[str, str] = {}

    def add(self, text: str, in_link: bool, label: str | None) -> None:
        if not text:
            return
        self.pieces.append(text)
        if text.strip():
            self.pending_br = False
            n = len(text.strip())
            if in_link:
                self.link_chars += n
            if self.with_gold:
                self.piece_labels[label] = self.piece_labels.get(label, 0) + n

    def flush(self) -> None:
        self.pending_br = False
        if not self.pieces:
            return
        text = _WS_RE.sub(" ", "".join(self.pieces)).strip()
        self.pieces = []
        if text:
            owner = self.owner
            depth = self.owner_depth
            tags = self.path_tags[:depth]
            tokens = self.path_tokens[depth - 1 :: -1] if depth else []
            gold = None
            if self.with_gold:
                gold = max(self.piece_labels.items(), key=lambda kv: kv[1])[0]
                if gold is None:
                    raise LabeledDataError(f"text at {self.tree.getpath(owner)} has no data-label: {text[:60]!r}")
            self.block_steps.append(tuple(self.path_steps[:depth]))
            self.blocks.append(
                Block(
                    text=text,
                    tag=tags[-1] if tags else "",
                    xpath=None,
                    tags=tuple(tags),
                    tokens=tuple(tokens),
                    link_chars=min(self.link_chars, len(text)),
                    gold=gold,
                )
            )
        self.link_chars = 0
        self.piece_labels = {}

    def run(self, root: etree._Element) -> list[Block]:
        """The blocks of the tree under root, in document order."""
        self.root = root
        for event, el in etree.iterwalk(root, events=("start", "end")):
            if event == "start":
                if self.skip_el is None and not self.enter(el):
                    self.skip_el = el
            elif self.skip_el is None:
                self.leave(el)
            elif el is self.skip_el:
                self.skip_el = None
                self.add_tail(el)
        self.flush()
        self.write_xpaths()
        return self.blocks

    def enter(self, el: etree._Element) -> bool:
        """Open an element: False when it is not walked (a comment, a skipped tag, a hidden element);
        else its path, label and link state are pushed, and a block-level element starts a block."""
        raw_tag = el.tag
        if not isinstance(raw_tag, str):  # comments and processing instructions
            return False
        tag = raw_tag.lower()
        attrs = dict(el.items())  # attributes read once per element: this runs for every element
        counts = self.child_counts[-1]  # same-tag siblings so far, for the xpath step
        n_same = counts[tag] = counts.get(tag, 0) + 1
        if tag in SKIP_TAGS or _is_hidden(attrs):
            return False
        self.path_steps.append((tag, n_same, counts))
        self.child_counts.append({})
        self.path_tags.append(tag)
        raw = (attrs.get("class") or "") + " " + (attrs.get("id") or "") if attrs else " "
        tokens = self.token_cache.get(raw)
        if tokens is None:
            tokens = self.token_cache[raw] = _attr_tokens(raw)
        self.path_tokens.append(tokens)
        if self.with_gold:
            self.labels.append(self.gold_label(el, attrs))
        if tag in BLOCK_TAGS:
            self.flush()
            self.owner = el
            self.owner_depth = len(self.path_tags)
            self.owners.append((el, self.owner_depth))
        elif tag == "a":
            self.link_depth += 1
        text = el.text
        if text:
            self.add(text, self.link_depth > 0, self.labels[-1])
        return True

    def gold_label(self, el: etree._Element, attrs: dict[str, str]) -> str | None:
        """The data-label an element carries, else its parent's."""
        own = attrs.get("data-label")
        if own is not None and own not in LABELS:
            raise LabeledDataError(f"unknown data-label {own!r} at {self.tree.getpath(el)}")
        return own or self.labels[-1]

    def leave(self, el: etree._Element) -> None:
        """Close a walked element: a block-level element ends its block, two <br>s end a paragraph."""
        tag = self.path_tags[-1]  # popped last: flush reads the open path
        if tag in BLOCK_TAGS:
            self.flush()
            self.owners.pop()
            self.owner, self.owner_depth = self.owners[-1]
        elif tag == "a":
            self.link_depth -= 1
        elif tag == "br":
            self.pieces.append("\n")
            if self.pending_br:
                self.flush()
            else:
                self.pending_br = True
        if self.with_gold:
            self.labels.pop()
        self.path_tags.pop()
        self.path_tokens.pop()
        self.path_steps.pop()
        self.child_counts.pop()
        self.add_tail(el)

    def add_tail(self, el: etree._Element) -> None:
        """The text after an element belongs to the element around it."""
        tail = el.tail
        if tail and el is not self.root:
            self.add(tail, self.link_depth > 0, self.labels[-1])

    def write_xpaths(self) -> None:
        """Each block's xpath, written once every sibling count is final."""
        write_xpaths(self.blocks, self.block_steps)


def write_xpaths(blocks: list[Block], block_steps: list[tuple]) -> None:
    """Each block's xpath from its open path steps (tag, index among same-tag siblings, sibling counts).
    A step is one object per element, shared by every block inside it, so each element's xpath is written
    once (keyed by the step's identity, alive while block_steps holds it) and extended by its children."""
    written: dict[int, str] = {}
    for block, steps in zip(blocks, block_steps):
        known = len(steps)  # the deepest step whose element's xpath is written
        while known and id(steps[known - 1]) not in written:
            known -= 1
        path = written[id(steps[known - 1])] if known else ""
        for step in steps[known:]:
            t, i, counts = step
            path += f"/{t}" if counts[t] == 1 else f"/{t}[{i}]"
            written[id(step)] = path
        block.xpath = path or "/"


def html_blocks(root: etree._Element, *, with_gold: bool = False) -> list[Block]:
    """Blocks of a parsed page in document order; with_gold reads each block's `data-label`.
    `_Segmenter` is the reference; without gold labels the compiled walk, when it runs, gives the same."""
    core = None if with_gold else accel.segmenter()
    if core is None:
        return _Segmenter(root, with_gold).run(root)
    # xpaths written as `write_xpaths` writes them, class tokens as `_attr_tokens` makes them: the same strings
    return core.walk(root, Block, core.attr_tokens, BLOCK_TAGS, SKIP_TAGS, _HIDDEN_STYLE_RE.search)


def text_blocks(text: str) -> list[Block]:
    """Blocks of a plain-text page: one per blank-line-separated paragraph."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for chunk in _BLANK_LINES_RE.split(text):
        norm = _WS_RE.sub(" ", chunk).strip()
        if norm:
            out.append(Block(text=norm))
    return out


def segment(
    page: PageInput,
    *,
    kind: Kind = "auto",
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    with_gold: bool = False,
    metadata: bool = True,
) -> Page:
    """The page's blocks in document order, and its kind. kind: "html", "text" or "auto" (decide by looking).
    metadata: read what an HTML page declares about itself into the page's `meta` (else left empty: a
    caller that keeps only blocks saves a walk over the tree)."""
    text, utf8 = read_page(page, encoding=encoding, max_bytes=max_bytes)
    if kind == "text" or (kind == "auto" and not is_html(text)):
        return Page(text_blocks(text), "text")
    root = parse_html(text, utf8=utf8)
    return Page(html_blocks(root, with_gold=with_gold), "html", page_metadata(root) if metadata else {})
