//! The normaliser, the dedup key, line splitting and the hashes over them: no panic, and the
//! normal forms are idempotent.
#![no_main]

use boilerstrip::{hash, lines, metadata, normalize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = normalize::normalize_text(&text);
    assert_eq!(
        normalize::normalize_text(&once),
        once,
        "normalize_text is not idempotent"
    );
    let key = normalize::dedup_key(&text);
    assert_eq!(
        key,
        normalize::dedup_key_bytewise(&text),
        "the dedup key's 64-byte blocks are not its byte loop"
    );
    assert_eq!(
        normalize::dedup_key(&key),
        key,
        "dedup_key is not idempotent"
    );
    if !key.is_empty() {
        assert_eq!(
            hash::text_hash(&text),
            hash::key_hash(&key),
            "text_hash is not the hash of the dedup key"
        );
    }
    let mut buf = String::new();
    for l in lines::split_lines(&text) {
        let n = normalize::normalize_line(l);
        if normalize::is_normal_line(l) {
            assert_eq!(
                n, l,
                "is_normal_line says normal, normalize_line changes it"
            );
        }
        assert_eq!(
            normalize::normalize_line(&n),
            n,
            "normalize_line is not idempotent"
        );
        let h = hash::line_hash(l, &mut buf);
        assert_eq!(h == 0, normalize::dedup_key(l).is_empty());
    }
    let _ = metadata::parse_date(&text);
    let _ = hash::hash_bytes(data);
});
