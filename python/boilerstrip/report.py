"""``boilerstrip report OUTDIR -o report.html``: one self-contained HTML page about a run.

It reads a ``boilerstrip clean`` output folder (``documents*.jsonl`` parts, plain, ``.gz`` or
``.zst``, or ``documents*.parquet``, or the ``txt/`` folder; ``rejects*.jsonl``; and
``stats.json`` when there is one) in one streaming pass, so a large run costs a few numbers
per document plus the samples. A damaged part (a torn line, bytes that are not UTF-8, a cut
compressed file) is counted as skipped lines and shown, never an exception. Counts come from the
records themselves; ``stats.json`` adds the run's time and version, and a disagreement
between the two is shown on the page. Samples are chosen by a hash of the id, so the same
folder always gives the same report.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import math
import os
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from boilerstrip import _core
from boilerstrip.io.compression import capped_lines, open_input
from boilerstrip.pipeline.state import OutputState
from boilerstrip.pipeline.stats import DUPLICATE_REASONS

__all__ = ["Summary", "collect", "write_report", "add_report_command", "output_parts"]

_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst")


def output_parts(outdir: Path, prefix: str, suffixes: tuple[str, ...] = _SUFFIXES) -> list[Path]:
    """The finished parts ``PREFIX*.jsonl[.gz|.zst]`` of a folder, sorted (``.tmp`` files,
    parts still being written, are not finished)."""
    return sorted(p for p in outdir.glob(f"{prefix}*") if p.is_file() and p.name.endswith(suffixes))


#: the longest output line read: a record of the largest document (--max-bytes is 16 MB by
#: default), its lines and their JSON escapes fit many times over
_LINE_CAP = 1 << 28


def _records(paths: list[Path], bad: Counter[str]) -> Iterator[dict[str, Any]]:
    for p in paths:
        try:
            with open_input(p) as f:
                for raw in capped_lines(f, _LINE_CAP):
                    if raw is None:  # a line no run writes (a zstd bomb inflates to gigabytes)
                        bad[p.name] += 1
                        continue
                    if not raw.strip():
                        continue
                    try:
                        rec = json.loads(raw.decode("utf-8"))
                    except ValueError:  # a torn last line of a crashed run, bytes that are not UTF-8
                        bad[p.name] += 1
                        continue
                    if isinstance(rec, dict):
                        yield rec
                    else:
                        bad[p.name] += 1
        except (OSError, EOFError, zlib.error):  # a cut or damaged .gz/.zst: what came before counts
            bad[p.name] += 1


def _parquet_records(paths: list[Path], bad: Counter[str]) -> Iterator[dict[str, Any]]:
    if not paths:  # (a folder without Parquet parts needs no pyarrow: every report asked for it)
        return
    from boilerstrip.io.compression import require
    from boilerstrip.io.parquet_writer import from_row

    pq = require("pyarrow.parquet", "parquet")
    for p in paths:
        try:
            for batch in pq.ParquetFile(p).iter_batches(batch_size=256):
                for row in batch.to_pylist():
                    yield from_row(row)
        except Exception:  # pyarrow raises ArrowInvalid, OSError, ... for a damaged file
            bad[p.name] += 1


def _txt_records(root: Path, bad: Counter[str]) -> Iterator[dict[str, Any]]:
    for side in sorted(p for p in root.rglob("*.json") if p.is_file()):
        try:
            rec = json.loads(side.read_bytes().decode("utf-8"))
            text = side.with_name(side.name[: -len(".json")] + ".txt").read_bytes().decode("utf-8")
        except (OSError, ValueError):
            bad[side.relative_to(root.parent).as_posix()] += 1
            continue
        if isinstance(rec, dict):
            rec["text"] = text[:-1] if text.endswith("\n") else text
            yield rec
        else:
            bad[side.relative_to(root.parent).as_posix()] += 1


def _int(x: object) -> int:
    """A count from a record, or 0 when it is missing, not a number, negative or beyond any
    real count (hand-edited files: 1e400 is infinite, -1e308 overflowed the percentages)."""
    if isinstance(x, (bool, int)) or (isinstance(x, float) and math.isfinite(x)):
        return int(x) if 0 <= x < 2**53 else 0
    return 0


def _count(v: str) -> int:
    """An argument that counts something: 0 or more."""
    try:
        n = int(v)
    except ValueError:  # (argparse named the function: "invalid _count value")
        raise argparse.ArgumentTypeError(f"must be a whole number, got {v!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {n}")
    return n


def as_dict(x: object) -> dict[str, Any]:
    """``x`` if it is a dict (a JSON object), else an empty dict."""
    return x if isinstance(x, dict) else {}


def as_text(x: object) -> str:
    """``x`` if it is a string, else an empty one (a record's text of the wrong JSON type)."""
    return x if isinstance(x, str) else ""


def _rank(record_id: object) -> int:
    """A stable pseudo-random rank for sampling (the same on every machine and run)."""
    return _core.hash_bytes(str(record_id).encode("utf-8", "surrogatepass"), seed=0x5EED)


@dataclass
class Summary:
    """What the report shows, gathered from one output folder."""

    outdir: str
    kept: int = 0
    #: Rejects for a fault of their own (``stats.json``'s ``rejected``).
    rejected: int = 0
    rejected_by_reason: Counter[str] = field(default_factory=Counter)
    #: Rejects of a reason in ``DUPLICATE_REASONS`` (``stats.json``'s ``duplicates``).
    duplicates: int = 0
    duplicates_by_reason: Counter[str] = field(default_factory=Counter)
    lines_dropped_by_reason: Counter[str] = field(default_factory=Counter)
    lines_in: int = 0
    lines_kept: int = 0
    words_in: list[int] = field(default_factory=list)
    words_out: list[int] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)
    formats: Counter[str] = field(default_factory=Counter)
    with_lines: int = 0
    samples: list[dict[str, Any]] = field(default_factory=list)
    reject_samples: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, Any] | None = None
    bad_lines: Counter[str] = field(default_factory=Counter)
    document_parts: list[str] = field(default_factory=list)
    reject_parts: list[str] = field(default_factory=list)
    #: The folder holds a run that did not finish (interrupted, or still running).
    unfinished: bool = False

    @property
    def inputs(self) -> int:
        return self.kept + self.rejected + self.duplicates

    def mismatches(self) -> list[str]:
        """Where ``stats.json`` disagrees with the records (a partial or mixed folder)."""
        if not self.stats:
            return []
        out = []
        for key, mine in (("inputs", self.inputs), ("kept", self.kept), ("rejected", self.rejected),
                          ("duplicates", self.duplicates)):
            theirs = self.stats.get(key)
            if isinstance(theirs, int) and theirs != mine:
                out.append(f"stats.json says {key} = {theirs:,}, the files hold {mine:,}")
        return out


