"""Running the corpus-level stages (``--site-template``, ``--dedup``) inside the pipeline.

Those stages need every document before they can decide about any, so the records of all
shards, in plan order, go through :func:`boilerstrip.corpus.clean_records` (its passes, spool
and dedup tables) in this process; each result is routed back to the shard it came from and
written through the same per-shard writers, names and done markers as any run, so the output
layout, the formats and the accounting are the same. Such a run is not resumable (the
stages' state lives in memory) and its workers are Rust threads, not processes.
"""

from __future__ import annotations

import time
from array import array
from typing import Iterator

from boilerstrip.errors import InputError
from boilerstrip.io.readers import InputRecord
from boilerstrip.pipeline.plan import ShardIds, duplicate_id_detail, read_shard
from boilerstrip.pipeline.worker import ShardJob, ShardOutput
from boilerstrip.text import decode

__all__ = ["run_corpus"]


def _as_input(rec: InputRecord) -> InputRecord:
    """A record as the corpus stages take it: bytes plus kind (they do not read ``text`` or
    ``charset``)."""
    if rec.error:
        return rec
    if rec.text is not None:
        data = rec.text.encode("utf-8", "surrogatepass")
    else:
        data = rec.data
        if rec.charset and rec.kind != "html":  # HTML finds its charset in the page itself
            try:
                data = decode(data, declared=rec.charset).encode("utf-8", "surrogatepass")
            except InputError:
                pass  # the cleaner rejects it with the reason
    return InputRecord(id=rec.id, path=rec.path, data=data, kind=rec.kind, url=rec.url, position=rec.position)


def run_corpus(sched: object) -> None:
    """Process every queued shard of ``sched`` (a runner ``_Scheduler``) with the corpus
    stages, committing the shards in order."""
    from boilerstrip.corpus import clean_records

    s = sched  # duck-typed: queue, cfg, state, markers, staging, limit_reached
    jobs: list[ShardJob] = list(s.queue)  # type: ignore[attr-defined]
    s.queue.clear()  # type: ignore[attr-defined]
    cfg = s.cfg  # type: ignore[attr-defined]
    owner, position = array("q"), array("q")
    limit = cfg.limit

    read_secs = [0.0] * len(jobs)  # each shard's reading
    timings: dict[str, float] = {}  # the cleaning and the corpus passes, of all shards at once

    def timed(k: int, records: Iterator[InputRecord]) -> Iterator[InputRecord]:
        while True:
            t0 = time.perf_counter()
            rec = next(records, None)
            read_secs[k] += time.perf_counter() - t0
            if rec is None:
                return
            yield rec

    def feed() -> Iterator[InputRecord]:
        n = 0
        for k, job in enumerate(jobs):
            ids = ShardIds()
            for rec in timed(k, iter(read_shard(job.shard, cfg))):
                if limit is not None and n >= limit:
                    s.limit_reached = True  # type: ignore[attr-defined]
                    return
                n += 1
                owner.append(k)
                position.append(rec.position)
                if rec.error:  # it claims no id, as in `Worker.run`
                    yield _as_input(rec)
                    continue
                first = ids.claim(rec)
                if first is not None:
                    yield InputRecord(id=rec.id, path=rec.path, data=b"", url=rec.url, error="duplicate-id",
                                      error_detail=duplicate_id_detail(first))
                    continue
                yield _as_input(rec)

    out: ShardOutput | None = None
    current = -1  # the shard whose output is open (or was last)

    def close_current(last: bool = False) -> None:
        nonlocal out
        if out is not None:
            out.add_seconds("read", read_secs[current])
            if last:  # (the shards were cleaned together: the run's total goes with its last)
                for stage, secs in timings.items():
                    out.add_seconds(stage, secs)
            res = out.finish()
            s.markers[res.index] = s.state.commit(s.staging / f"{res.index:05d}", res)  # type: ignore[attr-defined]
            out = None

    def advance_to(k: int) -> None:
        """Commit the open shard and the (empty) shards before ``k``, then open ``k``."""
        nonlocal out, current
        while current < k:
            close_current()
            current += 1
            if current < len(jobs):
                out = ShardOutput(jobs[current])

    try:
        spool = s.staging / "corpus-spool"  # type: ignore[attr-defined]
        spool.mkdir(parents=True, exist_ok=True)
        results = clean_records(feed(), cfg.options, cfg.corpus, threads=max(cfg.workers, 1), mode=cfg.mode, spool_dir=spool,
                                timings=timings)
        for i, (rec, doc) in enumerate(results):
            k = owner[i]
            if k != current:
                advance_to(k)
            rec.position = position[i]
            assert out is not None
            out.add(rec, doc)
        if not s.limit_reached:  # type: ignore[attr-defined]
            advance_to(len(jobs) - 1)  # the shards after the last record (empty files)
        close_current(last=True)
    except BaseException:
        if out is not None:
            out.abort()
        raise
