//! Tests of `features` (a file of their own: the module stays readable).
use super::page_level::url_features;
use super::rows::{byte_sum, span_features, SHAPE_ROWS};
use super::*;
use crate::lexicon::{Cue, N_CUES};
use crate::lines::Ending;
use crate::page::Page;

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

fn page_features_reference(page: &Page, prose: &[bool], words: &[u32]) -> [f32; 17] {
    let m = page.content.len().max(1) as f32;
    let c = &page.content;
    let cue_total = |cue: Cue| c.iter().map(|&i| page.cues[i].get(cue)).sum::<u32>() as f32;
    let prose_words: u32 = (0..c.len()).filter(|&j| prose[j]).map(|j| words[j]).sum();
    let mut row = [0.0; 17];
    row[..9].copy_from_slice(&[
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
    ]);
    row[9..].copy_from_slice(&url_features(page));
    row
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

    let page_row = page_features_reference(page, &prose, &words);
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
pub(crate) fn page_strategy() -> impl proptest::strategy::Strategy<Value = (String, Option<String>)>
{
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
    let url = proptest::option::of(
        proptest::collection::vec(0..POOL.len(), 1..6).prop_map(|ws| {
            let slug: Vec<&str> = ws.iter().map(|&k| POOL[k]).collect();
            format!("https://x.org/news/{}", slug.join("-"))
        }),
    );
    (page, url)
}

proptest::proptest! {
    #[test]
    fn byte_sum_is_the_sum(h in proptest::array::uniform18(proptest::num::u8::ANY)) {
        proptest::prop_assert_eq!(byte_sum(&h), h.iter().map(|&x| x as u32).sum::<u32>());
    }
}

#[test]
fn shape_rows_are_the_bits() {
    for (v, row) in SHAPE_ROWS.iter().enumerate() {
        for (b, &x) in row.iter().enumerate() {
            assert_eq!(x.to_bits(), (((v >> b) & 1) as f32).to_bits());
        }
    }
}

#[test]
fn byte_sum_of_full_counters() {
    assert_eq!(byte_sum(&[255; N_CUES]), 255 * N_CUES as u32);
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
