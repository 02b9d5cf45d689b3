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
