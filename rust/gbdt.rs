//! Inference for oblivious ("symmetric") decision-tree ensembles, as trained by CatBoost
//! (see `benchmarks/train.py`, which exports them to this small JSON format).
//!
//! Every level of an oblivious tree tests one (feature, border) pair for all nodes, so a
//! row's leaf is the bit pattern of `depth` comparisons: no branches, no pointer chasing.
//! Rows are scored in blocks: each used feature of a block is quantised once into bins (see
//! `Binned`), and the tree levels then compare bytes of many rows at once (SSE2, or AVX2
//! where the CPU has it).
//! Written by hand because no maintained crate evaluates CatBoost models without linking
//! CatBoost's C++ library.

use serde::Deserialize;

#[derive(Deserialize)]
struct TreeJson {
    /// feature index per level
    f: Vec<u16>,
    /// border per level: the level's bit is `x > t`
    t: Vec<f32>,
    /// `2^depth` leaf values; leaf index = sum of `bit_k << k`
    v: Vec<f32>,
}

#[derive(Deserialize)]
pub struct ModelJson {
    pub feature_names: Vec<String>,
    pub bias: f32,
    trees: Vec<TreeJson>,
}

#[derive(Debug)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid model: {}", self.0)
    }
}
impl std::error::Error for ModelError {}

/// A model bundle's JSON read as `B`, whose format string (`format` of it) must be `want`:
/// what each bundle (`classify::Models`, `htmlclean::HtmlModels`, `fast::FastModel`) checks
/// before its trees and feature names.
pub(crate) fn read_bundle<B: serde::de::DeserializeOwned>(
    s: &str,
    want: &str,
    format: impl Fn(&B) -> &str,
) -> Result<B, ModelError> {
    let b: B = serde_json::from_str(s).map_err(|e| ModelError(e.to_string()))?;
    if format(&b) != want {
        return Err(ModelError(format!("unknown model format {:?}", format(&b))));
    }
    Ok(b)
}

/// Rows scored together; small enough that a block's leaf indices stay in L1.
const BLOCK: usize = 64;
const MAX_DEPTH: usize = 12;

/// A trained binary classifier: bias plus the trees' leaves, then the logistic function.
pub struct Gbdt {
    pub feature_names: Vec<String>,
    bias: f32,
    /// per tree: (first split, depth, first leaf)
    trees: Vec<(u32, u8, u32)>,
    split_feature: Vec<u32>,
    split_border: Vec<f32>,
    leaves: Vec<f32>,
    /// The splits as bin indices (see [`Binned`]); `None` when the model does not fit them.
    binned: Option<Binned>,
}

/// The model's splits quantised, as CatBoost itself evaluates them: each feature's borders,
/// sorted and deduplicated, cut the line into bins, and a row's bin for the feature is the
/// number of borders below its value, `bin(x) = #{b : x > b}`. Since `{b : x > b}` is a
/// prefix of the sorted borders, `x > b_k` holds exactly when `bin(x) > k` (NaN is above no
/// border: bin 0, every test false, as with the floats). A block's bins are computed once
/// per border (not once per tree level that uses it), and the tree levels then compare bytes:
/// sixteen rows per SSE2 instruction (32 with AVX2) instead of four floats. Used when every feature has at most
/// 255 borders and every tree at most 8 levels (leaf indices in a byte).
struct Binned {
    /// per used feature: (feature index, its borders `borders[lo..hi]`)
    feats: Vec<(u32, u32, u32)>,
    borders: Vec<f32>,
    /// per split (parallel to `split_feature`): the slot in `feats` and the border's rank
    split_slot: Vec<u32>,
    split_rank: Vec<u8>,
    /// `split_rank + 1`: a bin is above the border when it is at least this (a rank is at
    /// most 254); read by the x86_64 kernels only
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    split_above: Vec<u8>,
}

