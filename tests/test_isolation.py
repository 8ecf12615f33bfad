"""The HTML worker process (boilerstrip.isolation) as a library user's program meets it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import boilerstrip

# the folder holding the boilerstrip these tests import (the source tree's python/ in a
# development install, site-packages after `pip install .`), so the user's script runs the same
PYTHON_DIR = str(Path(boilerstrip.__file__).resolve().parents[1])
PARA = "The council approved the new park on Monday after a long debate, and work will start in spring."
PAGE = f"<html><body><nav>Home</nav><article><p>{PARA}</p></article></body></html>"


def _run_script(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "user_script.py"
    script.write_text(body)
    env = {**os.environ, "PYTHONPATH": PYTHON_DIR + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240)


def test_script_without_main_guard_is_not_run_again_by_the_worker(tmp_path: Path) -> None:
    # the README's snippets have no `if __name__ == "__main__":`; a worker started the
    # multiprocessing "spawn" way imports the caller's script again, so its side effects
    # (here: truncating the output file) ran once more per worker start and the worker died
    r = _run_script(tmp_path, f"""
import json, boilerstrip
out = open("out.jsonl", "w")
print("body ran")
for i in range(3):
    doc = boilerstrip.clean_html({PAGE!r})
    out.write(json.dumps([doc.stats["mode"], doc.extra.get("fallback")]) + "\\n")
out.close()
""")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("body ran") == 1, r.stdout + r.stderr
    assert (tmp_path / "out.jsonl").read_text().splitlines() == ['["default", null]'] * 3, r.stderr


def test_fork_after_first_call_gives_the_child_its_own_worker(tmp_path: Path) -> None:
    # a fork pool (Linux's default before 3.14) after a first call in the parent: the
    # children inherited the parent's worker handle and failed an assertion on it
    r = _run_script(tmp_path, f"""
import multiprocessing as mp, boilerstrip

def work(i):
    doc = boilerstrip.clean_html({PAGE!r})
    return doc.stats["mode"], doc.extra.get("fallback"), {PARA!r} in doc.text

if __name__ == "__main__":
    print(work(0))
    with mp.get_context("fork").Pool(2) as pool:
        print(pool.map(work, range(4)))
    print(work(5))
""")
    assert r.returncode == 0, r.stderr
    ok = "('default', None, True)"
    assert r.stdout.splitlines() == [ok, "[" + ", ".join([ok] * 4) + "]", ok], r.stdout + r.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="fork")
def test_worker_survives_and_is_reused() -> None:
    from boilerstrip import isolation

    assert isolation.run_isolated(len, "abc", timeout=60) == 3
    first = isolation._get_worker()
    assert isolation.run_isolated(len, "abcd", timeout=60) == 4
    assert isolation._get_worker() is first


def test_ctrl_c_in_the_process_group_leaves_the_worker_to_its_caller() -> None:
    # Ctrl-C reaches every process of the group: the worker died with a KeyboardInterrupt (or
    # a BrokenPipeError) traceback beside the CLI's own message; the caller decides
    import signal
    import time

    from boilerstrip import isolation

    assert isolation.run_isolated(len, "abc", timeout=60) == 3
    w = isolation._get_worker()
    os.kill(w.proc.pid, signal.SIGINT)
    time.sleep(0.3)
    assert w.alive()
    assert isolation.run_isolated(len, "abcd", timeout=60) == 4
    assert isolation._get_worker() is w


def _slow_echo(x: str) -> str:
    import time

    time.sleep(1.5)
    return x


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="needs setitimer")
def test_interrupted_call_does_not_leave_its_answer_for_the_next() -> None:
    import signal

    from boilerstrip import isolation

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with pytest.raises(KeyboardInterrupt):
            isolation.run_isolated(_slow_echo, "first page", timeout=30)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert isolation.run_isolated(_slow_echo, "second page", timeout=30) == "second page"


class _GoneCaller:
    """A connection whose caller leaves while the worker answers: one job, whose answer
    cannot be pickled, and then every send fails as a closed pipe does."""

    def __init__(self) -> None:
        self.jobs = [(_unpicklable_answer, ())]
        self.sent: list[object] = []

    def recv(self) -> object:
        return self.jobs.pop() if self.jobs else None

    def send(self, obj: object) -> None:
        if obj[0] == "ok":  # type: ignore[index]
            raise TypeError("cannot pickle 'generator' object")
        raise BrokenPipeError("the caller is gone")


def _unpicklable_answer() -> object:
    return (x for x in ())


def test_worker_ends_quietly_when_the_caller_leaves_during_an_unpicklable_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    import resource
    import signal

    from boilerstrip.isolation import _worker_main

    # the worker's loop, run in this process: its memory limit and its SIGINT handler are
    # the worker process's, not the test run's
    monkeypatch.setattr(resource, "setrlimit", lambda *a: None)
    monkeypatch.setattr(signal, "signal", lambda *a: None)
    caller = _GoneCaller()
    # before: the fallback send's BrokenPipeError ended the worker with a traceback
    _worker_main(caller, memory_limit=2**40)  # type: ignore[arg-type]
    assert caller.jobs == []


def test_worker_memory_setting_takes_units_and_never_breaks_the_import() -> None:
    from boilerstrip.isolation import _memory_limit

    assert _memory_limit(None) == _memory_limit("") == 4 * 1024**3
    assert _memory_limit("1000000000") == 10**9
    with pytest.warns(RuntimeWarning, match="too small"):  # no worker could run under it
        assert _memory_limit("50M") == _memory_limit("1000") == 128 * 1024**2
    assert _memory_limit("400M") == _memory_limit("400 MiB") == _memory_limit("400mb") == 400 * 1024**2
    assert _memory_limit("1.5G") == 3 * 1024**3 // 2
    for bad in ("lots", "-5", "0", "4 GB of RAM"):
        with pytest.warns(RuntimeWarning, match="BOILERSTRIP_WORKER_MEMORY"):
            assert _memory_limit(bad) == 4 * 1024**3
    r = subprocess.run([sys.executable, "-c", "import boilerstrip.isolation as i; print(i.MEMORY_LIMIT_BYTES)"],
                       env={**os.environ, "BOILERSTRIP_WORKER_MEMORY": "400M"}, capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == str(400 * 1024**2), r.stderr
    # a value that warns warns once: the workers (which import this again) see the value in effect
    code = "import os, boilerstrip.isolation as i; print(i.MEMORY_LIMIT_BYTES, os.environ['BOILERSTRIP_WORKER_MEMORY'])"
    r = subprocess.run([sys.executable, "-c", code], env={**os.environ, "BOILERSTRIP_WORKER_MEMORY": "abc"},
                       capture_output=True, text=True)
    assert r.stdout.split() == [str(4 * 1024**3)] * 2 and r.stderr.count("RuntimeWarning") == 1, r.stderr
