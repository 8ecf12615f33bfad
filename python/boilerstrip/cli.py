"""The ``boilerstrip`` command line.

Exit codes: 0 the run finished (some inputs may be in the rejects file); 1 the run failed
(unwritable output, an input path that does not exist with ``--strict``, an internal error);
2 bad arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterator, Sequence

from boilerstrip import __version__
from boilerstrip.clean import clean
from boilerstrip.corpus import CorpusOptions, clean_records
from boilerstrip.dedup import MinHashParams
from boilerstrip.document import Document
from boilerstrip.errors import InputError
from boilerstrip.html import clean_html
from boilerstrip.io.readers import InputRecord, iter_paths
from boilerstrip.io.writers import JsonlWriter
from boilerstrip.options import Options
from boilerstrip.text import _reject, clean_text, decode

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _options(a: argparse.Namespace) -> Options:
    return Options(
        threshold=a.threshold,
        scorer=a.scorer,
        html_mode=a.html_mode,
        include_comments=a.include_comments,
        max_bytes=a.max_bytes,
        timeout=a.timeout if a.timeout and a.timeout > 0 else None,
        min_words=a.min_words,
    )


def process(rec: InputRecord, options: Options, mode: str) -> Document:
    """Clean one input record, whatever its kind; never raises for bad content."""
    kind = rec.kind if mode == "auto" else mode
    if len(rec.data) > options.max_bytes:
        return _reject("too-large", url=rec.url, id=rec.id)
    if kind == "html":
        return clean_html(rec.data, url=rec.url, id=rec.id, options=options)
    if kind == "text":
        try:
            text = decode(rec.data)
        except InputError as e:
            return _reject(e.reason, url=rec.url, id=rec.id)
        return clean_text(text, url=rec.url, id=rec.id, options=options)
    return clean(rec.data, url=rec.url, id=rec.id, options=options)


_UNSAFE = re.compile(r"[^A-Za-z0-9._\-/]+")


def safe_relpath(record_id: str) -> Path:
    """A path for a record's ``.txt`` that stays inside the output folder whatever the id
    holds (``..``, absolute paths, odd bytes)."""
    parts = [p for p in _UNSAFE.sub("_", record_id).split("/") if p not in ("", ".", "..")]
    return Path(*parts) if parts else Path("_")


def _cleaned(a: argparse.Namespace, options: Options) -> Iterator[tuple[InputRecord, Document | None]]:
    """Each input record with its document (None when the record could not be read). With
    --site-template or --dedup the run goes through corpus.clean_records (two passes)."""
    records: Iterator[InputRecord] = iter_paths(a.paths, max_bytes=options.max_bytes)
    if a.limit is not None:
        records = itertools.islice(records, a.limit)
    if a.site_template or a.dedup != "none":
        params = MinHashParams(num_perm=a.num_perm, bands=a.bands, ngram=a.ngram, threshold=a.dedup_threshold or None)
        corpus = CorpusOptions(site_template=a.site_template, dedup=a.dedup, minhash=params)
        yield from clean_records(records, options, corpus, mode=a.mode)
        return
    for rec in records:
        yield rec, (None if rec.error else process(rec, options, a.mode))


def cmd_clean(a: argparse.Namespace) -> int:
    options = _options(a)
    out = Path(a.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        print(f"boilerstrip: cannot create output folder {out}: {e}", file=sys.stderr)
        return EXIT_FAILED
    added = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    docs_name = "documents.jsonl.gz" if a.compress else "documents.jsonl"
    counts: Counter[str] = Counter()
    rejected_by: Counter[str] = Counter()
    lines_dropped: Counter[str] = Counter()
    t0 = time.perf_counter()
    try:
        with JsonlWriter(out / docs_name) as docs, JsonlWriter(out / "rejects.jsonl") as rejects:
            for rec, doc in _cleaned(a, options):
                counts["inputs"] += 1
                if rec.error:
                    reason, detail = rec.error, rec.error_detail
                else:
                    reason, detail = doc.rejected, None
                if reason:
                    counts["rejected"] += 1
                    rejected_by[reason] += 1
                    dup_of = doc.extra.get("duplicate_of") if doc is not None else None
                    rejects.write({"id": rec.id, "path": rec.path, "reason": reason, "detail": detail, "added": added, "duplicate_of": dup_of})
                    continue
                counts["kept"] += 1
                lines_dropped.update(doc.reason_counts)
                docs.write(doc.to_dict(source=a.source, path=rec.path, added=added, include_lines=a.include_lines))
                if a.format == "txt":
                    dest = out / "txt" / safe_relpath(rec.id).with_suffix(".txt")
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_text(doc.text + "\n", encoding="utf-8")
    except OSError as e:
        print(f"boilerstrip: writing to {out} failed: {e}", file=sys.stderr)
        return EXIT_FAILED
    stats: dict[str, Any] = {
        "inputs": counts["inputs"],
        "kept": counts["kept"],
        "rejected": counts["rejected"],
        "rejected_by_reason": dict(sorted(rejected_by.items())),
        "lines_dropped_by_reason": dict(sorted(lines_dropped.items())),
        "seconds": round(time.perf_counter() - t0, 3),
        "version": __version__,
    }
    if stats["inputs"] != stats["kept"] + stats["rejected"]:  # every input is accounted for
        print("boilerstrip: internal error: input count does not reconcile", file=sys.stderr)
        return EXIT_FAILED
    (out / "stats.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    if not a.quiet:
        print(
            f"boilerstrip: {stats['inputs']} inputs, {stats['kept']} cleaned into {out / docs_name}, "
            f"{stats['rejected']} rejected (see {out / 'rejects.jsonl'})",
            file=sys.stderr,
        )
    return EXIT_OK


_COLOURS = {"keep": "\033[32m", "drop": "\033[2;9m", "reason": "\033[33m", "reset": "\033[0m"}


def cmd_explain(a: argparse.Namespace) -> int:
    options = _options(a)
    recs = list(iter_paths([a.file], max_bytes=options.max_bytes))
    if not recs or recs[0].error:
        detail = recs[0].error_detail if recs else "no input"
        print(f"boilerstrip: cannot read {a.file}: {detail}", file=sys.stderr)
        return EXIT_FAILED
    rec = recs[0]
    rec.url = a.url
    doc = process(rec, options, a.mode)
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR") and not a.no_color
    c = _COLOURS if colour else {k: "" for k in _COLOURS}
    print(f"# title: {doc.title}\n# author: {doc.author}\n# date: {doc.date}\n# language: {doc.language}")
    if doc.rejected:
        print(f"# rejected: {doc.rejected}")
    for line in doc.lines:
        if not line.text:
            continue
        if line.kept:
            print(f"{c['keep']}KEEP{c['reset']} {line.score:4.2f} {'content':<20} {line.text}")
        else:
            print(f"drop {line.score:4.2f} {c['reason']}{line.reason:<20}{c['reset']} {c['drop']}{line.text}{c['reset']}")
    return EXIT_OK


def _add_common(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("cleaning")
    g.add_argument("--mode", choices=["auto", "text", "html"], default="auto",
                   help="how to read inputs: by file suffix and content (auto), or force text or HTML (default: auto)")
    g.add_argument("--threshold", type=float, default=None, metavar="P",
                   help="keep lines scoring at least P in [0,1]: lower for recall, higher for precision (default: the model's tuned value)")
    g.add_argument("--scorer", choices=["model", "rules"], default="model", help="line scorer (default: model)")
    g.add_argument("--html-mode", choices=["default", "fast"], default="default", help="HTML extraction mode (default: default)")
    g.add_argument("--include-comments", action="store_true", help="keep user comments found in HTML pages")
    g.add_argument("--max-bytes", type=int, default=Options.max_bytes, metavar="N",
                   help=f"reject inputs larger than N bytes (default: {Options.max_bytes})")
    g.add_argument("--timeout", type=float, default=Options.timeout, metavar="S",
                   help=f"reject HTML pages taking longer than S seconds; 0 disables (default: {Options.timeout:g})")
    g.add_argument("--min-words", type=int, default=0, metavar="N", help="reject documents with fewer than N clean words (default: 0)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="boilerstrip",
        description="Turn raw scraped web pages (plain text or HTML) into clean article text plus metadata.",
        epilog="Exit codes: 0 done (rejected inputs are listed in OUTDIR/rejects.jsonl), 1 the run failed, 2 bad arguments.",
    )
    p.add_argument("--version", action="version", version=f"boilerstrip {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    c = sub.add_parser("clean", help="clean files and folders into OUTDIR/documents.jsonl",
                       description="Clean every .txt, .html and .htm file (also .gz) under PATH... into OUTDIR/documents.jsonl "
                       "(one dolma/datatrove record per input); inputs that cannot be cleaned go to OUTDIR/rejects.jsonl "
                       "with a reason, and OUTDIR/stats.json counts what happened.")
    c.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (walked recursively)")
    c.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output folder (created if missing)")
    c.add_argument("--format", choices=["jsonl", "txt"], default="jsonl",
                   help="jsonl: documents.jsonl only; txt: also one clean .txt per input under OUTDIR/txt/ (default: jsonl)")
    c.add_argument("--compress", action="store_true", help="write documents.jsonl.gz")
    c.add_argument("--source", default="boilerstrip", help="the records' `source` field (default: boilerstrip)")
    c.add_argument("--include-lines", action="store_true", help="store every line's decision in metadata.lines")
    c.add_argument("--limit", type=int, default=None, metavar="N", help="stop after N inputs")
    c.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    _add_common(c)
    g = c.add_argument_group("corpus (two passes over the inputs)")
    g.add_argument("--site-template", action="store_true",
                   help="drop lines that recur across pages of the same site (host of the URL, else the input folder)")
    g.add_argument("--dedup", choices=["none", "exact", "near"], default="none",
                   help="reject URL and exact duplicates (exact), and also MinHash near duplicates (near); the kept copy is "
                   "the one whose id sorts first, the others go to rejects.jsonl with duplicate_of (default: none)")
    g.add_argument("--num-perm", type=int, default=MinHashParams.num_perm, metavar="N", help="MinHash permutations (default: %(default)s)")
    g.add_argument("--bands", type=int, default=MinHashParams.bands, metavar="B", help="LSH bands (default: %(default)s)")
    g.add_argument("--ngram", type=int, default=MinHashParams.ngram, metavar="N", help="words per shingle (default: %(default)s)")
    g.add_argument("--dedup-threshold", type=float, default=0.75, metavar="J",
                   help="join LSH candidates only at estimated Jaccard >= J; 0 joins every candidate (default: %(default)s)")
    c.set_defaults(func=cmd_clean)

    e = sub.add_parser("explain", help="show every line of one file with keep/drop, score and reason",
                       description="Print every non-blank line of FILE with KEEP or drop, its score and the reason.")
    e.add_argument("file", metavar="FILE")
    e.add_argument("--url", default=None, help="the page's URL (helps find the headline)")
    e.add_argument("--no-color", action="store_true", help="no colours even on a terminal")
    _add_common(e)
    e.set_defaults(func=cmd_explain)
    _add_report_command(sub)
    return p


def _add_report_command(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``boilerstrip report OUTDIR -o report.html``: the command lives in
    :mod:`boilerstrip.report`; this only registers it."""
    from boilerstrip.report import add_report_command

    add_report_command(sub)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    a = parser.parse_args(argv)
    if getattr(a, "threshold", None) is not None and not 0 <= a.threshold <= 1:
        parser.error("--threshold must be within [0, 1]")
    if getattr(a, "max_bytes", 1) <= 0:
        parser.error("--max-bytes must be positive")
    if getattr(a, "dedup", "none") == "near":
        try:
            MinHashParams(num_perm=a.num_perm, bands=a.bands, ngram=a.ngram, threshold=a.dedup_threshold or None)
        except ValueError as e:
            parser.error(str(e))
    try:
        return int(a.func(a))
    except KeyboardInterrupt:
        print("boilerstrip: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
