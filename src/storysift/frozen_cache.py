"""A cache of frozen models: a model file's predict-only form saved as plain arrays, so that the next process
reads it in milliseconds instead of unpickling the model file.

Unpickling the shipped model file (joblib's pure-Python unpickler, about 11,000 arrays, 50 MB) takes a second
a process, longer than cleaning a hundred pages: every `storysift clean page.html` and every batch worker
paid it. The frozen form (`frozen.FrozenClassifier`) needs only 222 arrays (the shipped model); the first process that
reads a model file saves them here, and later ones read them back. The cache holds no pickle (numbers and
fixed-width text only, so reading it runs no code) and is keyed by the model file's sha256, checked against
the file's metadata before anything is read (`model_io.load_predictor`), and by a fingerprint of the code
that makes and reads the frozen form: a change to that code, or to the model, never reads an old entry.
Anything amiss (no entry, unreadable, a layout this code does not know, a cache folder that cannot be
written) is logged and the model file is read as before.

An entry is one file: a header (a magic string, then JSON naming each array's dtype, shape, order and
offset) and the arrays' bytes, each at an offset aligned to 64 bytes. It is read by mapping the file into
memory: the arrays are read-only views of the mapping, nothing is copied or parsed per array (reading the
same arrays from an .npz took 0.11 s a process, most of a model's load), the pages are read as the
arrays are first used, and processes forked after the load, or reading the same entry, share them. An
entry is never changed in place (written whole, then renamed), so a mapping stays valid.

The folder is $STORYSIFT_CACHE_DIR, else $XDG_CACHE_HOME/storysift, else ~/.cache/storysift;
STORYSIFT_NO_CACHE=1 switches the cache off. Entries are not pruned (each is about 45 MB for the shipped
model; a new storysift version or model adds one): delete the folder to clear them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import mmap
import os
import struct
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from . import accel
from .flat_trees import FlatTrees
from .frozen import FrozenClassifier, LinearHead, SharedLinearHead, SharedScores, TreeHead
from .predict import Stack, Stage

log = logging.getLogger(__name__)

LAYOUT = 2  # the entries' layout (the spec below); the code fingerprint covers the rest
_MAGIC = b"storysift.frozen"
_ALIGN = 64
_KINDS = "biufU"  # the dtype kinds an entry may hold: plain numbers and fixed-width text, never objects
_TREE_FIELDS = ("feature", "threshold", "missing_left", "left", "right", "value", "roots", "columns", "baseline")


def cache_dir() -> Path | None:
    """The cache folder, or None when STORYSIFT_NO_CACHE switches the cache off."""
    if os.environ.get("STORYSIFT_NO_CACHE", "") not in ("", "0"):
        return None
    if os.environ.get("STORYSIFT_CACHE_DIR"):
        return Path(os.environ["STORYSIFT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storysift"


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str | None:
    """A digest of the source of the modules that make and read frozen forms (this one, `frozen`,
    `flat_trees`, `predict`), so that entries written by other code are never read; None where the
    sources cannot be read (the cache is not used then)."""
    from . import flat_trees, frozen, predict

    digest = hashlib.sha256(str(LAYOUT).encode())
    try:
        for source in (flat_trees.__file__, frozen.__file__, predict.__file__, __file__):
            digest.update(Path(source).read_bytes())
    except (OSError, TypeError) as exc:
        log.debug("frozen-model cache off: its code cannot be read (%s)", exc)
        return None
    return digest.hexdigest()[:16]


def entry_path(model_sha256: str) -> Path | None:
    """Where the frozen form of the model file with this sha256 is cached (None: the cache is off)."""
    folder = cache_dir()
    fingerprint = code_fingerprint()
    if folder is None or fingerprint is None:
        return None
    return folder / "frozen" / f"{model_sha256[:32]}-{fingerprint}.arrays"


class _Arrays:
    """Arrays named a0, a1, ... as they are added; each head's spec names its arrays."""

    def __init__(self) -> None:
        self.arrays: dict[str, np.ndarray] = {}

    def add(self, array: np.ndarray) -> str:
        name = f"a{len(self.arrays)}"
        array = np.asarray(array)
        if array.dtype == object:
            raise ValueError("an object array cannot be cached without pickle")
        self.arrays[name] = array
        return name


