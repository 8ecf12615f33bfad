//! The fast text path (`scorer="fast"`): a cheaper clean for corpora where speed counts more
//! than the last points of F1.
//!
//! The default path (`classify::clean_text`) reads each line through the full page analysis
//! (normalisation, byte-class maps, hashed words, cue phrases, a vocabulary, tens of context
//! features, a title model, bylines and dates), which alone runs at about 50 MB/s. This path
//! reads each line once, from byte-class bitmaps of the whole page (see `pass`), for a
//! handful of counts (characters, words, letters, capitals, digits, punctuation, stop words of
//! the page's language, how it starts and ends, whether it repeats in the page), reads the
//! default path's cue phrases and shapes on short lines only, adds what its neighbours say
//! (runs of short lines, the distance to the nearest line of prose, smoothed stop-word
//! shares), scores the lines with a tree model trained on these features only
//! (`benchmarks/train_fast.py`, shipped as `models/fast.json`), and keeps the lines the
//! default path's expected-F1 choice keeps, less those the default path's rules drop whatever
//! their score (`classify::forced_drop`). The kept lines are read again until
//! that reading keeps them all, as a second clean would read them (see [`clean_text`]): the
//! clean text is a fixed point. It normalises and dedup-hashes only the kept lines.
//!
//! What it does not do: Markdown rendering, joining broken paragraphs, cutting unbroken text,
//! and the metadata other than the language (no title, author or date).

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::classify::{LineDecision, LineFacts, TextResult};
use crate::gbdt::{Gbdt, ModelError, ModelJson};
use crate::lexicon::{cue_hits, Cue, CueHits, LineWords};
use crate::lines::Ending;
use crate::page::CUE_BYTES;
use crate::patterns::N_SHAPES;
use crate::reasons::Reason;
use crate::scan::Bitmaps;
use crate::stopwords::{self, N_LANG};

mod pass;
pub use pass::{line_pass, line_stats, line_stats_at, TextMaps};

/// The features of a line, in model order (see [`FastPage::features`]).
pub const FEATURE_NAMES: [&str; 60] = [
    "log_chars",
    "words",
    "letter_share",
    "digit_share",
    "upper_share",
    "punct_share",
    "high_share",
    "title_share",
    "stop_share",
    "stops",
    "mean_word_len",
    "ending",
    "bullet",
    "numbered",
    "url",
    "separators",
    "repeats",
    "position",
    "words_before_share",
    "prev_words",
    "next_words",
    "prev_stop_share",
    "next_stop_share",
    "short_run",
    "prose_before",
    "prose_after",
    "window_stop_share",
    "window_words",
    "page_prose_share",
    "page_log_words",
    "shape_temperature",
    "shape_date",
    "shape_time",
    "shape_phone",
    "shape_price",
    "shape_count",
    "shape_byline",
    "shape_email",
    "cue_navigation",
    "cue_share",
    "cue_follow",
    "cue_cookie",
    "cue_account",
    "cue_newsletter",
    "cue_related",
    "cue_legal",
    "cue_browser",
    "cue_advert",
    "cue_comments",
    "cue_caption",
    "cue_contact",
    "cue_calendar",
    "cue_byline",
    "cue_pagination",
    "cue_commerce",
    "cue_quote",
    "prev_cues",
    "next_cues",
    "window_cue_lines",
    "related_above",
];
pub const N_FEATURES: usize = FEATURE_NAMES.len();

/// Words of a line of prose, for the context features: at least this many words...
const PROSE_WORDS: u32 = 10;
/// ...of which at least this share are stop words of the page's language.
const PROSE_STOP_SHARE: f32 = 0.15;
/// A line of at most this many words is short (menus, buttons, labels).
const SHORT_WORDS: u32 = 4;
/// A dropped line of at most this many words takes its reason from the cue family it is
/// about, as in the default path (`classify::drops`).
const SHORT_CUE_WORDS: u32 = 12;
/// Lines on each side in the smoothed features.
const WINDOW: usize = 3;
/// The distance to the nearest line of prose is counted up to this many lines.
const FAR: u32 = 30;

/// What the line pass (`pass::line_stats_at`) learns of a line.
#[derive(Clone, Copy, Debug, Default)]
pub struct FastStats {
    pub chars: u32,
    pub words: u32,
    pub letters: u32,
    pub upper: u32,
    pub digits: u32,
    pub punct: u32,
    /// Characters outside ASCII.
    pub high: u32,
    /// Words whose first letter or digit is an ASCII capital.
    pub title_words: u32,
    /// Bytes of the words' letters and digits (for the mean word length).
    pub word_bytes: u32,
    pub separators: u32,
    pub ending: Ending,
    pub bullet: bool,
    pub numbered: bool,
    pub url: bool,
    /// Stop words of the page's language (set once the page's language is known).
    pub stops: u32,
}

