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
import re
import zlib
from pathlib import PurePosixPath
from typing import IO, Any, Iterator

import orjson

from boilerstrip.io.compression import GZIP_SKIPPED, ZSTD_SKIPPED, TruncatedInput, open_input
from boilerstrip.io.readers import Fields, InputRecord, display, error_record, record_from_mapping
from boilerstrip.normalize import writable

__all__ = ["read_jsonl"]

_READ_ERRORS = (OSError, EOFError, zlib.error, ValueError)

BOM = b"\xef\xbb\xbf"


def line_cap(max_bytes: int) -> int:
    """The longest line read whole: JSON escaping can make a document of ``max_bytes``
    several times longer (``\\n``, ``\\u00e9``); beyond this it is rejected as too large."""
    return 4 * max_bytes + (1 << 20)


#: Bytes read at a time. At most the shortest line cap (a line inside one block is never too
#: large, so a run of blank lines is skipped whole).
_BLOCK = 1 << 20
#: The first byte that is not ASCII whitespace (what ``bytes.strip`` removes).
_NOT_BLANK = re.compile(rb"[^ \t\n\r\x0b\x0c]")


class _Lines:
    """The lines of ``f`` that are not blank, read in blocks: a run of blank (whitespace-only)
    lines is skipped by bytes methods over the block, not a readline each (50 million blank
    lines, a gzip file of 50 KB, took 21 s; 0.2 s so). ``lineno`` counts the lines read, blank
    ones too. A line is as ``f.readline(cap)`` reads it: longer than ``cap`` (by then no line
    break), it is read past in blocks (memory stays bounded) and given as ``None``. A read
    that fails raises; the line it was in is not counted."""

    def __init__(self, f: IO[bytes], cap: int, block: int = _BLOCK) -> None:
        # read1: a block is what one read of the decompressor gives, so what was decompressed
        # before a cut is given before the cut's TruncatedInput (read(n) would lose it)
        self._read = getattr(f, "read1", None) or f.read
        self._cap = cap
        self._block = min(block, cap)
        self._buf = b""
        self._pos = 0
        self.lineno = 0

    def _more(self) -> bool:
        """The next block in the buffer (the rest of the one before was taken); False at the end."""
        self._buf = self._read(self._block)
        self._pos = 0
        return bool(self._buf)

    def next(self) -> bytes | None:
        """The next line (with its line break) that is not blank, ``None`` for one too long,
        ``b""`` at the end. (A line split across blocks is read whole, and may be blank.)"""
        while True:
            self._skip_blank()
            if self._pos < len(self._buf):
                break
            if not self._more():
                return b""
        line = self._line()
        self.lineno += 1  # (after the read: a line a read failed in is not counted)
        return line

    def _skip_blank(self) -> None:
        """Skip the whole blank lines at the start of what the buffer holds."""
        buf, pos = self._buf, self._pos
        m = _NOT_BLANK.search(buf, pos)
        start = buf.rfind(b"\n", pos, m.start() if m else len(buf)) + 1  # of the line it is in
        if start > pos:
            self.lineno += buf.count(b"\n", pos, start)
            self._pos = start

    def _line(self) -> bytes | None:
        """The line at the buffer's position, read on across blocks; ``None`` if too long."""
        buf, pos = self._buf, self._pos
        i = buf.find(b"\n", pos)
        if i >= 0:  # (within a block: not longer than the cap)
            self._pos = i + 1
            return buf[pos : i + 1]
        pieces, size = [buf[pos:]], len(buf) - pos
        while self._more():
            i = self._buf.find(b"\n")
            if i >= 0:
                self._pos = i + 1
                if size + i + 1 > self._cap:
                    return None
                pieces.append(self._buf[: i + 1])
                return b"".join(pieces)
            size += len(self._buf)
            if size >= self._cap:
                self._past_line()
                return None
            pieces.append(self._buf)
        return None if size >= self._cap else b"".join(pieces)

    def _past_line(self) -> None:
        """Read past the rest of a line too long (to its line break or the end)."""
        while self._more():
            i = self._buf.find(b"\n")
            if i >= 0:
                self._pos = i + 1
                return


def read_jsonl(path: str | os.PathLike[str], *, fields: Fields = Fields(), max_bytes: int, start: int = 0, stem: str | None = None) -> Iterator[InputRecord]:
    """The records of one JSONL file in order. ``start`` skips that many records (used to
    pick up a file in the middle; the positions stay those of the whole file)."""
    p = os.fspath(path)
    shown = display(p)
    # (the file's name, or, given by the plan, its path below the input folder where two
    # corpus files share a name: the ids made of it are never another file's)
    stem = stem or PurePosixPath(shown).name
    cap = line_cap(max_bytes)
    position = 0
    try:
        # (a damaged gzip member costs its own records, not those of the members after it)
        f = open_input(p, members=True)
    except _READ_ERRORS as e:
        yield error_record(f"{stem}:0", shown, "unreadable", f"{type(e).__name__}: {e}")
        return
    with f:
        lines = _Lines(f, cap)
        while True:
            # (a read that fails counts no line: the rejection is the next line's, after `lineno`)
            try:
                line = lines.next()
            except TruncatedInput as e:
                yield error_record(f"{stem}:{lines.lineno + 1}", shown, "truncated-input", f"after line {lines.lineno}: {e}", position)
                return
            except _READ_ERRORS as e:
                yield error_record(f"{stem}:{lines.lineno + 1}", shown, "unreadable", f"after line {lines.lineno}: {type(e).__name__}: {e}", position)
                return
            if line == b"":
                return
            lineno = lines.lineno
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
    if line.startswith((GZIP_SKIPPED, ZSTD_SKIPPED)):
        # the line put where a damaged gzip member or zstd frame was skipped: its records are lost
        return error_record(default_id, path, "unreadable", f"line {lineno}: {line.decode('utf-8', 'replace').strip()[1:-1]}; "
                            "the records in it are lost", position)
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as e:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as u:
            # orjson says "str is not valid UTF-8: surrogates not allowed" of a Latin-1 line
            return error_record(default_id, path, "bad-json", f"line {lineno}: not UTF-8, as JSON Lines must be "
                                f"(byte 0x{line[u.start]:02X} at column {u.start + 1})", position)
        if "surrogate" not in str(e) and "number" not in str(e):
            return error_record(default_id, path, "bad-json", f"line {lineno}: {e}", position)
        # "\ud800" with no partner: valid JSON (Python's json.dumps writes it for a str that
        # holds one), which orjson refuses; the standard library reads it, and the lone
        # surrogates become U+FFFD, so the record is cleaned rather than lost. So is a number
        # beyond 64 bits or a double's range (10**400 in a field of its own: "number is
        # infinity"), valid JSON too.
        try:
            obj = writable(json.loads(line))
        except ValueError:
            return error_record(default_id, path, "bad-json", f"line {lineno}: {e}", position)
        except RecursionError:
            # (orjson reads 1,024 levels; the standard library and `writable` fewer: a record
            # nested some hundreds deep with a lone surrogate stopped the whole file)
            return error_record(default_id, path, "bad-json", f"line {lineno}: {e}, and nested too deeply to read "
                                "otherwise", position)
    return record_from_mapping(obj, fields=fields, path=path, position=position, default_id=default_id)
