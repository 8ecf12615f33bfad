"""Parquet output with an explicit schema (so every part of a run has the same one, and an
empty part still has it). Needs ``pyarrow`` (``pip install '.[parquet]'``).

The columns are the dolma/datatrove record: ``id``, ``text``, ``source``, ``added``,
``created`` and a ``metadata`` struct; datatrove's ``ParquetReader`` reads ``text`` and
``id`` and keeps the rest as metadata. Metadata keys the schema does not know are kept as a
JSON object in ``metadata.other``, so nothing is lost if the record grows a field.
"""

from __future__ import annotations

import os
from typing import Any

import orjson

from boilerstrip.io.compression import require
from boilerstrip.io.writers import AtomicFile

__all__ = ["ParquetWriter", "schema", "to_row", "from_row", "read_parquet_records"]

_STATS_INT = ("lines_in", "lines_kept", "words_in", "words_out", "chars_in", "chars_out", "passes")
_META_STR = ("url", "title", "author", "date", "site", "language", "path", "format")
#: Optional metadata that records carry only when known (HTML metadata, flags).
_META_OPT_STR = ("description", "canonical_url", "image", "rejected")
_META_OPT_LIST = ("tags", "categories")
#: Numbers every record carries (``None`` when unknown).
_META_FLOAT = ("language_score",)
_ROW_GROUP_ROWS = 2048
_ROW_GROUP_BYTES = 32 << 20


def schema() -> Any:
    pa = require("pyarrow", "parquet")
    s = pa.string()
    stats = pa.struct([(k, pa.int64()) for k in _STATS_INT] + [("mode", s), ("lines_dropped", pa.map_(s, pa.int64()))])
    hashes = pa.struct([("text", s), ("exact", s), ("lines", pa.list_(s))])
    line = pa.struct([("number", pa.int64()), ("text", s), ("kept", pa.bool_()), ("reason", s), ("score", pa.float64())])
    meta = pa.struct(
        [(k, s) for k in _META_STR]
        + [("hashes", hashes), ("stats", stats)]
        + [(k, s) for k in _META_OPT_STR]
        + [(k, pa.list_(s)) for k in _META_OPT_LIST]
        + [(k, pa.float64()) for k in _META_FLOAT]
        + [("lines", pa.list_(line)), ("other", s)]
    )
    return pa.schema(
        [
            pa.field("id", s, nullable=False),
            pa.field("text", s, nullable=False),
            ("source", s),
            ("added", s),
            ("created", s),
            ("metadata", meta),
        ]
    )


def _str_list(v: Any) -> list[str] | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return [str(x) for x in v]
    return [str(v)]


def to_row(record: dict[str, Any]) -> dict[str, Any]:
    """A record as a row of :func:`schema`."""
    m = dict(record.get("metadata") or {})
    meta: dict[str, Any] = {k: m.pop(k, None) for k in _META_STR + _META_OPT_STR + _META_FLOAT}
    for k in _META_OPT_LIST:
        meta[k] = _str_list(m.pop(k, None))
    meta["hashes"] = m.pop("hashes", None)
    meta["stats"] = m.pop("stats", None)
    if meta["stats"]:
        # keys the fixed schema has no column for would be dropped by pyarrow without a word:
        # they travel in `other` and come back in the same place
        known = set(_STATS_INT) | {"mode", "lines_dropped"}
        unknown = {k: v for k, v in meta["stats"].items() if k not in known}
        if unknown:
            meta["stats"] = {k: v for k, v in meta["stats"].items() if k in known}
            m["_stats_other"] = unknown
    lines = m.pop("lines", None)
    meta["lines"] = None if lines is None else [dict(zip(("number", "text", "kept", "reason", "score"), ln)) for ln in lines]
    meta["other"] = orjson.dumps(m).decode() if m else None
    return {
        "id": record["id"],
        "text": record["text"],
        "source": record.get("source"),
        "added": record.get("added"),
        "created": record.get("created"),
        "metadata": meta,
    }


def from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row read back as the record it was written from (the inverse of :func:`to_row`)."""
    meta = dict(row.get("metadata") or {})
    # the fields every record carries, known or not (the optional ones only when known)
    out: dict[str, Any] = {k: meta.pop(k, None) for k in _META_STR + _META_FLOAT}
    out["hashes"] = meta.pop("hashes", None)
    stats = meta.pop("stats", None)
    if stats is not None:
        stats = {k: v for k, v in stats.items() if v is not None}
        if isinstance(stats.get("lines_dropped"), list):
            stats["lines_dropped"] = dict(stats["lines_dropped"])
    lines = meta.pop("lines", None)
    other = meta.pop("other", None)
    extra_stats = None
    if other:
        o = orjson.loads(other)
        extra_stats = o.pop("_stats_other", None)
        other = orjson.dumps(o).decode() if o else None
    if extra_stats:
        stats = {**(stats or {}), **extra_stats}
    out["stats"] = stats
    for k, v in meta.items():
        if v is not None:
            out[k] = v
    if other:
        out.update(orjson.loads(other))
    if lines is not None:
        out["lines"] = [[ln["number"], ln["text"], ln["kept"], ln["reason"], ln["score"]] for ln in lines]
    return {
        "id": row["id"],
        "text": row["text"],
        "source": row.get("source"),
        "added": row.get("added"),
        "created": row.get("created"),
        "metadata": out,
    }


def read_parquet_records(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every record of an output file (for tests and small files; it reads the whole file)."""
    pq = require("pyarrow.parquet", "parquet")
    return [from_row(r) for r in pq.read_table(os.fspath(path)).to_pylist()]


class ParquetWriter:
    """Write records to one Parquet file, in row groups of at most 2,048 rows or ~32 MB of
    text. ``compression``: ``zstd`` (default), ``gzip``, ``snappy`` or ``None``.
    ``bytes_in`` approximates the uncompressed size (text plus a fixed 512 bytes per row)."""

    def __init__(self, path: str | os.PathLike[str], compression: str | None = "zstd") -> None:
        pa = require("pyarrow", "parquet")
        pq = require("pyarrow.parquet", "parquet")
        self._pa = pa
        self._schema = schema()
        self._file = AtomicFile(path)
        self.path = self._file.path
        try:
            self._w = pq.ParquetWriter(self._file.raw, self._schema, compression=compression or "none")
        except BaseException:
            self._file.abort()
            raise
        self._rows: list[dict[str, Any]] = []
        self._buffered = 0
        self.count = 0
        self.bytes_in = 0

    def write(self, record: dict[str, Any]) -> None:
        row = to_row(record)
        self._rows.append(row)
        size = len(row["text"]) + 512
        self._buffered += size
        self.bytes_in += size
        self.count += 1
        if len(self._rows) >= _ROW_GROUP_ROWS or self._buffered >= _ROW_GROUP_BYTES:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._w.write_table(self._pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []
            self._buffered = 0

    def close(self) -> None:
        self._flush()
        self._w.close()
        self._file.commit()

    def abort(self) -> None:
        try:
            self._w.close()
        except Exception:
            pass
        finally:
            self._file.abort()
