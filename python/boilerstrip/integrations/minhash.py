"""MinHash signatures, LSH band keys and clusters: the pieces of near-duplicate detection
that do not depend on where they run (one process here, Ray in :mod:`.ray_dedup`).

Shingles are word n-grams of the text's dedup key (lower case, no punctuation or accents,
digits as 0), so trivially different copies shingle alike. Two documents whose shingle sets
have Jaccard similarity ``s`` share one band's key with probability ``1 - (1 - s**r)**b``
(``b`` bands of ``r`` rows); the defaults (16 bands of 8 rows) put the 50% point near
``s = 0.7``.

The signature function is swappable (``signature_fn``): :func:`rust_signatures` (the default)
is the Rust MinHash of :mod:`boilerstrip.dedup`, computed with the GIL released;
:func:`numpy_signatures` is a reference implementation in NumPy. Any function with the same
contract works: texts in, a ``(n, num_perm)`` unsigned array out, equal rows for equal shingle
sets, and an empty row marker (:data:`EMPTY`) for texts without a single word. (The two give
different signatures, each self-consistent: compare signatures of one function only.)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import numpy as np

from boilerstrip import _core

__all__ = [
    "MinHashConfig",
    "SignatureFn",
    "EMPTY",
    "numpy_signatures",
    "rust_signatures",
    "band_keys",
    "clusters_from_edges",
    "near_duplicate_clusters",
]

#: Signature value of every permutation for a text with no words (it matches nothing: rows
#: made only of it get no band keys).
EMPTY = np.uint32(0xFFFFFFFF)

_M64 = (1 << 64) - 1


@dataclass(frozen=True)
class MinHashConfig:
    """Parameters of the signatures and of the banding.

    Attributes:
        num_perm: Signature length (hash permutations).
        bands: Number of LSH bands; ``num_perm`` must be a multiple of it.
        ngram: Words per shingle (texts shorter than that are one shingle).
        seed: Seed of the permutations; signatures are comparable only with the same seed.
    """

    num_perm: int = 128
    bands: int = 16
    ngram: int = 5
    seed: int = 1

    def __post_init__(self) -> None:
        if self.num_perm <= 0 or self.bands <= 0 or self.num_perm % self.bands:
            raise ValueError(f"num_perm ({self.num_perm}) must be a positive multiple of bands ({self.bands})")
        if self.ngram <= 0:
            raise ValueError("ngram must be positive")

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    def threshold(self) -> float:
        """The Jaccard similarity at which two documents become candidates half the time."""
        return float((1 - 0.5 ** (1 / self.bands)) ** (1 / self.rows))


#: ``signature_fn(texts, config) -> (len(texts), config.num_perm)`` array of uint32.
SignatureFn = Callable[[Sequence[str], MinHashConfig], np.ndarray]


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, on arrays (uint64 arithmetic wraps, as intended)."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def _permutations(config: MinHashConfig) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.Generator(np.random.PCG64(config.seed))
    a = rng.integers(0, _M64, size=config.num_perm, dtype=np.uint64, endpoint=True) | np.uint64(1)
    b = rng.integers(0, _M64, size=config.num_perm, dtype=np.uint64, endpoint=True)
    return a, b


def _shingle_hashes(text: str, ngram: int) -> np.ndarray:
    words = _core.dedup_key(text).split()
    if not words:
        return np.empty(0, dtype=np.uint64)
    cache: dict[str, int] = {}

    def word_hash(w: str) -> int:
        v = cache.get(w)
        if v is None:
            v = cache[w] = _core.hash_bytes(w.encode("utf-8", "surrogatepass"))
        return v

    wh = np.fromiter((word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    n = min(ngram, len(wh))
    # An n-gram's hash mixes its words' hashes, each rotated by its position, so that word
    # order matters; one hash per word keeps this O(words) with no string joins.
    h = np.zeros(len(wh) - n + 1, dtype=np.uint64)
    for j in range(n):
        part = wh[j : len(wh) - n + 1 + j]
        rot = j * 13 % 64
        if rot:
            part = (part << np.uint64(rot)) | (part >> np.uint64(64 - rot))
        h = _fmix64(h ^ part)
    return np.unique(h)


def numpy_signatures(texts: Sequence[str], config: MinHashConfig) -> np.ndarray:
    """MinHash signatures, ``(len(texts), num_perm)`` uint32, in NumPy (the reference).

    Its shingles are whitespace words of the dedup key: for the scripts without spaces
    (Chinese, Japanese, Thai) it finds no near copy, where :func:`rust_signatures` does.
    Each permutation is a multiply-shift hash ``(a*h + b) >> 32`` of the 64-bit shingle hash.
    """
    a, b = _permutations(config)
    out = np.full((len(texts), config.num_perm), EMPTY, dtype=np.uint32)
    for i, t in enumerate(texts):
        sh = _shingle_hashes(t or "", config.ngram)
        # chunks bound the (shingles x permutations) temporary for very long documents
        for s in range(0, len(sh), 4096):
            chunk = sh[s : s + 4096, None]
            v = ((chunk * a[None, :] + b[None, :]) >> np.uint64(32)).astype(np.uint32).min(axis=0)
            np.minimum(out[i], v, out=out[i])
    return out


def rust_signatures(texts: Sequence[str], config: MinHashConfig) -> np.ndarray:
    """MinHash signatures, ``(len(texts), num_perm)`` uint32, from the Rust core
    (:func:`boilerstrip.dedup.minhash_signatures`: the word n-grams of the dedup key, but for
    the letters of scripts without spaces, each a unit of its own, which the NumPy reference
    here does not do (it reads a paragraph of Chinese as one word); multiply-add-shift
    permutations, ~20x datasketch per core). Rows of texts without a word are all
    :data:`EMPTY`."""
    h = _core.MinHasher(config.num_perm, config.ngram, config.seed)
    sigs = h.signatures([t or "" for t in texts], 1)
    if not sigs:
        return np.empty((0, config.num_perm), dtype=np.uint32)
    return np.frombuffer(b"".join(sigs), dtype="<u4").reshape(len(sigs), config.num_perm).astype(np.uint32)


def band_keys(signatures: np.ndarray, config: MinHashConfig) -> np.ndarray:
    """``(n, bands)`` uint64: one hash per band of each signature (band index mixed in, so
    equal keys mean the same band matched). Rows of an empty text give all-zero keys, which
    callers skip."""
    sig = np.asarray(signatures, dtype=np.uint64)
    n = sig.shape[0]
    keys = np.zeros((n, config.bands), dtype=np.uint64)
    r = config.rows
    for band in range(config.bands):
        h = np.full(n, ((band + 1) * 0x9E3779B97F4A7C15) & _M64, dtype=np.uint64)
        for j in range(r):
            h = _fmix64(h ^ sig[:, band * r + j])
        keys[:, band] = h | np.uint64(1)  # never 0: 0 marks "no key"
    empty = (np.asarray(signatures) == EMPTY).all(axis=1)
    keys[empty] = 0
    return keys


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        p = self.parent.setdefault(x, x)
        root = x
        while p != root:
            root, p = p, self.parent.setdefault(p, p)
        while self.parent[x] != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id becomes the root, so clusters come out the same in any edge order
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def clusters_from_edges(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components of candidate pairs: each cluster's ids sorted, clusters sorted
    by their first id. Only ids that appear in an edge are in a cluster."""
    uf = _UnionFind()
    for a, b in edges:
        uf.union(a, b)
    groups: dict[str, list[str]] = {}
    for x in uf.parent:
        groups.setdefault(uf.find(x), []).append(x)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def near_duplicate_clusters(
    ids: Sequence[str],
    texts: Sequence[str],
    config: MinHashConfig = MinHashConfig(),
    signature_fn: SignatureFn = rust_signatures,
) -> list[list[str]]:
    """Near-duplicate clusters of a corpus held in memory (the single-process version of
    :func:`boilerstrip.integrations.ray_dedup.near_duplicates`, which must agree with it).
    Ids must be unique (a ``ValueError`` otherwise: copies under one id would be one document)."""
    if len(ids) != len(texts):
        raise ValueError(f"ids and texts must be the same length ({len(ids)} ids, {len(texts)} texts)")
    shared = sorted(x for x, n in Counter(ids).items() if n > 1)
    if shared:
        raise ValueError(f"ids must be unique, and {shared[:5]!r} each name more than one document")
    keys = band_keys(signature_fn(texts, config), config)
    buckets: dict[tuple[int, int], list[str]] = {}
    for i, doc_id in enumerate(ids):
        for band in range(config.bands):
            k = int(keys[i, band])
            if k:
                buckets.setdefault((band, k), []).append(doc_id)
    edges = ((min(g), x) for g in buckets.values() if len(g) > 1 for x in g if x != min(g))
    return clusters_from_edges(edges)
