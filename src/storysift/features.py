"""Numeric features of blocks: each block's own text and markup, its neighbours, its container, its page.

`FEATURE_VERSION` changes whenever the meaning of a column changes; a model records the version it was
trained with and refuses to run with another.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

import numpy as np

from .blocks import Block

FEATURE_VERSION = 1

TAGS = ("p h1 h2 h3 h4 h5 h6 li td th div pre blockquote dd dt figcaption caption option button label "
        "textarea form section article header footer nav aside body table tr ul ol address select legend "
        "summary center main figure").split()
ANCESTOR_TAGS = "article main header footer nav aside form ul ol table blockquote figure li button select label dl".split()
KEYWORDS = ("comment reply respond discuss disqus review rating nav menu breadcrumb crumb footer header sidebar "
            "widget share social follow related recommend popular trending more tag categor pagination pager "
            "copyright legal cookie consent privacy disclaimer credit banner promo ad ads advert sponsor "
            "newsletter subscribe signup login author byline meta date time caption article content post entry "
            "story body text main hentry single detail").split()

_WORD_RE = re.compile(r"\w+")
_PUNCT_RE = re.compile(r"[.,;:!?]")
_SENT_END_RE = re.compile(r"[.!?。！？](?:\s|$)")
_DIGIT_RE = re.compile(r"\d")
_UPPER_RE = re.compile(r"[A-ZÀ-Ý]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SEP_RE = re.compile(r"[|·•»«›‹/]")
_CUES = {
    "copyright": re.compile(r"©|\(c\)|copyright|all rights reserved|alle rechte|tous droits|derechos reservados|版权|著作権", re.I),
    "legal": re.compile(r"cookie|privacy|terms of (?:use|service)|datenschutz|impressum|disclaimer|affiliate|"
                        r"consent|gdpr|powered by|mentions légales|política de privacidad|do not sell", re.I),
    "credit": re.compile(r"\b(?:photo|image|picture|foto|credit|getty|reuters|associated press|afp|dpa)\b|contributed to this", re.I),
    "comment": re.compile(r"\b(?:reply|replies|comment|comments|commented|said|wrote|posted|likes?|"
                          r"antworten|kommentar\w*|répondre|commentaire\w*|responder|comentario\w*)\b|"
                          r"required fields|will not be published|返信|コメント|评论|回复", re.I),
    "nav": re.compile(r"\b(?:home|menu|share|tweet|subscribe|newsletter|follow|read more|see also|related|next|"
                      r"previous|prev|login|log in|sign in|sign up|register|search|skip to|back to top|"
                      r"startseite|anmelden|suche|accueil|inicio|buscar)\b|»|›", re.I),
    "date": re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
                       r"\b\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago\b|\b\d{1,2}:\d{2}\b", re.I),
    "spam": re.compile(r"https?://|www\.|\b(?:cheap|casino|viagra|loans?|crypto|click here|check out my|"
                       r"visit my|buy now|discount|earn \$?\d+|free money)\b", re.I),
}
N_OWN = 20 + len(_CUES)


def _text_stats(text: str, link_chars: int) -> list[float]:
    n = len(text)
    words = _WORD_RE.findall(text)
    nw = len(words)
    letters = len(_LETTER_RE.findall(text))
    cjk = len(_CJK_RE.findall(text))
    # CJK text has no spaces: count each CJK character as a third of a word.
    eff_words = nw + cjk / 3.0
    sent = len(_SENT_END_RE.findall(text + " "))
    stats = [
        np.log1p(n),
        np.log1p(eff_words),
        link_chars / n,
        len(_PUNCT_RE.findall(text)) / n,
        len(_DIGIT_RE.findall(text)) / n,
        len(_UPPER_RE.findall(text)) / max(letters, 1),
        float(text[-1] in ".!?。！？\"'”»:"),
        float(text[0].isupper()),
        (sum(map(len, words)) / nw) if nw else 0.0,
        sent / max(eff_words, 1.0),
        cjk / n,
        len(_SEP_RE.findall(text)) / max(eff_words, 1.0),
        float(n < 20),
        float(n > 200),
        float(text.endswith("...") or text.endswith("…")),
        float(text[:1] in "\"“„«'"),
        float(eff_words <= 3),
        float(text.istitle()),
        float("@" in text),
        float(text.count(",") >= 2),
    ]
    stats.extend(float(rx.search(text) is not None) for rx in _CUES.values())
    return stats


def own_features(blocks: Sequence[Block]) -> np.ndarray:
    """Features of each block on its own: text statistics, tag, ancestors, class/id keywords."""
    n = len(blocks)
    tag_index = {t: i for i, t in enumerate(TAGS)}
    anc_index = {t: i for i, t in enumerate(ANCESTOR_TAGS)}
    out_text = np.zeros((n, N_OWN), dtype=np.float32)
    out_tag = np.zeros((n, len(TAGS) + 1), dtype=np.float32)
    out_anc = np.zeros((n, len(ANCESTOR_TAGS) + 1), dtype=np.float32)
    out_kw = np.zeros((n, 2 * len(KEYWORDS)), dtype=np.float32)
    kw_count = len(KEYWORDS)
    for i, b in enumerate(blocks):
        out_text[i] = _text_stats(b.text, b.link_chars)
        out_tag[i, tag_index.get(b.tag, len(TAGS))] = 1.0
        for t in b.tags[:-1]:
            j = anc_index.get(t)
            if j is not None:
                out_anc[i, j] = 1.0
        out_anc[i, -1] = len(b.tags)
        near = " ".join(b.tokens[:3])
        far = " ".join(b.tokens[3:])
        if near.strip() or far.strip():
            for k, kw in enumerate(KEYWORDS):
                if kw in near:
                    out_kw[i, k] = 1.0
                if kw in far:
                    out_kw[i, kw_count + k] = 1.0
    return np.hstack([out_text, out_tag, out_anc, out_kw])


def _parent(xpath: str | None, levels: int) -> str:
    if not xpath:
        return ""
    for _ in range(levels):
        cut = xpath.rfind("/")
        if cut <= 0:
            return ""
        xpath = xpath[:cut]
    return xpath


def group_ids(blocks: Sequence[Block], levels: int) -> np.ndarray:
    """Id of each block's ancestor container `levels` steps above its own element (same id = same container)."""
    seen: dict[str, int] = {}
    return np.fromiter((seen.setdefault(_parent(b.xpath, levels), len(seen)) for b in blocks),
                       dtype=np.int64, count=len(blocks))


