//! Inference for oblivious ("symmetric") decision-tree ensembles, as trained by CatBoost
//! (see `benchmarks/train.py`, which exports them to this small JSON format).
//!
//! Every level of an oblivious tree tests one (feature, border) pair for all nodes, so a
//! row's leaf is the bit pattern of `depth` comparisons: no branches, no pointer chasing.
//! Rows are scored in blocks with the features laid out column by column, so the
//! comparisons of one level run over contiguous floats and the compiler vectorises them.
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
        };
        for (ti, t) in j.trees.iter().enumerate() {
            let depth = t.f.len();
            if depth > MAX_DEPTH || t.t.len() != depth || t.v.len() != 1 << depth {
                return Err(ModelError(format!("tree {ti}: inconsistent sizes (depth {depth})")));
            }
            if let Some(&f) = t.f.iter().find(|&&f| f as usize >= n_feat) {
                return Err(ModelError(format!("tree {ti}: feature {f} out of range")));
            }
            if !t.t.iter().chain(t.v.iter()).all(|x| x.is_finite()) {
                return Err(ModelError(format!("tree {ti}: non-finite border or leaf")));
            }
            g.trees.push((g.split_feature.len() as u32, depth as u8, g.leaves.len() as u32));
            g.split_feature.extend(t.f.iter().map(|&f| f as u32));
            g.split_border.extend_from_slice(&t.t);
            g.leaves.extend_from_slice(&t.v);
        }
        Ok(g)
    }

    pub fn from_str(s: &str) -> Result<Gbdt, ModelError> {
        let j: ModelJson = serde_json::from_str(s).map_err(|e| ModelError(e.to_string()))?;
        Gbdt::from_json(j)
    }

    pub fn n_features(&self) -> usize {
        self.feature_names.len()
    }

    pub fn n_trees(&self) -> usize {
        self.trees.len()
    }

    /// Raw margins (log-odds) of the rows of a row-major matrix.
    pub fn margins(&self, rows: &[f32]) -> Vec<f32> {
        let w = self.n_features();
        if rows.is_empty() {
            return Vec::new();
        }
        assert!(w > 0 && rows.len() % w == 0, "rows do not match the model's width");
        let n = rows.len() / w;
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

#[inline]
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    // two trees over features a, b: depth 2 and depth 0
    const TINY: &str = r#"{"feature_names":["a","b"],"bias":0.5,
        "trees":[{"f":[0,1],"t":[0.5,2.0],"v":[-1.0,0.25,0.5,2.0]},
                 {"f":[],"t":[],"v":[0.125]}]}"#;

    #[test]
    fn leaf_index_is_the_bit_pattern() {
        let g = Gbdt::from_str(TINY).unwrap();
        // a<=0.5, b<=2 -> leaf 0; a>0.5 -> bit0; b>2 -> bit1
        let m = g.margins(&[0.0, 0.0, 1.0, 0.0, 0.0, 3.0, 1.0, 3.0]);
        assert_eq!(m, vec![0.5 - 1.0 + 0.125, 0.5 + 0.25 + 0.125, 0.5 + 0.5 + 0.125, 0.5 + 2.0 + 0.125]);
    }

    #[test]
    fn blocks_do_not_change_results() {
        let g = Gbdt::from_str(TINY).unwrap();
        let rows: Vec<f32> = (0..(3 * BLOCK + 5) * 2).map(|i| (i % 7) as f32 * 0.6).collect();
        let all = g.margins(&rows);
        for (r, &m) in all.iter().enumerate() {
            assert_eq!(m, g.margins(&rows[r * 2..r * 2 + 2])[0]);
        }
    }

    #[test]
    fn rejects_bad_models() {
        assert!(Gbdt::from_str(&TINY.replace("[-1.0,0.25,0.5,2.0]", "[-1.0,0.25]")).is_err());
        assert!(Gbdt::from_str(&TINY.replace("\"f\":[0,1]", "\"f\":[0,9]")).is_err());
        assert!(Gbdt::from_str("{}").is_err());
        assert!(Gbdt::from_str(r#"{"feature_names":[],"bias":0,"trees":[]}"#).unwrap().n_trees() == 0);
    }
}
