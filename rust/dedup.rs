//! Document deduplication in three stages, each keeping one document per group:
//!
//! 1. URL duplicates: the same normalised URL ([`url_key`]).
//! 2. Exact duplicates: the same text hash (xxh3 of the dedup key, as `hash::text_hash`).
//! 3. Near duplicates: MinHash LSH (see `minhash`): documents sharing a band hash are
//!    candidates, optionally verified by their estimated Jaccard; candidates are joined with
//!    union-find and each connected component is one cluster.
//!
//! Which document is kept: in every group the one that sorts first by `(id, tiebreak)` (ids
//! compared as UTF-8 bytes). The stages run one after another on the documents still kept, and
//! a rejected document's `duplicate_of` is followed to the document finally kept. Nothing
//! depends on the order documents were added in or on the number of threads: groups are sets,
//! every sort is over unique keys, and representatives are minima. (Two documents with equal
//! id *and* tiebreak are the caller's promise that they are the same document.)
//!
//! Memory is linear and predictable: per document `8 * bands` bytes of band hashes,
//! `4 * num_perm` more when verifying, 33 bytes of hashes and bookkeeping, and the id's bytes
//! plus an 8-byte offset; [`Deduper::memory_bytes`] adds it up. `finish` needs a further
//! `16 * n` bytes while it sorts one band at a time.

use rayon::prelude::*;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use crate::minhash::{band_hashes_into, estimate_jaccard, MinHashParams, MinHasher, Scratch};
use crate::normalize::dedup_key_into;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Verdict {
    Kept = 0,
    UrlDuplicate = 1,
    Duplicate = 2,
    NearDuplicate = 3,
}

/// Groups a bucket of LSH candidates is verified against (see `near_stage`).
const MAX_ANCHORS: usize = 64;

pub const VERDICT_NAMES: [&str; 4] = ["kept", "url-duplicate", "duplicate", "near-duplicate"];

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NearParams {
    pub minhash: MinHashParams,
    pub bands: usize,
    pub rows: usize,
    /// Join two candidates only if their estimated Jaccard is at least this (`None`: every
    /// LSH candidate pair is joined, as datasketch's and datatrove's LSH do).
    pub verify: Option<f64>,
}

impl Default for NearParams {
    fn default() -> Self {
        let minhash = MinHashParams::default();
        NearParams {
            minhash,
            bands: crate::minhash::DEFAULT_BANDS,
            rows: minhash.num_perm / crate::minhash::DEFAULT_BANDS,
            verify: None,
        }
    }
}

