//! The feature matrix, row by row: each content line's own statistics, its neighbours', the
//! runs and windows it sits in, its place relative to the page's prose, and its topic
//! cohesion. Apart from the names (the contract with training) and the page-level columns:
//! this is the hot loop, laid out for speed (padding, rows written in place).

use std::mem::MaybeUninit;

use super::page_level::{page_features, PageCounts};
use super::{ratio, FAR, NONE, N_FEATURES};
use crate::lexicon::{Cue, N_CUES};
use crate::lines::{Ending, LineStats};
use crate::page::Page;
use crate::patterns::N_SHAPES;

/// A line that reads like running prose: enough words, stop words in proportion, and it
/// ends like a sentence. `stop` is the line's stop ratio, `min_stop` the page's threshold
/// (see [`prose_min_stop`]).
#[inline]
fn is_prose(st: &LineStats, stop: f32, min_stop: f32) -> bool {
    prose_like(st.words, st.ending, stop, min_stop)
}

/// [`is_prose`] of a line's word count, ending and stop ratio (the fast path's lines have
/// statistics of their own).
#[inline]
pub(crate) fn prose_like(words: u32, ending: Ending, stop: f32, min_stop: f32) -> bool {
    words >= 10
        && stop >= min_stop
        && matches!(
            ending,
            Ending::Sentence | Ending::Colon | Ending::Continuation
        )
}

/// Whether each content line of `page` reads as running prose (see [`is_prose`]).
pub fn prose_lines(page: &Page) -> Vec<bool> {
    let min_stop = prose_min_stop(page);
    page.content
        .iter()
        .map(|&i| is_prose(&page.stats[i], page.stop_ratio(i), min_stop))
        .collect()
}

/// The stop ratio a prose line needs on this page.
#[inline]
fn prose_min_stop(page: &Page) -> f32 {
    min_stop_of(page.mean_stop_ratio)
}

/// The stop ratio a prose line needs on a page whose mean stop ratio is `mean`.
#[inline]
pub(crate) fn min_stop_of(mean: f32) -> f32 {
    (0.5 * mean).min(0.15)
}

/// Maximum-sum run of `scores` (Kadane). Returns the inclusive range, or `None` if every
/// score is negative.
pub fn best_span(scores: &[f32]) -> Option<(usize, usize)> {
    let mut best = 0.0f32;
    let mut best_range = None;
    let mut cur = 0.0f32;
    let mut start = 0;
    for (j, &s) in scores.iter().enumerate() {
        if cur <= 0.0 {
            cur = 0.0;
            start = j;
        }
        cur += s;
        if cur > best {
            best = cur;
            best_range = Some((start, j));
        }
    }
    best_range
}

pub(super) fn span_features(span: Option<(usize, usize)>, j: usize, m: usize) -> (f32, f32) {
    match span {
        None => (0.0, FAR),
        Some((a, b)) => {
            let inside = (a <= j && j <= b) as u8 as f32;
            let dist = if j < a {
                -((a - j) as f32)
            } else if j > b {
                (j - b) as f32
            } else {
                0.0
            };
            (inside, dist / (m.max(1) as f32).sqrt())
        }
    }
}

/// What the rows of a content line and of its neighbours read of it.
#[derive(Clone, Copy)]
struct Line {
    /// The line's features in its neighbours' rows: words, stop ratio, ending, bullet,
    /// cue hits, duplicates.
    near: [f32; 6],
    words: u32,
    stop: f32,
    vocab: f32,
    prose: bool,
}

/// The sum of a line's cue hits. Two u64 words of 8 counters each: adjacent counters added
/// in 16-bit lanes (at most 2 * 255 each), the two words' lanes added (at most 1020), the
/// four lanes summed by a multiply into the top lane (at most 4080), plus the last two. A
/// plain sum kept all 18 counters in registers at once and spilled them.
#[inline]
pub(super) fn byte_sum(h: &[u8; N_CUES]) -> u32 {
    const _: () = assert!(N_CUES == 18);
    const LOW: u64 = 0x00FF_00FF_00FF_00FF;
    let word = |k: usize| u64::from_le_bytes(h[k..k + 8].try_into().unwrap());
    let pairs = |x: u64| (x & LOW) + ((x >> 8) & LOW);
    let lanes = pairs(word(0)) + pairs(word(8));
    (lanes.wrapping_mul(0x0001_0001_0001_0001) >> 48) as u32 + h[16] as u32 + h[17] as u32
}

