"""Run a function over chunks of a stream in this process or in several, results in input order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

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


def map_chunks(
    func: Callable[..., list[R]], items: Iterable[T], *args, jobs: int = 1, chunk_size: int = 32
) -> Iterator[R]:
    """func(chunk, *args) for each chunk of items, flattened, in input order and streaming (bounded
    memory). jobs > 1 runs that many processes (joblib; -1: one per core); func and args must pickle."""
    chunks = chunked(items, chunk_size)
    if jobs == 1:
        for chunk in chunks:
            yield from func(chunk, *args)
        return
    from joblib import Parallel, delayed

    parallel = Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs")
    for part in parallel(delayed(func)(chunk, *args) for chunk in chunks):
        yield from part
