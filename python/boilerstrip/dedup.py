"""Exact and near-duplicate detection of documents, over the Rust core; usable on its own.

Three stages, each keeping one document per group (see ``rust/dedup.rs``):

1. URL duplicates (``url-duplicate``): equal URLs once the scheme, ``www.``, the fragment
   and a trailing ``/`` are ignored.
2. Exact duplicates (``duplicate``): equal text hash (xxh3 of the CCNet-style dedup key, the
   ``hashes.text`` of an output record).
3. Near duplicates (``near-duplicate``): MinHash over word n-grams of the dedup key (in
   scripts written without spaces, Chinese, Japanese, Thai, each letter is a unit: see
   ``MinHashParams.ngram``), LSH banding, and union-find over the candidate pairs; one
   cluster per connected component.

The kept document of every group is the one whose id sorts first (then the smallest
``tiebreak``), so the outcome is the same whatever the input order and thread count.

Example:
    >>> from boilerstrip.dedup import MinHashDeduper
    >>> story = " ".join(f"word{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(300))
    >>> d = MinHashDeduper()
    >>> d.add([story, story + " Share this story", "Something else entirely."], ids=["b", "a", "c"])
    >>> r = d.finish()
    >>> [(r.verdict(i), r.duplicate_of(i)) for i in range(len(r))]
    [('near-duplicate', 'a'), ('kept', None), ('kept', None)]
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from boilerstrip import _core
from boilerstrip.normalize import without_lone_surrogates
from boilerstrip.options import check_number

__all__ = [
    "MinHashParams",
    "Deduper",
    "MinHashDeduper",
    "ExactDeduper",
    "DedupResult",
    "VERDICTS",
    "minhash_signatures",
    "estimate_jaccard",
]

#: Verdict names by code; ``kept`` is 0.
VERDICTS: tuple[str, ...] = tuple(_core.VERDICT_NAMES)


@dataclass(frozen=True, kw_only=True)
class MinHashParams:
    """MinHash and LSH parameters.

    The defaults are datatrove's (112 permutations in 14 bands of 8 rows over word 5-grams):
    pairs at Jaccard 0.8 become candidates with probability ``1 - (1 - 0.8**8)**14`` = 0.92,
    at 0.9 with 0.9999, at 0.5 with 0.05.

    Attributes:
        num_perm: Permutations (signature length); memory is ``4 * num_perm`` bytes per
            document only when ``threshold`` is set.
        bands, rows: LSH banding; ``rows`` defaults to ``num_perm // bands``.
        ngram: Words per shingle. Letters of scripts written without spaces (Han, kana, Thai,
            Lao, Khmer, Myanmar) are units of their own, weighing 2/3 of a word (Han, kana) or
            1/3: a shingle is as many as weigh ``ngram`` words (8 Han or 15 Thai letters at 5).
            Texts without them shingle as before.
        seed: Seeds the shingle hash and the permutations; signatures are comparable only
            between equal parameters.
        threshold: If set, an LSH candidate pair is joined only when its estimated Jaccard is
            at least this (fewer false positives near the LSH threshold; costs the signatures'
            memory). ``None`` joins every candidate, as datasketch's and datatrove's LSH do.
    """

    num_perm: int = 112
    bands: int = 14
    rows: int | None = None
    ngram: int = 5
    seed: int = 1
    threshold: float | None = None

    def __post_init__(self) -> None:
        for name in ("num_perm", "bands", "rows", "ngram", "seed", "threshold"):
            check_number(name, getattr(self, name), integer=name != "threshold", optional=name in ("rows", "threshold"))
        if not 1 <= self.num_perm <= 1024:
            raise ValueError(f"num_perm must be within 1..1024, got {self.num_perm!r}")
        if not 1 <= self.bands <= self.num_perm:
            raise ValueError(f"bands must be within 1..num_perm ({self.num_perm}), got {self.bands!r}")
        if self.rows_ < 1 or self.bands * self.rows_ > self.num_perm:
            raise ValueError(f"rows must be at least 1 and bands * rows at most num_perm ({self.num_perm}); "
                             f"got bands {self.bands}, rows {self.rows!r}")
        if not 1 <= self.ngram <= 64:
            raise ValueError(f"ngram must be within 1..64, got {self.ngram!r}")
        if not 0 <= self.seed < 2**64:
            raise ValueError("seed must be an unsigned 64-bit integer")
        if self.threshold is not None and not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"threshold must be within [0, 1], got {self.threshold!r}")

    @property
    def rows_(self) -> int:
        """The rows per band in effect."""
        return self.rows if self.rows is not None else self.num_perm // max(self.bands, 1)

    @property
    def lsh_threshold(self) -> float:
        """The Jaccard at which a pair becomes a candidate with probability about 1/2."""
        return float((1 / self.bands) ** (1 / self.rows_))


def minhash_signatures(texts: Iterable[str], params: MinHashParams = MinHashParams(), *, threads: int = 1) -> list[bytes]:
    """MinHash signatures (``num_perm`` little-endian uint32 each) of many texts, computed in
    Rust with the GIL released. Texts without a letter or digit give all ``0xFFFFFFFF``."""
    if check_number("threads", threads, integer=True) < 0:
        raise ValueError(f"threads must be >= 0, got {threads}")
    return _core.MinHasher(params.num_perm, params.ngram, params.seed).signatures(_texts(texts), threads)


def _texts(texts: Iterable[str]) -> list[str]:
    if isinstance(texts, (str, bytes)):  # iterating it would make each character a document
        raise TypeError(f"texts must be a list of str, got one {type(texts).__name__}")
    try:
        iter(texts)
    except TypeError:  # (None: "'NoneType' object is not iterable", naming no argument)
        raise TypeError(f"texts must be a list of str, got {type(texts).__name__}") from None
    return list(texts)  # (a TypeError an iterable raises while read is its own)


def estimate_jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures; standard error ``sqrt(J(1-J)/num_perm)``."""
    return _core.estimate_jaccard(a, b)


