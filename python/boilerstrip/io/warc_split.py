"""Splitting a damaged WARC file into its records, so that one bad record costs that record only.

fastwarc and warcio both stop at the first record they cannot parse (a malformed
``Content-Length``, a block followed by junk, a record cut inside its headers, a payload whose
compression is cut), and the good records after it were lost with it. No library resynchronises
after damage, hence this small hand-written splitter: it reads the decompressed stream line by
line, trusts a record's ``Content-Length`` when the next record's version line follows the block
it declares, and otherwise reports the record and looks for the next ``WARC/1.x`` line at the
start of a line. Each whole record is then parsed alone (by warcio, see ``warc_reader``), so its
HTTP headers and content coding are read the usual way and a failure there is that record's.

Memory is bounded: a line is read at most :data:`LINE_CAP` bytes at a time, headers are capped
at :data:`HEADER_CAP`, and a block is kept up to the caller's limit (the rest is read and
dropped, the record marked too large).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import IO, Iterator

from boilerstrip.io.compression import TruncatedInput

__all__ = ["RawRecord", "split_records", "runs_past", "LINE_CAP", "HEADER_CAP"]

#: Bytes of one line read at a time (a longer line comes in pieces: only junk has such lines).
LINE_CAP = 1 << 16
#: Bytes of a record's WARC headers beyond which the record is unreadable.
HEADER_CAP = 1 << 20
_CHUNK = 1 << 20

_VERSION = re.compile(rb"WARC/\d+\.\d+\r?\n\Z")
_GLUED = re.compile(rb"WARC/1\.[01]\r\n\Z")
_BLANK = (b"\r\n", b"\n")


def _is_version(line: bytes) -> bool:
    return len(line) < 16 and _VERSION.match(line) is not None


def _is_cut_version(line: bytes) -> bool:
    """Whether ``line`` is the start of a version line that the stream ends inside (a last
    line has no line break): a file cut there, not bytes that are no record."""
    return line != b"" and not line.endswith(b"\n") and (b"WARC/1.0\r\n".startswith(line) or b"WARC/1.1\r\n".startswith(line))


@dataclass
class RawRecord:
    """One record as found in the stream, or a run of bytes that is none.

    ``fields`` are the WARC header fields (names lower-cased, the first of a repeated name);
    ``head`` is the version line and the header lines with the blank line after them; ``block``
    the bytes its ``Content-Length`` declares (cut at the caller's limit when ``too_large``).
    ``problem`` is ``(reason, detail)`` when the record cannot be given as it is: the reason is a
    rejection code (``truncated-input``, ``unreadable``). ``trailing`` counts the bytes after
    the block that are no record (junk, or the rest of a block whose length is declared wrong).
    ``cut_after`` says that the stream ends inside the line breaks that close the block: the
    record is whole, the file cut (:func:`split_records` says so in a record of its own);
    ``after_error``, that reading on after the block failed (a gzip member cut): raised once
    the record is given; ``closed`` that the block is followed by them (``\\r\\n\\r\\n``): bytes that are no
    record after that are junk of their own, not the rest of a block whose length is wrong.
    """

    head: bytes = b""
    block: bytes = b""
    fields: dict[str, str] = field(default_factory=dict)
    problem: tuple[str, str] | None = None
    too_large: bool = False
    trailing: int = 0
    trailing_start: str = ""
    cut_after: bool = False
    closed: bool = False
    after_error: Exception | None = None

    @property
    def record_id(self) -> str:
        return self.fields.get("warc-record-id", "").strip().strip("<>")

    @property
    def url(self) -> str | None:
        return self.fields.get("warc-target-uri") or None

    @property
    def record_type(self) -> str | None:
        return self.fields.get("warc-type")


class _Chain:
    """Bytes given back to the stream, read before the rest of it."""

    def __init__(self, head: bytes, tail: IO[bytes]) -> None:
        self.head = io.BytesIO(head)
        self.tail = tail

    def readline(self, n: int) -> bytes:
        line = self.head.readline(n)
        if line.endswith(b"\n") or len(line) >= n:
            return line
        return line + self.tail.readline(n - len(line))

    def read(self, n: int) -> bytes:
        data = self.head.read(n)
        return data + self.tail.read(n - len(data)) if len(data) < n else data


class _Lines:
    """A line reader with one line of look-back (the version line that ended a junk run), and
    bytes given back (a block that ran into the records after it)."""

    def __init__(self, f: IO[bytes]) -> None:
        self._f: IO[bytes] | _Chain = f
        self._back: bytes | None = None

    def give_back(self, data: bytes) -> None:
        """Read ``data`` again, before a line left unread and the rest of the stream."""
        if self._back is not None:
            data, self._back = data + self._back, None
        if isinstance(self._f, _Chain):
            # one chain, not one a cut record (a thousand would nest past the recursion limit)
            self._f = _Chain(data + self._f.head.read(), self._f.tail)
        else:
            self._f = _Chain(data, self._f)

    def next(self) -> bytes:
        if self._back is not None:
            line, self._back = self._back, None
            return line
        return self._f.readline(LINE_CAP)

    def unread(self, line: bytes) -> None:
        self._back = line

    def read(self, n: int, keep: int) -> tuple[bytes, int]:
        """``n`` bytes of the stream, of which the first ``keep`` are returned; and how many
        were there (fewer than ``n`` at the end of the stream)."""
        assert self._back is None
        kept: list[bytes] = []
        got = 0
        while got < n:
            chunk = self._f.read(min(_CHUNK, n - got))
            if not chunk:
                break
            if got < keep:
                kept.append(chunk[: keep - got])
            got += len(chunk)
        return b"".join(kept), got

    def skip_to_version(self) -> tuple[int, bytes]:
        """Read up to the next version line (left unread) or the end; the bytes that were
        not blank lines, and the first of them. A version line glued to the end of junk (a
        record cut, the next one right after its last byte) counts as one."""
        n = 0
        first = b""
        while True:
            line = self.next()
            if not line:
                return n, first
            if _is_version(line) or _is_cut_version(line):
                self.unread(line)
                return n, first
            glued = _GLUED.search(line)
            if glued is not None:
                self.unread(line[glued.start() :])
                return n + glued.start(), first or line[: glued.start()]
            if line not in _BLANK:
                n += len(line)
                first = first or line


def _fields(lines: list[bytes]) -> tuple[dict[str, str], bytes | None]:
    """The header fields, or the first line that is no ``Name: value`` field."""
    out: dict[str, str] = {}
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            continue  # a folded continuation of the field before
        name, sep, value = line.partition(b":")
        if not sep or not name.strip() or b" " in name.strip():
            return out, line
        key = name.strip().decode("latin-1").lower()
        out.setdefault(key, value.strip().decode("utf-8", "replace"))
    return out, None


def _shown(line: bytes) -> str:
    return repr(line.rstrip(b"\r\n")[:100])[1:]


def split_records(f: IO[bytes], *, keep: int) -> Iterator[RawRecord]:
    """The records of a decompressed WARC stream in order, each block kept up to ``keep``
    bytes. Bytes between records that are no record are one :class:`RawRecord` with a
    ``problem`` and no fields; blank lines between records are the format's own."""
    lines = _Lines(f)
    while True:
        line = lines.next()
        if not line:
            return
        if line in _BLANK:
            continue
        if _is_cut_version(line):
            yield RawRecord(problem=("truncated-input", f"the file ends inside a record's version line {_shown(line)}"))
            return
        if not _is_version(line):
            n = len(line) + lines.skip_to_version()[0]
            yield RawRecord(problem=("unreadable", f"{n} bytes that are no WARC record, starting {_shown(line)}"))
            continue
        rec = _one(lines, line, keep)
        yield rec
        if rec.after_error is not None:
            raise rec.after_error
        if rec.cut_after:
            yield RawRecord(problem=("truncated-input", f"the file ends inside the line breaks that close the record {rec.record_id or rec.url}"))
            return


def _one(lines: _Lines, version: bytes, keep: int) -> RawRecord:
    head = [version]
    size = len(version)
    while True:
        line = lines.next()
        if not line:
            # (with the fields read so far: the record id tells the reader that fastwarc gave
            # this cut record already)
            return _fail(head, _fields(head[1:])[0], "truncated-input", "the file ends inside the record's WARC headers")
        if line in _BLANK:
            head.append(line)
            break
        if _is_version(line):
            lines.unread(line)
            return _fail(head, _fields(head[1:])[0], "unreadable", "the record's WARC headers end without a blank line")
        head.append(line)
        size += len(line)
        if size > HEADER_CAP:
            lines.skip_to_version()
            return _fail(head, _fields(head[1:])[0], "unreadable", f"the record's WARC headers are longer than {HEADER_CAP} bytes")
    fields, bad = _fields(head[1:-1])
    if len(head) == 2:
        return _fail(head, fields, "unreadable", "a record with no WARC headers (a version line alone)")
    if bad is not None:
        lines.skip_to_version()
        return _fail(head, fields, "unreadable", f"invalid WARC header line {_shown(bad)}")
    length = fields.get("content-length")
    # (19 digits and more: no file holds such a record; beyond 64 bits, fastwarc misreads it)
    if length is None or not length.isdigit() or len(length) > 18:
        lines.skip_to_version()
        what = "no Content-Length" if length is None else f"a malformed Content-Length {length[:40]!r}"
        return _fail(head, fields, "unreadable", f"the record has {what}")
    n = int(length)
    block, got = lines.read(n, keep)
    if got <= keep and (_ran_into_next(lines, block) or (got == n and _ran_into_next_start(lines, block))):
        return _fail(head, fields, "truncated-input", "the record was cut: its block runs into the next record")
    if got < n:
        return _fail(head, fields, "truncated-input", f"the file ends in the record's block ({got} of {n} bytes)")
    try:
        cut_after, closed = _closing_cut(lines)
        # the block is followed by blank lines and then the next record's version line (or the end)
        trailing, start = lines.skip_to_version()
    except TruncatedInput as e:
        # the stream is cut after the block (in the next gzip member): the record is whole, and
        # given before the cut is said (it was lost with the cut)
        return RawRecord(head=b"".join(head), block=block, fields=fields, too_large=n > keep, closed=True,
                         after_error=e)
    return RawRecord(head=b"".join(head), block=block, fields=fields, too_large=n > keep, trailing=trailing,
                     trailing_start=_shown(start), cut_after=cut_after, closed=closed)


_CLOSING = b"\r\n\r\n"


def _closing_cut(lines: _Lines) -> tuple[bool, bool]:
    """Whether the stream ends inside the two line breaks after a block (before them, or
    after a part): the record is whole, but the file was cut, and that went unsaid; and
    whether the block is followed by those line breaks. Bytes that are not the line breaks
    (junk, or a writer's bare ``\\n\\n``) are given back, to be read as before."""
    after, _ = lines.read(len(_CLOSING), len(_CLOSING))
    if after == _CLOSING:
        return False, True
    if len(after) < len(_CLOSING) and _CLOSING.startswith(after):
        return True, False  # (the stream ended: nothing to give back, no junk after the record)
    lines.give_back(after)
    return False, False


#: where a record was cut, the next one starts right after its last byte (no line break)
_NEXT = re.compile(rb"(WARC/1\.[01]\r\n)WARC-[A-Za-z-]+: ")


def _ran_into_next(lines: _Lines, block: bytes) -> bool:
    """Whether a record's block, read to its declared length, holds the start of another record
    (a record cut short, then the records of another file or of a resumed download): then
    that start and what follows it are given back to be read as records."""
    starts = [m.start(1) for m in _NEXT.finditer(block)]
    # (from the first start: the records of the other file that are whole in the block too)
    if any(runs_past(block, at) for at in starts):
        lines.give_back(block[starts[0] :])
        return True
    return False


_FIELD_LINE = re.compile(rb"[A-Za-z0-9-]+:")
_FIELD_START = re.compile(rb"[A-Za-z0-9-]*(?::[^\r\n]*)?")
_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d{1,18})[ \t]*\r?$")


