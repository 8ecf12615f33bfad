"""Running the pipeline: plan the shards, process them (in worker processes or here), commit
each in shard order, then check that every input is accounted for and write ``stats.json``.

Guarantees:

- Output is the same whatever the number of workers: shards are committed in plan order
  and a shard's records keep their input order.
- ``--resume`` after a kill redoes only the shards without a done marker; since a shard's
  output is a function of its input and the settings (``added`` is kept in the run's
  state), the resumed run gives the same records as an uninterrupted one.
- A worker killed by the OS is replaced; the shard is redone with the document it was
  cleaning rejected as ``worker-crashed`` (a batch is first retried one document at a time
  to find which one it was).
- ``--limit N`` keeps the first N input records in input order, whatever the workers do.
- Counts are checked at the end: inputs = kept + rejected + duplicates, and the files hold
  as many records as the counts say; a mismatch fails the run.

Corpus-level stages (``--site-template``, ``--dedup``) need every document at once: with them
the run goes through :mod:`.corpus_run`, which feeds all shards in order to
``corpus.clean_records`` in this process and writes through the same per-shard outputs and
markers, but cannot be resumed. A resumable version would run the stage after the last
commit, from the committed files: per shard, write the new files beside the old, swap them in
by rename, and record the shard in a marker of the stage's own
(``.boilerstrip/STAGE/SSSSS.json``) before updating its counts.
"""

from __future__ import annotations

import contextlib
import dataclasses

import datetime as dt
import errno
import hashlib
import os
import shutil
import stat
import sys
import time
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Sequence

import orjson

from boilerstrip import __version__
from boilerstrip.pipeline.config import RunConfig, RunUsageError
from boilerstrip.io.compression import MissingExtra, is_remote
from boilerstrip.io.readers import display
from boilerstrip.pipeline.plan import STDIN, Shard, check_extras, plan, spool_stdin
from boilerstrip.pipeline.pool import PoolError, WorkerPool
from boilerstrip.pipeline.state import OutputState, names_for
from boilerstrip.pipeline.stats import ShardStats
from boilerstrip.pipeline.worker import ShardJob, ShardResult, process_shard

__all__ = ["run", "dry_run", "RunError", "RunUsageError", "RunResult", "fingerprint"]

#: Times one shard may kill its worker before the run gives up on it.
MAX_CRASHES_PER_SHARD = 25


class RunError(RuntimeError):
    """The run failed (output not writable, disk full, counts that do not reconcile)."""


@dataclass
class RunResult:
    stats: dict[str, Any]
    output: Path
    files: list[str] = field(default_factory=list)


def fingerprint(shards: Sequence[Shard], cfg: RunConfig) -> str:
    # (a local path as the file it names: `seeds`, `seeds/` and `./seeds/` give the same
    # records, and the same run again was refused as one of other inputs. Its folder resolved
    # once for all the files in it: `realpath` stats every part of a path)
    folders: dict[str, str] = {}

    def where(p: str, *, whole: bool = False) -> str:
        if is_remote(p) or p == STDIN:
            return display(p)
        if whole:  # (a shard's own path, a folder given maybe through a link: one per shard)
            return display(os.path.realpath(p))
        head, name = os.path.split(p.rstrip(os.sep) or p)
        if head not in folders:
            folders[head] = os.path.realpath(head or ".")
        return display(os.path.join(folders[head], name))

    payload = {  # display(): file names that are not UTF-8 cannot be serialised as they are
        "shards": [(s.format, where(s.path, whole=True), [(where(f), i) for f, i in s.files], s.error) for s in shards],
        "config": cfg.fingerprint_fields(),
        "version": __version__,
    }
    return hashlib.sha256(orjson.dumps(payload, default=repr)).hexdigest()


def _pipe_name(path: str) -> str:
    """The id of a page read from a pipe named on the command line: a FIFO's name without its
    suffixes, but ``pipe-63`` for the ``/dev/fd/63`` of ``<(zcat page.gz)`` (the bare number
    said nothing of where the page came from)."""
    base = os.path.basename(path)
    if base.isdigit() and os.path.basename(os.path.dirname(path)) == "fd":
        return f"pipe-{base}"
    return base.split(".")[0] or "pipe"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def dry_run(inputs: list[str], cfg: RunConfig) -> list[tuple[Shard, str]]:
    """The shards a run would process and the documents file each would write; reads no
    document and writes nothing."""
    shards = plan([p for p in inputs if p != STDIN], cfg)
    if STDIN in inputs:
        shards.append(Shard(index=len(shards), format="stdin", path="<stdin>"))
    return [(s, names_for(s.index, len(shards), cfg).documents) for s in shards]


