//! MinHash signatures over word n-grams ("shingles") of a text's dedup key, and the band
//! hashes that LSH buckets them by.
//!
//! Shingles: the dedup key (`normalize::dedup_key`: lower case, digits to 0, no punctuation
//! or accents) split on spaces; every run of `ngram` consecutive words is one shingle, and a
//! text with fewer words than `ngram` is one shingle (the whole key). Each word is hashed once
//! with xxh3-64 (seeded by `seed`); a shingle's 32-bit hash combines its words' hashes (see
//! `shingle_hash`).
//!
//! Scripts written without spaces (`lines::is_cjk`: Han, kana, Thai, Lao, Khmer, Myanmar)
//! would make a paragraph one "word", so near copies of it shared no shingle. Each letter of
//! theirs is a unit of its own instead (a run of other letters inside such a "word", "iphone"
//! in "iphone手机", stays one unit), and a shingle is the shortest run of units that weighs
//! `ngram` words, a Han or kana letter weighing 2/3 of a word and a South-East Asian one 1/3
//! (see `unit_weight`): 8 Han or kana letters and 15 Thai ones at the default `ngram` of 5.
//! A text without such letters has only whole-word units, each weighing one word, so its
//! shingles, and signatures, are what they were before letters were split.
//!
//! Permutations: `h_i(x) = ((a_i * x + b_i) mod 2^64) >> 32` with `a_i`, `b_i` uniform 64-bit
//! and `x` the 32-bit shingle hash. This is Dietzfelbinger's multiply-add-shift family, which
//! is strongly universal for 32-bit keys (the same guarantee as the `(a*x + b) mod p` family
//! that datasketch and datatrove use), and unlike the mod-prime form it needs no 128-bit
//! product, so the per-permutation loop vectorises (see [`MinHasher::update`]). Signature
//! values are 32-bit, as datasketch's are. The coefficients come from a SplitMix64 stream
//! seeded by `seed`: the same parameters give the same signatures on every machine.

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::lines::{is_cjk, is_sea, SEA_LETTERS_PER_WORD};
use crate::normalize::dedup_key_into;

/// Defaults as datatrove's MinHash dedup: 112 permutations in 14 bands of 8 rows, 5-grams.
/// The LSH threshold is about `(1/bands)^(1/rows)` = 0.72, so pairs at Jaccard 0.8 are found
/// with probability 0.92 and pairs at 0.9 with probability 0.9999.
pub const DEFAULT_NUM_PERM: usize = 112;
pub const DEFAULT_BANDS: usize = 14;
pub const DEFAULT_NGRAM: usize = 5;
pub const DEFAULT_SEED: u64 = 1;
/// Bounds that keep memory per document predictable (a signature is `4 * num_perm` bytes).
pub const MAX_NUM_PERM: usize = 1024;
pub const MAX_NGRAM: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MinHashParams {
    pub num_perm: usize,
    pub ngram: usize,
    pub seed: u64,
}

impl Default for MinHashParams {
    fn default() -> Self {
        MinHashParams {
            num_perm: DEFAULT_NUM_PERM,
            ngram: DEFAULT_NGRAM,
            seed: DEFAULT_SEED,
        }
    }
}

impl MinHashParams {
    pub fn validate(&self) -> Result<(), String> {
        if self.num_perm == 0 || self.num_perm > MAX_NUM_PERM {
            return Err(format!(
                "num_perm must be within 1..={MAX_NUM_PERM}, got {}",
                self.num_perm
            ));
        }
        if self.ngram == 0 || self.ngram > MAX_NGRAM {
            return Err(format!(
                "ngram must be within 1..={MAX_NGRAM}, got {}",
                self.ngram
            ));
        }
        Ok(())
    }
}

/// SplitMix64: a tiny, well-known generator; only used to derive the permutation coefficients.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Per-thread scratch space, so that signing many texts allocates nothing per text.
#[derive(Default)]
pub struct Scratch {
    key: String,
    words: Vec<u64>,
    /// the weights of `words` (see [`unit_weight`]), when the key has letters of scripts
    /// without spaces
    weights: Vec<u8>,
    shingles: Vec<u32>,
}

/// The weight of a whole word, the unit of the scripts written with spaces: a shingle weighs
/// `ngram` of them. In sixths, so that the letters of scripts without spaces weigh whole
/// numbers (see [`unit_weight`]).
const WORD_WEIGHT: u32 = 6;

