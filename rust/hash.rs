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
    if buf.is_empty() {
        0
    } else {
        xxh3_64(buf.as_bytes())
    }
}

/// Hash of an already computed dedup key (0 for the empty key), as [`line_hash`] gives.
#[inline]
pub fn key_hash(key: &str) -> u64 {
    if key.is_empty() {
        0
    } else {
        xxh3_64(key.as_bytes())
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
        assert_eq!(hash_bytes(b"boilerstrip"), hash_bytes("boilerstrip".as_bytes()));
        let mut buf = String::new();
        assert_eq!(line_hash("  Hello,   WORLD 42 ", &mut buf), line_hash("hello world 17", &mut buf));
        assert_eq!(line_hash("...", &mut buf), 0);
    }
}
