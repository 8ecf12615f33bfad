"""Writers. Output appears under its final name only when complete (written to a
temporary name, then renamed), so a crash never leaves a partial file that looks whole."""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import IO, Any

import orjson

__all__ = ["JsonlWriter"]


class JsonlWriter:
    """Write records as JSON lines to ``path`` (gzip when it ends in ``.gz``)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.tmp = self.path.with_name(self.path.name + ".tmp")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        raw = open(self.tmp, "wb")
        self._f: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) if self.path.name.endswith(".gz") else raw
        self._raw = raw
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        self._f.write(orjson.dumps(record) + b"\n")
        self.count += 1

    def close(self) -> None:
        """Flush, sync and move the file to its final name."""
        if self._f is not self._raw:
            self._f.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        """Close and remove the temporary file (nothing appears under the final name)."""
        try:
            if self._f is not self._raw:
                self._f.close()
            self._raw.close()
        finally:
            self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
