//! Feature vectors of the content (non-blank) lines of a page: the line's own statistics,
//! its neighbours, the runs and windows it sits in (menus, teaser blocks, contact lists),
//! its place relative to the page's prose and headline, its topic cohesion with the prose,
//! and the page's kind. The context features do what jusText's second, context-sensitive
//! pass does, but learned. The names below are the contract with the training script
//! (`benchmarks/train.py`): change them together and retrain.
//!
//! The columns are built in two modules: `rows` writes the matrix, line by line (the line's
//! own features, its neighbours', its context), and `page_level` the page-level columns
//! that end every row (the page's counts and its URL's words). This one holds the names and
//! the widths they share.

mod page_level;
mod rows;

pub use rows::{best_span, line_features, prose_lines};
pub(crate) use rows::{min_stop_of, prose_like};

use crate::lexicon::N_CUES;
use crate::patterns::N_SHAPES;
use page_level::PAGE_FEATURES;

/// Names of the features, in order.
pub fn feature_names() -> Vec<String> {
    let mut v: Vec<String> = [
        "chars",
        "words",
        "mean_word_len",
        "letter_ratio",
        "digit_ratio",
        "punct_ratio",
        "upper_ratio",
        "title_ratio",
        "stop_ratio",
        "stop_count",
        "stop_rel",
        "ending",
        "bullet",
        "numbered",
        "indent",
        "separators",
        "has_at",
        "has_url",
        "digit_run",
        "cjk_ratio",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.extend(crate::lexicon::CUE_NAMES.iter().map(|c| format!("cue_{c}")));
    v.extend(
        crate::patterns::SHAPE_NAMES
            .iter()
            .map(|c| format!("shape_{c}")),
    );
    for s in [
        "dup_count",
        "dup_rank",
        "pos_line",
        "pos_word",
        "doc_words",
        "doc_lines",
        "blank_before",
        "blank_after",
        "slug_in_line",
        "line_in_slug",
    ] {
        v.push(s.into());
    }
    for d in ["m2", "m1", "p1", "p2"] {
        for s in [
            "words",
            "stop_ratio",
            "ending",
            "bullet",
            "cues",
            "dup_count",
        ] {
            v.push(format!("{d}_{s}"));
        }
    }
    for s in [
        "short_run",
        "short_run_pos",
        "long_run",
        "same_kind_run",
        "win3_words",
        "win3_stop",
        "win5_prose",
        "prose_before",
        "prose_after",
        "in_span",
        "span_dist",
        "since_related",
        "since_comments",
        "since_legal",
        "since_prose",
        "until_prose",
        "prefix_count",
        "template_count",
        "topic",
        "slug_cover",
        "from_headline",
        "vocab",
        "vocab_m1",
        "vocab_p1",
        "vocab_win3",
    ] {
        v.push(s.into());
    }
    v.extend(PAGE_FEATURES.iter().map(|s| s.to_string()));
    v
}

pub const N_FEATURES: usize = 20 + N_CUES + N_SHAPES + 10 + 24 + 25 + PAGE_FEATURES.len();

/// Sentinel for a feature that does not exist here (no neighbour, no cue seen yet).
const NONE: f32 = -1.0;
const FAR: f32 = 99.0;

#[inline]
fn ratio(a: u32, b: u32) -> f32 {
    if b == 0 {
        0.0
    } else {
        a as f32 / b as f32
    }
}

#[cfg(test)]
pub(crate) mod tests;
