"""Files and folders as inputs, named the way ``boilerstrip clean`` names them.

Listing is split from reading so that a distributed run lists on the driver (names only, cheap)
and reads in its workers. The conventions are the CLI's: ``.txt``, ``.html``, ``.htm`` and their
``.gz`` under each folder in sorted order, symlinked folders not followed, the id is the path
relative to the folder given without those suffixes, a path that does not exist is a
``not-found`` reject and a file that cannot be read an ``unreadable`` one. The test that
compares the Ray path with the CLI holds the two to the same rules.
"""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path
from typing import Any, Iterator

from boilerstrip.io.readers import FILE_SUFFIXES, read_capped

__all__ = ["list_inputs", "read_input"]


def _kind_of(name: str) -> str:
    n = name.lower()
    n = n[:-3] if n.endswith(".gz") else n
    if n.endswith((".html", ".htm")):
        return "html"
    if n.endswith(".txt"):
        return "text"
    return "auto"


def _wanted(name: str) -> bool:
    n = name.lower()
    n = n[:-3] if n.endswith(".gz") else n
    return n.endswith(FILE_SUFFIXES)


def _record_id(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root).as_posix() if root.is_dir() else path.name
    except ValueError:
        rel = path.name
    for suf in (".gz",) + FILE_SUFFIXES:
        if rel.lower().endswith(suf):
            rel = rel[: -len(suf)]
    return rel


def list_inputs(paths: list[str | os.PathLike[str]]) -> Iterator[dict[str, Any]]:
    """One ``{id, path, kind, error, detail}`` per input file, in the CLI's order."""
    for p in paths:
        root = Path(p)
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames.sort()
                for name in sorted(filenames):
                    if _wanted(name):
                        f = Path(dirpath) / name
                        yield {"id": _record_id(f, root), "path": str(f), "kind": _kind_of(name), "error": None, "detail": None}
        elif root.exists():
            yield {"id": _record_id(root, root), "path": str(root), "kind": _kind_of(root.name), "error": None, "detail": None}
        else:
            yield {"id": str(p), "path": str(p), "kind": "auto", "error": "not-found", "detail": f"no such file or folder: {p}"}


def read_input(path: str, max_bytes: int) -> tuple[bytes | None, str | None, str | None]:
    """``(data, error, detail)``: the file's bytes (gunzipped, at most ``max_bytes + 1``), or
    why it could not be read."""
    try:
        return read_capped(Path(path), max_bytes), None, None
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as e:
        return None, "unreadable", f"{type(e).__name__}: {e}"
