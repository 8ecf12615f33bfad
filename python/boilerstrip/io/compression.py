"""Opening corpus files: plain, gzip or zstd (and bzip2 for reading), local or remote (fsspec), for
reading or writing.

Truncation is an error, never a short read: gzip says so itself (``EOFError``), and the zstd
reader below checks that the last frame ended, because ``zstandard``'s own stream reader
stops quietly in the middle of a frame. A truncated file thus ends in
:class:`TruncatedInput`, which the readers turn into a ``truncated-input`` rejection.
"""

from __future__ import annotations

import bz2
import gzip
import io
import os
import zlib
from typing import IO, Any, Iterator, cast
from boilerstrip.errors import install_hint

__all__ = [
    "TruncatedInput",
    "CorruptInput",
    "MissingExtra",
    "open_input",
    "open_output",
    "compression_of",
    "strip_compression",
    "is_remote",
    "require",
    "COMPRESSION_SUFFIXES",
    "GzipMembers",
]

#: Suffix of each compression this module reads and writes.
COMPRESSION_SUFFIXES = {"gzip": ".gz", "zstd": ".zst"}

_READ_CHUNK = 1 << 20


class TruncatedInput(EOFError):
    """A compressed stream ended in the middle (a cut download, a full disk at the source)."""


class CorruptInput(OSError):
    """A compressed stream that cannot be decoded (damaged bytes, not the format it claims).
    An ``OSError``, like gzip's ``BadGzipFile``, so every reader rejects the file as
    ``unreadable`` instead of failing the run."""


class MissingExtra(ImportError):
    """An optional dependency is needed for this input or output."""