impl NearParams {
    pub fn validate(&self) -> Result<(), String> {
        self.minhash.validate()?;
        if self.bands == 0 || self.rows == 0 || self.bands * self.rows > self.minhash.num_perm {
            return Err(format!(
                "need bands >= 1, rows >= 1 and bands * rows <= num_perm; got bands={}, rows={}, num_perm={}",
                self.bands, self.rows, self.minhash.num_perm
            ));
        }
        if let Some(t) = self.verify {
            if !(0.0..=1.0).contains(&t) {
                return Err(format!("threshold must be within [0, 1], got {t}"));
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct DedupConfig {
    pub urls: bool,
    pub exact: bool,
    pub near: Option<NearParams>,
}

/// The URL as compared for URL duplicates: no scheme, host lower-cased without `www.`, no
/// `#fragment`, no trailing `/`. `None` for an empty URL.
pub fn url_key(url: &str) -> Option<String> {
    let u = url.trim();
    let u = u.split('#').next().unwrap_or("");
    let rest = match u.find("://") {
        Some(p) => &u[p + 3..],
        None => u.strip_prefix("//").unwrap_or(u),
    };
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let host = rest[..host_end].to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let mut path = &rest[host_end..];
    while path.ends_with('/') {
        path = &path[..path.len() - 1];
    }
    if host.is_empty() && path.is_empty() {
        return None;
    }
    Some(format!("{host}{path}"))
}

/// What is computed per document when it is added (in parallel for a batch).
struct Prepared {
    text_hash: u64,
    url_hash: u64,
    has_shingles: bool,
    bands: Vec<u64>,
    sig: Vec<u32>,
}

pub struct Deduper {
    config: DedupConfig,
    hasher: Option<MinHasher>,
    id_bytes: Vec<u8>,
    id_ends: Vec<u64>,
    tiebreak: Vec<u64>,
    text_hash: Vec<u64>,
    url_hash: Vec<u64>,
    has_shingles: Vec<bool>,
    bands: Vec<u64>,
    sigs: Vec<u32>,
}

/// One document as the caller gives it.
pub struct DocIn<'a> {
    pub id: &'a str,
    pub tiebreak: u64,
    pub text: &'a str,
    pub url: Option<&'a str>,
}

/// The outcome for every added document, in the order they were added.
pub struct DedupResult {
    pub verdict: Vec<Verdict>,
    /// The index of the kept document each one is a duplicate of (its own index if kept).
    pub representative: Vec<u32>,
    /// xxh3 of the kept document's id, seeded with its tiebreak: equal for all documents of
    /// one cluster, and stable across runs and input orders.
    pub cluster: Vec<u64>,
    /// How many documents the cluster has (at the kept document's index; 0 elsewhere).
    pub cluster_size: Vec<u32>,
    id_bytes: Vec<u8>,
    id_ends: Vec<u64>,
}

impl DedupResult {
    pub fn len(&self) -> usize {
        self.verdict.len()
    }
    pub fn is_empty(&self) -> bool {
        self.verdict.is_empty()
    }
    pub fn id(&self, i: usize) -> &str {
        id_at(&self.id_bytes, &self.id_ends, i)
    }
}

fn id_at<'a>(bytes: &'a [u8], ends: &[u64], i: usize) -> &'a str {
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    // SAFETY-free: the bytes were pushed from a &str and are cut at the same boundaries
    std::str::from_utf8(&bytes[start..ends[i] as usize]).expect("ids are stored as UTF-8")
}

/// Union-find with path halving and union by size: components do not depend on the order of
/// the unions, only on the set of pairs joined.
pub struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    pub fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }
    pub fn union(&mut self, a: u32, b: u32) -> bool {
        let (mut ra, mut rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        if self.size[ra as usize] < self.size[rb as usize] {
            std::mem::swap(&mut ra, &mut rb);
        }
        self.parent[rb as usize] = ra;
        self.size[ra as usize] += self.size[rb as usize];
        true
    }
}

impl Deduper {
    pub fn new(config: DedupConfig) -> Result<Deduper, String> {
        let hasher = match &config.near {
            Some(p) => {
                p.validate()?;
                Some(MinHasher::new(p.minhash)?)
            }
            None => None,
        };
        Ok(Deduper {
            config,
            hasher,
            id_bytes: Vec::new(),
            id_ends: Vec::new(),
            tiebreak: Vec::new(),
            text_hash: Vec::new(),
            url_hash: Vec::new(),
            has_shingles: Vec::new(),
            bands: Vec::new(),
            sigs: Vec::new(),
        })
    }

    pub fn config(&self) -> &DedupConfig {
        &self.config
    }

    pub fn len(&self) -> usize {
        self.tiebreak.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tiebreak.is_empty()
    }

    fn prepare(&self, d: &DocIn, s: &mut Scratch, key: &mut String) -> Prepared {
        let url_hash = if self.config.urls {
            // 0 is "no URL"; a real key hashing to 0 (p = 2^-64) would merely not be URL-deduped
            d.url.and_then(url_key).map_or(0, |k| xxh3_64(k.as_bytes()))
        } else {
            0
        };
        dedup_key_into(d.text, key);
        let text_hash = xxh3_64(key.as_bytes());
        let (mut bands, mut sig, mut has_shingles) = (Vec::new(), Vec::new(), false);
        if let (Some(h), Some(p)) = (&self.hasher, &self.config.near) {
            sig = vec![0u32; h.num_perm()];
            has_shingles = h.key_signature_into(key, s, &mut sig);
            band_hashes_into(&sig, p.bands, p.rows, &mut bands);
            if p.verify.is_none() {
                sig = Vec::new();
            }
        }
        Prepared {
            text_hash,
            url_hash,
            has_shingles,
            bands,
            sig,
        }
    }