/// A page read by the fast pass: its content (non-blank) lines' statistics and context.
#[derive(Default)]
pub struct FastPage<'a> {
    /// Every line, trimmed of spaces and tabs (in normal form in a [`FastPage::subset`] given
    /// the normal forms).
    pub lines: Vec<Cow<'a, str>>,
    /// Input line number of each content line.
    pub content: Vec<usize>,
    /// Statistics of each content line.
    pub stats: Vec<FastStats>,
    /// Whether each content line is clean ASCII in normal form (see [`line_stats`]).
    pub clean: Vec<bool>,
    /// The shapes (`patterns::shapes`: a date, a price, a byline...) of each content line...
    pub shapes: Vec<u16>,
    /// ...and its cue phrases (`lexicon::cue_hits`: "Share this", "Privacy Policy"...), read
    /// on lines of at most `page::CUE_BYTES` bytes only (longer lines are prose or lists).
    pub cues: Vec<CueHits>,
    /// The default path's rules that drop a line whatever its score (a cookie notice, a tiny
    /// share widget, an image's alt text: `classify::forced_drop`), for each content line.
    pub forced: Vec<Option<Reason>>,
    /// What those rules say of each content line on its own (`classify::forced_drop_own`:
    /// not the rule that reads the next line, nor the copies of a heading), which a
    /// [`FastPage::subset`] takes over for the lines it does not read again.
    own_forced: Vec<Option<Reason>>,
    /// A hash of each content line's trimmed bytes...
    hashes: Vec<u64>,
    /// ...and how many content lines of the page have it (the line repeats when more than 1).
    pub repeats: Vec<u32>,
    /// The stop-word mask of each word of the content lines, line after line...
    masks: Vec<u64>,
    /// ...and where each content line's words end in it.
    mask_ends: Vec<u32>,
    /// The stop list with the most hits in the page, if any.
    pub lang: Option<usize>,
    pub words: u32,
}

impl<'a> FastPage<'a> {
    pub fn read(text: &'a str) -> FastPage<'a> {
        // room for every line and its words, so that no vector grows line by line (their
        // copies were 3% of a callgrind count of the fast path): lines counted at their
        // breaks, words guessed at one in six bytes
        let n = bytecount::count(text.as_bytes(), b'\n') + 1;
        let mut p = FastPage::with_capacity(n, n);
        let mut pending = Vec::new();
        let (mut maps, mut words) = (Bitmaps::default(), LineWords::default());
        let mut masks = Vec::with_capacity(text.len() / 6);
        line_pass(
            text,
            &mut TextMaps::default(),
            &mut masks,
            &mut pending,
            |i, line, st, clean, masks, (start, text_maps)| {
                p.lines.push(Cow::Borrowed(line));
                if st.letters + st.digits + st.punct == 0 {
                    masks.truncate(*p.mask_ends.last().unwrap_or(&0) as usize);
                    return;
                }
                // (a hash of the trimmed bytes, not the dedup key: that costs more than the
                // rest of the pass, and a line repeated in a page is mostly repeated as it is)
                p.hashes.push(crate::hash::hash_bytes(line.as_bytes()));
                p.content.push(i);
                p.stats.push(st);
                p.clean.push(clean);
                p.shapes
                    .push(crate::patterns::shapes_knowing(line, st.digits > 0));
                p.cues.push(if st.high == 0 {
                    // (an ASCII line: its words are read off the text's maps)
                    line_cues_at(text, text_maps, (start, start + line.len()), &mut words)
                } else {
                    line_cues(line, &mut maps, &mut words)
                });
                p.mask_ends.push(masks.len() as u32);
            },
        );
        p.masks = masks;
        p.finish(None);
        p.own_forced = (0..p.content.len()).map(|j| p.own_forced_drop(j)).collect();
        p.forced = p.forced_drops();
        p
    }

    /// An empty page with room for `lines` lines, `content` of them content lines.
    fn with_capacity(lines: usize, content: usize) -> FastPage<'a> {
        FastPage {
            lines: Vec::with_capacity(lines),
            content: Vec::with_capacity(content),
            stats: Vec::with_capacity(content),
            clean: Vec::with_capacity(content),
            shapes: Vec::with_capacity(content),
            cues: Vec::with_capacity(content),
            hashes: Vec::with_capacity(content),
            mask_ends: Vec::with_capacity(content),
            ..FastPage::default()
        }
    }

    /// The line after content line `j`, when it follows with no blank line between and is not
    /// a list item (what `classify::caption_above` reads).
    fn next_line(&self, j: usize) -> Option<&str> {
        let i = self.content[j];
        (self.content.get(j + 1) == Some(&(i + 1)) && !self.stats[j + 1].bullet)
            .then(|| &*self.lines[i + 1])
    }

