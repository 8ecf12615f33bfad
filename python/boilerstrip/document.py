"""The result of cleaning one page: clean text, metadata, and every line's decision."""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterator, Protocol, Sequence, overload

from boilerstrip import _core
from boilerstrip.options import LANGUAGE_REASONS

__all__ = ["Document", "Line", "REASONS"]

#: Every reason code a line can carry, in code order (``content`` means kept).
REASONS: tuple[str, ...] = tuple(_core.REASON_NAMES)


def language_score_of(result: Any) -> float | None:
    """A core result's confidence in its language, rounded to 4 places (a float32 would
    print as 0.8912345409393311); ``None`` when it found no language."""
    return round(float(result.language_score), 4) if result.language else None


def content_hash(data: object) -> str:
    """xxh3-64 of a text (its UTF-8) or of bytes, as 16 hex digits: a document's default id
    and its ``exact`` hash. Of anything else (a wrong-type input, which has no content), of
    its type's name."""
    if isinstance(data, str):
        raw = data.encode("utf-8", "surrogatepass")
    elif isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
    else:
        raw = repr(type(data)).encode()
    return f"{_core.hash_bytes(raw):016x}"


@dataclass(frozen=True, slots=True)
class Line:
    """One input line and what happened to it.

    Attributes:
        number: 0-based line number in the input (the HTML path numbers the lines of the
            text extracted from the HTML).
        text: The line, normalised (NFC, whitespace collapsed, control characters replaced).
        kept: Whether the line is part of the clean text.
        reason: ``"content"`` for kept lines, else why it was dropped (``"navigation"``,
            ``"share-widget"``, ...; see :data:`REASONS`).
        score: The scorer's probability that the line is main content (0 for blank lines).
    """

    number: int
    text: str
    kept: bool
    reason: str
    score: float


class LineDecisions(Protocol):
    """The per-line decisions :class:`Document` reads from a result: ``_core.TextResult``,
    ``_core.HtmlResult``, or the corpus stage's rebuilt decisions."""

    @property
    def n_lines(self) -> int: ...
    @property
    def kept(self) -> bytes: ...
    @property
    def reasons(self) -> bytes: ...
    @property
    def scores(self) -> bytes: ...
    @property
    def line_hashes(self) -> bytes: ...


class Decisions:
    """Per-line decisions as plain bytes, in the shape of ``_core.TextResult``: what a
    pickled :class:`Document` carries instead of the core's result, and what the corpus
    stage rebuilds documents with."""

    __slots__ = ("kept", "reasons", "scores", "line_hashes", "n_lines")

    def __init__(self, kept: bytes, reasons: bytes, scores: bytes, line_hashes: bytes) -> None:
        self.kept, self.reasons, self.scores, self.line_hashes = kept, reasons, scores, line_hashes
        self.n_lines = len(kept)

    def __reduce__(self) -> tuple[Any, ...]:
        return Decisions, (self.kept, self.reasons, self.scores, self.line_hashes)


class _LazyLines(Sequence[Line]):
    """The per-line decisions, materialised as Python objects only when first read."""

    __slots__ = ("_result", "_source", "_lines")

    def __init__(self, result: LineDecisions, source: str) -> None:
        self._result = result
        self._source = source
        self._lines: list[Line] | None = None

    def _build(self) -> list[Line]:
        if self._lines is None:
            r = self._result
            texts = _core.split_lines(self._source)
            kept = r.kept
            reasons = r.reasons
            scores = memoryview(r.scores).cast("f")
            self._lines = [
                Line(i, texts[i], bool(kept[i]), REASONS[reasons[i]], round(float(scores[i]), 4)) for i in range(len(kept))
            ]
        return self._lines

    def __len__(self) -> int:
        return self._result.n_lines

    @overload
    def __getitem__(self, i: int) -> Line: ...
    @overload
    def __getitem__(self, i: slice) -> list[Line]: ...
    def __getitem__(self, i: int | slice) -> Line | list[Line]:
        return self._build()[i]

    def __iter__(self) -> Iterator[Line]:
        return iter(self._build())

    def __repr__(self) -> str:
        return f"<{len(self)} lines>"