/// The weight of a letter of a script written without spaces (see `lines::is_cjk`), each a
/// unit of its own, in sixths of a word: two Han or kana letters in three make a word, and
/// [`SEA_LETTERS_PER_WORD`] letters of Thai, Lao, Khmer or Myanmar, as `lines` counts words
/// of these scripts. A shingle of `ngram` words' weight is then 8 Han or kana letters or 15
/// Thai ones at the default `ngram` = 5.
///
/// Why not `ngram` letters: a shingle should span about as much text as `ngram` words do in
/// the scripts written with spaces, so that an edit lowers the Jaccard about as much and the
/// LSH threshold (tuned on word 5-grams) means the same. The first story of the `zh`, `ja`
/// and `th` texts of tests/test_dedup_unspaced.py, 73 words in English, takes 2.2 Han, 2.4
/// Japanese and 3.6 Thai key letters per English word (the story of tests/news_pages.py 1.5,
/// 2.0 and 4.0 per German word): 8 and 15 letters are a little shorter than 5 words, so near
/// copies score slightly above the same edit in English. Exact Jaccard of the shingle sets of
/// those texts (4 a language; mean of an edit of a few words in one sentence / the most that
/// two unrelated ones share, among the 4 and the news story of the same topic as the first):
///
/// | letters a shingle | zh edit / unrelated | ja edit / unrelated | th edit / unrelated |
/// |---|---|---|---|
/// | 3 | 0.90 / 0.012 | 0.90 / 0.067 | 0.92 / 0.153 |
/// | 5 | 0.86 / 0.003 | 0.87 / 0.015 | 0.89 / 0.082 |
/// | 8 | 0.81 / 0 | 0.83 / 0 | 0.85 / 0.038 |
/// | 10 | 0.79 / 0 | 0.80 / 0 | 0.83 / 0.019 |
/// | 15 | 0.73 / 0 | 0.74 / 0 | 0.79 / 0.003 |
///
/// (The English version, word 5-grams, the same edit: 0.74.) Five letters, the word `ngram`,
/// already keep unrelated Chinese apart, but less so a Japanese or Thai story of the same
/// topic; at the lengths these weights give (from the word estimates of `lines`) they share
/// next to nothing, and an edit still scores at or above English. A sentence added to a text
/// gives 0.86-0.89 at any of these lengths.
#[inline]
fn unit_weight(c: char) -> u8 {
    if is_sea(c) {
        (WORD_WEIGHT / SEA_LETTERS_PER_WORD) as u8
    } else {
        (WORD_WEIGHT * 2 / 3) as u8
    }
}

/// Whether a dedup key may hold letters of the scripts without spaces: all of them are
/// three- or four-byte UTF-8 sequences (U+0E01..U+FF9F, the supplementary ideographs), which
/// lead with 0xE0..0xF4. Keys without such a byte (ASCII, Latin, Cyrillic, Greek, Arabic,
/// Hebrew text) take the word path directly.
/// In blocks without an early exit, which the compiler vectorises: 24 ns for a key of 600
/// ASCII bytes, against 180 ns for `iter().any(..)` (a few percent of signing it).
#[inline]
fn may_be_unspaced(key: &[u8]) -> bool {
    key.chunks(64)
        .any(|c| c.iter().fold(0u8, |a, &b| a | (b >= 0xE0) as u8) != 0)
}