    /// The facts `classify::forced_drop` reads of content line `j`.
    fn line_facts(&self, j: usize) -> LineFacts<'_> {
        let (i, st) = (self.content[j], &self.stats[j]);
        // (the pass counts every character outside ASCII as a letter)
        let readable = st.upper + st.digits > 0
            || st.letters > st.high
            || self.lines[i].chars().any(char::is_alphanumeric);
        LineFacts {
            line: &self.lines[i],
            words: st.words,
            ending: st.ending,
            bullet: st.bullet,
            numbered: st.numbered,
            readable,
            cues: &self.cues[j],
            next: self.next_line(j),
        }
    }

    /// `classify::forced_drop_own` of content line `j`.
    fn own_forced_drop(&self, j: usize) -> Option<Reason> {
        crate::classify::forced_drop_own(&self.line_facts(j))
    }

    /// The default path's rules that drop a line whatever its score (see
    /// `classify::forced_drops`), for each content line.
    fn forced_drops(&self) -> Vec<Option<Reason>> {
        let n = self.content.len();
        let copies = crate::cohesion::heading_copies(
            n,
            |j| &self.lines[self.content[j]],
            |j| self.stats[j].words,
            |j| self.repeats[j],
        );
        let mut out: Vec<Option<Reason>> = (0..n)
            .map(|j| {
                // (the first of the rules finds a line with nothing to read, and only a
                // readable line is a heading's copy)
                let own = self.own_forced[j];
                if own != Some(Reason::LowTextDensity) && copies[j] {
                    return Some(Reason::AltText);
                }
                let st = &self.stats[j];
                own.or_else(|| {
                    crate::classify::caption_above(
                        st.words,
                        st.ending,
                        st.bullet,
                        self.next_line(j),
                    )
                })
            })
            .collect();
        // the list of browsers that follows a browser notice
        let notices: Vec<usize> = (0..n)
            .filter(|&j| out[j] == Some(Reason::BrowserNotice))
            .collect();
        for b in notices {
            #[allow(clippy::needless_range_loop)] // (`j` indexes four vectors)
            for j in b.saturating_sub(2)..(b + 3).min(n) {
                if out[j].is_none()
                    && self.cues[j].get(Cue::Browser) > 0
                    && crate::patterns::is_browser_list(
                        &self.lines[self.content[j]],
                        self.stats[j].words,
                    )
                {
                    out[j] = Some(Reason::BrowserNotice);
                }
            }
        }
        out
    }

    /// The content lines `keep` says, read as a page of their own: what the fast pass reads
    /// in the clean text they make (laid out as it is, a blank line where lines were apart),
    /// without writing and reading it. `norms`: the normal form
    /// of the kept lines that have one of their own (a no-break space become a space, an
    /// invisible character dropped, a control character replaced), which are read again.
    pub fn subset(&self, keep: &[bool], norms: Option<&[Option<Cow<'_, str>>]>) -> FastPage<'a> {
        let n = keep.iter().filter(|&&k| k).count();
        // (with a blank line at most between two kept lines)
        let mut p = FastPage::with_capacity(2 * n, n);
        p.own_forced.reserve(n);
        p.masks.reserve(self.masks.len());
        let (mut maps, mut words, mut pending) =
            (Bitmaps::default(), LineWords::default(), Vec::new());
        let mut classes = TextMaps::default();
        let mut last: Option<usize> = None;
        // which content lines are read again from their normal form
        let mut fresh: Vec<bool> = Vec::with_capacity(n);
        for (j, _) in keep.iter().enumerate().filter(|(_, &k)| k) {
            // laid out as the clean text is: a blank line between lines that were apart
            let i = self.content[j];
            if last.is_some_and(|l| l + 1 != i) {
                p.lines.push(Cow::Borrowed(""));
            }
            last = Some(i);
            p.content.push(p.lines.len());
            if let Some(Some(Cow::Owned(n))) = norms.map(|n| &n[j]) {
                fresh.push(true);
                classes.fill(n);
                let (st, clean) =
                    line_stats_at(n, &classes, 0, n.len(), &mut p.masks, &mut pending);
                p.stats.push(st);
                p.clean.push(clean);
                p.shapes
                    .push(crate::patterns::shapes_knowing(n, st.digits > 0));
                p.cues.push(line_cues(n, &mut maps, &mut words));
                p.hashes.push(crate::hash::hash_bytes(n.as_bytes()));
                p.lines.push(Cow::Owned(n.clone()));
                // the rules of the line read again, on its normal form
                let own = p.own_forced_drop(p.content.len() - 1);
                p.own_forced.push(own);
            } else {
                fresh.push(false);
                p.lines.push(self.lines[self.content[j]].clone());
                p.stats.push(self.stats[j]);
                p.clean.push(self.clean[j]);
                p.shapes.push(self.shapes[j]);
                p.cues.push(self.cues[j]);
                p.hashes.push(self.hashes[j]);
                p.masks.extend_from_slice(self.line_masks(j));
                p.own_forced.push(self.own_forced[j]);
            }
            p.mask_ends.push(p.masks.len() as u32);
        }
        p.finish(Some((self.lang, &fresh)));
        p.forced = p.forced_drops();
        p
    }

    /// What the page's content lines say together: the repeats, the language and each line's
    /// stop words in it, the words. `parent`: for a [`FastPage::subset`], the language of the
    /// page it was taken from and which of its lines were read again; when the language is
    /// the same, the other lines' stop words are the ones they had there.
    fn finish(&mut self, parent: Option<(Option<usize>, &[bool])>) {
        let mut seen: FxHashMap<u64, u32> =
            FxHashMap::with_capacity_and_hasher(self.hashes.len(), Default::default());
        for &h in &self.hashes {
            *seen.entry(h).or_default() += 1;
        }
        self.repeats = self.hashes.iter().map(|h| seen[h]).collect();
        let hits = stop_hits([&self.masks[..]]);
        self.lang = (0..N_LANG)
            .max_by_key(|&l| (hits[l], std::cmp::Reverse(l)))
            .filter(|&l| hits[l] > 0);
        for j in 0..self.stats.len() {
            if parent.is_some_and(|(lang, fresh)| lang == self.lang && !fresh[j]) {
                continue;
            }
            self.stats[j].stops = match self.lang {
                Some(l) => self.line_masks(j).iter().map(|m| (m >> l & 1) as u32).sum(),
                None => 0,
            };
        }
        self.words = self.stats.iter().map(|s| s.words).sum();
    }

    /// The stop-word masks of content line `j`'s words.
    fn line_masks(&self, j: usize) -> &[u64] {
        let start = j.checked_sub(1).map_or(0, |k| self.mask_ends[k]) as usize;
        &self.masks[start..self.mask_ends[j] as usize]
    }

    /// The features of each content line, `N_FEATURES` per line, row after row.
    pub fn features(&self) -> Vec<f32> {
        let n = self.stats.len();
        let mut out = Vec::with_capacity(n * N_FEATURES);
        let stop_share = |s: &FastStats| s.stops as f32 / s.words.max(1) as f32;
        let prose: Vec<bool> = self
            .stats
            .iter()
            .map(|s| s.words >= PROSE_WORDS && stop_share(s) >= PROSE_STOP_SHARE)
            .collect();
        // distance to the nearest line of prose before and after (FAR when none)
        let mut before = vec![FAR; n];
        let mut last: Option<usize> = None;
        for i in 0..n {
            if let Some(l) = last {
                before[i] = ((i - l) as u32).min(FAR);
            }
            if prose[i] {
                last = Some(i);
            }
        }
        let mut after = vec![FAR; n];
        let mut next: Option<usize> = None;
        for i in (0..n).rev() {
            if let Some(l) = next {
                after[i] = ((l - i) as u32).min(FAR);
            }
            if prose[i] {
                next = Some(i);
            }
        }
        // the run of short lines each short line is in
        let mut run = vec![0u32; n];
        let mut i = 0;
        while i < n {
            if self.stats[i].words > SHORT_WORDS {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < n && self.stats[j].words <= SHORT_WORDS {
                j += 1;
            }
            run[i..j].fill((j - i) as u32);
            i = j;
        }
        // prefix sums of words and stop words, for the windows and the position by words
        let mut cum_words = Vec::with_capacity(n + 1);
        let mut cum_stops = Vec::with_capacity(n + 1);
        let (mut w, mut s) = (0u32, 0u32);
        cum_words.push(0);
        cum_stops.push(0);
        for st in &self.stats {
            w += st.words;
            s += st.stops;
            cum_words.push(w);
            cum_stops.push(s);
        }
        let page_prose = prose.iter().filter(|&&p| p).count() as f32 / n.max(1) as f32;
        let cue_sum = |j: usize| self.cues[j].0.iter().map(|&c| c as u32).sum::<u32>();
        let cued: Vec<u32> = (0..n).map(|j| (cue_sum(j) > 0) as u32).collect();
        let mut cum_cued = Vec::with_capacity(n + 1);
        cum_cued.push(0u32);
        for &c in &cued {
            cum_cued.push(cum_cued.last().unwrap() + c);
        }
        // lines since the last short line with a "Related ..." cue above (FAR when none)
        let mut related = vec![FAR; n];
        let mut last_related: Option<usize> = None;
        for (j, rel) in related.iter_mut().enumerate() {
            if let Some(r) = last_related {
                *rel = ((j - r) as u32).min(FAR);
            }
            if self.stats[j].words <= 6 && self.cues[j].get(Cue::Related) > 0 {
                last_related = Some(j);
            }
        }
        let page_log_words = (self.words as f32 + 1.0).ln();
        for (i, st) in self.stats.iter().enumerate() {
            let chars = st.chars.max(1) as f32;
            let lo = i.saturating_sub(WINDOW);
            let hi = (i + WINDOW + 1).min(n);
            let ww = cum_words[hi] - cum_words[lo];
            let ws = cum_stops[hi] - cum_stops[lo];
            let prev = i.checked_sub(1).map(|j| &self.stats[j]);
            let next = self.stats.get(i + 1);
            out.extend_from_slice(&[
                chars.ln(),
                st.words as f32,
                st.letters as f32 / chars,
                st.digits as f32 / chars,
                st.upper as f32 / st.letters.max(1) as f32,
                st.punct as f32 / chars,
                st.high as f32 / chars,
                st.title_words as f32 / st.words.max(1) as f32,
                stop_share(st),
                st.stops as f32,
                st.word_bytes as f32 / st.words.max(1) as f32,
                st.ending as u8 as f32,
                st.bullet as u8 as f32,
                st.numbered as u8 as f32,
                st.url as u8 as f32,
                st.separators as f32,
                self.repeats[i] as f32,
                i as f32 / n as f32,
                cum_words[i] as f32 / self.words.max(1) as f32,
                prev.map_or(-1.0, |p| p.words as f32),
                next.map_or(-1.0, |p| p.words as f32),
                prev.map_or(-1.0, stop_share),
                next.map_or(-1.0, stop_share),
                run[i] as f32,
                before[i] as f32,
                after[i] as f32,
                ws as f32 / ww.max(1) as f32,
                ww as f32 / (hi - lo) as f32,
                page_prose,
                page_log_words,
            ]);
            out.extend((0..N_SHAPES).map(|k| (self.shapes[i] >> k & 1) as f32));
            out.extend(self.cues[i].0.iter().map(|&c| c as f32));
            out.extend_from_slice(&[
                i.checked_sub(1).map_or(-1.0, |j| cue_sum(j) as f32),
                if i + 1 < n {
                    cue_sum(i + 1) as f32
                } else {
                    -1.0
                },
                (cum_cued[hi] - cum_cued[lo]) as f32,
                related[i] as f32,
            ]);
        }
        out
    }
}

/// Stop-word hits per language of the words whose masks are `slices` (one slice a line,
/// say): by byte counters in AVX2 where the CPU has it, else by [`stop_hits_sliced`].
fn stop_hits<'m>(slices: impl IntoIterator<Item = &'m [u64]>) -> [u32; N_LANG] {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 is present
        return unsafe { tally::stop_hits(slices) };
    }
    stop_hits_sliced(slices.into_iter().flatten())
}

