"""The ``boilerstrip`` command line.

``boilerstrip clean PATH... -o OUTDIR`` cleans folders of pages and corpus files (JSONL,
Parquet, WARC/WET, stdin) into OUTDIR; see :mod:`boilerstrip.pipeline` for how runs are
sharded, parallel and resumable, and :mod:`boilerstrip.pipeline.state` for the output
layout. ``boilerstrip explain FILE`` shows every line's decision.

Exit codes:
    0   the run finished and every input is accounted for (rejected inputs are listed in
        the rejects file with their reason);
    1   the run failed: the output folder cannot be written (full disk, no permission), the
        workers cannot run, or the counts do not reconcile; shards already committed are
        kept and ``--resume`` continues;
    2   bad arguments or config file, an optional package the inputs or the output format
        need is not installed (the message names the ``pip install``), or the output folder
        holds another run (use ``--resume`` or ``--overwrite``);
    130 interrupted (Ctrl-C); ``--resume`` continues.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator, Sequence

from boilerstrip import __version__
from boilerstrip.corpus import CorpusOptions
from boilerstrip.dedup import MinHashParams
from boilerstrip.io.compression import MissingExtra
from boilerstrip.io.readers import Fields, InputRecord, format_of, read_files, record_id
from boilerstrip.io.txt_writer import safe_relpath
from boilerstrip.options import Options, language_list
from boilerstrip.pipeline.config import COMPRESSIONS, INPUT_FORMATS, OUTPUT_FORMATS, RunConfig
from boilerstrip.pipeline.plan import Shard, ShardIds, read_shard, spool_stdin
from boilerstrip.pipeline.runner import RunError, RunUsageError, _is_pipe, dry_run, progress_bar, run
from boilerstrip.pipeline.worker import process
from boilerstrip.settings import PRESETS, SettingsError, drop_overridden, integer, load_settings, real

__all__ = ["main", "build_parser", "process", "safe_relpath", "EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "EXIT_INTERRUPTED"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

EXIT_CODES_HELP = (
    "Exit codes: 0 done, every input accounted for (rejected inputs are listed in the rejects file); "
    "1 the run failed (output not writable or disk full, workers cannot run, counts do not reconcile; "
    "--resume continues); 2 bad arguments or config, a missing optional package, or OUTDIR holds another run; "
    "130 interrupted (--resume continues)."
)
EXPLAIN_EXIT_HELP = (
    "Exit codes: 0 shown; 1 the file or record cannot be read or gives no text; 2 bad arguments "
    "(no such file or record, a folder, an option out of range)."
)


def _languages(value: str | list[str]) -> tuple[str, ...]:
    """``--languages``: the codes, checked (an unknown one is a usage error, exit 2); a config
    file may give them as a list."""
    try:
        return language_list(value)
    except (TypeError, ValueError) as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _options(a: argparse.Namespace) -> Options:
    return Options(
        threshold=a.threshold,
        floor=a.floor,
        scorer=a.scorer,
        html_mode=a.html_mode,
        include_comments=a.include_comments,
        max_bytes=a.max_bytes,
        max_lines=a.max_lines,
        timeout=a.timeout if a.timeout and a.timeout > 0 else None,
        min_words=a.min_words,
        fixed_point=not a.single_pass,
        languages=a.languages,
        min_language_score=a.min_language_score,
        markdown={"auto": None, "yes": True, "no": False}[a.markdown],
        segment={"auto": None, "yes": True, "no": False}[a.segment],
        unwrap={"auto": None, "yes": True, "no": False}[a.unwrap],
        text_format=a.text_format,
        include_links=a.include_links,
    )


def _corpus(a: argparse.Namespace) -> CorpusOptions | None:
    if not a.site_template and a.dedup == "none":
        return None
    params = MinHashParams(num_perm=a.num_perm, bands=a.bands, ngram=a.ngram, threshold=a.dedup_threshold or None)
    return CorpusOptions(site_template=a.site_template, dedup=a.dedup, minhash=params)


def _run_config(a: argparse.Namespace) -> RunConfig:
    compression = a.compression
    if a.compress and compression is None:
        compression = "gzip"
    return RunConfig(
        output=a.output,
        options=_options(a),
        mode=a.mode,
        fields=Fields(id=a.id_field, text=a.text_field, html=a.html_field, url=a.url_field),
        input_format=a.input_format,
        format=a.format,
        compression=compression,
        shard_records=a.shard_records,
        shard_bytes=int(a.shard_size_mb * 1024 * 1024) if a.shard_size_mb else None,
        files_per_shard=a.files_per_shard,
        source=a.source,
        include_lines=a.include_lines,
        limit=a.limit,
        workers=a.workers,
        corpus=_corpus(a),
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _err(msg: str) -> None:
    print(f"boilerstrip: {msg}", file=sys.stderr)


def cmd_clean(a: argparse.Namespace) -> int:
    cfg = _run_config(a)
    missing = [p for p in a.paths if p != "-" and "://" not in p and not (Path(p).exists() or Path(p).is_symlink())]
    if missing and len(missing) == len(a.paths):
        # nothing to read at all: a typo, said as a bad argument (a script must not go on
        # with an empty run), and nothing is written
        _err(f"no such file or folder: {missing[0]}" + (f" (nor {len(missing) - 1} more)" if len(missing) > 1 else ""))
        return EXIT_USAGE
    if a.dry_run:
        planned = dry_run(a.paths, cfg)
        print(f"{len(planned)} input shard(s) -> {cfg.output} (format {cfg.format}); nothing is written (--dry-run)")
        for shard, docs in planned:
            target = "txt/" if cfg.format == "txt" else docs
            print(f"  [{shard.index:05d}] {shard.format:<8} {shard.label} -> {target}")
        return EXIT_OK
    for p in missing:
        # among other inputs, a missing path is a reject like any unreadable input, but a typo
        # deserves a word
        _err(f"warning: no such file or folder: {p} (rejected as not-found)")
    show = not a.quiet and sys.stderr.isatty()
    update, close = progress_bar(show)
    try:
        result = run(a.paths, cfg, resume=a.resume, overwrite=a.overwrite, on_progress=update)
    finally:
        close()
    s = result.stats
    if not a.quiet:
        # (the first file that holds a record: a missing input among others makes numbered parts,
        # and the first may be that input's, empty)
        held = [f for f in result.files if Path(f).name.startswith("documents") and _size(Path(cfg.output) / f) > 0]
        first = (held or result.files or ["(no output)"])[0]
        where = "txt/" if cfg.format == "txt" else first if len(result.files) <= 2 else f"{first} and {len(result.files) - 1} more files"
        see = " (see the rejects file)" if s["rejected"] or s["duplicates"] else ""
        skipped = s.get("files_skipped", 0)
        passed = f"; {_plural(skipped, 'file')} passed over (files_skipped)" if skipped else ""
        _err(
            f"{_plural(s['inputs'], 'input')}: {s['kept']} kept in {Path(cfg.output) / where}, {s['rejected']} rejected, "
            f"{_plural(s['duplicates'], 'duplicate')}{see}{passed}; stats in {Path(cfg.output) / 'stats.json'}"
        )
    return EXIT_OK


_COLOURS = {"keep": "\033[32m", "drop": "\033[2;9m", "reason": "\033[33m", "reset": "\033[0m"}


def _explained_record(a: argparse.Namespace, options: Options) -> InputRecord | tuple[int, str]:
    """The record ``explain`` shows: the page file itself, or one record of a corpus file
    (which read as one page would be its raw JSON or WARC lines); else the exit code and a
    message: a folder, a missing file or record is a bad argument (2), a record that cannot
    be read a failure (1)."""
    path = Path(a.file)
    if path.is_dir():
        return EXIT_USAGE, "explain takes one file, not a folder (clean the folder, then look at its output)"
    if not path.exists():
        return EXIT_USAGE, f"no such file: {a.file}"
    fmt = format_of(path.name) or "page"
    if fmt == "page":
        recs: Iterator[InputRecord] = read_files([(a.file, record_id(path, path))], max_bytes=options.max_bytes)
    else:
        fields = Fields(id=a.id_field, text=a.text_field, html=a.html_field, url=a.url_field)
        recs = read_shard(Shard(index=0, format=fmt, path=a.file), RunConfig(output=".", options=options, fields=fields))
    # an id wins over a position: with ids of digits ("1", "0"), --record 0 is the record of
    # id "0" (it was the first record, of id "1"); a position is taken when no id matches
    at: InputRecord | None = None
    ids = ShardIds()  # (an id renamed where it met a made one is found by its new name, as clean writes it)
    for rec in recs:
        if not rec.error:
            ids.claim(rec)
        if a.record is None or a.record == rec.id:
            at = rec
            break
        if at is None and a.record == str(rec.position):
            at = rec  # (the rest is still read: a later record may have this id)
    if at is not None:
        if at.error:
            return EXIT_FAILED, f"{at.error}: {at.error_detail}"
        return at
    if a.record is not None:
        return EXIT_USAGE, f"no record {a.record!r} (an id or a 0-based position) in this {fmt} file"
    return EXIT_FAILED, "no record in this file"


def cmd_explain(a: argparse.Namespace) -> int:
    if a.file == "-":
        # standard input, spooled to a file named after what it holds (as `clean -` does)
        with tempfile.TemporaryDirectory(prefix="boilerstrip-explain-") as d:
            a.file, _ = spool_stdin(Path(d), "auto")
            return _explain(a)
    return _explain(a)


def _explain(a: argparse.Namespace) -> int:
    options = _options(a)
    rec = _explained_record(a, options)
    if isinstance(rec, tuple):
        code, message = rec
        print(f"boilerstrip: cannot read {a.file}: {message}", file=sys.stderr)
        return code
    if a.url is not None:
        rec.url = a.url
    doc = process(rec, options, a.mode)
    if format_of(Path(a.file).name) not in (None, "page"):
        print(f"# record: {rec.id} (position {rec.position})")
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR") and not a.no_color
    c = _COLOURS if colour else {k: "" for k in _COLOURS}
    print("\n".join(f"# {k}: {'-' if v is None else v}" for k, v in
                    (("title", doc.title), ("author", doc.author), ("date", doc.date), ("language", doc.language))))
    readings = [label for key, label in (("markdown", "Markdown, each line rendered"),
                                         ("rejoined", "broken at inline elements, each run of pieces joined into its first line"),
                                         ("unwrapped", "hard-wrapped, each paragraph joined into its first line"),
                                         ("segmented", "a text without line breaks, cut into segments"))
                if (doc.extra or {}).get(key)]
    if readings:  # the lines below are not the input's own
        print(f"# read as: {'; '.join(readings)}")
    if doc.rejected:
        print(f"# rejected: {doc.rejected}")
    for line in doc.lines:
        if not line.text:
            continue
        if line.kept:
            print(f"{c['keep']}KEEP{c['reset']} {line.score:4.2f} {'content':<20} {line.text}")
        else:
            print(f"drop {line.score:4.2f} {c['reason']}{line.reason:<20}{c['reset']} {c['drop']}{line.text}{c['reset']}")
    # (as the exit codes say: a page or record that gives no text, an empty or binary one
    # too, exits 1 after it is shown; a filter's reject keeps its text)
    return EXIT_FAILED if doc.rejected and not doc.text else EXIT_OK


def _add_common(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("cleaning")
    g.add_argument("--mode", choices=["auto", "text", "html"], default="auto",
                   help="how to read inputs: by file suffix, field and content (auto), or force text or HTML (default: auto)")
    g.add_argument("--threshold", type=real, default=None, metavar="P",
                   help="keep lines scoring at least P in [0,1], in place of the per-page choice: higher for precision "
                        "(default: the per-page choice that maximises the expected F1)")
    g.add_argument("--floor", type=real, default=None, metavar="P",
                   help="keep what the per-page choice keeps and every line scoring at least P in [0,1]: lower for recall "
                        "(the recall preset: 0.3)")
    g.add_argument("--scorer", choices=["model", "fast", "rules"], default="model",
                   help="line scorer (default: model; fast: the fast text path, about 1.5x as fast, ~3 points of F1 lower, no title/author/date)")
    g.add_argument("--html-mode", choices=["default", "fast"], default="default", help="HTML extraction mode (default: default)")
    g.add_argument("--include-comments", action="store_true", help="keep user comments found in HTML pages")
    g.add_argument("--markdown", choices=["auto", "yes", "no"], default="auto",
                   help="read text inputs as Markdown scrapes (links and images to their text, heading and list marks off): "
                        "auto when the text looks like Markdown (default), yes always, no never")
    g.add_argument("--segment", choices=["auto", "yes", "no"], default="auto",
                   help="cut text inputs that lost their line breaks into segments (sentences, menu items, pieces of at "
                        "most 200 characters) before judging them: auto when nine tenths of the text are in lines of 2,000 "
                        "characters or more (default), yes always, no never")
    g.add_argument("--unwrap", choices=["auto", "yes", "no"], default="auto",
                   help="join the pieces of paragraphs in text inputs before judging them: lines broken at inline elements "
                        "(get_text('\\n')) and hard-wrapped lines (html2text, lynx, w3m dumps: lines cut at 70 to 80 "
                        "characters); auto when the text reads so (default), yes always, no never")
    g.add_argument("--text-format", choices=["plain", "markdown"], default="plain",
                   help="write the clean text of HTML pages as plain text (default) or as Markdown: headings, lists, "
                        "quotes, code fences, pipe tables, bold, italic, inline code")
    g.add_argument("--include-links", action="store_true",
                   help="with --text-format markdown: write HTML pages' links as [text](target), targets made "
                        "absolute against the page's URL")
    g.add_argument("--max-bytes", type=integer, default=Options.max_bytes, metavar="N",
                   help=f"reject inputs larger than N bytes (default: {Options.max_bytes})")
    g.add_argument("--max-lines", type=integer, default=Options.max_lines, metavar="N",
                   help=f"reject text inputs of more than N lines, bounding memory (about 1 KB per line; default: {Options.max_lines})")
    g.add_argument("--timeout", type=real, default=Options.timeout, metavar="S",
                   help=f"seconds trafilatura may take on one HTML page (default mode); past them the page is "
                        f"cleaned in the fast mode (extra.fallback = timeout); 0 disables (default: {Options.timeout:g})")
    g.add_argument("--min-words", type=integer, default=0, metavar="N", help="reject documents with fewer than N clean words (default: 0)")
    g.add_argument("--single-pass", action="store_true",
                   help="text inputs: one line pass, about 1.2x as fast, not the fixed point that makes cleaning "
                        "idempotent (the clean text cleaned again may lose a few more lines)")
    g.add_argument("--languages", type=_languages, default=None, metavar="CODES",
                   help="keep only documents in these languages, comma-separated ISO 639-1 codes (en,de); "
                        "the others are rejected as wrong-language, with the language found (default: all)")
    g.add_argument("--min-language-score", type=real, default=0.0, metavar="P",
                   help="reject documents whose language confidence is below P in [0,1] as uncertain-language "
                        "(default: 0)")


def _add_clean(c: argparse.ArgumentParser) -> None:
    c.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, folders (walked recursively), s3:// or hf:// URLs (the remote extra), or - for stdin")
    c.add_argument("-o", "--output", default=None, metavar="OUTDIR", help="output folder (created if missing; required)")
    c.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors (no progress bar)")
    c.add_argument("--config", metavar="FILE", help="read settings from a TOML file (see `boilerstrip.settings`)")
    c.add_argument("--preset", metavar="NAME",
                   help=f"apply a preset from the config file or a built-in one ({', '.join(PRESETS)})")

    i = c.add_argument_group("input")
    i.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                   help="reader: by file name (auto; stdin by content), or force page, jsonl, parquet or warc")
    i.add_argument("--id-field", default="id", metavar="NAME", help="JSONL/Parquet field of the id (default: id)")
    i.add_argument("--text-field", default="text", metavar="NAME", help="field of plain text (default: text)")
    i.add_argument("--html-field", default="html", metavar="NAME", help="field of HTML; wins over text (default: html)")
    i.add_argument("--url-field", default="url", metavar="NAME",
                   help="field of the URL; dotted names reach inside objects (default: url, then metadata.url)")
    i.add_argument("--files-per-shard", type=integer, default=100, metavar="N",
                   help="group page files into input shards of N (default: 100)")
    i.add_argument("--limit", type=integer, default=None, metavar="N", help="stop after N input records (the first N in input order)")

    o = c.add_argument_group("output")
    o.add_argument("--format", choices=OUTPUT_FORMATS, default="jsonl",
                   help="jsonl: dolma/datatrove JSON lines; parquet: the same records with a fixed schema; "
                   "txt: a folder of ID.txt with ID.json sidecars (default: jsonl)")
    o.add_argument("--compression", choices=COMPRESSIONS, default=None,
                   help="compression of the documents (default: none for jsonl, zstd for parquet)")
    o.add_argument("--compress", action="store_true", help="same as --compression gzip")
    o.add_argument("--shard-records", type=integer, default=None, metavar="N", help="start a new output part every N documents")
    o.add_argument("--shard-size-mb", type=real, default=None, metavar="MB",
                   help="start a new output part after MB megabytes (uncompressed)")
    o.add_argument("--source", default="boilerstrip", help="the records' `source` field (default: boilerstrip)")
    o.add_argument("--include-lines", action="store_true", help="store every line's decision in metadata.lines")

    r = c.add_argument_group("running")
    r.add_argument("--workers", type=integer, default=1, metavar="N",
                   help="worker processes (default: 1); 0 runs in this process without crash recovery")
    r.add_argument("--resume", action="store_true", help="continue an interrupted run in OUTDIR (same inputs and settings)")
    r.add_argument("--overwrite", action="store_true", help="start over even if OUTDIR holds an unfinished run, the output of a run with other inputs or "
                        "settings, or output files no run wrote")
    r.add_argument("--dry-run", action="store_true", help="show the input shards and output files; read and write nothing")
    _add_common(c)
    g = c.add_argument_group("corpus (two passes over the inputs, in this process; not resumable)")
    g.add_argument("--site-template", action="store_true",
                   help="drop lines that recur across pages of the same site (host of the URL, else the input folder)")
    g.add_argument("--dedup", choices=["none", "exact", "near"], default="none",
                   help="reject URL and exact duplicates (exact), and also MinHash near duplicates (near); the kept copy is "
                   "the one whose id sorts first, the others go to the rejects with duplicate_of (default: none)")
    g.add_argument("--num-perm", type=integer, default=MinHashParams.num_perm, metavar="N", help="MinHash permutations (default: %(default)s)")
    g.add_argument("--bands", type=integer, default=MinHashParams.bands, metavar="B", help="LSH bands (default: %(default)s)")
    g.add_argument("--ngram", type=integer, default=MinHashParams.ngram, metavar="N", help="words per shingle (default: %(default)s)")
    g.add_argument("--dedup-threshold", type=real, default=0.75, metavar="J",
                   help="join LSH candidates only at estimated Jaccard >= J; 0 joins every candidate (default: %(default)s)")
    c.set_defaults(func=cmd_clean)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="boilerstrip",
        description="Turn raw scraped web pages (plain text or HTML) into clean article text plus metadata.",
        epilog=EXIT_CODES_HELP,
    )
    p.add_argument("--version", action="version", version=f"boilerstrip {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    c = sub.add_parser(
        "clean", help="clean files, folders and corpus files into OUTDIR",
        description="Clean every page (.txt, .md, .markdown, .html, .htm, also .gz/.zst/.bz2) and corpus file (JSONL .jsonl/.gz/.zst/.bz2, .parquet, "
        ".warc/.wet/.gz) under PATH... into OUTDIR/documents.jsonl: one dolma/datatrove record per kept input. With "
        "more than one input shard (a corpus file, or up to --files-per-shard page files) the parts are numbered: "
        "documents-00000.jsonl, ... in input order. Inputs that cannot be cleaned go to OUTDIR/rejects.jsonl (or "
        "rejects-NNNNN.jsonl) with a reason; OUTDIR/stats.json counts what happened.",
        epilog=EXIT_CODES_HELP,
    )
    _add_clean(c)

    e = sub.add_parser("explain", help="show every line of one file with keep/drop, score and reason",
                       description="Print every non-blank line of FILE with KEEP or drop, its score and the reason. "
                       "FILE is a page (.txt, .md, .markdown, .html, .htm, also .gz/.zst/.bz2) or one record of a corpus file "
                       "(see --record).",
                       epilog=EXPLAIN_EXIT_HELP)
    e.add_argument("file", metavar="FILE", help="a page or corpus file, or - for standard input")
    e.add_argument("--url", default=None, help="the page's URL (helps find the headline)")
    e.add_argument("--record", default=None, metavar="ID",
                   help="for a corpus file (JSONL, Parquet, WARC): the record to show, by id, else by 0-based position (default: the first)")
    for name, default in (("id", "id"), ("text", "text"), ("html", "html"), ("url", "url")):
        e.add_argument(f"--{name}-field", default=default, metavar="NAME", help=f"JSONL/Parquet field of the {name} (default: {default})")
    e.add_argument("--no-color", action="store_true", help="no colours even on a terminal")
    _add_common(e)
    e.set_defaults(func=cmd_explain)
    _add_report_command(sub)
    return p


def _add_report_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``boilerstrip report OUTDIR -o report.html``: the command lives in
    :mod:`boilerstrip.report`; this only registers it."""
    from boilerstrip.report import add_report_command

    add_report_command(sub)