/// The 32-bit hash of a shingle from its words' xxh3 hashes: a polynomial over the 64-bit
/// ring (order matters, repeated words do not cancel), then murmur3's 64-bit finaliser so
/// that every output bit depends on every word. Hashing each word once instead of every
/// n-gram's bytes is what keeps shingling cheaper than the permutations.
#[inline]
fn shingle_hash(words: &[u64]) -> u32 {
    let mut h = 0u64;
    for &w in words {
        h = h.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(w);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^= h >> 33;
    (h ^ (h >> 32)) as u32
}

/// Computes signatures for one parameter set. Cheap to share between threads.
#[derive(Clone, Debug)]
pub struct MinHasher {
    pub params: MinHashParams,
    // `a` split in 32-bit halves: `a * x` for 32-bit `x` is then two 32-bit products, which
    // SIMD units have (see `update`).
    a_lo: Vec<u32>,
    a_hi: Vec<u32>,
    b: Vec<u64>,
    // the same coefficients padded to groups of 8 (AVX2) and 16 (AVX-512), with `b` split by
    // even and odd lane, as the kernels load them (x86_64 only)
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    lanes: Lanes,
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    lanes16: Lanes,
}

#[derive(Clone, Debug, Default)]
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
struct Lanes {
    a_lo: Vec<u32>,
    a_hi: Vec<u32>,
    b_even: Vec<u64>,
    b_odd: Vec<u64>,
}

impl Lanes {
    fn new(a_lo: &[u32], a_hi: &[u32], b: &[u64], group: usize) -> Lanes {
        let n = a_lo.len().div_ceil(group) * group;
        let pad32 = |v: &[u32]| {
            v.iter()
                .copied()
                .chain(std::iter::repeat(0))
                .take(n)
                .collect::<Vec<u32>>()
        };
        let bp: Vec<u64> = b
            .iter()
            .copied()
            .chain(std::iter::repeat(0))
            .take(n)
            .collect();
        Lanes {
            a_lo: pad32(a_lo),
            a_hi: pad32(a_hi),
            b_even: bp.iter().step_by(2).copied().collect(),
            b_odd: bp.iter().skip(1).step_by(2).copied().collect(),
        }
    }
}

impl MinHasher {
    pub fn new(params: MinHashParams) -> Result<MinHasher, String> {
        params.validate()?;
        let mut st = params.seed ^ 0x6D69_6E68_6173_6821; // "minhash!": decorrelates from xxh3's seed use
        let (mut a_lo, mut a_hi, mut b) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..params.num_perm {
            let a = splitmix64(&mut st);
            a_lo.push(a as u32);
            a_hi.push((a >> 32) as u32);
            b.push(splitmix64(&mut st));
        }
        let lanes = Lanes::new(&a_lo, &a_hi, &b, 8);
        let lanes16 = Lanes::new(&a_lo, &a_hi, &b, 16);
        Ok(MinHasher {
            params,
            a_lo,
            a_hi,
            b,
            lanes,
            lanes16,
        })
    }

    pub fn num_perm(&self) -> usize {
        self.params.num_perm
    }

    /// The 32-bit shingle hashes of `text` into `s.shingles` (duplicates are kept: they do
    /// not change a minimum). Returns the dedup key's length in bytes.
    pub fn shingle_hashes(&self, text: &str, s: &mut Scratch) -> usize {
        let mut key = std::mem::take(&mut s.key);
        dedup_key_into(text, &mut key);
        let n = self.key_shingle_hashes(&key, s);
        s.key = key;
        n
    }

    /// [`Self::shingle_hashes`] of a text's dedup key, already computed.
    pub fn key_shingle_hashes(&self, key: &str, s: &mut Scratch) -> usize {
        s.shingles.clear();
        s.words.clear();
        let key = key.as_bytes();
        if key.is_empty() {
            return 0;
        }
        // the key has single ASCII spaces between words and none at either end
        let seed = self.params.seed;
        if may_be_unspaced(key) {
            self.unit_hashes(key, s);
            self.weighted_shingles(s);
            return key.len();
        }
        let mut start = 0;
        for p in memchr::memchr_iter(b' ', key) {
            s.words.push(xxh3_64_with_seed(&key[start..p], seed));
            start = p + 1;
        }
        s.words.push(xxh3_64_with_seed(&key[start..], seed));
        let n = self.params.ngram.min(s.words.len());
        for w in s.words.windows(n) {
            s.shingles.push(shingle_hash(w));
        }
        key.len()
    }

    /// The units of a key into `s.words` with their weights in `s.weights`: each letter of a
    /// script without spaces (see `lines::is_cjk`) on its own, the runs of other characters
    /// between them and the spaces whole, each hashed as a word is. A key without such letters
    /// (Korean, Hindi: other three-byte characters) has its words as units, each of one word's
    /// weight, and [`Self::weighted_shingles`] makes the word path's shingles of them.
    fn unit_hashes(&self, key: &[u8], s: &mut Scratch) {
        let key = std::str::from_utf8(key).expect("a dedup key is UTF-8");
        let seed = self.params.seed;
        let word = WORD_WEIGHT as u8;
        s.weights.clear();
        for w in key.split(' ') {
            if !may_be_unspaced(w.as_bytes()) {
                s.words.push(xxh3_64_with_seed(w.as_bytes(), seed));
                s.weights.push(word);
                continue;
            }
            let mut run = 0; // start of the current run of other characters
            for (i, c) in w.char_indices() {
                if is_cjk(c) {
                    if run < i {
                        s.words.push(xxh3_64_with_seed(&w.as_bytes()[run..i], seed));
                        s.weights.push(word);
                    }
                    let end = i + c.len_utf8();
                    s.words.push(xxh3_64_with_seed(&w.as_bytes()[i..end], seed));
                    s.weights.push(unit_weight(c));
                    run = end;
                }
            }
            if run < w.len() {
                s.words.push(xxh3_64_with_seed(&w.as_bytes()[run..], seed));
                s.weights.push(word);
            }
        }
    }

    /// The shingles of weighted units: from each unit, the shortest run that weighs at least
    /// `ngram` words; a text lighter than that is one shingle, as a text of fewer words than
    /// `ngram` is. With only whole words these are the `ngram`-word windows.
    fn weighted_shingles(&self, s: &mut Scratch) {
        let target = WORD_WEIGHT * self.params.ngram as u32;
        let n = s.words.len();
        let (mut end, mut sum) = (0, 0u32);
        for i in 0..n {
            while end < n && sum < target {
                sum += s.weights[end] as u32;
                end += 1;
            }
            if sum < target && i > 0 {
                break;
            }
            s.shingles.push(shingle_hash(&s.words[i..end]));
            if sum < target {
                break; // the whole text is one shingle
            }
            sum -= s.weights[i] as u32;
        }
    }

    /// The signature of `text` into `sig` (length `num_perm`). Returns false when the text has
    /// no shingle (no letter or digit): its signature is all `u32::MAX` and means nothing.
    pub fn signature_into(&self, text: &str, s: &mut Scratch, sig: &mut [u32]) -> bool {
        self.shingle_hashes(text, s);
        self.fold_into(s, sig)
    }

    /// [`Self::signature_into`] of a text's dedup key, already computed.
    pub fn key_signature_into(&self, key: &str, s: &mut Scratch, sig: &mut [u32]) -> bool {
        self.key_shingle_hashes(key, s);
        self.fold_into(s, sig)
    }

    fn fold_into(&self, s: &Scratch, sig: &mut [u32]) -> bool {
        assert_eq!(
            sig.len(),
            self.params.num_perm,
            "signature buffer of the wrong length"
        );
        sig.fill(u32::MAX);
        self.update(sig, &s.shingles);
        !s.shingles.is_empty()
    }

    pub fn signature(&self, text: &str) -> (Vec<u32>, bool) {
        let mut sig = vec![0; self.params.num_perm];
        let ok = self.signature_into(text, &mut Scratch::default(), &mut sig);
        (sig, ok)
    }

    /// Fold shingle hashes into a signature. On x86-64 with AVX2 (checked at run time, so the
    /// wheel stays portable) an explicit 8-lane kernel does it: the compiler does not
    /// vectorise the mixed 64/32-bit loop of the portable version well (measured 4x slower).
    pub fn update(&self, sig: &mut [u32], shingles: &[u32]) {
        #[cfg(target_arch = "x86_64")]
        {
            if avx512_usable() {
                // SAFETY: the CPU has AVX-512F (checked by avx512_usable).
                unsafe { update_avx512(sig, &self.lanes16, shingles) };
                return;
            }
            if std::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2 (checked just above).
                unsafe { update_avx2(sig, &self.lanes, shingles) };
                return;
            }
        }
        update_generic(sig, &self.a_lo, &self.a_hi, &self.b, shingles);
    }
}