/// [`stop_hits`] by hand-written bit-sliced counters (plane `k` holds bit `k` of every
/// language's count, and adding a mask ripples its carries up the planes): a stop word is
/// one in many languages ("a", "de", "la"), and adding its mask's bits one by one made
/// `FastPage::finish` a tenth of a scratch profile of the fast path (7% with these counters,
/// the repeats' hash map included in both).
fn stop_hits_sliced<'m>(masks: impl IntoIterator<Item = &'m u64>) -> [u32; N_LANG] {
    // eight planes in registers (an array of them was kept in memory, and each step waited
    // on the store of the last), and the carries out of the eighth (256 hits) counted apart
    let (mut p0, mut p1, mut p2, mut p3, mut p4, mut p5, mut p6, mut p7) =
        (0u64, 0u64, 0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
    let mut hits = [0u32; N_LANG];
    macro_rules! add {
        ($c:ident, $p:ident) => {
            let t = $p & $c;
            $p ^= $c;
            $c = t;
        };
    }
    for &m in masks {
        let mut c = m;
        if c == 0 {
            continue;
        }
        add!(c, p0);
        add!(c, p1);
        add!(c, p2);
        add!(c, p3);
        add!(c, p4);
        add!(c, p5);
        add!(c, p6);
        add!(c, p7);
        while c != 0 {
            hits[c.trailing_zeros() as usize] += 256;
            c &= c - 1;
        }
    }
    for (k, p) in [p0, p1, p2, p3, p4, p5, p6, p7].iter().enumerate() {
        for (l, h) in hits.iter_mut().enumerate() {
            *h += ((p >> l & 1) as u32) << k;
        }
    }
    hits
}

/// The default path's dedup-key hash of a normalised line (see `normalize::dedup_key`).
fn line_key_hash(norm: &str, key: &mut Vec<u8>) -> u64 {
    crate::hash::key_hash_bytes(crate::normalize::dedup_key_bytes(norm, key))
}

/// The fast path's model: a tree model over [`FEATURE_NAMES`].
pub struct FastModel {
    pub lines: Gbdt,
}

#[derive(serde::Deserialize)]
struct FastJson {
    format: String,
    lines: ModelJson,
}

impl FastModel {
    pub fn from_json(s: &str) -> Result<FastModel, ModelError> {
        let j: FastJson =
            crate::gbdt::read_bundle(s, "boilerstrip-fast-1", |b: &FastJson| &b.format)?;
        let lines = Gbdt::from_json(j.lines)?;
        if lines.feature_names != FEATURE_NAMES {
            return Err(ModelError(
                "the model's features are not this build's fast features".into(),
            ));
        }
        Ok(FastModel { lines })
    }

    /// The model shipped in the package, if the build has one.
    pub fn builtin() -> Option<&'static FastModel> {
        static M: LazyLock<Option<FastModel>> = LazyLock::new(|| {
            let s = include_str!("models/fast.json");
            (!s.trim().is_empty()).then(|| FastModel::from_json(s).expect("models/fast.json"))
        });
        M.as_ref()
    }
}

