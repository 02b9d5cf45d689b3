"""Run a function over chunks of a stream in this process or in several, results in input order."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

AHEAD = 16  # chunks this process may clean ahead while the oldest chunk sent out is not back (_in_order)
WORKER_IDLE_SECONDS = 300  # a worker left idle this long ends (joblib's default for its own workers)


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
    memory). jobs > 1 runs that many processes (-1: one per core): this one and jobs - 1 workers (loky,
    joblib's process pool); func and args must pickle. This process works on chunks too whenever the
    oldest worker's chunk is not back yet, so it cleans from the first moment while the workers start."""
    chunks = chunked(items, chunk_size)
    if jobs != 1:
        from joblib import effective_n_jobs

        jobs = effective_n_jobs(jobs)
    if jobs == 1:
        for chunk in chunks:
            yield from func(chunk, *args)
        return
    from joblib.externals.loky import get_reusable_executor

    executor = get_reusable_executor(max_workers=jobs - 1, timeout=WORKER_IDLE_SECONDS)
    yield from _in_order(executor, func, chunks, args, workers=jobs - 1)


def _in_order(executor, func: Callable[..., list[R]], chunks: Iterator[list], args: tuple, workers: int) -> Iterator[R]:
    """The results of func over chunks, in order. Each worker always has two chunks not yet done (one to
    work on, one waiting), and this process takes the next chunk itself when the oldest one sent out is
    not back, up to AHEAD chunks: enough to keep it cleaning while a worker starts (about a second: some
    8 chunks of 16 pages), few enough to bound the results held when a worker's chunk is slow."""
    pending: deque[Future | list[R]] = deque()  # in input order: a worker's future or a result made here
    most_pending = 2 * workers + AHEAD
    exhausted = False

    def not_done() -> int:
        return sum(1 for item in pending if isinstance(item, Future) and not item.done())

    try:
        while True:
            while not exhausted and len(pending) < most_pending and not_done() < 2 * workers:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                pending.append(executor.submit(func, chunk, *args))
            while pending and (isinstance(pending[0], list) or pending[0].done()):
                head = pending.popleft()
                yield from head if isinstance(head, list) else head.result()
            if not pending and exhausted:
                return
            if not exhausted and len(pending) < most_pending:
                chunk = next(chunks, None)
                if chunk is not None:
                    pending.append(func(chunk, *args))  # this process's turn while the oldest is out
                    continue
                exhausted = True
            yield from pending.popleft().result()  # a worker's (results made here were yielded above)
    finally:
        for item in pending:
            if isinstance(item, Future):
                item.cancel()
