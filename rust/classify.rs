//! The line pass: analyse a page, score every content line with the trained model (the
//! line, its neighbourhood and the page in its features), decide which lines to keep, give
//! every dropped line a reason, and assemble the clean text.
//!
//! Scores come from the trees shipped in `rust/models/text.json` (see
//! `benchmarks/train.py`); `Scorer::Rules` is a small hand-written scorer kept as a
//! transparent baseline and for users who want no learned component.
//!
//! The expected-F1 choice of the kept lines (`choice`), the hand-written scorer (`rules`) and
//! the reasons of dropped lines (`drops`) have files of their own; this one holds the models,
//! the options and results, the line pass, its fixed point and the assembly of the text.

mod choice;
mod drops;
mod rules;
pub(crate) mod runs;

pub use choice::{decide, decide_with_floor};
pub use drops::reason_for;
pub(crate) use drops::{
    caption_above, cue_reason, forced_drop_own, had_cue_reason_of, hits, shape_reason, LineFacts,
};
use runs::continue_prose_runs;

use std::sync::LazyLock;

use serde::Deserialize;

use crate::features::{self, N_FEATURES};
use crate::gbdt::{Gbdt, ModelError, ModelJson};
use crate::metadata::{self, Metadata};
use crate::page::Page;
use crate::reasons::Reason;
use crate::vocab::{Vocab, VocabJson};
use drops::forced_drops;
use rules::rules_score;

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
        let b: BundleJson =
            crate::gbdt::read_bundle(s, "boilerstrip-text-2", |b: &BundleJson| &b.format)?;
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
    /// The fast path (see [`crate::fast`]): its own line pass, features and model.
    Fast(&'m crate::fast::FastModel),
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
    /// Read the text as Markdown, each line rendered to the text a browser shows (see
    /// [`crate::markdown`]): `Some(true)` always, `Some(false)` never, `None` (the default)
    /// when it looks like Markdown ([`crate::markdown::looks_like_markdown`]).
    pub markdown: Option<bool>,
    /// Cut the text's long lines into segments first (see [`crate::segment`]): `Some(true)`
    /// always, `Some(false)` never, `None` (the default) when it reads as text that lost its
    /// line breaks ([`crate::segment::looks_unbroken`]).
    pub segment: Option<bool>,
    /// Join the pieces of paragraphs first: lines broken at inline elements (see
    /// [`crate::fragments`]), then the lines of a hard-wrapped text (see [`crate::hardwrap`]).
    /// `Some(true)` always, `Some(false)` never, `None` (the default) each when the text reads
    /// so ([`crate::fragments::looks_broken`], [`crate::hardwrap::looks_wrapped`]). Never with
    /// `segment` `Some(true)`: joined, its lines would be cut again.
    pub unwrap: Option<bool>,
    /// A text cut into segments (see `segment`) with more lines than this gives
    /// [`TextResult::too_many_lines`]: the caller's limit on lines, which it checks on the
    /// input's lines, holds for the segments too.
    pub max_lines: usize,
}