/// Clean `text` on the fast path: one [`TextResult`] as the default path gives it, with
/// `meta` empty (no title, author or date) and the language from the stop words (or
/// whatlang). `threshold`: keep lines scoring at least this; `None`, the expected-F1 choice,
/// which also keeps every line scoring at least `floor` (as in the default path).
/// `line_hashes` holds the dedup-key hash of each kept line, as the default path hashes it,
/// and 0 for every other line: hashing every line's dedup key cost more than the line pass
/// itself (a first version: 88 ms against 35 on 300 dev pages), and what uses the hashes (a
/// document's line hashes, the site template) reads the kept lines'.
///
/// The kept lines are then read again as a page of their own ([`FastPage::subset`]: a line
/// that was one of a run of menu items may stand alone in the output), in normal form and
/// laid out as the clean text is, and the lines that reading drops are dropped too, until it
/// keeps them all (or `classify::MAX_PASSES` readings): what cleaning the clean text again
/// reads, without writing and reading it. `passes` counts the readings. Without `fixpoint`
/// (training, and measuring what it costs) the first reading decides.
pub fn clean_text(
    text: &str,
    model: &FastModel,
    threshold: Option<f32>,
    floor: f32,
    fixpoint: bool,
) -> TextResult {
    let page = FastPage::read(text);
    let scores = page_scores(&page, model);
    let mut keep = decide(&page, &scores, threshold, floor);
    // the normal form of each kept line, written once (a line of invisible characters has
    // none left: nothing to keep)
    let mut norms: Vec<Option<Cow<str>>> = (0..keep.len())
        .map(|j| keep[j].then(|| normalized(&page, j)))
        .collect();
    for (k, n) in keep.iter_mut().zip(norms.iter_mut()) {
        if n.as_deref() == Some("") {
            (*k, *n) = (false, None);
        }
    }
    let mut passes = 1;
    if fixpoint && keep.iter().any(|&k| k) {
        // the kept lines, in normal form, read again as a page of their own until that
        // reading keeps them all (each round only drops lines): `idx` maps its content lines
        // to the page's
        let mut idx: Vec<usize> = (0..keep.len()).filter(|&j| keep[j]).collect();
        let mut again = page.subset(&keep, Some(&norms));
        while passes < crate::classify::MAX_PASSES && !idx.is_empty() {
            let keep2 = decide(&again, &page_scores(&again, model), threshold, floor);
            if keep2.iter().all(|&k| k) {
                break;
            }
            passes += 1;
            for (&j, &k) in idx.iter().zip(&keep2) {
                if !k {
                    (keep[j], norms[j]) = (false, None);
                }
            }
            idx.retain(|&j| keep[j]);
            again = again.subset(&keep2, None);
        }
    }
    let out = assemble(&page, &norms);
    let mut lines: Vec<LineDecision> = vec![
        LineDecision {
            kept: false,
            reason: Reason::Blank,
            score: 0.0,
        };
        page.lines.len()
    ];
    let mut line_hashes = vec![0u64; page.lines.len()];
    let mut words_out = 0;
    let mut key = Vec::new();
    for (j, &i) in page.content.iter().enumerate() {
        let d = &mut lines[i];
        d.kept = keep[j];
        d.score = scores[j];
        d.reason = if keep[j] {
            Reason::Content
        } else {
            reason(&page, j)
        };
        if keep[j] {
            words_out += page.stats[j].words;
            line_hashes[i] = line_key_hash(norms[j].as_deref().expect("kept"), &mut key);
        }
    }
    let out_hits = stop_hits(
        (0..keep.len())
            .filter(|&j| keep[j])
            .map(|j| page.line_masks(j)),
    );
    let language = crate::lang::detect_with_stops(&out, &out_hits, words_out);
    TextResult {
        text: out,
        lines,
        line_hashes,
        stop_lang: page.lang.map(|l| stopwords::LANGS[l]),
        language,
        words_in: page.words,
        words_out,
        passes,
        // (no metadata, and a plain text's reading: nothing rendered, joined or cut)
        ..TextResult::default()
    }
}

