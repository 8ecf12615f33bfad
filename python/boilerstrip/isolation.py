"""Run the risky HTML parser in a child process that can be killed.

trafilatura and lxml can hang or crash on hostile pages, and a thread cannot be stopped. So
extraction runs in a long-lived worker process (one per calling process, started on first
use): the caller waits at most ``timeout`` seconds for the answer; on time-out the worker is
killed and replaced, and the caller gets :class:`ExtractionTimeout`. The worker's address
space is capped, so a memory blow-up ends in :class:`ExtractionFailed` instead of taking the
machine down. This is datatrove's ``extractors/base.py`` idea, kept per call so that it also
holds in the library API.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import threading
from multiprocessing.connection import Connection
from typing import Any, Callable

from boilerstrip.errors import ExtractionFailed, ExtractionTimeout

__all__ = ["run_isolated", "shutdown", "MEMORY_LIMIT_BYTES"]

log = logging.getLogger(__name__)

#: Address-space cap of the worker process (bytes); ``BOILERSTRIP_WORKER_MEMORY`` overrides.
MEMORY_LIMIT_BYTES = int(os.environ.get("BOILERSTRIP_WORKER_MEMORY", str(4 * 1024**3)))


def _worker_main(conn: Connection, memory_limit: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    except (ImportError, ValueError, OSError):  # not on every platform
        pass
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        fn, args = job
        try:
            conn.send(("ok", fn(*args)))
        except MemoryError:
            conn.send(("error", "memory-limit", "the page needed more memory than the worker is allowed"))
        except RecursionError:
            conn.send(("error", "too-deep", "the page is nested too deeply to parse"))
        except Exception as e:  # the parser's own failures become a reason, not a crash
            conn.send(("error", "parser-error", f"{type(e).__name__}: {e}"))


class _Worker:
    def __init__(self) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, MEMORY_LIMIT_BYTES), daemon=True, name="boilerstrip-html")
        self.proc.start()
        child.close()

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(5)
        finally:
            self.conn.close()


_lock = threading.Lock()
_worker: _Worker | None = None


def _forget_worker_after_fork() -> None:
    """In a forked child (``datasets.map(num_proc=...)``, a fork-started pool): the worker
    belongs to the parent, which alone may poll or kill it (``is_alive`` asserts as much), and
    the lock may have been held by a thread that does not exist here. The child starts its own."""
    global _lock, _worker
    _lock = threading.Lock()
    _worker = None


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_forget_worker_after_fork)


def _get_worker() -> _Worker:
    global _worker
    if _worker is None or not _worker.proc.is_alive():
        _worker = _Worker()
    return _worker


def _discard_worker() -> None:
    global _worker
    if _worker is not None:
        _worker.kill()
        _worker = None


def run_isolated(fn: Callable[..., Any], *args: Any, timeout: float | None) -> Any:
    """``fn(*args)`` in the worker process, within ``timeout`` seconds.

    With ``timeout=None`` it runs in this process (no isolation, no limit).

    Raises:
        ExtractionTimeout: the call took longer than ``timeout``; the worker was replaced.
        ExtractionFailed: the call raised, ran out of memory, or the worker died.
    """
    if timeout is None:
        return fn(*args)
    with _lock:
        w = _get_worker()
        try:
            w.conn.send((fn, args))
        except (OSError, ValueError) as e:
            _discard_worker()
            raise ExtractionFailed("worker-crashed", f"could not reach the worker: {e}") from e
        if not w.conn.poll(timeout):
            _discard_worker()
            raise ExtractionTimeout(f"extraction took longer than {timeout:g} s")
        try:
            msg = w.conn.recv()
        except (EOFError, OSError) as e:
            code = w.proc.exitcode
            _discard_worker()
            raise ExtractionFailed("worker-crashed", f"the worker died (exit code {code})") from e
    if msg[0] == "ok":
        return msg[1]
    raise ExtractionFailed(msg[1], msg[2])


def shutdown() -> None:
    """Stop the worker process (it is also stopped when this process exits)."""
    with _lock:
        if _worker is not None:
            try:
                _worker.conn.send(None)
            except OSError:
                pass
            _discard_worker()