impl Default for TextOptions<'_> {
    fn default() -> Self {
        TextOptions {
            scorer: Models::builtin().map_or(Scorer::Rules, Scorer::Model),
            threshold: None,
            fixpoint: true,
            floor: 1.0,
            markdown: None,
            segment: None,
            unwrap: None,
            max_lines: usize::MAX,
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

#[derive(Default)]
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
    /// The text the decisions are about, when it is not the input: the input's Markdown
    /// rendered line by line (same line count), its pieces of paragraphs joined (see
    /// [`crate::fragments`] and [`crate::hardwrap`]; same line count), the input cut into
    /// segments (see [`crate::segment`]; more lines), or several of these; or the input with
    /// its Unicode line separators written as `\n`. Line texts and `text` are of this one.
    pub rendered: Option<String>,
    /// The input was read as Markdown (see [`crate::markdown`]).
    pub markdown: bool,
    /// The input's long lines were cut into segments (see [`crate::segment`]).
    pub segmented: bool,
    /// The input's hard-wrapped paragraphs were joined (see [`crate::hardwrap`]).
    pub unwrapped: bool,
    /// The input's lines broken at inline elements were joined (see [`crate::fragments`]).
    pub rejoined: bool,
    /// The input was not cleaned: cut into segments, it has more lines than
    /// [`TextOptions::max_lines`]. Everything else is empty.
    pub too_many_lines: bool,
}

impl TextResult {
    /// The result of a text refused for its number of lines (see [`TextResult::too_many_lines`]).
    fn too_many_lines() -> TextResult {
        TextResult {
            segmented: true,
            too_many_lines: true,
            ..TextResult::default()
        }
    }
}

/// Content probability of each content line of `page` (one per `page.content` entry).
pub fn score_page(page: &Page, scorer: Scorer) -> Vec<f32> {
    score_features(&features::line_features(page), scorer)
}

/// Content probability of each row of a [`features::line_features`] matrix.
fn score_features(f: &[f32], scorer: Scorer) -> Vec<f32> {
    match scorer {
        Scorer::Model(m) => m.lines.predict(f),
        // (the fast model scores its own features, not these; `clean_text` never gets here
        // with it)
        Scorer::Rules | Scorer::Fast(_) => f.chunks_exact(N_FEATURES).map(rules_score).collect(),
    }
}

/// One line pass over `text`: decisions for every line, and with `meta` the metadata read off
/// the page (the first pass; the later passes of the fixed point only decide), `meta` holding
/// the line the input marks as its headline, if any.
fn line_pass(
    page: &Page,
    opts: &TextOptions,
    meta: Option<Option<usize>>,
) -> (Vec<LineDecision>, Metadata) {
    // the features are computed once and shared by the line scorer and the title model
    let feats = features::line_features(page);
    let scores = score_features(&feats, opts.scorer);
    let mut keep = choose_lines(page, &scores, opts.threshold, opts.floor);
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
    keep_fences(page, &mut lines, &mut keep);
    let Some(headline) = meta else {
        return (lines, Metadata::default());
    };
    let title_model = match opts.scorer {
        Scorer::Model(m) => m.title.as_ref(),
        Scorer::Rules | Scorer::Fast(_) => None,
    };
    let not_title: Vec<bool> = forced.iter().map(Option::is_some).collect();
    let meta = metadata::extract_with_features(
        page,
        Some(&feats),
        &scores,
        &keep,
        title_model,
        Some(&not_title),
        headline,
    );
    (lines, meta)
}

/// The fences of each fenced code block (see [`crate::markdown::fence_pairs`]) follow the
/// lines between them: both kept when one of those is, both dropped when none is. The clean
/// text so holds a kept block with its fences, which reads as code when cleaned again, and
/// never one fence alone, which would make the rest of the text code (the scorer kept a
/// `` ```python `` line and dropped its bare closing fence as a line without letters). Asked
/// of every text, not only of those read as Markdown: the clean text of a Markdown page need
/// not read as Markdown again.
fn keep_fences(page: &Page, lines: &mut [LineDecision], keep: &mut [bool]) {
    if !page
        .lines
        .iter()
        .any(|l| l.starts_with("```") || l.starts_with("~~~"))
    {
        return;
    }
    for (a, b) in crate::markdown::fence_pairs(page.lines.iter().map(|l| &**l)) {
        let inside = lines[a + 1..b].iter().any(|d| d.kept);
        for i in [a, b] {
            if lines[i].kept == inside {
                continue;
            }
            lines[i].kept = inside;
            lines[i].reason = if inside {
                Reason::Content
            } else {
                Reason::LowTextDensity
            };
            if let Ok(j) = page.content.binary_search(&i) {
                keep[j] = inside;
            }
        }
    }
}

/// Which content lines of `page` to keep, from their scores (the text and the HTML path
/// alike): [`decide_with_floor`], then, without a threshold, the runs of prose carried on
/// (`runs`). A threshold alone decides: the precision side of the knob stays as it says.
pub fn choose_lines(page: &Page, scores: &[f32], threshold: Option<f32>, floor: f32) -> Vec<bool> {
    let words: Vec<u32> = page.content.iter().map(|&i| page.stats[i].words).collect();
    let mut keep = decide_with_floor(scores, &words, threshold, floor);
    if threshold.is_none() {
        continue_prose_runs(page, &mut keep);
    }
    keep
}

/// Join the kept lines: a blank line where the input had a blank or dropped line between
/// two kept ones, a newline where they were adjacent. Each line is written normalised
/// (`page.lines`), but the lines of code keep their spacing (see [`preformatted`]).
pub fn assemble(page: &Page, lines: &[LineDecision]) -> (String, Vec<Option<usize>>) {
    assemble_with(page, lines, &mut LineKinds::default())
}

/// [`assemble`], with what is known of the page's lines from an earlier assembly.
fn assemble_with(
    page: &Page,
    lines: &[LineDecision],
    kinds: &mut LineKinds,
) -> (String, Vec<Option<usize>>) {
    let spaced = preformatted(page, lines, kinds);
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
        match spaced.as_ref().and_then(|s| s[i]) {
            Some(raw) => out.push_str(&crate::normalize::normalize_line_spaced(raw)),
            // An indented line Markdown showed as code, written without its indent (no run of
            // code holds it): without the indent it is no code, and a second clean reading the
            // clean text as Markdown would render it (`    **x** = __y__` to `x = y`). It is
            // written rendered, as that clean would read it.
            None if kinds.markdown_code(i) => {
                out.push_str(&crate::markdown::render_line(&page.lines[i]))
            }
            None => out.push_str(&page.lines[i]),
        }
        origin.push(Some(i));
        last = Some(i);
    }
    (out, origin)
}