class _Scheduler:
    """Hands shards to the workers and commits their results in shard order."""

    def __init__(self, shards: list[Shard], cfg: RunConfig, state: OutputState, added: str,
                 done: dict[int, dict[str, Any]], on_progress: Callable[[int], None] | None) -> None:
        self.shards, self.cfg, self.state, self.added = shards, cfg, state, added
        self.markers = dict(done)
        self.on_progress = on_progress
        self.staging = state.new_staging()
        self.queue: deque[ShardJob] = deque()
        self.results: dict[int, ShardResult] = {}
        self.jobs: dict[int, ShardJob] = {}
        self.crashes: dict[int, int] = {}
        self.blind: set[int] = set()
        self.progress: dict[int, int] = {}
        self.next_commit = 0
        self.committed_inputs = 0
        self.limit_reached = False
        for s in shards:
            if s.index not in self.markers:
                self.queue.append(self._job(s))

    def _job(self, s: Shard, **kw: Any) -> ShardJob:
        names = names_for(s.index, len(self.shards), self.cfg)
        return ShardJob(shard=s, cfg=self.cfg, names=names, staging=str(self.staging / f"{s.index:05d}"),
                        added=self.added, max_records=self._budget(), **kw)

    def _budget(self) -> int | None:
        return None if self.cfg.limit is None else max(self.cfg.limit - self.committed_inputs, 0)

    def _tick(self, index: int, n: int) -> None:
        if self.on_progress is not None:
            before = self.progress.get(index, 0)
            if n > before:
                self.on_progress(n - before)
        self.progress[index] = max(n, self.progress.get(index, 0))

    def advance(self) -> None:
        """Commit every finished shard whose predecessors are committed."""
        while self.next_commit < len(self.shards):
            i = self.next_commit
            if i in self.markers:
                self.committed_inputs += self.markers[i]["stats"]["inputs"]
            elif i in self.results:
                res = self.results.pop(i)
                budget = self._budget()
                if budget is not None and res.stats.inputs > budget:
                    # it read past the limit (started before its predecessors were done)
                    self.queue.appendleft(replace(self.jobs[i], max_records=budget))
                    return
                self.markers[i] = self.state.commit(Path(self.jobs[i].staging), res)
                self._tick(i, res.stats.inputs)
                self.committed_inputs += res.stats.inputs
            else:
                return
            self.next_commit += 1
            if self.cfg.limit is not None and self.committed_inputs >= self.cfg.limit:
                self.limit_reached = True
                self.queue.clear()
                return

    def crashed(self, job: ShardJob, at: tuple[int, int] | None, how: str) -> ShardJob:
        """The job to retry after its worker died while processing positions ``at``."""
        i = job.shard.index
        self.crashes[i] = self.crashes.get(i, 0) + 1
        if self.crashes[i] > MAX_CRASHES_PER_SHARD:
            raise RunError(f"shard {i} ({job.shard.label}) killed its worker {self.crashes[i]} times; giving up")
        if at is None:
            if i in self.blind:
                raise RunError(f"the worker died twice on shard {i} ({job.shard.label}) outside any document ({how})")
            self.blind.add(i)
            return job
        lo, hi = at
        if hi - lo == 1:
            skip = dict(job.skip)
            skip[lo] = ("worker-crashed", f"the worker process died on this document ({how})")
            return replace(job, skip=skip, careful=None)
        return replace(job, careful=(lo, hi))


def _run_inline(sched: _Scheduler) -> None:
    while sched.queue and not sched.limit_reached:
        job = sched.queue.popleft()
        i = job.shard.index
        job = replace(job, max_records=sched._budget())
        sched.jobs[i] = job

        def report(lo: int, hi: int, n: int, i: int = i) -> None:
            sched._tick(i, n)

        sched.results[i] = process_shard(job, report)
        sched.advance()


