"""storysift: clean scraped web pages by labeling every block as story, nav, disclaimer or comment."""

from .api import Extractor, Options, clean, label
from .blocks import LABELS, Block
from .errors import InputError, InputTooLarge, LabeledDataError, ModelError, StorysiftError
from .model import BlockClassifier

__version__ = "0.1.0"

__all__ = [
    "LABELS", "Block", "BlockClassifier", "Extractor", "Options", "clean", "label",
    "StorysiftError", "InputError", "InputTooLarge", "ModelError", "LabeledDataError", "__version__",
]
