"""The batch side of `storysift clean` and `storysift label`: many records (folders, globs, JSONL, WARC,
stdin) to JSONL, one output per input record (one line per block for label), resumable."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import UsageError

MAX_ERRORS_SHOWN = 20
MAX_DUPLICATES_SHOWN = 5


def _status_spec(value: str) -> frozenset[str]:
    """An argparse type: HTTP statuses and classes, '404,5xx'."""
    from .pipeline.records import parse_status_spec

    try:
        return parse_status_spec(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_batch_options(p: argparse.ArgumentParser, jobs_type: Callable) -> argparse._ArgumentGroup:
    """The options of batch runs, shared by clean and label."""
    batch = p.add_argument_group("batch runs (folders, globs, JSONL, WARC: jsonl output)")
    batch.add_argument("--jobs", type=jobs_type, default=1, help="processes to use (default 1; -1: one per core)")
    batch.add_argument(
        "--stdin-format", choices=("page", "jsonl", "warc"), default="page", help="what stdin holds (default one page)"
    )
    batch.add_argument("--id-field", default="id", help="JSONL field of the record id (default id)")
    batch.add_argument("--url-field", default="url", help="JSONL field of the URL (default url)")
    batch.add_argument(
        "--html-field",
        default="html",
        help="JSONL field holding HTML, or base64 bytes in <field>_base64 (default html)",
    )
    batch.add_argument("--text-field", default="text", help="JSONL field holding plain text (default text)")
    batch.add_argument(
        "--strict",
        action="store_true",
        help="WARC responses that are not HTML (images, PDFs...) or are empty are error records, not skipped",
    )
    batch.add_argument(
        "--skip-status",
        type=_status_spec,
        default=frozenset(),
        metavar="CODES",
        help="skip records of these HTTP statuses, counted: e.g. 4xx,5xx or 404,410 (default: none; every "
        "record with a known status carries it as http_status)",
    )
    batch.add_argument(
        "--allow-empty", action="store_true", help="exit 0 when the inputs hold no record (default: exit 2)"
    )
    batch.add_argument(
        "--overwrite",
        action="store_true",
        help="start the output afresh instead of resuming (skipping ids already in it)",
    )
    batch.add_argument(
        "--retry-errors", action="store_true", help="when resuming, drop the error records and try them again"
    )
    return batch


def page_options(args: argparse.Namespace):
    """The page options of a clean or label run: one object for single pages and batches."""
    from .api import Options

    return Options(
        threshold=args.threshold, kind=args.kind, encoding=args.encoding, max_bytes=args.max_bytes, timeout=args.timeout
    )


def is_batch_input(args: argparse.Namespace) -> bool:
    """Whether the inputs are many records (a folder, a glob, JSONL, WARC, or stdin in those formats)."""
    from .pipeline.records import JSONL_SUFFIXES, WARC_SUFFIXES

    if args.stdin_format != "page" and "-" in args.inputs:
        return True
    for item in args.inputs:
        path = Path(item)
        is_glob = any(ch in item for ch in "*?[")
        if item != "-" and (path.is_dir() or is_glob or item.lower().endswith(JSONL_SUFFIXES + WARC_SUFFIXES)):
            return True
    return False


def run_settings(args: argparse.Namespace, blocks: bool) -> dict:
    """What decides a batch run's output records: a resumed output must have been begun with the same."""
    from .model_io import model_path, read_metadata

    model = model_path(args.model)
    return {
        "command": args.command,
        "model_sha256": read_metadata(model).get("sha256"),
        "threshold": args.threshold,
        "kind": args.kind,
        "encoding": args.encoding,
        "blocks": blocks,
        "max_bytes": args.max_bytes,
        "timeout": args.timeout,
        "strict": args.strict,
        "skip_status": sorted(args.skip_status),
        "fields": [args.id_field, args.url_field, args.html_field, args.text_field],
    }


def _resume(args: argparse.Namespace, out_path: Path | None, settings: dict) -> set[str]:
    """The ids to skip in this run (already in the output), after checking the output's settings."""
    from .pipeline.resume import check_settings, drop_errors, drop_torn_tail, read_done, write_settings

    if out_path is None or args.format != "jsonl":
        return set()
    if out_path.exists() and not args.overwrite:
        drop_torn_tail(out_path)
        check_settings(out_path, settings)
        if args.retry_errors:
            drop_errors(out_path)
        ok, failed = read_done(out_path)
        return ok | failed
    write_settings(out_path, settings)
    return set()