/// The kept lines written with their spacing (their indent and the runs of spaces inside
/// them, [`crate::normalize::normalize_line_spaced`]): the lines of a block of code, whose
/// indentation is its meaning in Python and its layout elsewhere; each other line is
/// normalised. Per line, its raw text where it keeps its spacing; `None` when no line does.
///
/// A run of kept lines (adjacent in the input, so written one under the other) is code when a
/// third of its lines or more read as code ([`code_line`]); so is the run after such a run
/// and one blank line when its lines are all indented (a function's body goes on after a blank
/// line). Only a line with an indent or a run of spaces inside keeps anything, and not a
/// paragraph of prose beside the code (scrapers write a `<p>` right above a `<pre>`): they
/// also indent the text of nested blocks (a sixth of the dev pages' kept lines), which stays
/// normalised.
///
/// Cleaning the clean text again writes the same: its runs are these runs (parted by one blank
/// line each), whether a line is code or a paragraph depends on its normal form, and the
/// indents the rest depends on are kept in the written lines when the run is code and lost when
/// it is not (paragraphs aside, which count as indented).
fn preformatted<'p>(
    page: &Page<'p>,
    lines: &[LineDecision],
    kinds: &mut LineKinds,
) -> Option<Vec<Option<&'p str>>> {
    // (most pages have no kept line with an indent or with spacing normalised away)
    let spacing =
        |i: usize| page.stats[i].indent > 0 || matches!(page.lines[i], std::borrow::Cow::Owned(_));
    if !lines.iter().enumerate().any(|(i, d)| d.kept && spacing(i)) {
        return None;
    }
    kinds.0.resize(lines.len(), 0);
    // (a third of the run's lines: asked until the count decides)
    let by_lines = |kinds: &mut LineKinds, (a, b): (usize, usize)| {
        let need = (b - a).div_ceil(3).max(1);
        let mut code = 0;
        for k in a..b {
            if need - code > b - k {
                return false;
            }
            code += kinds.code_line(page, k) as usize;
            if code >= need {
                return true;
            }
        }
        false
    };
    let mut spaced: Vec<Option<&str>> = vec![None; lines.len()];
    let mut raw: Vec<&'p str> = Vec::new();
    // the run before, and whether its lines read as code (asked only when needed)
    let mut prev: Option<((usize, usize), Option<bool>)> = None;
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].kept {
            i += 1;
            continue;
        }
        let end = (i..lines.len())
            .find(|&k| !lines[k].kept)
            .unwrap_or(lines.len());
        let mut code = None;
        if (i..end).any(spacing) {
            let here = by_lines(kinds, (i, end));
            code = Some(here);
            let is_code = here || {
                // the run after a code run and one blank line, all indented (one run only: a
                // page's runs after a line of code are not all code)
                matches!(prev, Some(((_, e), _)) if e + 1 == i)
                    && page.stats[i - 1].is_blank()
                    && (i..end).all(|k| page.stats[k].indent > 0 || kinds.paragraph(page, k))
                    && match prev {
                        Some((_, Some(c))) => c,
                        Some((run, None)) => by_lines(kinds, run),
                        None => false,
                    }
            };
            if is_code {
                if raw.is_empty() {
                    raw = crate::lines::split_lines(page.source).collect();
                }
                for k in (i..end).filter(|&k| spacing(k) && !kinds.paragraph(page, k)) {
                    spaced[k] = raw.get(k).copied();
                }
            }
        }
        prev = Some(((i, end), code));
        i = end;
    }
    Some(spaced)
}