def _sub_parser(p: argparse.ArgumentParser, command: str = "clean") -> argparse.ArgumentParser:
    """The parser of one subcommand (its errors print its own usage, not the top level's)."""
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices[command]
    raise LookupError(command)


def _validate(parser: argparse.ArgumentParser, a: argparse.Namespace) -> None:
    if getattr(a, "threshold", None) is not None and not 0 <= a.threshold <= 1:
        parser.error("--threshold must be within [0, 1]")
    if getattr(a, "floor", None) is not None and not 0 <= a.floor <= 1:
        parser.error("--floor must be within [0, 1]")
    if getattr(a, "floor", None) is not None and getattr(a, "threshold", None) is not None:
        parser.error("--floor and --threshold exclude each other: a threshold alone decides which lines are kept")
    if getattr(a, "timeout", None) is not None and a.timeout < 0:
        parser.error("--timeout must be 0 (no limit) or a positive number of seconds")
    if getattr(a, "max_bytes", 1) <= 0:
        parser.error("--max-bytes must be positive")
    if getattr(a, "max_lines", 1) <= 0:
        parser.error("--max-lines must be positive")
    if getattr(a, "include_links", False) and a.text_format != "markdown":
        parser.error("--include-links needs --text-format markdown: plain text has no way to write a link")
    if hasattr(a, "max_bytes"):
        try:
            _options(a)
        except (ValueError, TypeError) as e:  # also what a --config file set
            parser.error(str(e))
    if a.command != "clean":
        return
    if not a.output:
        parser.error("the following arguments are required: -o/--output")
    # the dedup settings, checked whatever --dedup says (a --bands 0 passed with --dedup none),
    # said with the flags' names (MinHashParams names its fields)
    try:
        MinHashParams(num_perm=a.num_perm, bands=a.bands, ngram=a.ngram, threshold=a.dedup_threshold or None)
    except (ValueError, TypeError) as e:
        msg = str(e)
        for field, flag in (("num_perm", "--num-perm"), ("bands", "--bands"), ("ngram", "--ngram"),
                            ("threshold", "--dedup-threshold")):
            msg = msg.replace(field, flag)
        parser.error(msg)
    for name in ("workers",):
        if getattr(a, name) < 0:
            parser.error(f"--{name} must be 0 or more")
    for name in ("limit", "shard_records", "files_per_shard", "shard_size_mb"):
        v = getattr(a, name)
        if v is not None and v <= 0:
            parser.error(f"--{name.replace('_', '-')} must be positive")
    if a.shard_size_mb is not None and a.shard_size_mb >= 2**43:
        parser.error("--shard-size-mb must be under 2**43 (8 EiB)")
    if a.resume and a.overwrite:
        parser.error("--resume and --overwrite contradict each other")
    if a.compress and a.compression not in (None, "gzip"):
        parser.error("--compress means --compression gzip; give one of them")
    if "://" in a.output:
        parser.error("OUTDIR must be a local folder (remote paths are read, not written)")
    if any(not p.strip() for p in a.paths):
        # (an empty path would be the current folder, walked whole)
        parser.error("an input PATH is empty (give '.' for the current folder)")
    try:
        _run_config(a)
    except ValueError as e:
        parser.error(str(e))


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


