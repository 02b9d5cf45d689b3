"""Site adaptation: teach a fitted model one site's layout from a handful of its labeled pages, in seconds.

A site is a template: the same containers hold the story, the menus, the legal lines and the comments
on every page, and the same boilerplate lines recur in them. `SiteAdapter` remembers, for each place in
the site's template (a block's tag path with the class and id words of its containers, digits blurred),
the labels the user gave the blocks there, and the same for each recurring text (`text_key`: case
and digits blurred), since one place often mixes labels (a footer's link list holds "Sitemap",
nav, and "Privacy Policy", disclaimer) and a line moves between places ("AdChoices" in two footers).
Where a place mixes labels because one template fills it in two sections (an old blog's `p.story` holds
the article's paragraphs and, after a "Comments" heading, the readers' comments), the label of the
nearest block before it in another place tells the section: the adapter also remembers each place's
labels by that preceding label (`sequence_memory_`), and on a new page reads it from the labels it has
just given. Where one place holds rows of different labels that only their position tells apart (an old
site's classless tables: the date and byline rows, then the category row, then the sidebar's), the
element itself (its xpath) after that preceding label is remembered too (`element_memory_`), looked up
before the place after its label, and only on pages that share at least half of their elements with the
training pages. Where a place holds fixed-form lines of different labels (an old blog's `p.posted` holds
the byline "By ..." above the article and "Tags: ..." below it), the place with the block's first word
(`lead_key`) is remembered too (`lead_memory_`), looked up after the element and the place after its
label and before the place alone. On a page it recognises as the site's (at least half of the page's
places seen in the training pages, and, when pages declare a canonical URL, the same host: other sites
are left as they are), a block whose text, element or place after its preceding label, place and first
word, or place was remembered with labels that agree (one label holds `purity` of them; looked up in
that order, the more specific first) gets its probabilities moved toward that label, the more the more
often it was seen; everything else keeps the base model's probabilities. `AdaptedClassifier` is the base
model with its adapters: an ordinary model object, saved and loaded like any model file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

import numpy as np
from sklearn.base import BaseEstimator

from .blocks import LABELS, OTHER, Block, Page
from .features import page_slices

_DIGITS = re.compile(r"\d+")
# How far up a block's place looks: its own element and its nearest containers. Outer containers carry
# page-specific words (a body class naming the section or the URL) that would make every page a new site.
PLACE_LEVELS = 4


def place(block: Block) -> str | None:
    """Where a block sits in its page's template: the tags and class/id words of its element and nearest
    containers (digits blurred, so that comment-17 and comment-18 are one place; a URL in a class or id, the
    page's own address, gives no words: `segment._attr_tokens`); None for plain text."""
    if not block.tags:
        return None
    tokens = "|".join(_DIGITS.sub("0", t) for t in block.tokens[:PLACE_LEVELS])
    return "/".join(block.tags[-PLACE_LEVELS - 2 :]) + "#" + tokens


def text_key(block: Block) -> str:
    """A block's text as the site's recurring lines are matched: case folded, digits blurred ("© 2008 ..."
    and "© 2009 ..." are one line; the segmenter has already squeezed the spaces)."""
    return _DIGITS.sub("0", block.text.casefold())


def lead_key(where: str, block: Block) -> str:
    """A block's place with its first word (case folded, digits blurred): "Tags: games" and "Posted by ..."
    share a place on an old blog's pages, but not a lead word."""
    words = block.text.split(None, 1)
    return f"{where}|{_DIGITS.sub('0', words[0].casefold()) if words else ''}"


def host(page: Page) -> str | None:
    """The host a page declares itself at (its canonical URL), without www.; None when it declares none."""
    url = page.meta.get("canonical_url") or ""
    if "//" not in url:
        return None
    name = url.split("//", 1)[1].split("/", 1)[0].lower()
    return name.removeprefix("www.") or None


class SiteAdapter(BaseEstimator):
    """Labels remembered by template place for one site's pages (see the module's text).

    Args:
        min_overlap: share of a page's places seen in the training pages for the page to count as the site's
        purity: share of one label among a place's labels for the place to be used
        prior: pseudo-count of the base model at a place: weight of the remembered label = n / (n + prior)
    """

    def __init__(self, min_overlap: float = 0.5, purity: float = 0.8, prior: float = 0.5) -> None:
        self.min_overlap = min_overlap
        self.purity = purity
        self.prior = prior

    def fit(self, X: Sequence[Page], y: Sequence[Sequence[str]]) -> SiteAdapter:
        """Remember the labels of the blocks of labeled pages X (y: one label list per page: the four labels,
        or "other" for a block known not to be story, as corpus pages are labeled; others are ignored)."""
        counts: dict[str, Counter] = {}
        text_counts: dict[str, Counter] = {}
        sequence_counts: dict[str, Counter] = {}
        element_counts: dict[str, Counter] = {}
        lead_counts: dict[str, Counter] = {}
        places: set[str] = set()
        for page, labels in zip(X, y, strict=True):
            if len(labels) != len(page.blocks):
                raise ValueError(f"{len(labels)} labels for a page of {len(page.blocks)} blocks")
            where_of = [place(b) for b in page.blocks]
            for block, label, where, before in zip(page.blocks, labels, where_of, _labels_before(where_of, labels)):
                if where is None:
                    continue
                places.add(where)
                if label in LABELS or label == OTHER:
                    counts.setdefault(where, Counter())[label] += 1
                    text_counts.setdefault(text_key(block), Counter())[label] += 1
                    lead_counts.setdefault(lead_key(where, block), Counter())[label] += 1
                    if before is not None:
                        sequence_counts.setdefault(_sequence_key(where, before), Counter())[label] += 1
                        if block.xpath:
                            element_counts.setdefault(_sequence_key(block.xpath, before), Counter())[label] += 1
        self.places_ = frozenset(places)
        self.xpaths_ = frozenset(b.xpath for page in X for b in page.blocks if b.xpath)
        self.hosts_ = frozenset(h for h in (host(page) for page in X) if h)
        self.memory_ = self._pure(counts)
        self.text_memory_ = self._pure(text_counts)
        self.sequence_memory_ = self._pure(sequence_counts)
        self.element_memory_ = self._pure(element_counts)
        self.lead_memory_ = self._pure(lead_counts)
        return self

    def _pure(self, counts: dict[str, Counter]) -> dict[str, tuple[int, int, int]]:
        """Each key whose labels agree: (label column, -1 for "other"; times seen with it; times seen)."""
        return {
            key: (LABELS.index(label) if label in LABELS else -1, n, sum(c.values()))
            for key, c in counts.items()
            for label, n in [c.most_common(1)[0]]
            if n >= self.purity * sum(c.values())
        }

    def overlap(self, page: Page, places: list[str | None] | None = None) -> float:
        """The share of the page's blocks whose place was seen in the training pages (places: the blocks'
        places, when already computed)."""
        return _seen_share(places or [place(b) for b in page.blocks], self.places_)

    def element_overlap(self, page: Page) -> float:
        """The share of the page's blocks whose element (xpath) was seen in the training pages."""
        return _seen_share([b.xpath for b in page.blocks], self.xpaths_)

    def adjust(self, page: Page, proba: np.ndarray) -> np.ndarray:
        """The base model's probabilities of one page's blocks, moved toward the remembered labels when the
        page is the site's; a copy (proba itself is left as it is)."""
        out = np.array(proba, dtype=float, copy=True)
        texts = getattr(self, "text_memory_", {})  # adapters saved before text memory have none
        sequences = getattr(self, "sequence_memory_", {})  # nor before sequence memory
        elements = getattr(self, "element_memory_", {})  # nor before element memory
        leads = getattr(self, "lead_memory_", {})  # nor before lead memory
        if not self.memory_ and not texts:
            return out
        places = [place(b) for b in page.blocks]  # once per page: the site test and the lookups share them
        if self.overlap(page, places) < self.min_overlap:
            return out
        if self.hosts_ and host(page) and host(page) not in self.hosts_:
            return out  # another site built on the same template (a shared theme)
        if elements and self.element_overlap(page) < self.min_overlap:
            elements = {}  # the site's page, but its layout shifted: its xpaths would name other elements
        given: list[str] = []  # the label each block ends with, read as the blocks after it are adjusted
        for i, (block, where, before) in enumerate(zip(page.blocks, places, _labels_before(places, given))):
            if where is not None:
                hit = texts.get(text_key(block))
                if hit is None and before is not None and block.xpath:
                    hit = elements.get(_sequence_key(block.xpath, before))
                if hit is None and before is not None:
                    hit = sequences.get(_sequence_key(where, before))
                if hit is None:
                    hit = leads.get(lead_key(where, block))
                if hit is None:
                    hit = self.memory_.get(where)
                if hit is not None:
                    column, n, _ = hit
                    weight = n / (n + self.prior)
                    out[i] = (1 - weight) * out[i] + weight * _target(out[i], column)
            given.append(_label_of(out[i]))
        return out


def _seen_share(keys: Sequence[str | None], seen: frozenset[str]) -> float:
    """The share of the keys (blocks without one, None or empty, left out) that are in seen; 0 for none."""
    known = [k for k in keys if k]
    return sum(k in seen for k in known) / len(known) if known else 0.0


def _sequence_key(where: str, before: str) -> str:
    """The key of a place after a block of another place labeled `before`."""
    return f"{before}>{where}"


def _labels_before(places: Sequence[str | None], labels: Sequence[str]) -> Iterator[str | None]:
    """For each block, the label of the nearest block before it in another place (None for the first
    place's blocks and for plain text, which has no places). `labels` may grow while this is read: the
    label of block i is read only once block i + 1 is asked for."""
    before: str | None = None
    for i, where in enumerate(places):
        if i and where is not None and places[i - 1] is not None and places[i - 1] != where:
            before = labels[i - 1]
        yield before


def _label_of(row: np.ndarray) -> str:
    """The label a row of probabilities gives at the default threshold (story at P(story) >= 0.5)."""
    return LABELS[0] if row[0] >= 0.5 else LABELS[1 + int(np.argmax(row[1:]))]


def _target(row: np.ndarray, column: int) -> np.ndarray:
    """All probability on one label; for "other" (column -1), on the labels other than story, shared as
    the base model shares them."""
    target = np.zeros_like(row)
    if column >= 0:
        target[column] = 1.0
    elif row[1:].sum() > 0:
        target[1:] = row[1:] / row[1:].sum()
    else:
        target[1:] = 1.0 / (len(row) - 1)
    return target


class AdaptedClassifier(BaseEstimator):
    """A fitted base model with site adapters applied after it: predict_proba as the base model's."""

    def __init__(self, base, adapters: Sequence[SiteAdapter] = ()) -> None:
        self.base = base
        self.adapters = adapters

    @property
    def classes_(self) -> np.ndarray:
        return self.base.classes_

    def predict_proba(self, X: Sequence[Page]) -> np.ndarray:
        """One row per block of the pages, columns in `LABELS` order, adapted where a site is recognised."""
        pages = list(X)
        proba = self.base.predict_proba(pages)
        rows = []
        for page, rows_of_page in zip(pages, page_slices(pages)):
            part = proba[rows_of_page]
            for adapter in self.adapters:
                part = adapter.adjust(page, part)
            rows.append(part)
        return np.vstack(rows) if rows else proba

    def predict_story_proba(self, X: Sequence[Page]) -> np.ndarray:
        """P(story) of every block (the adapters move all four probabilities, so all are computed)."""
        return self.predict_proba(X)[:, 0]

    def predict(self, X: Sequence[Page], threshold: float = 0.5) -> np.ndarray:
        """The label of every block, as the base model's predict reads probabilities."""
        from .model import label_indices

        return np.asarray(LABELS)[label_indices(self.predict_proba(X), threshold)]
