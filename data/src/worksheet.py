"""Label real corpus pages in a text editor: worksheets out, sidecar label files in.

    python data/src/worksheet.py export wcxb-dev/0042 trafilatura-eval/foo -o /tmp/sheets
    (edit /tmp/sheets/wcxb-dev__0042.rules: one rule a line, see below)
    python data/src/worksheet.py import /tmp/sheets/wcxb-dev__0042.rules -o data/labels

`export` writes, per page, a worksheet `<corpus>__<id>.tsv` (never copied into the repo: it holds the page's
text) with one row per block: index, the shipped model's label and P(story), the corpus gold (S: the block's
text is in the corpus's gold main text, - not, blank: no gold), tag, xpath and the text; and a rules file
`<corpus>__<id>.rules` that starts as "model" (take the model's labels). With `--carry data/labels`, a page
labeled there before (say, after a segmenter change gave it new blocks) starts from its earlier labels
instead: blocks whose text is unchanged keep them, and a comment line lists the new blocks to label.
With `--audit` (and `--carry`), the worksheet shows each block's earlier label where the model's label and
P(story) would be (columns i, label, gold, tag, xpath, text): a check of labeled pages against the
conventions that does not show what any model predicts. With `--blind`, the worksheet shows no model at all
(columns i, gold, tag, xpath, text) and the rules start from "gold": for held-out pages, whose labels must
not lean towards the model that they will score.

Rules, applied in order, each overriding what came before:

    model                      every block takes the model's label
    gold                       S blocks story, the others nav (a start for pages the model gets wrong)
    all nav                    every block nav
    12 comment                 block 12
    12-40 comment              blocks 12 to 40 (inclusive)
    /html/body/div[3] comment  every block whose xpath is this element or inside it (a container)
    # ...                      a comment line

`import` applies the rules, writes the sidecar into `<labels>/<split>/<corpus>/<id>.labels.json` (the split,
train or held-out, from `<labels>/pages.tsv`) (xpath, label, text hash per block: no text) and prints how the
final story labels compare with the corpus gold (agree, story not in gold, gold not story), which it also
records in the sidecar under "gold_check".
"""

from __future__ import annotations

import argparse
import difflib
import functools
import json
import re
import sys
from pathlib import Path

from storysift import Extractor
from storysift.blocks import LABELS, UNKNOWN
from storysift.gold.align import align, snippet_labels
from storysift.gold.corpora import CorpusPage, corpus_page, read_records
from storysift.gold.sidecar import page_ref, sidecar_of, text_hash
from storysift.segment import segment

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
_RANGE_RE = re.compile(r"^(\d+)(?:-(\d+))?\s+(\w+)$")
_XPATH_RE = re.compile(r"^(/\S*)\s+(\w+)$")


@functools.lru_cache(maxsize=8)
def _records(corpus: Path) -> dict[str, dict]:
    return read_records(corpus)  # read once per corpus: a run looks up hundreds of its pages


def load_page(corpora: Path, ref: str) -> CorpusPage:
    """A corpus page named corpus/id."""
    corpus, page_id = ref.split("/", 1)
    return corpus_page(corpora / corpus, page_id, _records(corpora / corpus))


def gold_marks(page: CorpusPage, blocks) -> list[str]:
    """Per block: S when the corpus gold counts it as main text, C a comment snippet, - not main text,
    blank where the gold says nothing (no gold, or a block no snippet touches)."""
    rec = page.record
    if rec.get("text"):
        labels = align(blocks, rec["text"], without=rec.get("without") or ()).labels
    elif rec.get("with"):
        labels = snippet_labels(blocks, rec["with"], rec.get("without") or (), rec.get("comments_with") or ())
    else:
        return [""] * len(blocks)
    marks = {"story": "S", "comment": "C", UNKNOWN: ""}  # snippet gold leaves most blocks unknown
    return [marks.get(lab, "-") for lab in labels]


def stem(page: CorpusPage) -> str:
    return f"{page.corpus}__{page.page_id}"


def carried_labels(old_blocks: list[dict], texts: list[str]) -> dict[int, str]:
    """An earlier sidecar's labels on a re-segmented page, by block index: blocks whose text is unchanged
    (matched in order by text hash) keep their label; the others are missing."""
    matcher = difflib.SequenceMatcher(
        None, [b["text"] for b in old_blocks], [text_hash(t) for t in texts], autojunk=False
    )
    return {j + k: old_blocks[i + k]["label"] for i, j, n in matcher.get_matching_blocks() for k in range(n)}