/// What [`preformatted`] found of each line of a page, kept across the assemblies of the
/// fixed point's passes (each asks of the same lines): per line, bit 0 set when [`code_line`]
/// was asked, bit 1 its answer; bits 2 and 3 the same for a paragraph of prose; bit 4 set for
/// a line of Markdown's indented code (see [`LineKinds::marking_code`]).
#[derive(Default)]
pub struct LineKinds(Vec<u8>);

impl LineKinds {
    /// The kinds of a page of `n` lines of which `code` (per line, if given) marks Markdown's
    /// indented code shown as written ([`crate::markdown::render_marking_code`]; see
    /// [`assemble_with`] for what becomes of such a line).
    fn marking_code(code: Option<Vec<bool>>, n: usize) -> LineKinds {
        let Some(code) = code else {
            return LineKinds::default();
        };
        let mut kinds: Vec<u8> = code.iter().take(n).map(|&c| (c as u8) << 4).collect();
        kinds.resize(n, 0);
        LineKinds(kinds)
    }

    fn markdown_code(&self, k: usize) -> bool {
        self.0.get(k).is_some_and(|b| b & 16 != 0)
    }

    fn code_line(&mut self, page: &Page, k: usize) -> bool {
        if self.0[k] & 1 == 0 {
            self.0[k] |= 1 | (code_line(page, k) as u8) << 1;
        }
        self.0[k] & 2 != 0
    }

    /// A paragraph of prose beside the code (scrapers write a `<p>` right above a `<pre>`).
    fn paragraph(&mut self, page: &Page, k: usize) -> bool {
        if self.0[k] & 4 == 0 {
            let p = page.stats[k].n_chars > 100 && crate::hardwrap::prose_like(&page.lines[k]);
            self.0[k] |= 4 | (p as u8) << 3;
        }
        self.0[k] & 8 != 0
    }
}

/// Whether line `k` of `page` reads as a line of code for [`preformatted`]: code's signs
/// (`hardwrap::code_like`), and no list item (`• get back on track;`), and not prose
/// (`hardwrap::prose_like`) unless a short statement that starts with no capital (`content =
/// read(doc)  # bytes to text` is code; `To make a request, call fetch(), passing in:`, or a
/// paragraph with an `=` in it, is prose).
fn code_line(page: &Page, k: usize) -> bool {
    let l = &page.lines[k];
    // (a list item first: most indented lines of a scrape are, and the test is one character)
    !crate::hardwrap::starts_block(l)
        && crate::hardwrap::code_like(l)
        && (!crate::hardwrap::prose_like(l)
            || page.stats[k].words <= 8 && !l.starts_with(char::is_uppercase))
}

/// Line passes of the fixed point at most. Real pages settle in 2.6 passes on average, but a
/// page built to peel a few lines per pass (a long list of `item 1`, `item 2`, ...) would need
/// thousands: the cap bounds the time at `MAX_PASSES` line passes. A page that reaches it
/// (`TextResult::passes == MAX_PASSES`) may not be a fixed point. At 16, two of the 1,358 dev
/// pages reached it and were not (a ranking article and a shoe listing peel a few lines per
/// pass: at 64 they take 24 and 18); two of their texts as other scrapers write them take 39
/// and 41 (a shoe listing in Resiliparse's text without alt texts, a listing in
/// `get_text("\n")`). At 64 every dev page, in each form `benchmarks/passes.py --variants
/// --scrapers` reads, is its own clean text. The later passes read only the kept lines, so a
/// pass costs less than the first: the 10,000 peeled lines of `test_hostile` took 0.16 s at 64
/// (a one-off timing; the test bounds them at 30 s).
pub const MAX_PASSES: u32 = 64;

