"""Clean pages on a Dask cluster (optional extra: pip install 'storysift[dask]').

    import dask.bag as db
    from storysift.pipeline.dask import clean_bag
    records = db.read_text("pages-*.jsonl").map(json.loads)      # dicts with id, url, html or text
    cleaned = clean_bag(records, threshold=0.5)                  # a bag of output records
    cleaned.map(json.dumps).to_textfiles("out-*.jsonl")

    paths = db.from_sequence(warc_paths, npartitions=len(warc_paths))  # files the workers can read
    cleaned = clean_files(paths)                                 # WARC, JSONL, page files: as the CLI reads them

Each worker process loads the model once (the first partition it handles) and reuses it; every input
record yields one output record, with the same error records as `storysift clean` (the records of a file
that are not pages, such as a WARC's requests and images, are skipped as the CLI skips them).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..api import Options
from .batch import DEFAULT_TIMEOUT, BatchJob, process_chunk, run
from .jsonl import Fields, record_of
from .records import iter_records


def clean_partition(objs: Iterable[dict], job: BatchJob = BatchJob(), fields: Fields = Fields()) -> list[dict]:
    """Clean one partition of input dicts into output records (usable with map_partitions)."""
    return process_chunk([record_of(o, fields, "", job.options.max_bytes) for o in objs], job)


def clean_file_partition(paths: Iterable[str], job: BatchJob = BatchJob(), fields: Fields = Fields()) -> list[dict]:
    """Clean the records of some input files (usable with map_partitions)."""
    records = iter_records(list(paths), fields=fields, max_bytes=job.options.max_bytes)
    return list(run(records, job))


def clean_files(
    bag,
    *,
    model: str | None = None,
    blocks: bool = False,
    fields: Fields = Fields(),
    options: Options | None = None,
):
    """A dask.bag of output records from a dask.bag of input file names (WARC, JSONL, page files, folders:
    whatever `storysift clean` reads), each file read by the worker that cleans it."""
    job = BatchJob(model, options or Options(timeout=DEFAULT_TIMEOUT), blocks)
    return bag.map_partitions(clean_file_partition, job, fields)


def clean_bag(
    bag,
    *,
    model: str | None = None,
    threshold: float = 0.5,
    blocks: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    fields: Fields = Fields(),
    options: Options | None = None,
):
    """A dask.bag of output records from a dask.bag of input dicts (id, url, html or text); options, when
    given, replace threshold and timeout (an `Options`, as for a single page)."""
    options = options or Options(threshold=threshold, timeout=timeout)
    return bag.map_partitions(clean_partition, BatchJob(model, options, blocks), fields)
