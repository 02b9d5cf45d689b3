"""map_chunks: results in input order and errors raised, in one process or several (forked or loky
workers); forked workers that die lose no item."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time

import pytest

from storysift.forkpool import RemoteTraceback, WorkerLost, fork_map, fork_platform, fork_usable
from storysift.parallel import chunked, map_chunks, start_method
from storysift.pipeline import batch
from storysift.pipeline.batch import BatchJob
from storysift.pipeline.record import Record

needs_fork = pytest.mark.skipif(not fork_platform(), reason="forked workers need Linux")


@pytest.fixture(params=["fork", "loky"])
def method(request, monkeypatch):
    """Each test with forked workers and with loky's."""
    if request.param == "fork" and not fork_platform():
        pytest.skip("this platform does not fork")
    monkeypatch.setenv("STORYSIFT_START_METHOD", request.param)
    assert start_method() == request.param
    yield request.param
    if request.param == "loky":  # its threads outlive the run, and fork is not used beside threads
        from joblib.externals.loky import get_reusable_executor

        get_reusable_executor().shutdown(wait=True)


def tag_with_process(chunk: list[int], factor: int) -> list[tuple[int, int]]:
    """Each item times factor, with the process that computed it; every fifth chunk is slow."""
    if chunk[0] % 5 == 0:
        time.sleep(0.02)
    return [(x * factor, os.getpid()) for x in chunk]


def fail_on(chunk: list[int], bad: int) -> list[int]:
    if bad in chunk:
        raise ValueError(f"bad item {bad}")
    return chunk


def test_chunked_keeps_every_item_in_order():
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked([], 3)) == []


@pytest.mark.parametrize("jobs", [2, 3])
def test_results_come_in_input_order_from_several_processes(jobs, method):
    out = list(map_chunks(tag_with_process, range(400), 3, jobs=jobs, chunk_size=1))
    assert [value for value, _ in out] == [3 * i for i in range(400)]
    assert {pid for _, pid in out} - {os.getpid()}  # the chunks ran in worker processes


def test_no_items_and_one_job(method):
    assert list(map_chunks(tag_with_process, [], 2, jobs=2)) == []
    assert [v for v, pid in map_chunks(tag_with_process, range(4), 2)] == [0, 2, 4, 6]


@pytest.mark.parametrize("bad", [0, 57])
def test_an_error_in_any_chunk_reaches_the_caller(bad, method):
    with pytest.raises(ValueError, match=f"bad item {bad}"):
        list(map_chunks(fail_on, range(100), bad, jobs=2, chunk_size=1))


def die_on(chunk: list[int], bad: set[int]) -> list[int]:
    """The items, unless one is in bad: then this process dies as a crash in compiled code would."""
    if bad.intersection(chunk):
        os.kill(os.getpid(), signal.SIGKILL)
    return [x * 10 for x in chunk]


@needs_fork
def test_a_dead_worker_costs_only_the_items_it_died_on():
    out = list(
        fork_map(die_on, iter(chunked(range(40), 4)), ({13, 30},), jobs=2, on_lost=lambda c, why: [(c, why)] * len(c))
    )
    flat = [x for part in out for x in part]
    assert len(flat) == 40
    for i, value in enumerate(flat):
        if i in (13, 30):
            assert value[0] == [i] and "died (signal SIGKILL)" in value[1]
        else:
            assert value == i * 10  # the dead worker's other items were run again, in order
    assert not multiprocessing.active_children()


@needs_fork
def test_a_dead_worker_without_on_lost_raises():
    with pytest.raises(WorkerLost, match="SIGKILL"):
        list(fork_map(die_on, iter(chunked(range(10), 1)), ({3},), jobs=2))
    assert not multiprocessing.active_children()


@needs_fork
def test_forked_workers_inherit_what_does_not_pickle():
    offset = 7
    out = list(fork_map(lambda chunk, f: [f(x) for x in chunk], iter(chunked(range(9), 2)), (lambda x: x + offset,)))
    assert [x for part in out for x in part] == [x + 7 for x in range(9)]


@needs_fork
def test_the_workers_error_comes_with_its_traceback():
    with pytest.raises(ValueError, match="bad item 5") as info:
        list(fork_map(fail_on, iter(chunked(range(10), 3)), (5,), jobs=2))
    assert isinstance(info.value.__cause__, RemoteTraceback)
    assert "fail_on" in str(info.value.__cause__)


@needs_fork
def test_stopping_early_ends_the_workers():
    results = map_chunks(tag_with_process, range(1000), 1, jobs=2, chunk_size=2)
    assert next(results)[0] == 0
    results.close()
    assert not multiprocessing.active_children()


@needs_fork
def test_the_batch_runner_reports_records_a_worker_died_on(monkeypatch):
    monkeypatch.setenv("STORYSIFT_START_METHOD", "fork")
    records = [Record(str(i), content="x") for i in range(6)]

    def die_on_3(chunk: list[Record], job: BatchJob) -> list[dict]:
        if any(r.id == "3" for r in chunk):
            os.kill(os.getpid(), signal.SIGKILL)
        return [{"id": r.id, "status": "ok"} for r in chunk]

    # the batch runner's own wiring, its chunk's work replaced by one that crashes on record 3
    monkeypatch.setattr(batch, "process_chunk", die_on_3)
    monkeypatch.setattr(batch, "ready_extractor", lambda job: None)
    out = list(batch.run(records, BatchJob(), jobs=2, chunk_size=2))
    assert [r["id"] for r in out] == [str(i) for i in range(6)]
    assert [r["status"] for r in out] == ["ok", "ok", "ok", "error", "ok", "ok"]
    assert out[3]["error"] == "worker_lost" and "SIGKILL" in out[3]["message"]


def test_an_unknown_start_method_is_refused(monkeypatch):
    monkeypatch.setenv("STORYSIFT_START_METHOD", "spawn")
    with pytest.raises(ValueError, match="STORYSIFT_START_METHOD"):
        start_method()


def test_unset_forks_only_where_no_other_thread_runs(monkeypatch):
    monkeypatch.delenv("STORYSIFT_START_METHOD", raising=False)
    assert start_method() == ("fork" if fork_usable() else "loky")
    monkeypatch.setattr("threading.active_count", lambda: 2)
    assert start_method() == "loky"


@needs_fork
def test_what_this_process_wrote_is_written_once_when_workers_restart():
    """Output written here before a worker is forked (buffered, not yet flushed) is not written again by
    the worker when it exits (multiprocessing flushes the standard streams before it forks)."""
    script = """
import os, signal, sys
from storysift.forkpool import fork_map
from storysift.parallel import chunked
def work(chunk):
    if 5 in chunk:
        os.kill(os.getpid(), signal.SIGKILL)
    return chunk
sys.stdout.write("start;")
for part in fork_map(work, iter(chunked(range(12), 3)), jobs=2, on_lost=lambda c, why: [-1] * len(c)):
    sys.stdout.write(" ".join(map(str, part)) + ";")
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out == "start;0 1 2;3 4 -1;6 7 8;9 10 11;"
