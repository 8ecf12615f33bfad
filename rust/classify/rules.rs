//! The hand-written scorer (`Scorer::Rules`): a transparent baseline over a few of the line
//! features, for users who want no learned component. Apart from the line pass because it is
//! a scorer of its own, the alternative to the trained trees.

use std::sync::LazyLock;

use crate::features;
use crate::gbdt::sigmoid;
use crate::lines::Ending;

/// Feature indices used by the rules (looked up once by name so they cannot drift).
struct Idx {
    words: usize,
    stop_rel: usize,
    ending: usize,
    short_run: usize,
    dup: usize,
    cues: usize,
    in_span: usize,
}

static IDX: LazyLock<Idx> = LazyLock::new(|| {
    let n = features::feature_names();
    let f = |s: &str| n.iter().position(|x| x == s).unwrap();
    Idx {
        words: f("words"),
        stop_rel: f("stop_rel"),
        ending: f("ending"),
        short_run: f("short_run"),
        dup: f("dup_count"),
        cues: f("cue_navigation"),
        in_span: f("in_span"),
    }
});

/// The hand-written scorer: prose-like lines (words, stop words, a sentence ending) in the
/// page's densest prose span score high; short lines in menus, cue lines and repeats low.
pub(super) fn rules_score(r: &[f32]) -> f32 {
    let ix = &*IDX;
    let words = r[ix.words];
    let cues: f32 = r[ix.cues..ix.cues + crate::lexicon::N_CUES].iter().sum();
    let mut z = -2.0 + 1.2 * (words + 1.0).ln() + 1.5 * r[ix.stop_rel].min(2.0);
    if r[ix.ending] == Ending::Sentence as u8 as f32 {
        z += 1.0;
    }
    z += 1.5 * r[ix.in_span] - 0.4 * r[ix.short_run].min(6.0) - 1.0 * (r[ix.dup] - 1.0).max(0.0);
    z -= cues * if words < 8.0 { 1.5 } else { 0.3 };
    sigmoid(z)
}
