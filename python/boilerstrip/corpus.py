"""Corpus-level cleaning: site-template lines across documents, then exact and near
duplicates. Everything that counts or compares runs in the Rust core.

How a run goes (memory is bounded by the Rust tables, not by the corpus):

1. Read the input once. Clean each document on its own (the single-page cleaner), count the
   dedup-key hashes of its *input* lines into its site's table (a line counts once per
   document, identical documents once per site), and spool the cleaned document to a
   temporary file.
2. (dedup) Read the spool: drop the site's template lines from each document's kept lines,
   then hash and sign the clean text into the deduper.
3. Read the spool again: drop template lines the same way (cheap and deterministic), attach
   the dedup verdict, and yield the documents in input order.

The site of a document is the host of its URL (without ``www.``), else its input folder,
else its ``source``; documents with none of these are never template-cleaned.

Determinism: template counts are sums and the dedup keep rule is "the smallest id, then the
smallest tiebreak" (a hash of the raw input and its URL), so the output is the same for any
input order and any ``threads``. The tiebreak leaves the input's path out: a cluster's id is
made of its kept document's id and tiebreak, and the same corpus named by another path
(``data/c.jsonl``, its absolute path, standard input, another machine's mount) gave other ids.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, Any, Iterable, Iterator, Literal, Mapping, Union

from boilerstrip import _core
from boilerstrip.dedup import Deduper, DedupResult, MinHashParams
from boilerstrip.document import Decisions, Document
from boilerstrip.errors import CoreError, InputError
from boilerstrip.html import clean_html, looks_like_html
from boilerstrip.io.readers import InputRecord
from boilerstrip.options import DEFAULT_OPTIONS, Options, check_number, resolve_options
from boilerstrip.text import _reject, check_meta, clean_text_batch, decode, site_of

__all__ = ["CorpusOptions", "DEFAULT_CORPUS_OPTIONS", "clean_corpus", "clean_records", "CorpusInput"]

DedupMode = Literal["none", "exact", "near"]

#: What :func:`clean_corpus` takes per document: raw text or HTML (``str`` or ``bytes``), a
#: mapping with ``text`` (or ``html``) and optionally ``id``, ``url``, ``source``, ``path``, or
#: an :class:`~boilerstrip.io.readers.InputRecord`.
CorpusInput = Union[str, bytes, Mapping[str, Any], InputRecord]

@dataclass(frozen=True, kw_only=True)
class CorpusOptions:
    """How to clean a corpus beyond single pages.

    Attributes:
        site_template: Drop lines that are part of their site's template.
        template_min_docs: A template line occurs in at least this many documents of its site...
        template_min_fraction: ... and in at least this fraction of them.
        template_min_site_docs: Sites with fewer distinct documents are left alone.
        template_min_run: A template line amid the content (kept lines of the page's own before
            and after it) is dropped only in a run of at least this many template lines: an
            isolated recurring line there is usually a heading of the site's page type
            ("Features:", "Pros"). 1 drops template lines wherever they are.
        dedup: ``"none"``, ``"exact"`` (URL and text-hash duplicates) or ``"near"`` (also
            MinHash LSH near duplicates).
        dedup_urls: With ``exact`` or ``near``: also reject URL duplicates (of the URLs given
            with the inputs, not of those a page declares: a canonical link to the home page
            is common).
        minhash: :class:`~boilerstrip.dedup.MinHashParams` for ``near``. The default verifies LSH
            candidates at estimated Jaccard >= 0.75 (datatrove's 14x8 bands otherwise): on
            the benchmark's planted near duplicates that keeps the recall of plain LSH (0.99)
            and raises pair precision from 0.69 to 0.81 (see benchmarks/results/dedup.md).
        batch_size: Documents per call into the Rust core.

    Example:
        >>> CorpusOptions(dedup="exact").minhash.num_perm
        112
    """

    site_template: bool = True
    template_min_docs: int = 3
    template_min_fraction: float = 0.3
    template_min_site_docs: int = 3
    template_min_run: int = 2
    dedup: DedupMode = "near"
    dedup_urls: bool = True
    minhash: MinHashParams = field(default_factory=lambda: MinHashParams(threshold=0.75))
    batch_size: int = 512

    def __post_init__(self) -> None:
        if self.dedup not in ("none", "exact", "near"):
            raise ValueError(f"dedup must be 'none', 'exact' or 'near', got {self.dedup!r}")
        for name in ("site_template", "dedup_urls"):
            if not isinstance(getattr(self, name), bool):  # "no" would be true
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}")
        if not isinstance(self.minhash, MinHashParams):
            raise TypeError(f"minhash must be a MinHashParams, got {type(self.minhash).__name__}")
        for name in ("batch_size", "template_min_docs", "template_min_site_docs", "template_min_run"):
            check_number(name, getattr(self, name), integer=True)
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)!r}")
            if name.startswith("template") and getattr(self, name) > 0xFFFF_FFFF:
                # (the core's counts are 32-bit: 2**40 was an OverflowError naming no field)
                raise ValueError(f"{name} must be at most {0xFFFF_FFFF}, got {getattr(self, name)!r}")
        check_number("template_min_fraction", self.template_min_fraction)
        if self.batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        # the Rust core validates the template thresholds; fail here, before any work
        _core.TemplateCounter(self.template_min_docs, self.template_min_fraction, self.template_min_site_docs, self.template_min_run)


DEFAULT_CORPUS_OPTIONS = CorpusOptions()


@dataclass
class _Item:
    """One input, normalised: where it came from and what to clean."""

    index: int
    id: str
    url: str | None
    path: str | None
    site_key: str | None
    kind: str  # "text", "html" or "auto"
    payload: str | bytes
    tiebreak: int
    error: str | None = None
    error_detail: str | None = None

    def record(self) -> InputRecord:
        return InputRecord(id=self.id, path=self.path or "", data=b"", kind=self.kind, url=self.url,  # type: ignore[arg-type]
                           error=self.error, error_detail=self.error_detail)


def _site_key(url: str | None, path: str | None, source: str | None) -> str | None:
    site = site_of(url)
    if site:
        return site
    if path:
        parent = PurePath(path).parent.as_posix()
        return f"folder:{parent}"
    if source:
        return f"source:{source}"
    return None


def _to_item(x: CorpusInput, index: int) -> _Item:
    """The input as an item; an input of the wrong shape becomes a rejected item (reason
    ``wrong-type``), so that one bad record does not stop a corpus run."""
    try:
        return _item_of(x, index)
    except InputError as e:
        id_ = x.get("id") if isinstance(x, Mapping) else None
        return _Item(index, str(id_ if id_ is not None else f"#{index}"), None, None, None, "auto", b"", 0, e.reason, str(e))


def _item_of(x: CorpusInput, index: int) -> _Item:
    err = None
    detail = None
    payload: str | bytes
    if isinstance(x, InputRecord):
        id_, url, path, source, kind, payload = x.id, x.url, x.path, None, x.kind, x.data
        err, detail = x.error, x.error_detail
    elif isinstance(x, (str, bytes, bytearray, memoryview)):
        id_, url, path, source, kind = None, None, None, None, "auto"
        payload = bytes(x) if not isinstance(x, str) else x
    elif isinstance(x, Mapping):
        url, path, source = x.get("url"), x.get("path"), x.get("source")
        meta = x.get("metadata")
        if url is None and isinstance(meta, Mapping):
            url = meta.get("url")  # a dolma/datatrove record
        id_ = x.get("id")
        # an empty, blank or missing (None, NaN) html gives way to the text: tables often have
        # both columns (as the command line's JSONL reader does)
        html, text = x.get("html"), x.get("text")
        if html is not None and (text is None or (isinstance(html, (str, bytes)) and html and not html.isspace())):
            kind, value = "html", html
        elif text is not None:
            kind, value = "auto", text
        elif "html" in x or "text" in x:
            kind, value = "auto", None  # (a field of None: wrong-type below)
        else:
            raise InputError("wrong-type", f"input {index}: a mapping needs a 'text' or 'html' field")
        if not isinstance(value, (str, bytes)):
            raise InputError("wrong-type", f"input {index}: expected str or bytes, got {type(value).__name__}")
        payload = value
        # a table's missing value (NaN) or a number here would fail deep in the run
        url, id_ = check_meta(url, id_)
        for name, v in (("path", path), ("source", source)):
            if v is not None and not isinstance(v, str):
                raise InputError("wrong-type", f"input {index}: {name} must be a str, got {type(v).__name__}")
    else:
        raise InputError("wrong-type", f"input {index}: expected str, bytes, a mapping or an InputRecord, got {type(x).__name__}")
    raw = payload.encode("utf-8", "surrogatepass") if isinstance(payload, str) else bytes(payload)
    if id_ is None:
        id_ = f"{_core.hash_bytes(raw):016x}"
    tiebreak = _core.hash_bytes(raw, _core.hash_bytes((url or "").encode("utf-8", "surrogatepass")))
    return _Item(index, str(id_), url, path, _site_key(url, path, source), kind, payload, tiebreak, err, detail)


def _clean_batch(items: list[_Item], options: Options, mode: str, threads: int,
                 timings: dict[str, float] | None = None) -> list[Document]:
    """Single-page cleaning of a batch; text goes through the batched Rust call. Adds the
    seconds spent to ``timings["clean_text"]`` and ``["clean_html"]``, if given."""
    t_start = time.perf_counter()
    html_secs = 0.0
    out: list[Document | None] = [None] * len(items)
    texts: list[tuple[int, str]] = []
    for k, it in enumerate(items):
        if it.error:
            out[k] = _reject(it.error, url=it.url, id=it.id)
            continue
        kind = it.kind if mode == "auto" else mode
        data = it.payload
        if len(data) > options.max_bytes:
            out[k] = _reject("too-large", url=it.url, id=it.id)
            continue
        if kind == "auto":
            kind = "html" if looks_like_html(data) else "text"
        if kind == "html":
            t0 = time.perf_counter()
            out[k] = clean_html(data, url=it.url, id=it.id, options=options)
            html_secs += time.perf_counter() - t0
            continue
        if isinstance(data, bytes):
            try:
                data = decode(data)
            except InputError as e:
                out[k] = _reject(e.reason, url=it.url, id=it.id)
                continue
        texts.append((k, data))
    if texts:
        docs = clean_text_batch(
            [t for _, t in texts], urls=[items[k].url for k, _ in texts], ids=[items[k].id for k, _ in texts],
            options=options, threads=threads,
        )
        for (k, _), d in zip(texts, docs):
            out[k] = d
    if timings is not None:
        timings["clean_html"] = timings.get("clean_html", 0.0) + html_secs
        timings["clean_text"] = timings.get("clean_text", 0.0) + time.perf_counter() - t_start - html_secs
    return out  # type: ignore[return-value]


@dataclass
class _Spooled:
    """A cleaned document as spooled between passes (everything to rebuild it)."""

    item: _Item
    fields: dict[str, Any]
    source: str | None = None  # the text the line decisions refer to
    kept: bytes = b""
    reasons: bytes = b""
    scores: bytes = b""
    line_hashes: bytes = b""


def _spool_of(it: _Item, doc: Document) -> _Spooled:
    it.payload = ""  # the raw input is not needed after cleaning
    fields = {
        "text": doc.text, "id": doc.id, "title": doc.title, "author": doc.author, "date": doc.date, "url": doc.url,
        "site": doc.site, "language": doc.language,
        "language_score": doc.language_score, "source_format": doc.source_format, "rejected": doc.rejected,
        "extra": dict(doc.extra), "stats": dict(doc._stats),
    }
    r = doc._result  # the line decisions; private to Document, read here to spool them
    if r is None:
        return _Spooled(it, fields)
    return _Spooled(it, fields, doc._lines._source, r.kept, r.reasons, r.scores, r.line_hashes)  # type: ignore[attr-defined]


class _Spool:
    """Cleaned documents on disk between passes (pickled, in input order)."""

    def __init__(self, directory: str | os.PathLike[str] | None) -> None:
        self._f: IO[bytes] = tempfile.TemporaryFile(prefix="boilerstrip-corpus-", dir=directory)
        self.count = 0

    def write(self, s: _Spooled) -> None:
        pickle.dump(s, self._f, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def read(self) -> Iterator[_Spooled]:
        self._f.flush()
        self._f.seek(0)
        for _ in range(self.count):
            yield pickle.load(self._f)
        self._f.seek(0, os.SEEK_END)

    def close(self) -> None:
        self._f.close()


def _batches(it: Iterable[Any], n: int) -> Iterator[list[Any]]:
    buf: list[Any] = []
    for x in it:
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


class _Run:
    """The state of one corpus run: the template table and the deduper."""

    def __init__(self, options: Options, corpus: CorpusOptions, threads: int) -> None:
        self.options, self.corpus, self.threads = options, corpus, threads
        self.counter = (
            _core.TemplateCounter(corpus.template_min_docs, corpus.template_min_fraction, corpus.template_min_site_docs, corpus.template_min_run)
            if corpus.site_template else None
        )

    def count(self, batch: list[_Spooled]) -> None:
        if self.counter is None:
            return
        todo = [(s.item.site_key, s) for s in batch if s.item.site_key and s.line_hashes]
        # (with the kept lines: a page crawled again with another teaser counts once)
        self.counter.add_hashes([key for key, _ in todo], [s.line_hashes for _, s in todo],
                                [s.kept for _, s in todo], [s.source or "" for _, s in todo])

    def finish_docs(self, batch: list[_Spooled]) -> list[Document]:
        """Rebuild documents from the spool with the site's template lines dropped."""
        applied: dict[int, tuple[str, bytes, bytes, int]] = {}
        if self.counter is not None:
            todo: list[int] = []
            args: list[tuple[str, str, str, bytes, bytes, bytes]] = []
            for k, s in enumerate(batch):
                key, source = s.item.site_key, s.source
                if key and source is not None and not s.fields["rejected"]:
                    todo.append(k)
                    # the lines are taken out of the clean text as written (its layout stays)
                    args.append((key, source, s.fields["text"], s.line_hashes, s.kept, s.reasons))
            res = self.counter.apply(args, self.threads)
            applied = dict(zip(todo, res))
        return [self._document(s, applied.get(k)) for k, s in enumerate(batch)]

    def _document(self, s: _Spooled, applied: tuple[str, bytes, bytes, int] | None) -> Document:
        f = dict(s.fields)
        if s.source is None:
            return Document(**f)
        kept, reasons = s.kept, s.reasons
        if applied is not None and applied[3] > 0:
            text, kept, reasons, removed = applied
            f["text"] = text
            stats = dict(f["stats"])
            stats.update(lines_kept=kept.count(1), words_out=_core.word_count(text), chars_out=len(text))
            f["stats"] = stats
            # (only documents not rejected are applied); no text left: every kept line was the
            # site's template
            f["rejected"] = self.options.rejection(text, stats["words_out"], language=f["language"],
                                                   language_score=f["language_score"], empty="site-template")
        return Document(**f, lines=s.source, result=Decisions(kept, reasons, s.scores, s.line_hashes))


def clean_records(
    docs: Iterable[CorpusInput],
    options: Options | None = DEFAULT_OPTIONS,
    corpus: CorpusOptions = DEFAULT_CORPUS_OPTIONS,
    *,
    threads: int = 1,
    mode: Literal["auto", "text", "html"] = "auto",
    spool_dir: str | os.PathLike[str] | None = None,
    timings: dict[str, float] | None = None,
) -> Iterator[tuple[InputRecord, Document]]:
    """:func:`clean_corpus`, yielding each document with its input record (``id``, ``path``,
    read ``error``; the data is not kept). This is what the command line uses. ``timings``,
    if given, gets the seconds spent cleaning (``clean_text``, ``clean_html``) and in the
    corpus passes (``corpus``: template lines and duplicates), reading the inputs left out."""
    options = resolve_options(options)
    if isinstance(docs, (str, bytes, bytearray, memoryview, Mapping)):
        # iterating it would clean each character (or each key of a record) as a document
        raise InputError("wrong-type", f"docs must be an iterable of documents, got one {type(docs).__name__}: "
                         "wrap a single page or record in a list, or use boilerstrip.clean")
    try:
        iter(docs)
    except TypeError:  # (None was "'NoneType' object is not iterable", naming no argument)
        raise InputError("wrong-type", f"docs must be an iterable of documents, got {type(docs).__name__}") from None
    if not isinstance(corpus, CorpusOptions):
        raise TypeError(f"corpus must be a CorpusOptions, got {type(corpus).__name__}")
    if check_number("threads", threads, integer=True) < 0:
        raise ValueError("threads must be >= 0")
    if mode not in ("auto", "text", "html"):
        raise ValueError(f"mode must be 'auto', 'text' or 'html', got {mode!r}")
    run = _Run(options, corpus, threads)
    items = (_to_item(x, i) for i, x in enumerate(docs))
    if not corpus.site_template and corpus.dedup == "none":
        for batch in _batches(items, corpus.batch_size):
            for it, d in zip(batch, _clean_batch(batch, options, mode, threads, timings)):
                yield it.record(), d
        return
    corpus_secs = 0.0  # the passes' own time, the time of the caller's loop between yields left out
    spool = _Spool(spool_dir)
    try:
        # pass 1: clean every page on its own, count template lines, spool
        for batch in _batches(items, corpus.batch_size):
            cleaned = _clean_batch(batch, options, mode, threads, timings)
            t0 = time.perf_counter()
            spooled = [_spool_of(it, d) for it, d in zip(batch, cleaned)]
            run.count(spooled)
            for s in spooled:
                spool.write(s)
            corpus_secs += time.perf_counter() - t0
        t0 = time.perf_counter()
        result: DedupResult | None = None
        if corpus.dedup != "none":
            # pass 2: template-clean and feed the deduper. Pass 3 rebuilds the same documents
            # in the same order, so the k-th document not rejected there is the k-th added here.
            dd = Deduper(urls=corpus.dedup_urls, exact=True, near=corpus.dedup == "near", params=corpus.minhash, threads=threads)
            for batch in _batches(spool.read(), corpus.batch_size):
                live = [(s, d) for s, d in zip(batch, run.finish_docs(batch)) if not d.rejected]
                # URL duplicates by the URL given with the input only: without one, a page's
                # canonical link becomes doc.url, and many sites point every page's at the home
                # page (two different stories were url-duplicates); a copy of the same story
                # under another address is still an exact or near duplicate
                dd.add([d.text for _, d in live], ids=[d.id for _, d in live], urls=[s.item.url for s, _ in live],
                       tiebreaks=[s.item.tiebreak for s, _ in live])
            result = dd.finish()
        # pass 3: the same template cleaning, the dedup verdicts, out in input order
        k = 0
        corpus_secs += time.perf_counter() - t0
        for batch in _batches(spool.read(), corpus.batch_size):
            t0 = time.perf_counter()
            finished = run.finish_docs(batch)
            corpus_secs += time.perf_counter() - t0
            for s, d in zip(batch, finished):
                if result is not None and not d.rejected:
                    if k >= len(result):
                        raise CoreError("internal error: pass 3 saw more documents than were deduplicated")
                    d.extra["cluster_id"] = result.cluster_id(k)
                    if not result.is_kept(k):
                        d.rejected = result.verdict(k)
                        d.extra["duplicate_of"] = result.duplicate_of(k)
                    else:
                        d.extra["cluster_size"] = result.cluster_size(k)
                    k += 1
                yield s.item.record(), d
        if result is not None and k != len(result):
            raise CoreError(f"internal error: {len(result)} documents deduplicated but {k} written")
    finally:
        spool.close()
        if timings is not None:
            timings["corpus"] = timings.get("corpus", 0.0) + corpus_secs


def clean_corpus(
    docs: Iterable[CorpusInput],
    options: Options | None = DEFAULT_OPTIONS,
    corpus: CorpusOptions = DEFAULT_CORPUS_OPTIONS,
    *,
    threads: int = 1,
    mode: Literal["auto", "text", "html"] = "auto",
    spool_dir: str | os.PathLike[str] | None = None,
) -> Iterator[Document]:
    """Clean a whole corpus: each page on its own, then its site's template lines, then exact
    and near duplicates.

    Args:
        docs: Any iterable (read once): raw text or HTML as ``str``/``bytes``, mappings with
            ``text`` or ``html`` (and optionally ``id``, ``url``, ``source``, ``path``), or
            :class:`~boilerstrip.io.readers.InputRecord`. Inputs without an id get the xxh3
            of their bytes.
        options: Single-page :class:`~boilerstrip.Options`.
        corpus: :class:`CorpusOptions` (template thresholds, dedup mode, MinHash parameters).
        threads: Threads for the Rust core (0: every core); the output does not depend on it.
        mode: ``auto`` detects HTML; ``text`` or ``html`` forces one.
        spool_dir: Where the temporary spool of cleaned documents goes (default: the system's
            temporary folder). It holds about the size of the input's text.

    Yields:
        One :class:`Document` per input, in input order. Rejected ones have ``rejected`` set:
        the single-page reasons, ``site-template`` (nothing left but the site's template),
        ``url-duplicate``, ``duplicate`` or ``near-duplicate`` with ``extra["duplicate_of"]``
        naming the kept document. With dedup, every document that reached it has
        ``extra["cluster_id"]``. Dropped template lines have reason ``site-template``.

    Example:
        >>> import boilerstrip
        >>> pages = [{"id": f"p{i}", "url": f"https://example.com/{i}", "text": f"Home | Shop | Blog\\n\\nStory {i}: the {w} river flooded the lower town on Monday and the school closed for a week.\\n\\nShare post:"} for i, w in enumerate(["green", "brown", "black", "white"])]
        >>> copy = dict(pages[0], id="p9", url="https://example.com/copy")
        >>> out = list(boilerstrip.clean_corpus(pages + [copy]))
        >>> out[1].text
        'Story 1: the brown river flooded the lower town on Monday and the school closed for a week.'
        >>> (out[4].rejected, out[4].extra["duplicate_of"])
        ('duplicate', 'p0')
    """
    options = resolve_options(options)
    for _, d in clean_records(docs, options, corpus, threads=threads, mode=mode, spool_dir=spool_dir):
        yield d
