"""Readers: every input becomes an :class:`InputRecord`, or an error record that names why
it could not be read, so nothing is dropped silently.

This module holds what every reader shares (the record, the field names, turning a mapping
into a record) and the reader of folders of page files. The corpus formats have one module
each: :mod:`.jsonl_reader`, :mod:`.parquet_reader`, :mod:`.warc_reader`; :func:`read_input`
picks one by the file's name.
"""

from __future__ import annotations

import errno
import gzip
import os
import stat
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Container, Iterator, Literal, Mapping, Sequence

from boilerstrip.io.compression import TruncatedInput, is_remote, open_input, strip_compression

__all__ = [
    "InputRecord",
    "Fields",
    "iter_paths",
    "read_files",
    "walk",
    "format_of",
    "kind_of",
    "record_id",
    "record_ids",
    "page_ids",
    "page_stem",
    "display",
    "record_from_mapping",
    "error_record",
    "file_key",
    "FILE_SUFFIXES",
    "CORPUS_FORMATS",
]

Kind = Literal["text", "html", "auto"]

#: Page files: one document each, plain or compressed (``.gz``, ``.zst``, ``.bz2``: read
#: through :func:`.compression.open_input`, so a cut one is ``truncated-input`` as a corpus file is).
FILE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

#: Corpus files: many documents each. The name decides the reader.
CORPUS_FORMATS: dict[str, tuple[str, ...]] = {
    # not plain ``.json``: that is mostly one JSON document (and --format txt's sidecars);
    # dolma's ``.json.gz`` files are JSON lines
    "jsonl": (".jsonl", ".ndjson", ".jsonl.gz", ".json.gz", ".ndjson.gz", ".jsonl.zst", ".json.zst", ".jsonl.zstd",
              ".jsonl.bz2", ".json.bz2", ".ndjson.bz2"),
    "parquet": (".parquet",),
    "warc": (".warc", ".warc.gz", ".wet", ".wet.gz", ".warc.zst", ".arc", ".arc.gz"),
}


@dataclass
class InputRecord:
    """One input document. ``error`` is set (and ``data`` empty) when it could not be read.

    Attributes:
        id: The record's id (from the input, or made from its path and position).
        path: Where it came from, printable (non-UTF-8 bytes of file names escaped).
        data: The raw bytes (page files, WARC payloads, binary Parquet columns).
        kind: ``text``, ``html`` or ``auto`` (decided from the content).
        url: The page's address, when the input has one.
        error, error_detail: Why it could not be read (a reason code and a message).
        position: Index of the record within its input file (0-based), for resuming and for
            finding a broken line.
        charset: The charset the source declared (HTTP header), if any.
        text: The document as text when the source gives text (JSONL, Parquet strings);
            then ``data`` is empty.
        id_made: The reader made ``id`` (of the file's name and the record's line or
            position): the input gave none. Such an id is never a ``duplicate-id`` (see
            :class:`~boilerstrip.pipeline.plan.ShardIds`).
    """

    id: str
    path: str
    data: bytes
    kind: Kind = "auto"
    url: str | None = None
    error: str | None = None
    error_detail: str | None = None
    position: int = 0
    charset: str | None = None
    text: str | None = None
    id_made: bool = False


@dataclass(frozen=True)
class Fields:
    """Where JSONL and Parquet records keep their parts. A dotted name reaches into nested
    objects (``metadata.url``). ``html`` wins when a record has both ``html`` and ``text``."""

    id: str = "id"
    text: str = "text"
    html: str = "html"
    url: str = "url"


def display(s: str) -> str:
    """A file name as valid UTF-8 text: bytes that are not UTF-8 (kept by Python as lone
    surrogates) become ``\\xNN``, so the name can be written to JSON."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def file_key(path: str | os.PathLike[str]) -> object:
    """What names one file whatever the path to it (a symlink, a hard link, a folder and a file
    in it): its device and inode; the path itself if it cannot be looked at (the reader then
    says why). A stat, not ``realpath``: eight times cheaper, and a million files are planned."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return os.fspath(path)
    if st.st_ino == 0:  # a file system that gives no inodes: two files must not become one
        return os.path.realpath(path)
    return (st.st_dev, st.st_ino)


def error_record(rid: str, path: str, reason: str, detail: str, position: int = 0, url: str | None = None) -> InputRecord:
    return InputRecord(id=rid, path=path, data=b"", error=reason, error_detail=detail, position=position, url=url)