/// Lines of padding either side of the content lines in [`line_features`]: the widest
/// window is 5 lines either side.
const PAD: usize = 5;

/// The padding: no neighbour (NONE), and terms that add nothing to a window's sum. For the
/// float sums that is -0.0, since x + -0.0 is x for every x (+0.0 would turn a -0.0 into
/// +0.0): a padded window, summed in the same order, has the bits of the sum over the lines
/// that exist.
const PAD_LINE: Line = Line {
    near: [NONE; 6],
    words: 0,
    stop: -0.0,
    vocab: -0.0,
    prose: false,
};

/// The shape bits of a line as features (1.0 where set), for each value of the bits.
pub(super) static SHAPE_ROWS: [[f32; N_SHAPES]; 1 << N_SHAPES] = {
    let mut t = [[0.0; N_SHAPES]; 1 << N_SHAPES];
    let mut v = 0;
    while v < 1 << N_SHAPES {
        let mut b = 0;
        while b < N_SHAPES {
            t[v][b] = if (v >> b) & 1 == 1 { 1.0 } else { 0.0 };
            b += 1;
        }
        v += 1;
    }
    t
};

/// The run of lines alike (consecutive equal keys) that the current line belongs to, found
/// once per run as the lines are visited in order.
#[derive(Default)]
struct Run {
    start: usize,
    end: usize,
}

impl Run {
    /// The run of line `j` (`j` goes up by one from 0), as `start..end`. `alike(a, b)`: lines
    /// `a` and `b` have the same key.
    #[inline]
    fn at(&mut self, j: usize, m: usize, alike: impl Fn(usize, usize) -> bool) -> (usize, usize) {
        if j >= self.end {
            self.start = j;
            self.end = j + 1;
            while self.end < m && alike(j, self.end) {
                self.end += 1;
            }
        }
        (self.start, self.end)
    }
}

