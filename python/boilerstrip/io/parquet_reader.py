"""Parquet corpora: one row per document, the document in the ``html`` or ``text`` column
(strings or bytes) plus ``id`` and ``url`` (see :class:`Fields`). Needs ``pyarrow``
(``pip install '.[parquet]'``).

Rows are read in small batches of only the columns needed, so memory stays bounded by a
row group's column chunks. A file that cannot be opened (a missing footer: truncated) is one
``unreadable`` rejection; a row group that fails in the middle is one ``unreadable`` rejection
for each of its rows not read (the footer counts them), and the row groups after it are read.
"""

from __future__ import annotations

import os
from pathlib import PurePosixPath
from typing import Any, Iterator

from boilerstrip.io.compression import is_remote, require
from boilerstrip.io.readers import Fields, InputRecord, display, error_record, record_from_mapping

__all__ = ["read_parquet"]

_BATCH_ROWS = 64


def _open(p: str) -> Any:
    pq = require("pyarrow.parquet", "parquet")
    if is_remote(p):
        fsspec = require("fsspec", "remote")
        return pq.ParquetFile(fsspec.open(p, "rb").open())
    return pq.ParquetFile(p)


def read_parquet(path: str | os.PathLike[str], *, fields: Fields = Fields(), max_bytes: int, start: int = 0, stem: str | None = None) -> Iterator[InputRecord]:
    """The rows of one Parquet file in order (``start`` as in :func:`read_jsonl`)."""
    p = os.fspath(path)
    shown = display(p)
    # (the file's name, or, given by the plan, its path below the input folder where two
    # corpus files share a name: the ids made of it are never another file's)
    stem = stem or PurePosixPath(shown).name
    try:
        pf = _open(p)
        names = set(pf.schema_arrow.names)
    except Exception as e:  # pyarrow raises ArrowInvalid, OSError, ... for a broken file
        yield error_record(f"{stem}:0", shown, "unreadable", f"{type(e).__name__}: {e}")
        return
    wanted = {f.split(".")[0] for f in (fields.id, fields.html, fields.text, fields.url)}
    if fields.url == "url" and "url" not in names:
        wanted.add("metadata")  # boilerstrip's own output keeps the url in metadata.url
    columns = sorted(wanted & names)
    # row group by row group: one damaged group costs its own rows, each a rejection at its
    # position (the footer says how many), and the groups after it are read
    group_start = 0
    for g in range(pf.num_row_groups):
        n_rows = pf.metadata.row_group(g).num_rows
        done = 0
        if group_start + n_rows > start:
            try:
                for batch in pf.iter_batches(batch_size=_BATCH_ROWS, columns=columns, row_groups=[g]):
                    for row in batch.to_pylist():
                        position = group_start + done
                        if position >= start:
                            yield record_from_mapping(row, fields=fields, path=shown, position=position, default_id=f"{stem}:{position}")
                        done += 1
            except Exception as e:  # pyarrow: OSError, ArrowInvalid, ... for damaged pages
                for position in range(max(group_start + done, start), group_start + n_rows):
                    yield error_record(f"{stem}:{position}", shown, "unreadable",
                                       f"row {position} in row group {g}, after its row {done}: {type(e).__name__}: {e}", position)
        group_start += n_rows