def _get(obj: Mapping[str, Any], dotted: str) -> Any:
    if dotted in obj:
        return obj[dotted]
    cur: Any = obj
    for part in dotted.split("."):
        if not isinstance(cur, Mapping) or part not in cur:
            return None
        cur = cur[part]
    return cur


def record_from_mapping(obj: Any, *, fields: Fields, path: str, position: int, default_id: str) -> InputRecord:
    """A JSONL object or a Parquet row as a record; wrong shapes and types become error
    records (``wrong-type``, ``no-text``) that say which field is wrong."""
    if not isinstance(obj, Mapping):
        return error_record(default_id, path, "wrong-type", f"the record is a JSON {type(obj).__name__}, not an object", position)
    rid: Any = _get(obj, fields.id)
    made = rid is None
    if made:
        rid = default_id
    elif isinstance(rid, int) and not isinstance(rid, bool):
        rid = str(rid)  # datatrove and many crawls number their records
    elif not isinstance(rid, str):
        return error_record(default_id, path, "wrong-type", f"field {fields.id!r} is a {type(rid).__name__}, not a string", position)
    url = _get(obj, fields.url)
    if url is None and fields.url == "url":
        url = _get(obj, "metadata.url")  # boilerstrip's and dolma's own records keep it there
    if url is not None and not isinstance(url, str):
        return error_record(rid, path, "wrong-type", f"field {fields.url!r} is a {type(url).__name__}, not a string", position)
    given = [(name, kind, v) for name, kind in ((fields.html, "html"), (fields.text, "text")) if (v := _get(obj, name)) is not None]
    if not given:
        return error_record(rid, path, "no-text", f"the record has neither {fields.html!r} nor {fields.text!r}", position, url)
    # an empty or blank field gives way to the other one ({"html": " ", "text": "..."}); both
    # empty: the first, rejected as empty-input when cleaned
    name, kind, value = min(given, key=lambda g: isinstance(g[2], (str, bytes, bytearray)) and (not g[2] or g[2].isspace()))
    if isinstance(value, str):
        return InputRecord(id=rid, path=path, data=b"", kind=kind, url=url, position=position, text=value, id_made=made)  # type: ignore[arg-type]
    if isinstance(value, (bytes, bytearray)):
        return InputRecord(id=rid, path=path, data=bytes(value), kind=kind, url=url, position=position, id_made=made)  # type: ignore[arg-type]
    return error_record(rid, path, "wrong-type", f"field {name!r} is a {type(value).__name__}, not a string", position, url)


# -- page files ---------------------------------------------------------------------------


def format_of(name: str) -> str | None:
    """``page``, ``jsonl``, ``parquet`` or ``warc`` by the file name; ``None`` for files the
    folder walker leaves alone."""
    n = name.lower()
    for fmt, sufs in CORPUS_FORMATS.items():
        if n.endswith(sufs):
            return fmt
    if strip_compression(n).endswith(FILE_SUFFIXES):
        return "page"
    return None


def kind_of(name: str) -> Kind:
    """``html``, ``text`` or ``auto`` (decided from the content) by a page file's name."""
    n = strip_compression(name.lower())
    if n.endswith((".html", ".htm")):
        return "html"
    if n.endswith((".txt", ".md", ".markdown")):  # (Markdown is text, read through its rendering)
        return "text"
    return "auto"


def page_kind(name: str, data: bytes) -> Kind:
    """A page file's kind by its name (:func:`kind_of`), unless its content says otherwise:
    a ``.txt`` or ``.md`` file that starts as a page does (a doctype, ``<html>``) is HTML, and
    an ``.html`` file without a ``<`` in its first 64 KiB is text (cleaned as HTML, its lines
    ran together into one)."""
    from boilerstrip.html import starts_like_html  # (the HTML path is not needed to list files)

    kind = kind_of(name)
    if kind == "text" and starts_like_html(data):
        return "html"
    head = data[:65536]
    if kind == "html" and b"<" not in head and head.strip():
        return "text"
    return kind


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() if root.is_dir() else path.name
    except ValueError:
        return path.name


def record_id(path: Path, root: Path) -> str:
    """A page file's id on its own: its path below the folder given, without the suffixes.
    The files of a folder are named together, by :func:`record_ids`."""
    return display(page_stem(_rel(path, root)))


def record_ids(files: Sequence[Path], root: Path) -> list[str]:
    """The ids of the files found under ``root``: see :func:`page_ids`."""
    return page_ids([_rel(f, root) for f in files])