    fn push(&mut self, d: &DocIn, p: Prepared) -> Result<(), String> {
        if self.tiebreak.len() >= u32::MAX as usize {
            return Err("a Deduper holds at most 2^32 - 1 documents; shard the corpus".into());
        }
        self.id_bytes.extend_from_slice(d.id.as_bytes());
        self.id_ends.push(self.id_bytes.len() as u64);
        self.tiebreak.push(d.tiebreak);
        self.text_hash.push(p.text_hash);
        self.url_hash.push(p.url_hash);
        self.has_shingles.push(p.has_shingles);
        self.bands.extend_from_slice(&p.bands);
        self.sigs.extend_from_slice(&p.sig);
        Ok(())
    }

    /// Add one document.
    pub fn add(&mut self, d: &DocIn) -> Result<(), String> {
        let p = self.prepare(d, &mut Scratch::default(), &mut String::new());
        self.push(d, p)
    }

    /// Add a batch; the hashing runs on the current rayon pool, the result is the same as
    /// adding the documents one by one.
    pub fn add_batch(&mut self, docs: &[DocIn]) -> Result<(), String> {
        let prepared: Vec<Prepared> = docs
            .par_iter()
            .map_init(
                || (Scratch::default(), String::new()),
                |(s, k), d| self.prepare(d, s, k),
            )
            .collect();
        for (d, p) in docs.iter().zip(prepared) {
            self.push(d, p)?;
        }
        Ok(())
    }

    /// Bytes held per index (ids, hashes, band hashes, signatures), by capacity.
    pub fn memory_bytes(&self) -> Vec<(&'static str, usize)> {
        vec![
            (
                "ids",
                self.id_bytes.capacity()
                    + 8 * self.id_ends.capacity()
                    + 8 * self.tiebreak.capacity(),
            ),
            ("exact", 8 * self.text_hash.capacity()),
            ("urls", 8 * self.url_hash.capacity()),
            (
                "lsh_bands",
                8 * self.bands.capacity() + self.has_shingles.capacity(),
            ),
            ("signatures", 4 * self.sigs.capacity()),
        ]
    }

    fn id(&self, i: usize) -> &str {
        id_at(&self.id_bytes, &self.id_ends, i)
    }