/// Content line `j` in normal form (borrowed when the line is in it).
fn normalized<'a>(page: &FastPage<'a>, j: usize) -> Cow<'a, str> {
    let line = &page.lines[page.content[j]];
    if page.clean[j] || crate::normalize::is_normal_line(line) {
        line.clone()
    } else {
        Cow::Owned(crate::normalize::normalize_line(line).into_owned())
    }
}

/// The cue phrases of a line of at most `page::CUE_BYTES` bytes (none for a longer one).
fn line_cues(line: &str, maps: &mut Bitmaps, words: &mut LineWords) -> CueHits {
    if line.len() > CUE_BYTES {
        return CueHits::default();
    }
    maps.fill(line);
    words.fill(line, maps);
    cue_hits(line, words, CUE_BYTES)
}

/// [`line_cues`] of the ASCII line `text[start..end]`, its words read off the text's maps.
fn line_cues_at(
    text: &str,
    maps: &TextMaps,
    (start, end): (usize, usize),
    words: &mut LineWords,
) -> CueHits {
    if end - start > CUE_BYTES {
        return CueHits::default();
    }
    words.fill_ascii_at(text, maps.word(), start, end);
    cue_hits(&text[start..end], words, CUE_BYTES)
}

fn page_scores(page: &FastPage, model: &FastModel) -> Vec<f32> {
    if page.stats.is_empty() {
        return Vec::new();
    }
    model.lines.predict(&page.features())
}

