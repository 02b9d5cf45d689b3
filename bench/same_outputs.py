"""Check that two versions of storysift give the same outputs: blocks, probabilities and clean text.

    python bench/same_outputs.py --before cf97110            # this tree against a git revision
    python bench/same_outputs.py --dump /tmp/now.jsonl       # outputs of the storysift on sys.path
    python bench/same_outputs.py --compare /tmp/a.jsonl /tmp/b.jsonl
    python bench/same_outputs.py --compiled --corpus dragnet --corpus wcxb-dev --per-corpus 100000
                                   # the compiled core against the pure-Python reference, every page

The pages: the first `--per-corpus` pages (id order) of every corpus in ../shared/corpora that has HTML
(read directly, so any revision's package can be checked),
each as HTML and every fifth also as plain text (its blocks' texts joined by blank lines), plus the seed
pages. For each: every block's text, tag, xpath, ancestor tags, class/id tokens and link characters, the
shipped model's full four-label probabilities (exact float64, as hex) and P(story) as `clean` computes it,
and the clean text. `--compiled` dumps this tree's outputs with the compiled core and with
STORYSIFT_PURE_PYTHON=1 (the reference) and compares them. `--before REV` checks REV out into a temporary
git worktree and dumps its outputs with
its own package on the path (its own shipped model included), then this tree's, and compares them.
Exit 0 when identical, 1 otherwise (the first differences are printed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BLOCK_FIELDS = ("text", "tag", "xpath", "tags", "tokens", "link_chars")


def _pages(per_corpus: int, only: list[str] | None = None):
    """(name, bytes or str, kind) of every page to check, in a fixed order (corpora `only`, when given)."""
    for corpus in sorted(p for p in (SHARED / "corpora").iterdir() if (p / "html").is_dir()):
        if only and corpus.name not in only:
            continue
        records = json.loads(gzip.decompress((corpus / "ground_truth.json.gz").read_bytes()))
        taken = 0
        for page_id in sorted(records):
            path = corpus / records[page_id]["html"]
            if taken >= per_corpus or not path.is_file():
                continue
            with gzip.open(path, "rb") as fh:
                yield f"{corpus.name}/{page_id}", fh.read(), "html"
            taken += 1
    for seed in sorted((SHARED / "seeds").glob("*")):
        if seed.is_file():
            yield f"seeds/{seed.name}", seed.read_bytes(), "auto"


def _segment_and_predict(extractor, data, kind: str):
    """Blocks, probabilities and P(story) through whichever API the imported storysift has."""
    if hasattr(extractor, "segment"):  # a Page value: blocks and kind together
        page = extractor.segment(data, kind=kind)
        return page.blocks, extractor.model.predict_proba([page]), extractor.model.predict_story_proba([page])
    blocks = extractor.blocks(data, kind=kind)
    for i, b in enumerate(blocks):
        b.index = i
    return blocks, extractor.model.predict_proba(blocks), extractor.model.predict_story_proba(blocks)


def dump(out: Path, per_corpus: int, only: list[str] | None = None) -> int:
    """Write one JSON line per page checked; returns the number of pages."""
    from storysift import Extractor

    extractor = Extractor.load()
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for k, (name, data, kind) in enumerate(_pages(per_corpus, only)):
            variants = [(name, data, kind)]
            if kind == "html" and k % 5 == 0:
                blocks = extractor.label(data, kind="html")
                variants.append((name + "#text", "\n\n".join(b.text for b in blocks), "text"))
            for vname, vdata, vkind in variants:
                blocks, proba, p_story = _segment_and_predict(extractor, vdata, vkind)
                row = {
                    "page": vname,
                    "blocks": [{f: getattr(b, f) for f in BLOCK_FIELDS} for b in blocks],
                    "proba": [[float(x).hex() for x in r] for r in proba.tolist()],
                    "p_story": [float(x).hex() for x in p_story.tolist()],
                    "clean": extractor.clean(vdata, kind=vkind),
                }
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    return n


def compare(a: Path, b: Path, show: int = 10) -> int:
    """Print the pages whose outputs differ; returns how many differ."""
    rows_a = [json.loads(line) for line in a.read_text(encoding="utf-8").splitlines()]
    rows_b = [json.loads(line) for line in b.read_text(encoding="utf-8").splitlines()]
    if [r["page"] for r in rows_a] != [r["page"] for r in rows_b]:
        print(f"different page lists: {len(rows_a)} vs {len(rows_b)} pages")
        return max(len(rows_a), len(rows_b))
    differ, largest = 0, 0.0
    for ra, rb in zip(rows_a, rows_b):
        fields = [k for k in ("blocks", "proba", "p_story", "clean") if ra[k] != rb[k]]
        if ra["blocks"] == rb["blocks"]:
            for key in ("proba", "p_story"):
                xa = np.array([float.fromhex(x) for x in np.ravel(ra[key])])
                xb = np.array([float.fromhex(x) for x in np.ravel(rb[key])])
                largest = max(largest, float(np.max(np.abs(xa - xb), initial=0.0)))
        if fields:
            differ += 1
            if differ <= show:
                print(f"{ra['page']}: differs in {', '.join(fields)}")
    blocks = sum(len(r["blocks"]) for r in rows_a)
    seeds = sum(r["page"].startswith("seeds/") for r in rows_a)
    text = sum(r["page"].endswith("#text") for r in rows_a)
    print(
        f"{len(rows_a)} pages ({len(rows_a) - seeds - text} corpus HTML, {text} corpus pages as plain text, "
        f"{seeds} seed), {blocks} blocks: {differ} differ; largest probability difference {largest:.3g}"
    )
    return differ


def _dump_here(out: Path, per_corpus: int, only: list[str], pure: bool) -> None:
    """Dump this tree's outputs in a fresh process, with the reference code when pure."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "STORYSIFT_PURE_PYTHON": "1" if pure else "0"}
    command = [sys.executable, __file__, "--dump", str(out), "--per-corpus", str(per_corpus)]
    command += [a for name in only for a in ("--corpus", name)] + ([] if pure else ["--require-compiled"])
    subprocess.run(command, check=True, env=env)