/// Clean raw scraped text: keep the main content's lines, drop the rest with reasons.
///
/// The result is a fixed point: the line pass is repeated on its own output until it keeps
/// every line, so `clean_text(clean_text(x).text).text == clean_text(x).text` holds by
/// construction (a contextual scorer may otherwise judge a line differently once the chrome
/// around it is gone). Each pass only removes lines, so this ends; two passes is the norm, [`MAX_PASSES`]
/// the limit.
///
/// A Markdown scrape is read through its rendering ([`crate::markdown`]), a text that lost
/// its line breaks through its segments ([`crate::segment`]), and the pieces of paragraphs a
/// scraper left (lines broken at inline elements, hard-wrapped lines) joined
/// ([`crate::fragments`], [`crate::hardwrap`]); [`TextResult::rendered`] is then the text the
/// decisions are about. None of these readings applies to their clean text again (it has no
/// Markdown forms, no line long enough to be cut, and no pieces left to join), which keeps
/// the fixed point.
pub fn clean_text(text: &str, url: Option<&str>, opts: &TextOptions) -> TextResult {
    // Unicode's line and paragraph separators break lines as `\n` does: the text with them so
    // written is then the text the decisions are about
    let breaks = crate::lines::unicode_breaks(text);
    let read = breaks.as_deref().unwrap_or(text);
    let mut r = match opts.scorer {
        Scorer::Fast(m) => {
            crate::fast::clean_text(read, m, opts.threshold, opts.floor, opts.fixpoint)
        }
        _ => clean_text_lines(read, url, opts),
    };
    if let Some(b) = breaks {
        if !r.too_many_lines {
            r.rendered.get_or_insert(b);
        }
    }
    r
}

/// [`clean_text`] of a text whose lines break at `\n` and `\r` only.
///
/// A text read line by line whose clean text would read as unbroken (a page whose article is
/// one long line among short ones: once the short ones are dropped, nine tenths of what is
/// left is that line) is cleaned cut into segments instead. Cleaning that clean text again
/// would cut it (the share of long lines only grows as lines are dropped), so without this the
/// result was not a fixed point: 3 of the 1,358 WCXB dev pages (a product listing, an eBay
/// listing, a newsletter post; `benchmarks/passes.py` before this), and 2 more of them
/// hard-wrapped at 78 characters, whose joined paragraphs made the long line (`passes.py
/// --variants` now reads that form). Read cut, the clean text is made of segments, which never
/// read as unbroken.
fn clean_text_lines(text: &str, url: Option<&str>, opts: &TextOptions) -> TextResult {
    let mut r = clean_text_read(text, url, opts, false);
    // The same for Markdown: a text whose pieces the joins put together (html2text's Markdown
    // wrapped at 78, its links cut across lines) may not read as Markdown until they are, and
    // its clean text would be read as Markdown when cleaned again (1 of the 1,358 dev pages in
    // html2text's Markdown wrapped at 78, in a scratch run of what `benchmarks/passes.py
    // --scrapers` now does).
    if opts.markdown.is_none()
        && !r.markdown
        && !r.too_many_lines
        && crate::markdown::looks_like_markdown(&r.text)
    {
        let md = TextOptions {
            markdown: Some(true),
            ..*opts
        };
        r = clean_text_read(text, url, &md, false);
    }
    if opts.segment.is_some()
        || r.segmented
        || r.too_many_lines
        || !crate::segment::looks_unbroken(&r.text)
    {
        return r;
    }
    // The long line may be one the joins made (a hard-wrapped article joined into one
    // paragraph): the text read so (Markdown rendered, pieces joined) is what is cut, read
    // as it is read again
    let cut = TextOptions {
        segment: Some(true),
        markdown: if r.markdown {
            Some(false)
        } else {
            opts.markdown
        },
        unwrap: opts.unwrap,
        ..*opts
    };
    let read = r.rendered.as_deref().unwrap_or(text);
    // (cut by this reading, not by the caller's `segment`: its pieces of paragraphs are
    // joined as the next cleaning, reading the segments as lines, joins them)
    let mut c = clean_text_read(read, url, &cut, true);
    c.markdown |= r.markdown;
    c.unwrapped |= r.unwrapped;
    c.rejoined |= r.rejoined;
    c
}

