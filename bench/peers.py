"""Extractors under benchmark: storysift and its peers, each a function html bytes -> main text.

Peers are optional (`pip install ".[bench]"`); a peer that is not installed is reported and skipped.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from storysift.charset import decode

Extract = Callable[[bytes], str]


def _html_text(html: str) -> str:
    import lxml.html

    if not html or not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    return "\n".join(t.strip() for t in root.itertext() if t.strip())


def storysift_extractor(model: str | None = None, threshold: float = 0.5) -> Extract:
    from storysift import Extractor

    ex = Extractor.load(model, threshold=threshold, kind="html")
    return ex.clean


def trafilatura_extractor(favor_precision: bool = False) -> Extract:
    import trafilatura

    def run(html: bytes) -> str:
        return trafilatura.extract(html, favor_precision=favor_precision) or ""

    return run


def readability_extractor() -> Extract:
    from readability import Document

    def run(html: bytes) -> str:
        text = decode(html)
        if not text.strip():
            return ""
        return _html_text(Document(text).summary(html_partial=True))

    return run


def justext_extractor() -> Extract:
    import justext

    stoplist = justext.get_stoplist("English")

    def run(html: bytes) -> str:
        if not html.strip():
            return ""
        paragraphs = justext.justext(html, stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def resiliparse_extractor() -> Extract:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    def run(html: bytes) -> str:
        return extract_plain_text(HTMLTree.parse(decode(html)), main_content=True)

    return run


PEERS: dict[str, tuple[str, Callable[[], Extract]]] = {
    "trafilatura": ("trafilatura", lambda: trafilatura_extractor(False)),
    "trafilatura_precision": ("trafilatura", lambda: trafilatura_extractor(True)),
    "readability": ("readability", readability_extractor),
    "justext": ("justext", justext_extractor),
    "resiliparse": ("resiliparse", resiliparse_extractor),
}


def available_peers(names: list[str]) -> dict[str, Extract]:
    """The named peers that are installed, built once each."""
    out = {}
    for name in names:
        module, make = PEERS[name]
        if importlib.util.find_spec(module) is None:
            print(f"# {name}: not installed (pip install '.[bench]'), skipped")
            continue
        out[name] = make()
    return out
