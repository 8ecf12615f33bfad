"""Hugging Face ``datasets``: a batched ``map`` function, and the ``map`` call that uses it.

    from datasets import load_dataset
    from boilerstrip.integrations.hf import clean_dataset

    ds = load_dataset("json", data_files="pages.jsonl", split="train")   # a "text" column
    ds = clean_dataset(ds, num_proc=4)
    kept = ds.filter(lambda r: r["rejected"] is None)

    # HTML in a column "html", rejected rows dropped (the input columns go with them)
    ds = clean_dataset(ds, text_column="html", mode="html", drop_rejected=True)

:func:`clean_dataset` is ``ds.map(clean_batch, batched=True, features=output_features(ds))``.
The ``features`` matter: ``datasets`` fixes each column's type from the first batch it
writes, and a first batch with no rejected row (or no date) would make ``rejected`` (or
``created``) a null column that the next reject cannot be written to. Call ``map`` with
:func:`clean_batch` yourself to pass other ``map`` arguments, with
``features=output_features(ds)`` (``output_features()`` alone with
``remove_columns=ds.column_names``).

:func:`clean_batch` returns the columns of boilerstrip's output row: ``text`` (the clean text),
``id``, ``source``, ``added``, ``created``, ``rejected`` and ``detail`` (why a row has no text),
and ``metadata`` (JSON text, since its keys vary per document;
:func:`boilerstrip.integrations.record_from_row` turns a row into the dolma record). Input
columns it does not return are kept by ``map``; an input ``metadata`` column is replaced,
so name the output otherwise with ``metadata_column`` if you need both.

``pip install '.[hf]'``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from boilerstrip.integrations._rows import ROW_COLUMNS, RawInput, clean_inputs, id_text, now_iso, options_of, row_of
from boilerstrip.integrations._optional import require
from boilerstrip.options import Options

if TYPE_CHECKING:
    import datasets

__all__ = ["clean_batch", "clean_dataset", "output_features"]


def clean_batch(
    batch: Mapping[str, list[Any]],
    text_column: str = "text",
    *,
    id_column: str | None = "id",
    url_column: str | None = "url",
    mode: str = "auto",
    options: Options | Mapping[str, Any] | None = None,
    source: str = "boilerstrip",
    added: str | None = None,
    include_lines: bool = False,
    drop_rejected: bool = False,
    output_text_column: str = "text",
    metadata_column: str = "metadata",
) -> dict[str, list[Any]]:
    """Clean a batch of pages (a dict of columns, as ``Dataset.map(batched=True)`` passes).

    Args:
        batch: Columns; ``text_column`` holds each page as text or bytes.
        id_column, url_column: Optional columns for the record id and the page's URL.
        mode: ``auto``, ``text`` or ``html``, as the CLI's ``--mode``.
        options: :class:`boilerstrip.Options` or a dict of its fields.
        source, include_lines: As the CLI's ``--source`` and ``--include-lines``.
        added: The records' ``added`` timestamp (default: now).
        drop_rejected: Leave rejected rows out (then pass ``remove_columns`` to ``map``).
        output_text_column, metadata_column: Names of the clean text and metadata columns.

    Returns:
        A dict of equal-length columns (one value per kept row).
    """
    if mode not in ("auto", "text", "html"):
        raise ValueError(f"mode must be auto, text or html, got {mode!r}")
    if text_column not in batch:
        raise KeyError(f"no column {text_column!r} in the batch (columns: {sorted(batch)})")
    pages = batch[text_column]
    n = len(pages)
    ids = batch[id_column] if id_column and id_column in batch else [None] * n
    urls = batch[url_column] if url_column and url_column in batch else [None] * n
    if len(ids) != n or len(urls) != n:  # (a hand-built batch: datasets' own are even)
        raise ValueError(f"the batch's columns differ in length: {text_column!r} has {n} values, "
                         f"{id_column!r} {len(ids)}, {url_column!r} {len(urls)}")
    raws = [
        RawInput(data=pages[i], id=id_text(ids[i]), url=urls[i], kind=mode)  # type: ignore[arg-type]
        for i in range(n)
    ]
    opts = options_of(options)
    added = added or now_iso()
    names = {"text": output_text_column, "metadata": metadata_column}
    out: dict[str, list[Any]] = {names.get(c, c): [] for c in ROW_COLUMNS}
    for raw, doc in zip(raws, clean_inputs(raws, opts)):
        row = row_of(raw, doc, source=source, added=added, include_lines=include_lines)
        if drop_rejected and row["rejected"] is not None:
            continue
        for c in ROW_COLUMNS:
            out[names.get(c, c)].append(row[c])
    return out


def output_features(
    ds: Any = None,
    *,
    output_text_column: str = "text",
    metadata_column: str = "metadata",
) -> datasets.Features:
    """The ``features=`` for ``map(clean_batch, ...)``: ``ds``'s columns (those ``map`` keeps;
    leave ``ds`` out when they are removed) followed by the output row's, all strings (an
    input column of the same name, such as an integer ``id``, takes the output's type)."""
    hf = require("datasets", "hf")
    names = {"text": output_text_column, "metadata": metadata_column}
    kept = dict(ds.features) if ds is not None else {}
    return hf.Features({**kept, **{names.get(c, c): hf.Value("string") for c in ROW_COLUMNS}})