def page_ids(rels: Sequence[str]) -> list[str]:
    """The ids of the page files of one folder, from their paths below it: each its path
    without the suffixes (``a/b.html.gz`` -> ``a/b``), but files that would share an id keep
    their whole names (``a.txt`` and ``a.html`` are ``a.txt`` and ``a.html``). Two different
    pages are two documents, not one and a ``duplicate-id``; and had they shared the id,
    which one was rejected depended on where ``--files-per-shard`` cut the folder, since ids
    are checked for duplicates within a shard. Names alike only once shown (not UTF-8) are
    told apart by :func:`escaped_apart`."""
    ids = [page_stem(r) for r in rels]
    while True:
        count = Counter(ids)
        # a whole name can meet another file's stem ('a.txt' and 'a.txt.html'): repeat until
        # none is shared; it ends, as every round gives at least one file its (unique) whole name
        clash = [i for i, x in enumerate(ids) if count[x] > 1 and x != rels[i]]
        if not clash:
            return escaped_apart([display(x) for x in ids], rels)
        for i in clash:
            ids[i] = rels[i]


def numbered(rid: str, taken: Container[str]) -> str:
    """``rid`` with ``~2`` appended, or ``~3``, ...: the first that is not ``taken``."""
    k = 2
    while f"{rid}~{k}" in taken:
        k += 1
    return f"{rid}~{k}"


def escaped_apart(ids: Sequence[str], paths: Sequence[str]) -> list[str]:
    """``ids`` (as shown) of the files at ``paths``, no two files' alike. A name that is not
    UTF-8 is shown with ``\\xNN`` for its bytes (:func:`display`), as another file may be
    named in letters: a file whose name holds the byte FF and one named with a backslash,
    ``x``, ``f``, ``f`` had one id, and one was a ``duplicate-id``. Of files sharing an id,
    one whose path is shown as it is keeps it, then the first; the others get ``~2`` (``~3``,
    ...). The ids no two files share are unchanged; one path given twice keeps one id."""
    owner: dict[str, str] = {}  # an id and the path that has it
    out = list(ids)
    # the paths in UTF-8 first, then the escaped ones, each in order
    for i in sorted(range(len(ids)), key=lambda i: display(paths[i]) != paths[i]):
        path = os.path.normpath(paths[i])
        if owner.setdefault(out[i], path) != path:
            out[i] = numbered(out[i], owner)
            owner[out[i]] = path
    return out


def settle_ids(items: Sequence[tuple[str, str, str, bool]]) -> list[str]:
    """The ids of a run's inputs, unique across inputs: ``items`` are (file, id, the input it
    came from as given, whether it is a page file), ids as :func:`page_ids` made them for each
    input. Two inputs may still give one page id (``clean dir1 dir2`` with an ``a.txt`` in
    each: both ``a``); those pages keep their input's path before the id (``dir1/a``,
    ``dir2/a``; a file given itself, its path without suffixes). One file given twice stays
    one id, and so a ``duplicate-id`` rejection. Corpus files' records have ids of their own.

    Files given themselves whose stems still meet (``clean a.txt a.html``: both ``a``) keep
    their whole names, as in a folder; ids that still meet (two inputs alike once escaped)
    are told apart by :func:`escaped_apart`."""
    inputs_of: dict[str, set[str]] = {}
    for f, rid, root, is_page in items:
        if is_page:
            inputs_of.setdefault(rid, set()).add(root)
    out = []
    for f, rid, root, is_page in items:
        if is_page and len(inputs_of[rid]) > 1:
            shown = display(root).rstrip("/")
            rid = page_stem(shown) if _given_itself(f, root) else f"{shown}/{rid}"
        out.append(rid)
    pages = [i for i, item in enumerate(items) if item[3]]
    files_of: dict[str, set[str]] = {}
    for i in pages:
        files_of.setdefault(out[i], set()).add(os.path.normpath(items[i][0]))
    for i in pages:
        f, _, root, _ = items[i]
        if len(files_of[out[i]]) > 1 and _given_itself(f, root):
            out[i] = display(root).rstrip("/")
    apart = escaped_apart([out[i] for i in pages], [items[i][0] for i in pages])
    for i, rid in zip(pages, apart):
        out[i] = rid
    return out


def _given_itself(f: str, root: str) -> bool:
    """Whether page file ``f`` was an input itself (not found in a folder given)."""
    return os.path.normpath(f) == os.path.normpath(root)


def page_stem(name: str) -> str:
    """``a/b.html.gz`` -> ``a/b``: a page file's name without its compression and page suffixes."""
    rel = strip_compression(name)
    for suf in FILE_SUFFIXES:
        if rel.lower().endswith(suf):
            rel = rel[: -len(suf)]
    return rel