def _run_pool(sched: _Scheduler, workers: int) -> int:
    pool = WorkerPool(workers)
    running: dict[int, ShardJob] = {}
    try:
        while (sched.queue or running) and not sched.limit_reached:
            while sched.queue and pool.idle():
                job = sched.queue.popleft()
                job = replace(job, max_records=sched._budget())
                sched.jobs[job.shard.index] = job
                running[job.shard.index] = job
                pool.submit(job.shard.index, job)
            for ev in pool.poll(0.2):
                kind, i = ev[0], ev[1]
                if kind == "at":
                    if i in running:
                        sched._tick(i, ev[2])
                elif kind == "done":
                    running.pop(i, None)
                    sched.results[i] = ev[2]
                elif kind == "failed":
                    running.pop(i, None)
                    what = "writing the output failed" if ev[3] else "a worker failed"
                    raise RunError(f"{what} on shard {i} ({sched.shards[i].label}): {ev[2]}")
                elif kind == "crashed":
                    lost = running.pop(i, None)
                    if lost is not None:
                        sched.queue.appendleft(sched.crashed(lost, ev[2], ev[3]))
            sched.advance()
        return pool.crashes
    except PoolError as e:
        raise RunError(str(e)) from e
    finally:
        if running:  # interrupted, failed, or past the limit: no need to wait for them
            pool.kill()
        else:
            pool.close()


def _foreign_output(out: Path) -> bool:
    """Whether ``out`` holds files of the names a run writes (documents, rejects, stats, a
    ``txt`` folder)."""
    return any(
        f.name.startswith(("documents", "rejects")) or f.name in ("stats.json", "txt")
        for f in out.iterdir()
    )


def run(
    inputs: list[str],
    cfg: RunConfig,
    *,
    resume: bool = False,
    overwrite: bool = False,
    on_progress: Callable[[int], None] | None = None,
    stdin: Any = None,
) -> RunResult:
    """Clean ``inputs`` (files, folders, URLs, ``-`` for stdin) into ``cfg.output``.

    Raises:
        RunUsageError: the output folder holds an unfinished or different run (see
            ``resume``/``overwrite``), or stdin is to be resumed, or another run is writing
            to it now.
        RunError: the run failed; shards committed so far stay, ``resume=True`` continues.
    """
    # (a folder that does not exist yet is locked once the run has made it, after its first
    # checks: a run that made its own OUTDIR ran unlocked, and a second run let in on it
    # deleted the first one's staging files)
    lock: list[int] = []
    out = Path(cfg.output)
    made = not out.exists()
    _lock_output(out, lock)
    try:
        return _run(inputs, cfg, resume=resume, overwrite=overwrite, on_progress=on_progress, stdin=stdin, lock=lock)
    except (RunUsageError, ImportError):
        # refused before it wrote anything (an input in the output folder, an extra missing
        # for a remote input): the folder it made goes again. Only under its lock: a run
        # refused for the lock itself (another run made the folder at the same moment and
        # locked it first) leaves it to that run
        if made and lock:
            with contextlib.suppress(OSError):
                out.rmdir()  # (only if empty)
        raise
    finally:
        for fd in lock:
            os.close(fd)  # (closing the folder's descriptor releases its lock)


def _lock_output(out: Path, held: list[int]) -> None:
    """An exclusive lock on the output folder for the run (a second run on it, --resume or
    --overwrite, deleted the first one's staging files under it), held by an open descriptor
    of the folder itself (no file is added to it), put in ``held`` (nothing is done if it
    holds one already). None is taken where the folder does not exist yet (the run takes it
    once it has made the folder, after the checks that may refuse the run) or cannot be
    opened (the run says why), or the system has no ``flock``."""
    if held:
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return
    try:
        fd = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        os.close(fd)
        if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            raise RunUsageError(f"{out} is the output folder of another run that is writing to it now: wait for "
                                "it, or use another folder") from None
        return  # a file system without locks (some network ones): the run goes on unlocked
    held.append(fd)