impl Binned {
    fn new(
        n_feat: usize,
        split_feature: &[u32],
        split_border: &[f32],
        trees: &[(u32, u8, u32)],
    ) -> Option<Binned> {
        if trees.iter().any(|t| t.1 > 8) {
            return None;
        }
        let mut per: Vec<Vec<f32>> = vec![Vec::new(); n_feat];
        for (&f, &t) in split_feature.iter().zip(split_border) {
            per[f as usize].push(t);
        }
        let mut slot_of = vec![u32::MAX; n_feat];
        let (mut feats, mut borders) = (Vec::new(), Vec::new());
        for (f, v) in per.iter_mut().enumerate() {
            if v.is_empty() {
                continue;
            }
            // borders are finite (checked on load); equal ones (0.0 and -0.0 too) are one border
            v.sort_by(|a, b| a.partial_cmp(b).expect("finite borders"));
            v.dedup_by(|a, b| a == b);
            if v.len() > 255 {
                return None;
            }
            slot_of[f] = feats.len() as u32;
            feats.push((
                f as u32,
                borders.len() as u32,
                (borders.len() + v.len()) as u32,
            ));
            borders.extend_from_slice(v);
        }
        let mut split_slot = Vec::with_capacity(split_feature.len());
        let mut split_rank = Vec::with_capacity(split_feature.len());
        for (&f, &t) in split_feature.iter().zip(split_border) {
            let s = slot_of[f as usize];
            let (_, lo, hi) = feats[s as usize];
            let k = borders[lo as usize..hi as usize]
                .iter()
                .position(|&b| b == t)
                .expect("border is listed");
            split_slot.push(s);
            split_rank.push(k as u8);
        }
        let split_above = split_rank.iter().map(|&r| r + 1).collect();
        Some(Binned {
            feats,
            borders,
            split_slot,
            split_rank,
            split_above,
        })
    }
}

impl std::str::FromStr for Gbdt {
    type Err = ModelError;

    /// A model from its JSON text (the format `benchmarks/train.py` writes).
    fn from_str(s: &str) -> Result<Gbdt, ModelError> {
        let j: ModelJson = serde_json::from_str(s).map_err(|e| ModelError(e.to_string()))?;
        Gbdt::from_json(j)
    }
}

impl Gbdt {
    pub fn from_json(j: ModelJson) -> Result<Gbdt, ModelError> {
        let n_feat = j.feature_names.len();
        let mut g = Gbdt {
            feature_names: j.feature_names,
            bias: j.bias,
            trees: Vec::with_capacity(j.trees.len()),
            split_feature: Vec::new(),
            split_border: Vec::new(),
            leaves: Vec::new(),
            binned: None,
        };
        for (ti, t) in j.trees.iter().enumerate() {
            let depth = t.f.len();
            if depth > MAX_DEPTH || t.t.len() != depth || t.v.len() != 1 << depth {
                return Err(ModelError(format!(
                    "tree {ti}: inconsistent sizes (depth {depth})"
                )));
            }
            if let Some(&f) = t.f.iter().find(|&&f| f as usize >= n_feat) {
                return Err(ModelError(format!("tree {ti}: feature {f} out of range")));
            }
            if !t.t.iter().chain(t.v.iter()).all(|x| x.is_finite()) {
                return Err(ModelError(format!("tree {ti}: non-finite border or leaf")));
            }
            g.trees.push((
                g.split_feature.len() as u32,
                depth as u8,
                g.leaves.len() as u32,
            ));
            g.split_feature.extend(t.f.iter().map(|&f| f as u32));
            g.split_border.extend_from_slice(&t.t);
            g.leaves.extend_from_slice(&t.v);
        }
        g.binned = Binned::new(n_feat, &g.split_feature, &g.split_border, &g.trees);
        Ok(g)
    }

    /// Whether any tree splits on a feature whose name starts with `prefix`.
    pub fn splits_on(&self, prefix: &str) -> bool {
        self.split_feature
            .iter()
            .any(|&f| self.feature_names[f as usize].starts_with(prefix))
    }

    pub fn n_features(&self) -> usize {
        self.feature_names.len()
    }

    pub fn n_trees(&self) -> usize {
        self.trees.len()
    }

    /// Rows of a row-major matrix of this model's width (checked once, by [`Gbdt::margins`]).
    fn n_rows(&self, rows: &[f32]) -> usize {
        let w = self.n_features();
        debug_assert!(rows.is_empty() || (w > 0 && rows.len() % w == 0));
        rows.len().checked_div(w).unwrap_or(0)
    }

    /// Raw margins (log-odds) of the rows of a row-major matrix.
    pub fn margins(&self, rows: &[f32]) -> Vec<f32> {
        let w = self.n_features();
        assert!(
            rows.is_empty() || (w > 0 && rows.len() % w == 0),
            "rows do not match the model's width"
        );
        match &self.binned {
            #[cfg(target_arch = "x86_64")]
            Some(bn) if std::arch::is_x86_feature_detected!("avx2") => {
                // SAFETY: the CPU has AVX2 (checked just above); the leaf loads stay in
                // bounds because `Binned` exists only for trees of depth <= 8 whose leaves
                // `from_json` checked (see the debug assertion in the loop)
                unsafe { self.margins_binned_avx2(bn, rows) }
            }
            Some(bn) => self.margins_binned(bn, rows),
            None => self.margins_float(rows),
        }
    }

