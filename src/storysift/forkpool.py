"""Run a function over chunks in worker processes forked from this one, results in input order.

Forked after this process has loaded what the work needs (the model), a worker starts in milliseconds
instead of importing the package and loading the model again, shares the loaded memory with this process
until it writes to it, and inherits `func` and its arguments: only chunks and results go through pipes.

A worker that dies (a crash in compiled code, the kernel's out-of-memory killer) loses nothing: the chunk
it was working on runs again item by item in fresh workers (the chunks it held but had not started run
again as they were), and an item whose worker dies again is handed to `on_lost`, which turns it into
results (the batch runner's error records), so that nothing is dropped.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import signal
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

log = logging.getLogger(__name__)

PER_WORKER = 2  # chunks a worker holds at once: one it works on, one waiting, so it never idles


class WorkerLost(RuntimeError):
    """A worker process died while it held an item, and no `on_lost` was given."""


class RemoteTraceback(Exception):
    """The traceback of an error raised in a worker (the `__cause__` of the error raised here)."""

    def __str__(self) -> str:
        return str(self.args[0])


def fork_platform() -> bool:
    """True on Linux, where fork is the proven start method (macOS's system libraries are not fork-safe)."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def fork_usable() -> bool:
    """True where forking this process is safe: Linux, and no other Python thread running here (a fork
    copies the locks another thread may hold, not the thread that would release them)."""
    return fork_platform() and threading.active_count() == 1


def _serve(func: Callable, args: tuple, tasks: Connection, results: Connection, inherited: list) -> None:
    """A worker's loop. A thread moves tasks from the pipe into a queue as they come, so this process
    never leaves this one blocked on a full pipe; the main thread runs them (time limits need it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    for conn in inherited:  # the pipes of the workers forked before this one: theirs, not ours
        conn.close()
    inbox: queue.SimpleQueue = queue.SimpleQueue()

    def receive() -> None:
        try:
            while (task := tasks.recv()) is not None:
                inbox.put(task)
        except (EOFError, OSError):  # the parent is gone
            pass
        inbox.put(None)

    threading.Thread(target=receive, daemon=True).start()
    while (task := inbox.get()) is not None:
        key, chunk = task
        try:
            message = (key, True, func(chunk, *args))
        except Exception as exc:
            message = (key, False, (exc, traceback.format_exc()))
        try:
            results.send(message)
        except Exception as exc:  # a result or an error that does not pickle
            error = RuntimeError(f"a worker could not send its result: {type(exc).__name__}: {exc}")
            results.send((key, False, (error, traceback.format_exc())))


class _Worker:
    """One forked worker process, its two pipes, and the keys of the chunks it holds, oldest first."""

    def __init__(self, context: Any, func: Callable, args: tuple, others: list[_Worker]) -> None:
        task_end, self.tasks = context.Pipe(duplex=False)
        self.results, result_end = context.Pipe(duplex=False)
        inherited = [conn for other in others for conn in (other.tasks, other.results)]
        self.process = context.Process(target=_serve, args=(func, args, task_end, result_end, inherited), daemon=True)
        self.process.start()
        task_end.close()
        result_end.close()
        self.held: deque = deque()
        self.broken = False

    def send(self, key: tuple, chunk: list) -> None:
        """Hand the worker a chunk; if it has died, the chunk stays held, to be run again once its death
        is seen."""
        self.held.append(key)
        try:
            self.tasks.send((key, chunk))
        except OSError:
            self.broken = True

    def close(self, wait_for_it: bool) -> None:
        """Stop the worker: let it finish (it holds nothing) or end it now."""
        if wait_for_it:
            with contextlib.suppress(OSError):
                self.tasks.send(None)
            self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self.tasks.close()
        self.results.close()

    def death(self) -> str:
        code = self.process.exitcode
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        return f"the worker process {self.process.pid} died ({how})"


class _Order:
    """Results by chunk index, handed out in input order; a chunk run again item by item is whole
    once all its items are back."""

    def __init__(self) -> None:
        self.done: dict[int, list] = {}
        self.parts: dict[int, list] = {}
        self.next_out = 0

    def put(self, key: tuple, result: list) -> None:
        index, part = key
        if part is None:
            self.done[index] = result
            return
        parts = self.parts[index]
        parts[part] = result
        if all(p is not None for p in parts):
            del self.parts[index]
            self.done[index] = [item for p in parts for item in p]

    def ready(self) -> Iterator[list]:
        while self.next_out in self.done:
            yield self.done.pop(self.next_out)
            self.next_out += 1


def fork_map(
    func: Callable[..., list],
    chunks: Iterator[list],
    args: tuple = (),
    *,
    jobs: int = 2,
    on_lost: Callable[[list, str], list] | None = None,
) -> Iterator[list]:
    """func(chunk, *args) for each chunk in `jobs` forked workers, yielded in input order as they are
    ready; at most 2 chunks per worker are out at once (bounded memory). An error raised by func is raised
    here (the worker's traceback as its cause). Items of a dead worker: see the module's docstring;
    without on_lost, WorkerLost is raised."""
    context = multiprocessing.get_context("fork")
    workers: list[_Worker] = []
    sent: dict[tuple, list] = {}  # chunks out in a worker, by key (index, None) or (index, item) when run again
    again: deque = deque()  # (key, chunk) to run again, before new chunks
    order = _Order()
    count, exhausted, finished = 0, False, False
    try:
        for _ in range(jobs):
            workers.append(_Worker(context, func, args, workers))
        while True:
            for worker in workers:
                while not worker.broken and len(worker.held) < PER_WORKER and (again or not exhausted):
                    if again:
                        key, chunk = again.popleft()
                    else:
                        chunk = next(chunks, None)
                        if chunk is None:
                            exhausted = True
                            break
                        key, count = (count, None), count + 1
                    sent[key] = chunk
                    worker.send(key, chunk)
            yield from order.ready()
            if exhausted and not again and order.next_out == count:
                finished = True
                return
            ready = set(wait([w.results for w in workers] + [w.process.sentinel for w in workers]))
            for n, worker in enumerate(workers):
                if worker.results not in ready and worker.process.sentinel not in ready:
                    continue
                if _receive(worker, sent, order):
                    continue
                reason = worker.death()
                retry = []
                if worker.held:  # the oldest chunk it held is the one it was working on
                    key = worker.held.popleft()
                    chunk = sent.pop(key)
                    log.warning("%s working on %d items; they run again one by one", reason, len(chunk))
                    if key[1] is None and len(chunk) > 1:
                        order.parts[key[0]] = [None] * len(chunk)
                        retry = [((key[0], i), [item]) for i, item in enumerate(chunk)]
                    elif on_lost is None:
                        raise WorkerLost(f"{reason} while working on {chunk!r:.200}")
                    else:
                        order.put(key, on_lost(chunk, reason))
                retry += [(key, sent.pop(key)) for key in worker.held]  # not started: run as they were
                again.extendleft(reversed(retry))
                worker.held.clear()
                worker.close(wait_for_it=False)
                workers[n] = _Worker(context, func, args, [w for w in workers if w is not worker])
    finally:
        for worker in workers:
            worker.close(wait_for_it=finished)


def _receive(worker: _Worker, sent: dict, order: _Order) -> bool:
    """Take every message the worker has sent; False if it has died (its pipe closed)."""
    try:
        while worker.results.poll():
            key, ok, payload = worker.results.recv()
            worker.held.popleft()  # a worker answers its chunks in the order it got them
            del sent[key]
            if not ok:
                error, text = payload
                raise error from RemoteTraceback(text)
            order.put(key, payload)
    except EOFError:
        return False
    return worker.process.is_alive()
