"""Error types raised by storysift. Every error names the input it concerns when one is known."""

from __future__ import annotations


class StorysiftError(Exception):
    """Base class of every error storysift raises on purpose."""


class InputError(StorysiftError):
    """The input cannot be read as a page (wrong type, undecodable, too large, unparseable)."""


class InputTooLarge(InputError):
    """The input is larger than the configured limit."""


class ModelError(StorysiftError):
    """A model file is missing, corrupt, or was made by incompatible versions."""


class LabeledDataError(StorysiftError):
    """A labeled page or training set is malformed."""


class PageTimeout(InputError):
    """Work on one page took longer than the time limit."""


class TrainingDataError(LabeledDataError, ValueError):
    """The training data cannot train a model: none found, too few pages, a label missing, a bad corpus folder."""


class UsageError(StorysiftError):
    """An option has a value outside its range or of the wrong kind."""