    /// [`Gbdt::margins_binned`] with AVX2: 32 rows at a time, their sums kept in registers
    /// across all the trees, each tree's 32 leaves read by scalar loads into four vectors (on
    /// this AMD Zen 3, `_mm256_i32gather_ps` was the hottest spot of a clean, 7% of the
    /// samples; the loads cut the tree evaluation's share from ~15% to ~12.5%; not measured on
    /// Intel CPUs, whose gathers are faster). The leaves are
    /// added in tree order from the bias, as in the other evaluations, so the margins are the
    /// same to the bit.
    ///
    /// # Safety
    /// The CPU must support AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn margins_binned_avx2(&self, bn: &Binned, rows: &[f32]) -> Vec<f32> {
        use std::arch::x86_64::*;
        const B: usize = 32;
        let (w, n) = (self.n_features(), self.n_rows(rows));
        if n == 0 {
            return Vec::new();
        }
        let mut out = vec![0f32; n];
        let mut bins = vec![0u8; bn.feats.len() * B];
        // the block's used features, transposed: column s holds feature `feats[s]` of the 32
        // rows, filled one row at a time (reading each column down the rows instead, a
        // bounds-checked strided load per value, cost a quarter more instructions and
        // about 40% more time on the dev pages' rows)
        let mut cols = vec![0f32; bn.feats.len() * B];
        // the bit of each tree level in a leaf index
        let level_bit: [__m256i; 8] = std::array::from_fn(|k| _mm256_set1_epi8((1u8 << k) as i8));
        // the packs below interleave 128-bit lanes; this puts the 32 counts back in row order
        let unlace = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
        for start in (0..n).step_by(B) {
            let b = (n - start).min(B);
            for l in 0..B {
                // lanes past `b` repeat the last row: computed and ignored
                let row = &rows[(start + l.min(b - 1)) * w..][..w];
                for (s, &(f, _, _)) in bn.feats.iter().enumerate() {
                    // in bounds: `from_json` checked every split feature against the width
                    // `w`, and `cols` has `B` slots per used feature
                    debug_assert!((f as usize) < w);
                    *cols.get_unchecked_mut(s * B + l) = *row.get_unchecked(f as usize);
                }
            }
            for (s, &(_, lo, hi)) in bn.feats.iter().enumerate() {
                let p = cols.as_ptr().add(s * B);
                let x = [
                    _mm256_loadu_ps(p),
                    _mm256_loadu_ps(p.add(8)),
                    _mm256_loadu_ps(p.add(16)),
                    _mm256_loadu_ps(p.add(24)),
                ];
                let mut c = [_mm256_setzero_si256(); 4];
                for &t in &bn.borders[lo as usize..hi as usize] {
                    let tv = _mm256_set1_ps(t);
                    for q in 0..4 {
                        // a true comparison is all ones, i.e. -1: subtracting it counts one
                        c[q] = _mm256_sub_epi32(
                            c[q],
                            _mm256_castps_si256(_mm256_cmp_ps::<_CMP_GT_OQ>(x[q], tv)),
                        );
                    }
                }
                // counts are at most 255: the saturating packs are exact
                let bytes = _mm256_packus_epi16(
                    _mm256_packs_epi32(c[0], c[1]),
                    _mm256_packs_epi32(c[2], c[3]),
                );
                let bytes = _mm256_permutevar8x32_epi32(bytes, unlace);
                _mm256_storeu_si256(bins.as_mut_ptr().add(s * B) as *mut __m256i, bytes);
            }
            let mut acc = [_mm256_set1_ps(self.bias); 4];
            for &(s0, depth, l0) in &self.trees {
                // the loads below read leaves[l0 + idx] with idx < 2^depth: `Binned::new`
                // only exists for depth <= 8 and `from_json` checked every tree's leaves
                debug_assert!(depth <= 8 && l0 as usize + (1usize << depth) <= self.leaves.len());
                let (s0, depth) = (s0 as usize, depth as usize);
                let slots = &bn.split_slot[s0..s0 + depth];
                let above = &bn.split_above[s0..s0 + depth];
                let mut idx = _mm256_setzero_si256();
                for k in 0..depth {
                    // in bounds: a slot is below `feats.len()`, and `bins` has `B` per slot
                    let v =
                        _mm256_loadu_si256(bins.as_ptr().add(*slots.get_unchecked(k) as usize * B)
                            as *const __m256i);
                    // v > rank, unsigned: max(v, rank + 1) == v
                    let gt = _mm256_cmpeq_epi8(
                        _mm256_max_epu8(v, _mm256_set1_epi8(*above.get_unchecked(k) as i8)),
                        v,
                    );
                    idx = _mm256_or_si256(idx, _mm256_and_si256(gt, *level_bit.get_unchecked(k)));
                }
                let leaves = self.leaves.as_ptr().add(l0 as usize);
                let mut ib = [0u8; B];
                _mm256_storeu_si256(ib.as_mut_ptr() as *mut __m256i, idx);
                let at = |j: usize| *leaves.add(ib[j] as usize);
                for (q, a) in acc.iter_mut().enumerate() {
                    let j = 8 * q;
                    let v = _mm256_setr_ps(
                        at(j),
                        at(j + 1),
                        at(j + 2),
                        at(j + 3),
                        at(j + 4),
                        at(j + 5),
                        at(j + 6),
                        at(j + 7),
                    );
                    *a = _mm256_add_ps(*a, v);
                }
            }
            let mut tmp = [0f32; B];
            for (q, a) in acc.iter().enumerate() {
                _mm256_storeu_ps(tmp.as_mut_ptr().add(8 * q), *a);
            }
            out[start..start + b].copy_from_slice(&tmp[..b]);
        }
        out
    }

    /// [`Gbdt::margins`] on bins (see [`Binned`]). The leaves are added to each row in tree
    /// order starting from the bias, as in [`Gbdt::margins_float`], so the sums are the same
    /// to the bit.
    fn margins_binned(&self, bn: &Binned, rows: &[f32]) -> Vec<f32> {
        const LANES: usize = 16;
        let (w, n) = (self.n_features(), self.n_rows(rows));
        if n == 0 {
            return Vec::new();
        }
        let mut out = vec![self.bias; n];
        let mut bins = vec![0u8; bn.feats.len() * BLOCK];
        // the block's used features, transposed (as in `margins_binned_avx2`)
        let mut cols = vec![0f32; bn.feats.len() * BLOCK];
        let mut idx = [0u8; BLOCK];
        for start in (0..n).step_by(BLOCK) {
            let b = (n - start).min(BLOCK);
            // lanes past `b` repeat the last row: their bins and leaves are computed and ignored
            let chunks = b.div_ceil(LANES);
            for l in 0..chunks * LANES {
                let row = &rows[(start + l.min(b - 1)) * w..][..w];
                for (s, &(f, _, _)) in bn.feats.iter().enumerate() {
                    cols[s * BLOCK + l] = row[f as usize];
                }
            }
            for (s, &(_, lo, hi)) in bn.feats.iter().enumerate() {
                let dst = &mut bins[s * BLOCK..(s + 1) * BLOCK];
                let borders = &bn.borders[lo as usize..hi as usize];
                for c in 0..chunks {
                    let x: &[f32; LANES] =
                        cols[s * BLOCK + c * LANES..][..LANES].try_into().unwrap();
                    let d: &mut [u8; LANES] =
                        (&mut dst[c * LANES..(c + 1) * LANES]).try_into().unwrap();
                    bin16(x, borders, d);
                }
            }
            let acc = &mut out[start..start + b];
            for &(s0, depth, l0) in &self.trees {
                let lanes = chunks * LANES;
                idx[..lanes].fill(0);
                for k in 0..depth as usize {
                    let slot = bn.split_slot[s0 as usize + k] as usize;
                    let rank = bn.split_rank[s0 as usize + k];
                    let col = &bins[slot * BLOCK..slot * BLOCK + lanes];
                    for (i, &x) in idx[..lanes].iter_mut().zip(col) {
                        *i |= ((x > rank) as u8) << k;
                    }
                }
                let leaves = &self.leaves[l0 as usize..l0 as usize + (1usize << depth)];
                for (a, &i) in acc.iter_mut().zip(&idx[..b]) {
                    *a += leaves[i as usize];
                }
            }
        }
        out
    }

    /// [`Gbdt::margins`] comparing the floats at every tree level (the reference evaluation,
    /// and the one used for models whose splits do not fit [`Binned`]).
    fn margins_float(&self, rows: &[f32]) -> Vec<f32> {
        let (w, n) = (self.n_features(), self.n_rows(rows));
        if n == 0 {
            return Vec::new();
        }
        let mut out = vec![self.bias; n];
        let mut cols = vec![0f32; w * BLOCK];
        let mut idx = [0u32; BLOCK];
        for start in (0..n).step_by(BLOCK) {
            let b = (n - start).min(BLOCK);
            // transpose the block: column f holds feature f of the block's rows
            for r in 0..b {
                let row = &rows[(start + r) * w..(start + r + 1) * w];
                for (f, &x) in row.iter().enumerate() {
                    cols[f * BLOCK + r] = x;
                }
            }
            let acc = &mut out[start..start + b];
            for &(s0, depth, l0) in &self.trees {
                idx[..b].fill(0);
                for k in 0..depth as usize {
                    let f = self.split_feature[s0 as usize + k] as usize;
                    let t = self.split_border[s0 as usize + k];
                    let col = &cols[f * BLOCK..f * BLOCK + b];
                    for (i, &x) in idx[..b].iter_mut().zip(col) {
                        *i |= ((x > t) as u32) << k;
                    }
                }
                let leaves = &self.leaves[l0 as usize..l0 as usize + (1usize << depth)];
                for (a, &i) in acc.iter_mut().zip(&idx[..b]) {
                    *a += leaves[i as usize];
                }
            }
        }
        out
    }

    /// Probability of the positive class for each row of a row-major matrix.
    pub fn predict(&self, rows: &[f32]) -> Vec<f32> {
        let mut m = self.margins(rows);
        for x in &mut m {
            *x = sigmoid(*x);
        }
        m
    }
}

