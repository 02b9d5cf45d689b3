"""Fuzz the batch readers: mutated WARC (gzipped and not), JSONL (plain and gzipped) and compressed page
files, read and cleaned as `storysift clean` does, counting what happens.

    python tests/fuzz/fuzz_inputs.py --inputs 1000 [--seed 1]

Every mutated file must give at least one record and every record an output record or a reason it was
skipped, with no exception escaping; anything else is a finding, printed with the input saved under --out.
Not part of the unit suite (it runs for minutes).
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_clean import mutate
from inputs_corpus import write_jsonl, write_single_files, write_warc

from storysift import Options
from storysift.pipeline.batch import BatchJob, run
from storysift.pipeline.records import iter_records


def _blank_jsonl(name: str, data: bytes) -> bool:
    """A JSONL file of blank lines only (gzipped or not): it holds no record, rightly."""
    if ".jsonl" not in name:
        return False
    try:
        if name.endswith(".zst"):
            import zstandard

            data = zstandard.ZstdDecompressor().decompress(data, max_output_size=1 << 26) if data else data
        elif name.endswith(".gz") and data:
            data = gzip.decompress(data)
        return not data.strip()
    except Exception:  # not decompressible: then it is no blank JSONL
        return False


def seeds(folder: Path) -> list[tuple[str, bytes]]:
    """(file name, bytes) of well-formed inputs of each format."""
    write_warc(folder / "crawl.warc.gz", True)
    write_warc(folder / "crawl.warc", False)
    write_jsonl(folder / "pages.jsonl")
    (folder / "pages.jsonl.gz").write_bytes(gzip.compress((folder / "pages.jsonl").read_bytes()))
    try:
        import zstandard

        plain = (folder / "pages.jsonl").read_bytes()
        (folder / "pages.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(plain))
    except ImportError:
        pass
    write_single_files(folder / "single")
    items = [(p.name, p.read_bytes()) for p in sorted(folder.glob("*")) if p.is_file()]
    items += [(p.name, p.read_bytes()) for p in sorted((folder / "single").glob("*"))]
    html = (folder / "single" / "gzipped-but-named.html").read_bytes()
    items.append(("page.html.bz2", bz2.compress(gzip.decompress(html))))
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"))
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    job = BatchJob(options=Options(timeout=10, max_bytes=2_000_000))
    outcomes: Counter = Counter()
    findings = 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "seeds").mkdir()
        pool = seeds(folder / "seeds")
        for n in range(args.inputs):
            name, data = rng.choice(pool)
            data = mutate(rng, data)
            path = folder / f"in-{n}-{name}"
            path.write_bytes(data)
            try:
                records = list(iter_records([str(path)], max_bytes=job.options.max_bytes))
                if not records and not _blank_jsonl(name, data):
                    raise AssertionError("no record at all: the input is not accounted for")
                outputs = list(run(records, job))
                if len(outputs) != sum(1 for r in records if not r.skip):
                    raise AssertionError("an input record has no output record")
                for record in records:
                    if record.skip:
                        outcomes[f"skipped_{record.skip}"] += 1
                for out in outputs:
                    outcomes["ok" if out["status"] == "ok" else out["error"]] += 1
            except Exception:
                findings += 1
                args.out.mkdir(exist_ok=True)
                (args.out / path.name).write_bytes(data)
                print(f"FINDING input {n} ({name}):\n{traceback.format_exc()}", file=sys.stderr)
            path.unlink()
    seconds = time.perf_counter() - start
    print(f"{args.inputs} mutated files in {seconds:.0f} s, {findings} findings; records: {dict(outcomes)}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
