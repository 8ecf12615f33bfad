"""Readers: every input becomes an :class:`InputRecord`, or an error record that names why
it could not be read, so nothing is dropped silently."""

from __future__ import annotations

import gzip
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Literal

__all__ = ["InputRecord", "iter_paths", "FILE_SUFFIXES"]

Kind = Literal["text", "html", "auto"]

#: File names the folder walker picks up (optionally with ``.gz``).
FILE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass
class InputRecord:
    """One input document. ``error`` is set (and ``data`` empty) when it could not be read."""

    id: str
    path: str
    data: bytes
    kind: Kind = "auto"
    url: str | None = None
    error: str | None = None
    error_detail: str | None = None


def _kind_of(name: str) -> Kind:
    n = name[:-3] if name.endswith(".gz") else name
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


def read_capped(path: Path, max_bytes: int) -> bytes:
    """Read a file (gunzipping ``.gz``) but never more than ``max_bytes + 1`` bytes of it, so
    a gzip bomb or a huge file costs bounded memory; the caller rejects what is too large."""
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as f:
            return f.read(max_bytes + 1)
    with open(path, "rb") as f:
        return f.read(max_bytes + 1)


def _walk(root: Path) -> Iterator[Path]:
    """Files below ``root`` in sorted order. Symlinked folders are not followed (no loops)."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            if _wanted(name):
                yield Path(dirpath) / name


def iter_paths(paths: list[str | os.PathLike[str]], *, max_bytes: int) -> Iterator[InputRecord]:
    """Walk files and folders (recursively) for ``.txt``, ``.html``, ``.htm`` and their
    ``.gz``; yield one record per file, in a deterministic order."""
    for p in paths:
        root = Path(p)
        if root.is_dir():
            files: Iterator[Path] = _walk(root)
        elif root.exists():
            files = iter([root])
        else:
            yield InputRecord(id=str(p), path=str(p), data=b"", error="not-found", error_detail=f"no such file or folder: {p}")
            continue
        for f in files:
            rid = _record_id(f, root)
            try:
                data = read_capped(f, max_bytes)
            except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as e:
                yield InputRecord(id=rid, path=str(f), data=b"", error="unreadable", error_detail=f"{type(e).__name__}: {e}")
                continue
            yield InputRecord(id=rid, path=str(f), data=data, kind=_kind_of(f.name.lower()))