    /// Decide. The Deduper is consumed; its ids move into the result.
    pub fn finish(self) -> DedupResult {
        let n = self.len();
        // Work in rank space: rank r is the r-th document in (id, tiebreak) order, so every
        // later sort is over integers and "smallest rank" is the keep rule. The index breaks
        // the tie only for documents the caller calls identical.
        let mut index_of: Vec<u32> = (0..n as u32).collect();
        index_of.par_sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            self.id(a)
                .as_bytes()
                .cmp(self.id(b).as_bytes())
                .then(self.tiebreak[a].cmp(&self.tiebreak[b]))
                .then(a.cmp(&b))
        });
        let mut rank = vec![0u32; n];
        for (r, &i) in index_of.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        let mut verdict_r = vec![Verdict::Kept; n];
        let mut parent_r: Vec<u32> = (0..n as u32).collect();
        let ranked =
            |src: &[u64]| -> Vec<u64> { index_of.iter().map(|&i| src[i as usize]).collect() };
        if self.config.urls {
            group_stage(
                &ranked(&self.url_hash),
                true,
                Verdict::UrlDuplicate,
                &mut verdict_r,
                &mut parent_r,
            );
        }
        if self.config.exact {
            group_stage(
                &ranked(&self.text_hash),
                false,
                Verdict::Duplicate,
                &mut verdict_r,
                &mut parent_r,
            );
        }
        if let (Some(p), Some(h)) = (&self.config.near, &self.hasher) {
            self.near_stage(p, h.num_perm(), &index_of, &mut verdict_r, &mut parent_r);
        }
        let mut verdict = vec![Verdict::Kept; n];
        let mut representative = vec![0u32; n];
        let mut cluster = vec![0u64; n];
        let mut cluster_size = vec![0u32; n];
        for i in 0..n {
            let r = rank[i] as usize;
            // follow parents to the kept document (at most three hops: url -> exact -> near)
            let mut x = r;
            while verdict_r[x] != Verdict::Kept {
                x = parent_r[x] as usize;
            }
            let rep = index_of[x] as usize;
            verdict[i] = verdict_r[r];
            representative[i] = rep as u32;
            cluster[i] = xxh3_64_with_seed(self.id(rep).as_bytes(), self.tiebreak[rep]);
            cluster_size[rep] += 1;
        }
        DedupResult {
            verdict,
            representative,
            cluster,
            cluster_size,
            id_bytes: self.id_bytes,
            id_ends: self.id_ends,
        }
    }

    /// LSH over the documents still kept: per band, sort (band hash, rank) and join every
    /// document of a bucket to the bucket's first (smallest rank); with verification, to the
    /// first member of the bucket's group it verifies with (see the loop); then each
    /// union-find component keeps its smallest rank.
    fn near_stage(
        &self,
        p: &NearParams,
        num_perm: usize,
        index_of: &[u32],
        verdict_r: &mut [Verdict],
        parent_r: &mut [u32],
    ) {
        let n = index_of.len();
        let b = p.bands;
        let sig_of = |r: u32| {
            let i = index_of[r as usize] as usize;
            &self.sigs[i * num_perm..(i + 1) * num_perm]
        };
        let live: Vec<u32> = (0..n as u32)
            .filter(|&r| {
                verdict_r[r as usize] == Verdict::Kept
                    && self.has_shingles[index_of[r as usize] as usize]
            })
            .collect();
        let mut uf = UnionFind::new(n);
        let mut anchors: Vec<u32> = Vec::new();
        let mut col: Vec<(u64, u32)> = Vec::with_capacity(live.len());
        for j in 0..b {
            col.clear();
            col.extend(
                live.iter()
                    .map(|&r| (self.bands[index_of[r as usize] as usize * b + j], r)),
            );
            col.par_sort_unstable();
            let mut k = 0;
            while k < col.len() {
                let mut e = k + 1;
                while e < col.len() && col[e].0 == col[k].0 {
                    e += 1;
                }
                match p.verify {
                    None => {
                        for m in &col[k + 1..e] {
                            uf.union(col[k].1, m.1);
                        }
                    }
                    Some(t) => {
                        // each member is verified against the first member of each group the
                        // bucket has so far, not only against the bucket's first: a first that
                        // verifies with neither of two near-copies left them both kept, so the
                        // verdict hung on a third document's id (at most MAX_ANCHORS groups
                        // a bucket, so a bucket of documents that verify with none is not
                        // compared pair by pair)
                        anchors.clear();
                        for &(_, r) in &col[k..e] {
                            let mut joined = false;
                            for &a in &anchors {
                                if uf.find(a) == uf.find(r) {
                                    joined = true;
                                    break;
                                }
                                if estimate_jaccard(sig_of(a), sig_of(r)) >= t {
                                    uf.union(a, r);
                                    joined = true;
                                    break;
                                }
                            }
                            if !joined && anchors.len() < MAX_ANCHORS {
                                anchors.push(r);
                            }
                        }
                    }
                }
                k = e;
            }
        }
        let mut best = vec![u32::MAX; n];
        for &r in &live {
            let root = uf.find(r) as usize;
            best[root] = best[root].min(r);
        }
        for &r in &live {
            let rep = best[uf.find(r) as usize];
            if rep != r {
                verdict_r[r as usize] = Verdict::NearDuplicate;
                parent_r[r as usize] = rep;
            }
        }
    }
}