#: Why a FIFO, a socket or a device among the inputs is rejected (``unreadable``).
NOT_REGULAR = "not a regular file (a FIFO, socket or device)"


def is_special_file(path: str) -> bool:
    """A local file that is no regular file once links are followed: a FIFO, a socket, a
    device (see :data:`NOT_REGULAR`). One that cannot be stat'ed, or a remote one, is left to
    its reader."""
    if is_remote(path):
        return False
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def read_capped(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """Read a file (decompressing ``.gz``, ``.zst``, ``.bz2`` by the name, with the corpus
    readers' truncation checks; a URL through fsspec) but never more than ``max_bytes + 1``
    bytes of it, so a gzip bomb or a huge file costs bounded memory; the caller rejects what
    is too large."""
    p = os.fspath(path)
    # (a missing file: FileNotFoundError, as open() gave)
    if not is_remote(p) and not stat.S_ISREG(os.stat(p).st_mode):
        # a FIFO with no writer blocks open() for ever, a device never ends: no page
        raise OSError(errno.EINVAL, NOT_REGULAR, p)
    with open_input(p) as f:
        # in chunks: read(n) allocates n bytes first, so a large limit (--max-bytes 32 GiB)
        # was a MemoryError on a small file
        parts: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = f.read(min(left, 1 << 24))
            if not chunk:
                break
            parts.append(chunk)
            left -= len(chunk)
        return b"".join(parts)


def walk(
    root: Path, errors: list[tuple[str, str]] | None = None, *, pages_only: bool = False, exclude: Path | None = None,
    skipped: list[Path] | None = None,
) -> Iterator[Path]:
    """Files below ``root`` that a reader knows, in sorted order. Symlinked folders are
    followed (corpora are often assembled from links to other disks), but a folder already
    walked is not entered again, so a link back up the tree is no loop and nothing is read
    twice; folders that cannot be listed are reported in ``errors``; the folder ``exclude``
    (the output folder, when it is inside the input) is skipped. Files no reader knows (by
    their names: ``.pdf``, ``.json``, no suffix) are added to ``skipped``."""
    skip = os.path.realpath(exclude) if exclude is not None else None
    seen = {os.path.realpath(root)}

    def onerror(e: OSError) -> None:
        if errors is not None:
            errors.append((display(str(e.filename or root)), f"{type(e).__name__}: {e.strerror or e}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        keep = []
        for d in sorted(dirnames):
            real = os.path.realpath(os.path.join(dirpath, d))
            if real != skip and real not in seen:
                seen.add(real)
                keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            fmt = format_of(name)
            if fmt == "page" or (fmt is not None and not pages_only):
                yield Path(dirpath) / name
            elif skipped is not None:
                skipped.append(Path(dirpath) / name)


def read_files(files: Sequence[tuple[str, str]], *, max_bytes: int, start: int = 0) -> Iterator[InputRecord]:
    """Page files as records: ``files`` holds ``(path, id)`` pairs; positions count from
    ``start``."""
    for i, (f, rid) in enumerate(files):
        shown = display(f)
        try:
            data = read_capped(f, max_bytes)
        except TruncatedInput as e:
            yield error_record(rid, shown, "truncated-input", str(e), start + i)
            continue
        except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as e:
            yield error_record(rid, shown, "unreadable", f"{type(e).__name__}: {e}", start + i)
            continue
        except MemoryError:  # under the worker's address-space cap (BOILERSTRIP_WORKER_MEMORY)
            yield error_record(rid, shown, "too-large", "reading it took more memory than the worker may use", start + i)
            continue
        yield InputRecord(id=rid, path=shown, data=data, kind=page_kind(f, data), position=start + i)


def iter_paths(paths: list[str | os.PathLike[str]], *, max_bytes: int) -> Iterator[InputRecord]:
    """Walk files and folders (recursively) for ``.txt``, ``.html``, ``.htm`` and their
    compressed forms; yield one record per file, in a deterministic order."""
    for p in paths:
        root = Path(p)
        if root.is_dir():
            files = list(walk(root, pages_only=True))
        elif root.exists():
            files = [root]
        else:
            yield error_record(display(str(p)), display(str(p)), "not-found", f"no such file or folder: {display(str(p))}")
            continue
        for f, rid in zip(files, record_ids(files, root)):
            yield from read_files([(str(f), rid)], max_bytes=max_bytes)
