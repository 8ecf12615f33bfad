//! The line pass: analyse a page, score every content line with the trained model (the
//! line, its neighbourhood and the page in its features), decide which lines to keep, give
//! every dropped line a reason, and assemble the clean text.
//!
//! Scores come from the trees shipped in `rust/models/text.json` (see
//! `benchmarks/train.py`); `Scorer::Rules` is a small hand-written scorer kept as a
//! transparent baseline and for users who want no learned component.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::features::{self, N_FEATURES};
use crate::gbdt::{sigmoid, Gbdt, ModelError, ModelJson};
use crate::lexicon::Cue;
use crate::lines::Ending;
use crate::metadata::{self, Metadata};
use crate::page::Page;
use crate::patterns::{has, Shape};
use crate::reasons::Reason;
use crate::vocab::{Vocab, VocabJson};

/// The trained scorers of the text path.
pub struct Models {
    pub lines: Gbdt,
    pub title: Option<Gbdt>,
    /// The vocabulary score's weights (see [`crate::vocab`]), a feature of the line model.
    pub vocab: Option<Vocab>,
}

#[derive(Deserialize)]
struct BundleJson {
    format: String,
    lines: ModelJson,
    title: Option<ModelJson>,
    #[serde(default)]
    vocab: Option<VocabJson>,
}

impl Models {
    pub fn from_json(s: &str) -> Result<Models, ModelError> {
        let b: BundleJson = serde_json::from_str(s).map_err(|e| ModelError(e.to_string()))?;
        if b.format != "boilerstrip-text-2" {
            return Err(ModelError(format!("unknown model format {:?}", b.format)));
        }
        let lines = Gbdt::from_json(b.lines)?;
        let title = b.title.map(Gbdt::from_json).transpose()?;
        let vocab = b.vocab.map(Vocab::from_json).transpose()?;
        if lines.feature_names != features::feature_names() {
            return Err(ModelError(
                "line features differ from this build's; retrain".into(),
            ));
        }
        if vocab.is_none()
            && (lines.splits_on("vocab") || title.as_ref().is_some_and(|t| t.splits_on("vocab")))
        {
            return Err(ModelError(
                "the models split on the vocabulary score but the bundle has no vocabulary".into(),
            ));
        }
        if let Some(t) = &title {
            if t.feature_names != metadata::title_feature_names() {
                return Err(ModelError(
                    "title features differ from this build's; retrain".into(),
                ));
            }
        }
        Ok(Models {
            lines,
            title,
            vocab,
        })
    }

    /// The models built into the package (`None` only in a checkout that was never trained:
    /// `rust/models/text.json` holds `null` until `benchmarks/train.py` writes it).
    pub fn builtin() -> Option<&'static Models> {
        BUILTIN.as_ref()
    }
}

static BUILTIN: LazyLock<Option<Models>> = LazyLock::new(|| {
    let s = include_str!("models/text.json");
    if s.trim() == "null" {
        return None;
    }
    Some(Models::from_json(s).expect("the built-in model matches this build (retrain otherwise)"))
});

#[derive(Clone, Copy)]
pub enum Scorer<'m> {
    Model(&'m Models),
    Rules,
}

#[derive(Clone, Copy)]
pub struct TextOptions<'m> {
    pub scorer: Scorer<'m>,
    /// Keep lines whose score is at least this: lower keeps more (recall), higher keeps less
    /// (precision). `None` (the default): choose per page the lines that maximise the
    /// expected F1 of the page (see [`decide`]).
    pub threshold: Option<f32>,
    /// Repeat the line pass on its output until it is stable (see [`clean_text`]). Only
    /// turned off to measure what the fixed point costs.
    pub fixpoint: bool,
    /// With the expected-F1 choice, also keep every line scoring at least this.
    pub floor: f32,
}