def window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of each row's values over the rows within `radius` of it (clipped at the page's ends)."""
    n = values.shape[0]
    csum = np.vstack([np.zeros((1, values.shape[1])), np.cumsum(values, axis=0)])
    idx = np.arange(n)
    lo = np.clip(idx - radius, 0, n)
    hi = np.clip(idx + radius + 1, 0, n)
    return (csum[hi] - csum[lo]) / (hi - lo)[:, None]


def shifted(values: np.ndarray, offset: int) -> np.ndarray:
    """values moved by offset rows (row i gets row i+offset), zero beyond the page's ends."""
    out = np.zeros_like(values)
    n = values.shape[0]
    if offset > 0:
        out[: n - offset] = values[offset:]
    elif offset < 0:
        out[-offset:] = values[: n + offset]
    else:
        out[:] = values
    return out


def group_mean(values: np.ndarray, groups: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted mean of values over each row's group, given back per row."""
    k = int(groups.max()) + 1 if len(groups) else 0
    wsum = np.bincount(groups, weights=weights, minlength=k)
    out = np.empty_like(values, dtype=np.float64)
    for j in range(values.shape[1]):
        out[:, j] = np.bincount(groups, weights=values[:, j] * weights, minlength=k)[groups]
    return out / np.maximum(wsum[groups], 1e-9)[:, None]


def context_features(values: np.ndarray, blocks: Sequence[Block], chars: np.ndarray) -> np.ndarray:
    """Neighbour, window and container aggregates of per-block values (one page)."""
    parts = [values]
    for off in (-2, -1, 1, 2):
        parts.append(shifted(values, off))
    for radius in (3, 10):
        parts.append(window_mean(values, radius))
    weights = np.log1p(chars)
    for levels in (1, 2, 3):
        parts.append(group_mean(values, group_ids(blocks, levels), weights))
    return np.hstack(parts)


def page_features(blocks: Sequence[Block]) -> np.ndarray:
    """Dense features of one page's blocks: own features plus context and whole-page position."""
    n = len(blocks)
    if n == 0:
        return np.zeros((0, dense_width()), dtype=np.float32)
    own = own_features(blocks)
    chars = np.fromiter((len(b.text) for b in blocks), dtype=np.float64, count=n)
    links = np.fromiter((b.link_chars for b in blocks), dtype=np.float64, count=n)
    total = chars.sum()
    before = np.cumsum(chars) - chars
    counts = Counter(b.text for b in blocks)
    repeated = np.fromiter((counts[b.text] > 1 for b in blocks), dtype=np.float64, count=n)
    base = np.column_stack([own[:, :3], own[:, 6], own[:, N_OWN:N_OWN + 1]])  # log chars, log words, link, ends-punct, is-p
    ctx = context_features(base, blocks, chars)
    shares = []
    for levels in (1, 2, 3, 4):
        g = group_ids(blocks, levels)
        k = int(g.max()) + 1
        gchars = np.bincount(g, weights=chars, minlength=k)
        glinks = np.bincount(g, weights=links, minlength=k)
        gcount = np.bincount(g, minlength=k)
        shares.append(np.column_stack([gchars[g] / total, glinks[g] / np.maximum(gchars[g], 1), np.log1p(gcount[g])]))
    position = np.column_stack([
        np.arange(n) / n, before / total, (total - before - chars) / total,
        np.full(n, np.log1p(n)), np.full(n, np.log1p(total)), repeated,
        chars / chars.max(), np.full(n, float(blocks[0].xpath is None)),
    ])
    return np.hstack([own, ctx, *shares, position]).astype(np.float32)


def dense_width() -> int:
    """Number of columns page_features returns."""
    own = N_OWN + len(TAGS) + 1 + len(ANCESTOR_TAGS) + 1 + 2 * len(KEYWORDS)
    return own + 5 * (1 + 4 + 2 + 3) + 4 * 3 + 8


def block_tokens(blocks: Sequence[Block], max_words: int = 48) -> list[list[str]]:
    """String features for hashing: words of the block, class/id tokens by distance, tag path."""
    out = []
    for b in blocks:
        words = _WORD_RE.findall(b.text.lower())
        feats = ["w:" + w for w in words[:max_words]]
        feats.extend("w2:" + a + "_" + c for a, c in zip(words[:12], words[1:13]))
        for depth, toks in enumerate(b.tokens[:4]):
            feats.extend(f"c{depth}:{t}" for t in toks.split())
        feats.extend("c:" + t for toks in b.tokens[4:] for t in toks.split())
        tags = b.tags
        feats.append("t:" + b.tag)
        feats.append("t2:" + "/".join(tags[-2:]))
        feats.append("t3:" + "/".join(tags[-3:]))
        if not words:
            feats.append("empty")
        out.append(feats)
    return out