class DedupResult:
    """Per document, in the order added: verdict, the id of the kept document it duplicates,
    and a cluster id shared by every document of one cluster."""

    __slots__ = ("_r", "_verdicts", "_reps", "_clusters", "_sizes")

    def __init__(self, r: _core.DedupResult) -> None:
        self._r = r
        self._verdicts = r.verdicts
        self._reps = array("I", r.representatives)
        self._clusters = array("Q", r.clusters)
        self._sizes = array("I", r.cluster_sizes)

    def __len__(self) -> int:
        return len(self._verdicts)

    def id(self, i: int) -> str:
        """The id of document ``i``; a negative ``i`` counts from the end, as for the other
        per-document methods (the core's index is unsigned: ``-1`` was an OverflowError)."""
        n = len(self)
        if not -n <= i < n:
            raise IndexError(f"index {i} out of range for {n} documents")
        return self._r.id(i % n)

    def verdict(self, i: int) -> str:
        """``kept``, ``url-duplicate``, ``duplicate`` or ``near-duplicate``."""
        return VERDICTS[self._verdicts[i]]

    def is_kept(self, i: int) -> bool:
        return self._verdicts[i] == 0

    def representative(self, i: int) -> int:
        """Index of the kept document that document ``i`` belongs to (``i`` if kept)."""
        return self._reps[i]

    def duplicate_of(self, i: int) -> str | None:
        """The id of the kept document, or ``None`` if document ``i`` is kept."""
        return None if self._verdicts[i] == 0 else self._r.id(self._reps[i])

    def cluster_id(self, i: int) -> str:
        """16 hex digits, equal across a cluster and stable across runs and input orders."""
        return f"{self._clusters[i]:016x}"

    def cluster_size(self, i: int) -> int:
        return self._sizes[self._reps[i]]

    def kept(self) -> list[int]:
        return [i for i, v in enumerate(self._verdicts) if v == 0]

    def clusters(self) -> dict[int, list[int]]:
        """Clusters of more than one document: kept index -> all member indices."""
        out: dict[int, list[int]] = {}
        for i, rep in enumerate(self._reps):
            if self._sizes[rep] > 1:
                out.setdefault(rep, []).append(i)
        return out

    def __iter__(self) -> Iterator[tuple[str, str, str | None, str]]:
        """``(id, verdict, duplicate_of, cluster_id)`` per document."""
        for i in range(len(self)):
            yield self.id(i), self.verdict(i), self.duplicate_of(i), self.cluster_id(i)


