"""Resuming a batch run into an output JSONL that an earlier run began.

The settings that decide a record's output (model checksum, threshold, kind, encoding, blocks, limits,
reading options) are kept beside the output as `<output>.run.json`; a rerun with other settings is
refused, since the file would mix two runs' records. Records already written are skipped; error
records can be dropped from the file and tried again.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from ..errors import UsageError

log = logging.getLogger(__name__)


def settings_path(output: Path) -> Path:
    """Where the settings of the run that writes `output` are kept."""
    return output.with_name(output.name + ".run.json")


def write_settings(output: Path, settings: dict) -> None:
    """Keep the settings of the run that writes `output`."""
    settings_path(output).write_text(json.dumps(settings, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def check_settings(output: Path, settings: dict) -> None:
    """UsageError naming what differs when `output` was begun with other settings than these."""
    path = settings_path(output)
    if not path.is_file():
        log.warning("%s has no %s: resuming without checking that its settings match", output, path.name)
        return
    try:
        before = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise UsageError(f"{path} is not JSON ({exc}): --overwrite to start {output} afresh") from exc
    changed = [
        f"{key} {before.get(key)!r} -> {settings.get(key)!r}"
        for key in sorted(set(before) | set(settings))
        if before.get(key) != settings.get(key)
    ]
    if changed:
        raise UsageError(
            f"{output} was begun with other settings ({'; '.join(changed)}): rerun with the same options to "
            "resume it, or --overwrite to start it afresh"
        )


def read_done(path: Path) -> tuple[set[str], set[str]]:
    """Ids of the records already in an output JSONL: (ok ones, error ones); a torn line is ignored."""
    ok: set[str] = set()
    failed: set[str] = set()
    if not path.is_file():
        return ok, failed
    with open(path, "rb") as fh:
        for raw in fh:
            try:
                rec = json.loads(raw)
                (ok if rec.get("status", "ok") == "ok" else failed).add(str(rec["id"]))
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
    return ok, failed - ok


def drop_errors(path: Path) -> int:
    """Remove the error records from an output JSONL (written anew, then swapped in); how many went."""
    tmp = path.with_name(path.name + ".tmp")
    dropped = 0
    with open(path, "rb") as src, open(tmp, "wb") as dst:
        for raw in src:
            try:
                failed = json.loads(raw).get("status", "ok") != "ok"
            except (ValueError, AttributeError):
                failed = False  # not a record of ours: keep it as it is
            if failed:
                dropped += 1
            else:
                dst.write(raw)
    os.replace(tmp, path)
    return dropped


def drop_torn_tail(path: Path) -> None:
    """Cut a last line that was not finished (a run killed mid-write) so that appending starts clean."""
    with open(path, "rb+") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        if size == 0:
            return
        fh.seek(max(0, size - 1))
        if fh.read(1) == b"\n":
            return
        block = 1 << 16
        pos = size
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                fh.truncate(start + cut + 1)
                return
            pos = start
        fh.truncate(0)
