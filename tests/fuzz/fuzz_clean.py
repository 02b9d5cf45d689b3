"""Fuzz storysift's cleaner: random bytes, tag soup and mutated real pages, counting what happens.

    python tests/fuzz/fuzz_clean.py --inputs 5000 [--seed 1] [--corpora ../shared/corpora]

Every input must give a str or one of the documented errors (storysift.StorysiftError) within the time
limit; anything else is a finding, printed with the input saved under --out. Not part of the unit
suite (it runs for minutes); the unit suite has the hypothesis property tests.
"""

from __future__ import annotations

import argparse
import gzip
import random
import resource
import sys
import time
import traceback
from pathlib import Path

from storysift import Extractor, StorysiftError

TAGS = [
    "p",
    "div",
    "span",
    "a",
    "li",
    "ul",
    "table",
    "td",
    "tr",
    "h1",
    "script",
    "style",
    "br",
    "b",
    "i",
    "form",
    "button",
    "title",
    "noscript",
    "svg",
    "math",
    "frameset",
    "iframe",
    "textarea",
    "select",
    "option",
    "template",
    "!--",
    "![CDATA[",
    "?xml",
    "!DOCTYPE",
]


def tag_soup(rng: random.Random) -> bytes:
    parts = []
    for _ in range(rng.randint(0, 400)):
        r = rng.random()
        if r < 0.4:
            t = rng.choice(TAGS)
            attrs = "".join(
                f' {rng.choice(["class", "id", "style", "hidden", "href", "x"])}="{rng.random()}"'
                for _ in range(rng.randint(0, 3))
            )
            parts.append(f"<{t}{attrs}>" if rng.random() < 0.7 else f"</{t}>")
        elif r < 0.8:
            parts.append(
                rng.choice(
                    [
                        "word",
                        "Leave a Reply",
                        "© 2026",
                        "&amp;",
                        "&#0;",
                        "&#xD800;",
                        "&lol;",
                        "\x00",
                        "\r",
                        "\n\n",
                        "東京",
                        "\ufeff",
                        "<",
                        ">",
                        '"',
                        "'",
                    ]
                )
            )
        else:
            parts.append("".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(1, 20))))
    enc = rng.choice(["utf-8", "utf-16", "cp1252", "shift_jis", "koi8-r"])
    return "".join(parts).encode(enc, errors="replace")


def mutate(rng: random.Random, page: bytes) -> bytes:
    data = bytearray(page)
    for _ in range(rng.randint(1, 20)):
        op = rng.random()
        if not data:
            break
        i = rng.randrange(len(data))
        if op < 0.4:
            data[i] = rng.randrange(256)
        elif op < 0.6:
            del data[i : i + rng.randint(1, 500)]
        elif op < 0.8:
            j = rng.randrange(len(data))
            data[i:i] = data[j : j + rng.randint(1, 2000)]
        else:
            data = data[:i]
    return bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpora", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "corpora")
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"))
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    seeds: list[bytes] = []
    for name in ("dragnet", "cleaneval", "wcxb-dev"):
        folder = args.corpora / name / "html"
        if folder.is_dir():
            seeds += [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.gz"))[:40]]
    extractor = Extractor.load()
    counts = {"ok": 0, "documented_error": 0, "finding": 0}
    worst = (0.0, "")
    start = time.perf_counter()
    for n in range(args.inputs):
        r = rng.random()
        if r < 0.2:
            data, kind = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 5000))), "random"
        elif r < 0.55 or not seeds:
            data, kind = tag_soup(rng), "soup"
        else:
            data, kind = mutate(rng, rng.choice(seeds)), "mutated"
        t0 = time.perf_counter()
        try:
            out = extractor.clean(data)
            assert isinstance(out, str)
            counts["ok"] += 1
        except StorysiftError:
            counts["documented_error"] += 1
        except Exception:
            counts["finding"] += 1
            args.out.mkdir(exist_ok=True)
            (args.out / f"{n}-{kind}.bin").write_bytes(data)
            print(f"FINDING input {n} ({kind}):\n{traceback.format_exc()}", file=sys.stderr)
        took = time.perf_counter() - t0
        if took > worst[0]:
            worst = (took, f"input {n} ({kind}, {len(data)} bytes)")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.inputs} inputs in {seconds:.0f} s: {counts}; slowest {worst[0]:.2f} s ({worst[1]}); "
        f"peak RSS {peak:.0f} MB"
    )
    return 1 if counts["finding"] else 0


if __name__ == "__main__":
    sys.exit(main())