/// `out[r] = #{t in borders : x[r] > t}` for 16 rows (at most 255 borders).
///
/// Written with SSE2 intrinsics (part of every x86-64 CPU) because the compiler, left to
/// itself, turns the loops around (vectorising over the borders of one row), which costs
/// four times as many instructions: here sixteen rows stay in four registers while the
/// borders stream past. `_mm_cmpgt_ps` is the IEEE `>` (false for NaN), exactly the
/// comparison of the scalar version below, used on other targets.
#[inline]
fn bin16(x: &[f32; 16], borders: &[f32], out: &mut [u8; 16]) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE2 is always available on x86-64; the loads and the store are unaligned
    // ones on arrays of exactly 16 floats / 16 bytes.
    unsafe {
        use std::arch::x86_64::*;
        let p = x.as_ptr();
        let (x0, x1, x2, x3) = (
            _mm_loadu_ps(p),
            _mm_loadu_ps(p.add(4)),
            _mm_loadu_ps(p.add(8)),
            _mm_loadu_ps(p.add(12)),
        );
        let (mut c0, mut c1, mut c2, mut c3) = (
            _mm_setzero_si128(),
            _mm_setzero_si128(),
            _mm_setzero_si128(),
            _mm_setzero_si128(),
        );
        for &t in borders {
            let tv = _mm_set1_ps(t);
            // a true comparison is all ones, i.e. -1: subtracting it counts one
            c0 = _mm_sub_epi32(c0, _mm_castps_si128(_mm_cmpgt_ps(x0, tv)));
            c1 = _mm_sub_epi32(c1, _mm_castps_si128(_mm_cmpgt_ps(x1, tv)));
            c2 = _mm_sub_epi32(c2, _mm_castps_si128(_mm_cmpgt_ps(x2, tv)));
            c3 = _mm_sub_epi32(c3, _mm_castps_si128(_mm_cmpgt_ps(x3, tv)));
        }
        // counts are at most 255: the saturating packs are exact
        let b = _mm_packus_epi16(_mm_packs_epi32(c0, c1), _mm_packs_epi32(c2, c3));
        _mm_storeu_si128(out.as_mut_ptr() as *mut __m128i, b);
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let mut cnt = [0u32; 16];
        for &t in borders {
            for (n, &v) in cnt.iter_mut().zip(x) {
                *n += (v > t) as u32;
            }
        }
        for (d, &n) in out.iter_mut().zip(&cnt) {
            *d = n as u8;
        }
    }
}

