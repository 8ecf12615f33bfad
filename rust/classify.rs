//! The line pass: analyse a page, score every content line in two stages (the line and its
//! neighbourhood, then the smoothed scores of the neighbourhood), keep the lines above the
//! threshold, give every dropped line a reason, and assemble the clean text.
//!
//! Scores come from the trained models shipped in `rust/models/text.json` (see
//! `benchmarks/train.py`); `Scorer::Rules` is a small hand-written scorer kept as a
//! transparent baseline and for users who want no learned component.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::features::{self, N_STAGE1, N_STAGE2};
use crate::gbdt::{sigmoid, Gbdt, ModelError, ModelJson};
use crate::lexicon::Cue;
use crate::lines::Ending;
use crate::metadata::{self, Metadata};
use crate::page::Page;
use crate::patterns::{has, Shape};
use crate::reasons::Reason;

/// The trained scorers of the text path.
pub struct Models {
    pub stage1: Gbdt,
    pub stage2: Gbdt,
    pub title: Option<Gbdt>,
    /// The threshold the models were tuned with (best mean F1 on held-out sites).
    pub threshold: f32,
}

#[derive(Deserialize)]
struct BundleJson {
    format: String,
    threshold: f32,
    stage1: ModelJson,
    stage2: ModelJson,
    title: Option<ModelJson>,
}

