"""Run a function over chunks of a stream in this process or in several, results in input order."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from .forkpool import fork_map, fork_platform, fork_usable

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` consecutive items (the last may be shorter), read lazily."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def start_method() -> str:
    """How workers start for jobs > 1: `fork` (forked from this process once it has loaded what they need)
    or `loky` (joblib's fresh processes, everywhere). STORYSIFT_START_METHOD=fork or loky chooses (fork
    is then used even beside other threads: the caller knows they hold no lock the workers need); unset,
    fork where `fork_usable()` (Linux, no other thread), else loky."""
    chosen = os.environ.get("STORYSIFT_START_METHOD", "").strip().lower()
    if chosen not in ("", "fork", "loky"):
        raise ValueError(f"STORYSIFT_START_METHOD={chosen!r}: use fork or loky")
    if chosen == "fork" and not fork_platform():
        raise ValueError("STORYSIFT_START_METHOD=fork: this platform cannot fork")
    if chosen:
        return chosen
    return "fork" if fork_usable() else "loky"


def map_chunks(
    func: Callable[..., list[R]],
    items: Iterable[T],
    *args,
    jobs: int = 1,
    chunk_size: int = 32,
    warm: Callable[[], object] | None = None,
    on_lost: Callable[[list[T], str], list[R]] | None = None,
) -> Iterator[R]:
    """func(chunk, *args) for each chunk of items, flattened, in input order and streaming (bounded
    memory). jobs > 1 runs that many processes (-1: one per core), started as `start_method()` says: forked
    workers inherit func and args after `warm()` has run here (load the model once, before the fork);
    loky workers get them pickled. A forked worker that dies loses no item: see `forkpool`; `on_lost`
    turns an item that a worker died on into its results (without it, WorkerLost is raised)."""
    chunks = chunked(items, chunk_size)
    if jobs == 1:
        for chunk in chunks:
            yield from func(chunk, *args)
        return
    method = start_method()
    log.debug("%d jobs, their workers started by %s", jobs, method)
    if method == "fork":
        from joblib import effective_n_jobs  # what -1 means, as for loky (cores, cgroup quotas)

        if warm is not None:
            warm()
        for part in fork_map(func, chunks, args, jobs=effective_n_jobs(jobs), on_lost=on_lost):
            yield from part
        return
    from joblib import Parallel, delayed

    parallel = Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs")
    for part in parallel(delayed(func)(chunk, *args) for chunk in chunks):
        yield from part
