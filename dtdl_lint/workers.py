"""Worker processes forked from this one, each checking the batches sent to it with what this process held when
they were forked (a model set, a table of twins: shared with it, copied only where written).

Batches go to the workers in turn and their results come back in the same order. A worker has one batch at a
time: the next is sent to it only once its result is read, so neither side can block the other on a full pipe.
Without fork (Windows), callers check in their own process (`usable`).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, Pipe


def usable(jobs: int | None) -> int:
    """How many workers to use: `jobs`, or (None) one per core this process may run on; 1 where there is no fork
    (1 means: check in this process)."""
    if not hasattr(os, "fork"):
        return 1
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(jobs, 1)


class Workers:
    """`jobs` processes that each call `check(*task)` for the tasks sent to them and send back its result."""

    def __init__(self, check: Callable, jobs: int) -> None:
        self.connections: list[Connection] = []
        self.pids: list[int] = []
        self.waiting: deque[int] = deque()  # the workers whose result is to be read, in the order they were sent to
        for stream in (sys.stdout, sys.stderr):  # (a child would write a copy of what waits in their buffers)
            if stream is not None:
                stream.flush()
        gc.freeze()  # the objects made so far are left out of the workers' collections, which would write to them all
        try:
            for _ in range(jobs):
                mine, theirs = Pipe()
                pid = os.fork()
                if pid == 0:
                    for connection in (*self.connections, mine):
                        connection.close()
                    _serve(check, theirs)
                theirs.close()
                self.connections.append(mine)
                self.pids.append(pid)
        finally:
            gc.unfreeze()
        self.next = 0  # the worker the next task goes to

    def full(self) -> bool:
        """Has every worker a task? (Then `receive` before `send`.)"""
        return len(self.waiting) == len(self.connections)

    def send(self, task: tuple) -> None:
        worker = self.next
        self.connections[worker].send(task)
        self.waiting.append(worker)
        self.next = (worker + 1) % len(self.connections)

    def receive(self) -> object:
        """The result of the oldest task sent; an exception raised by a worker is raised here."""
        result = self.connections[self.waiting.popleft()].recv()
        if isinstance(result, BaseException):
            raise result
        return result

    def __len__(self) -> int:
        """How many results are to be read."""
        return len(self.waiting)

    def close(self) -> None:
        """End the workers (those with a task too, whose results are dropped) and wait for them."""
        for connection in self.connections:
            connection.close()  # a worker reads the end of its input and exits
        for pid in self.pids:
            os.waitpid(pid, 0)
        self.connections, self.pids = [], []
        self.waiting.clear()


def _serve(check: Callable, connection: Connection) -> None:
    """A worker's life: check each task read, send its result (or the exception it raised), until the input ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches every process of the terminal: the parent's
    try:
        while True:
            try:
                task = connection.recv()
            except EOFError:
                break
            try:
                result = check(*task)
            except Exception as error:  # a bug: the parent reports it
                result = RuntimeError(f"in a worker process: {type(error).__name__}: {error}")
            try:
                connection.send(result)
            except OSError:  # the parent has gone
                break
    finally:
        os._exit(0)  # nothing of the parent's (buffers, atexit handlers) is run twice
