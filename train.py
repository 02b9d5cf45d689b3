"""Train the shipped default model: `python train.py` (the same code as `storysift train`).

Uses the project's labeled pages in data/pages and the corpora in ../shared/corpora whose licence
allows training the shipped model; writes src/storysift/models/default.joblib and its metadata.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "src"))

from storysift.cli import main  # noqa: E402

if __name__ == "__main__":
    args = sys.argv[1:] or [
        "-v",
        "train",
        "--data",
        str(HERE / "data" / "pages"),
        "--corpora",
        str(HERE.parent / "shared" / "corpora"),
        "-o",
        str(HERE / "src" / "storysift" / "models" / "default.joblib"),
    ]
    sys.exit(main(args))
