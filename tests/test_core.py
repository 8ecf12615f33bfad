"""The compiled core: normalisation, dedup keys, hashes, line splitting."""

from __future__ import annotations

import pytest

from boilerstrip import _core, dedup_key, normalize_text, text_hash


def test_normalize_text_nfc_whitespace_controls() -> None:
    assert normalize_text("Cafe\u0301  au\u00a0lait\t!") == "Caf\u00e9 au lait !"
    assert normalize_text("a\u0000b") == "a\ufffdb"  # replaced, not deleted
    assert normalize_text("x\r\ny\rz") == "x\ny\nz"
    assert normalize_text("\ufeffhello\u200b") == "hello"


def test_normalize_keeps_line_count() -> None:
    text = "one\n\n  two  \n\n\nthree"
    assert len(normalize_text(text).split("\n")) == len(text.split("\n"))


def test_dedup_key_like_ccnet() -> None:
    assert dedup_key("  Héllo, World! 2024 ") == "hello world 0000"
    assert dedup_key("ÉCOLE—École") == "ecoleecole"


def test_hashes_are_stable_test_vectors() -> None:
    # Pinned values: a change here invalidates every stored hash in users' corpora.
    assert _core.hash_bytes(b"") == 0x2D06800538D394C2
    assert _core.hash_bytes(b"boilerstrip") == _core.hash_bytes(b"boilerstrip", 0)
    assert text_hash("Hello, World 42") == text_hash("hello world 17")
    assert text_hash("Hello, World") != text_hash("Hello, Moon")


def test_split_lines_normalises_each_line() -> None:
    assert _core.split_lines("a  b\r\n\r\nc") == ["a b", "", "c"]
    assert _core.split_lines("") == []


def test_parse_date_formats() -> None:
    assert _core.parse_date("Tuesday, April 23, 2024") == "2024-04-23"
    assert _core.parse_date("23.04.2024") == "2024-04-23"
    assert _core.parse_date("nothing") is None


def test_bad_arguments_raise_value_error() -> None:
    with pytest.raises(ValueError):
        _core.clean_text("x", threshold=2.0)
    with pytest.raises(ValueError):
        _core.clean_text("x", scorer="magic")
    with pytest.raises(ValueError):
        _core.clean_text_batch(["a", "b"], ["u"])
    with pytest.raises(ValueError):
        _core.Models.from_json("{}")


def test_surrogates_do_not_crash() -> None:
    r = _core.clean_text("bad \udcff surrogate in a sentence that is long enough to read.")
    assert isinstance(r.text, str)


def test_builtin_model_is_present() -> None:
    assert _core.has_builtin_models()


# -- fixed test vectors: the same values are pinned in rust/hash.rs and rust/minhash.rs -------

#: (text, dedup key, xxh3-64 of the key): what `metadata.hashes` holds for such texts.
HASH_VECTORS = [
    ("Hello, World 42", "hello world 00", 0x33155667937D316F),
    ("  H\u00e9llo, World! 2024 ", "hello world 0000", 0xFE274B988AD3C85C),
    ("\u00c9COLE\u2014\u00c9cole", "ecoleecole", 0xD1DF36F12D851A4C),
    ("The quick brown fox jumps over the lazy dog", "the quick brown fox jumps over the lazy dog", 0xE4541A9CACF545AA),
]
MINHASH_TEXT = "The quick brown fox jumps over the lazy dog. It was a sunny day in the park."
#: xxh3-64 of the little-endian bytes of its signature with the default parameters
MINHASH_DEFAULT_XXH3 = 0xEF3AC19A65F815F3


@pytest.mark.parametrize("text, key, h", HASH_VECTORS)
def test_pinned_hash_vectors(text: str, key: str, h: int) -> None:
    assert dedup_key(text) == key
    assert text_hash(text) == h
    assert _core.hash_bytes(key.encode()) == h
    assert _core.hash_bytes(b"boilerstrip") == 0x43F063DA0E654188
    assert _core.hash_bytes(b"boilerstrip", 42) == 0x4544D575BCF827A0
    # the document record carries them as 16 hex digits
    from boilerstrip import clean_text

    doc = clean_text("The committee met on Tuesday to discuss the budget, and after a long debate it decided to build.")
    assert doc.hashes["text"] == f"{text_hash(doc.text):016x}"


