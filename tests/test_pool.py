"""The worker pool's end: what is queued is cancelled and no process of ours outlives ``close``."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from pipeline.run import pool


def test_closing_the_pool_cancels_the_queued_tasks_and_waits_for_its_processes():
    """Eight half-second tasks on one worker, one of them done: closing (as a stopped run does)
    cancels those still queued, lets the ones handed to the worker end, and leaves no worker
    process alive — a shutdown that does not wait returns with the tasks still to run."""
    tasks = pool.Pool({"read": pool.Lane(1)}, limit=8)
    for n in range(8):
        tasks.put(pool.Task("read", time.sleep, (0.5,), tag=n))
    done = tasks.take()
    assert [d.tag for d in done] == [0] and len(tasks.running) == 7
    futures = list(tasks.running)
    tasks.close()
    assert all(f.done() for f in futures)
    assert sum(f.cancelled() for f in futures) >= 4  # the executor hands a worker two tasks ahead at most
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_as_it_starts_is_started_again(monkeypatch):
    """A worker process killed before it reads what it is to run (by the machine, during the
    night: the process starting it finds its pipe closed, BrokenPipeError) costs no task and no
    run: its lane is started again and every task runs; a machine that kills every new worker
    stops the run with one line that says so."""
    others = set(multiprocessing.active_children())  # what an earlier test of this process may still be ending
    real = pool.ProcessPoolExecutor.submit
    deaths = {"left": 2}

    def submit(self, fn, *args, **kwargs):
        if deaths["left"]:
            deaths["left"] -= 1
            raise BrokenPipeError(32, "Broken pipe")
        return real(self, fn, *args, **kwargs)

    monkeypatch.setattr(pool.ProcessPoolExecutor, "submit", submit)
    tasks = pool.Pool({"read": pool.Lane(1), "finish": pool.Lane(1, warm_up=pool.ready)}, limit=4)
    for n in range(3):
        tasks.put(pool.Task("read", abs, (-n,), tag=n))
    tasks.put(pool.Task("finish", abs, (-7,), tag=7))
    done = _drained(tasks)
    assert sorted((d.tag, d.result, d.error) for d in done) == [(0, 0, None), (1, 1, None), (2, 2, None), (7, 7, None)]
    assert set(multiprocessing.active_children()) <= others

    # the death as Python 3.11 meets it: the task is queued in the lane, then starting the lane's
    # second worker fails while the first works; each task still comes back exactly once
    monkeypatch.setattr(pool.ProcessPoolExecutor, "submit", real)
    spawn, spawned = pool.ProcessPoolExecutor._spawn_process, {"n": 0}

    def dies_second(self):
        spawned["n"] += 1
        if spawned["n"] == 2:
            raise BrokenPipeError(32, "Broken pipe")
        return spawn(self)

    monkeypatch.setattr(pool.ProcessPoolExecutor, "_spawn_process", dies_second)
    tasks = pool.Pool({"read": pool.Lane(2)}, limit=4)
    for n in range(3):
        tasks.put(pool.Task("read", abs, (-n,), tag=n))
    done = _drained(tasks)
    assert spawned["n"] >= 3  # the lane was started again
    assert sorted((d.tag, d.result, d.error) for d in done) == [(0, 0, None), (1, 1, None), (2, 2, None)]
    assert set(multiprocessing.active_children()) <= others
    monkeypatch.setattr(pool.ProcessPoolExecutor, "_spawn_process", spawn)
    monkeypatch.setattr(pool.ProcessPoolExecutor, "submit", submit)

    deaths["left"] = 10 ** 6
    tasks = pool.Pool({"read": pool.Lane(1)}, limit=4)
    tasks.put(pool.Task("read", abs, (-1,), tag=1))
    try:
        with pytest.raises(pool.UsageError, match="worker processes die as they start"):
            tasks.take()
    finally:
        tasks.close()


def _drained(tasks: pool.Pool) -> list:
    """Everything ``tasks`` gives back, then the pool closed."""
    done = []
    try:
        while tasks.busy:
            done += tasks.take()
    finally:
        tasks.close()
    return done
