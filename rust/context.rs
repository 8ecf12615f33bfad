//! The second stage of the line scorer: each line's features plus what the first stage
//! thought of its neighbourhood and of the page. A line among lines the first stage keeps
//! is likely content even when it looks thin on its own (a short paragraph, a subheading);
//! a prose-like line far from everything else kept is likely a teaser or a notice. This is
//! the idea of jusText's context-sensitive second pass, learned: `benchmarks/train.py
//! --stack` trains the second stage on out-of-fold first-stage scores.

use crate::classify::decide;
use crate::features::{best_span, N_FEATURES};
use crate::page::Page;

/// Names of the context features, appended to the line features.
pub const CONTEXT_NAMES: [&str; 24] = [
    "c_p", "c_m3", "c_m2", "c_m1", "c_p1", "c_p2", "c_p3", "c_win3", "c_win7", "c_max3", "c_min3", "c_wmean5",
    "c_rank_words", "c_page_mean", "c_page_kept", "c_kept", "c_kept_run", "c_up_kept", "c_down_kept", "c_in_block",
    "c_block_dist", "c_mass_before", "c_mass_after", "c_lines_kept",
];
pub const N_CONTEXT: usize = CONTEXT_NAMES.len();
pub const N_STACKED: usize = N_FEATURES + N_CONTEXT;

/// A feature that does not exist here (no neighbour).
const NONE: f32 = -1.0;
const FAR: f32 = 99.0;

pub fn stacked_feature_names() -> Vec<String> {
    let mut v = crate::features::feature_names();
    v.extend(CONTEXT_NAMES.iter().map(|s| s.to_string()));
    v
}

/// Rows of the second stage: each row of `base` (a [`crate::features::line_features`]
/// matrix of `page`) followed by its context features from the first-stage scores `p1`.
pub fn stacked_features(page: &Page, base: &[f32], p1: &[f32]) -> Vec<f32> {
    let m = p1.len();
    debug_assert_eq!(base.len(), m * N_FEATURES);
    let mut out = vec![0f32; m * N_STACKED];
    if m == 0 {
        return out;
    }
    let words: Vec<u32> = page.content.iter().map(|&i| page.stats[i].words).collect();
    let w: Vec<f32> = words.iter().map(|&x| x as f32 + 1.0).collect();
    let keep = decide(p1, &words, None);
    let total_w: f32 = w.iter().sum();
    let mass: Vec<f32> = p1.iter().zip(&w).map(|(p, w)| p * w).collect();
    let total_mass: f32 = mass.iter().sum::<f32>().max(1e-6);
    // the page's main block by the first stage: the run maximising the kept-minus-dropped words
    let block = best_span(&p1.iter().zip(&w).map(|(p, w)| (p - 0.5) * w).collect::<Vec<_>>());
    // words in lines scoring above each line (for its rank on the page)
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p1[b].total_cmp(&p1[a]).then(a.cmp(&b)));
    let mut above = vec![0f32; m];
    let mut acc = 0f32;
    for &j in &order {
        above[j] = acc;
        acc += w[j];
    }
    // nearest kept line above and below, and the run of kept lines each line is in
    let mut up = vec![FAR; m];
    let mut last: Option<usize> = None;
    for j in 0..m {
        up[j] = last.map_or(FAR, |l| ((j - l) as f32).min(FAR));
        if keep[j] {
            last = Some(j);
        }
    }
    let mut down = vec![FAR; m];
    let mut next: Option<usize> = None;
    for j in (0..m).rev() {
        down[j] = next.map_or(FAR, |l| ((l - j) as f32).min(FAR));
        if keep[j] {
            next = Some(j);
        }
    }
    let mut run = vec![0f32; m];
    let mut j = 0;
    while j < m {
        if !keep[j] {
            j += 1;
            continue;
        }
        let s = j;
        while j < m && keep[j] {
            j += 1;
        }
        for r in &mut run[s..j] {
            *r = (j - s) as f32;
        }
    }
    let page_mean = total_mass / total_w.max(1e-6);
    let page_kept = keep.iter().zip(&w).filter(|(k, _)| **k).map(|(_, w)| w).sum::<f32>() / total_w.max(1e-6);
    let lines_kept = keep.iter().filter(|&&k| k).count() as f32 / m as f32;
    let at = |k: i64| if k < 0 || k >= m as i64 { NONE } else { p1[k as usize] };
    let mut mass_before = 0f32;
    for (j, row) in out.chunks_exact_mut(N_STACKED).enumerate() {
        row[..N_FEATURES].copy_from_slice(&base[j * N_FEATURES..(j + 1) * N_FEATURES]);
        let c = &mut row[N_FEATURES..];
        let ji = j as i64;
        let win = |r: usize| {
            let (lo, hi) = (j.saturating_sub(r), (j + r).min(m - 1));
            let n = hi - lo;
            if n == 0 {
                NONE
            } else {
                (p1[lo..=hi].iter().sum::<f32>() - p1[j]) / n as f32
            }
        };
        let (lo3, hi3) = (j.saturating_sub(3), (j + 3).min(m - 1));
        let others = (lo3..=hi3).filter(|&k| k != j).map(|k| p1[k]);
        let (mx, mn) = others.fold((NONE, 2.0f32), |(a, b), x| (a.max(x), b.min(x)));
        let (lo5, hi5) = (j.saturating_sub(5), (j + 5).min(m - 1));
        let wsum: f32 = w[lo5..=hi5].iter().sum();
        let (inside, dist) = match block {
            None => (0.0, FAR),
            Some((a, b)) => {
                let d = if j < a { a - j } else if j > b { j - b } else { 0 };
                ((a <= j && j <= b) as u8 as f32, (d as f32).min(FAR))
            }
        };
        let vals = [
            p1[j],
            at(ji - 3),
            at(ji - 2),
            at(ji - 1),
            at(ji + 1),
            at(ji + 2),
            at(ji + 3),
            win(3),
            win(7),
            mx,
            if mn > 1.0 { NONE } else { mn },
            mass[lo5..=hi5].iter().sum::<f32>() / wsum,
            above[j] / total_w,
            page_mean,
            page_kept,
            keep[j] as u8 as f32,
            run[j],
            up[j],
            down[j],
            inside,
            dist,
            mass_before / total_mass,
            (total_mass - mass_before - mass[j]) / total_mass,
            lines_kept,
        ];
        c.copy_from_slice(&vals);
        mass_before += mass[j];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_have_the_width_of_the_names() {
        let p = Page::analyze("Home\nNews\n\nThe quick brown fox jumps over the lazy dog and then it runs away.\n\nMore\n", None);
        let base = crate::features::line_features(&p);
        let rows = stacked_features(&p, &base, &[0.1, 0.2, 0.9, 0.3]);
        assert_eq!(rows.len(), 4 * N_STACKED);
        assert_eq!(stacked_feature_names().len(), N_STACKED);
        assert!(rows.iter().all(|x| x.is_finite()));
        // the base features come first, unchanged
        assert_eq!(&rows[N_STACKED..N_STACKED + N_FEATURES], &base[N_FEATURES..2 * N_FEATURES]);
        assert_eq!(rows[2 * N_STACKED + N_FEATURES], 0.9);
    }
}