def collect(outdir: str | Path, *, samples: int = 12, reject_samples: int = 25) -> Summary:
    """Read an output folder into a :class:`Summary`.

    Raises:
        FileNotFoundError: the folder has no documents or rejects parts.
    """
    out = Path(outdir)
    doc_parts, rej_parts = output_parts(out, "documents"), output_parts(out, "rejects")
    pq_parts = output_parts(out, "documents", (".parquet",))
    txt: Path | None = out / "txt" if (out / "txt").is_dir() else None
    if not doc_parts and not rej_parts and not pq_parts and txt is None:
        raise FileNotFoundError(f"no documents*.jsonl, documents*.parquet, txt/ or rejects*.jsonl in {out}")
    names = [p.name for p in doc_parts + pq_parts] + (["txt/"] if txt is not None else [])
    s = Summary(outdir=str(out), document_parts=names, reject_parts=[p.name for p in rej_parts])
    stats_path = out / "stats.json"
    if stats_path.is_file():
        try:
            s.stats = json.loads(stats_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            s.stats = None
        if not isinstance(s.stats, dict):  # (valid JSON that is no object is no stats either)
            s.stats = None
    # a run's state left without a complete stats.json (written last): it did not finish
    state = OutputState(out)
    s.unfinished = state.run_file.is_file() and not state.finished()
    # the ``samples`` records of smallest rank, kept in a bounded heap (max-heap by rank)
    heap: list[tuple[int, int, dict[str, Any]]] = []
    docs = itertools.chain(_records(doc_parts, s.bad_lines), _parquet_records(pq_parts, s.bad_lines),
                           _txt_records(txt, s.bad_lines) if txt is not None else ())
    for n, rec in enumerate(docs):
        meta = as_dict(rec.get("metadata"))
        st = as_dict(meta.get("stats"))
        s.kept += 1
        dropped = st.get("lines_dropped")
        if isinstance(dropped, dict):
            for reason, count in dropped.items():
                s.lines_dropped_by_reason[str(reason)] += _int(count)
        s.lines_in += _int(st.get("lines_in"))
        s.lines_kept += _int(st.get("lines_kept"))
        s.words_in.append(_int(st.get("words_in")))
        s.words_out.append(_int(st["words_out"]) if "words_out" in st else len(as_text(rec.get("text")).split()))
        s.languages[str(meta.get("language") or "unknown")] += 1
        s.formats[str(meta.get("format") or "unknown")] += 1
        if meta.get("lines"):
            s.with_lines += 1
        item = (-_rank(rec.get("id")), n, rec)
        if len(heap) < samples:
            heapq.heappush(heap, item)
        elif samples and item > heap[0]:
            heapq.heapreplace(heap, item)
    s.samples = [r for _, _, r in sorted(heap, key=lambda t: (-t[0], t[1]))]
    rheap: list[tuple[int, int, dict[str, Any]]] = []
    for n, rec in enumerate(_records(rej_parts, s.bad_lines)):
        reason = str(rec.get("reason") or "unknown")
        if reason in DUPLICATE_REASONS:
            s.duplicates += 1
            s.duplicates_by_reason[reason] += 1
        else:
            s.rejected += 1
            s.rejected_by_reason[reason] += 1
        item = (-_rank(rec.get("id")), n, rec)
        if len(rheap) < reject_samples:
            heapq.heappush(rheap, item)
        elif reject_samples and item > rheap[0]:
            heapq.heapreplace(rheap, item)
    s.reject_samples = [r for _, _, r in sorted(rheap, key=lambda t: (-t[0], t[1]))]
    return s


def write_report(outdir: str | Path, output: str | Path, *, samples: int = 12, title: str | None = None) -> Path:
    """Write the HTML report of ``outdir`` to ``output``; returns its path."""
    from boilerstrip._report_render import render

    if not os.fspath(output):
        raise ValueError("the report needs a file name (-o FILE)")
    dest = Path(output)
    out = Path(outdir)
    where, home = dest.resolve(), out.resolve()
    if where.exists() and not where.is_file():
        # (the page is written beside it and renamed over it: a FIFO, a device or a link to
        # one would be replaced by a plain file, and a folder cannot be)
        raise ValueError(f"{dest} is not a regular file (a folder, a FIFO or a device): write the report to a file")
    if where.parent == home and (
            where.name == "stats.json" or where.name.startswith(("documents", "rejects")) or where.suffix == ".jsonl"):
        # (`-o OUTDIR/documents.jsonl` replaced the run's documents with the page)
        raise ValueError(f"{dest} is a file of the run in {outdir}: write the report elsewhere")
    if where.is_relative_to(home / "txt") or where.is_relative_to(OutputState(out).dir.resolve()):
        raise ValueError(f"{dest} is inside the run's own files in {outdir}: write the report elsewhere")
    summary = collect(outdir, samples=samples)
    html = render(summary, title=title or f"boilerstrip report: {Path(outdir).name or outdir}")
    # (a link is written through: its target gets the page, and the link stays)
    where.parent.mkdir(parents=True, exist_ok=True)
    tmp = where.with_name(where.name + ".tmp")
    try:
        tmp.write_text(html, encoding="utf-8")
        tmp.replace(where)
    except BaseException:
        tmp.unlink(missing_ok=True)  # (OUTPUT a folder: the page was left beside it as .tmp)
        raise
    return dest


def _cmd_report(a: argparse.Namespace) -> int:
    import sys

    if not Path(a.outdir).is_dir():  # a bad argument, as `clean` and `explain` say of theirs
        print(f"boilerstrip: no such folder: {a.outdir}", file=sys.stderr)
        return 2
    try:
        dest = write_report(a.outdir, a.output, samples=a.samples, title=a.title)
    except (FileNotFoundError, ImportError) as e:
        print(f"boilerstrip: {e}", file=sys.stderr)
        return 1
    except ValueError as e:  # a report that would replace a file of the run
        print(f"boilerstrip: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"boilerstrip: cannot write the report: {e}", file=sys.stderr)
        return 1
    if not a.quiet:
        print(f"boilerstrip: report written to {dest}", file=sys.stderr)
    return 0


def add_report_command(sub: Any) -> None:
    """Register ``boilerstrip report`` on the CLI's subcommand parser."""
    r = sub.add_parser(
        "report",
        help="write one self-contained HTML page about an output folder",
        description="Summarise a `boilerstrip clean` output folder in one HTML file that needs no network: "
        "counts and charts of what was removed and why, word-count distributions, and sample documents "
        "(with their dropped lines struck through when the run used --include-lines).",
        epilog="Exit codes: 0 written; 1 no page was made (the folder holds no run's output, an extra is "
        "missing to read its parts, the page could not be written); 2 bad arguments (no such folder, FILE "
        "a file of the run, a folder or a FIFO).",
    )
    r.add_argument("outdir", metavar="OUTDIR", help="a folder written by `boilerstrip clean`")
    r.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML file to write")
    r.add_argument("--samples", type=_count, default=12, metavar="N", help="sample documents to show (default: 12)")
    r.add_argument("--title", default=None, help="the page's title")
    r.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    r.set_defaults(func=_cmd_report)
