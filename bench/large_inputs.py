"""Time and peak memory of storysift on the largest hostile inputs, each in a fresh process.

python bench/large_inputs.py              # all of them
python bench/large_inputs.py "10 MB text node"
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time

ARTICLE = "<h1>Storm</h1><p>The harbour road was closed on Monday after the storm washed part of the sea wall away.</p>"
INPUTS = {
    "100000-deep nesting": lambda: "<div>" * 100_000 + ARTICLE + "</div>" * 100_000,
    "10 MB text node": lambda: "<html><body><p>" + "word " * 2_000_000 + "</p></body></html>",
    "100000 sibling blocks": lambda: "<body>" + "".join(f"<p>p{i}</p>" for i in range(100_000)) + "</body>",
    "50 MB page (over the default limit)": lambda: b"<p>" + b"x" * (50 * 1024 * 1024) + b"</p>",
}


def run_one(name: str) -> None:
    from storysift import Extractor, InputTooLarge

    extractor = Extractor.load()
    page = INPUTS[name]()
    built = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    try:
        result = f"ok, {len(extractor.clean(page))} chars kept"
    except InputTooLarge as exc:
        result = f"InputTooLarge: {exc}"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{name}: {time.perf_counter() - start:.1f} s, peak RSS {peak:.0f} MB (after building the input: "
        f"{built:.0f} MB), {result}",
        flush=True,
    )


def main(argv: list[str]) -> int:
    if argv:
        run_one(argv[0])
        return 0
    for name in INPUTS:
        subprocess.run([sys.executable, __file__, name], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