def _head_spec(head: Any, arrays: _Arrays, weights: dict[int, str]) -> dict:
    if isinstance(head, SharedLinearHead):
        key = id(head.shared)
        if key not in weights:
            weights[key] = arrays.add(head.shared.weights())
        cols = head.columns
        return {
            "type": "shared",
            "weights": weights[key],
            "columns": [cols.start, cols.stop],
            "intercept": arrays.add(head.intercept),
            "classes": arrays.add(head.classes_),
        }
    if isinstance(head, LinearHead):
        return {
            "type": "linear",
            "coef": arrays.add(head.coef),
            "intercept": arrays.add(head.intercept),
            "classes": arrays.add(head.classes_),
        }
    if isinstance(head, TreeHead):
        trees = {field: arrays.add(getattr(head.trees, field)) for field in _TREE_FIELDS}
        return {
            "type": "trees",
            "trees": trees,
            "n_features": head.trees.n_features,
            "multinomial": head.multinomial,
            "classes": arrays.add(head.classes_),
        }
    raise ValueError(f"a {type(head).__name__} head cannot be cached")


def to_arrays(model: FrozenClassifier, model_sha256: str) -> dict[str, np.ndarray]:
    """The frozen model as named arrays: its spec (JSON, as bytes, under "spec") and the arrays it names."""
    arrays = _Arrays()
    weights: dict[int, str] = {}
    stacks = {
        kind: [
            {
                "order_context": stack.order_context,
                "kind_factors": None if stack.kind_factors is None else list(stack.kind_factors),
                "stages": [
                    {"story": _head_spec(s.story, arrays, weights), "kind": _head_spec(s.kind, arrays, weights)}
                    for s in stack.stages
                ],
            }
            for stack in bag
        ]
        for kind, bag in model.stacks_.items()
    }
    spec = {
        "layout": LAYOUT,
        "model_sha256": model_sha256,
        "classes": [str(c) for c in model.classes_],
        "n_hash_features": model.n_hash_features,
        "stacks": stacks,
    }
    return {"spec": np.frombuffer(json.dumps(spec).encode(), dtype=np.uint8), **arrays.arrays}


def _head(spec: dict, arrays: Any, shared: dict[str, SharedScores]) -> Any:
    classes = arrays[spec["classes"]]
    if spec["type"] == "shared":
        name = spec["weights"]
        if name not in shared:
            shared[name] = SharedScores.from_weights(arrays[name])
        start, stop = spec["columns"]
        return SharedLinearHead(shared[name], slice(start, stop), arrays[spec["intercept"]], classes)
    if spec["type"] == "linear":
        return LinearHead(arrays[spec["coef"]], arrays[spec["intercept"]], classes)
    if spec["type"] == "trees":
        fields = {field: arrays[name] for field, name in spec["trees"].items()}
        return TreeHead(FlatTrees(**fields, n_features=int(spec["n_features"])), bool(spec["multinomial"]), classes)
    raise ValueError(f"unknown head type {spec['type']!r}")


def from_arrays(arrays: Any, model_sha256: str) -> FrozenClassifier:
    """The frozen model of `to_arrays`'s arrays (ValueError when they are another model's or another layout's)."""
    spec = json.loads(bytes(arrays["spec"]).decode())
    if spec.get("layout") != LAYOUT or spec.get("model_sha256") != model_sha256:
        raise ValueError("the entry is another model's or another layout's")
    shared: dict[str, SharedScores] = {}
    stacks = {
        kind: [
            Stack(
                [Stage(_head(s["story"], arrays, shared), _head(s["kind"], arrays, shared)) for s in stack["stages"]],
                bool(stack["order_context"]),
                None if stack["kind_factors"] is None else tuple(stack["kind_factors"]),
            )
            for stack in bag
        ]
        for kind, bag in spec["stacks"].items()
    }
    return FrozenClassifier(stacks, np.asarray(spec["classes"], dtype=object), int(spec["n_hash_features"]))