/// One grouping stage over documents indexed by rank: among the still-kept documents with an
/// equal hash, the smallest rank is kept and the others get verdict `v` and point at it.
fn group_stage(
    hashes: &[u64],
    skip_zero: bool,
    v: Verdict,
    verdict: &mut [Verdict],
    parent: &mut [u32],
) {
    let mut pairs: Vec<(u64, u32)> = (0..hashes.len())
        .filter(|&r| verdict[r] == Verdict::Kept && !(skip_zero && hashes[r] == 0))
        .map(|r| (hashes[r], r as u32))
        .collect();
    pairs.par_sort_unstable();
    let mut k = 0;
    while k < pairs.len() {
        let mut e = k + 1;
        while e < pairs.len() && pairs[e].0 == pairs[k].0 {
            e += 1;
        }
        let keep = pairs[k].1;
        for p in &pairs[k + 1..e] {
            verdict[p.1 as usize] = v;
            parent[p.1 as usize] = keep;
        }
        k = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A letters-only word per number (the dedup key maps digits to 0).
    fn word(mut v: usize) -> String {
        let mut w = String::new();
        loop {
            w.push((b'a' + (v % 26) as u8) as char);
            v /= 26;
            if v == 0 {
                return w;
            }
        }
    }

    fn article(seed: usize, n: usize) -> String {
        // distinct, deterministic words per seed
        (0..n)
            .map(|i| word((seed * 7919 + i * 104_729) % 1_000_003))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn near_cfg(verify: Option<f64>) -> DedupConfig {
        DedupConfig {
            urls: true,
            exact: true,
            near: Some(NearParams {
                verify,
                ..NearParams::default()
            }),
        }
    }

    /// (id, verdict, id of the kept document) for every document, sorted by id.
    fn outcome(
        docs: &[(String, String, Option<String>)],
        cfg: DedupConfig,
    ) -> Vec<(String, Verdict, String, u64)> {
        let mut d = Deduper::new(cfg).unwrap();
        let ins: Vec<DocIn> = docs
            .iter()
            .map(|(id, t, u)| DocIn {
                id,
                tiebreak: 0,
                text: t,
                url: u.as_deref(),
            })
            .collect();
        d.add_batch(&ins).unwrap();
        let r = d.finish();
        let mut out: Vec<_> = (0..r.len())
            .map(|i| {
                (
                    r.id(i).to_string(),
                    r.verdict[i],
                    r.id(r.representative[i] as usize).to_string(),
                    r.cluster[i],
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn url_keys() {
        assert_eq!(
            url_key("https://www.Example.com/a/b/#top").as_deref(),
            Some("example.com/a/b")
        );
        assert_eq!(
            url_key("http://example.com/a/b").as_deref(),
            Some("example.com/a/b")
        );
        assert_eq!(
            url_key("example.com/a?x=1").as_deref(),
            Some("example.com/a?x=1")
        );
        assert_eq!(
            url_key("https://example.com/a?x=2"),
            Some("example.com/a?x=2".into())
        );
        assert_eq!(url_key("  "), None);
        assert_eq!(url_key("#frag"), None);
    }

    #[test]
    fn union_find_components() {
        let mut uf = UnionFind::new(6);
        assert!(uf.union(0, 1));
        assert!(uf.union(2, 3));
        assert!(uf.union(1, 3));
        assert!(!uf.union(0, 2));
        assert_eq!(uf.find(0), uf.find(2));
        assert_ne!(uf.find(0), uf.find(4));
        assert_ne!(uf.find(4), uf.find(5));
    }

    #[test]
    fn exact_and_url_duplicates_keep_the_smallest_id() {
        let a = article(1, 200);
        let docs = vec![
            (
                "b".to_string(),
                a.clone(),
                Some("https://x.org/1".to_string()),
            ),
            (
                "a".to_string(),
                a.to_uppercase(),
                Some("https://x.org/2".to_string()),
            ), // same dedup key
            (
                "c".to_string(),
                article(2, 200),
                Some("http://www.x.org/1/".to_string()),
            ), // same URL as b
            ("d".to_string(), article(3, 200), None),
        ];
        let cfg = DedupConfig {
            urls: true,
            exact: true,
            near: None,
        };
        let out = outcome(&docs, cfg);
        assert_eq!(out[0].0, "a");
        assert_eq!((out[0].1, out[0].2.as_str()), (Verdict::Kept, "a"));
        assert_eq!((out[1].1, out[1].2.as_str()), (Verdict::Duplicate, "a"));
        // c is a URL duplicate of b, and b an exact duplicate of a: c points at a
        assert_eq!((out[2].1, out[2].2.as_str()), (Verdict::UrlDuplicate, "a"));
        assert_eq!((out[3].1, out[3].2.as_str()), (Verdict::Kept, "d"));
        assert!(out[0].3 == out[1].3 && out[1].3 == out[2].3 && out[3].3 != out[0].3);
    }

    #[test]
    fn lsh_finds_known_near_pairs() {
        let base = article(10, 400);
        let mut edited: Vec<&str> = base.split(' ').collect();
        edited[100] = "changed";
        edited[300] = "changed";
        let edited = edited.join(" ");
        let appended = format!("{base} share this article on social media now");
        let docs = vec![
            ("n1".to_string(), base.clone(), None),
            ("n2".to_string(), edited, None),
            ("n3".to_string(), appended, None),
            ("u1".to_string(), article(11, 400), None),
            ("u2".to_string(), article(12, 30), None),
        ];
        for verify in [None, Some(0.8)] {
            let out = outcome(&docs, near_cfg(verify));
            let v: Vec<_> = out
                .iter()
                .map(|o| (o.0.as_str(), o.1, o.2.as_str()))
                .collect();
            assert_eq!(
                v,
                vec![
                    ("n1", Verdict::Kept, "n1"),
                    ("n2", Verdict::NearDuplicate, "n1"),
                    ("n3", Verdict::NearDuplicate, "n1"),
                    ("u1", Verdict::Kept, "u1"),
                    ("u2", Verdict::Kept, "u2"),
                ]
            );
        }
    }

    #[test]
    fn verification_rejects_weak_candidates() {
        // half the words shared: LSH at 14x8 may pair them by chance, verification never does
        let a = article(20, 300);
        let b: String = a
            .split(' ')
            .enumerate()
            .map(|(i, w)| {
                if i % 2 == 0 {
                    w.to_string()
                } else {
                    format!("z{i}")
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        let docs = vec![("a".to_string(), a, None), ("b".to_string(), b, None)];
        let out = outcome(&docs, near_cfg(Some(0.8)));
        assert!(out.iter().all(|o| o.1 == Verdict::Kept));
    }

    #[test]
    fn outcome_does_not_depend_on_order_or_threads() {
        let mut docs = Vec::new();
        for k in 0..30 {
            let base = article(k % 9, 120 + k);
            let mut w: Vec<String> = base.split(' ').map(String::from).collect();
            if k % 3 == 1 {
                w[5] = format!("edit{k}");
            }
            let url = if k % 5 == 0 {
                Some(format!("https://s.org/{}", k % 4))
            } else {
                None
            };
            docs.push((format!("doc{:02}", (k * 17) % 30), w.join(" "), url));
        }
        let reference = outcome(&docs, near_cfg(None));
        assert!(reference.iter().any(|o| o.1 == Verdict::NearDuplicate));
        let mut rev = docs.clone();
        rev.reverse();
        assert_eq!(outcome(&rev, near_cfg(None)), reference);
        let mut rot = docs.clone();
        rot.rotate_left(11);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        assert_eq!(pool.install(|| outcome(&rot, near_cfg(None))), reference);
    }

    #[test]
    fn texts_without_words_are_not_near_duplicates() {
        let docs = vec![
            ("a".to_string(), "!!!".to_string(), None),
            ("b".to_string(), "???".to_string(), None),
        ];
        let cfg = DedupConfig {
            urls: false,
            exact: false,
            near: Some(NearParams::default()),
        };
        assert!(outcome(&docs, cfg).iter().all(|o| o.1 == Verdict::Kept));
    }

    #[test]
    fn bad_near_params_are_errors() {
        let mut p = NearParams {
            bands: 20,
            ..NearParams::default()
        }; // 20 * 8 > 112
        assert!(Deduper::new(DedupConfig {
            urls: false,
            exact: false,
            near: Some(p)
        })
        .is_err());
        p = NearParams {
            verify: Some(1.5),
            ..NearParams::default()
        };
        assert!(Deduper::new(DedupConfig {
            urls: false,
            exact: false,
            near: Some(p)
        })
        .is_err());
    }
}