def carried_rules(carried: dict[int, str], n_blocks: int) -> list[str]:
    """Rule lines that keep the carried labels (`carried_labels`), after a comment line that lists the new
    blocks to label."""
    spans: list[list[int]] = []
    for i in (i for i in range(n_blocks) if i not in carried):
        if spans and spans[-1][1] == i - 1:
            spans[-1][1] = i
        else:
            spans.append([i, i])
    listed = ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in spans) or "none"
    head = f"# {len(carried)} of {n_blocks} blocks carried from the earlier sidecar; new blocks to label: {listed}"
    return [head] + [f"{i} {label}" for i, label in sorted(carried.items())]


def export(
    refs: list[str], out: Path, corpora: Path, carry: Path | None = None, audit: bool = False, blind: bool = False
) -> None:
    """Write a worksheet and a starting rules file per page; with carry (a labels folder), a page labeled there
    before starts from its earlier labels (`carried_labels`) instead of the model's alone. With audit, the
    worksheet shows those earlier labels instead of the model's (a page not labeled before is refused). With
    blind, it shows no model's labels, and the rules start from the corpus gold."""
    if audit and carry is None:
        raise SystemExit("--audit needs --carry: the labels folder whose labels are checked")
    if blind and (audit or carry is not None):
        raise SystemExit("--blind starts every page from the corpus gold: not with --carry or --audit")
    out.mkdir(parents=True, exist_ok=True)
    extractor = None if blind else Extractor.load()
    for ref in refs:
        page = load_page(corpora, ref)
        seg = segment(page.html, kind="html")
        if extractor is not None:
            extractor.label_page(seg)
        marks = gold_marks(page, seg.blocks)
        earlier = next(carry.glob(f"*/{page.corpus}/{page.page_id}.labels.json"), None) if carry else None
        if audit and earlier is None:
            raise SystemExit(f"{ref}: no earlier labels in {carry} to audit")
        carried = (
            carried_labels(json.loads(earlier.read_text(encoding="utf-8"))["blocks"], [b.text for b in seg.blocks])
            if earlier is not None
            else None
        )
        texts = [b.text if len(b.text) <= 300 else b.text[:240] + " [...] " + b.text[-50:] for b in seg.blocks]
        if blind:
            rows = ["i\tgold\ttag\txpath\ttext"]
            for i, (b, mark, text) in enumerate(zip(seg.blocks, marks, texts)):
                rows.append(f"{i}\t{mark}\t{b.tag}\t{b.xpath}\t{text}")
        elif audit:
            rows = ["i\tlabel\tgold\ttag\txpath\ttext"]
            for i, (b, mark, text) in enumerate(zip(seg.blocks, marks, texts)):
                rows.append(f"{i}\t{carried.get(i, '?')}\t{mark}\t{b.tag}\t{b.xpath}\t{text}")
        else:
            rows = ["i\tmodel\tp_story\tgold\ttag\txpath\ttext"]
            for i, (b, mark, text) in enumerate(zip(seg.blocks, marks, texts)):
                rows.append(f"{i}\t{b.label}\t{b.proba['story']:.2f}\t{mark}\t{b.tag}\t{b.xpath}\t{text}")
        (out / f"{stem(page)}.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        rules = out / f"{stem(page)}.rules"
        if not rules.exists():
            lines = [f"# {ref} {page.record.get('url') or ''}", "gold" if blind else "model"]
            if carried is not None:
                lines += carried_rules(carried, len(seg.blocks))
            rules.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{ref}: {len(seg.blocks)} blocks -> {out / stem(page)}.tsv", file=sys.stderr)


def apply_rules(lines: list[str], blocks, model_labels: list[str], marks: list[str]) -> list[str]:
    """The labels the rules give, starting from nothing (every block must end up labeled)."""
    labels: list[str | None] = [None] * len(blocks)
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line == "model":
            labels = list(model_labels)
        elif line == "gold":
            labels = ["story" if m == "S" else ("comment" if m == "C" else "nav") for m in marks]
        elif line.startswith("all "):
            labels = [_label(line[4:].strip(), n)] * len(blocks)
        elif m := _RANGE_RE.match(line):
            lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
            if hi >= len(blocks) or lo > hi:
                raise SystemExit(f"rule line {n}: {line!r}: the page has blocks 0-{len(blocks) - 1}")
            for i in range(lo, hi + 1):
                labels[i] = _label(m.group(3), n)
        elif m := _XPATH_RE.match(line):
            prefix, label = m.group(1), _label(m.group(2), n)
            hits = [i for i, b in enumerate(blocks) if b.xpath == prefix or b.xpath.startswith(prefix + "/")]
            if not hits:
                raise SystemExit(f"rule line {n}: {line!r}: no block at or inside {prefix}")
            for i in hits:
                labels[i] = label
        else:
            raise SystemExit(f"rule line {n}: cannot read {line!r}")
    missing = [i for i, lab in enumerate(labels) if lab is None]
    if missing:
        raise SystemExit(f"blocks without a label: {missing[:20]}")
    return labels  # type: ignore[return-value]


def _label(word: str, n: int) -> str:
    if word not in LABELS:
        raise SystemExit(f"rule line {n}: {word!r} is not one of {', '.join(LABELS)}")
    return word


def split_of_page(labels_root: Path, ref: str) -> str:
    """The page's split (train or held-out) from labels_root/pages.tsv (data/src/select_pages.py)."""
    table = labels_root / "pages.tsv"
    for line in table.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if cols[0] == ref:
            return cols[3]
    raise SystemExit(f"{ref} is not listed in {table}: add it with data/src/select_pages.py")


def import_rules(rules: Path, out: Path, corpora: Path, labeled_by: str, extractor: Extractor) -> dict:
    """Apply a rules file and write the page's sidecar; returns the gold check."""
    first = rules.read_text(encoding="utf-8").splitlines()
    ref = first[0].lstrip("# ").split()[0]
    page = load_page(corpora, ref)
    seg = segment(page.html, kind="html")
    extractor.label_page(seg)
    model_labels = [b.label for b in seg.blocks]
    marks = gold_marks(page, seg.blocks)
    labels = apply_rules(first[1:], seg.blocks, model_labels, marks)
    check = {"agree": 0, "story_not_in_gold": 0, "gold_not_story": 0, "changed_from_model": 0}
    for lab, mark, mod in zip(labels, marks, model_labels):
        check["changed_from_model"] += lab != mod
        if not mark:
            continue
        if (lab == "story") == (mark == "S"):
            check["agree"] += 1
        elif lab == "story":
            check["story_not_in_gold"] += 1
        else:
            check["gold_not_story"] += 1
    counts = {lab: labels.count(lab) for lab in LABELS}
    sidecar = sidecar_of(
        page_ref(page), seg, labels, labeled_by=labeled_by, extra={"gold_check": check, "label_counts": counts}
    )
    path = out / split_of_page(out, ref) / page.corpus / f"{page.page_id}.labels.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(sidecar.to_json(), encoding="utf-8")
    print(f"{ref}: {counts} gold check {check} -> {path}", file=sys.stderr)
    return check


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_exp = sub.add_parser("export", help="worksheets and starting rules for corpus pages (corpus/id)")
    p_exp.add_argument("pages", nargs="+")
    p_exp.add_argument("-o", "--out", type=Path, required=True)
    p_exp.add_argument(
        "--carry", type=Path, help="labels folder (data/labels): start a page labeled there before from its labels"
    )
    p_exp.add_argument(
        "--audit", action="store_true", help="show the carried labels in the worksheet, not the model's (with --carry)"
    )
    p_exp.add_argument(
        "--blind", action="store_true", help="show no model's labels; rules start from the gold (held-out pages)"
    )
    p_imp = sub.add_parser("import", help="apply rules files and write sidecars")
    p_imp.add_argument("rules", nargs="+", type=Path)
    p_imp.add_argument("-o", "--out", type=Path, required=True, help="labels folder holding pages.tsv (data/labels)")
    p_imp.add_argument("--by", default="worksheet", help="who labeled (recorded in the sidecar)")
    for p in (p_exp, p_imp):
        p.add_argument("--corpora", type=Path, default=CORPORA)
    args = parser.parse_args()
    if args.command == "export":
        export(args.pages, args.out, args.corpora, args.carry, args.audit, args.blind)
    else:
        extractor = Extractor.load()
        for rules in args.rules:
            import_rules(rules, args.out, args.corpora, args.by, extractor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
