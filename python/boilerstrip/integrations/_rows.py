"""Cleaning shared by every integration: raw inputs in, output rows out.

The rule for what becomes of one input is the CLI's (``boilerstrip clean``): the ``kind``
(``text``, ``html`` or ``auto``) picks the path, inputs over ``max_bytes`` are rejected as
``too-large``, bytes are decoded the same way. Keeping it in one place is what lets the Ray,
datatrove and datasets paths give the very records the CLI writes.

A *row* is the dolma/datatrove record with its ``metadata`` as JSON text plus the reject
columns: ``{id, text, source, added, created, rejected, detail, metadata}``. Metadata is JSON
because its keys vary per document (HTML extras, per-reason counts, ``lines``) and Arrow
needs one schema per column across all batches; :func:`record_from_row` undoes it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Iterable, Literal, Mapping, Sequence

import orjson

from boilerstrip.clean import clean
from boilerstrip.document import Document
from boilerstrip.errors import InputError
from boilerstrip.html import clean_html
from boilerstrip.options import DEFAULT_OPTIONS, Options
from boilerstrip.text import _check_input, _reject, clean_text, clean_text_batch, decode

__all__ = [
    "ROW_COLUMNS",
    "RawInput",
    "clean_inputs",
    "row_of",
    "rows_of",
    "record_from_row",
    "reject_of_row",
    "now_iso",
    "options_of",
    "id_text",
]

Kind = Literal["auto", "text", "html"]

#: The columns of an output row, in order.
ROW_COLUMNS: tuple[str, ...] = ("id", "text", "source", "added", "created", "rejected", "detail", "metadata")


def id_text(x: Any) -> str | None:
    """An id from a table column as the record takes it: a float that is a whole number as its
    digits (pandas stores an int column with a missing value as floats: 7 comes as 7.0, and
    would be "7.0"), and a missing one (None, NaN) as no id (every NaN was the id "nan")."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def now_iso() -> str:
    """The ``added`` timestamp, as the CLI writes it (UTC, seconds, ``Z``)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def options_of(options: Options | Mapping[str, Any] | None) -> Options:
    """``Options`` from an ``Options``, a dict of its fields (what crosses to a Ray actor or
    a datatrove worker most portably) or ``None`` (the defaults)."""
    if options is None:
        return DEFAULT_OPTIONS
    if isinstance(options, Options):
        return options
    if not isinstance(options, Mapping):  # dict("fast") fails on its letters
        raise TypeError(f"options must be an Options, a dict of its fields or None, got {type(options).__name__}")
    return Options(**dict(options))


@dataclass
class RawInput:
    """One page to clean. ``data`` is the page as text or bytes; ``error`` (with ``detail``)
    marks an input that could not even be read, which becomes a reject with that reason."""

    data: str | bytes | None
    id: str | None = None
    url: str | None = None
    path: str | None = None
    kind: Kind = "auto"
    error: str | None = None
    detail: str | None = None


def _clean_one(raw: RawInput, options: Options) -> Document:
    """The CLI's ``process``: one input, whatever its kind; never raises for bad content (a
    value that is neither text nor bytes, from a mistyped column, is a ``wrong-type`` reject)."""
    try:
        return _clean_one_unchecked(raw, options)
    except InputError as e:
        return _reject(e.reason, url=raw.url, id=raw.id, raw=raw.data)


def _clean_one_unchecked(raw: RawInput, options: Options) -> Document:
    data, url, rid = raw.data, raw.url, raw.id
    if data is None:
        return _reject("empty-input", url=url, id=rid)
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        if len(data) > options.max_bytes:
            return _reject("too-large", url=url, id=rid, raw=data)
        if raw.kind == "text":
            try:
                data = decode(data)
            except InputError as e:
                return _reject(e.reason, url=url, id=rid, raw=data)
    if raw.kind == "html":
        return clean_html(data, url=url, id=rid, options=options)
    if raw.kind == "text":
        return clean_text(data, url=url, id=rid, options=options)  # type: ignore[arg-type]
    return clean(data, url=url, id=rid, options=options)


def clean_inputs(raws: Sequence[RawInput], options: Options = DEFAULT_OPTIONS) -> list[Document | None]:
    """Clean a batch. Plain-text inputs go through one :func:`clean_text_batch` call (the Rust
    batch path, same documents as one call each); HTML and undecided inputs one by one.
    Inputs with ``error`` set give ``None`` (the caller turns them into rejects)."""
    out: list[Document | None] = [None] * len(raws)
    text_idx: list[int] = []
    texts: list[str] = []
    for i, raw in enumerate(raws):
        if raw.error:
            continue
        if raw.url is not None and not isinstance(raw.url, str):
            # a number or a list from a mistyped column: the CLI's wrong-type reject, not a
            # TypeError that would take the batch (and every good page in it) down
            out[i] = _reject("wrong-type", url=None, id=raw.id, raw=raw.data)
            continue
        data = raw.data
        if raw.kind == "text" and data is not None:
            if isinstance(data, (bytes, bytearray, memoryview)):
                data = bytes(data)
                if len(data) > options.max_bytes:
                    out[i] = _reject("too-large", url=raw.url, id=raw.id, raw=data)
                    continue
                try:
                    data = decode(data)
                except InputError as e:
                    out[i] = _reject(e.reason, url=raw.url, id=raw.id, raw=data)
                    continue
            if isinstance(data, str) and not _check_input(data, options):
                text_idx.append(i)
                texts.append(data)
                continue
            raw = RawInput(data=data, id=raw.id, url=raw.url, path=raw.path, kind="text")
        out[i] = _clean_one(raw, options)
    if texts:
        docs = clean_text_batch(
            texts, urls=[raws[i].url for i in text_idx], ids=[raws[i].id for i in text_idx], options=options
        )
        for i, d in zip(text_idx, docs):
            out[i] = d
    return out


def row_of(
    raw: RawInput,
    doc: Document | None,
    *,
    source: str,
    added: str,
    include_lines: bool = False,
) -> dict[str, Any]:
    """The output row for one input and its document (``None`` for an unreadable input)."""
    if doc is None:
        return {
            "id": raw.id, "text": "", "source": source, "added": added, "created": None,
            "rejected": raw.error or "unreadable", "detail": raw.detail,
            "metadata": orjson.dumps({"url": raw.url, "path": raw.path}).decode(),
        }
    rec = doc.to_dict(source=source, path=raw.path, added=added, include_lines=include_lines and not doc.rejected)
    return {
        "id": rec["id"], "text": rec["text"], "source": rec["source"], "added": rec["added"],
        "created": rec["created"], "rejected": doc.rejected, "detail": doc.rejected_detail,
        "metadata": orjson.dumps(rec["metadata"]).decode(),
    }


def record_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The dolma/datatrove record of a kept row, exactly as ``boilerstrip clean`` writes it."""
    meta = row["metadata"]
    return {
        "id": row["id"],
        "text": row["text"],
        "source": row["source"],
        "added": row["added"],
        "created": row["created"],
        "metadata": orjson.loads(meta) if isinstance(meta, (str, bytes)) else meta,
    }


def reject_of_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The CLI's rejects-file record of a rejected row: ``{id, path, reason, detail,
    duplicate_of, added}``."""
    meta = row["metadata"]
    meta = orjson.loads(meta) if isinstance(meta, (str, bytes)) else (meta or {})
    return {"id": row["id"], "path": meta.get("path"), "reason": row["rejected"], "detail": row["detail"],
            "duplicate_of": meta.get("duplicate_of"), "added": row["added"]}


def rows_of(
    raws: Sequence[RawInput],
    *,
    options: Options = DEFAULT_OPTIONS,
    source: str = "boilerstrip",
    added: str | None = None,
    include_lines: bool = False,
) -> Iterable[dict[str, Any]]:
    """Clean ``raws`` and yield their rows (rejected ones included, ``rejected`` set)."""
    added = added or now_iso()
    for raw, doc in zip(raws, clean_inputs(raws, options)):
        yield row_of(raw, doc, source=source, added=added, include_lines=include_lines)