class Document:
    """A cleaned page.

    Attributes:
        text: The main content, lines joined by ``\\n`` (blank line between paragraphs).
        title, author, date, url, site, language: Metadata; ``date`` is ISO ``YYYY-MM-DD``,
            ``language`` an ISO 639-1 code.
        language_score: The confidence in ``language``, 0..1 (``None`` when no language
            was found).
        lines: Every input line with ``kept``, ``reason`` and ``score`` (built lazily).
        rejected: ``None``, or why the document has no text (``"empty-input"``,
            ``"binary-input"``, ``"too-large"``, ``"no-content"``, ``"too-short"``, ...).
        extra: More metadata where the source has it (HTML: ``description``, ``tags``,
            ``image``, ``canonical_url``, ``html_lang``; ``fallback`` when trafilatura failed;
            ``truncated_bytes`` when a block held more than 1 MiB of text, whose rest was
            not read).
    """

    __slots__ = (
        "id", "text", "title", "author", "date", "url", "site", "language", "language_score", "source_format",
        "rejected", "extra", "_lines", "_result", "_stats", "_reason_counts",
    )

    def __init__(
        self,
        *,
        text: str,
        id: str | None = None,
        title: str | None = None,
        author: str | None = None,
        date: str | None = None,
        url: str | None = None,
        site: str | None = None,
        language: str | None = None,
        language_score: float | None = None,
        source_format: str = "text",
        rejected: str | None = None,
        lines: Sequence[Line] | str = (),
        result: LineDecisions | None = None,
        stats: dict[str, Any] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.text = text
        self.title = title
        self.author = author
        self.date = date
        self.url = url
        self.site = site
        self.language = language
        self.language_score = language_score
        self.source_format = source_format
        self.rejected = rejected
        self.extra = extra or {}
        self._result = result
        self._lines: Sequence[Line]
        if result is not None:
            self._lines = _LazyLines(result, lines_source(result, lines))
        elif isinstance(lines, str):
            raise TypeError("lines= is the text the decisions refer to only with result=; without it, a sequence of Line")
        else:
            self._lines = lines
        self._stats = stats or {}
        self._reason_counts: dict[str, int] | None = None
        self.id = id if id is not None else content_hash(text)

    @property
    def lines(self) -> Sequence[Line]:
        return self._lines

    @property
    def rejected_detail(self) -> str | None:
        """What the rejects file says beside ``rejected``: the language found, for the
        language filter's rejections; else ``None``."""
        if self.rejected not in LANGUAGE_REASONS:
            return None
        if self.language is None:
            return "no language found"
        return f"language {self.language} ({self.language_score or 0.0:.2f})"

    @property
    def hashes(self) -> dict[str, Any]:
        """Hashes for deduplication, as 16-digit hex strings (JSON numbers cannot hold u64).

        ``text``: xxh3 of the clean text's dedup key (lower case, no digits, punctuation or
        accents); ``exact``: xxh3 of the clean text's bytes; ``lines``: the dedup-key hash of
        each kept line, in order.
        """
        if self._result is not None:
            kept = self._result.kept
            hashes = memoryview(self._result.line_hashes).cast("Q")
            kept_hashes = [hashes[i] for i in range(len(kept)) if kept[i]]
        else:
            kept_hashes = []
        return {
            "text": f"{_core.text_hash(self.text):016x}",
            "exact": content_hash(self.text),
            "lines": [f"{h:016x}" for h in kept_hashes],
        }

    @property
    def reason_counts(self) -> dict[str, int]:
        """How many lines were dropped for each reason (blank lines not counted)."""
        if self._reason_counts is None:
            if self._result is not None:
                codes = Counter(self._result.reasons)
                c = Counter({REASONS[k]: v for k, v in codes.items() if REASONS[k] not in ("content", "blank")})
            else:
                c = Counter(line.reason for line in self._lines if not line.kept and line.reason != "blank")
            self._reason_counts = dict(sorted(c.items()))
        return dict(self._reason_counts)  # a copy: a caller's edit must not reach stats or to_dict

    @property
    def stats(self) -> dict[str, Any]:
        s = dict(self._stats)
        s.setdefault("chars_out", len(self.text))
        if "words_out" not in s:
            s["words_out"] = _core.word_count(self.text)
        s["lines_dropped"] = self.reason_counts
        return s

    def to_dict(
        self,
        *,
        source: str = "boilerstrip",
        path: str | None = None,
        added: str | None = None,
        include_lines: bool = False,
    ) -> dict[str, Any]:
        """The output record, in the dolma/datatrove convention.

        ``{"id", "text", "source", "added", "created", "metadata": {url, title, author,
        date, site, language, path, hashes, stats, ...}}``. ``created`` is the publication
        date when known; ``added`` is when the record was made (now, unless given).
        """
        if added is None:
            added = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
        meta: dict[str, Any] = {
            "url": self.url,
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "site": self.site,
            "language": self.language,
            "language_score": self.language_score,
            "path": path,
            "format": self.source_format,
            "hashes": self.hashes,
            "stats": self.stats,
        }
        meta.update(self.extra)
        if self.rejected:
            meta["rejected"] = self.rejected
        if include_lines:
            meta["lines"] = [[ln.number, ln.text, ln.kept, ln.reason, ln.score] for ln in self._lines]
        return {
            "id": self.id,
            "text": self.text,
            "source": source,
            "added": added,
            "created": self.date,
            "metadata": meta,
        }

    def __reduce__(self) -> tuple[Any, ...]:
        # the core's result objects do not pickle: their decisions travel as bytes (a
        # process pool sends its results pickled)
        r = self._result
        if r is None:
            result, lines = None, tuple(self._lines)
        else:
            result = Decisions(bytes(r.kept), bytes(r.reasons), bytes(r.scores), bytes(r.line_hashes))
            lines = self._lines._source  # type: ignore[attr-defined]
        fields = {k: getattr(self, k) for k in (
            "text", "id", "title", "author", "date", "url", "site", "language", "language_score", "source_format",
            "rejected")}
        return _rebuild, (fields, lines, result, dict(self._stats), dict(self.extra))

    def __repr__(self) -> str:
        head = self.text[:60].replace("\n", " ")
        return f"Document(id={self.id!r}, title={self.title!r}, words={len(self.text.split())}, text={head!r}...)"


def _rebuild(fields: dict[str, Any], lines: Sequence[Line] | str, result: Decisions | None,
             stats: dict[str, Any], extra: dict[str, Any]) -> Document:
    return Document(**fields, lines=lines, result=result, stats=stats, extra=extra)


def lines_source(result: LineDecisions, lines: object) -> str:
    """The text the decisions of ``result`` refer to, passed to ``Document`` as ``lines``."""
    if not isinstance(lines, str):
        raise TypeError("with result=, lines= must be the text the decisions refer to")
    return lines
