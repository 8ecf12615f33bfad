"""Run the risky HTML parser in a child process that can be killed.

trafilatura and lxml can hang or crash on hostile pages, and a thread cannot be stopped. So
extraction runs in a long-lived worker process (one per calling process, started on first
use): the caller waits at most ``timeout`` seconds for the answer; on time-out the worker is
killed and replaced, and the caller gets :class:`ExtractionTimeout`. The worker's address
space is capped, so a memory blow-up ends in :class:`ExtractionFailed` instead of taking the
machine down. This is datatrove's ``extractors/base.py`` idea, kept per call so that it also
holds in the library API.

The worker is a plain ``python -c`` child, not a ``multiprocessing`` "spawn" process: spawn
re-imports the caller's main script in the child, so a user's script without an
``if __name__ == "__main__":`` guard ran again (side effects and all) and the worker died
on its own first call. A forked child of the caller starts its own worker rather than
talking over the parent's pipe.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
import warnings
from multiprocessing.connection import Connection
from typing import Any, Callable

from boilerstrip.errors import ExtractionFailed, ExtractionTimeout

__all__ = ["run_isolated", "shutdown", "MEMORY_LIMIT_BYTES"]

log = logging.getLogger(__name__)

_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


#: The smallest cap a worker gets: below about 100 MB a worker cannot even read its input
#: (Python, the extension and their libraries take most of it); a smaller setting is raised
#: to this, with a warning.
MIN_MEMORY_LIMIT = 128 * 1024**2


def _memory_limit(value: str | None, default: int = 4 * 1024**3) -> int:
    """``BOILERSTRIP_WORKER_MEMORY``: bytes, or with a unit (``400M``, ``4G``, ``4GiB``, ``512kb``).
    A value that is neither warns and leaves the default, and one below
    :data:`MIN_MEMORY_LIMIT` warns and gives that: an environment variable must not make
    ``import boilerstrip`` fail, nor every worker."""
    if value is None or not value.strip():
        return default
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", value, re.I)
    size = int(float(m.group(1)) * _UNITS[m.group(2).lower()]) if m else 0
    if size < 1:
        warnings.warn(f"BOILERSTRIP_WORKER_MEMORY={value!r} is no size (bytes, or 400M, 4G): "
                      f"the default {default} bytes is used", RuntimeWarning, stacklevel=2)
        return default
    if size < MIN_MEMORY_LIMIT:
        warnings.warn(f"BOILERSTRIP_WORKER_MEMORY={value!r} is too small for a worker to run: "
                      f"{MIN_MEMORY_LIMIT // 1024**2}M is used", RuntimeWarning, stacklevel=2)
        return MIN_MEMORY_LIMIT
    return size


#: Address-space cap of the worker process (bytes); ``BOILERSTRIP_WORKER_MEMORY`` overrides.
MEMORY_LIMIT_BYTES = _memory_limit(os.environ.get("BOILERSTRIP_WORKER_MEMORY"))
if os.environ.get("BOILERSTRIP_WORKER_MEMORY", "").strip() and str(MEMORY_LIMIT_BYTES) != os.environ["BOILERSTRIP_WORKER_MEMORY"]:
    # the value in effect, for the worker processes, which import this again: the warning
    # above is then given once, by the process the user started
    os.environ["BOILERSTRIP_WORKER_MEMORY"] = str(MEMORY_LIMIT_BYTES)


def _worker_main(conn: Connection, memory_limit: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    except (ImportError, ValueError, OSError):  # not on every platform
        pass
    import signal

    # Ctrl-C reaches the whole process group: the caller decides what an interrupt ends (it
    # kills this worker or closes the connection, and then the worker returns); interrupted
    # here, the worker printed a KeyboardInterrupt or BrokenPipeError traceback beside the
    # CLI's own message
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        fn, args = job
        try:
            answer: tuple[Any, ...] = ("ok", fn(*args))
        except MemoryError:
            answer = ("error", "memory-limit", "the page needed more memory than the worker is allowed")
        except RecursionError:
            answer = ("error", "too-deep", "the page is nested too deeply to parse")
        except Exception as e:  # the parser's own failures become a reason, not a crash
            answer = ("error", "parser-error", f"{type(e).__name__}: {e}")
        try:
            conn.send(answer)
        except OSError:  # the caller is gone (BrokenPipeError): nobody waits for the answer
            return
        except Exception as e:  # an answer that cannot be pickled (nothing was sent)
            try:
                conn.send(("error", "parser-error", f"{type(e).__name__}: {e}"))
            except OSError:  # and the caller went away meanwhile
                return


# The child imports nothing of the caller's but boilerstrip, from the caller's sys.path
# (sent first, so that a function pickled by reference resolves as in the caller).
_BOOT = """\
import sys
from multiprocessing.connection import Connection
conn = Connection(int(sys.argv[1]))
sys.path[:] = conn.recv()
from boilerstrip.isolation import _worker_main
_worker_main(conn, int(sys.argv[2]))
"""


class _Worker:
    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", _BOOT, str(theirs.fileno()), str(MEMORY_LIMIT_BYTES)],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
            )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        self.conn.send(list(sys.path))

    def alive(self) -> bool:
        return self.proc.poll() is None

    @property
    def exitcode(self) -> int | None:
        return self.proc.poll()

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.wait(5)
        finally:
            self.conn.close()


_lock = threading.Lock()
_worker: _Worker | None = None


def _get_worker() -> _Worker:
    global _worker
    if _worker is None or not _worker.alive():
        if _worker is not None:
            _worker.conn.close()
        _worker = _Worker()
    return _worker


def _discard_worker() -> None:
    global _worker
    if _worker is not None:
        _worker.kill()
        _worker = None


def _forget_after_fork() -> None:
    """In a forked child (``datasets.map(num_proc=...)``, a fork-started pool): the worker
    belongs to the parent, which alone may poll or kill it, and the lock may have been held by
    a thread that does not exist here. The child starts its own worker when it needs one."""
    global _lock, _worker
    _lock = threading.Lock()
    if _worker is not None:
        _worker.conn.close()  # this process's copy only; the parent's end stays open
        _worker = None


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_forget_after_fork)


def _wait(conn: Connection, timeout: float) -> bool:
    """``conn.poll(timeout)`` for any timeout: poll takes at most ~24 days (a C int of
    milliseconds), and ``inf`` is a fair way to ask for isolation without a time limit."""
    end = time.monotonic() + timeout
    while True:
        left = end - time.monotonic()
        if conn.poll(max(0.0, min(left, 86400.0))):
            return True
        if left <= 86400.0:
            return False


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
        try:
            if not _wait(w.conn, timeout):
                _discard_worker()
                raise ExtractionTimeout(f"extraction took longer than {timeout:g} s")
            msg = w.conn.recv()
        except ExtractionTimeout:  # a TimeoutError, so an OSError: not the worker dying
            raise
        except (EOFError, OSError) as e:
            try:
                w.proc.wait(1)  # it is dying: let its exit code arrive
            except subprocess.TimeoutExpired:
                pass
            code = w.exitcode
            _discard_worker()
            raise ExtractionFailed("worker-crashed", f"the worker died (exit code {code})") from e
        except BaseException:
            # interrupted (Ctrl-C, a notebook's stop) while the worker still works on this
            # call: its answer would be taken as the next call's
            _discard_worker()
            raise
    if msg[0] == "ok":
        return msg[1]
    raise ExtractionFailed(msg[1], msg[2])


@atexit.register
def shutdown() -> None:
    """Stop the worker process (it is also stopped when this process exits)."""
    with _lock:
        if _worker is not None:
            try:
                _worker.conn.send(None)
            except OSError:
                pass
            _discard_worker()
