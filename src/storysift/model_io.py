"""Save and load model files: a joblib pickle plus a JSON metadata file beside it.

Loading a pickle runs code, so a model file is only loaded when its sha256 matches the one recorded in
its metadata (for the shipped model, the metadata inside the package). The metadata must also name
the same feature version and the same scikit-learn minor version as the running code. For prediction alone
(`load_predictor`), a model file is read without scikit-learn where the compiled core runs (`frozen`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING

from . import frozen_cache
from .errors import ModelError
from .features import FEATURE_VERSION
from .frozen import FrozenClassifier, read_frozen

if TYPE_CHECKING:
    from .adapt import AdaptedClassifier
    from .model import BlockClassifier

log = logging.getLogger(__name__)

MODEL_FORMAT = 1


def metadata_path(model_path: Path) -> Path:
    """Where the metadata of a model file lives: `<name>.json` beside `<name>.joblib`."""
    return model_path.with_suffix(".json")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def _sklearn_version() -> str:
    """The installed scikit-learn's version, read without importing it."""
    return metadata.version("scikit-learn")


def save_model(model: BlockClassifier, path: Path, metadata: dict) -> dict:
    """Write the model and its metadata (adds format, versions and the file's sha256); returns the metadata."""
    import joblib

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path, compress=3)
    meta = dict(metadata)
    meta.update(
        format=MODEL_FORMAT,
        feature_version=FEATURE_VERSION,
        sklearn_version=_sklearn_version(),
        sha256=_sha256(path),
        file=path.name,
    )
    metadata_path(path).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return meta


def read_metadata(path: Path) -> dict:
    """The metadata of a model file, or ModelError when it is missing or unreadable."""
    mpath = metadata_path(Path(path))
    try:
        return json.loads(mpath.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"{path}: no metadata file {mpath.name} beside the model") from exc
    except (OSError, ValueError) as exc:
        raise ModelError(f"{mpath}: unreadable model metadata: {exc}") from exc


def _checked_metadata(path: Path) -> dict:
    """The metadata of a model file, after checking format, versions and checksum (ModelError if not)."""
    if not path.is_file():
        raise ModelError(f"{path}: model file not found")
    meta = read_metadata(path)
    if meta.get("format") != MODEL_FORMAT:
        raise ModelError(f"{path}: model format {meta.get('format')!r}, this storysift reads {MODEL_FORMAT}")
    if meta.get("feature_version") != FEATURE_VERSION:
        raise ModelError(
            f"{path}: trained with feature version {meta.get('feature_version')!r}, this storysift "
            f"computes version {FEATURE_VERSION}; retrain the model"
        )
    running = _sklearn_version()
    if _minor(str(meta.get("sklearn_version", ""))) != _minor(running):
        raise ModelError(
            f"{path}: trained with scikit-learn {meta.get('sklearn_version')}, running "
            f"{running}; retrain the model or install the matching version"
        )
    actual = _sha256(path)
    if actual != meta.get("sha256"):
        raise ModelError(
            f"{path}: checksum {actual[:12]}... does not match the metadata's "
            f"{str(meta.get('sha256'))[:12]}...: the file is corrupt or was replaced"
        )
    return meta


def load_model(path: Path) -> tuple[BlockClassifier | AdaptedClassifier, dict]:
    """Load a model file (the estimator itself) after checking its checksum and versions against its metadata."""
    import joblib

    from .adapt import AdaptedClassifier
    from .model import BlockClassifier

    path = Path(path)
    meta = _checked_metadata(path)
    try:
        model = joblib.load(path)
    except Exception as exc:  # a checksummed file that still fails to unpickle: report, don't trace deep
        raise ModelError(f"{path}: cannot load the model: {type(exc).__name__}: {exc}") from exc
    if not isinstance(model, BlockClassifier) and not (
        isinstance(model, AdaptedClassifier) and isinstance(model.base, BlockClassifier)
    ):
        raise ModelError(f"{path}: holds a {type(model).__name__}, not a BlockClassifier")
    return model, meta


def load_predictor(path: Path) -> tuple[BlockClassifier | AdaptedClassifier | FrozenClassifier, dict]:
    """A model file loaded for prediction, after the same checks as `load_model`: its predict-only form
    (`frozen.FrozenClassifier`: the same probabilities, without importing scikit-learn) where the compiled
    core runs and the file holds a BlockClassifier, else the estimator itself. The predict-only form is read
    from the cache of frozen models (`frozen_cache`) when it is there, else made from the file and cached."""
    path = Path(path)
    meta = _checked_metadata(path)
    # an adapted model (its metadata says so) has no frozen form: not read twice
    if (meta.get("estimator") or {}).get("class", "BlockClassifier") == "BlockClassifier":
        sha256 = str(meta["sha256"])  # the file's own, checked above
        frozen = frozen_cache.read(sha256)
        if frozen is None:
            frozen = read_frozen(path)
            if frozen is not None:
                frozen_cache.write(frozen, sha256)
        if frozen is not None:
            return frozen, meta
    return load_model(path)


def registry_dir() -> Path:
    """Where models are found by name: $STORYSIFT_MODELS, else $XDG_DATA_HOME/storysift/models (by default
    ~/.local/share/storysift/models). Put a model file there, with its .json, to use it by name."""
    if os.environ.get("STORYSIFT_MODELS"):
        return Path(os.environ["STORYSIFT_MODELS"])
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "storysift" / "models"


def registered_models() -> dict[str, Path]:
    """The models of the registry folder by name (their file names without .joblib)."""
    folder = registry_dir()
    return {p.stem: p for p in sorted(folder.glob("*.joblib"))} if folder.is_dir() else {}


def model_path(name: str | Path | None) -> Path:
    """The file of a model named on the command line: "default" (or None) is the shipped model; a path
    that exists is itself; else a name in the registry folder (`registry_dir`); else the path as given
    (which loading then reports as not found)."""
    if name is None or str(name) == "default":
        return default_model_path()
    path = Path(name)
    if path.exists():
        return path
    return registered_models().get(str(name), path)


def default_model_path() -> Path:
    """The model shipped inside the package."""
    return Path(str(resources.files("storysift") / "models" / "default.joblib"))