def clean_dataset(
    ds: Any,
    text_column: str = "text",
    *,
    batch_size: int = 1000,
    num_proc: int | None = None,
    drop_rejected: bool = False,
    output_text_column: str = "text",
    metadata_column: str = "metadata",
    **kwargs: Any,
) -> Any:
    """``ds.map(clean_batch, batched=True)`` with the output's types fixed: a ``Dataset`` (or
    ``IterableDataset``, or a dict of them split by split) with the output row's columns
    added, or alone with ``drop_rejected``. ``kwargs`` are :func:`clean_batch`'s."""
    hf = require("datasets", "hf")
    # one ``added`` for the whole call, every split's rows too, as the CLI gives a run (each
    # batch read the clock)
    kwargs.setdefault("added", now_iso())
    if isinstance(ds, (hf.DatasetDict, hf.IterableDatasetDict)):  # load_dataset without split=
        return type(ds)({split: clean_dataset(part, text_column, batch_size=batch_size, num_proc=num_proc,
                                              drop_rejected=drop_rejected, output_text_column=output_text_column,
                                              metadata_column=metadata_column, **kwargs)
                         for split, part in ds.items()})
    fn_kwargs = dict(kwargs, text_column=text_column, drop_rejected=drop_rejected,
                     output_text_column=output_text_column, metadata_column=metadata_column)
    names = {"output_text_column": output_text_column, "metadata_column": metadata_column}
    extra = {} if num_proc is None else {"num_proc": num_proc}
    if drop_rejected and isinstance(ds, hf.IterableDataset) and not hasattr(hf.IterableDataset, "select_columns"):
        raise ImportError(f"drop_rejected on a streamed dataset needs datasets >= 2.17 (installed: "
                          f"{hf.__version__}): pip install 'boilerstrip[hf]'")
    if drop_rejected and ds.column_names is None:
        # a streamed dataset that does not know its columns (from_generator, a map without
        # features=): they cannot be named for removal, and the rows clean_batch drops left
        # them longer than its output ("Column lengths mismatch"). Every row is cleaned, the
        # output's columns are selected, then the rejected rows filtered out.
        out_names = {"text": output_text_column, "metadata": metadata_column}
        cols = [out_names.get(c, c) for c in ROW_COLUMNS]
        cleaned = ds.map(clean_batch, batched=True, batch_size=batch_size,
                         fn_kwargs=dict(fn_kwargs, drop_rejected=False), **extra)
        cleaned = cleaned.select_columns(cols)  # (datasets >= 2.17 streams it: the extra's pin)
        return cleaned.filter(lambda rejected: rejected is None, input_columns=["rejected"])
    # rows are dropped, so the input columns cannot stay (datasets needs equal lengths)
    remove = list(ds.column_names or []) if drop_rejected else None
    # a streamed dataset may not know its features; it writes no file, so none are needed
    features = None if ds.features is None else output_features(None if drop_rejected else ds, **names)
    return ds.map(clean_batch, batched=True, batch_size=batch_size, fn_kwargs=fn_kwargs,
                  remove_columns=remove, features=features, **extra)