impl Default for TextOptions<'_> {
    fn default() -> Self {
        TextOptions {
            scorer: Models::builtin().map_or(Scorer::Rules, Scorer::Model),
            threshold: None,
            fixpoint: true,
            floor: 1.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineDecision {
    pub kept: bool,
    pub reason: Reason,
    /// Probability that the line belongs to the main content (0 for blank lines).
    pub score: f32,
}

pub struct TextResult {
    pub text: String,
    /// One per input line.
    pub lines: Vec<LineDecision>,
    /// Dedup-key hash of each input line (0 for blank lines).
    pub line_hashes: Vec<u64>,
    pub meta: Metadata,
    /// Language of the stop list that matched best (ISO 639-1), if any.
    pub stop_lang: Option<&'static str>,
    /// Language of the clean text (ISO 639-1) and the identifier's confidence.
    pub language: Option<(&'static str, f32)>,
    pub words_in: u32,
    pub words_out: u32,
    /// Passes of the line pass until the output was stable (see [`clean_text`]).
    pub passes: u32,
}

/// Content probability of each content line of `page` (one per `page.content` entry).
pub fn score_page(page: &Page, scorer: Scorer) -> Vec<f32> {
    score_features(&features::line_features(page), scorer)
}

/// Content probability of each row of a [`features::line_features`] matrix.
fn score_features(f: &[f32], scorer: Scorer) -> Vec<f32> {
    match scorer {
        Scorer::Model(m) => m.lines.predict(f),
        Scorer::Rules => f.chunks_exact(N_FEATURES).map(rules_score).collect(),
    }
}

/// Which content lines to keep. With a threshold: those scoring at least it. Without: the
/// set that maximises the page's expected F1 over words, taking scores as probabilities.
/// Sorting lines by score, the expected F1 of keeping the top k is about
/// `2 * sum_k(p*w) / (sum_k(w) + sum_all(p*w))` (w = words + 1); the best k is kept. On a
/// confident page this keeps what a 0.5 threshold keeps; on an uncertain one it adapts,
/// which the mean per-page F1 rewards.
pub fn decide(scores: &[f32], words: &[u32], threshold: Option<f32>) -> Vec<bool> {
    decide_with_floor(scores, words, threshold, 1.0)
}

/// [`decide`], also keeping every line that scores at least `floor` (without a threshold).
pub fn decide_with_floor(
    scores: &[f32],
    words: &[u32],
    threshold: Option<f32>,
    floor: f32,
) -> Vec<bool> {
    if let Some(t) = threshold {
        return scores.iter().map(|&s| s >= t).collect();
    }
    let w: Vec<f32> = words.iter().map(|&x| x as f32 + 1.0).collect();
    let expected_gold: f32 = scores.iter().zip(&w).map(|(p, w)| p * w).sum();
    let order = score_order(scores);
    let (mut num, mut den) = (0.0f32, 0.0f32);
    let (mut best, mut best_k) = (0.0f32, 0usize);
    for (k, &j) in order.iter().enumerate() {
        num += scores[j] * w[j];
        den += w[j];
        let f = 2.0 * num / (den + expected_gold);
        if f > best {
            best = f;
            best_k = k + 1;
        }
    }
    let mut keep: Vec<bool> = scores.iter().map(|&s| s >= floor).collect();
    for &j in &order[..best_k] {
        keep[j] = true;
    }
    keep
}

/// Indices of `scores`, highest score first, ties in index order: the order of a stable sort
/// by `total_cmp`, computed as an unstable sort of one u64 key per line (the score's bits in
/// total order, inverted, then the index), several times faster than the stable sort.
fn score_order(scores: &[f32]) -> Vec<usize> {
    let mut keys: Vec<u64> = scores
        .iter()
        .enumerate()
        .map(|(j, s)| {
            let b = s.to_bits();
            let total = if b >> 31 == 1 { !b } else { b ^ 0x8000_0000 };
            ((!total as u64) << 32) | j as u64
        })
        .collect();
    keys.sort_unstable();
    keys.iter().map(|k| (*k & 0xffff_ffff) as usize).collect()
}

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
fn rules_score(r: &[f32]) -> f32 {
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

/// A readable reason for dropping content line `j` (index `i`) of `page`.
pub fn reason_for(page: &Page, j: usize, i: usize) -> Reason {
    let st = &page.stats[i];
    let sh = page.shapes[i];
    let cues = &page.cues[i];
    if has(sh, Shape::Temperature) {
        return Reason::Weather;
    }
    if has(sh, Shape::Date) || has(sh, Shape::Time) {
        return Reason::DateHeader;
    }
    if has(sh, Shape::Byline) {
        return Reason::Byline;
    }
    if has(sh, Shape::Phone) || has(sh, Shape::Email) {
        return Reason::ContactList;
    }
    if has(sh, Shape::Price) {
        return Reason::Commerce;
    }
    let short = st.words <= 12;
    let c = &page.content;
    let next_adjacent = i + 1 < page.n_lines() && !page.stats[i + 1].is_blank();
    let next_is_caption = next_adjacent && page.cues[i + 1].get(Cue::Caption) > 0;
    if page.dup_count[i] > 1 && st.words >= 6 && !st.bullet {
        return if st.ending == Ending::Sentence {
            Reason::Repeated
        } else {
            Reason::AltText
        };
    }
    if short {
        for (cue, reason) in [
            (Cue::Cookie, Reason::CookieNotice),
            (Cue::Browser, Reason::BrowserNotice),
            (Cue::Share, Reason::ShareWidget),
            (Cue::Follow, Reason::FollowWidget),
            (Cue::Newsletter, Reason::Newsletter),
            (Cue::Account, Reason::Login),
            (Cue::Legal, Reason::Footer),
            (Cue::Advert, Reason::Advert),
            (Cue::Related, Reason::RelatedTeaser),
            (Cue::Comments, Reason::Comments),
            (Cue::Caption, Reason::Caption),
            (Cue::Contact, Reason::ContactList),
            (Cue::Pagination, Reason::Pagination),
            (Cue::Commerce, Reason::Commerce),
            (Cue::Navigation, Reason::Navigation),
        ] {
            if cues.get(cue) > 0 {
                return reason;
            }
        }
        if has(sh, Shape::Count) {
            return Reason::Comments;
        }
    } else if cues.get(Cue::Cookie) > 0 {
        return Reason::CookieNotice;
    } else if cues.get(Cue::Browser) > 0 {
        return Reason::BrowserNotice;
    } else if cues.get(Cue::Caption) > 0 {
        return Reason::Caption;
    }
    if next_is_caption && st.ending == Ending::None {
        return Reason::AltText;
    }
    // inside a teaser block: a "Related ..." heading above, within a few lines
    if let Some(h) = (j.saturating_sub(12)..j).rev().find(|&k| {
        let ik = c[k];
        page.stats[ik].words <= 6 && page.cues[ik].get(Cue::Related) > 0
    }) {
        let _ = h;
        return Reason::RelatedTeaser;
    }
    // a line among phone numbers
    let near_phone = (j.saturating_sub(2)..(j + 3).min(c.len()))
        .any(|k| k != j && has(page.shapes[c[k]], Shape::Phone));
    if near_phone && short {
        return Reason::ContactList;
    }
    let short_neighbours = [j.checked_sub(1), Some(j + 1)]
        .iter()
        .flatten()
        .filter(|&&k| k < c.len() && page.stats[c[k]].words <= 5)
        .count();
    if st.words <= 5 && short_neighbours >= 1 {
        return Reason::Navigation;
    }
    if st.words < 10 {
        Reason::LowTextDensity
    } else {
        Reason::OutsideMainContent
    }
}

/// Lines dropped whatever their score, by rules precise enough to overrule the model (each
/// checked on the dev pack: see the figures beside them): notices, tiny share/follow widgets,
/// image alt texts. They hold in every pass of the fixed point, as the model does.
fn forced_drops(page: &Page) -> Vec<Option<Reason>> {
    use crate::patterns::{
        is_browser_list, is_browser_notice, is_caption_credit, is_cookie_notice,
    };
    let c = &page.content;
    let mut out = vec![None; c.len()];
    let repeated = crate::cohesion::repeated_heading_copies(page);
    let mut browser_at: Vec<usize> = Vec::new();
    for (j, &i) in c.iter().enumerate() {
        let st = &page.stats[i];
        let line = &*page.lines[i];
        let cues = &page.cues[i];
        if st.letters == 0 && st.digits == 0 && st.cjk == 0 {
            // nothing to read: rules, dingbats, replacement characters left by broken encodings
            out[j] = Some(Reason::LowTextDensity);
        } else if repeated[j] {
            out[j] = Some(Reason::AltText);
        } else if cues.get(Cue::Cookie) > 0 && is_cookie_notice(line) {
            out[j] = Some(Reason::CookieNotice);
        } else if cues.get(Cue::Browser) > 0 && is_browser_notice(line, st.words) {
            out[j] = Some(Reason::BrowserNotice);
            browser_at.push(j);
        } else if st.words <= 3 && st.ending != Ending::Sentence && cues.get(Cue::Share) > 0 {
            // "Share", "Share post:", "Tweet": 5% of such lines are content on the dev pack
            out[j] = Some(Reason::ShareWidget);
        } else if st.words <= 3 && st.ending != Ending::Sentence && cues.get(Cue::Follow) > 0 {
            out[j] = Some(Reason::FollowWidget);
        } else if st.words <= 12
            && st.ending == Ending::None
            && cues.get(Cue::Account) > 0
            && !line.contains(['(', '=', '_', '<', '@', '\''])
            && !line.trim_start().starts_with('/')
        {
            // "Sign In / Create Account", "Member Login". A one-off check on the dev pack, with a
            // regex close to the cue's word list (the script was not kept): 1,884 short
            // unpunctuated lines with an account word, 3% content, nearly all of that code
            // (excluded here)
            out[j] = Some(Reason::Login);
        } else if st.words <= 12 && st.ending == Ending::None && !st.bullet {
            // a short untitled line right above a photo credit is the photo's alt text
            // (a one-off check on the dev pack, script not kept: 164 such lines, 155 boilerplate)
            let next = i + 1;
            if next < page.n_lines()
                && !page.stats[next].is_blank()
                && !page.stats[next].bullet
                && is_caption_credit(&page.lines[next])
            {
                out[j] = Some(Reason::AltText);
            }
        }
    }
    // the list of browsers that follows a browser notice
    for &b in &browser_at {
        for j in b.saturating_sub(2)..(b + 3).min(c.len()) {
            let i = c[j];
            if out[j].is_none()
                && page.cues[i].get(Cue::Browser) > 0
                && is_browser_list(&page.lines[i], page.stats[i].words)
            {
                out[j] = Some(Reason::BrowserNotice);
            }
        }
    }
    out
}

/// One line pass over `text`: decisions for every line, and with `with_meta` the metadata
/// read off the page (the first pass; the later passes of the fixed point only decide).
fn line_pass(page: &Page, opts: &TextOptions, with_meta: bool) -> (Vec<LineDecision>, Metadata) {
    // the features are computed once and shared by the line scorer and the title model
    let feats = features::line_features(page);
    let scores = score_features(&feats, opts.scorer);
    let words: Vec<u32> = page.content.iter().map(|&i| page.stats[i].words).collect();
    let mut keep = decide_with_floor(&scores, &words, opts.threshold, opts.floor);
    let mut lines: Vec<LineDecision> = (0..page.n_lines())
        .map(|_| LineDecision {
            kept: false,
            reason: Reason::Blank,
            score: 0.0,
        })
        .collect();
    let forced = forced_drops(page);
    for (j, &i) in page.content.iter().enumerate() {
        let (kept, reason) = if let Some(r) = forced[j] {
            keep[j] = false;
            (false, r)
        } else if keep[j] {
            (true, Reason::Content)
        } else {
            (false, reason_for(page, j, i))
        };
        lines[i] = LineDecision {
            kept,
            reason,
            score: scores[j],
        };
    }
    if !with_meta {
        return (lines, Metadata::default());
    }
    let title_model = match opts.scorer {
        Scorer::Model(m) => m.title.as_ref(),
        Scorer::Rules => None,
    };
    let not_title: Vec<bool> = forced.iter().map(Option::is_some).collect();
    let meta = metadata::extract_with_features(
        page,
        Some(&feats),
        &scores,
        &keep,
        title_model,
        Some(&not_title),
    );
    (lines, meta)
}

/// Join the kept lines: a blank line where the input had a blank or dropped line between
/// two kept ones, a newline where they were adjacent.
pub fn assemble(page: &Page, lines: &[LineDecision]) -> (String, Vec<Option<usize>>) {
    // sized once: the kept lines and a blank line after each, at most
    let (n, bytes) = lines
        .iter()
        .zip(&page.lines)
        .filter(|(d, _)| d.kept)
        .fold((0, 0), |(n, b), (_, l)| (n + 1, b + l.len() + 2));
    let mut out = String::with_capacity(bytes);
    let mut origin = Vec::with_capacity(2 * n);
    let mut last: Option<usize> = None;
    for (i, d) in lines.iter().enumerate() {
        if !d.kept {
            continue;
        }
        if let Some(l) = last {
            if l + 1 == i {
                out.push('\n');
            } else {
                out.push_str("\n\n");
                origin.push(None);
            }
        }
        out.push_str(&page.lines[i]);
        origin.push(Some(i));
        last = Some(i);
    }
    (out, origin)
}

/// Line passes of the fixed point at most. Real pages settle in 2.6 passes on average, but a
/// page built to peel a few lines per pass (a long list of `item 1`, `item 2`, ...) would need
/// thousands: the cap bounds the time at `MAX_PASSES` line passes. A page that reaches it
/// (`TextResult::passes == MAX_PASSES`) may not be a fixed point: 2 of the 1,358 dev pages do,
/// and on one of them cleaning the output again removes 4 more lines (`benchmarks/passes.py`).
pub const MAX_PASSES: u32 = 16;

/// Clean raw scraped text: keep the main content's lines, drop the rest with reasons.
///
/// The result is a fixed point: the line pass is repeated on its own output until it keeps
/// every line, so `clean_text(clean_text(x).text).text == clean_text(x).text` holds by
/// construction (a contextual scorer may otherwise judge a line differently once the chrome
/// around it is gone). Each pass only removes lines, so this ends; two passes is the norm, [`MAX_PASSES`]
/// the limit.
pub fn clean_text(text: &str, url: Option<&str>, opts: &TextOptions) -> TextResult {
    let vocab = match opts.scorer {
        Scorer::Model(m) => m.vocab.as_ref(),
        Scorer::Rules => None,
    };
    let page = Page::analyze_with(text, url, vocab);
    let (mut lines, meta) = line_pass(&page, opts, true);
    let (mut out, mut origin) = assemble(&page, &lines);
    let mut passes = 1;
    while opts.fixpoint && !out.is_empty() && passes < MAX_PASSES {
        // `out` is made of lines of `page` (`origin` says which): their per-line analysis is
        // taken over instead of redone (see `Page::analyze_reusing`)
        let again = Page::analyze_reusing(&out, url, vocab, &page, &origin);
        let (dec, _) = line_pass(&again, opts, false);
        passes += 1;
        let mut changed = false;
        for (k, d) in dec.iter().enumerate() {
            if let (Some(Some(i)), false) = (origin.get(k), d.kept) {
                if again.stats[k].is_blank() {
                    continue;
                }
                lines[*i].kept = false;
                lines[*i].reason = d.reason;
                lines[*i].score = d.score;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        let (o, g) = assemble(&page, &lines);
        out = o;
        origin = g;
    }
    // The headline goes to the metadata. It is only relabelled, never dropped on top of the
    // scores: dropping it would make the kept set depend on the title guess, and the fixed
    // point would then eat the first heading of already clean text.
    if let Some(t) = meta.title_line {
        if !lines[t].kept {
            lines[t].reason = Reason::Title;
        }
    }
    let words_in = page.total_words;
    let mut words_out = 0;
    let mut stop_hits = [0u32; crate::stopwords::N_LANG];
    for (i, _) in lines.iter().enumerate().filter(|(_, d)| d.kept) {
        words_out += page.stats[i].words;
        for (t, &c) in stop_hits.iter_mut().zip(page.stats[i].stop.0.iter()) {
            *t += c as u32;
        }
    }
    TextResult {
        language: crate::lang::detect_with_stops(&out, &stop_hits, words_out),
        text: out,
        line_hashes: page.hashes.clone(),
        lines,
        meta,
        stop_lang: page.stop_lang.map(|l| crate::stopwords::LANGS[l]),
        words_in,
        words_out,
        passes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> TextOptions<'static> {
        TextOptions {
            scorer: Scorer::Rules,
            threshold: Some(0.5),
            fixpoint: true,
            floor: 1.0,
        }
    }

    #[test]
    fn a_bundle_without_the_vocabulary_its_trees_use_is_refused() {
        let mut b: serde_json::Value =
            serde_json::from_str(include_str!("models/text.json")).unwrap();
        assert!(Models::from_json(&b.to_string()).is_ok());
        b.as_object_mut().unwrap().remove("vocab");
        let err = Models::from_json(&b.to_string()).err().expect("refused");
        assert!(err.0.contains("no vocabulary"), "{}", err.0);
    }

    #[test]
    fn expected_f1_decision() {
        // confident page: same as a 0.5 threshold
        assert_eq!(
            decide(&[0.9, 0.1, 0.8], &[10, 10, 10], None),
            [true, false, true]
        );
        // a threshold is a threshold
        assert_eq!(
            decide(&[0.9, 0.3, 0.8], &[10, 10, 10], Some(0.2)),
            [true, true, true]
        );
        // an uncertain page keeps its best lines rather than nothing
        let k = decide(&[0.35, 0.3, 0.05], &[20, 20, 20], None);
        assert!(k[0] && !k[2]);
        assert!(decide(&[], &[], None).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn score_order_is_a_stable_sort_by_score(v in proptest::collection::vec(
            proptest::prop_oneof![proptest::num::f32::ANY, proptest::sample::select(vec![0.5f32, -0.0, 0.0, 1.0])], 0..40)) {
            let mut order: Vec<usize> = (0..v.len()).collect();
            order.sort_by(|&a, &b| v[b].total_cmp(&v[a]).then(a.cmp(&b)));
            proptest::prop_assert_eq!(score_order(&v), order);
        }
    }

    const PAGE: &str = "Home\nNews\nSport\nContact\n\nShare post:\n\n\
        The committee met on Tuesday to discuss the budget, and after a long debate it decided that the new school would be built next year.\n\n\
        Members said that the plan was the best way to serve the growing town, although some of them were worried about the cost.\n\n\
        Related articles\n\nCopyright 2024 Example News. All rights reserved.\n";

    #[test]
    fn keeps_prose_and_drops_chrome_with_reasons() {
        let r = clean_text(PAGE, None, &rules());
        assert!(r.text.contains("The committee met"));
        assert!(r.text.contains("Members said"));
        assert!(!r.text.contains("Share post"));
        assert!(!r.text.contains("Copyright"));
        assert_eq!(r.lines.len(), PAGE.lines().count());
        assert_eq!(r.lines[5].reason, Reason::ShareWidget);
        assert_eq!(r.lines[1].reason, Reason::Navigation);
        assert!(r
            .lines
            .iter()
            .all(|d| d.kept == (d.reason == Reason::Content)));
    }

    #[test]
    fn fixed_point() {
        let r = clean_text(PAGE, None, &rules());
        let again = clean_text(&r.text, None, &rules());
        assert_eq!(again.text, r.text);
    }

    #[test]
    fn empty_and_blank_inputs() {
        for t in ["", "   ", "\n\n\n", "\u{0}\u{0}"] {
            let r = clean_text(t, None, &rules());
            assert_eq!(r.text, "");
        }
    }

    fn model() -> TextOptions<'static> {
        TextOptions {
            scorer: Scorer::Model(Models::builtin().expect("trained text model")),
            threshold: None,
            fixpoint: true,
            floor: 1.0,
        }
    }

    /// Page-like text for the properties: lines of words from a small vocabulary of prose,
    /// menu and widget cues, blank lines, bullets, and arbitrary characters now and then.
    fn page_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        const WORDS: &[&str] = &[
            "the",
            "council",
            "voted",
            "park",
            "Home",
            "News",
            "Share",
            "Related",
            "Copyright",
            "\u{a9}",
            "2024",
            "approved",
            "after",
            "debate",
            "and",
            "of",
            "\u{2022}",
            "|",
            "Login",
            "\u{e9}",
            "\u{6570}\u{636e}",
            "a",
            "in",
            "was",
            "Cookies",
        ];
        let line = prop_oneof![
            1 => Just(String::new()),
            1 => "\\PC{0,30}",
            6 => (proptest::collection::vec(proptest::sample::select(WORDS), 1..30), proptest::sample::select(&["", ".", ":", "...", "?"][..]),
                  proptest::sample::select(&["", "  ", "  \u{2022} "][..]))
                .prop_map(|(w, end, indent)| format!("{indent}{}{end}", w.join(" "))),
        ];
        proptest::collection::vec(line, 0..25).prop_map(|ls| ls.join("\n"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 64, ..Default::default() })]

        /// `clean_text` is a fixed point on its own output, with both scorers.
        #[test]
        fn clean_text_is_idempotent(text in page_strategy()) {
            for opts in [model(), rules()] {
                let once = clean_text(&text, None, &opts).text;
                proptest::prop_assert_eq!(&clean_text(&once, None, &opts).text, &once);
            }
        }

        /// Every line of the output is a (normalised) input line, in input order.
        #[test]
        fn kept_lines_are_input_lines(text in page_strategy()) {
            let r = clean_text(&text, None, &model());
            let inputs: Vec<String> = crate::lines::split_lines(&text).map(|l| crate::normalize::normalize_line(l).into_owned()).collect();
            let mut at = 0;
            for line in r.text.split('\n').filter(|l| !l.is_empty()) {
                let found = inputs[at..].iter().position(|l| l == line);
                proptest::prop_assert!(found.is_some(), "{:?} is not an input line (after line {})", line, at);
                at += found.unwrap() + 1;
            }
            proptest::prop_assert_eq!(r.lines.len(), inputs.len());
        }

        /// The normaliser and the dedup key are idempotent on any string.
        #[test]
        fn normalisation_is_idempotent(s in "\\PC{0,60}|[ \t\r\n\u{0}-\u{1f}\u{a0}\u{2000}-\u{200f}\u{feff}a\u{301}]{0,30}") {
            let once = crate::normalize::normalize_text(&s);
            proptest::prop_assert_eq!(crate::normalize::normalize_text(&once), once.clone());
            let k = crate::normalize::dedup_key(&s);
            proptest::prop_assert_eq!(crate::normalize::dedup_key(&k), k);
        }
    }

    #[test]
    fn lines_without_letters_or_digits_are_dropped_whatever_the_model() {
        let page = format!("{}\n{}\n* * *\n", PAGE, "\u{fffd}".repeat(4));
        for opts in [rules(), TextOptions::default()] {
            let r = clean_text(&page, None, &opts);
            let n = r.lines.len();
            assert_eq!(r.lines[n - 2].reason, Reason::LowTextDensity);
            assert_eq!(r.lines[n - 1].reason, Reason::LowTextDensity);
            assert!(!r.text.contains('\u{fffd}'));
        }
    }

    #[test]
    fn builtin_models_load() {
        assert!(
            Models::builtin().is_some(),
            "rust/models/text.json is not trained"
        );
    }
}