#[inline(always)]
fn update_generic(sig: &mut [u32], a_lo: &[u32], a_hi: &[u32], b: &[u64], shingles: &[u32]) {
    let n = sig.len();
    let (a_lo, a_hi, b) = (&a_lo[..n], &a_hi[..n], &b[..n]);
    for &x in shingles {
        let x64 = x as u64;
        for i in 0..n {
            // bits 32..63 of (a*x + b) mod 2^64, with a = a_hi*2^32 + a_lo: the a_hi part only
            // reaches those bits as a_hi*x mod 2^32
            let lo = (a_lo[i] as u64 * x64).wrapping_add(b[i]);
            let v = ((lo >> 32) as u32).wrapping_add(a_hi[i].wrapping_mul(x));
            sig[i] = sig[i].min(v);
        }
    }
}

/// Eight permutations at a time. `_mm256_mul_epu32` multiplies the low 32 bits of each 64-bit
/// lane, so even and odd permutations are two products; the high halves of the sums are put
/// back into 32-bit lane order with one blend, then `a_hi * x` is added and the minimum taken.
/// The signature stays in a register across all shingles of a group.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn update_avx2(sig: &mut [u32], l: &Lanes, shingles: &[u32]) {
    use std::arch::x86_64::*;
    let mut buf = [u32::MAX; MAX_NUM_PERM + 8];
    buf[..sig.len()].copy_from_slice(sig);
    for g in 0..l.a_lo.len() / 8 {
        // SAFETY: every array holds whole groups (8 u32 or 4 u64 per group, see Lanes::new),
        // and buf holds MAX_NUM_PERM + 8 >= the padded length; unaligned loads and stores.
        let a_lo = _mm256_loadu_si256(l.a_lo.as_ptr().add(8 * g) as *const __m256i);
        let a_lo_odd = _mm256_srli_epi64::<32>(a_lo);
        let a_hi = _mm256_loadu_si256(l.a_hi.as_ptr().add(8 * g) as *const __m256i);
        let b_even = _mm256_loadu_si256(l.b_even.as_ptr().add(4 * g) as *const __m256i);
        let b_odd = _mm256_loadu_si256(l.b_odd.as_ptr().add(4 * g) as *const __m256i);
        let mut s = _mm256_loadu_si256(buf.as_ptr().add(8 * g) as *const __m256i);
        for &x in shingles {
            let xv = _mm256_set1_epi32(x as i32);
            let even = _mm256_add_epi64(_mm256_mul_epu32(a_lo, xv), b_even);
            let odd = _mm256_add_epi64(_mm256_mul_epu32(a_lo_odd, xv), b_odd);
            let hi = _mm256_blend_epi32::<0b1010_1010>(_mm256_srli_epi64::<32>(even), odd);
            s = _mm256_min_epu32(s, _mm256_add_epi32(hi, _mm256_mullo_epi32(a_hi, xv)));
        }
        _mm256_storeu_si256(buf.as_mut_ptr().add(8 * g) as *mut __m256i, s);
    }
    sig.copy_from_slice(&buf[..sig.len()]);
}