def _aligned(offset: int) -> int:
    return -(-offset // _ALIGN) * _ALIGN


def save_arrays(fh: Any, arrays: dict[str, np.ndarray]) -> None:
    """Write named arrays as one entry (the layout in this module's docstring) to a binary file."""
    entries, offset = {}, 0
    for name, array in arrays.items():
        if array.dtype.kind not in _KINDS:
            raise ValueError(f"an array of {array.dtype} cannot be cached")
        fortran = bool(array.flags.f_contiguous and not array.flags.c_contiguous)
        entries[name] = {"dtype": array.dtype.str, "shape": list(array.shape), "fortran": fortran, "offset": offset}
        offset = _aligned(offset + array.nbytes)
    header = json.dumps(entries).encode()
    head = _MAGIC + struct.pack("<Q", len(header)) + header
    start = _aligned(len(head))
    fh.write(head + b"\0" * (start - len(head)))
    written = 0
    for name, array in arrays.items():
        fh.write(b"\0" * (entries[name]["offset"] - written))
        fh.write(array.tobytes(order="F" if entries[name]["fortran"] else "C"))
        written = entries[name]["offset"] + array.nbytes


def map_arrays(path: Path) -> dict[str, np.ndarray]:
    """The named arrays of an entry, as read-only views of the file mapped into memory (ValueError or
    TypeError when the file is not a whole entry)."""
    with open(path, "rb") as fh:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    if mapped[: len(_MAGIC)] != _MAGIC:
        raise ValueError("not a frozen-model entry")
    (size,) = struct.unpack_from("<Q", mapped, len(_MAGIC))
    begin = len(_MAGIC) + 8
    entries = json.loads(mapped[begin : begin + size])
    start = _aligned(begin + size)
    arrays = {}
    for name, entry in entries.items():
        dtype = np.dtype(entry["dtype"])
        if dtype.kind not in _KINDS:
            raise ValueError(f"an entry's array of {dtype}")
        order = "F" if entry["fortran"] else "C"
        shape = tuple(int(n) for n in entry["shape"])
        # np.ndarray refuses a view that would reach past the mapping (a truncated entry)
        arrays[name] = np.ndarray(shape, dtype, buffer=mapped, offset=start + int(entry["offset"]), order=order)
    return arrays


def read(model_sha256: str) -> FrozenClassifier | None:
    """The cached frozen form of the model file with this sha256 (already checked against the file), or
    None: no entry, the cache is off, the compiled core does not run (as `frozen.read_frozen`), or the
    entry cannot be read."""
    path = entry_path(model_sha256)
    if path is None or accel.speedups() is None or not path.is_file():
        return None
    try:
        return from_arrays(map_arrays(path), model_sha256)
    except Exception as exc:  # a damaged or foreign entry: read the model file instead
        log.debug("%s: cached frozen model not used (%s: %s)", path, type(exc).__name__, exc)
        return None


def write(model: FrozenClassifier, model_sha256: str) -> Path | None:
    """Save a frozen model in the cache (written whole, then renamed into place, so that a reader never
    sees half an entry); its path, or None when the cache is off or cannot be written (logged)."""
    path = entry_path(model_sha256)
    if path is None:
        return None
    tmp = None
    try:
        arrays = to_arrays(model, model_sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".frozen-", suffix=".arrays", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            save_arrays(fh, arrays)
        os.replace(tmp, path)
        return path
    except Exception as exc:  # a read-only home, a full disk: the next process reads the model file again
        log.debug("%s: frozen model not cached (%s: %s)", path, type(exc).__name__, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return None
