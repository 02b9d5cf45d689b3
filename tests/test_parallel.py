"""map_chunks: results in input order and errors raised, in one process or several."""

from __future__ import annotations

import os
import time

import pytest

from storysift.parallel import chunked, map_chunks


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
def test_results_come_in_input_order_from_several_processes(jobs):
    out = list(map_chunks(tag_with_process, range(400), 3, jobs=jobs, chunk_size=1))
    assert [value for value, _ in out] == [3 * i for i in range(400)]
    assert {pid for _, pid in out} - {os.getpid()}  # the chunks ran in worker processes


def test_no_items_and_one_job():
    assert list(map_chunks(tag_with_process, [], 2, jobs=2)) == []
    assert [v for v, pid in map_chunks(tag_with_process, range(4), 2)] == [0, 2, 4, 6]


@pytest.mark.parametrize("bad", [0, 57])
def test_an_error_in_any_chunk_reaches_the_caller(bad):
    with pytest.raises(ValueError, match=f"bad item {bad}"):
        list(map_chunks(fail_on, range(100), bad, jobs=2, chunk_size=1))