/// The AVX-512 kernel needs Rust >= 1.89 (its intrinsics); older compilers build without it.
#[cfg(target_arch = "x86_64")]
#[rustversion::since(1.89)]
fn avx512_usable() -> bool {
    std::is_x86_feature_detected!("avx512f")
}

#[cfg(target_arch = "x86_64")]
#[rustversion::before(1.89)]
fn avx512_usable() -> bool {
    false
}

/// [`update_avx2`] with sixteen lanes.
#[cfg(target_arch = "x86_64")]
#[rustversion::since(1.89)]
#[target_feature(enable = "avx512f")]
unsafe fn update_avx512(sig: &mut [u32], l: &Lanes, shingles: &[u32]) {
    use std::arch::x86_64::*;
    let mut buf = [u32::MAX; MAX_NUM_PERM + 16];
    buf[..sig.len()].copy_from_slice(sig);
    for g in 0..l.a_lo.len() / 16 {
        // SAFETY: as in update_avx2, with groups of 16 u32 or 8 u64.
        let a_lo = _mm512_loadu_si512(l.a_lo.as_ptr().add(16 * g) as *const _);
        let a_lo_odd = _mm512_srli_epi64::<32>(a_lo);
        let a_hi = _mm512_loadu_si512(l.a_hi.as_ptr().add(16 * g) as *const _);
        let b_even = _mm512_loadu_si512(l.b_even.as_ptr().add(8 * g) as *const _);
        let b_odd = _mm512_loadu_si512(l.b_odd.as_ptr().add(8 * g) as *const _);
        let mut s = _mm512_loadu_si512(buf.as_ptr().add(16 * g) as *const _);
        for &x in shingles {
            let xv = _mm512_set1_epi32(x as i32);
            let even = _mm512_add_epi64(_mm512_mul_epu32(a_lo, xv), b_even);
            let odd = _mm512_add_epi64(_mm512_mul_epu32(a_lo_odd, xv), b_odd);
            let hi = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64::<32>(even), odd);
            s = _mm512_min_epu32(s, _mm512_add_epi32(hi, _mm512_mullo_epi32(a_hi, xv)));
        }
        _mm512_storeu_si512(buf.as_mut_ptr().add(16 * g) as *mut _, s);
    }
    sig.copy_from_slice(&buf[..sig.len()]);
}

#[cfg(target_arch = "x86_64")]
#[rustversion::before(1.89)]
unsafe fn update_avx512(_sig: &mut [u32], _l: &Lanes, _shingles: &[u32]) {
    unreachable!("avx512_usable() is false before Rust 1.89")
}

/// The fraction of equal positions: an unbiased estimate of the Jaccard similarity of the two
/// shingle sets, with standard error `sqrt(J(1-J)/num_perm)`.
pub fn estimate_jaccard(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let eq = a.iter().zip(b).filter(|(x, y)| x == y).count();
    eq as f64 / a.len() as f64
}