def test_hashes_agree_with_an_independent_xxh3() -> None:
    xxhash = pytest.importorskip("xxhash")
    for text, key, h in HASH_VECTORS:
        assert xxhash.xxh3_64_intdigest(key.encode()) == h
    for data, seed in [(b"", 0), (b"boilerstrip", 0), (b"boilerstrip", 42), (bytes(range(256)) * 9, 7)]:
        assert _core.hash_bytes(data, seed) == xxhash.xxh3_64_intdigest(data, seed=seed)


def _reference_minhash(text: str, num_perm: int, ngram: int, seed: int) -> list[int]:
    """The MinHash of rust/minhash.rs from its documented definition, in plain Python:
    SplitMix64 coefficients, xxh3 word hashes, the shingle polynomial with murmur3's
    finaliser, and `((a * x + b) mod 2^64) >> 32` permutations."""
    import xxhash

    m64 = (1 << 64) - 1

    def splitmix(st: int) -> tuple[int, int]:
        st = (st + 0x9E3779B97F4A7C15) & m64
        z = st
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & m64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & m64
        return st, z ^ (z >> 31)

    def shingle(words: list[int]) -> int:
        h = 0
        for w in words:
            h = (h * 0x9E3779B97F4A7C15 + w) & m64
        h ^= h >> 33
        h = (h * 0xFF51AFD7ED558CCD) & m64
        h ^= h >> 33
        h = (h * 0xC4CEB9FE1A85EC53) & m64
        h ^= h >> 33
        return (h ^ (h >> 32)) & 0xFFFFFFFF

    st, coef = seed ^ 0x6D696E6861736821, []
    for _ in range(num_perm):
        st, a = splitmix(st)
        st, b = splitmix(st)
        coef.append((a, b))
    key = dedup_key(text)
    words = [xxhash.xxh3_64_intdigest(w.encode(), seed=seed) for w in key.split(" ")] if key else []
    n = min(ngram, len(words))
    shingles = [shingle(words[i : i + n]) for i in range(len(words) - n + 1)] if words else []
    return [min((((a * x + b) & m64) >> 32 for x in shingles), default=0xFFFFFFFF) for a, b in coef]


def test_pinned_minhash_signatures_match_the_definition() -> None:
    import struct

    from boilerstrip.dedup import MinHashParams, minhash_signatures

    (sig,) = minhash_signatures([MINHASH_TEXT])  # the defaults: 112 permutations, 5-grams, seed 1
    values = list(struct.unpack("<112I", sig))
    assert values[:4] == [0x0416F3DB, 0x02C86900, 0x2246B480, 0x01CE1493]
    assert _core.hash_bytes(sig) == MINHASH_DEFAULT_XXH3
    (small,) = minhash_signatures(["The quick brown fox jumps over the lazy dog"], MinHashParams(num_perm=4, bands=1, ngram=5, seed=1))
    assert list(struct.unpack("<4I", small)) == [0x172CF67A, 0x27994B51, 0x2A2AC1A6, 0x01CE1493]
    pytest.importorskip("xxhash")
    assert values == _reference_minhash(MINHASH_TEXT, 112, 5, 1)
    for text, num_perm, ngram, seed in [("a b c", 9, 2, 3), ("Ünïcödé words, again and again!", 17, 1, 99), ("!!!", 5, 5, 1)]:
        (s,) = minhash_signatures([text], MinHashParams(num_perm=num_perm, bands=1, ngram=ngram, seed=seed))
        assert list(struct.unpack(f"<{num_perm}I", s)) == _reference_minhash(text, num_perm, ngram, seed)
