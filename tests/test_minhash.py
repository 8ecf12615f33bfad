"""MinHash signatures, LSH band keys and clustering (NumPy only, no Ray)."""

from __future__ import annotations

import random

import pytest

np = pytest.importorskip("numpy")

from boilerstrip import dedup_key  # noqa: E402
from boilerstrip.integrations.minhash import (  # noqa: E402
    EMPTY,
    MinHashConfig,
    band_keys,
    clusters_from_edges,
    near_duplicate_clusters,
    numpy_signatures,
)
from integration_corpus import near_duplicate_corpus  # noqa: E402


def _shingles(text: str, n: int) -> set[tuple[str, ...]]:
    w = dedup_key(text).split()
    return {tuple(w[i : i + n]) for i in range(max(1, len(w) - n + 1))} if w else set()


def _jaccard(a: str, b: str, n: int = 5) -> float:
    sa, sb = _shingles(a, n), _shingles(b, n)
    return len(sa & sb) / len(sa | sb)


def test_signature_agreement_estimates_jaccard() -> None:
    rng = random.Random(3)
    vocab = ["".join(rng.choice("abcdefghijklmnop") for _ in range(6)) for _ in range(3000)]
    base = [rng.choice(vocab) for _ in range(500)]
    texts = [" ".join(base)]
    for p in (0.01, 0.03, 0.08, 0.2, 1.0):
        texts.append(" ".join(rng.choice(vocab) if rng.random() < p else w for w in base))
    config = MinHashConfig(num_perm=256, bands=32)
    sig = numpy_signatures(texts, config)
    assert sig.shape == (len(texts), 256) and sig.dtype == np.uint32
    for i in range(1, len(texts)):
        true = _jaccard(texts[0], texts[i])
        est = float((sig[0] == sig[i]).mean())
        # standard error of the estimate is sqrt(J(1-J)/256) <= 0.032
        assert abs(est - true) < 0.1, (i, true, est)


def test_signatures_are_deterministic_and_seeded() -> None:
    texts = ["the quick brown fox jumps over the lazy dog again and again", "another text entirely with words"]
    a = numpy_signatures(texts, MinHashConfig())
    b = numpy_signatures(list(reversed(texts)), MinHashConfig())
    assert (a == b[::-1]).all()
    c = numpy_signatures(texts, MinHashConfig(seed=2))
    assert not (a == c).all()


def test_trivial_differences_give_equal_signatures() -> None:
    t = "The council approved the new park on Monday after a long debate"
    sig = numpy_signatures([t, t.upper().replace(" ", ",  "), t + " 2024"], MinHashConfig())
    assert (sig[0] == sig[1]).all()
    assert not (sig[0] == sig[2]).all()


def test_word_order_matters_within_shingles() -> None:
    a = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    b = " ".join(reversed(a.split()))
    sig = numpy_signatures([a, b], MinHashConfig(ngram=3))
    assert (sig[0] == sig[1]).mean() < 0.2


def test_texts_without_words_get_no_band_keys() -> None:
    config = MinHashConfig()
    sig = numpy_signatures(["", "... !!!", "one"], config)
    assert (sig[0] == EMPTY).all() and (sig[1] == EMPTY).all()
    keys = band_keys(sig, config)
    assert (keys[:2] == 0).all() and (keys[2] != 0).all()


def test_config_validation_and_threshold() -> None:
    with pytest.raises(ValueError):
        MinHashConfig(num_perm=100, bands=16)
    with pytest.raises(ValueError):
        MinHashConfig(ngram=0)
    assert 0.6 < MinHashConfig().threshold() < 0.75
    assert MinHashConfig(num_perm=128, bands=32).threshold() < MinHashConfig(num_perm=128, bands=8).threshold()


def test_clusters_from_edges_is_order_independent() -> None:
    edges = [("b", "a"), ("c", "d"), ("d", "e"), ("x", "y"), ("e", "c")]
    want = [["a", "b"], ["c", "d", "e"], ["x", "y"]]
    assert clusters_from_edges(edges) == want
    assert clusters_from_edges(list(reversed(edges))) == want
    assert clusters_from_edges([]) == []


def test_known_near_duplicates_are_found() -> None:
    rows, expected = near_duplicate_corpus()
    clusters = near_duplicate_clusters([r["id"] for r in rows], [r["text"] for r in rows])
    assert clusters == expected


def test_signature_fn_is_swappable() -> None:
    rows, _ = near_duplicate_corpus()
    calls = []

    def constant(texts, config):  # every text alike: one cluster of everything with words
        calls.append(len(texts))
        out = np.zeros((len(texts), config.num_perm), dtype=np.uint32)
        out[[i for i, t in enumerate(texts) if not dedup_key(t).split()]] = EMPTY
        return out

    clusters = near_duplicate_clusters([r["id"] for r in rows], [r["text"] for r in rows], signature_fn=constant)
    assert calls == [len(rows)]
    assert clusters == [sorted(r["id"] for r in rows if r["id"] not in ("empty", "punct"))]


def test_shared_ids_are_refused_as_on_ray() -> None:
    # two copies under one id were one document to the buckets: no cluster, no duplicate
    text = "the council approved the new riverside park on monday after a long debate"
    with pytest.raises(ValueError, match="'p1'"):
        near_duplicate_clusters(["p1", "p1", "p2"], [text, text, "another page entirely"])
    with pytest.raises(ValueError, match="same length"):
        near_duplicate_clusters(["p1"], [text, text])
