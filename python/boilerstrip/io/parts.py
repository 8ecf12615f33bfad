"""Splitting output into parts by record count or size, deterministically: the same records
give the same parts whatever else happens in the run."""

from __future__ import annotations

from typing import Any, Callable

from boilerstrip.io.writers import RecordWriter

__all__ = ["PartWriter"]


class PartWriter:
    """Write records through ``make(part_number)`` writers, starting the next part once the
    current one holds ``max_records`` records or ``max_bytes`` (uncompressed) bytes. At
    least one part is always written, so an input without kept records still has its
    (empty) output file. ``parts`` lists the writers, in order."""

    def __init__(self, make: Callable[[int], RecordWriter], *, max_records: int | None = None, max_bytes: int | None = None) -> None:
        self._make = make
        self._max_records = max_records
        self._max_bytes = max_bytes
        self.parts: list[RecordWriter] = []
        self._cur: RecordWriter | None = None
        self.count = 0
        self.bytes_in = 0

    def _full(self, w: RecordWriter) -> bool:
        return (self._max_records is not None and w.count >= self._max_records) or (
            self._max_bytes is not None and w.bytes_in >= self._max_bytes
        )

    def _next(self) -> RecordWriter:
        if self._cur is not None:
            self._cur.close()
        self._cur = self._make(len(self.parts))
        self.parts.append(self._cur)
        return self._cur

    def write(self, record: dict[str, Any]) -> None:
        w = self._cur
        if w is None or self._full(w):
            w = self._next()
        before = w.bytes_in
        w.write(record)
        self.count += 1
        self.bytes_in += w.bytes_in - before

    def close(self) -> None:
        if self._cur is None:
            self._next()
        assert self._cur is not None
        self._cur.close()
        self._cur = None

    def abort(self) -> None:
        for w in self.parts:
            try:
                w.abort()
            except OSError:
                pass
        self._cur = None
