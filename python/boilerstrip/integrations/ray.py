"""Ray Data: clean a corpus on a Ray cluster, one machine or many.

    import ray
    from ray.data import ActorPoolStrategy
    from boilerstrip.integrations.ray import BoilerstripCleaner

    ds = ray.data.read_parquet("s3://bucket/pages/")          # a column "html" and one "url"
    ds = ds.map_batches(
        BoilerstripCleaner,
        fn_constructor_kwargs={"text_column": "html", "mode": "html"},
        batch_format="pyarrow",
        compute=ActorPoolStrategy(size=8),
    )
    ds.filter(lambda r: r["rejected"] is None).write_parquet("s3://bucket/clean/")

Each output row is ``{id, text, source, added, created, rejected, detail, metadata}``: the
record ``boilerstrip clean`` writes, with ``metadata`` as JSON text (its keys vary per
document, and a column needs one Arrow type) and the reject reason in ``rejected``.
:func:`write_outputs` writes the CLI's output folder (``documents-*.jsonl``,
``rejects-*.jsonl``, ``stats.json``) from such a dataset; :func:`read_files` and
:func:`clean_files` do what ``boilerstrip clean PATH...`` does, on Ray.

Ray >= 2.9 (``pip install '.[ray]'``). ``compute=ActorPoolStrategy(size=n)`` is how
current Ray sizes the actor pool (``concurrency=n`` is deprecated there).
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Mapping, Sequence

import orjson

from boilerstrip import __version__
from boilerstrip.integrations._files import list_inputs, read_input
from boilerstrip.integrations._optional import require
from boilerstrip.integrations._rows import (
    ROW_COLUMNS,
    RawInput,
    clean_inputs,
    id_text,
    now_iso,
    options_of,
    record_from_row,
    reject_of_row,
    row_of,
)
from boilerstrip.io.readers import display, page_kind
from boilerstrip.options import Options

if TYPE_CHECKING:
    import pyarrow as pa
    import ray.data

__all__ = ["BoilerstripCleaner", "read_files", "clean_files", "write_outputs", "to_records"]

_pa = require("pyarrow", "ray")
_ray = require("ray", "ray")
require("ray.data", "ray")

#: The Arrow schema of the cleaner's output (before any passed-through columns).
ROW_SCHEMA = _pa.schema([(c, _pa.string()) for c in ROW_COLUMNS])


def _missing(x: Any) -> Any:
    """A pandas cell as Arrow's ``from_pandas`` reads it: NaN, ``pd.NA`` and ``NaT`` are no
    value (an empty page, no id), not a number."""
    if (isinstance(x, float) and x != x) or type(x).__name__ in ("NAType", "NaTType"):
        return None
    return x


def _numpy_list(v: Any) -> list[Any]:
    """A column of a dict batch (NumPy arrays) as a list; in an array of objects a NaN is no
    value, as in a pandas batch (one of floats is numbers: a wrong-type page, a number's id)."""
    out = v.tolist() if hasattr(v, "tolist") else list(v)
    if getattr(getattr(v, "dtype", None), "kind", None) == "O":
        return [_missing(x) for x in out]
    return out


class _Batch:
    """The columns of a batch that the cleaner reads, as Python lists, whatever
    ``batch_format`` gave: an Arrow table, a pandas DataFrame or (Ray's default) a dict of
    NumPy arrays. Lists, not an Arrow table: a column of values Arrow cannot type together (a
    page column of str, bytes, None and a number, which pandas and NumPy hold as objects)
    failed the whole batch, where each odd value is that row's ``wrong-type`` reject."""

    def __init__(self, batch: Any, names: set[str]) -> None:
        self.table = batch if isinstance(batch, _pa.Table) else None
        if self.table is not None:
            self.names = list(self.table.column_names)
            self.lists = {c: self.table.column(c).to_pylist() for c in self.names if c in names}
        elif not isinstance(batch, Mapping):  # a pandas DataFrame
            self.names = [str(c) for c in batch.columns]
            self.lists = {c: [_missing(x) for x in batch[c].tolist()] for c in batch.columns if c in names}
        else:
            self.names = list(batch)
            self.lists = {k: _numpy_list(v) for k, v in batch.items() if k in names}
        lengths = {k: len(c) for k, c in self.lists.items()}
        if len(set(lengths.values())) > 1:  # (a hand-built batch: Ray's own are even)
            raise ValueError(f"the batch's columns differ in length: {lengths}")
        self.num_rows = self.table.num_rows if self.table is not None else next(iter(lengths.values()), 0)

    def column(self, name: str | None) -> list[Any]:
        """A column as a list; ``None`` for each row when the batch has no such column."""
        if name and name in self.lists:
            return self.lists[name]
        return [None] * self.num_rows

    def arrow(self, name: str) -> pa.Array | pa.ChunkedArray:
        """A column to carry into the output, as Arrow."""
        if self.table is not None:
            return self.table.column(name)
        try:
            return _pa.array(self.lists[name])
        except (_pa.ArrowInvalid, _pa.ArrowTypeError) as e:
            raise TypeError(f"column {name!r} holds values Arrow cannot put in one column: {e}") from None


class BoilerstripCleaner:
    """A callable class for ``Dataset.map_batches``: on actors (pass the class) or in tasks
    (pass an instance). Batches may come in any ``batch_format``; ``"pyarrow"`` spares a
    conversion. The output is an Arrow table.

    Args:
        text_column: The page, as text or binary (HTML or raw scraped text).
        id_column, url_column, path_column: Optional input columns for the record's id, URL
            and ``metadata.path`` (missing columns are fine).
        kind_column: Optional column saying ``text``, ``html`` or ``auto`` per row.
        mode: ``auto`` (the kind column, else detect), or force ``text`` or ``html``, as
            the CLI's ``--mode``.
        options: :class:`boilerstrip.Options`, or a dict of its fields.
        source, include_lines: As the CLI's ``--source`` and ``--include-lines``.
        added: The ``added`` timestamp of every record (default: when the actor started);
            pass one from the driver to give a whole run one timestamp, as the CLI does.
        keep_rejected: Keep rows that were rejected (``text`` empty, ``rejected`` set), so
            that nothing is dropped silently; ``False`` drops them.
        keep_columns: Input columns to carry into the output unchanged.
        error_column, detail_column: Rows with ``error`` set could not be read upstream and
            become rejects with that reason (what :func:`read_files` produces).
    """

    def __init__(
        self,
        *,
        text_column: str = "text",
        id_column: str | None = "id",
        url_column: str | None = "url",
        path_column: str | None = "path",
        kind_column: str | None = "kind",
        mode: str = "auto",
        options: Options | Mapping[str, Any] | None = None,
        source: str = "boilerstrip",
        include_lines: bool = False,
        added: str | None = None,
        keep_rejected: bool = True,
        keep_columns: Sequence[str] = (),
        error_column: str | None = "error",
        detail_column: str | None = "detail",
    ) -> None:
        if mode not in ("auto", "text", "html"):
            raise ValueError(f"mode must be auto, text or html, got {mode!r}")
        self.text_column = text_column
        self.id_column, self.url_column, self.path_column = id_column, url_column, path_column
        self.kind_column, self.error_column, self.detail_column = kind_column, error_column, detail_column
        self.mode = mode
        self.options = options_of(options)
        self.source = source
        self.include_lines = include_lines
        self.added = added or now_iso()
        self.keep_rejected = keep_rejected
        self.keep_columns = tuple(keep_columns)
        clash = sorted(set(self.keep_columns) & set(ROW_COLUMNS))
        if clash:
            raise ValueError(f"keep_columns {clash} would repeat output columns of the same name "
                             f"({', '.join(ROW_COLUMNS)}); rename them first")

    def __call__(self, batch: pa.Table | Any) -> pa.Table:
        names = {self.text_column, *self.keep_columns} | {
            c for c in (self.id_column, self.url_column, self.path_column, self.kind_column, self.error_column, self.detail_column) if c}
        b = _Batch(batch, names)
        n = b.num_rows
        if self.text_column not in b.names:
            raise KeyError(f"no column {self.text_column!r} in the batch (columns: {b.names}); "
                           "set text_column= to the column holding the pages")
        data = b.column(self.text_column)
        ids, urls = b.column(self.id_column), b.column(self.url_column)
        paths, kinds = b.column(self.path_column), b.column(self.kind_column)
        errors, details = b.column(self.error_column), b.column(self.detail_column)
        odd = next((e for e in errors if e is not None and not isinstance(e, str)), None)
        if odd is not None:
            # a dataset's own column of that name (a flag, a status code): guessing a reason
            # from it would reject pages for nothing
            raise TypeError(
                f"column {self.error_column!r} holds {type(odd).__name__} values, but the cleaner reads it as the "
                "reason an input could not be read (text, as read_files gives it): pass error_column=None "
                "if it means something else")
        details = [d if d is None or isinstance(d, str) else str(d) for d in details]
        raws = [
            RawInput(
                data=data[i],
                id=id_text(ids[i]),
                url=urls[i],
                path=paths[i],
                kind=(kinds[i] or "auto") if self.mode == "auto" else self.mode,  # type: ignore[arg-type]
                error=errors[i],
                detail=details[i],
            )
            for i in range(n)
        ]
        docs = clean_inputs(raws, self.options)
        rows = [row_of(r, d, source=self.source, added=self.added, include_lines=self.include_lines) for r, d in zip(raws, docs)]
        keep = [i for i, row in enumerate(rows) if self.keep_rejected or row["rejected"] is None]
        out = _pa.Table.from_pylist([rows[i] for i in keep], schema=ROW_SCHEMA)
        for c in self.keep_columns:
            out = out.append_column(c, b.arrow(c).take(_pa.array(keep, type=_pa.int64())))
        return out


def _read_batch(batch: pa.Table, *, max_bytes: int) -> pa.Table:
    """Read the files a batch of :func:`read_files` rows names (runs in Ray tasks). Each
    file's kind is then the CLI's: its name's, unless its content says otherwise (a ``.txt``
    that starts as an HTML page is HTML; see :func:`boilerstrip.io.readers.page_kind`)."""
    fspaths = batch.column("_fspath").to_pylist()
    kinds = batch.column("kind").to_pylist()
    errors = batch.column("error").to_pylist()
    details = batch.column("detail").to_pylist()
    data: list[bytes | None] = []
    for i, p in enumerate(fspaths):
        if errors[i]:
            data.append(None)
            continue
        path = os.fsdecode(p)
        content, errors[i], details[i] = read_input(path, max_bytes)
        data.append(content)
        if content is not None:
            kinds[i] = page_kind(os.path.basename(path), content)
    return _pa.table(
        {
            "id": batch.column("id"),
            "path": batch.column("path"),
            "kind": _pa.array(kinds, type=_pa.string()),
            "data": _pa.array(data, type=_pa.binary()),
            "error": _pa.array(errors, type=_pa.string()),
            "detail": _pa.array(details, type=_pa.string()),
        }
    )


def read_files(
    paths: Sequence[str | os.PathLike[str]],
    *,
    max_bytes: int = Options.max_bytes,
    files_per_block: int = 64,
) -> ray.data.Dataset:
    """The inputs ``boilerstrip clean PATH...`` would read, as a dataset of
    ``{id, path, kind, data, error, detail}`` (``data`` binary; ``error`` set for a missing
    path or an unreadable file).

    Files are listed here, on the driver, and read in Ray tasks: on a cluster the paths must
    be visible to every node (a shared filesystem). For object storage, use
    ``ray.data.read_binary_files(..., include_paths=True)`` and pass
    ``text_column="bytes"`` to the cleaner instead.
    """
    rows = list(list_inputs(list(paths)))
    for row in rows:
        # a name that is not UTF-8 (``caf\xe9.txt``) has surrogates in its str, which an Arrow
        # string cannot hold (the listing raised UnicodeEncodeError, the run lost): the file
        # is read by its bytes, and its path shown as the CLI shows it
        row["_fspath"] = os.fsencode(row["path"])
        row["path"] = display(row["path"])
    listing = _pa.Table.from_pylist(
        rows,
        schema=_pa.schema([(c, _pa.string()) for c in ("id", "path", "kind", "error", "detail")] + [("_fspath", _pa.binary())]),
    )
    # one block per ``files_per_block`` files, made here: a repartition would be an
    # all-to-all step that can wait forever for a CPU the cleaner's actors already hold
    tables = [listing.slice(s, files_per_block) for s in range(0, len(rows), files_per_block)] or [listing]
    ds = _ray.data.from_arrow(tables)
    return ds.map_batches(_read_batch, fn_kwargs={"max_bytes": max_bytes}, batch_format="pyarrow", batch_size=files_per_block)


def clean_files(
    paths: Sequence[str | os.PathLike[str]],
    *,
    concurrency: int = 1,
    batch_size: int = 64,
    options: Options | Mapping[str, Any] | None = None,
    mode: str = "auto",
    source: str = "boilerstrip",
    include_lines: bool = False,
) -> ray.data.Dataset:
    """``boilerstrip clean PATH...`` on Ray: :func:`read_files`, then
    :class:`BoilerstripCleaner` on ``concurrency`` actors; one ``added`` for the run."""
    opts = options_of(options)
    ds = read_files(paths, max_bytes=opts.max_bytes, files_per_block=batch_size)
    return ds.map_batches(
        BoilerstripCleaner,
        fn_constructor_kwargs={
            "text_column": "data", "mode": mode, "options": opts, "source": source,
            "include_lines": include_lines, "added": now_iso(),
        },
        batch_format="pyarrow",
        batch_size=batch_size,
        compute=_ray.data.ActorPoolStrategy(size=concurrency),
    )


def to_records(ds: ray.data.Dataset) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``(documents, rejects)`` of a cleaned dataset, as the CLI's two files hold them
    (collected on the driver: for tests and small runs)."""
    docs, rejects = [], []
    for row in ds.iter_rows():
        if row["rejected"] is None:
            docs.append(record_from_row(row))
        else:
            rejects.append(reject_of_row(row))
    return docs, rejects


class _ShardWriter:
    """``{prefix}-00000.jsonl[.gz]``, a new part every ``max_records`` records; each part
    appears under its final name only once complete (written to ``.tmp``, then renamed)."""

    def __init__(self, outdir: Path, prefix: str, max_records: int, compress: bool) -> None:
        self.outdir, self.prefix, self.max_records, self.compress = outdir, prefix, max_records, compress
        self.part, self.count = 0, 0
        self._f: gzip.GzipFile | BinaryIO | None = None

    def _paths(self) -> tuple[Path, Path]:
        """``(temporary, final)`` path of the current part."""
        name = f"{self.prefix}-{self.part:05d}.jsonl" + (".gz" if self.compress else "")
        return self.outdir / (name + ".tmp"), self.outdir / name

    def _open(self) -> gzip.GzipFile | BinaryIO:
        tmp = self._paths()[0]
        self._f = gzip.open(tmp, "wb") if self.compress else open(tmp, "wb")
        return self._f

    def write(self, record: dict[str, Any]) -> None:
        f = self._f if self._f is not None else self._open()
        f.write(orjson.dumps(record) + b"\n")
        self.count += 1
        if self.count % self.max_records == 0:
            self.close()

    def close(self) -> None:
        if self._f is None and self.part == 0:
            self._open()  # an empty first part, as the CLI writes an empty rejects file
        if self._f is not None:
            self._f.close()
            os.replace(*self._paths())
            self._f = None
            self.part += 1


#: The files of an output folder (this module's parts, the CLI's, their stats).
_OUTPUT_NAME = re.compile(r"(documents|rejects)(-\d{5})?\.(jsonl|parquet|txt)(\.gz|\.zst)?(\.tmp)?|stats\.json")


def write_outputs(
    ds: ray.data.Dataset,
    outdir: str | os.PathLike[str],
    *,
    max_records: int = 100_000,
    compress: bool = False,
    overwrite: bool = False,
) -> dict[str, Any]:
    """Run a cleaned dataset and write the CLI's output folder from the driver:
    ``documents-NNNNN.jsonl[.gz]``, ``rejects-NNNNN.jsonl`` and ``stats.json``. Returns the
    stats. (For corpora too big to pass through one machine, write Parquet from the workers
    with ``ds.write_parquet`` instead.)

    A folder that holds such files already (an earlier run's, this function's or the CLI's)
    is refused with ``FileExistsError``, as the CLI refuses it without ``--overwrite``; with
    ``overwrite=True`` they are deleted first (a smaller run left the earlier run's later
    parts beside its own, and a ``stats.json`` that did not count them)."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    old = sorted(p for p in out.iterdir() if p.is_file() and _OUTPUT_NAME.fullmatch(p.name))
    # a CLI run's folder: its run record, and the txt/ folder of --format txt
    cli = [p for p in (out / ".boilerstrip", out / "txt") if p.is_dir()] if (out / ".boilerstrip").is_dir() else []
    if (old or cli) and not overwrite:
        raise FileExistsError(f"{out} holds output files already ({(old + cli)[0].name}, ...): pass overwrite=True to "
                              "replace them, or write to another folder")
    for p in old:
        p.unlink()
    for p in cli:
        shutil.rmtree(p)
    t0 = time.perf_counter()
    docs = _ShardWriter(out, "documents", max_records, compress)
    rejects = _ShardWriter(out, "rejects", max_records, False)
    rejected_by: Counter[str] = Counter()
    lines_dropped: Counter[str] = Counter()
    kept = 0
    for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
        for row in batch.to_pylist():
            if row["rejected"] is None:
                meta = orjson.loads(row["metadata"])
                lines_dropped.update(meta.get("stats", {}).get("lines_dropped", {}))
                docs.write({"id": row["id"], "text": row["text"], "source": row["source"], "added": row["added"],
                            "created": row["created"], "metadata": meta})
                kept += 1
            else:
                rejected_by[row["rejected"]] += 1
                rejects.write(reject_of_row(row))
    docs.close()
    rejects.close()
    n_rej = sum(rejected_by.values())
    stats = {
        "inputs": kept + n_rej,
        "kept": kept,
        "rejected": n_rej,
        "rejected_by_reason": dict(sorted(rejected_by.items())),
        "lines_dropped_by_reason": dict(sorted(lines_dropped.items())),
        "seconds": round(time.perf_counter() - t0, 3),
        "version": __version__,
    }
    (out / "stats.json").write_text(orjson.dumps(stats, option=orjson.OPT_INDENT_2).decode() + "\n", encoding="utf-8")
    return stats
