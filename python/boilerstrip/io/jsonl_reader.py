"""JSONL corpora (plain, ``.gz``, ``.zst``, ``.bz2``; local or remote): one JSON object per line with
the document under ``html`` or ``text`` plus ``id`` and ``url`` (see :class:`Fields`).

A broken line is a ``bad-json`` rejection and the next line is read as usual; a line longer
than the size limit is skipped in pieces (memory stays bounded) and rejected ``too-large``; a
truncated compressed file ends in one ``truncated-input`` rejection that says after which
line it stopped. Blank lines are not records. A UTF-8 byte order mark at the start of the
file (Windows tools write one) is skipped, not read as part of the first record.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import PurePosixPath
from typing import Any, Iterator

import orjson

from boilerstrip.io.compression import TruncatedInput, capped_lines, open_input
from boilerstrip.io.readers import Fields, InputRecord, display, error_record, record_from_mapping
from boilerstrip.normalize import without_lone_surrogates

__all__ = ["read_jsonl"]

_READ_ERRORS = (OSError, EOFError, zlib.error, ValueError)

BOM = b"\xef\xbb\xbf"


def line_cap(max_bytes: int) -> int:
    """The longest line read whole: JSON escaping can make a document of ``max_bytes``
    several times longer (``\\n``, ``\\u00e9``); beyond this it is rejected as too large."""
    return 4 * max_bytes + (1 << 20)


def read_jsonl(path: str | os.PathLike[str], *, fields: Fields = Fields(), max_bytes: int, start: int = 0) -> Iterator[InputRecord]:
    """The records of one JSONL file in order. ``start`` skips that many records (used to
    pick up a file in the middle; the positions stay those of the whole file)."""
    p = os.fspath(path)
    shown = display(p)
    stem = PurePosixPath(shown).name
    cap = line_cap(max_bytes)
    position = 0
    lineno = 0
    try:
        f = open_input(p)
    except _READ_ERRORS as e:
        yield error_record(f"{stem}:0", shown, "unreadable", f"{type(e).__name__}: {e}")
        return
    with f:
        lines = capped_lines(f, cap)
        while True:
            # (a read that fails counts no line: the rejection is the next line's, after `lineno`)
            try:
                line = next(lines, b"")
            except TruncatedInput as e:
                yield error_record(f"{stem}:{lineno + 1}", shown, "truncated-input", f"after line {lineno}: {e}", position)
                return
            except _READ_ERRORS as e:
                yield error_record(f"{stem}:{lineno + 1}", shown, "unreadable", f"after line {lineno}: {type(e).__name__}: {e}", position)
                return
            if line == b"":
                return
            lineno += 1
            if line is None:
                rec = error_record(f"{stem}:{lineno}", shown, "too-large", f"line {lineno} is longer than {cap} bytes", position)
            else:
                if lineno == 1 and line.startswith(BOM):
                    line = line[len(BOM):]
                if not line.strip():
                    continue
                rec = _parse(line, fields=fields, path=shown, position=position, default_id=f"{stem}:{lineno}", lineno=lineno)
            if position >= start:
                yield rec
            position += 1


def _parse(line: bytes, *, fields: Fields, path: str, position: int, default_id: str, lineno: int) -> InputRecord:
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as e:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as u:
            # orjson says "str is not valid UTF-8: surrogates not allowed" of a Latin-1 line
            return error_record(default_id, path, "bad-json", f"line {lineno}: not UTF-8, as JSON Lines must be "
                                f"(byte 0x{line[u.start]:02X} at column {u.start + 1})", position)
        if "surrogate" not in str(e):
            return error_record(default_id, path, "bad-json", f"line {lineno}: {e}", position)
        # "\ud800" with no partner: valid JSON (Python's json.dumps writes it for a str that
        # holds one), which orjson refuses; the standard library reads it, and the lone
        # surrogates become U+FFFD, so the record is cleaned rather than lost
        try:
            obj = _mend_surrogates(json.loads(line))
        except ValueError:
            return error_record(default_id, path, "bad-json", f"line {lineno}: {e}", position)
    return record_from_mapping(obj, fields=fields, path=path, position=position, default_id=default_id)


def _mend_surrogates(v: Any) -> Any:
    """``v`` with every lone surrogate in its strings (keys too) as U+FFFD."""
    if isinstance(v, str):
        return without_lone_surrogates(v)
    if isinstance(v, dict):
        return {_mend_surrogates(k): _mend_surrogates(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_mend_surrogates(x) for x in v]
    return v