#[inline]
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    // two trees over features a, b: depth 2 and depth 0
    const TINY: &str = r#"{"feature_names":["a","b"],"bias":0.5,
        "trees":[{"f":[0,1],"t":[0.5,2.0],"v":[-1.0,0.25,0.5,2.0]},
                 {"f":[],"t":[],"v":[0.125]}]}"#;

    #[test]
    fn leaf_index_is_the_bit_pattern() {
        let g = Gbdt::from_str(TINY).unwrap();
        // a<=0.5, b<=2 -> leaf 0; a>0.5 -> bit0; b>2 -> bit1
        let m = g.margins(&[0.0, 0.0, 1.0, 0.0, 0.0, 3.0, 1.0, 3.0]);
        assert_eq!(
            m,
            vec![
                0.5 - 1.0 + 0.125,
                0.5 + 0.25 + 0.125,
                0.5 + 0.5 + 0.125,
                0.5 + 2.0 + 0.125
            ]
        );
    }

    #[test]
    fn blocks_do_not_change_results() {
        let g = Gbdt::from_str(TINY).unwrap();
        let rows: Vec<f32> = (0..(3 * BLOCK + 5) * 2)
            .map(|i| (i % 7) as f32 * 0.6)
            .collect();
        let all = g.margins(&rows);
        for (r, &m) in all.iter().enumerate() {
            assert_eq!(m, g.margins(&rows[r * 2..r * 2 + 2])[0]);
        }
    }

    #[test]
    fn bins_equal_floats() {
        // every stored model and a random one: the binned evaluation is the float one, bit
        // for bit, on rows that sit on, between and around the borders (and NaN, -0.0)
        let mut models: Vec<Gbdt> = Vec::new();
        let bundle: serde_json::Value =
            serde_json::from_str(include_str!("models/text.json")).unwrap();
        for k in ["lines", "title"] {
            if bundle.get(k).is_some_and(|m| !m.is_null()) {
                models.push(Gbdt::from_str(&bundle[k].to_string()).unwrap());
            }
        }
        let fast: serde_json::Value =
            serde_json::from_str(include_str!("models/fast.json")).unwrap();
        models.push(Gbdt::from_str(&fast["lines"].to_string()).unwrap());
        let mut state = 0x2545F4914F6CDD1Du64;
        let mut rnd = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let n_feat = 7;
        let mut trees = Vec::new();
        for _ in 0..40 {
            let depth = (rnd() % 9) as usize;
            let f: Vec<String> = (0..depth).map(|_| (rnd() % n_feat).to_string()).collect();
            let t: Vec<String> = (0..depth)
                .map(|_| format!("{}", (rnd() % 9) as f32 * 0.5 - 2.0))
                .collect();
            let v: Vec<String> = (0..1 << depth)
                .map(|_| format!("{}", (rnd() % 1000) as f32 / 7.0 - 70.0))
                .collect();
            trees.push(format!(
                "{{\"f\":[{}],\"t\":[{}],\"v\":[{}]}}",
                f.join(","),
                t.join(","),
                v.join(",")
            ));
        }
        let names: Vec<String> = (0..n_feat).map(|i| format!("\"f{i}\"")).collect();
        let json = format!(
            "{{\"feature_names\":[{}],\"bias\":0.25,\"trees\":[{}]}}",
            names.join(","),
            trees.join(",")
        );
        models.push(Gbdt::from_str(&json).unwrap());
        for g in &models {
            assert!(g.binned.is_some());
            let w = g.n_features();
            for n in [1usize, 15, 16, 17, 64, 65, 200] {
                let rows: Vec<f32> = (0..n * w)
                    .map(|_| match rnd() % 12 {
                        0 => f32::NAN,
                        1 => -0.0,
                        2 => g.split_border[(rnd() as usize) % g.split_border.len()],
                        k => (rnd() % 200) as f32 * 0.05 - 5.0 + k as f32 * 0.001,
                    })
                    .collect();
                let bits = |v: Vec<f32>| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                let b = bits(g.margins_float(&rows));
                assert_eq!(bits(g.margins(&rows)), b);
                assert_eq!(bits(g.margins_binned(g.binned.as_ref().unwrap(), &rows)), b);
            }
        }
    }

    #[test]
    fn rejects_bad_models() {
        assert!(Gbdt::from_str(&TINY.replace("[-1.0,0.25,0.5,2.0]", "[-1.0,0.25]")).is_err());
        assert!(Gbdt::from_str(&TINY.replace("\"f\":[0,1]", "\"f\":[0,9]")).is_err());
        assert!(Gbdt::from_str("{}").is_err());
        assert!(
            Gbdt::from_str(r#"{"feature_names":[],"bias":0,"trees":[]}"#)
                .unwrap()
                .n_trees()
                == 0
        );
    }
}