/// Which content lines to keep: the default path's choice on the scores, less the lines a
/// rule drops whatever their score.
fn decide(page: &FastPage, scores: &[f32], threshold: Option<f32>, floor: f32) -> Vec<bool> {
    let words: Vec<u32> = page.stats.iter().map(|s| s.words).collect();
    let mut keep = crate::classify::decide_with_floor(scores, &words, threshold, floor);
    if threshold.is_none() && page.content.len() >= crate::classify::runs::LONG_PAGE {
        // the default path's runs of prose: a long article's tail, which the model drops for
        // its place on a long page (`benchmarks/long_pages.py`: of 500 paragraphs this path
        // kept 74)
        crate::classify::runs::continue_runs(&FastRuns::new(page), &mut keep);
    }
    for (k, f) in keep.iter_mut().zip(&page.forced) {
        *k &= f.is_none();
    }
    keep
}

/// What the runs of prose read of a fast page (see `classify::runs`): its cues are read on
/// short lines only, so a paragraph's caption words are unknown here.
struct FastRuns<'p, 'a> {
    page: &'p FastPage<'a>,
    /// The stop-word share a line of prose needs (the default path's `prose_min_stop`).
    min_stop: f32,
}

impl<'p, 'a> FastRuns<'p, 'a> {
    fn new(page: &'p FastPage<'a>) -> Self {
        let (stops, words) = page.stats.iter().fold((0u64, 0u64), |(s, w), st| {
            (s + st.stops as u64, w + st.words as u64)
        });
        let mean = if words > 0 {
            stops as f32 / words as f32
        } else {
            0.0
        };
        FastRuns {
            page,
            min_stop: crate::features::min_stop_of(mean),
        }
    }
}

impl crate::classify::runs::RunLines for FastRuns<'_, '_> {
    fn len(&self) -> usize {
        self.page.content.len()
    }
    fn prose(&self, j: usize) -> bool {
        let st = &self.page.stats[j];
        let stop = st.stops as f32 / st.words.max(1) as f32;
        crate::features::prose_like(st.words, st.ending, stop, self.min_stop)
    }
    fn ending(&self, j: usize) -> Ending {
        self.page.stats[j].ending
    }
    fn bullet(&self, j: usize) -> bool {
        self.page.stats[j].bullet
    }
    fn repeated(&self, j: usize) -> bool {
        self.page.repeats[j] > 1
    }
    fn heading(&self, j: usize) -> bool {
        let st = &self.page.stats[j];
        st.words <= crate::classify::runs::HEADING_WORDS
            && !st.bullet
            && self.page.shapes[j] == 0
            && !self.page.cues[j].any()
            && self.page.repeats[j] <= 1
    }
    fn caption_only(&self, j: usize) -> bool {
        crate::classify::runs::caption_only(&self.page.cues[j])
    }
    fn outside_main(&self, j: usize) -> bool {
        // (a line a rule drops has that rule's reason)
        reason(self.page, j) == Reason::OutsideMainContent
            && !crate::classify::had_cue_reason_of(&self.page.cues[j], self.page.stats[j].words)
    }
}

