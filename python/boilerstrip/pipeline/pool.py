"""Worker processes that can die without taking the run with them.

Each worker is a ``spawn``ed process with its own pipe, so when one dies (killed by the OS
for memory, a crash in native code) the runner knows exactly which shard it was working on
and, from the worker's last report, which document. ``ProcessPoolExecutor`` cannot say that:
it breaks the whole pool and fails every pending job. A dead worker is replaced at once.

A worker whose parent process has gone (the run was killed) stops at its next report, so
no orphan keeps writing into a folder that a resumed run is using.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

__all__ = ["WorkerPool", "PoolError", "describe_exit"]

#: Workers that die before taking any job, in a row, before the pool gives up.
_MAX_FAILED_STARTS = 3

#: Environment of the worker processes (and so of their HTML processes). glibc raises its
#: mmap threshold after the first large block is freed; the multi-megabyte strings of big
#: pages then come from the heap and fragment it, and a worker's memory creeps up by tens
#: of MB. A fixed threshold gives large blocks back to the system when they are freed
#: (measured: a worker after 200 dev-pack pages, 58 MB -> 36 MB). A value set by the user
#: wins.
_CHILD_ENV = {"MALLOC_MMAP_THRESHOLD_": str(128 * 1024)}


class PoolError(RuntimeError):
    """The worker processes cannot run (they die as they start)."""


def describe_exit(code: int | None) -> str:
    if code is None:
        return "unknown exit"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (the system may be out of memory)" if -code == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit code {code}"


def _worker_main(conn: Connection, parent_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the runner's to handle
    from boilerstrip.isolation import MEMORY_LIMIT_BYTES, shutdown

    try:  # the same address-space cap as the HTML process (BOILERSTRIP_WORKER_MEMORY, 4 GiB):
        # a document that needs more fails alone (MemoryError: `internal-error`; an allocation
        # failure in Rust aborts the worker: replaced, the document `worker-crashed`), instead
        # of the machine swapping or the OOM killer choosing a victim
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    except (ImportError, ValueError, OSError):  # not on every platform
        pass
    from boilerstrip.pipeline.worker import process_shard

    def send(msg: tuple[Any, ...]) -> None:
        try:
            conn.send(msg)
        except OSError:  # the runner is gone (killed): nobody to tell, and no traceback to print
            shutdown()
            os._exit(1)

    send(("ready",))
    try:
        while True:
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                return
            if msg is None:
                return
            job_id, job = msg

            def report(lo: int, hi: int, n: int, job_id: int = job_id) -> None:
                if os.getppid() != parent_pid:  # the run was killed: stop, leave no orphan
                    shutdown()
                    os._exit(1)
                send(("at", job_id, lo, hi, n))

            try:
                result = process_shard(job, report)
            except OSError as e:
                send(("failed", job_id, f"{type(e).__name__}: {e}", True))
            except ImportError as e:  # an optional package missing: its message says which
                send(("failed", job_id, str(e), False))
            except BaseException as e:  # noqa: BLE001 - reported, the runner stops the run
                send(("failed", job_id, "".join(traceback.format_exception(e)), False))
            else:
                send(("done", job_id, result))
    finally:
        shutdown()


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    job_id: int | None = None
    at: tuple[int, int] | None = None
    started: bool = False


class WorkerPool:
    """``n`` worker processes. :meth:`submit` gives a job to an idle one; :meth:`poll`
    returns events: ``("at", job_id, records_done)``, ``("done", job_id, result)``,
    ``("failed", job_id, message, is_os_error)``, ``("crashed", job_id, (lo, hi) or None,
    exit description)``."""

    def __init__(self, n: int) -> None:
        self._ctx = mp.get_context("spawn")
        self._failed_starts = 0
        self.crashes = 0
        self.workers: list[_Worker] = []
        for _ in range(n):
            self.workers.append(self._start())

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        # not a daemon: a worker starts its own isolated HTML process, which daemons cannot
        proc = self._ctx.Process(target=_worker_main, args=(child, os.getpid()), name="boilerstrip-worker")
        saved = {k: os.environ.get(k) for k in _CHILD_ENV}
        for k, v in _CHILD_ENV.items():
            os.environ.setdefault(k, v)
        try:
            proc.start()  # the child's environment is this process's at this moment
        finally:
            for k, old in saved.items():
                if old is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = old
        child.close()
        return _Worker(proc, parent)

    def idle(self) -> int:
        return sum(1 for w in self.workers if w.job_id is None)

    def busy(self) -> int:
        return len(self.workers) - self.idle()

    def submit(self, job_id: int, job: Any) -> None:
        for w in self.workers:
            if w.job_id is None:
                try:
                    w.conn.send((job_id, job))
                except OSError:  # it died while idle: its replacement takes the job
                    self._replace(w)
                    return self.submit(job_id, job)
                w.job_id, w.at = job_id, None
                return
        raise RuntimeError("no idle worker")

    def _replace(self, w: _Worker) -> None:
        if not w.started:
            self._failed_starts += 1
            if self._failed_starts >= _MAX_FAILED_STARTS:
                raise PoolError(f"worker processes die as they start ({describe_exit(w.proc.exitcode)})")
        try:
            w.conn.close()
        finally:
            w.proc.join(1)
        self.workers[self.workers.index(w)] = self._start()

    def poll(self, timeout: float) -> list[tuple[Any, ...]]:
        objs: list[Any] = [w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers]
        ready = set(wait(objs, timeout))
        events: list[tuple[Any, ...]] = []
        for w in list(self.workers):
            if w.conn not in ready and w.proc.sentinel not in ready:
                continue
            while True:  # what it sent before it died is still in the pipe
                try:
                    if not w.conn.poll():
                        break
                    msg = w.conn.recv()
                except (EOFError, OSError):
                    break
                kind = msg[0]
                if kind == "ready":
                    w.started = True
                    self._failed_starts = 0
                elif kind == "at":
                    w.at = (msg[2], msg[3])
                    events.append(("at", msg[1], msg[4]))
                else:
                    w.job_id, w.at = None, None
                    events.append(msg)
            if w.proc.sentinel in ready or not w.proc.is_alive():
                w.proc.join(1)
                if w.job_id is not None:
                    self.crashes += 1
                    events.append(("crashed", w.job_id, w.at, describe_exit(w.proc.exitcode)))
                self._replace(w)
        return events

    def close(self) -> None:
        """Stop the workers: ask politely, then kill what is left."""
        for w in self.workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        for w in self.workers:
            w.proc.join(5)
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(5)
            w.conn.close()
        self.workers = []

    def kill(self) -> None:
        for w in self.workers:
            if w.proc.is_alive():
                w.proc.kill()
        for w in self.workers:
            w.proc.join(5)
            w.conn.close()
        self.workers = []