/// [`clean_text_lines`] of the text read as `opts` and the text itself say (Markdown, cut
/// into segments, or as it is). `cut_here`: `opts.segment` is `Some(true)` because
/// [`clean_text_lines`] found the clean text unbroken, not because the caller asked.
fn clean_text_read(
    text: &str,
    url: Option<&str>,
    opts: &TextOptions,
    cut_here: bool,
) -> TextResult {
    let mut markdown = opts
        .markdown
        .unwrap_or_else(|| crate::markdown::looks_like_markdown(text));
    let mut code = None;
    let (mut view, mut heading) = if markdown {
        let (v, c) = crate::markdown::render_marking_code(text);
        code = Some(c);
        (Some(v), crate::markdown::first_heading(text))
    } else {
        (None, None)
    };
    let base = view.as_deref().unwrap_or(text);
    let mut segmented = opts
        .segment
        .unwrap_or_else(|| crate::segment::looks_unbroken(base));
    if segmented {
        let cut = crate::segment::segment(base);
        segmented = cut.cut;
        if segmented {
            heading = heading.and_then(|h| cut.first.get(h).copied());
            if cut.lines > opts.max_lines {
                // the segments are lines of the line pass: the limit on lines holds for them too
                return TextResult::too_many_lines();
            }
            // A text joined into one line hides Markdown's line-start forms; its segments show
            // them. Read them now, or the clean text (its lines starting with `[x](url)`)
            // would be read as Markdown when cleaned again, and not be a fixed point.
            if !markdown
                && opts.markdown.is_none()
                && crate::markdown::looks_like_markdown(&cut.text)
            {
                markdown = true;
                heading = crate::markdown::first_heading(&cut.text);
                let (v, c) = crate::markdown::render_marking_code(&cut.text);
                view = Some(v);
                code = Some(c);
            } else {
                view = Some(cut.text);
                // (the segments of a rendering are its sentences: no line of them is code)
                code = None;
            }
        }
    }
    let Some(view) = view else {
        return clean_plain_text(text, url, opts, Reading::default());
    };
    let reading = Reading {
        headline: heading,
        segmented,
        code,
        cut_here,
    };
    let mut r = clean_plain_text(&view, url, opts, reading);
    // (the joined paragraphs of a wrapped view are what the decisions are about, if joined)
    r.rendered.get_or_insert(view);
    r.markdown = markdown;
    r.segmented = segmented;
    r
}

/// What the reading of a text (as Markdown, cut into segments) found that the line pass and
/// the clean text need.
#[derive(Default)]
struct Reading {
    /// The line the input marks as its headline, if it marks one (see
    /// [`metadata::find_title`]).
    headline: Option<usize>,
    /// The text is the input cut into segments.
    segmented: bool,
    /// Per line, whether it is Markdown's code, shown as written (see
    /// [`crate::markdown::render_marking_code`]); `None` for a text not read as Markdown.
    code: Option<Vec<bool>>,
    /// The text was cut into segments because its clean text read as unbroken (see
    /// [`clean_text_lines`]), not because the caller set `segment`: its pieces of paragraphs
    /// are joined as in any other reading.
    cut_here: bool,
}

/// [`clean_text`] of a text read as it is, `reading` saying what its reading found.
fn clean_plain_text(
    text: &str,
    url: Option<&str>,
    opts: &TextOptions,
    reading: Reading,
) -> TextResult {
    let page = Page::analyze_with(text, url, vocab_of(opts));
    clean_joining(page, text, Join::Fragments, url, opts, reading)
}

/// The joins of the pieces of paragraphs, in the order they are made (see [`TextOptions::unwrap`]).
#[derive(Clone, Copy)]
enum Join {
    /// Lines broken at inline elements ([`crate::fragments`]).
    Fragments,
    /// Hard-wrapped lines ([`crate::hardwrap`]).
    Wrapped,
}

