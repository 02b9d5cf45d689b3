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
from .model import BlockClassifier

__version__ = "0.1.0"

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
