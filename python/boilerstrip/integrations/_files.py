"""Files and folders as inputs, named the way ``boilerstrip clean`` names them.

Listing is split from reading so that a distributed run lists on the driver (names only, cheap)
and reads in its workers. The conventions are the CLI's, from the same functions
(:mod:`boilerstrip.io.readers`): ``.txt``, ``.html``, ``.htm`` and their ``.gz``/``.zst``/``.bz2``
under each folder in sorted order, symlinked folders followed once (no loops), the id is the
path relative to the folder given without those suffixes (files that would share one keep
their whole names), a path that does not exist is a ``not-found`` reject, a folder that cannot
be listed or a file that cannot be read an ``unreadable`` one, a compressed file cut short a
``truncated-input`` one. ``tests/test_integrations_files.py`` holds the listing to the CLI's.
"""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path
from typing import Any, Iterator

from boilerstrip.io.compression import TruncatedInput
from boilerstrip.io.readers import display, file_key, format_of, kind_of, read_capped, record_id, record_ids, settle_ids, walk

__all__ = ["list_inputs", "read_input"]


def _row(f: Path, rid: str) -> dict[str, Any]:
    fmt = format_of(f.name)
    if fmt not in (None, "page"):
        # a file of many documents is not one page: read it with Ray's own reader
        detail = f"a {fmt} corpus file: read it with ray.data (e.g. read_json/read_parquet) and pass its text column to BoilerstripCleaner"
        return {"id": rid, "path": str(f), "kind": "auto", "error": "unsupported-format", "detail": detail}
    return {"id": rid, "path": str(f), "kind": kind_of(f.name), "error": None, "detail": None}


def list_inputs(paths: list[str | os.PathLike[str]]) -> Iterator[dict[str, Any]]:
    """One ``{id, path, kind, error, detail}`` per input file, in the CLI's order. Corpus
    files (JSONL, Parquet, WARC), which the CLI reads as many documents, are rejects here
    (``unsupported-format``), never read as one page."""
    rows: list[tuple[dict[str, Any], str | None]] = []  # a row, and the input of a file's row
    seen: set[object] = set()  # a file named twice is listed once, as the CLI's plan does

    def new(f: Path) -> bool:
        key = file_key(f)
        if key in seen:
            return False
        seen.add(key)
        return True

    for p in paths:
        root = Path(p)
        if root.is_dir():
            errors: list[tuple[str, str]] = []
            found = list(walk(root, errors))
            rows += [(_row(f, rid), os.fspath(p)) for f, rid in zip(found, record_ids(found, root)) if new(f)]
            rows += [({"id": where, "path": where, "kind": "auto", "error": "unreadable", "detail": f"cannot list folder: {detail}"}, None)
                     for where, detail in errors]
        elif root.exists() or root.is_symlink():
            if new(root):
                rows.append((_row(root, record_id(root, root)), os.fspath(p)))
        else:
            shown = display(str(p))
            rows.append(({"id": shown, "path": str(p), "kind": "auto", "error": "not-found", "detail": f"no such file or folder: {shown}"}, None))
    # page ids unique across inputs, as the CLI's plan makes them
    files = [(row, root) for row, root in rows if root is not None]
    ids = settle_ids([(row["path"], row["id"], root, row["error"] is None) for row, root in files])
    for (row, _), rid in zip(files, ids):
        row["id"] = rid
    for row, _ in rows:
        yield row


def read_input(path: str, max_bytes: int) -> tuple[bytes | None, str | None, str | None]:
    """``(data, error, detail)``: the file's bytes (decompressed, at most ``max_bytes + 1``), or
    why it could not be read."""
    try:
        return read_capped(Path(path), max_bytes), None, None
    except TruncatedInput as e:
        return None, "truncated-input", str(e)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as e:
        return None, "unreadable", f"{type(e).__name__}: {e}"