/// One hash per LSH band: xxh3 of the band's `rows` signature values, seeded by the band
/// number so that equal values in different bands never collide.
pub fn band_hashes_into(sig: &[u32], bands: usize, rows: usize, out: &mut Vec<u64>) {
    assert!(
        bands * rows <= sig.len(),
        "bands * rows exceeds the signature length"
    );
    let mut buf = [0u8; 4 * MAX_NUM_PERM];
    for j in 0..bands {
        let band = &sig[j * rows..(j + 1) * rows];
        for (k, v) in band.iter().enumerate() {
            buf[4 * k..4 * k + 4].copy_from_slice(&v.to_le_bytes());
        }
        out.push(xxh3_64_with_seed(&buf[..4 * rows], j as u64));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn words(n: usize, offset: usize) -> String {
        (offset..offset + n)
            .map(|i| format!("w{}x", (b'a' + (i % 26) as u8) as char) + &"y".repeat(i / 26))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn split_multiply_equals_the_64_bit_formula() {
        let h = MinHasher::new(MinHashParams::default()).unwrap();
        for x in [0u32, 1, 7, 0xdead_beef, u32::MAX] {
            let mut sig = vec![u32::MAX; h.num_perm()];
            h.update(&mut sig, &[x]);
            for (i, got) in sig.iter().enumerate() {
                let a = ((h.a_hi[i] as u64) << 32) | h.a_lo[i] as u64;
                let want = (a.wrapping_mul(x as u64).wrapping_add(h.b[i]) >> 32) as u32;
                assert_eq!(*got, want);
            }
        }
    }

    #[test]
    fn simd_and_generic_paths_agree() {
        let xs: Vec<u32> = (0..1000u32)
            .map(|i| i.wrapping_mul(2_654_435_761))
            .collect();
        for num_perm in [1, 7, 8, 9, 131, MAX_NUM_PERM] {
            let h = MinHasher::new(MinHashParams {
                num_perm,
                ngram: 3,
                seed: 9,
            })
            .unwrap();
            let mut a = vec![u32::MAX; num_perm];
            let mut b = vec![u32::MAX; num_perm];
            h.update(&mut a, &xs);
            update_generic(&mut b, &h.a_lo, &h.a_hi, &h.b, &xs);
            assert_eq!(a, b, "num_perm={num_perm}");
            #[cfg(target_arch = "x86_64")]
            if std::is_x86_feature_detected!("avx2") {
                let mut c = vec![u32::MAX; num_perm];
                // SAFETY: AVX2 checked just above
                unsafe { update_avx2(&mut c, &h.lanes, &xs) };
                assert_eq!(c, b, "avx2, num_perm={num_perm}");
            }
        }
    }

    #[test]
    fn shingles_are_word_ngrams_of_the_dedup_key() {
        let h = MinHasher::new(MinHashParams {
            num_perm: 4,
            ngram: 2,
            seed: 3,
        })
        .unwrap();
        let mut s = Scratch::default();
        h.shingle_hashes("Hello,  World!\nFoo 42", &mut s);
        let w = |t: &str| xxh3_64_with_seed(t.as_bytes(), 3);
        assert_eq!(
            s.shingles,
            vec![
                shingle_hash(&[w("hello"), w("world")]),
                shingle_hash(&[w("world"), w("foo")]),
                shingle_hash(&[w("foo"), w("00")])
            ]
        );
        h.shingle_hashes("one", &mut s);
        assert_eq!(s.shingles, vec![shingle_hash(&[w("one")])]);
        assert_ne!(
            shingle_hash(&[w("a"), w("b")]),
            shingle_hash(&[w("b"), w("a")])
        );
        assert_ne!(
            shingle_hash(&[w("a"), w("a")]),
            shingle_hash(&[w("b"), w("b")])
        );
        h.shingle_hashes(" ... ", &mut s);
        assert!(s.shingles.is_empty());
        assert!(!h.signature("!!!").1);
    }

    /// The unit hashes and shingles of a key, through the weighted path.
    fn units_of(h: &MinHasher, text: &str) -> (Vec<u64>, Vec<u32>) {
        let mut s = Scratch::default();
        h.shingle_hashes(text, &mut s);
        (s.words.clone(), s.shingles.clone())
    }

    #[test]
    fn letters_of_scripts_without_spaces_are_units() {
        let h = MinHasher::new(MinHashParams::default()).unwrap();
        let w = |t: &str| xxh3_64_with_seed(t.as_bytes(), 1);
        // spaces between Han letters do not matter; punctuation is not in the key
        let (u, sh) = units_of(&h, "北京市政府周一宣布。");
        assert_eq!(
            u,
            "北京市政府周一宣布"
                .chars()
                .map(|c| w(&c.to_string()))
                .collect::<Vec<_>>()
        );
        assert_eq!(units_of(&h, "北京 市政府， 周一宣布").1, sh);
        // 9 letters of 2/3 of a word: windows of 8 letters (32/6 >= 5 words)
        assert_eq!(sh, vec![shingle_hash(&u[0..8]), shingle_hash(&u[1..9])]);
        // fewer than 8: one shingle of the whole key
        let (u, sh) = units_of(&h, "公园开放");
        assert_eq!(sh, vec![shingle_hash(&u)]);
        // Thai letters weigh 1/3 of a word: 15 a shingle (the marks are not in the key)
        let (u, sh) = units_of(&h, "สวนสาธารณะแห่งใหม่ในช่วงต้นปีหน้า");
        assert_eq!(u.len(), 27);
        assert_eq!(sh.len(), 27 - 15 + 1);
        assert_eq!(sh[0], shingle_hash(&u[0..15]));
        // half-width katakana and the supplementary ideographs (ext B: 𠀋, 𡈽) are such letters
        let (u, _) = units_of(&h, "ｶﾀｶﾅ 𠀋𡈽");
        assert_eq!(u, ["ｶ", "ﾀ", "ｶ", "ﾅ", "𠀋", "𡈽"].map(w));
        // other letters inside such a "word" stay one unit, and words around it are words
        let (u, sh) = units_of(&h, "Der iPhone手机 in 2024年 wurde");
        assert_eq!(
            u,
            ["der", "iphone", "手", "机", "in", "0000", "年", "wurde"].map(w)
        );
        // 6 + 6 + 4 + 4 + 6 + 6 = 32 >= 30: the first shingle ends at "0000"
        assert_eq!(sh[0], shingle_hash(&u[0..6]));
        assert_eq!(sh.len(), 3);
        // Korean writes spaces: its words stay words (the key has 3-byte characters, the
        // jamo of its decomposed syllables, but no letters of these scripts)
        let korean = "시의회는 월요일에 발표했다";
        let key = crate::normalize::dedup_key(korean);
        assert!(may_be_unspaced(key.as_bytes()));
        let (u, sh) = units_of(&h, korean);
        assert_eq!(u, key.split(' ').map(w).collect::<Vec<_>>());
        assert_eq!(sh, vec![shingle_hash(&u)]);
    }

    #[test]
    fn weighted_shingles_of_whole_words_are_the_word_windows() {
        for ngram in [1, 2, 5, 9] {
            let h = MinHasher::new(MinHashParams {
                num_perm: 8,
                ngram,
                seed: 4,
            })
            .unwrap();
            for n in [1, 3, 5, 8, 40] {
                let text = words(n, 3);
                let mut s = Scratch::default();
                h.shingle_hashes(&text, &mut s);
                let want = s.shingles.clone();
                s.weights = vec![WORD_WEIGHT as u8; s.words.len()];
                s.shingles.clear();
                h.weighted_shingles(&mut s);
                assert_eq!(s.shingles, want, "ngram={ngram} words={n}");
            }
        }
    }

    #[test]
    fn near_copies_without_spaces_are_similar() {
        let h = MinHasher::new(MinHashParams::default()).unwrap();
        let a = "北京市政府周一宣布将在明年春天开始建设一座新的城市公园。这个项目预计耗资两亿元并将为周边居民提供更多的休闲空间。市长表示公园将包括一条沿河步道和一个儿童游乐场。";
        let b = format!("{a}一些居民担心施工期间的噪音。");
        let c = "今年夏天，华北地区遭遇了近十年来最严重的干旱。气象部门的数据显示，七月份的降雨量比往年同期减少了六成以上。许多农民不得不从远处运水浇灌玉米和大豆。";
        let (sa, sb, sc) = (h.signature(a).0, h.signature(&b).0, h.signature(c).0);
        assert!(
            estimate_jaccard(&sa, &sb) > 0.75,
            "{}",
            estimate_jaccard(&sa, &sb)
        );
        assert!(estimate_jaccard(&sa, &sc) < 0.1);
    }

    #[test]
    fn signatures_are_pinned() {
        // fixed vector: a change here invalidates stored signatures and band hashes
        let h = MinHasher::new(MinHashParams {
            num_perm: 4,
            ngram: 5,
            seed: 1,
        })
        .unwrap();
        let (sig, ok) = h.signature("The quick brown fox jumps over the lazy dog");
        assert!(ok);
        assert_eq!(
            sig,
            vec![0x172c_f67a, 0x2799_4b51, 0x2a2a_c1a6, 0x01ce_1493]
        );
        let again = MinHasher::new(MinHashParams {
            num_perm: 4,
            ngram: 5,
            seed: 1,
        })
        .unwrap()
        .signature("the QUICK brown fox, jumps over the lazy dog!")
        .0;
        assert_eq!(sig, again);
        let other_seed = MinHasher::new(MinHashParams {
            num_perm: 4,
            ngram: 5,
            seed: 2,
        })
        .unwrap()
        .signature("The quick brown fox jumps over the lazy dog")
        .0;
        assert_ne!(sig, other_seed);
        // the default parameters (what the CLI's --dedup near stores), all 112 values pinned
        // through the xxh3 of their little-endian bytes; the same vector is pinned in
        // tests/test_core.py, where a pure-Python reimplementation of the definition above
        // gives it too
        let h = MinHasher::new(MinHashParams::default()).unwrap();
        let (sig, ok) = h.signature(
            "The quick brown fox jumps over the lazy dog. It was a sunny day in the park.",
        );
        assert!(ok);
        assert_eq!(
            sig[..4],
            [0x0416_f3db, 0x02c8_6900, 0x2246_b480, 0x01ce_1493]
        );
        let bytes: Vec<u8> = sig.iter().flat_map(|v| v.to_le_bytes()).collect();
        assert_eq!(xxhash_rust::xxh3::xxh3_64(&bytes), 0xef3a_c19a_65f8_15f3);
        let mut generic = vec![u32::MAX; h.num_perm()];
        let mut s = Scratch::default();
        h.shingle_hashes(
            "The quick brown fox jumps over the lazy dog. It was a sunny day in the park.",
            &mut s,
        );
        update_generic(&mut generic, &h.a_lo, &h.a_hi, &h.b, &s.shingles);
        assert_eq!(
            generic, sig,
            "the portable path and the SIMD path this CPU takes differ"
        );
    }

    /// The estimate is within 4 standard errors of the true Jaccard of the shingle sets, on
    /// fixed texts whose overlap is known exactly.
    #[test]
    fn jaccard_estimate_within_its_error() {
        let h = MinHasher::new(MinHashParams {
            num_perm: 256,
            ngram: 1,
            seed: 5,
        })
        .unwrap();
        for (n, shift) in [
            (400usize, 40usize),
            (400, 100),
            (400, 200),
            (1000, 50),
            (300, 290),
        ] {
            let a = words(n, 0);
            let b = words(n, shift);
            let sa: HashSet<&str> = a.split(' ').collect();
            let sb: HashSet<&str> = b.split(' ').collect();
            let truth = sa.intersection(&sb).count() as f64 / sa.union(&sb).count() as f64;
            let est = estimate_jaccard(&h.signature(&a).0, &h.signature(&b).0);
            let se = (truth * (1.0 - truth) / 256.0).sqrt().max(1.0 / 256.0);
            assert!(
                (est - truth).abs() <= 4.0 * se,
                "n={n} shift={shift}: truth {truth:.3} est {est:.3}"
            );
        }
        let a = words(500, 0);
        assert_eq!(
            estimate_jaccard(&h.signature(&a).0, &h.signature(&a).0),
            1.0
        );
        assert!(estimate_jaccard(&h.signature(&a).0, &h.signature(&words(500, 10_000)).0) < 0.05);
    }

    #[test]
    fn band_hashes_differ_by_band() {
        let sig = vec![7u32; 8];
        let mut out = Vec::new();
        band_hashes_into(&sig, 4, 2, &mut out);
        assert_eq!(out.len(), 4);
        let distinct: HashSet<u64> = out.iter().copied().collect();
        assert_eq!(distinct.len(), 4);
    }

    #[test]
    fn bad_params_are_errors() {
        assert!(MinHasher::new(MinHashParams {
            num_perm: 0,
            ngram: 5,
            seed: 0
        })
        .is_err());
        assert!(MinHasher::new(MinHashParams {
            num_perm: 128,
            ngram: 0,
            seed: 0
        })
        .is_err());
        assert!(MinHasher::new(MinHashParams {
            num_perm: MAX_NUM_PERM + 1,
            ngram: 5,
            seed: 0
        })
        .is_err());
    }
}
