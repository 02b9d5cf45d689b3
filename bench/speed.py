"""Single-process pages per second and peak memory of storysift and trafilatura on the same pages.

    python bench/speed.py                         # 300 pages each of dragnet and l3s-gn1, 2 rounds
    python bench/speed.py --pages 500 --rounds 3 --peer readability
    python bench/speed.py --corpus wcxb-dev --pure     # also storysift's pure-Python reference code
    python bench/speed.py --corpus wcxb-dev --paired --rounds 3   # side by side, chunk by chunk
    python bench/speed.py --corpus wcxb-dev --paired --model /tmp/candidate.joblib   # another model file

Each tool runs in its own fresh process (so its peak RSS is its own), the tools alternate round by
round, and the best round counts: on a noisy machine the ratio within one run is what to read. Each
round's own ratio (storysift's rate over the peer's in the same round, measured minutes apart at most) and
their median are printed too: when the machine's speed drifts during the run, the median of the round
ratios is the steadier figure.
With --paired, the tools run side by side instead: one long-lived process per tool, each with the same
pages loaded and its tool warmed up, and the parent has them clean the same chunk of pages (--chunk) in
turn, chunk after chunk, the order alternating. Each chunk's ratio compares the two tools over the same
pages within about a second of each other, so a drift of the machine's speed that lasts seconds (which on a
shared host moves a whole round's rate by 20% or more) moves both; the median of the chunk ratios and the
ratio of the total times are printed.
Pages are read into memory before the clock starts; the clock covers extraction only. Peak RSS counts
from after the pages are read (the corpus's gold records read to find them are freed first), so it holds
the tool, its imports and model, and the pages themselves (the same pages for every tool).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_pages import DEFAULT_CORPORA, load_pages


def reset_peak_rss() -> None:
    """Give freed memory back to the system and restart the peak RSS count from the current RSS (Linux:
    /proc/self/clear_refs; elsewhere nothing is reset and the peak counts from the process's start)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def peak_rss_mb() -> float:
    """Peak RSS in MB since the last reset_peak_rss (VmHWM), or since the process started where /proc is
    not there."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(tool: str, corpora: Path, names: list[str], n_pages: int, model: str | None = None) -> dict:
    from peers import available_peers, storysift_extractor

    pages = [p.html for name in names for p in load_pages(corpora, name, n_pages)]
    reset_peak_rss()  # the corpus's gold records, read to find the pages, are not the tool's memory
    if tool == "storysift-pure":
        os.environ["STORYSIFT_PURE_PYTHON"] = "1"  # the reference code, not the compiled core
    extract = storysift_extractor(model) if tool.startswith("storysift") else available_peers([tool])[tool]
    extract(pages[0])  # warm up (model load, lazy imports)
    start = time.perf_counter()
    chars = 0
    for html in pages:
        chars += len(extract(html))
    seconds = time.perf_counter() - start
    peak_mb = peak_rss_mb()
    return {
        "tool": tool,
        "pages": len(pages),
        "seconds": round(seconds, 2),
        "pages_per_s": round(len(pages) / seconds, 1),
        "peak_rss_mb": round(peak_mb, 1),
        "chars": chars,
    }


def paired_worker(tool: str, corpora: Path, names: list[str], n_pages: int, model: str | None = None) -> None:
    """Load the pages and the tool, say "ready", then for each line "START END" from stdin clean
    pages[START:END] and print the seconds it took; at end of input, print the peak RSS in MB."""
    from peers import available_peers, storysift_extractor

    pages = [p.html for name in names for p in load_pages(corpora, name, n_pages)]
    reset_peak_rss()
    if tool == "storysift-pure":
        os.environ["STORYSIFT_PURE_PYTHON"] = "1"  # the reference code, not the compiled core
    extract = storysift_extractor(model) if tool.startswith("storysift") else available_peers([tool])[tool]
    extract(pages[0])
    print("ready", len(pages), flush=True)
    for line in sys.stdin:
        start, end = map(int, line.split())
        began = time.perf_counter()
        for html in pages[start:end]:
            extract(html)
        print(time.perf_counter() - began, flush=True)
    print(round(peak_rss_mb(), 1), flush=True)


def paired(tools: list[str], args: argparse.Namespace, names: list[str]) -> None:
    """Time storysift and the other tools on the same chunks of pages, in turn (see --paired); each
    against storysift."""
    procs = {}
    for tool in tools:
        cmd = [sys.executable, __file__, "--paired-worker", tool, "--corpora", str(args.corpora)]
        cmd += ["--pages", str(args.pages)] + [x for name in names for x in ("--corpus", name)]
        cmd += ["--model", args.model] if args.model else []
        procs[tool] = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    n = {int(procs[tool].stdout.readline().split()[1]) for tool in tools}
    if len(n) != 1:
        raise SystemExit(f"the tools loaded different numbers of pages: {n}")
    n_pages = n.pop()
    chunks = [(a, min(a + args.chunk, n_pages)) for a in range(0, n_pages, args.chunk)]
    seconds: dict[str, list[float]] = {tool: [] for tool in tools}
    turn = 0
    for _ in range(args.rounds):
        for a, b in chunks:
            for tool in tools if turn % 2 == 0 else tools[::-1]:  # storysift first, then last
                procs[tool].stdin.write(f"{a} {b}\n")
                procs[tool].stdin.flush()
                seconds[tool].append(float(procs[tool].stdout.readline()))
            turn += 1
    peak = {}
    for tool, proc in procs.items():
        proc.stdin.close()
        peak[tool] = float(proc.stdout.readline())
        proc.wait()
    total_pages = n_pages * args.rounds
    print(f"paired: {len(chunks) * args.rounds} chunks of up to {args.chunk} pages, {total_pages} pages a tool")
    for tool in tools:
        rate = total_pages / sum(seconds[tool])
        print(f"{tool:<22} {rate:8.1f} pages/s  peak RSS {peak[tool]:7.1f} MB")
    ours = seconds[tools[0]]
    for tool in tools[1:]:
        ratios = [theirs / mine for mine, theirs in zip(ours, seconds[tool])]
        spread = ""
        if len(ratios) > 1:  # quantiles need two chunks at least
            quartiles = statistics.quantiles(ratios, n=4)
            spread = f" (quartiles {quartiles[0]:.2f}-{quartiles[2]:.2f})"
        print(
            f"storysift/{tool}: total time {sum(seconds[tool]) / sum(ours):.2f}; chunk by chunk median "
            f"{statistics.median(ratios):.2f}{spread}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--corpus", action="append", help="corpora to take pages from (default dragnet, l3s-gn1)")
    parser.add_argument("--pages", type=int, default=300, help="pages per corpus")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--peer", action="append", help="peers to compare (default trafilatura)")
    parser.add_argument("--pure", action="store_true", help="also time storysift's pure-Python reference code")
    parser.add_argument("--paired", action="store_true", help="the tools side by side, chunk by chunk")
    parser.add_argument("--chunk", type=int, default=20, help="pages a chunk with --paired")
    parser.add_argument("--model", help="storysift's model file (default: the shipped model)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--paired-worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    names = args.corpus or ["dragnet", "l3s-gn1"]
    if args.worker:
        print(json.dumps(worker(args.worker, args.corpora, names, args.pages, args.model)))
        return 0
    if args.paired_worker:
        paired_worker(args.paired_worker, args.corpora, names, args.pages, args.model)
        return 0
    tools = ["storysift"] + (["storysift-pure"] if args.pure else []) + (args.peer or ["trafilatura"])
    if args.paired:
        paired(tools, args, names)
        return 0
    best: dict[str, dict] = {}
    rates: dict[str, list[float]] = {tool: [] for tool in tools}
    for r in range(args.rounds):
        for tool in tools:
            cmd = [
                sys.executable,
                __file__,
                "--worker",
                tool,
                "--corpora",
                str(args.corpora),
                "--pages",
                str(args.pages),
            ]
            for name in names:
                cmd += ["--corpus", name]
            cmd += ["--model", args.model] if args.model else []
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
            res = json.loads(out)
            print(
                f"round {r + 1} {tool:<22} {res['pages_per_s']:8.1f} pages/s  peak RSS {res['peak_rss_mb']:7.1f} MB",
                flush=True,
            )
            rates[tool].append(res["pages_per_s"])
            if tool not in best or res["pages_per_s"] > best[tool]["pages_per_s"]:
                best[tool] = res
    base = best["storysift"]["pages_per_s"]
    print(f"\nbest of {args.rounds} rounds, {best['storysift']['pages']} pages from {', '.join(names)}:")
    for tool, res in best.items():
        print(
            f"{tool:<22} {res['pages_per_s']:8.1f} pages/s  peak RSS {res['peak_rss_mb']:7.1f} MB  "
            f"storysift/{tool} = {base / res['pages_per_s']:.2f}"
        )
    for tool in tools[1:]:
        ratios = [a / b for a, b in zip(rates["storysift"], rates[tool])]
        print(
            f"storysift/{tool} round by round: {' '.join(f'{x:.2f}' for x in ratios)}; "
            f"median {statistics.median(ratios):.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
