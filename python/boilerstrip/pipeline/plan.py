"""Planning: the inputs given on the command line become a list of input shards, the unit of
work, of resuming and of output order.

A corpus file (JSONL, Parquet, WARC/WET) is one shard; page files (``.txt``, ``.html``,
``.htm``, also ``.gz``, ``.zst``, ``.bz2``) found in a folder are grouped, in sorted order, into shards of
``files_per_shard`` files. A path that does not exist or a folder that cannot be listed is a
shard of one error record, so it is counted and rejected like any other bad input. The plan
depends only on the inputs and the settings, never on the number of workers.
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import shutil
import stat
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator

from boilerstrip.io.compression import (
    MissingExtra,
    TruncatedInput,
    compression_by_magic,
    compression_of,
    is_remote,
    open_input,
    require,
)
from boilerstrip.io.jsonl_reader import read_jsonl
from boilerstrip.io.parquet_reader import read_parquet
from boilerstrip.io.readers import (
    NOT_REGULAR,
    InputRecord,
    display,
    error_record,
    file_key,
    format_of,
    is_special_file,
    numbered,
    page_ids,
    read_files,
    record_id,
    record_ids,
    settle_ids,
    walk,
)
from boilerstrip.errors import install_hint
from boilerstrip.io.warc_reader import read_warc
from boilerstrip.pipeline.config import RunConfig, RunUsageError
from boilerstrip.text import is_binary

__all__ = ["Shard", "ShardIds", "plan", "read_shard", "spool_stdin", "check_extras", "STDIN"]

#: The input name that means standard input.
STDIN = "-"


@dataclass(frozen=True)
class Shard:
    """One unit of work.

    Attributes:
        index: Position in the plan; names the output parts.
        format: ``page``, ``jsonl``, ``parquet``, ``warc`` or ``error``.
        path: The corpus file, or for page shards the folder (or file) they were found under.
        files: Page shards: ``(path, id)`` of each file.
        error: Error shards: ``(id, reason, detail)`` of the one record they yield.
        shown: The path its records show instead of the file's, when the file stands for
            something else (``-``: standard input, spooled to a file of the run's state).
        stem: Corpus files: the name the ids its reader makes start with, when it is not the
            file's name (another corpus file of the run has that name: its path below the
            folder given, else the whole path).
    """

    index: int
    format: str
    path: str
    files: tuple[tuple[str, str], ...] = ()
    error: tuple[str, str, str] | None = None
    shown: str | None = None
    stem: str | None = None

    @property
    def label(self) -> str:
        if self.shown is not None:
            return self.shown
        if self.format == "page":
            n = len(self.files)
            return f"{display(self.path)} ({n} file{'s' if n != 1 else ''})"
        return display(self.path)


def _remote_files(url: str) -> tuple[list[str], bool]:
    fsspec = require("fsspec", "remote")
    try:
        fs, root = fsspec.core.url_to_fs(url)
    except ImportError as e:  # fsspec's: "Install s3fs to access S3"
        proto = url.split("://", 1)[0].lower()
        known = {"s3": "s3fs", "s3a": "s3fs", "hf": "huggingface_hub"}
        hint = f": {install_hint(known[proto], 'remote')}" if proto in known else " (the package fsspec names above)"
        raise MissingExtra(f"{e} ({url}); install the file system it needs{hint}") from e
    if fs.isdir(root):
        proto = url.split("://", 1)[0]
        found = sorted(fs.find(root))
        return [f"{proto}://{f}" if "://" not in f else f for f in found], True
    if fs.exists(root):
        return [url], False
    raise FileNotFoundError(url)


def _remote_rel(f: str, root: str, is_dir: bool) -> str:
    base = f.split("://", 1)[1]
    rroot = root.split("://", 1)[1].rstrip("/")
    return base[len(rroot) + 1 :] if is_dir and base.startswith(rroot + "/") else base.rsplit("/", 1)[-1]


def _format(f: str, forced: str | None) -> str:
    """How input file ``f`` is read: ``--input-format`` if given, else by its name, else (a
    file named on the command line whose name no reader knows: the folder walk passes such
    files over) by its first bytes, as standard input is."""
    if forced:
        return forced
    fmt = format_of(os.path.basename(f))
    if fmt is None and not is_remote(f):
        try:
            with open_input(f) as stream:
                fmt = _sniff(stream.read(64))[0]
        except (OSError, EOFError, ValueError):
            pass  # the reader reports what is wrong with it
    return fmt or "page"


def plan(inputs: list[str], cfg: RunConfig, skipped: list[str] | None = None) -> list[Shard]:
    """The shards for ``inputs`` (files, folders, fsspec URLs), in order; the files of the
    folders that no reader knows, and the files already read under another name (a link, a
    file named twice), are added to ``skipped`` (printable)."""
    shards: list[Shard] = []
    group: list[tuple[str, str]] = []
    group_root = ""

    def add(fmt: str, path: str, **kw: object) -> None:
        shards.append(Shard(index=len(shards), format=fmt, path=path, **kw))  # type: ignore[arg-type]

    def flush() -> None:
        nonlocal group
        if group:
            add("page", group_root, files=tuple(group))
            group = []

    def take(f: str, rid: str, root: str, forced: str | None) -> None:
        nonlocal group_root
        fmt = _format(f, forced)
        if fmt != "page":
            flush()
            if not is_remote(f):
                rels[len(shards)] = os.path.relpath(f, root) if f != root else os.path.basename(f)
            if is_special_file(f):
                # a FIFO with no writer blocks a corpus reader for ever, a device never ends (a
                # page file's reader rejects them itself; a pipe or a device named on the
                # command line, `<(zcat x.jsonl)`, was spooled to a file before the plan)
                add("error", f, error=(rid, "unreadable", NOT_REGULAR))
            else:
                add(fmt, f)
            return
        if group and (group_root != root or len(group) >= cfg.files_per_shard):
            flush()
        group_root = root
        group.append((f, rid))

    rels: dict[int, str] = {}  # a local corpus file's shard: its path below the input given
    forced = None if cfg.input_format == "auto" else cfg.input_format
    # what the inputs give, in order, before any shard is made: the page ids are then made
    # unique across inputs (settle_ids), and the shards built
    events: list[tuple[str, tuple[Any, ...]]] = []

    seen: set[object] = set()

    def later_take(f: str, rid: str, root: str, forced: str | None) -> None:
        # a file named twice (`clean pages pages/a.txt`, a link to one of them) is read once:
        # it was two documents of two ids
        key = f if is_remote(f) else file_key(f)
        if key not in seen:
            seen.add(key)
            events.append(("take", (f, rid, root, forced)))
        elif skipped is not None:
            skipped.append(display(f))  # counted, as a file no reader knows is

    def later_flush() -> None:
        events.append(("flush", ()))

    def later_add(fmt: str, path: str, **kw: object) -> None:
        events.append(("add", (fmt, path, kw)))

    for p in inputs:
        p = os.fspath(p)
        shown = display(p)
        if is_remote(p):
            try:
                files, is_dir = _remote_files(p)
            except FileNotFoundError:
                later_flush()
                later_add("error", p, error=(shown, "not-found", f"no such file or folder: {shown}"))
                continue
            except ImportError:
                raise
            except Exception as e:  # the file system's own: no credentials, no network, no access
                # (a traceback ended the run, the local inputs with it)
                later_flush()
                later_add("error", p, error=(shown, "unreadable", f"{shown} cannot be listed: {type(e).__name__}: {e}"))
                continue
            known = [f for f in files if not is_dir or format_of(f.rsplit("/", 1)[-1]) is not None]
            if skipped is not None:
                taken = set(known)
                skipped += [display(f) for f in files if f not in taken]
            files = known
            for f, rid in zip(files, page_ids([_remote_rel(f, p, is_dir) for f in files])):
                later_take(f, rid, p, forced)
            continue
        root = Path(p)
        if root.is_dir():
            errors: list[tuple[str, str]] = []
            passed: list[Path] = []
            found = list(walk(root, errors, exclude=Path(cfg.output), skipped=passed))  # never read our own output
            if skipped is not None:
                skipped += [display(str(f)) for f in passed]
            for fp, rid in zip(found, record_ids(found, root)):  # named together: see page_ids
                later_take(str(fp), rid, p, forced)
            later_flush()
            for where, detail in errors:
                later_add("error", where, error=(where, "unreadable", f"cannot list folder: {detail}"))
        elif root.exists() or root.is_symlink():
            later_take(p, record_id(root, root), p, forced)
        else:
            later_flush()
            later_add("error", p, error=(shown, "not-found", f"no such file or folder: {shown}"))
    takes = [args for kind, args in events if kind == "take"]
    ids = iter(settle_ids([(f, rid, root, _format(f, forced) == "page")
                           for f, rid, root, forced in takes]))
    for kind, args in events:
        if kind == "take":
            f, _, root, forced = args
            take(f, next(ids), root, forced)
        elif kind == "flush":
            flush()
        else:
            fmt, path, kw = args
            add(fmt, path, **kw)
    flush()
    return _named_apart(shards, rels)


def _named_apart(shards: list[Shard], rels: dict[int, str]) -> list[Shard]:
    """``shards`` with a ``stem`` for each local corpus file whose name another one has: the
    ids made for records without one (``f.jsonl:1``) were the same for two ``f.jsonl`` of two
    folders (README: "an id made so is never a duplicate")."""
    names = Counter(os.path.basename(s.path) for s in shards if s.index in rels)
    clash = [s for s in shards if s.index in rels and names[os.path.basename(s.path)] > 1]
    taken = Counter(rels[s.index] for s in clash)
    for s in clash:
        stem = rels[s.index] if taken[rels[s.index]] == 1 else s.path
        shards[s.index] = dataclasses.replace(s, stem=display(stem.replace(os.sep, "/")))
    return shards


_EXTRAS = {
    "parquet": (("pyarrow", "parquet"),),
    "warc": (("fastwarc", "warc"), ("warcio", "warc")),
    "zstd": (("zstandard", "zstd"),),
    "remote": (("fsspec", "remote"),),
}


def check_extras(shards: list[Shard], cfg: RunConfig) -> None:
    """Fail before any work if a reader or writer needs an optional package that is not
    installed (:class:`MissingExtra` names the ``pip install`` that fixes it)."""
    # what needs each extra, first found: the message names it (one .zst file in a folder
    # stopped the run with "zstandard is needed for this", and which file was left to guess)
    why: dict[str, str] = {}
    for s in shards:
        if s.format in ("parquet", "warc"):
            why.setdefault(s.format, display(s.path))
    if cfg.format == "parquet":
        why.setdefault("parquet", "--format parquet")
    paths = [s.path for s in shards] + [f for s in shards for f, _ in s.files]
    if cfg.doc_compression == "zstd" and cfg.format == "jsonl":
        why["zstd"] = "zstd-compressed output"
    elif zst := next((p for p in paths if p.lower().endswith((".zst", ".zstd"))), None):
        why["zstd"] = display(zst)
    if remote := next((p for p in paths if is_remote(p)), None):
        why["remote"] = remote
    for what in sorted(why):
        for module, extra in _EXTRAS[what]:
            try:
                require(module, extra)
            except MissingExtra as e:
                raise MissingExtra(f"{why[what]}: {e}") from e


def read_shard(shard: Shard, cfg: RunConfig) -> Iterator[InputRecord]:
    """The records of one shard, in order, each with its position in the shard."""
    if shard.shown is None:
        yield from _read_shard(shard, cfg)
        return
    for rec in _read_shard(shard, cfg):
        rec.path = shard.shown
        yield rec


def duplicate_id_detail(first: int) -> str:
    """A ``duplicate-id`` rejection's detail: where the record that gave the id first is (a
    position counted from 0, where the ids made of a JSONL file count its lines from 1)."""
    return f"the same id as the record at position {first} of this input (counted from 0)"


class ShardIds:
    """The ids of one shard's records so far, to tell its duplicates. A second record that
    gives an id the input gave before is a duplicate (``duplicate-id``). An id a reader made
    (of the file's name and a line or position: the input gave none) is never one: where a
    record's id meets another's and either was made, the later record's id gets ``~2``
    (``~3``, ...), and both are kept. (An ``"id": "f.jsonl:1"`` on line 5 of ``f.jsonl`` met
    the id made for line 1 and was rejected as its duplicate; the one that comes later is
    renamed, as the earlier one may be written already.) Inputs whose ids do not meet the
    made ones keep every id as it was."""

    def __init__(self) -> None:
        # an id and the position of the record that has it, ~position (< 0) if made or renamed
        self._at: dict[str, int] = {}
        # an id a record gave and was renamed from (it met a made id) and that record's
        # position: a second record that gives it is still its duplicate
        self._gave: dict[str, int] = {}

    def claim(self, rec: InputRecord) -> int | None:
        """Give ``rec`` (a record read whole) its id in the shard: the position of the earlier
        record whose id it gives again (a duplicate, which claims nothing), else ``None``,
        with ``rec.id`` renamed if it met another's."""
        rid, made = rec.id, rec.id_made
        at = self._at.get(rid)
        if not made:
            first = self._gave.get(rid, at if at is not None and at >= 0 else None)
            if first is not None:
                return first
        if at is None:
            self._at[rid] = ~rec.position if made else rec.position
            return None
        if not made:
            self._gave[rid] = rec.position
        rec.id = numbered(rid, self._at)
        self._at[rec.id] = ~rec.position
        return None


def _read_shard(shard: Shard, cfg: RunConfig) -> Iterator[InputRecord]:
    mb = cfg.options.max_bytes
    name = os.path.basename(os.fspath(shard.path)) if shard.path else ""
    if (shard.format in ("parquet", "warc") or (shard.format == "jsonl" and compression_of(name))) and _empty_file(shard.path):
        # a compressed, WARC or Parquet file of no byte is no valid file of its kind (an empty
        # gzip stream is 20 bytes), yet it was read as no record without a trace: a failed
        # download in a crawl's folder went unnoticed. It is its empty-input rejection, as a
        # page file of no byte is. (A plain .jsonl of no byte is an empty corpus file.)
        yield error_record(f"{shard.stem or name}:0", display(shard.path), "empty-input", "the file is empty (0 bytes)")
        return
    if shard.format == "page":
        yield from read_files(shard.files, max_bytes=mb)
    elif shard.format == "jsonl":
        yield from read_jsonl(shard.path, fields=cfg.fields, max_bytes=mb, stem=shard.stem)
    elif shard.format == "parquet":
        yield from read_parquet(shard.path, fields=cfg.fields, max_bytes=mb, stem=shard.stem)
    elif shard.format == "warc":
        yield from read_warc(shard.path, max_bytes=mb, stem=shard.stem)
    elif shard.format == "error" and shard.error is not None:
        rid, reason, detail = shard.error
        yield error_record(rid, display(shard.path), reason, detail)
    else:
        raise ValueError(f"unknown shard format {shard.format!r}")


def _empty_file(path: Any) -> bool:
    """A local regular file of 0 bytes (a remote one, one that cannot be stat'ed, and a pipe,
    whose size says nothing, are left to their reader)."""
    p = os.fspath(path)
    if is_remote(p):
        return False
    try:
        st = os.stat(p)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size == 0


def _sniff(head: bytes) -> tuple[str, str]:
    """(reader, file suffix) for the first bytes of a decompressed stream."""
    h = head.removeprefix(b"\xef\xbb\xbf").lstrip()  # a byte order mark (Windows tools) hides the first "{"
    if h.startswith(b"WARC/"):
        return "warc", ".warc"
    if head.startswith(b"PAR1"):
        return "parquet", ".parquet"
    if h.startswith(b"{"):
        return "jsonl", ".jsonl"
    return "page", ""


_SUFFIX_OF = {"gzip": ".gz", "zstd": ".zst", "bzip2": ".bz2", None: ""}


def _read_up_to(src: IO[bytes], n: int) -> bytes:
    """The first ``n`` bytes of a stream (fewer at its end): a pipe's read returns what is there."""
    parts, got = [], 0
    while got < n and (piece := src.read(n - got)):
        parts.append(piece)
        got += len(piece)
    return b"".join(parts)


def _copy_up_to(src: IO[bytes], out: IO[bytes], n: int) -> None:
    while n > 0 and (piece := src.read(min(n, 1 << 20))):
        out.write(piece)
        n -= len(piece)


def spool_stdin(dest_dir: Path, input_format: str, stream: IO[bytes] | None = None, name: str = "stdin",
                max_bytes: int | None = None) -> tuple[str, str]:
    """Copy standard input (or a pipe given as a path: ``<(...)``, a FIFO) to a file in
    ``dest_dir`` (worker processes cannot read this process's stdin or its pipes, and a file
    can be sniffed and re-read), named ``name`` and the suffixes of what it holds; returns
    ``(path, reader)``.

    A stream of one page (not compressed, not a corpus format) is copied up to ``max_bytes``
    and a byte more, which the reader rejects as ``too-large``, and a page whose first bytes
    are binary no further than them (``binary-input``): ``/dev/zero``, ``/dev/urandom`` or
    ``yes`` never end, and were copied until the disk was full. A corpus stream (JSONL, WARC,
    Parquet, or compressed) is copied whole. An interrupted copy is deleted."""
    if stream is None and sys.stdin is None:  # the process started with its standard input closed
        raise RunUsageError("standard input is closed: '-' has nothing to read")
    src = stream if stream is not None else sys.stdin.buffer
    dest_dir.mkdir(parents=True, exist_ok=True)
    raw = dest_dir / "stdin.raw"
    try:
        with open(raw, "wb") as out:
            head = _read_up_to(src, 1 << 16)
            out.write(head)
            comp = compression_by_magic(head[:10])
            page = comp is None and (input_format == "page" or (input_format == "auto" and _sniff(head)[0] == "page"))
            if page and is_binary(head):  # (decode's own test: UTF-16 text has NULs too)
                pass  # the rest is not read: the page is binary-input whatever follows
            elif page and max_bytes is not None:
                _copy_up_to(src, out, max(0, max_bytes + 1 - len(head)))
            else:
                shutil.copyfileobj(src, out, 1 << 20)
    except BaseException:
        raw.unlink(missing_ok=True)  # (an interrupted copy of /dev/urandom left 15 GB here)
        raise
    if input_format != "auto":
        fmt = input_format
        suffix = {"warc": ".warc", "parquet": ".parquet", "jsonl": ".jsonl", "page": ""}[fmt]
    else:
        head = b""
        try:
            with open_input(raw, comp) as f:
                # in small pieces: a short stream cut before 4 KiB still shows what it is
                while len(head) < 4096 and (piece := f.read(512)):
                    head += piece
        except (OSError, EOFError, TruncatedInput, gzip.BadGzipFile):
            pass
        fmt, suffix = _sniff(head)
    if fmt == "parquet":
        comp = None  # Parquet compresses inside; a compressed Parquet stream is not readable anyway
    final = dest_dir / f"{name}{suffix}{_SUFFIX_OF[comp]}"
    os.replace(raw, final)
    return str(final), fmt