def _run(
    inputs: list[str],
    cfg: RunConfig,
    *,
    resume: bool,
    overwrite: bool,
    on_progress: Callable[[int], None] | None,
    stdin: Any,
    lock: list[int],
) -> RunResult:
    t0 = time.perf_counter()
    out = Path(cfg.output)
    if resume and cfg.corpus is not None:
        raise RunUsageError("--site-template and --dedup look at the whole corpus at once, so such a run cannot be "
                            "resumed: run it again with --overwrite")
    if STDIN in inputs and resume:
        raise RunUsageError("a run that reads stdin cannot be resumed (stdin cannot be read again)")
    if inputs.count(STDIN) > 1:
        raise RunUsageError("stdin can be read only once")
    pipes = [p for p in inputs if _is_pipe(p)]
    if pipes and resume:
        raise RunUsageError(f"a run that reads a pipe ({display(os.fspath(pipes[0]))}) cannot be resumed (a pipe cannot be read again)")
    if out.exists() and not out.is_dir():  # a bad argument (2), not a failure of the run (1)
        raise RunUsageError(f"the output folder {out} is a file: give a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise RunError(f"cannot create output folder {out}: {e}") from e
    _lock_output(out, lock)
    real_out = os.path.realpath(out)
    for p in inputs:
        if p == STDIN or is_remote(os.fspath(p)):
            continue
        real = os.path.realpath(p)
        if os.path.commonpath([real, real_out]) == real_out:
            # the run clears OUTDIR's files before it reads its inputs: an input among them
            # would be deleted unread (an output folder inside an input folder is skipped)
            raise RunUsageError(f"the input {display(os.fspath(p))} is in the output folder {out}: write to another folder")
    state = OutputState(out)
    previous = state.load_run()
    if previous is not None and not resume and not overwrite and not state.finished():
        if previous.get("resumable") is False:  # a corpus run, or one that read stdin or a pipe
            raise RunUsageError(f"{out} holds an unfinished run that cannot be resumed (it read the whole corpus at "
                                "once, or standard input or a pipe): --overwrite to start over")
        raise RunUsageError(f"{out} holds an unfinished run: add --resume to continue it, or --overwrite to start over")
    if previous is None and not overwrite and _foreign_output(out):
        # files of the names a run writes, with no run of ours behind them: not ours to replace
        raise RunUsageError(f"{out} holds output files that no boilerstrip run here wrote: use another folder, "
                            "or --overwrite to replace them")
    spooled: dict[str, str] = {}  # spool file -> the input it stands for
    skipped: list[str] = []  # files of the inputs not read (see `plan`)
    try:
        if STDIN in inputs or pipes:
            if previous is not None:
                if not overwrite:
                    # (an unfinished run was refused above) a run that reads standard input or
                    # a pipe cannot tell whether its input is the finished run's: it does not
                    # replace that run's output unasked
                    raise RunUsageError(f"{out} holds the output of an earlier run, and a run from standard input or a "
                                        "pipe cannot tell whether it is the same: use another folder, or --overwrite "
                                        "to replace it")
                state.clear()
                previous = None
            named = []
            for i, p in enumerate(inputs):
                if p == STDIN:
                    path, _ = spool_stdin(state.dir / "stdin", cfg.input_format, stdin, max_bytes=cfg.options.max_bytes)
                elif p in pipes:
                    # named on the command line (`<(zcat pages.gz)`): read once, here (a worker
                    # cannot open this process's /dev/fd/N, and a FIFO is empty the second time)
                    try:
                        pipe = open(p, "rb")  # noqa: SIM115 - closed below
                    except OSError:
                        named.append(p)  # the reader rejects it as unreadable, saying why
                        continue
                    with pipe:
                        name = _pipe_name(os.fspath(p))
                        path, _ = spool_stdin(state.dir / "stdin" / str(i), cfg.input_format, pipe, name=name,
                                              max_bytes=cfg.options.max_bytes)
                else:
                    named.append(p)
                    continue
                spooled[path] = display(os.fspath(p)) if p != STDIN else STDIN
                named.append(path)
            inputs = named
        try:
            shards = plan(inputs, cfg, skipped)
            check_extras(shards, cfg)
            # their records (kept and rejected) name standard input or the pipe, not the spool file
            shards = [dataclasses.replace(s, shown=spooled[s.path]) if s.path in spooled else s for s in shards]
        except MissingExtra as e:
            raise RunUsageError(str(e)) from e
        fp = fingerprint(shards, cfg)
        done: dict[int, dict[str, Any]] = {}
        if resume and previous is not None and previous.get("fingerprint") == fp:
            added = previous["added"]
            for i, m in state.markers().items():
                if i >= len(shards):
                    continue
                if state.damage(m):
                    state.forget(m)  # a part lost or cut since it was written: the shard is done again
                else:
                    done[i] = m
        elif resume and previous is not None:
            raise RunUsageError(f"{out} holds a run with other inputs or settings: use another folder, or "
                                "--overwrite (in place of --resume) to replace it")
        else:
            if previous is not None and not overwrite and previous.get("fingerprint") != fp and not spooled:
                # the same inputs and settings give the same output: only another run is refused
                raise RunUsageError(f"{out} holds the output of a run with other inputs or settings: use another "
                                    "folder, or --overwrite to replace it")
            if previous is not None:
                state.clear()
            added = _now()
        state.start(fp, added, len(shards), resumable=cfg.corpus is None and not spooled)
        (out / "stats.json").unlink(missing_ok=True)
        resumed = len(done)
        sched = _Scheduler(shards, cfg, state, added, done, on_progress)
        crashes = 0
        if cfg.corpus is not None:
            from boilerstrip.pipeline.corpus_run import run_corpus

            run_corpus(sched)
        elif cfg.workers == 0:
            _run_inline(sched)
        elif sched.queue:
            crashes = _run_pool(sched, min(cfg.workers, max(len(sched.queue), 1)))
        sched.advance()
        shutil.rmtree(state.dir / "tmp", ignore_errors=True)
        shutil.rmtree(state.dir / "stdin", ignore_errors=True)
        # (inside: a full disk writing stats.json is the run's error, not a traceback)
        return _finish(state, shards, sched, cfg, resumed=resumed, crashes=crashes, seconds=time.perf_counter() - t0,
                       skipped=skipped)
    except OSError as e:
        # (a corpus run, or one that read stdin or a pipe, cannot be resumed: it starts over)
        again = ("the shards done so far are kept (use --resume)" if cfg.corpus is None and not spooled
                 else "run it again with --overwrite")
        raise RunError(f"writing to {out} failed: {e}; {again}") from e


def _is_pipe(p: str) -> bool:
    """A local input that is a pipe, a FIFO or a character device (read once, then gone; a
    socket cannot be opened as a file, and is left to the reader's rejection)."""
    if p == STDIN or is_remote(os.fspath(p)):
        return False
    try:
        mode = os.stat(p).st_mode
    except OSError:
        return False  # not found or unreadable: the plan rejects it
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _finish(state: OutputState, shards: list[Shard], sched: _Scheduler, cfg: RunConfig, *,
            resumed: int, crashes: int, seconds: float, skipped: list[str]) -> RunResult:
    total = ShardStats()
    problems: list[str] = []
    files: list[str] = []
    committed = 0
    for s in shards:
        m = sched.markers.get(s.index)
        if m is None:
            if not sched.limit_reached:
                problems.append(f"shard {s.index} ({s.label}) was not processed")
            continue
        committed += 1
        st = OutputState.stats_of(m)
        problems += [f"shard {s.index}: {p}" for p in st.problems()]
        problems += [f"shard {s.index}: {p}" for p in state.damage(m)]
        files += m["files"]
        total.add(st)
    problems += total.problems()
    d = total.to_dict()
    stats: dict[str, Any] = {
        "inputs": d["inputs"],
        "kept": d["kept"],
        "rejected": d["rejected"],
        "duplicates": d["duplicates"],
        "reconciled": not problems,
        "complete": not problems,
        **{k: v for k, v in d.items() if k not in ("inputs", "kept", "rejected", "duplicates")},
        "seconds": round(seconds, 3),
        "shards": len(shards),
        "shards_committed": committed,
        "shards_resumed": resumed,
        "limit_reached": sched.limit_reached,
        "workers": cfg.workers,
        "worker_crashes": crashes,
        # files of the inputs not read: no input by their names, or read already under another name
        "files_skipped": len(skipped),
        "files_skipped_first": skipped[:10],
        "version": __version__,
        "files": files,
    }
    if problems:
        stats["problems"] = problems
    state.write_stats(stats)
    if problems:
        raise RunError("the counts do not reconcile: " + "; ".join(problems[:5]))
    return RunResult(stats=stats, output=state.out, files=files)


def progress_bar(enabled: bool) -> tuple[Callable[[int], None] | None, Callable[[], None]]:
    """A tqdm bar on stderr when ``enabled`` and tqdm is installed (the ``progress`` extra);
    returns ``(update, close)``."""
    if not enabled:
        return None, lambda: None
    try:
        from tqdm import tqdm
    except ImportError:
        return None, lambda: None
    try:
        width = os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):
        width = 0
    # a terminal that reports no size (some ptys) would get no bar at all
    size: dict[str, Any] = {"dynamic_ncols": True} if width > 0 else {"ncols": 80, "nrows": 24}
    bar = tqdm(unit=" docs", file=sys.stderr, smoothing=0.1, **size)
    return bar.update, bar.close
