"""Cleaning one input shard into its output parts (in a worker process, or in this one).

Records are read in order; each becomes a document, a rejection or a duplicate (an id given
again in the same shard: see ``ShardIds``). Text records go to the Rust core in batches
(``clean_text_batch``, which releases the GIL); HTML records go one by one through
``clean_html``, which runs trafilatura in its isolated, killable process. Before each record
or batch the worker reports which positions it is about to process, so that if the worker
dies there, the runner knows which document killed it.

Files go to a staging folder; the runner moves them into the output folder when the shard
is committed.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import orjson

from boilerstrip.clean import clean
from boilerstrip.document import Document
from boilerstrip.errors import InputError
from boilerstrip.html import clean_html, decode_html
from boilerstrip.io.parquet_writer import ParquetWriter
from boilerstrip.io.parts import PartWriter
from boilerstrip.io.readers import InputRecord
from boilerstrip.io.txt_writer import TxtWriter
from boilerstrip.io.writers import JsonlWriter, RecordWriter
from boilerstrip.options import Options
from boilerstrip.pipeline.config import RunConfig
from boilerstrip.pipeline.plan import Shard, ShardIds, duplicate_id_detail, read_shard
from boilerstrip.pipeline.stats import DUPLICATE_REASONS, ShardStats
from boilerstrip.text import _reject, clean_text, clean_text_batch, decode

__all__ = ["process", "ShardJob", "ShardResult", "Names", "ShardOutput", "process_shard", "FAULT_ENV", "DUPLICATE_REASONS"]

#: Fault injection for tests: a worker about to clean the record with this id kills itself
#: with SIGKILL, as the OS's out-of-memory killer would.
FAULT_ENV = "BOILERSTRIP_FAULT_KILL_ID"

Report = Callable[[int, int, int], None]  # (first position, end position, records done)

_BATCH_BYTES = 8 << 20


def process(rec: InputRecord, options: Options, mode: str) -> Document:
    """Clean one input record, whatever its kind; never raises for bad content."""
    kind = rec.kind if mode == "auto" else mode
    if rec.text is not None:
        if kind == "html":
            return clean_html(rec.text, url=rec.url, id=rec.id, options=options)
        if kind == "text":
            return clean_text(rec.text, url=rec.url, id=rec.id, options=options)
        return clean(rec.text, url=rec.url, id=rec.id, options=options)
    if len(rec.data) > options.max_bytes:
        return _reject("too-large", url=rec.url, id=rec.id)
    if kind == "html":
        if rec.charset:
            try:
                return clean_html(decode_html(rec.data, http_charset=rec.charset), url=rec.url, id=rec.id, options=options)
            except InputError as e:
                return _reject(e.reason, url=rec.url, id=rec.id, fmt="html")
        return clean_html(rec.data, url=rec.url, id=rec.id, options=options)
    if kind == "text":
        try:
            text = decode(rec.data, declared=rec.charset)
        except InputError as e:
            return _reject(e.reason, url=rec.url, id=rec.id)
        return clean_text(text, url=rec.url, id=rec.id, options=options)
    return clean(rec.data, url=rec.url, id=rec.id, options=options)


@dataclass(frozen=True)
class Names:
    """Output names of one shard, relative to the output folder."""

    documents: str  # with ``{part}`` where output is split into parts
    rejects: str
    txt_dir: str


@dataclass
class ShardJob:
    """What a worker needs to process one shard. ``skip`` maps positions to the
    ``(reason, detail)`` they are rejected with unread (documents that killed a worker);
    positions in ``careful`` are cleaned one at a time, to find which one did."""

    shard: Shard
    cfg: RunConfig
    names: Names
    staging: str
    added: str
    max_records: int | None = None
    skip: dict[int, tuple[str, str]] = field(default_factory=dict)
    careful: tuple[int, int] | None = None


@dataclass
class ShardResult:
    index: int
    files: list[str]
    stats: ShardStats


def _doc_writer(job: ShardJob, root: Path) -> tuple[Any, Callable[[], list[str]]]:
    cfg = job.cfg
    if cfg.format == "txt":
        tw = TxtWriter(root / job.names.txt_dir)
        return tw, lambda: [f"{job.names.txt_dir}/{f}" for f in tw.files]

    def make(k: int) -> RecordWriter:
        name = job.names.documents.format(part=k)
        if cfg.format == "parquet":
            return ParquetWriter(root / name, compression=cfg.doc_compression)
        return JsonlWriter(root / name)

    pw = PartWriter(make, max_records=cfg.shard_records, max_bytes=cfg.shard_bytes)
    return pw, lambda: [job.names.documents.format(part=k) for k in range(len(pw.parts))]


class _Run:
    """The state of processing one shard: its writers and counts (:class:`ShardOutput` is
    the part the corpus runner uses on its own)."""

    def __init__(self, job: ShardJob, report: Report | None) -> None:
        self.job = job
        self.cfg = job.cfg
        self.report = report
        self.stats = ShardStats()
        self.root = Path(job.staging)
        self.docs, self.doc_files = _doc_writer(job, self.root)
        try:
            self.rejects = JsonlWriter(self.root / job.names.rejects)
        except BaseException:
            self.docs.abort()
            raise
        self.ids = ShardIds()
        self.pending: list[tuple[InputRecord, tuple[str, str | None, bool] | None]] = []
        self.pending_bytes = 0
        self.fault_id = os.environ.get(FAULT_ENV)

    # -- bookkeeping ---------------------------------------------------------------------

    def _time(self, stage: str, t0: float) -> None:
        self.stats.seconds_by_stage[stage] += time.perf_counter() - t0

    def _at(self, lo: int, hi: int, recs: list[InputRecord]) -> None:
        if self.report is not None:
            self.report(lo, hi, self.stats.inputs)
        if self.fault_id is not None and any(r.id == self.fault_id for r in recs):
            os.kill(os.getpid(), signal.SIGKILL)

    def _drop(self, rec: InputRecord, reason: str, detail: str | None, *, duplicate: bool = False,
              duplicate_of: str | None = None) -> None:
        t0 = time.perf_counter()
        # the rejects record the CLI has always written (and the integrations write too)
        self.rejects.write(
            {"id": rec.id, "path": rec.path, "reason": reason, "detail": detail, "duplicate_of": duplicate_of,
             "added": self.job.added}
        )
        self._time("write", t0)
        if duplicate:
            self.stats.duplicates += 1
            self.stats.duplicates_by_reason[reason] += 1
        else:
            self.stats.rejected += 1
            self.stats.rejected_by_reason[reason] += 1
        self.stats.rejects_written += 1

    def _emit(self, rec: InputRecord, doc: Document) -> None:
        if doc.rejected:
            self._drop(rec, doc.rejected, doc.rejected_detail, duplicate=doc.rejected in DUPLICATE_REASONS,
                       duplicate_of=doc.extra.get("duplicate_of"))
            return
        t0 = time.perf_counter()
        try:
            record = doc.to_dict(source=self.cfg.source, path=rec.path, added=self.job.added, include_lines=self.cfg.include_lines)
            orjson.dumps(record)  # a record that cannot be written is rejected, not fatal
        except (TypeError, ValueError) as e:
            self._time("write", t0)
            self._drop(rec, "unserialisable", f"{type(e).__name__}: {e}")
            return
        self.docs.write(record)
        self._time("write", t0)
        self.stats.kept += 1
        self.stats.documents_written += 1
        self.stats.lines_dropped_by_reason.update(doc.reason_counts)

    # -- cleaning ------------------------------------------------------------------------

    def _careful(self, pos: int) -> bool:
        c = self.job.careful
        return c is not None and c[0] <= pos < c[1]

    def _flush(self) -> None:
        """Clean the pending text records in one batch, then write every pending item in
        input order (rejections waiting behind them too, so the rejects keep input order)."""
        if not self.pending:
            return
        items, self.pending, self.pending_bytes = self.pending, [], 0
        texts: list[str] = []
        ok: list[InputRecord] = []
        failed: dict[int, tuple[str, str | None]] = {}
        for i, (rec, drop) in enumerate(items):
            if drop is not None:
                continue
            if rec.text is not None:
                texts.append(rec.text)
                ok.append(rec)
            elif len(rec.data) > self.cfg.options.max_bytes:
                failed[i] = ("too-large", None)
            else:
                try:
                    texts.append(decode(rec.data, declared=rec.charset))
                    ok.append(rec)
                except InputError as e:
                    failed[i] = (e.reason, None)
        docs: list[Document] = []
        if ok:
            self._at(ok[0].position, ok[-1].position + 1, ok)
            t0 = time.perf_counter()
            docs = clean_text_batch(texts, urls=[r.url for r in ok], ids=[r.id for r in ok], options=self.cfg.options)
            self._time("clean_text", t0)
        it = iter(docs)
        for i, (rec, drop) in enumerate(items):
            if drop is not None:
                self._drop(rec, drop[0], drop[1], duplicate=drop[2])
            elif i in failed:
                self._drop(rec, *failed[i])
            else:
                self._emit(rec, next(it))

    def _reject_later(self, rec: InputRecord, reason: str, detail: str | None, duplicate: bool = False) -> None:
        if self.pending:
            self.pending.append((rec, (reason, detail, duplicate)))
            if len(self.pending) >= self.cfg.batch_size:
                self._flush()
        else:
            self._drop(rec, reason, detail, duplicate=duplicate)

    def _one(self, rec: InputRecord, kind: str) -> None:
        self._at(rec.position, rec.position + 1, [rec])
        t0 = time.perf_counter()
        try:
            doc = process(rec, self.cfg.options, self.cfg.mode)
        except Exception as e:  # a bug must cost one document, not the run
            self._time("clean_html" if kind != "text" else "clean_text", t0)
            self._drop(rec, "internal-error", f"{type(e).__name__}: {e}")
            return
        self._time("clean_html" if kind != "text" else "clean_text", t0)
        self._emit(rec, doc)

    def _records(self) -> Iterator[InputRecord]:
        it = read_shard(self.job.shard, self.cfg)
        while True:
            t0 = time.perf_counter()
            try:
                rec = next(it)
            except StopIteration:
                self._time("read", t0)
                return
            self._time("read", t0)
            yield rec

    def run(self) -> ShardResult:
        job, cfg = self.job, self.cfg
        try:
            for rec in self._records():
                if job.max_records is not None and self.stats.inputs >= job.max_records:
                    break
                self.stats.inputs += 1
                if rec.position in job.skip:
                    self._reject_later(rec, *job.skip[rec.position])
                    continue
                # a record that cannot be read keeps its own reason and claims no id: a good
                # record of the same id after it is still cleaned
                if rec.error:
                    self._reject_later(rec, rec.error, rec.error_detail)
                    continue
                first = self.ids.claim(rec)
                if first is not None:
                    self._reject_later(rec, "duplicate-id", duplicate_id_detail(first), True)
                    continue
                kind = rec.kind if cfg.mode == "auto" else cfg.mode
                if kind == "text" and not self._careful(rec.position):
                    self.pending.append((rec, None))
                    self.pending_bytes += len(rec.text) if rec.text is not None else len(rec.data)
                    if len(self.pending) >= cfg.batch_size or self.pending_bytes >= _BATCH_BYTES:
                        self._flush()
                else:
                    self._flush()
                    self._one(rec, kind)
            self._flush()
        except BaseException:
            self.abort()
            raise
        return self.finish()

    def finish(self) -> ShardResult:
        """Close the files (complete under their final names in the staging folder)."""
        t0 = time.perf_counter()
        try:
            self.docs.close()
            self.rejects.close()
        except BaseException:
            self.abort()
            raise
        self._time("write", t0)
        return ShardResult(index=self.job.shard.index, files=self.doc_files() + [self.job.names.rejects], stats=self.stats)

    def abort(self) -> None:
        self.docs.abort()
        self.rejects.abort()


class ShardOutput:
    """The output side of one shard, for a runner that cleans records itself (the corpus
    stages): :meth:`add` a record with its document, or with ``None`` for a read error."""

    def __init__(self, job: ShardJob) -> None:
        Path(job.staging).mkdir(parents=True, exist_ok=True)
        self._run = _Run(job, None)
        self.job = job

    def add(self, rec: InputRecord, doc: Document | None) -> None:
        self._run.stats.inputs += 1
        if rec.error:
            self._run._drop(rec, rec.error, rec.error_detail, duplicate=rec.error in DUPLICATE_REASONS)
        elif doc is not None:
            self._run._emit(rec, doc)

    def add_seconds(self, stage: str, secs: float) -> None:
        """Add to the shard's time in ``stage`` (one of ``STAGES``)."""
        self._run.stats.seconds_by_stage[stage] += secs

    def finish(self) -> ShardResult:
        return self._run.finish()

    def abort(self) -> None:
        self._run.abort()


def process_shard(job: ShardJob, report: Report | None = None) -> ShardResult:
    """Clean the records of ``job.shard`` into ``job.staging``; raises only for failures of
    the run itself (an unwritable or full output disk)."""
    Path(job.staging).mkdir(parents=True, exist_ok=True)
    return _Run(job, report).run()