def _duplicates(records: Iterator, warn: Callable[[str], None]) -> Iterator:
    """Records as they come, warning about ids seen before (8-byte digests kept: bounded memory per id)."""
    seen: set[bytes] = set()
    count = 0
    for record in records:
        digest = hashlib.blake2b(record.id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        if digest in seen:
            count += 1
            if count <= MAX_DUPLICATES_SHOWN:
                warn(f"duplicate id {record.id!r}: its output records will share the id")
        seen.add(digest)
        yield record


def run_batch(args: argparse.Namespace, progress_for, *, blocks: bool, lines: Callable[[dict], list[str]]) -> int:
    """Clean or label many records to JSONL (or mirrored text files), one output per input record (lines
    of it: one per block for label), in order; resumable; records that are not pages counted."""
    from .pipeline.batch import BatchJob, Summary, run
    from .pipeline.records import Fields, input_bytes, iter_records

    job = BatchJob(model=args.model, options=page_options(args), blocks=blocks, freeze_gc=True)
    if args.model:
        from .api import Extractor

        Extractor.load(args.model)  # fail early, with exit code 2, on a bad model
    fields = Fields(args.id_field, args.url_field, args.html_field, args.text_field)
    records = iter_records(
        args.inputs,
        fields=fields,
        max_bytes=args.max_bytes,
        stdin_format=args.stdin_format,
        strict=args.strict,
        skip_status=args.skip_status,
    )
    counts: Counter = Counter()
    out_path = Path(args.output) if args.output and args.output != "-" else None
    done = _resume(args, out_path, run_settings(args, blocks))

    # progress in bytes of input read where the inputs' size is known (files), else in records
    total = input_bytes(args.inputs)
    progress = progress_for(total, unit="B" if total is not None else "record")

    def warn(message: str) -> None:
        if not args.quiet:
            print(f"storysift: {message}", file=sys.stderr)

    def todo():
        for r in _duplicates(records, warn):
            if total is not None:
                progress.advance(r.consumed)
            if r.skip:
                counts[f"skipped_{r.skip}"] += 1
            elif r.id in done:
                counts["skipped_done"] += 1
            else:
                yield r

    if args.format == "jsonl":
        sink = open(out_path, "a" if done else "w", encoding="utf-8") if out_path else sys.stdout  # noqa: SIM115
    try:
        for n, rec in enumerate(run(todo(), job, jobs=args.jobs), 1):
            counts["ok" if rec["status"] == "ok" else rec["error"]] += 1
            failed = Summary(counts).failed
            if rec["status"] != "ok":
                if failed <= MAX_ERRORS_SHOWN:
                    print(f"storysift: {rec['id']}: {rec['error']}: {rec['message']}", file=sys.stderr)
                elif failed == MAX_ERRORS_SHOWN + 1:
                    print("storysift: more errors: see the error records in the output", file=sys.stderr)
            if args.format == "jsonl":
                sink.write("".join(line + "\n" for line in lines(rec)))
            else:
                _mirror(out_path, rec)
            progress.advance(0 if total is not None else 1, records=n, errors=failed)
    except KeyboardInterrupt:
        progress.close()
        resumable = args.format == "jsonl" and out_path is not None
        print(
            f"storysift: {Summary(counts).line()} before the interrupt"
            + (f"; {out_path} keeps them, and the same command again goes on from there" if resumable else ""),
            file=sys.stderr,
        )
        raise
    finally:
        progress.close()
        if args.format == "jsonl" and out_path:
            sink.close()
    summary = Summary(counts)
    if not sum(counts.values()) and not args.allow_empty:
        raise UsageError(f"no input records in {' '.join(args.inputs)} (--allow-empty to accept that)")
    if not args.quiet:
        print(f"storysift: {summary.line()}", file=sys.stderr)
    return 1 if summary.failed else 0


def clean_lines(rec: dict) -> list[str]:
    """clean's output: the record itself."""
    return [json.dumps(rec, ensure_ascii=False)]


def label_lines(rec: dict) -> list[str]:
    """label's output: one line per block, with its page's id and url (an error record as it is)."""
    if rec["status"] != "ok":
        return [json.dumps(rec, ensure_ascii=False)]
    head = {"id": rec["id"], "url": rec["url"]}
    return [json.dumps({**head, **block}, ensure_ascii=False) for block in rec["blocks"]]


def _mirror(out_dir: Path | None, rec: dict) -> None:
    """Write one record's text to OUT_DIR/<id>.txt (ids of files are their relative paths)."""
    if out_dir is None:
        raise UsageError("--format text with folder or batch inputs needs -o DIR")
    if rec["status"] != "ok":
        return
    rel = Path(*[p for p in Path(str(rec["id"])).parts if p not in ("/", "..", "")])
    target = out_dir / rel.with_name(rel.name + ".txt")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(rec["text"] + "\n", encoding="utf-8")
