//! The vocabulary score of a line: a logistic regression over its words and word pairs,
//! hashed into 2^18 buckets (`benchmarks/train.py` fits it on the dev pack's lines, out of
//! fold). The cue lists name the boilerplate words people think of; this learns the rest
//! ("republish", "webcam", "sku", "joined", a product page's spec vocabulary) from data,
//! and gives the tree model what no count or shape of a line tells it: what the line is
//! about. It is one feature of the line model (and, through the neighbours' features, of its
//! neighbours), computed once per line.
//!
//! The weights are stored as one signed byte per bucket (256 KiB, so the lookups stay in
//! L2) times a scale; the training script computes the feature through this code, so
//! training and inference see the same numbers.

use serde::Deserialize;

use crate::gbdt::ModelError;
use crate::lexicon::LineWords;

pub const BITS: u32 = 18;
const MASK: u64 = (1 << BITS) - 1;

#[derive(Deserialize)]
pub struct VocabJson {
    bits: u32,
    bias: f32,
    scale: f32,
    /// base64 of one i8 per bucket
    weights: String,
}

pub struct Vocab {
    bias: f32,
    scale: f32,
    weights: Vec<i8>,
}

/// The buckets of a line's terms: each word, and each pair of neighbouring words; sorted,
/// each once (a line is a set of terms, as the regression was trained on).
pub fn line_terms(words: &LineWords, out: &mut Vec<u32>) {
    out.clear();
    let w = &words.words;
    for (k, &(h, _)) in w.iter().enumerate() {
        out.push((h & MASK) as u32);
        if k + 1 < w.len() {
            let pair = (h.rotate_left(17) ^ w[k + 1].0).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            out.push(((pair >> 20) & MASK) as u32);
        }
    }
    out.sort_unstable();
    out.dedup();
}

impl Vocab {
    pub fn from_json(j: VocabJson) -> Result<Vocab, ModelError> {
        if j.bits != BITS {
            return Err(ModelError(format!("vocabulary of 2^{} buckets, this build hashes into 2^{BITS}", j.bits)));
        }
        use base64::Engine as _;
        let weights = base64::engine::general_purpose::STANDARD
            .decode(j.weights.trim())
            .map_err(|e| ModelError(format!("vocabulary weights are not base64: {e}")))?;
        if weights.len() != 1 << BITS {
            return Err(ModelError(format!("{} vocabulary weights for 2^{BITS} buckets", weights.len())));
        }
        if !(j.bias.is_finite() && j.scale.is_finite()) {
            return Err(ModelError("non-finite vocabulary bias or scale".into()));
        }
        Ok(Vocab { bias: j.bias, scale: j.scale, weights: weights.into_iter().map(|b| b as i8).collect() })
    }

    /// The regression's margin for a line with these terms (binary features scaled to unit
    /// length), or 0 for a line without words.
    pub fn score(&self, terms: &[u32]) -> f32 {
        if terms.is_empty() {
            return 0.0;
        }
        let sum: i32 = terms.iter().map(|&t| self.weights[t as usize] as i32).sum();
        self.bias + self.scale * sum as f32 / (terms.len() as f32).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::Bitmaps;

    fn terms(line: &str) -> Vec<u32> {
        let mut maps = Bitmaps::default();
        maps.fill(line);
        let mut words = LineWords::default();
        words.fill(line, &maps);
        let mut t = Vec::new();
        line_terms(&words, &mut t);
        t
    }

    #[test]
    fn terms_are_words_and_pairs_whatever_the_case() {
        assert_eq!(terms("Republish this article").len(), 5);
        assert_eq!(terms("REPUBLISH this Article!"), terms("republish, this article"));
        assert!(terms("").is_empty());
    }

    #[test]
    fn score_is_the_margin() {
        let mut w = vec![0u8; 1 << BITS];
        let t = terms("republish this");
        for &b in &t {
            w[b as usize] = 2; // +2 each
        }
        use base64::Engine as _;
        let enc = base64::engine::general_purpose::STANDARD.encode(&w);
        let v = Vocab::from_json(VocabJson { bits: BITS, bias: -1.0, scale: 0.5, weights: enc }).unwrap();
        let n = t.len() as f32;
        assert!((v.score(&t) - (-1.0 + 0.5 * 2.0 * n / n.sqrt())).abs() < 1e-6);
        assert_eq!(v.score(&[]), 0.0);
    }
}
