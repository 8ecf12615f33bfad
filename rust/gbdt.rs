//! Inference for gradient-boosted decision trees trained with LightGBM (see
//! `benchmarks/train.py`, which exports them to this small JSON format). All nodes of all
//! trees live in one flat array so scoring a row walks contiguous memory.

use serde::Deserialize;

#[derive(Deserialize)]
struct TreeJson {
    /// split feature per internal node
    f: Vec<u16>,
    /// threshold per internal node: go left when `x <= t`
    t: Vec<f32>,
    /// children per internal node: `>= 0` an internal node, `< 0` the leaf `!child`
    l: Vec<i32>,
    r: Vec<i32>,
    /// leaf values
    v: Vec<f32>,
}

#[derive(Deserialize)]
pub struct ModelJson {
    pub feature_names: Vec<String>,
    pub base: f32,
    trees: Vec<TreeJson>,
}

#[derive(Clone, Copy)]
struct Node {
    thr: f32,
    feat: u32,
    left: i32,
    right: i32,
}

/// A trained binary classifier: sum of the trees' leaves, then the logistic function.
pub struct Gbdt {
    pub feature_names: Vec<String>,
    base: f32,
    nodes: Vec<Node>,
    leaves: Vec<f32>,
    /// (first node, first leaf) of each tree; a tree with no internal node is a lone leaf
    roots: Vec<(u32, u32, bool)>,
}

#[derive(Debug)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid model: {}", self.0)
    }
}
impl std::error::Error for ModelError {}

impl Gbdt {
    pub fn from_json(j: ModelJson) -> Result<Gbdt, ModelError> {
        let n_feat = j.feature_names.len();
        let mut nodes = Vec::new();
        let mut leaves = Vec::new();
        let mut roots = Vec::with_capacity(j.trees.len());
        for (ti, t) in j.trees.iter().enumerate() {
            let n_int = t.f.len();
            if t.t.len() != n_int || t.l.len() != n_int || t.r.len() != n_int || t.v.len() != n_int + 1 {
                return Err(ModelError(format!("tree {ti}: inconsistent array lengths")));
            }
            let node0 = nodes.len() as u32;
            let leaf0 = leaves.len() as u32;
            for k in 0..n_int {
                let f = t.f[k] as usize;
                if f >= n_feat {
                    return Err(ModelError(format!("tree {ti}: feature {f} out of range")));
                }
                for c in [t.l[k], t.r[k]] {
                    let ok = if c >= 0 { (c as usize) < n_int && c as usize > k } else { ((!c) as usize) < t.v.len() };
                    if !ok {
                        return Err(ModelError(format!("tree {ti}: bad child {c} at node {k}")));
                    }
                }
                nodes.push(Node { thr: t.t[k], feat: f as u32, left: t.l[k], right: t.r[k] });
            }
            leaves.extend_from_slice(&t.v);
            roots.push((node0, leaf0, n_int == 0));
        }
        Ok(Gbdt { feature_names: j.feature_names, base: j.base, nodes, leaves, roots })
    }

    pub fn from_str(s: &str) -> Result<Gbdt, ModelError> {
        let j: ModelJson = serde_json::from_str(s).map_err(|e| ModelError(e.to_string()))?;
        Gbdt::from_json(j)
    }

    pub fn n_features(&self) -> usize {
        self.feature_names.len()
    }

    /// Raw margin (log-odds) of one row.
    #[inline]
    pub fn margin(&self, row: &[f32]) -> f32 {
        let mut sum = self.base;
        for &(node0, leaf0, lone) in &self.roots {
            if lone {
                sum += self.leaves[leaf0 as usize];
                continue;
            }
            // child indices are relative to the tree, and always point forward (checked above),
            // so this walk terminates
            let mut k = 0i32;
            loop {
                let n = self.nodes[(node0 as i32 + k) as usize];
                let x = row[n.feat as usize];
                k = if x <= n.thr { n.left } else { n.right };
                if k < 0 {
                    sum += self.leaves[leaf0 as usize + (!k) as usize];
                    break;
                }
            }
        }
        sum
    }

    /// Probability of the positive class for each row of a row-major matrix.
    pub fn predict(&self, rows: &[f32]) -> Vec<f32> {
        let w = self.n_features();
        rows.chunks_exact(w).map(|r| sigmoid(self.margin(r))).collect()
    }
}

#[inline]
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = r#"{"feature_names":["a","b"],"base":0.0,
        "trees":[{"f":[0,1],"t":[0.5,2.0],"l":[-1,-2],"r":[1,-3],"v":[-1.0,0.5,2.0]},
                 {"f":[],"t":[],"l":[],"r":[],"v":[0.25]}]}"#;

    #[test]
    fn walks_trees() {
        let g = Gbdt::from_str(TINY).unwrap();
        assert_eq!(g.margin(&[0.0, 0.0]), -1.0 + 0.25);
        assert_eq!(g.margin(&[1.0, 1.0]), 0.5 + 0.25);
        assert_eq!(g.margin(&[1.0, 3.0]), 2.0 + 0.25);
        let p = g.predict(&[0.0, 0.0, 1.0, 3.0]);
        assert!(p[0] < 0.5 && p[1] > 0.5);
    }

    #[test]
    fn rejects_bad_models() {
        let bad = TINY.replace("\"l\":[-1,-2]", "\"l\":[0,-2]");
        assert!(Gbdt::from_str(&bad).is_err());
        assert!(Gbdt::from_str("{}").is_err());
    }
}
