"""storysift: clean scraped web pages by labeling every block as story, nav, disclaimer or comment."""

from .api import Extractor, Options, clean, label
from .blocks import LABELS, Block, Page
from .errors import (
    InputError,
    InputTooLarge,
    LabeledDataError,
    ModelError,
    PageTimeout,
    StorysiftError,
    TrainingDataError,
    UsageError,
)

__version__ = "0.1.0"


def __getattr__(name: str):
    """BlockClassifier is imported on first use: it imports scikit-learn (~90 MB), which prediction with
    the compiled core does without (`frozen`)."""
    if name == "BlockClassifier":
        from .model import BlockClassifier

        return BlockClassifier
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "LABELS",
    "Block",
    "BlockClassifier",
    "Extractor",
    "InputError",
    "InputTooLarge",
    "LabeledDataError",
    "ModelError",
    "Options",
    "Page",
    "PageTimeout",
    "StorysiftError",
    "TrainingDataError",
    "UsageError",
    "__version__",
    "clean",
    "label",
]