/// [`clean_plain_text`] of `page` (the analysis of `text`), its pieces of paragraphs joined
/// from `join` on: each join is read off the normalised lines, which the clean text is made
/// of (the fragments' also off the raw lines' end spaces, which a clean text never has), so
/// the clean text has nothing left to join. A joined text has as many lines as the page; its
/// other lines are the page's, their analysis taken over.
fn clean_joining(
    page: Page,
    text: &str,
    join: Join,
    url: Option<&str>,
    opts: &TextOptions,
    reading: Reading,
) -> TextResult {
    let force = opts.unwrap == Some(true);
    let (joined, next) = match join {
        // (with the caller's `segment` `Some(true)` every line is to be within the segments'
        // limit: joined lines were cut by the next cleaning, and no fixed point; a text cut
        // into segments by the reading itself, its own or `clean_text_lines`', is joined, as
        // the next cleaning, not cutting it again, joins it)
        _ if opts.unwrap == Some(false) || (opts.segment == Some(true) && !reading.cut_here) => {
            (None, None)
        }
        Join::Fragments => (
            (force || crate::fragments::looks_broken(text, &page.lines))
                .then(|| crate::fragments::join(text, &page.lines))
                .flatten(),
            Some(Join::Wrapped),
        ),
        Join::Wrapped => (
            (force || crate::hardwrap::looks_wrapped(&page.lines))
                .then(|| crate::hardwrap::join(&page.lines))
                .flatten(),
            None,
        ),
    };
    let Some(j) = joined else {
        return match next {
            Some(n) => clean_joining(page, text, n, url, opts, reading),
            None => clean_analysed(page, url, opts, reading),
        };
    };
    let same: Vec<Option<usize>> = (0..page.n_lines()).map(Some).collect();
    let again = Page::analyze_reusing(&j, url, vocab_of(opts), &page, &same);
    let mut r = match next {
        Some(n) => clean_joining(again, &j, n, url, opts, reading),
        None => clean_analysed(again, url, opts, reading),
    };
    match join {
        Join::Fragments => r.rejoined = true,
        Join::Wrapped => r.unwrapped = true,
    }
    // (a later join's text, if it joined, is the one the decisions are about)
    r.rendered.get_or_insert(j);
    r
}

/// The vocabulary of the options' scorer, if it has one.
fn vocab_of<'m>(opts: &TextOptions<'m>) -> Option<&'m crate::vocab::Vocab> {
    match opts.scorer {
        Scorer::Model(m) => m.vocab.as_ref(),
        Scorer::Rules | Scorer::Fast(_) => None,
    }
}

/// [`clean_plain_text`] of an analysed page.
fn clean_analysed(
    page: Page,
    url: Option<&str>,
    opts: &TextOptions,
    reading: Reading,
) -> TextResult {
    let Reading {
        headline,
        segmented,
        code,
        cut_here: _,
    } = reading;
    let vocab = vocab_of(opts);
    let (mut lines, mut meta) = line_pass(&page, opts, Some(headline));
    if segmented && headline.is_none() {
        // a text cut into segments has its headline inside a segment, if anywhere: the URL's
        // slug finds it there (see `metadata::slug_span_title`)
        if let Some((i, t)) = url.and_then(|u| metadata::slug_span_title(&page, u)) {
            meta.title = Some(t);
            meta.title_line = Some(i);
        }
    }
    // a date in the URL's path beats a date line (see `metadata::url_date`)
    if let Some(d) = url.and_then(metadata::url_date) {
        meta.date = Some(d);
    }
    let mut kinds = LineKinds::marking_code(code, page.n_lines());
    let (mut out, mut origin) = assemble_with(&page, &lines, &mut kinds);
    let mut passes = 1;
    while opts.fixpoint && !out.is_empty() && passes < MAX_PASSES {
        // `out` is made of lines of `page` (`origin` says which): their per-line analysis is
        // taken over instead of redone (see `Page::analyze_reusing`)
        let again = Page::analyze_reusing(&out, url, vocab, &page, &origin);
        let (dec, _) = line_pass(&again, opts, None);
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
        let (o, g) = assemble_with(&page, &lines, &mut kinds);
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
    let kept = lines
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kept)
        .map(|(i, _)| i);
    let (words_out, language) = page.kept_words_and_language(kept, &out);
    TextResult {
        language,
        text: out,
        line_hashes: page.hashes.clone(),
        lines,
        meta,
        stop_lang: page.stop_lang.map(|l| crate::stopwords::LANGS[l]),
        words_in,
        words_out,
        passes,
        // (a plain text's reading: nothing rendered, joined or cut)
        ..TextResult::default()
    }
}

#[cfg(test)]
mod tests;
