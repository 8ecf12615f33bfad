//! MinHash signatures and the deduper (URL, exact, near) on any documents and parameters:
//! no panic, estimates within [0, 1], a document is its own near duplicate, and every
//! verdict points at a kept document.
#![no_main]

use boilerstrip::dedup::{DedupConfig, Deduper, DocIn, NearParams, Verdict};
use boilerstrip::minhash::{estimate_jaccard, MinHashParams, MinHasher};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let num_perm = 1 + (usize::from(data[0]) * 4 + usize::from(data[1] & 3)) % 1024;
    let ngram = 1 + usize::from(data[2]) % 64;
    let seed = u64::from(data[3]);
    let text = String::from_utf8_lossy(&data[4..]);
    let params = MinHashParams {
        num_perm,
        ngram,
        seed,
    };
    let h = MinHasher::new(params).expect("valid parameters");
    let docs: Vec<&str> = text.split('\u{0}').collect();
    let sigs: Vec<(Vec<u32>, bool)> = docs.iter().map(|d| h.signature(d)).collect();
    for (s, ok) in &sigs {
        assert_eq!(s.len(), num_perm);
        if !ok {
            assert!(
                s.iter().all(|&v| v == u32::MAX),
                "a text without shingles has the empty signature"
            );
        }
        assert_eq!(estimate_jaccard(s, s), 1.0);
    }
    for w in sigs.windows(2) {
        let j = estimate_jaccard(&w[0].0, &w[1].0);
        assert!((0.0..=1.0).contains(&j));
    }
    let bands = 1 + usize::from(data[1] >> 2) % num_perm.min(32);
    let near = NearParams {
        minhash: params,
        bands,
        rows: num_perm / bands,
        verify: (data[2] & 1 == 1).then_some(0.5),
    };
    let mut d = Deduper::new(DedupConfig {
        urls: true,
        exact: true,
        near: Some(near),
    })
    .expect("valid config");
    let ids: Vec<String> = (0..docs.len())
        .map(|i| format!("d{:03}", (i * 7) % 11))
        .collect();
    let ins: Vec<DocIn> = docs
        .iter()
        .enumerate()
        .map(|(i, t)| DocIn {
            id: &ids[i],
            tiebreak: i as u64,
            text: t,
            url: (i % 3 == 0).then_some(*t),
        })
        .collect();
    d.add_batch(&ins).expect("add");
    let r = d.finish();
    assert_eq!(r.len(), docs.len());
    for i in 0..r.len() {
        let rep = r.representative[i] as usize;
        assert_eq!(
            r.verdict[rep],
            Verdict::Kept,
            "document {i} points at a rejected one"
        );
        assert_eq!(r.verdict[i] == Verdict::Kept, rep == i);
    }
});