class Deduper:
    """Add documents in batches, then :meth:`finish` once.

    Args:
        urls: Detect URL duplicates (needs ``urls=`` in :meth:`add`).
        exact: Detect exact duplicates (equal dedup-key hash).
        near: Detect near duplicates with MinHash LSH (``params``).
        params: :class:`MinHashParams`.
        threads: Threads for hashing and signing (0: every core); the result does not depend
            on it.
    """

    def __init__(self, *, urls: bool = True, exact: bool = True, near: bool = True, params: MinHashParams = MinHashParams(), threads: int = 1) -> None:
        if check_number("threads", threads, integer=True) < 0:
            raise ValueError("threads must be >= 0")
        for name, flag in (("urls", urls), ("exact", exact), ("near", near)):
            if not isinstance(flag, bool):  # ("yes" was the core's "not an instance of 'bool'")
                raise TypeError(f"{name} must be True or False, got {flag!r}")
        self.params = params
        self.threads = threads
        self._core = _core.Deduper(
            urls=urls, exact=exact, near=near, num_perm=params.num_perm, bands=params.bands, rows=params.rows_,
            ngram=params.ngram, seed=params.seed, threshold=params.threshold,
        )

    def add(
        self,
        texts: Iterable[str],
        *,
        ids: Sequence[str] | None = None,
        urls: Sequence[str | None] | None = None,
        tiebreaks: Sequence[int] | None = None,
    ) -> None:
        """Add a batch. Without ``ids`` documents are numbered in the order added (12 digits),
        so the first added copy is kept; give ids for an outcome that ignores input order.
        ``tiebreaks`` (uint64) order documents with equal ids.

        A lone surrogate (``"\\udc80"``, which UTF-8 cannot hold) in a text, an id or a URL is
        taken as U+FFFD, as :func:`boilerstrip.clean_text` takes it; :meth:`DedupResult.id`
        gives the id in that form (two ids that differ only there are equal ids)."""
        texts = _texts(texts)
        start = len(self._core)
        for name, seq in (("ids", ids), ("urls", urls)):
            if isinstance(seq, (str, bytes)):
                raise TypeError(f"{name} must be a list (one for each text), got one {type(seq).__name__}")
        if ids is not None and any(x is None for x in ids):
            # str(None) would make every such document the same id "None"
            raise ValueError("ids must not hold None: give every document an id, or pass no ids")
        ids = [f"{start + k:012d}" for k in range(len(texts))] if ids is None else [without_lone_surrogates(str(x)) for x in ids]
        # the core takes ids and URLs as UTF-8 (a raw UnicodeEncodeError otherwise); texts it mends itself
        url_list = None if urls is None else [without_lone_surrogates(u) if isinstance(u, str) else u for u in urls]
        self._core.add(ids, texts, url_list, _tiebreaks(tiebreaks), self.threads)

    def __len__(self) -> int:
        return len(self._core)

    def memory_bytes(self) -> dict[str, int]:
        """Bytes held by each index so far (ids, exact, urls, lsh_bands, signatures)."""
        return dict(self._core.memory_bytes())

    def finish(self) -> DedupResult:
        """Decide which documents are kept. The Deduper cannot be added to afterwards."""
        return DedupResult(self._core.finish(self.threads))


def _tiebreaks(tiebreaks: Iterable[int] | None) -> list[int] | None:
    """``tiebreaks`` as the core takes them (unsigned 64-bit integers), or a ValueError/TypeError
    naming the argument (PyO3's own is a bare OverflowError)."""
    if tiebreaks is None:
        return None
    out = list(tiebreaks)
    for t in out:
        if isinstance(t, bool) or not isinstance(t, int):
            raise TypeError(f"tiebreaks must be integers, got {type(t).__name__}")
        if not 0 <= t < 1 << 64:
            raise ValueError(f"tiebreaks must be within [0, 2**64), got {t}")
    return out


class MinHashDeduper(Deduper):
    """Near-duplicate detection (and exact, which is free): MinHash LSH with union-find.

    >>> d = MinHashDeduper(num_perm=128, bands=16, ngram=3)
    >>> d.params.rows_
    8
    """

    def __init__(
        self,
        num_perm: int = 112,
        bands: int = 14,
        rows: int | None = None,
        ngram: int = 5,
        seed: int = 1,
        threshold: float | None = None,
        *,
        exact: bool = True,
        urls: bool = False,
        threads: int = 1,
    ) -> None:
        params = MinHashParams(num_perm=num_perm, bands=bands, rows=rows, ngram=ngram, seed=seed, threshold=threshold)
        super().__init__(urls=urls, exact=exact, near=True, params=params, threads=threads)


class ExactDeduper(Deduper):
    """URL and exact-text duplicates only (about 33 bytes per document plus the id's bytes)."""

    def __init__(self, *, urls: bool = True, threads: int = 1) -> None:
        super().__init__(urls=urls, exact=True, near=False, threads=threads)