/// Features of every content line, row-major (`page.content.len()` rows of
/// [`N_FEATURES`]).
// Called once per page, so inlining gains nothing; kept out of line, it stays one unit in
// profiles (inlined into its callers, its cost was spread over them).
#[inline(never)]
pub fn line_features(page: &Page) -> Vec<f32> {
    let m = page.content.len();
    if m == 0 {
        return Vec::new();
    }
    let c = &page.content;

    // One pass over the lines for what the rows of a line's neighbours read too, and for
    // the page's counts. `lines[j + PAD]` is content line `j`.
    let min_stop = prose_min_stop(page);
    let mut lines = Vec::with_capacity(m + 2 * PAD);
    lines.extend([PAD_LINE; PAD]);
    let mut prose = Vec::with_capacity(m);
    let mut counts = PageCounts::default();
    for &i in c {
        let st = &page.stats[i];
        let stop = page.stop_ratio(i);
        let p = is_prose(st, stop, min_stop);
        let cue_sum = byte_sum(&page.cues[i].0);
        lines.push(Line {
            near: [
                st.words as f32,
                stop,
                st.ending as u8 as f32,
                st.bullet as u8 as f32,
                cue_sum as f32,
                page.dup_count[i] as f32,
            ],
            words: st.words,
            stop,
            vocab: page.vocab[i],
            prose: p,
        });
        prose.push(p);
        counts.add(page, i, p);
    }
    lines.extend([PAD_LINE; PAD]);
    let line = |j: usize| &lines[j + PAD];

    // the heuristic main span of prose
    let span_scores: Vec<f32> = lines[PAD..PAD + m]
        .iter()
        .map(|l| {
            if l.prose {
                l.words as f32
            } else {
                -(l.words.clamp(2, 12) as f32)
            }
        })
        .collect();
    let span = best_span(&span_scores);

    let page_row = page_features(page, &counts);
    let coh = crate::cohesion::cohesion(page, &prose, FAR);
    let total_prose = counts.prose_words;
    let total_words = page.total_words.max(1) as f32;
    let doc_words = (page.total_words as f32 + 1.0).ln();
    let stop_rel = |s: f32| {
        if page.mean_stop_ratio > 0.0 {
            s / page.mean_stop_ratio
        } else {
            0.0
        }
    };
    // Lines since the last line of a kind: FAR before the first, which a count that starts
    // out huge gives too (as f32, min FAR).
    const NEVER: u32 = 1 << 30;
    let since = |d: u32| (d as f32).min(FAR);
    let heading_cue = |j: usize, cue: Cue| line(j).words <= 6 && page.cues[c[j]].get(cue) > 0;
    // runs of short lines (menus, link lists), of long lines, and of lines of one kind
    let short = |j: usize| line(j).words <= 5;
    let long = |j: usize| line(j).words >= 12;
    let kind = |j: usize| {
        let st = &page.stats[c[j]];
        (st.bullet as u32) << 16 | st.indent.min(0xFFFF)
    };

    // Each row is written in place into the matrix's spare capacity, and only then counted
    // in its length: no zero-fill of the matrix first, and no row built aside and copied
    // (which kept every feature of a row live in registers, or spilled, until the copy).
    // Two passes over the rows, each writing its columns left to right: the line's own
    // features and its neighbours', then its context and the page's. Each pass keeps fewer
    // values live at once than one pass doing both.
    let mut out: Vec<f32> = Vec::with_capacity(m * N_FEATURES);
    let cells = &mut out.spare_capacity_mut()[..m * N_FEATURES];

    let mut words_before = 0u32;
    for (j, row) in cells.chunks_exact_mut(N_FEATURES).enumerate() {
        let mut w = RowWriter::at(row, 0);
        let i = c[j];
        let st = &page.stats[i];
        let me = line(j);
        let visible = st.n_chars;
        let nonspace = st.letters + st.digits + st.punct;
        w.extend_from_slice(&[
            visible as f32,
            st.words as f32,
            ratio(st.word_chars, st.words),
            ratio(st.letters, nonspace),
            ratio(st.digits, nonspace),
            ratio(st.punct, nonspace),
            ratio(st.upper, st.letters),
            ratio(st.title_words, st.alpha_words),
            me.stop,
            page.stop_lang.map_or(0, |l| st.stop.get(l)) as f32,
            stop_rel(me.stop),
            st.ending as u8 as f32,
            st.bullet as u8 as f32,
            st.numbered as u8 as f32,
            st.indent as f32,
            st.separators as f32,
            st.has_at as u8 as f32,
            st.has_url as u8 as f32,
            st.longest_digit_run as f32,
            ratio(st.cjk, st.letters),
        ]);
        w.extend_from_slice(&page.cues[i].0.map(|h| h as f32));
        w.extend_from_slice(&SHAPE_ROWS[(page.shapes[i] & ((1 << N_SHAPES) - 1)) as usize]);
        let (a, b) = page.slug_overlap[i];
        w.extend_from_slice(&[
            page.dup_count[i] as f32,
            page.dup_rank[i] as f32,
            j as f32 / m as f32,
            words_before as f32 / total_words,
            doc_words,
            m as f32,
            (i == 0 || page.stats[i - 1].is_blank()) as u8 as f32,
            (i + 1 >= page.n_lines() || page.stats[i + 1].is_blank()) as u8 as f32,
            a,
            b,
        ]);
        // lines j - 2, j - 1, j + 1, j + 2 (NONE where there is none)
        w.extend_from_slice(&lines[j + PAD - 2].near);
        w.extend_from_slice(&lines[j + PAD - 1].near);
        w.extend_from_slice(&lines[j + PAD + 1].near);
        w.extend_from_slice(&lines[j + PAD + 2].near);
        w.finish(CONTEXT_START);
        words_before += me.words;
    }

    let (mut since_related, mut since_comments, mut since_legal, mut since_prose) =
        (NEVER, NEVER, NEVER, NEVER);
    // the first prose line after the current one (m if none)
    let mut next_prose = 0;
    let mut prose_before = 0u32;
    let (mut short_run, mut long_run, mut kind_run) =
        (Run::default(), Run::default(), Run::default());
    // prose lines among lines j - 5 ..= j + 5, kept up to date as j moves (integers)
    let mut win5_prose: u32 = lines[..2 * PAD + 1].iter().map(|l| l.prose as u32).sum();
    for (j, row) in cells.chunks_exact_mut(N_FEATURES).enumerate() {
        let mut w = RowWriter::at(row, CONTEXT_START);
        let i = c[j];
        let me = line(j);
        let (lo3, hi3) = (j.saturating_sub(3), (j + 3).min(m - 1));
        let n3 = (hi3 - lo3 + 1) as f32;
        let (lo5, hi5) = (j.saturating_sub(5), (j + 5).min(m - 1));
        let n5 = (hi5 - lo5 + 1) as f32;
        // lines j - 3 ..= j + 3, padded
        let win3 = &lines[j + PAD - 3..=j + PAD + 3];
        let win3_words: u32 = win3.iter().map(|l| l.words).sum();
        let win3_stop: f32 = win3.iter().map(|l| l.stop).sum();
        let win3_vocab: f32 = win3.iter().map(|l| l.vocab).sum();
        let (inside, dist) = span_features(span, j, m);
        if next_prose <= j {
            next_prose = (j + 1..m).find(|&k| line(k).prose).unwrap_or(m);
        }
        let until_prose = if next_prose < m {
            ((next_prose - j) as f32).min(FAR)
        } else {
            FAR
        };
        let prose_words = if me.prose { me.words } else { 0 };
        let run_of = |(start, end): (usize, usize), on: bool| {
            let n = (end - start) as u32;
            match (on, n > 1) {
                (false, _) => (0, 0.0),
                (true, true) => (n, (j - start) as f32 / (n - 1) as f32),
                (true, false) => (n, 0.0),
            }
        };
        let (short_len, short_pos) =
            run_of(short_run.at(j, m, |a, b| short(a) == short(b)), short(j));
        let (long_len, _) = run_of(long_run.at(j, m, |a, b| long(a) == long(b)), long(j));
        let (kind_start, kind_end) = kind_run.at(j, m, |a, b| kind(a) == kind(b));
        w.extend_from_slice(&[
            short_len as f32,
            short_pos,
            long_len as f32,
            (kind_end - kind_start) as f32,
            win3_words as f32 / n3,
            win3_stop / n3,
            win5_prose as f32 / n5,
            ratio(prose_before, total_prose),
            ratio(total_prose - prose_before - prose_words, total_prose),
            inside,
            dist,
            since(since_related),
            since(since_comments),
            since(since_legal),
            since(since_prose),
            until_prose,
            page.prefix_count[i] as f32,
            page.template_count[i] as f32,
            coh.topic[j],
            coh.slug_cover[j],
            coh.from_headline[j],
            // the vocabulary score of the line and of its neighbours
            me.vocab,
            if j > 0 { line(j - 1).vocab } else { NONE },
            if j + 1 < m { line(j + 1).vocab } else { NONE },
            win3_vocab / n3,
        ]);
        w.extend_from_slice(&page_row);
        w.finish(N_FEATURES);

        prose_before += prose_words;
        if j + 1 < m {
            win5_prose += lines[j + 2 * PAD + 1].prose as u32;
            win5_prose -= lines[j].prose as u32;
        }
        let next = |d: u32, here: bool| if here { 1 } else { d.saturating_add(1) };
        since_related = next(since_related, heading_cue(j, Cue::Related));
        since_comments = next(since_comments, heading_cue(j, Cue::Comments));
        since_legal = next(since_legal, heading_cue(j, Cue::Legal));
        since_prose = next(since_prose, me.prose);
    }
    // SAFETY: the two loops went over all `m` rows of `N_FEATURES` cells that follow the
    // (empty) initialised part, and wrote every cell: in each row, the first loop's writer
    // wrote cells `0..CONTEXT_START` contiguously, the second's `CONTEXT_START..N_FEATURES`
    // (each checks where it ended). Measured: writing in place instead of through a row
    // copied in takes ~2 M of ~75 M instructions off this function (callgrind, steady state
    // of 100 pages).
    unsafe { out.set_len(m * N_FEATURES) };
    out
}

/// The column of the first context feature (`short_run`): the columns before it are the
/// line's own features and its neighbours'.
const CONTEXT_START: usize = 20 + N_CUES + N_SHAPES + 10 + 24;

/// Writes cells of one feature row in order, into uninitialised memory, from `k` on.
struct RowWriter<'a> {
    row: &'a mut [MaybeUninit<f32>; N_FEATURES],
    k: usize,
}

impl<'a> RowWriter<'a> {
    #[inline(always)]
    fn at(row: &'a mut [MaybeUninit<f32>], k: usize) -> Self {
        RowWriter {
            row: row.try_into().unwrap(),
            k,
        }
    }

    /// Checks that the cells up to `end` (excluded) are written; the offsets are constants,
    /// so this costs nothing.
    #[inline(always)]
    fn finish(self, end: usize) {
        assert_eq!(self.k, end);
    }

    #[inline(always)]
    fn extend_from_slice(&mut self, vs: &[f32]) {
        for (cell, &v) in self.row[self.k..self.k + vs.len()].iter_mut().zip(vs) {
            cell.write(v);
        }
        self.k += vs.len();
    }
}