/// The clean text of the kept content lines, given in normal form (`None` for the others): a
/// blank line between lines that were not next to each other in the input.
fn assemble(page: &FastPage, norms: &[Option<Cow<str>>]) -> String {
    let bytes = norms.iter().flatten().map(|l| l.len() + 2).sum();
    let mut out = String::with_capacity(bytes);
    let mut last: Option<usize> = None;
    for (&i, norm) in page.content.iter().zip(norms) {
        let Some(norm) = norm else { continue };
        if let Some(l) = last {
            out.push_str(if l + 1 == i { "\n" } else { "\n\n" });
        }
        out.push_str(norm);
        last = Some(i);
    }
    out
}

/// A dropped line's reason, from what the fast pass knows of it: its shape, its repeats, the
/// cue family it is about, then its length and its neighbours' (the default path's
/// `classify::reason_for`, less what this path does not read).
fn reason(page: &FastPage, j: usize) -> Reason {
    if let Some(r) = page.forced[j] {
        return r;
    }
    let st = &page.stats[j];
    let line = &*page.lines[page.content[j]];
    if let Some(r) = crate::classify::shape_reason(page.shapes[j], line) {
        return r;
    }
    if page.repeats[j] > 1 {
        return Reason::Repeated;
    }
    if st.words <= SHORT_CUE_WORDS {
        if let Some(r) = crate::classify::cue_reason(line, &page.cues[j]) {
            return r;
        }
    } else if page.cues[j].get(Cue::Cookie) > 0 {
        return Reason::CookieNotice;
    }
    if (j.saturating_sub(12)..j)
        .any(|k| page.stats[k].words <= 6 && page.cues[k].get(Cue::Related) > 0)
    {
        return Reason::RelatedTeaser;
    }
    if st.words <= SHORT_WORDS {
        Reason::Navigation
    } else if st.words < PROSE_WORDS || st.stops == 0 {
        Reason::LowTextDensity
    } else {
        Reason::OutsideMainContent
    }
}

/// [`stop_hits`] in AVX2: a byte counter per language, 32 to a vector, each word's mask
/// spread over them (bit `k` to byte `k`) by a byte shuffle and a compare, and the counters
/// added into `u32`s every 255 words: no branch on the mask. The bit-sliced counters
/// branched past the words in no list (about half of them), and mispredicted about as often
/// as not: `perf` of the fast path put `FastPage::finish` at 6% of its time, most of it that
/// loop, and 3.3% with this one (`benchmarks/README.md`). Hand-written: no crate counts set
/// bits per position across words.
#[cfg(target_arch = "x86_64")]
mod tally {
    use std::arch::x86_64::*;

    use super::N_LANG;

    /// See the module.
    ///
    /// # Safety
    /// The CPU must have AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn stop_hits<'m>(
        slices: impl IntoIterator<Item = &'m [u64]>,
    ) -> [u32; N_LANG] {
        // byte `k` of a vector picks byte `k / 8` of the broadcast mask (the shuffle reads
        // within each 128-bit half, and each half holds the whole mask), and `bits` its bit
        // `k % 8`
        let pick_lo = _mm256_setr_epi8(
            0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3,
            3, 3, 3,
        );
        let pick_hi = _mm256_add_epi8(pick_lo, _mm256_set1_epi8(4));
        let bits = _mm256_set1_epi64x(0x8040_2010_0804_0201u64 as i64);
        // byte `k` of `lo` counts bit `k` of the masks, byte `k` of `hi` bit `32 + k`, over
        // the last `since` words (at most 255: a byte's room), and `hits` the words before
        let (mut lo, mut hi, mut since) = (_mm256_setzero_si256(), _mm256_setzero_si256(), 0);
        let mut hits = [0u32; N_LANG];
        let flush = |lo: __m256i, hi: __m256i, hits: &mut [u32; N_LANG]| {
            let mut b = [0u8; 64];
            // SAFETY: `b` holds two vectors
            unsafe {
                _mm256_storeu_si256(b.as_mut_ptr().cast(), lo);
                _mm256_storeu_si256(b.as_mut_ptr().add(32).cast(), hi);
            }
            for (h, &c) in hits.iter_mut().zip(&b) {
                *h += c as u32;
            }
        };
        for masks in slices {
            for &m in masks {
                let v = _mm256_set1_epi64x(m as i64);
                let l = _mm256_and_si256(_mm256_shuffle_epi8(v, pick_lo), bits);
                let h = _mm256_and_si256(_mm256_shuffle_epi8(v, pick_hi), bits);
                // a set bit compares to all ones, -1: subtracting it counts one
                lo = _mm256_sub_epi8(lo, _mm256_cmpeq_epi8(l, bits));
                hi = _mm256_sub_epi8(hi, _mm256_cmpeq_epi8(h, bits));
                since += 1;
                if since == 255 {
                    flush(lo, hi, &mut hits);
                    (lo, hi, since) = (_mm256_setzero_si256(), _mm256_setzero_si256(), 0);
                }
            }
        }
        flush(lo, hi, &mut hits);
        hits
    }
}

#[cfg(test)]
mod tests;