def _given(parser: argparse.ArgumentParser, sub: argparse.ArgumentParser, argv: list[str], keys: tuple[str, ...]) -> dict[str, Any]:
    """The values of ``sub``'s options ``keys`` that ``argv`` gives (argparse keeps no record
    of which values came from the command line: it is parsed with an unset mark as their
    defaults). A wrong command line exits here as it would below."""
    unset = object()
    before = {k: sub.get_default(k) for k in keys}
    sub.set_defaults(**dict.fromkeys(keys, unset))
    try:
        probe = parser.parse_args(argv)
    finally:
        sub.set_defaults(**before)
    return {k: getattr(probe, k) for k in keys if getattr(probe, k, unset) is not unset}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--config")
    pre.add_argument("--preset")
    known, _ = pre.parse_known_args(argv)
    if (known.config or known.preset) and argv[:1] == ["clean"]:
        clean_parser = _sub_parser(parser)
        try:
            settings = load_settings(clean_parser, known.config, known.preset)
        except SettingsError as e:
            _err(str(e))
            return EXIT_USAGE
        # the command line wins over the file and the preset, also where it sets the other of
        # two settings that exclude each other (--threshold over the recall preset's floor)
        drop_overridden(settings, _given(parser, clean_parser, argv, ("threshold", "floor", "format")))
        clean_parser.set_defaults(**settings)
    a = parser.parse_args(argv)
    _validate(_sub_parser(parser, a.command) if getattr(a, "command", None) else parser, a)
    try:
        return int(a.func(a))
    except (RunUsageError, MissingExtra) as e:
        _err(str(e))
        return EXIT_USAGE
    except RunError as e:
        _err(str(e))
        return EXIT_FAILED
    except KeyboardInterrupt:
        if getattr(a, "command", None) == "clean" and (a.site_template or a.dedup != "none"):
            _err("interrupted; a corpus run (--dedup, --site-template) cannot resume: run it again with --overwrite")
        elif getattr(a, "command", None) == "clean" and any(p == "-" or _is_pipe(p) for p in a.paths):
            _err("interrupted; a run that reads standard input or a pipe cannot resume: run it again with --overwrite")
        else:
            _err("interrupted; add --resume to continue")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