def require(module: str, extra: str) -> Any:
    """Import an optional dependency, or explain which extra installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise MissingExtra(f"{module} is needed for this; install it with: {install_hint(module, extra)}") from e


def is_remote(path: str) -> bool:
    """Whether ``path`` is a URL for fsspec (``s3://``, ``hf://``, ``file://``, ...)."""
    return "://" in path


def compression_of(name: str) -> str | None:
    n = name.lower()
    if n.endswith(".gz"):
        return "gzip"
    if n.endswith((".zst", ".zstd")):
        return "zstd"
    if n.endswith(".bz2"):
        return "bzip2"  # read only: common in older crawl dumps and Wikipedia's
    return None


def compression_by_magic(head: bytes) -> str | None:
    """The compression of a stream by its first (up to 10) bytes: ``gzip``, ``zstd``, ``bzip2``
    or ``None``."""
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    if head[:4] == b"\x28\xb5\x2f\xfd":
        return "zstd"
    # "BZh" and a digit may begin a text; a block's (or the empty stream's end's) magic follows
    if head[:3] == b"BZh" and head[3:4] in b"123456789" and head[4:10] in (b"\x31\x41\x59\x26\x53\x59", b"\x17\x72\x45\x38\x50\x90"):
        return "bzip2"
    return None


def strip_compression(name: str) -> str:
    """``a.jsonl.gz`` -> ``a.jsonl``."""
    for suf in (".gz", ".zstd", ".zst", ".bz2"):
        if name.lower().endswith(suf):
            return name[: -len(suf)]
    return name


class _Decoder(io.RawIOBase):
    """A raw reader of decompressed bytes: a subclass's ``_fill`` puts the next of them in
    ``_buf`` (empty at the end) from the file ``_raw``, which ``close`` closes."""

    _raw: IO[bytes]
    _buf: bytes

    def _fill(self) -> None:
        raise NotImplementedError

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        self._fill()
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


#: compressed bytes of a zstd frame kept to look into again if it turns out damaged (a file
#: compressed as one frame is looked into no more)
_KEEP_FRAME = 1 << 26


class _ZstdReader(_Decoder):
    """Decompress a zstd stream of one or more frames; :class:`TruncatedInput` if it ends
    inside a frame. The decompressor takes 1 KiB of compressed input at a time (its output
    has no limit of its own: a 98 KB file of run-length blocks inflated to 3 GiB in one call
    and ended the run in a MemoryError), so a fill gives at most 32 MiB (a block of 128 KiB
    costs at least 4 bytes), and a reader that stops reading stops the decompression."""

    _PIECE = 1 << 10
    MAGIC = b"\x28\xb5\x2f\xfd"

    def __init__(self, raw: IO[bytes], *, frames: bool = False) -> None:
        zstandard = require("zstandard", "zstd")
        self._raw = raw
        # go on after a damaged frame at the next frame's start, with a line that says so (as
        # `GzipMembers` does of a member); else a damaged frame ends the stream. The frame's
        # compressed bytes are kept to look into again (up to `_KEEP_FRAME`)
        self._frames = frames
        self._frame: list[bytes] = []
        self._frame_size = 0
        self._rescans = 0
        self._new = zstandard.ZstdDecompressor().decompressobj
        self._error = zstandard.ZstdError
        self._dobj = self._new()
        # compressed bytes read, given to the decompressor up to `_at` (an offset: slicing off
        # each piece copied the rest of the read, and reading took four times as long)
        self._pending = b""
        self._at = 0
        self._buf = b""
        self._in_frame = False
        self._eof = False

    def _fill(self) -> None:
        while not self._buf:
            if self._at == len(self._pending):
                if self._eof:
                    if self._in_frame:
                        raise TruncatedInput("the zstd stream ends inside a frame (truncated file)")
                    return
                self._pending, self._at = self._raw.read(_READ_CHUNK), 0
                self._eof = not self._pending
                continue
            piece = self._pending[self._at : self._at + self._PIECE]
            self._at += len(piece)
            self._in_frame = True
            if self._frames and self._frame_size <= _KEEP_FRAME:
                self._frame.append(piece)
            self._frame_size += len(piece)
            try:
                self._buf = self._dobj.decompress(piece)
            except self._error as e:
                if not self._frames:
                    # (what was decompressed before it has been given out)
                    raise CorruptInput(f"the zstd stream is damaged: {e}") from e
                self._buf = b"\r\n" + ZSTD_SKIPPED + f"damaged ({e}): skipped to the next frame]\r\n".encode()
                self._skip_to_frame()
                continue
            if self._dobj.eof:  # a frame ended; what follows is the next frame
                self._at -= len(self._dobj.unused_data)
                self._dobj = self._new()
                self._in_frame = False
                self._frame, self._frame_size = [], 0

    def _skip_to_frame(self) -> None:
        """Past a damaged frame: to the next frame's magic number after the damaged frame's
        first byte (a frame cut short reads the frames after it as its own blocks until the
        damage shows; a frame's bytes can hold a magic number by chance: then that "frame"
        fails too, and this goes on from there), or to the end."""
        self._dobj = self._new()
        self._in_frame = False
        if self._frame_size <= _KEEP_FRAME and self._rescans < 64:
            # (bounded, as `GzipMembers` bounds its own: bytes full of magic numbers, each a
            # frame read again from its start, would take quadratic time)
            self._rescans += 1
            self._pending, self._at = b"".join(self._frame)[1:] + self._pending[self._at :], 0
        self._frame, self._frame_size = [], 0
        while True:
            k = self._pending.find(self.MAGIC, self._at)
            if k >= 0:
                self._at = k
                return
            if self._eof:
                self._at = len(self._pending)
                return
            keep = self._pending[max(self._at, len(self._pending) - 3) :]  # (a magic cut across reads)
            more = self._raw.read(_READ_CHUNK)
            self._eof = not more
            self._pending, self._at = keep + more, 0


#: how the lines :class:`GzipMembers` puts in its output start (no JSON value starts so)...
GZIP_SKIPPED = b"[gzip member "
#: ...and those of a zstd reader that goes on past a damaged frame
ZSTD_SKIPPED = b"[zstd frame "


class GzipMembers(_Decoder):
    """The decompressed bytes of a stream of gzip members that goes on after a damaged member at
    the next member's header (the stdlib's reader stops there, and the records after it were
    lost). Where a member is skipped a line saying so is put in the output: with what was lost
    it shows to the WARC splitter as a record cut short or as bytes that are no record, so it
    is reported there (a damaged member's header gives no output at all: without the line
    its record vanished). A member the stream ends inside is looked into again from its second
    byte if it holds another member's header, a bounded number of times (a damaged header can
    read the rest of the stream as a file name); else the file was cut there, and the stream
    ends in :class:`TruncatedInput`. Written by hand: no library resynchronises."""

    _PIECE = 1 << 12  # small: the output of the call that meets the damage is lost
    MAGIC = b"\x1f\x8b\x08"
    #: compressed bytes of the member being read kept, to look into again if it never ends; a
    #: file compressed as one stream is a member of gigabytes, looked into no more
    _KEEP = 1 << 26

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        # compressed bytes read, given to the decompressor up to `_at` (an offset: slicing off
        # each piece copied the rest of the read, and reading took four times as long)
        self._pending = b""
        self._at = 0
        self._buf = b""
        self._dobj = zlib.decompressobj(31)
        self._member: list[bytes] = []  # the compressed bytes given to `_dobj` so far
        self._member_size = 0
        self._rescans = 0
        self._eof = False

    def _fill(self) -> None:
        while not self._buf:
            if not self._pending:
                if not self._eof:
                    self._pending = self._raw.read(1 << 20)
                    self._eof = not self._pending
                if self._eof and not self._pending:
                    if not self._member:
                        return  # the stream ended where a member did
                    self._end_inside_member()
                    continue
            piece, self._pending = self._pending[: self._PIECE], self._pending[self._PIECE :]
            if self._member_size <= self._KEEP:
                self._member.append(piece)
            self._member_size += len(piece)
            try:
                self._buf = self._dobj.decompress(piece)
            except zlib.error as e:
                self._buf = b"\r\n" + GZIP_SKIPPED + f"damaged ({e}): skipped to the next member]\r\n".encode()
                if self._member_size <= self._KEEP and self._rescans < 64:
                    # the next member is looked for from the damaged member's second byte, not
                    # from where the damage showed: a member cut short can decode the members
                    # after it as its own junk for kilobytes before zlib notices (3 records were
                    # lost so). Bounded as below.
                    self._rescans += 1
                    self._resync(b"".join(self._member)[1:] + self._pending)
                else:
                    self._resync(piece[1:] + self._pending)
                continue
            if self._dobj.eof:  # a member ended: what follows is the next member
                self._pending = self._dobj.unused_data + self._pending
                self._new_member()

    def _end_inside_member(self) -> None:
        """The stream ended inside a member: if the member holds another member's header
        (a damaged header can read the rest of the stream as a file name) it is looked into
        again from its second byte, a bounded number of times (junk full of member headers,
        each read to the end, would take quadratic time); else the file was cut, and that is
        :class:`TruncatedInput` (a line saying the member was looked into read as junk, and a
        cut file was ``unreadable`` where it was cut near a record's start)."""
        rest = b"".join(self._member)[1:] if self._member_size <= self._KEEP else b""
        if self.MAGIC not in rest or self._rescans >= 64:
            raise TruncatedInput("the gzip stream ends inside a member (truncated file)")
        self._rescans += 1
        self._buf = b"\r\n" + GZIP_SKIPPED + b"unfinished at the end: looked into again]\r\n"
        self._resync(rest)

    def _new_member(self) -> None:
        self._dobj = zlib.decompressobj(31)
        self._member = []
        self._member_size = 0

    def _resync(self, data: bytes) -> None:
        """Skip to the next member header in ``data`` (and what the stream holds after it)."""
        self._new_member()
        while True:
            i = data.find(self.MAGIC)
            if i >= 0:
                self._pending = data[i:]
                return
            more = b"" if self._eof else self._raw.read(1 << 20)
            if not more:
                self._eof = True
                self._pending = b""
                return
            data = data[-2:] + more  # a header split across two reads


class _TruncationChecked:
    """For a stdlib decompressor's file (gzip, bz2): a short read is :class:`TruncatedInput`
    (they raise a bare ``EOFError``), and ``close`` also closes the file underneath. A mixin,
    not a wrapper stream, so reads stay the decompressor's own (a buffering wrapper would
    read ahead and lose the records before a cut)."""

    _what: str
    _owned: IO[bytes]

    def _base(self) -> Any:
        return super()

    def close(self) -> None:
        try:
            self._base().close()
        finally:
            self._owned.close()

    def read(self, size: int | None = -1) -> bytes:
        try:
            return cast(bytes, self._base().read(-1 if size is None else size))
        except EOFError as e:
            raise TruncatedInput(f"the {self._what} stream ends early (truncated file): {e}") from e

    def read1(self, size: int = -1) -> bytes:
        try:
            return cast(bytes, self._base().read1(size))
        except EOFError as e:
            raise TruncatedInput(f"the {self._what} stream ends early (truncated file): {e}") from e

    def readline(self, size: int | None = -1) -> bytes:
        try:
            return cast(bytes, self._base().readline(-1 if size is None else size))
        except EOFError as e:
            raise TruncatedInput(f"the {self._what} stream ends early (truncated file): {e}") from e


class _GzipReader(_TruncationChecked, gzip.GzipFile):
    _what = "gzip"

    def __init__(self, raw: IO[bytes]) -> None:
        gzip.GzipFile.__init__(self, fileobj=raw, mode="rb")
        self._owned = raw


class _Bz2Reader(_TruncationChecked, bz2.BZ2File):  # type: ignore[misc]  # read's signatures differ
    _what = "bzip2"

    def __init__(self, raw: IO[bytes]) -> None:
        bz2.BZ2File.__init__(self, raw, mode="rb")
        self._owned = raw


def _open_raw(path: str | os.PathLike[str], mode: str) -> IO[bytes]:
    p = os.fspath(path)
    if is_remote(p):
        fsspec = require("fsspec", "remote")
        return fsspec.open(p, mode).open()
    return open(p, mode)  # noqa: SIM115 - the caller closes it


def open_input(path: str | os.PathLike[str], compression: str | None = "infer", *, members: bool = False) -> IO[bytes]:
    """A buffered binary reader of the decompressed content of ``path``. ``members``: a gzip
    or zstd stream goes on after a damaged member or frame at the next one, with a line that
    says so (see :class:`GzipMembers`; for files of records, not for a page)."""
    p = os.fspath(path)
    comp = compression_of(p) if compression == "infer" else compression
    raw = _open_raw(p, "rb")
    if compression == "infer" and comp is None and hasattr(raw, "peek"):
        # named as plain but compressed (`pages.jsonl` that is gzip): read by its first bytes,
        # not as lines of compressed bytes, each a bad-json rejection
        comp = compression_by_magic(raw.peek(10)[:10])
    if comp == "gzip" and members:
        return io.BufferedReader(GzipMembers(raw), buffer_size=_READ_CHUNK)
    if comp == "gzip":
        # a GzipFile is a binary file object; typeshed derives it from BufferedIOBase, not IO
        return cast(IO[bytes], _GzipReader(raw))
    if comp == "zstd":
        return io.BufferedReader(_ZstdReader(raw, frames=members), buffer_size=_READ_CHUNK)
    if comp == "bzip2":
        return cast(IO[bytes], _Bz2Reader(raw))
    return raw


def capped_lines(f: IO[bytes], cap: int) -> Iterator[bytes | None]:
    """The lines of ``f``, each of at most ``cap`` bytes: a longer one is read past in pieces
    (memory stays bounded, whatever a decompressor inflates) and given as ``None``. Read
    errors propagate."""
    while line := f.readline(cap):
        if len(line) >= cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = f.readline(cap)
            yield None
        else:
            yield line


def open_output(raw: IO[bytes], compression: str | None, *, level: int | None = None) -> IO[bytes]:
    """Wrap an open binary file for writing compressed data. Output is deterministic
    (gzip's timestamp is 0) so that equal runs give equal bytes."""
    if compression == "gzip":
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=level or 6))
    if compression == "zstd":
        zstandard = require("zstandard", "zstd")
        return zstandard.ZstdCompressor(level=level or 3).stream_writer(raw, closefd=False)
    if compression is None:
        return raw
    raise ValueError(f"unknown compression {compression!r}")