impl Models {
    pub fn from_json(s: &str) -> Result<Models, ModelError> {
        let b: BundleJson = serde_json::from_str(s).map_err(|e| ModelError(e.to_string()))?;
        if b.format != "boilerstrip-text-1" {
            return Err(ModelError(format!("unknown model format {:?}", b.format)));
        }
        let stage1 = Gbdt::from_json(b.stage1)?;
        let stage2 = Gbdt::from_json(b.stage2)?;
        let title = b.title.map(Gbdt::from_json).transpose()?;
        if stage1.feature_names != features::stage1_names() {
            return Err(ModelError("stage-1 features differ from this build's; retrain".into()));
        }
        if stage2.feature_names != features::stage2_names() {
            return Err(ModelError("stage-2 features differ from this build's; retrain".into()));
        }
        if let Some(t) = &title {
            if t.feature_names != metadata::title_feature_names() {
                return Err(ModelError("title features differ from this build's; retrain".into()));
            }
        }
        Ok(Models { stage1, stage2, title, threshold: b.threshold })
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
    /// Keep lines whose score is at least this. Lower keeps more (recall), higher keeps
    /// less (precision). `None`: the models' tuned threshold (0.5 for the rules).
    pub threshold: Option<f32>,
    /// Repeat the line pass on its output until it is stable (see [`clean_text`]). Only
    /// turned off to measure what the fixed point costs.
    pub fixpoint: bool,
}

impl Default for TextOptions<'_> {
    fn default() -> Self {
        TextOptions { scorer: Models::builtin().map_or(Scorer::Rules, Scorer::Model), threshold: None, fixpoint: true }
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

/// Scores of the content lines of `page` (one per `page.content` entry).
pub fn score_page(page: &Page, scorer: Scorer) -> Vec<f32> {
    let f1 = features::stage1(page);
    match scorer {
        Scorer::Model(m) => {
            let s1 = m.stage1.predict(&f1);
            let f2 = features::stage2(page, &f1, &s1);
            m.stage2.predict(&f2)
        }
        Scorer::Rules => {
            let s1: Vec<f32> = f1.chunks_exact(N_STAGE1).map(rules_score).collect();
            let f2 = features::stage2(page, &f1, &s1);
            f2.chunks_exact(N_STAGE2).map(|r| rules_smooth(r)).collect()
        }
    }
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
    s1: usize,
    s1_win1: usize,
    s1_in_span: usize,
}

static IDX: LazyLock<Idx> = LazyLock::new(|| {
    let n1 = features::stage1_names();
    let n2 = features::stage2_names();
    let f = |n: &[String], s: &str| n.iter().position(|x| x == s).unwrap();
    Idx {
        words: f(&n1, "words"),
        stop_rel: f(&n1, "stop_rel"),
        ending: f(&n1, "ending"),
        short_run: f(&n1, "short_run"),
        dup: f(&n1, "dup_count"),
        cues: f(&n1, "cue_navigation"),
        in_span: f(&n1, "in_span"),
        s1: f(&n2, "s1"),
        s1_win1: f(&n2, "s1_win1"),
        s1_in_span: f(&n2, "s1_in_span"),
    }
});

/// The hand-written stage 1: prose-like lines (words, stop words, a sentence ending) in the
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

fn rules_smooth(r: &[f32]) -> f32 {
    let ix = &*IDX;
    0.6 * r[ix.s1] + 0.25 * r[ix.s1_win1] + 0.15 * r[ix.s1_in_span]
}

/// A readable reason for dropping content line `j` (index `i`) of `page`.
fn reason_for(page: &Page, j: usize, i: usize) -> Reason {
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
        return if st.ending == Ending::Sentence { Reason::Repeated } else { Reason::AltText };
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
    let near_phone = (j.saturating_sub(2)..(j + 3).min(c.len())).any(|k| k != j && has(page.shapes[c[k]], Shape::Phone));
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

/// One line pass over `text`: decisions for every line and the metadata read off the page.
fn line_pass(page: &Page, opts: &TextOptions) -> (Vec<LineDecision>, Metadata) {
    let scores = score_page(page, opts.scorer);
    let threshold = opts.threshold.unwrap_or(match opts.scorer {
        Scorer::Model(m) => m.threshold,
        Scorer::Rules => 0.5,
    });
    let mut lines: Vec<LineDecision> =
        (0..page.n_lines()).map(|_| LineDecision { kept: false, reason: Reason::Blank, score: 0.0 }).collect();
    for (j, &i) in page.content.iter().enumerate() {
        let kept = scores[j] >= threshold;
        lines[i] = LineDecision { kept, reason: if kept { Reason::Content } else { reason_for(page, j, i) }, score: scores[j] };
    }
    let title_model = match opts.scorer {
        Scorer::Model(m) => m.title.as_ref(),
        Scorer::Rules => None,
    };
    let meta = metadata::extract(page, &scores, threshold, title_model);
    // The headline goes to the metadata. It is only relabelled here, never dropped on top of
    // the scores: dropping it would make the kept set depend on the title guess, and the
    // fixed point below would then eat the first heading of already clean text.
    if let Some(t) = meta.title_line {
        if !lines[t].kept {
            lines[t].reason = Reason::Title;
        }
    }
    (lines, meta)
}

/// Join the kept lines: a blank line where the input had a blank or dropped line between
/// two kept ones, a newline where they were adjacent.
fn assemble(page: &Page, lines: &[LineDecision]) -> (String, Vec<Option<usize>>) {
    let mut out = String::new();
    let mut origin = Vec::new();
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

/// Clean raw scraped text: keep the main content's lines, drop the rest with reasons.
///
/// The result is a fixed point: the line pass is repeated on its own output until it keeps
/// every line, so `clean_text(clean_text(x).text).text == clean_text(x).text` holds by
/// construction (a contextual scorer may otherwise judge a line differently once the chrome
/// around it is gone). Each pass only removes lines, so this ends; two passes is the norm.
pub fn clean_text(text: &str, url: Option<&str>, opts: &TextOptions) -> TextResult {
    let page = Page::analyze(text, url);
    let (mut lines, meta) = line_pass(&page, opts);
    let (mut out, mut origin) = assemble(&page, &lines);
    let mut passes = 1;
    while opts.fixpoint {
        if out.is_empty() {
            break;
        }
        let again = Page::analyze(&out, url);
        let (dec, _) = line_pass(&again, opts);
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
    let words_in = page.total_words;
    let words_out = lines.iter().enumerate().filter(|(_, d)| d.kept).map(|(i, _)| page.stats[i].words).sum();
    TextResult {
        language: crate::lang::detect(&out),
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
        TextOptions { scorer: Scorer::Rules, threshold: None, fixpoint: true }
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
        assert!(r.lines.iter().all(|d| d.kept == (d.reason == Reason::Content)));
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

    #[test]
    fn builtin_models_load() {
        assert!(Models::builtin().is_some(), "rust/models/text.json is not trained");
    }
}