def dump_revision(rev: str, out: Path, per_corpus: int) -> None:
    """Dump the outputs of git revision rev (checked out in a temporary worktree)."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev], check=True, capture_output=True
        )
        try:
            env = {**os.environ, "PYTHONPATH": str(tree / "src")}
            subprocess.run(
                [sys.executable, __file__, "--dump", str(out), "--per-corpus", str(per_corpus)],
                check=True,
                env=env,
                cwd=tmp,
            )
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", help="git revision to compare this tree with")
    parser.add_argument("--dump", type=Path, help="write the outputs of the importable storysift here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"), help="compare two dumps")
    parser.add_argument("--compiled", action="store_true", help="compare the compiled core with the reference")
    parser.add_argument("--per-corpus", type=int, default=43, help="pages per corpus (default 43: 301 corpus pages)")
    parser.add_argument("--corpus", action="append", default=[], help="only this corpus (repeatable)")
    parser.add_argument("--require-compiled", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.require_compiled:  # a dump meant to be the compiled core's must not quietly be the reference's
        from storysift.accel import status

        if status() != "compiled core":
            parser.error(f"the compiled core does not run here ({status()}): build it with pip install -e .")
    if args.dump:
        print(f"{dump(args.dump, args.per_corpus, args.corpus)} pages written to {args.dump}", file=sys.stderr)
        return 0
    if args.compare:
        return 1 if compare(*args.compare) else 0
    if args.compiled:
        with tempfile.TemporaryDirectory() as tmp:
            reference, compiled = Path(tmp) / "reference.jsonl", Path(tmp) / "compiled.jsonl"
            _dump_here(reference, args.per_corpus, args.corpus, pure=True)
            _dump_here(compiled, args.per_corpus, args.corpus, pure=False)
            return 1 if compare(reference, compiled) else 0
    if not args.before:
        parser.error("give --before REV, --compiled, --dump FILE or --compare A B")
    with tempfile.TemporaryDirectory() as tmp:
        before, after = Path(tmp) / "before.jsonl", Path(tmp) / "after.jsonl"
        dump_revision(args.before, before, args.per_corpus)
        _dump_here(after, args.per_corpus, [], pure=False)
        return 1 if compare(before, after) else 0


if __name__ == "__main__":
    sys.exit(main())
