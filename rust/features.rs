//! Feature vectors of the content (non-blank) lines of a page: the line's own statistics,
//! its neighbours, the runs and windows it sits in (menus, teaser blocks, contact lists),
//! its place relative to the page's prose and headline, its topic cohesion with the prose,
//! and the page's kind. The context features do what jusText's second, context-sensitive
//! pass does, but learned. The names below are the contract with the training script
//! (`benchmarks/train.py`): change them together and retrain.

use std::mem::MaybeUninit;

use crate::lexicon::{Cue, N_CUES};
use crate::lines::{Ending, LineStats};
use crate::page::Page;
use crate::patterns::N_SHAPES;

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

/// Page-level features, the same on every line of a page: they let the scorer tell an
/// article from a forum thread, a product page or a listing, whose content looks different.
const PAGE_FEATURES: [&str; 17] = [
    "doc_frac_prose",
    "doc_frac_short",
    "doc_frac_bullet",
    "doc_prose_words",
    "doc_prices",
    "doc_commerce",
    "doc_comments",
    "doc_quotes",
    "doc_mean_words",
    "url_depth",
    "url_slug_len",
    "url_product",
    "url_forum",
    "url_article",
    "url_docs",
    "url_listing",
    "url_service",
];

fn page_features(page: &Page, prose: &[bool], words: &[u32]) -> [f32; 17] {
    let m = page.content.len().max(1) as f32;
    let c = &page.content;
    let cue_total = |cue: Cue| c.iter().map(|&i| page.cues[i].get(cue)).sum::<u32>() as f32;
    let prose_words: u32 = (0..c.len()).filter(|&j| prose[j]).map(|j| words[j]).sum();
    let url_has =
        |keys: &[&str]| page.url_tokens.iter().any(|t| keys.contains(&t.as_str())) as u8 as f32;
    // the slug: the longest run of words in one path segment is approximated by the token count
    [
        prose.iter().filter(|&&p| p).count() as f32 / m,
        words.iter().filter(|&&w| w <= 5).count() as f32 / m,
        c.iter().filter(|&&i| page.stats[i].bullet).count() as f32 / m,
        ratio(prose_words, page.total_words),
        c.iter()
            .filter(|&&i| crate::patterns::has(page.shapes[i], crate::patterns::Shape::Price))
            .count() as f32,
        cue_total(Cue::Commerce),
        cue_total(Cue::Comments),
        cue_total(Cue::Quote),
        words.iter().sum::<u32>() as f32 / m,
        page.url_depth as f32,
        page.url_tokens.len() as f32,
        url_has(&[
            "product", "products", "dp", "item", "itm", "shop", "store", "buy", "p", "sku",
        ]),
        url_has(&[
            "forum",
            "forums",
            "thread",
            "threads",
            "topic",
            "viewtopic",
            "showthread",
            "community",
            "discussion",
            "questions",
            "t",
        ]),
        url_has(&[
            "news", "blog", "article", "articles", "story", "stories", "post", "posts", "opinion",
        ]),
        url_has(&[
            "docs",
            "doc",
            "documentation",
            "wiki",
            "reference",
            "manual",
            "api",
            "guide",
            "tutorial",
            "learn",
        ]),
        url_has(&[
            "category",
            "categories",
            "collections",
            "collection",
            "tag",
            "tags",
            "search",
            "list",
            "archive",
            "c",
            "browse",
        ]),
        url_has(&[
            "services",
            "service",
            "pricing",
            "about",
            "contact",
            "solutions",
            "features",
            "plans",
        ]),
    ]
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

/// A line that reads like running prose: enough words, stop words in proportion, and it
/// ends like a sentence. `stop` is the line's stop ratio, `min_stop` the page's threshold
/// (see [`prose_min_stop`]).
#[inline]
fn is_prose(st: &LineStats, stop: f32, min_stop: f32) -> bool {
    st.words >= 10
        && stop >= min_stop
        && matches!(
            st.ending,
            Ending::Sentence | Ending::Colon | Ending::Continuation
        )
}

/// The stop ratio a prose line needs on this page.
#[inline]
fn prose_min_stop(page: &Page) -> f32 {
    (0.5 * page.mean_stop_ratio).min(0.15)
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

fn span_features(span: Option<(usize, usize)>, j: usize, m: usize) -> (f32, f32) {
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

/// Features of every content line, row-major (`page.content.len()` rows of
/// [`N_FEATURES`]).
pub fn line_features(page: &Page) -> Vec<f32> {
    let m = page.content.len();
    if m == 0 {
        return Vec::new();
    }
    let c = &page.content;

    // One pass over the lines for what the rows of a line's neighbours read too. The
    // windows of up to 3 lines either side are sums of a fixed 7 terms over arrays padded
    // with 3 terms either side: 0 for the integer sums, -0.0 for the float ones (x + -0.0
    // is x for every x, so a padded sum, taken in the same order, has the bits of the sum
    // over the lines that exist).
    let min_stop = prose_min_stop(page);
    let mut words = Vec::with_capacity(m);
    let mut stop = Vec::with_capacity(m);
    let mut prose = Vec::with_capacity(m);
    let mut words_pad = Vec::with_capacity(m + 6);
    let mut stop_pad = Vec::with_capacity(m + 6);
    let mut vocab_pad = Vec::with_capacity(m + 6);
    // the 6 features a row reads of each of its two neighbours either side, with two rows
    // of NONE either side for the neighbours that do not exist
    let mut near: Vec<[f32; 6]> = Vec::with_capacity(m + 4);
    words_pad.extend([0u32; 3]);
    stop_pad.extend([-0.0f32; 3]);
    vocab_pad.extend([-0.0f32; 3]);
    near.extend([[NONE; 6]; 2]);
    // prose lines before each line (and in all), for the 11-line windows
    let mut prose_upto = Vec::with_capacity(m + 1);
    prose_upto.push(0u32);
    for &i in c {
        let st = &page.stats[i];
        let s = page.stop_ratio(i);
        let p = is_prose(st, s, min_stop);
        let cue_sum: u32 = page.cues[i].0.iter().map(|&x| x as u32).sum();
        words.push(st.words);
        stop.push(s);
        prose.push(p);
        words_pad.push(st.words);
        stop_pad.push(s);
        vocab_pad.push(page.vocab[i]);
        near.push([
            st.words as f32,
            s,
            st.ending as u8 as f32,
            st.bullet as u8 as f32,
            cue_sum as f32,
            page.dup_count[i] as f32,
        ]);
        prose_upto.push(prose_upto.last().unwrap() + p as u32);
    }
    words_pad.extend([0u32; 3]);
    stop_pad.extend([-0.0f32; 3]);
    vocab_pad.extend([-0.0f32; 3]);
    near.extend([[NONE; 6]; 2]);

    // runs of short lines (menus, link lists), of long lines, and of lines of one kind
    let short: Vec<bool> = words.iter().map(|&w| w <= 5).collect();
    let long: Vec<bool> = words.iter().map(|&w| w >= 12).collect();
    let kind: Vec<u32> = c
        .iter()
        .map(|&i| (page.stats[i].bullet as u32) << 16 | page.stats[i].indent.min(0xFFFF))
        .collect();
    let (short_len, short_pos) = runs(&short);
    let (long_len, _) = runs(&long);
    let (kind_len, _) = runs_by(&kind);

    // prose mass before/after, and the heuristic main span
    let prose_words = |j: usize| if prose[j] { words[j] } else { 0 };
    let total_prose: u32 = (0..m).map(prose_words).sum();
    let span_scores: Vec<f32> = (0..m)
        .map(|j| {
            if prose[j] {
                words[j] as f32
            } else {
                -(words[j].clamp(2, 12) as f32)
            }
        })
        .collect();
    let span = best_span(&span_scores);

    let page_row = page_features(page, &prose, &words);
    let coh = crate::cohesion::cohesion(page, &prose, FAR);
    let total_words = page.total_words.max(1) as f32;
    let doc_words = (page.total_words as f32 + 1.0).ln();
    let stop_rel = |s: f32| {
        if page.mean_stop_ratio > 0.0 {
            s / page.mean_stop_ratio
        } else {
            0.0
        }
    };
    // lines since the last line of a kind (FAR before the first)
    let since = |last: Option<usize>, j: usize| last.map_or(FAR, |l| ((j - l) as f32).min(FAR));
    let heading_cue = |j: usize, cue: Cue| words[j] <= 6 && page.cues[c[j]].get(cue) > 0;
    let (mut last_related, mut last_comments, mut last_legal, mut last_prose) =
        (None, None, None, None);
    // the first prose line after the current one (m if none)
    let mut next_prose = 0;
    let mut words_before = 0u32;
    let mut prose_before = 0u32;

    // Each row is written in place into the matrix's spare capacity, left to right, and
    // only then counted in its length: no zero-fill of the matrix first, and no row built
    // aside and copied (which kept every feature of a row live in registers, or spilled,
    // until the copy).
    let mut out: Vec<f32> = Vec::with_capacity(m * N_FEATURES);
    let cells = &mut out.spare_capacity_mut()[..m * N_FEATURES];
    for (j, row) in cells.chunks_exact_mut(N_FEATURES).enumerate() {
        let mut w = RowWriter {
            row: row.try_into().unwrap(),
            k: 0,
        };
        let i = c[j];
        let st = &page.stats[i];
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
            stop[j],
            page.stop_lang.map_or(0, |l| st.stop.get(l)) as f32,
            stop_rel(stop[j]),
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
        let sh = page.shapes[i];
        w.extend_from_slice(&std::array::from_fn::<f32, N_SHAPES, _>(|b| {
            ((sh >> b) & 1) as f32
        }));
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
        // lines j - 2, j - 1, j + 1, j + 2 (`near` is offset by 2)
        w.extend_from_slice(&near[j]);
        w.extend_from_slice(&near[j + 1]);
        w.extend_from_slice(&near[j + 3]);
        w.extend_from_slice(&near[j + 4]);

        let (lo3, hi3) = (j.saturating_sub(3), (j + 3).min(m - 1));
        let n3 = (hi3 - lo3 + 1) as f32;
        let (lo5, hi5) = (j.saturating_sub(5), (j + 5).min(m - 1));
        let n5 = (hi5 - lo5 + 1) as f32;
        // lines j - 3 ..= j + 3 (the padded arrays are offset by 3)
        let win3_words: u32 = words_pad[j..j + 7].iter().sum();
        let win3_stop: f32 = stop_pad[j..j + 7].iter().sum();
        let win3_vocab: f32 = vocab_pad[j..j + 7].iter().sum();
        let win5_prose = prose_upto[hi5 + 1] - prose_upto[lo5];
        let (inside, dist) = span_features(span, j, m);
        if next_prose <= j {
            next_prose = (j + 1..m).find(|&k| prose[k]).unwrap_or(m);
        }
        let until_prose = if next_prose < m {
            ((next_prose - j) as f32).min(FAR)
        } else {
            FAR
        };
        w.extend_from_slice(&[
            short_len[j] as f32,
            short_pos[j],
            long_len[j] as f32,
            kind_len[j] as f32,
            win3_words as f32 / n3,
            win3_stop / n3,
            win5_prose as f32 / n5,
            ratio(prose_before, total_prose),
            ratio(total_prose - prose_before - prose_words(j), total_prose),
            inside,
            dist,
            since(last_related, j),
            since(last_comments, j),
            since(last_legal, j),
            since(last_prose, j),
            until_prose,
            page.prefix_count[i] as f32,
            page.template_count[i] as f32,
            coh.topic[j],
            coh.slug_cover[j],
            coh.from_headline[j],
            // the vocabulary score of the line and of its neighbours
            page.vocab[i],
            if j > 0 { page.vocab[c[j - 1]] } else { NONE },
            if j + 1 < m {
                page.vocab[c[j + 1]]
            } else {
                NONE
            },
            win3_vocab / n3,
        ]);
        w.extend_from_slice(&page_row);
        // every cell of the row is written (the offsets are constants: this costs nothing)
        assert_eq!(w.k, N_FEATURES);

        words_before += words[j];
        prose_before += prose_words(j);
        if heading_cue(j, Cue::Related) {
            last_related = Some(j);
        }
        if heading_cue(j, Cue::Comments) {
            last_comments = Some(j);
        }
        if heading_cue(j, Cue::Legal) {
            last_legal = Some(j);
        }
        if prose[j] {
            last_prose = Some(j);
        }
    }
    // SAFETY: the loop wrote every cell of the `m` rows of `N_FEATURES` cells that follow
    // the (empty) initialised part: it went over all of them, and each row's writer wrote
    // cells `0..k` contiguously and reached `k == N_FEATURES`. Measured: writing in place
    // instead of through a row copied in takes ~9 M of ~75 M instructions off this function
    // (callgrind, steady state of 100 pages).
    unsafe { out.set_len(m * N_FEATURES) };
    out
}

/// Writes one feature row in order, into uninitialised memory; `k` cells are written.
struct RowWriter<'a> {
    row: &'a mut [MaybeUninit<f32>; N_FEATURES],
    k: usize,
}

impl RowWriter<'_> {
    #[inline(always)]
    fn extend_from_slice(&mut self, vs: &[f32]) {
        for (cell, &v) in self.row[self.k..self.k + vs.len()].iter_mut().zip(vs) {
            cell.write(v);
        }
        self.k += vs.len();
    }
}

/// Length of the run of `true` each position belongs to (0 where false), and the relative
/// position inside it.
fn runs(flags: &[bool]) -> (Vec<u32>, Vec<f32>) {
    let m = flags.len();
    let mut len = vec![0u32; m];
    let mut pos = vec![0f32; m];
    let mut j = 0;
    while j < m {
        if !flags[j] {
            j += 1;
            continue;
        }
        let start = j;
        while j < m && flags[j] {
            j += 1;
        }
        let n = (j - start) as u32;
        for k in start..j {
            len[k] = n;
            pos[k] = if n > 1 {
                (k - start) as f32 / (n - 1) as f32
            } else {
                0.0
            };
        }
    }
    (len, pos)
}

/// Length of the run of equal values each position belongs to.
fn runs_by(vals: &[u32]) -> (Vec<u32>, ()) {
    let m = vals.len();
    let mut len = vec![0u32; m];
    let mut j = 0;
    while j < m {
        let start = j;
        while j < m && vals[j] == vals[start] {
            j += 1;
        }
        for l in len.iter_mut().take(j).skip(start) {
            *l = (j - start) as u32;
        }
    }
    (len, ())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A line that reads like running prose: enough words, stop words in proportion, and it
    /// ends like a sentence.
    #[inline]
    fn is_prose_reference(page: &Page, i: usize) -> bool {
        let st = &page.stats[i];
        st.words >= 10
            && page.stop_ratio(i) >= (0.5 * page.mean_stop_ratio).min(0.15)
            && matches!(
                st.ending,
                Ending::Sentence | Ending::Colon | Ending::Continuation
            )
    }

    /// The definition [`line_features`] must match bit for bit (its first version).
    fn line_features_reference(page: &Page) -> Vec<f32> {
        let m = page.content.len();
        let mut out = Vec::with_capacity(m * N_FEATURES);
        if m == 0 {
            return out;
        }
        let c = &page.content;
        let words: Vec<u32> = c.iter().map(|&i| page.stats[i].words).collect();
        let stop: Vec<f32> = c.iter().map(|&i| page.stop_ratio(i)).collect();
        let prose: Vec<bool> = c.iter().map(|&i| is_prose_reference(page, i)).collect();
        let cue_sum: Vec<u32> = c
            .iter()
            .map(|&i| page.cues[i].0.iter().map(|&x| x as u32).sum())
            .collect();

        // runs of short lines (menus, link lists), of long lines, and of lines of one kind
        let short: Vec<bool> = words.iter().map(|&w| w <= 5).collect();
        let long: Vec<bool> = words.iter().map(|&w| w >= 12).collect();
        let kind: Vec<u32> = c
            .iter()
            .map(|&i| (page.stats[i].bullet as u32) << 16 | page.stats[i].indent.min(0xFFFF))
            .collect();
        let (short_len, short_pos) = runs(&short);
        let (long_len, _) = runs(&long);
        let (kind_len, _) = runs_by(&kind);

        // prose mass before/after, and the heuristic main span
        let prose_words: Vec<u32> = (0..m)
            .map(|j| if prose[j] { words[j] } else { 0 })
            .collect();
        let total_prose: u32 = prose_words.iter().sum();
        let span_scores: Vec<f32> = (0..m)
            .map(|j| {
                if prose[j] {
                    words[j] as f32
                } else {
                    -(words[j].clamp(2, 12) as f32)
                }
            })
            .collect();
        let span = best_span(&span_scores);

        // distance since the last heading-like cue line of a family
        let since = |cue: Cue| -> Vec<f32> {
            let mut v = Vec::with_capacity(m);
            let mut last: Option<usize> = None;
            for j in 0..m {
                v.push(last.map_or(FAR, |l| ((j - l) as f32).min(FAR)));
                let i = c[j];
                if words[j] <= 6 && page.cues[i].get(cue) > 0 {
                    last = Some(j);
                }
            }
            v
        };
        let since_related = since(Cue::Related);
        let since_comments = since(Cue::Comments);
        let since_legal = since(Cue::Legal);
        let mut since_prose = vec![FAR; m];
        let mut until_prose = vec![FAR; m];
        let mut last: Option<usize> = None;
        for j in 0..m {
            since_prose[j] = last.map_or(FAR, |l| ((j - l) as f32).min(FAR));
            if prose[j] {
                last = Some(j);
            }
        }
        let mut next: Option<usize> = None;
        for j in (0..m).rev() {
            until_prose[j] = next.map_or(FAR, |l| ((l - j) as f32).min(FAR));
            if prose[j] {
                next = Some(j);
            }
        }

        let page_row = page_features(page, &prose, &words);
        let coh = crate::cohesion::cohesion(page, &prose, FAR);
        let total_words = page.total_words.max(1) as f32;
        let mut words_before = 0u32;
        let mut prose_before = 0u32;
        // rows are written in place (a `Vec::push` per feature re-checks the capacity each time)
        out.resize(m * N_FEATURES, 0.0);
        for (j, row) in out.chunks_exact_mut(N_FEATURES).enumerate() {
            let mut w = RowWriter { row, k: 0 };
            let i = c[j];
            let st = &page.stats[i];
            let visible = st.n_chars;
            let nonspace = st.letters + st.digits + st.punct;
            w.push(visible as f32);
            w.push(st.words as f32);
            w.push(ratio(st.word_chars, st.words));
            w.push(ratio(st.letters, nonspace));
            w.push(ratio(st.digits, nonspace));
            w.push(ratio(st.punct, nonspace));
            w.push(ratio(st.upper, st.letters));
            w.push(ratio(st.title_words, st.alpha_words));
            w.push(stop[j]);
            w.push(page.stop_lang.map_or(0, |l| st.stop.get(l)) as f32);
            w.push(if page.mean_stop_ratio > 0.0 {
                stop[j] / page.mean_stop_ratio
            } else {
                0.0
            });
            w.push(st.ending as u8 as f32);
            w.push(st.bullet as u8 as f32);
            w.push(st.numbered as u8 as f32);
            w.push(st.indent as f32);
            w.push(st.separators as f32);
            w.push(st.has_at as u8 as f32);
            w.push(st.has_url as u8 as f32);
            w.push(st.longest_digit_run as f32);
            w.push(ratio(st.cjk, st.letters));
            w.extend(page.cues[i].0.iter().map(|&h| h as f32));
            let sh = page.shapes[i];
            w.extend((0..N_SHAPES).map(|b| ((sh >> b) & 1) as f32));
            w.push(page.dup_count[i] as f32);
            w.push(page.dup_rank[i] as f32);
            w.push(j as f32 / m as f32);
            w.push(words_before as f32 / total_words);
            w.push((page.total_words as f32 + 1.0).ln());
            w.push(m as f32);
            w.push((i == 0 || page.stats[i - 1].is_blank()) as u8 as f32);
            w.push((i + 1 >= page.n_lines() || page.stats[i + 1].is_blank()) as u8 as f32);
            let (a, b) = page.slug_overlap[i];
            w.push(a);
            w.push(b);
            for d in [-2i64, -1, 1, 2] {
                let k = j as i64 + d;
                if k < 0 || k >= m as i64 {
                    w.extend([NONE; 6]);
                } else {
                    let k = k as usize;
                    let ik = c[k];
                    w.push(words[k] as f32);
                    w.push(stop[k]);
                    w.push(page.stats[ik].ending as u8 as f32);
                    w.push(page.stats[ik].bullet as u8 as f32);
                    w.push(cue_sum[k] as f32);
                    w.push(page.dup_count[ik] as f32);
                }
            }
            w.push(short_len[j] as f32);
            w.push(short_pos[j]);
            w.push(long_len[j] as f32);
            w.push(kind_len[j] as f32);
            let (lo3, hi3) = (j.saturating_sub(3), (j + 3).min(m - 1));
            let n3 = (hi3 - lo3 + 1) as f32;
            w.push(words[lo3..=hi3].iter().sum::<u32>() as f32 / n3);
            w.push(stop[lo3..=hi3].iter().sum::<f32>() / n3);
            let (lo5, hi5) = (j.saturating_sub(5), (j + 5).min(m - 1));
            w.push(prose[lo5..=hi5].iter().filter(|&&p| p).count() as f32 / (hi5 - lo5 + 1) as f32);
            w.push(ratio(prose_before, total_prose));
            w.push(ratio(
                total_prose - prose_before - prose_words[j],
                total_prose,
            ));
            let (inside, dist) = span_features(span, j, m);
            w.push(inside);
            w.push(dist);
            w.push(since_related[j]);
            w.push(since_comments[j]);
            w.push(since_legal[j]);
            w.push(since_prose[j]);
            w.push(until_prose[j]);
            w.push(page.prefix_count[i] as f32);
            w.push(page.template_count[i] as f32);
            w.push(coh.topic[j]);
            w.push(coh.slug_cover[j]);
            w.push(coh.from_headline[j]);
            // the vocabulary score of the line and of its neighbours
            let voc = |k: usize| page.vocab[c[k]];
            w.push(voc(j));
            w.push(if j > 0 { voc(j - 1) } else { NONE });
            w.push(if j + 1 < m { voc(j + 1) } else { NONE });
            w.push((lo3..=hi3).map(voc).sum::<f32>() / n3);
            w.extend_from_slice(&page_row);
            words_before += words[j];
            prose_before += prose_words[j];
            debug_assert_eq!(w.k, N_FEATURES);
        }
        debug_assert_eq!(out.len(), m * N_FEATURES);
        out
    }

    /// Writes one feature row in order.
    struct RowWriter<'a> {
        row: &'a mut [f32],
        k: usize,
    }

    impl RowWriter<'_> {
        #[inline(always)]
        fn push(&mut self, v: f32) {
            self.row[self.k] = v;
            self.k += 1;
        }
        #[inline(always)]
        fn extend(&mut self, vs: impl IntoIterator<Item = f32>) {
            for v in vs {
                self.push(v);
            }
        }
        #[inline(always)]
        fn extend_from_slice(&mut self, vs: &[f32]) {
            self.row[self.k..self.k + vs.len()].copy_from_slice(vs);
            self.k += vs.len();
        }
    }

    /// Words for random pages: stop words, topic words, cue phrases, prices, digits, URLs.
    const POOL: &[&str] = &[
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "that",
        "with",
        "for",
        "der",
        "und",
        "die",
        "river",
        "mountain",
        "government",
        "policy",
        "market",
        "analyst",
        "forest",
        "company",
        "Related",
        "Comments",
        "Privacy",
        "Policy",
        "Copyright",
        "Share",
        "Reply",
        "Home",
        "News",
        "Contact",
        "$19.99",
        "2024",
        "12",
        "info@x.org",
        "https://x.org/a",
        "|",
        "Über",
        "straße",
        "東京",
        "données",
        "Read",
        "more",
        "Posted",
        "by",
        "Cart",
    ];
    const ENDINGS: &[&str] = &["", ".", ":", "...", ",", "!", " -"];
    const PREFIXES: &[&str] = &["", "- ", "• ", "1. ", "    ", "\t"];

    /// A random page (with blank lines, repeated lines and lines of every kind) and URL.
    pub(crate) fn page_strategy(
    ) -> impl proptest::strategy::Strategy<Value = (String, Option<String>)> {
        use proptest::prelude::*;
        let line = (
            0..PREFIXES.len(),
            proptest::collection::vec(0..POOL.len(), 0..24),
            0..ENDINGS.len(),
        )
            .prop_map(|(p, ws, e)| {
                let body: Vec<&str> = ws.iter().map(|&k| POOL[k]).collect();
                format!("{}{}{}", PREFIXES[p], body.join(" "), ENDINGS[e])
            });
        let lines = proptest::collection::vec(line, 0..40);
        // repeat some lines, as menus and footers do
        let page = (
            lines,
            proptest::collection::vec(any::<prop::sample::Index>(), 0..6),
        )
            .prop_map(|(mut lines, reps)| {
                if !lines.is_empty() {
                    for r in reps {
                        let l = lines[r.index(lines.len())].clone();
                        lines.push(l);
                    }
                }
                lines.join("\n")
            });
        let url = proptest::option::of(proptest::collection::vec(0..POOL.len(), 1..6).prop_map(
            |ws| {
                let slug: Vec<&str> = ws.iter().map(|&k| POOL[k]).collect();
                format!("https://x.org/news/{}", slug.join("-"))
            },
        ));
        (page, url)
    }

    proptest::proptest! {
        /// The fast matrix has the bits of the definition's.
        #[test]
        fn line_features_equal_reference((text, url) in page_strategy()) {
            let vocab = crate::classify::Models::builtin().and_then(|m| m.vocab.as_ref());
            for v in [None, vocab] {
                let p = Page::analyze_with(&text, url.as_deref(), v);
                let fast: Vec<u32> = line_features(&p).iter().map(|x| x.to_bits()).collect();
                let slow: Vec<u32> =
                    line_features_reference(&p).iter().map(|x| x.to_bits()).collect();
                proptest::prop_assert_eq!(fast, slow);
            }
        }
    }

    #[test]
    fn names_match_widths() {
        assert_eq!(feature_names().len(), N_FEATURES);
    }

    #[test]
    fn rows_have_the_right_width() {
        let p = Page::analyze("Home\nNews\n\nThe quick brown fox jumps over the lazy dog and then it runs away into the forest.\n", Some("https://x.org/a/quick-fox"));
        let f = line_features(&p);
        assert_eq!(f.len(), 3 * N_FEATURES);
        assert!(f.iter().all(|x| x.is_finite()));
    }

    #[test]
    fn kadane() {
        assert_eq!(best_span(&[-1.0, 2.0, 3.0, -10.0, 4.0]), Some((1, 2)));
        assert_eq!(best_span(&[-1.0, -2.0]), None);
    }

    #[test]
    fn run_lengths() {
        let (l, p) = runs(&[true, true, false, true]);
        assert_eq!(l, [2, 2, 0, 1]);
        assert_eq!(p[1], 1.0);
    }
}
