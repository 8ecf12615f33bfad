//! xxh3 hashes of lines and documents. Hashes are taken over the dedup key (see
//! `normalize::dedup_key`), so trivially different copies (case, digits, punctuation,
//! accents, spacing) hash the same. The values are part of the output format: they are
//! pinned by test vectors below and must never change silently.

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use crate::normalize::{dedup_key, dedup_key_into};

/// xxh3-64 of the raw UTF-8 bytes.
#[inline]
pub fn hash_bytes(b: &[u8]) -> u64 {
    xxh3_64(b)
}

#[inline]
pub fn hash_bytes_seeded(b: &[u8], seed: u64) -> u64 {
    xxh3_64_with_seed(b, seed)
}

/// Hash of a line's dedup key; `0` is reserved for lines whose key is empty.
#[inline]
pub fn line_hash(line: &str, buf: &mut String) -> u64 {
    dedup_key_into(line, buf);
    key_hash(buf)
}

/// Hash of an already computed dedup key (0 for the empty key), as [`line_hash`] gives.
#[inline]
pub fn key_hash(key: &str) -> u64 {
    key_hash_bytes(key.as_bytes())
}

/// [`key_hash`] of a key's bytes (see `normalize::dedup_key_bytes`).
#[inline]
pub fn key_hash_bytes(key: &[u8]) -> u64 {
    if key.is_empty() {
        0
    } else {
        xxh3_64(key)
    }
}

/// Hash of a whole text's dedup key (exact-duplicate detection of documents).
pub fn text_hash(text: &str) -> u64 {
    xxh3_64(dedup_key(text).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fixed vectors: if these change, every stored hash in users' corpora is invalidated.
    #[test]
    fn stable_vectors() {
        assert_eq!(hash_bytes(b""), 0x2d06800538d394c2);
        assert_eq!(
            hash_bytes(b"boilerstrip"),
            hash_bytes("boilerstrip".as_bytes())
        );
        let mut buf = String::new();
        assert_eq!(
            line_hash("  Hello,   WORLD 42 ", &mut buf),
            line_hash("hello world 17", &mut buf)
        );
        assert_eq!(line_hash("...", &mut buf), 0);
    }

    /// Pinned values of every hash in the output record, checked against an independent
    /// xxh3 implementation (Python's `xxhash` 4.1) when they were taken; `tests/test_core.py`
    /// pins the same values through the bindings, so a platform or dependency drift shows up
    /// on both sides.
    #[test]
    fn pinned_vectors() {
        assert_eq!(hash_bytes(b"boilerstrip"), 0x43f0_63da_0e65_4188);
        assert_eq!(hash_bytes_seeded(b"boilerstrip", 42), 0x4544_d575_bcf8_27a0);
        assert_eq!(hash_bytes_seeded(b"", 0), 0x2d06_8005_38d3_94c2);
        // dedup keys (the normal form the hashes are taken over) and their hashes
        for (text, key, h) in [
            (
                "Hello, World 42",
                "hello world 00",
                0x3315_5667_937d_316f_u64,
            ),
            (
                "  H\u{e9}llo, World! 2024 ",
                "hello world 0000",
                0xfe27_4b98_8ad3_c85c,
            ),
            (
                "\u{c9}COLE\u{2014}\u{c9}cole",
                "ecoleecole",
                0xd1df_36f1_2d85_1a4c,
            ),
            (
                "The quick brown fox jumps over the lazy dog",
                "the quick brown fox jumps over the lazy dog",
                0xe454_1a9c_acf5_45aa,
            ),
        ] {
            assert_eq!(dedup_key(text), key, "{text:?}");
            assert_eq!(text_hash(text), h, "{text:?}");
            assert_eq!(key_hash(key), h, "{text:?}");
            let mut buf = String::new();
            assert_eq!(line_hash(text, &mut buf), h, "{text:?}");
        }
        assert_eq!(text_hash(""), xxh3_64(b""));
        assert_eq!(key_hash(""), 0);
    }
}
