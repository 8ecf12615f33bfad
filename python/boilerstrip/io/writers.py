"""Writers. Output appears under its final name only when complete (written to a
temporary name, synced, then renamed), so a crash never leaves a partial file that looks
whole; a failed write (full disk) removes the temporary file and raises.

This module has the JSONL writer and what all writers share; :mod:`.parquet_writer` and
:mod:`.txt_writer` hold the others, :mod:`.parts` splits output into parts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any, Protocol

import orjson

from boilerstrip.io.compression import compression_of, open_output

__all__ = ["JsonlWriter", "RecordWriter", "AtomicFile", "fsync_dir"]


class RecordWriter(Protocol):
    """What the pipeline needs of a writer of output records."""

    count: int
    bytes_in: int

    def write(self, record: dict[str, Any]) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


def fsync_dir(path: str | os.PathLike[str]) -> None:
    """Make a rename in ``path`` durable (best effort: not every platform can)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class AtomicFile:
    """A binary file written under ``NAME.tmp`` and renamed to ``NAME`` by :meth:`commit`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.tmp = self.path.with_name(self.path.name + ".tmp")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.raw: IO[bytes] = open(self.tmp, "wb")  # noqa: SIM115 - closed by commit/abort

    def commit(self) -> None:
        self.raw.flush()
        os.fsync(self.raw.fileno())
        self.raw.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self.raw.close()
        except OSError:
            pass  # closing flushes, which fails again on a full disk
        finally:
            self.tmp.unlink(missing_ok=True)


class JsonlWriter:
    """Write records as JSON lines to ``path``: gzip when it ends in ``.gz``, zstd for
    ``.zst``. ``count`` records and ``bytes_in`` uncompressed bytes written so far."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._file = AtomicFile(self.path)
        self.tmp = self._file.tmp
        self._raw = self._file.raw
        self._f: IO[bytes] = open_output(self._raw, compression_of(self.path.name))
        self.count = 0
        self.bytes_in = 0

    def write(self, record: dict[str, Any]) -> None:
        line = orjson.dumps(record) + b"\n"
        self._f.write(line)
        self.count += 1
        self.bytes_in += len(line)

    def close(self) -> None:
        """Flush, sync and move the file to its final name."""
        if self._f is not self._raw:
            self._f.close()  # writes the compressed stream's end; the raw file stays open
        self._file.commit()

    def abort(self) -> None:
        """Close and remove the temporary file (nothing appears under the final name)."""
        try:
            if self._f is not self._raw:
                self._f.close()
        except Exception:  # a full disk fails here again; the file goes anyway
            pass
        finally:
            self._file.abort()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
