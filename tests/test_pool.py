"""The worker pool's end: what is queued is cancelled and no process of ours outlives ``close``."""

from __future__ import annotations

import multiprocessing
import time

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
