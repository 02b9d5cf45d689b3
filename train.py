"""Train the shipped default model: `python train.py` (the same code as `storysift train`).

Uses the project's labeled pages in data/pages, the sidecar labels of real corpus pages in
data/labels/train, and the corpora in ../shared/corpora whose licence allows training the shipped model,
leaving out the held-out labeled pages of data/labels/held-out and every page of their sites; writes
src/storysift/models/default.joblib and its metadata.
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
        "--data",
        str(HERE / "data" / "labels" / "train"),
        "--exclude",
        str(HERE / "data" / "labels" / "held-out"),
        "--corpora",
        str(HERE.parent / "shared" / "corpora"),
        "-o",
        str(HERE / "src" / "storysift" / "models" / "default.joblib"),
    ]
    sys.exit(main(args))