def runs_past(data: bytes, at: int) -> bool:
    """Whether the WARC record whose version line starts at ``at`` in ``data`` (a block) goes
    on to the block's end or past it: its headers do not end in it, or its Content-Length
    reaches the end. That is a record cut short with the records after it in its block; a page
    that shows a WARC record (its headers and a block in a `<pre>`, text after it) is not: it
    was taken for one, rejected, and its "record" read as junk."""
    end = data.find(b"\r\n\r\n", at)
    if end < 0:
        # headers cut by the block's end: lines of fields to the end (the last one may be cut)
        lines = data[at:].split(b"\r\n")
        return all(_FIELD_LINE.match(line) for line in lines[1:-1]) and _FIELD_START.fullmatch(lines[-1]) is not None
    m = _LENGTH.search(data, at, end + 2)
    return m is not None and end + 4 + int(m.group(1)) + 4 >= len(data)


#: the closing line breaks and a record's start: a version line and a header's name
_CLOSE_AND_NEXT = re.compile(rb"\r\n\r\n(WARC/1\.[01]\r\n[A-Za-z-]+:)")


def _ran_into_next_start(lines: _Lines, block: bytes) -> bool:
    """Whether a record's block, read to its declared length, ends a few bytes into the next
    record (a Content-Length a little too long: the block holds the line breaks that close it
    and the next record's first bytes, too few for :func:`_ran_into_next`): then those bytes
    are given back, and the next record is read whole (it was taken for junk, and lost)."""
    at = block.rfind(b"\r\n\r\nW", max(0, len(block) - 64))
    if at < 0:
        return False
    peek, _ = lines.read(64, 64)
    for i in range(at, max(-1, len(block) - 64), -1):
        if block.startswith(b"\r\n\r\nW", i) and _CLOSE_AND_NEXT.match(block[i:] + peek):
            lines.give_back(block[i + 4 :] + peek)
            return True
    lines.give_back(peek)
    return False


def _fail(head: list[bytes], fields: dict[str, str], reason: str, detail: str) -> RawRecord:
    return RawRecord(head=b"".join(head), fields=fields, problem=(reason, detail))
