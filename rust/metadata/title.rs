//! The headline: which content line is the page's title, picked by the trained title model
//! from the candidates' feature rows, or by a rule when there is no model. Apart from the
//! author and date searches, which only use where the headline is.

use crate::features::{self, N_FEATURES};
use crate::gbdt::Gbdt;
use crate::lines::Ending;
use crate::page::Page;

/// Features of a headline candidate: its line features and where it stands relative to
/// the content the scorer kept.
pub fn title_feature_names() -> Vec<String> {
    let mut v = features::feature_names();
    for s in [
        "t_score",
        "t_to_first_kept",
        "t_before_first_kept",
        "t_rank_before",
        "t_dup_of_title_like",
    ] {
        v.push(s.into());
    }
    v
}

const MAX_TITLE_WORDS: u32 = 40;
/// Content lines looked at for the headline (dev pages have ~300 lines in all).
const MAX_TITLE_SCAN: usize = 5000;
/// The title model's score below which a page is said to have no headline line.
const TITLE_MIN_SCORE: f32 = 0.5;

/// Where the kept text starts: the first kept line that has another kept line within the
/// next three content lines. A lone kept line far above the body (a site's tagline, a
/// teaser) does not move the anchor the headline is looked for above; a page whose kept
/// lines are all isolated falls back to the first kept line.
pub fn main_start(keep: &[bool]) -> usize {
    let m = keep.len();
    (0..m)
        .find(|&j| keep[j] && (j + 1..(j + 4).min(m)).any(|k| keep[k]))
        .or_else(|| (0..m).find(|&j| keep[j]))
        .unwrap_or(m)
}

/// Content-line positions that may hold the headline.
fn is_title_candidate(page: &Page, i: usize) -> bool {
    let st = &page.stats[i];
    st.words >= 1
        && st.words <= MAX_TITLE_WORDS
        && !st.bullet
        && st.letters >= 3
        && page.shapes[i] == 0
}

/// Title-model feature rows for the candidates of `page`; returns (content positions, rows).
pub fn title_rows(
    page: &Page,
    f1: &[f32],
    scores: &[f32],
    keep: &[bool],
) -> (Vec<usize>, Vec<f32>) {
    let m = page.content.len();
    let first_kept = main_start(keep);
    // the headline is near the top: candidates from the first MAX_TITLE_SCAN content lines only
    // (a page of a million short lines would otherwise build a title row for each)
    let js: Vec<usize> = (0..m.min(MAX_TITLE_SCAN))
        .rev()
        .filter(|&j| is_title_candidate(page, page.content[j]))
        .collect();
    // sized once: grown row by row, the matrix was copied over and over (1% of a clean)
    let mut rows = Vec::with_capacity(js.len() * (N_FEATURES + 5));
    let mut rank_before = 0u32;
    for &j in &js {
        let i = page.content[j];
        rows.extend_from_slice(&f1[j * N_FEATURES..(j + 1) * N_FEATURES]);
        rows.push(scores[j]);
        rows.push(first_kept as f32 - j as f32);
        rows.push((j < first_kept) as u8 as f32);
        if j < first_kept {
            rows.push(rank_before as f32);
            rank_before += 1;
        } else {
            rows.push(-1.0);
        }
        rows.push(page.dup_count[i] as f32);
    }
    (js, rows)
}

/// Pick the headline: the trained title model when there is one, else a rule (the
/// heading-like line just above the content, preferring words of the URL slug).
/// `feats`: the page's line features if the caller has them (the line pass does), else they
/// are computed here when the title model needs them.
/// `not_title`: content lines that cannot be the headline whatever the model says (the line
/// pass's rule drops: alt texts above a photo credit, notices, widgets), if the caller has them.
pub fn find_title(
    page: &Page,
    feats: Option<&[f32]>,
    scores: &[f32],
    keep: &[bool],
    model: Option<&Gbdt>,
    not_title: Option<&[bool]>,
) -> Option<usize> {
    let excluded = |j: usize| not_title.is_some_and(|x| x[j]);
    let m = page.content.len();
    if m == 0 {
        return None;
    }
    if let Some(model) = model {
        let computed;
        let f1 = match feats {
            Some(f) => f,
            None => {
                computed = features::line_features(page);
                &computed
            }
        };
        let (js, rows) = title_rows(page, f1, scores, keep);
        let p = model.predict(&rows);
        let best = p
            .iter()
            .enumerate()
            .filter(|&(k, _)| !excluded(js[k]))
            .max_by(|a, b| a.1.total_cmp(b.1))?;
        // candidates are many and headlines one: the best candidate is taken unless even it is unlikely
        return if *best.1 >= TITLE_MIN_SCORE {
            Some(page.content[js[best.0]])
        } else {
            None
        };
    }
    let first_kept = main_start(keep);
    let lo = first_kept.saturating_sub(20);
    let mut best: Option<(f32, usize)> = None;
    for j in lo..first_kept.min(m) {
        let i = page.content[j];
        let st = &page.stats[i];
        if excluded(j)
            || !is_title_candidate(page, i)
            || st.words < 3
            || st.words > 25
            || st.ending == Ending::Sentence
            || page.cues[i].any()
        {
            continue;
        }
        let closeness = 1.0 - (first_kept - j) as f32 / 21.0;
        let score = closeness + (page.dup_count[i] == 1) as u8 as f32 * 0.2;
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// Separators of a breadcrumb trail, spaced as trails write them ("Home › News › Headline").
const CRUMB_SEPARATORS: [&str; 7] = [" › ", " > ", " » ", " / ", " → ", " \\ ", " :: "];

/// The headline's text from its line: Markdown heading marks trimmed, a breadcrumb trail cut
/// to its last crumb (the trail's end names the page: "Home › Guides › How to X" is "How to
/// X"), and a list number dropped when the line is an item of a numbered list ("3. Title"
/// under "2. Section": the scrape wrote a breadcrumb as an ordered list).
/// `j`: the line's content position in `page`.
pub fn headline_text(page: &Page, j: usize) -> String {
    let line = page.lines[page.content[j]]
        .trim_start_matches(['#', ' '])
        .trim_end();
    let line = last_crumb(line).unwrap_or(line);
    let line = match list_number(line) {
        Some((n, rest)) if n > 1 && j > 0 => {
            let above = page.lines[page.content[j - 1]].trim();
            if list_number(above).is_some_and(|(m, _)| m + 1 == n) {
                rest
            } else {
                line
            }
        }
        _ => line,
    };
    line.to_string()
}

/// The last crumb of a breadcrumb trail, or `None` when `line` is not one: three crumbs or
/// more, or two whose first says it is a trail's head ("Home", "You are here:", a domain).
fn last_crumb(line: &str) -> Option<&str> {
    let sep = CRUMB_SEPARATORS.iter().find(|s| line.contains(*s))?;
    let crumbs = line.split(sep).count();
    let (head, last) = line.rsplit_once(sep)?;
    let first = line.split(sep).next().unwrap_or(head).trim();
    let headed = first.eq_ignore_ascii_case("home")
        || first.ends_with(':')
        || (first.contains('.') && !first.contains(' '));
    let last = last.trim();
    // the page's name must be words, not a number or a lone symbol
    let worded = last.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    ((crumbs >= 3 || headed) && worded).then_some(last)
}

/// `(n, rest)` of a line "n. rest" or "n) rest" (n of one or two digits).
fn list_number(line: &str) -> Option<(u32, &str)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = line[digits..].strip_prefix(['.', ')'])?;
    let rest = rest.strip_prefix(' ')?.trim_start();
    if rest.is_empty() {
        return None;
    }
    Some((line[..digits].parse().ok()?, rest))
}

/// The words of a URL's last path segment (its slug), lower-cased: `.../news/council-approves-
/// new-park.html` gives `council approves new park`. Numbers are dropped but years (four
/// digits), and duplicates; `None` below three words (a slug that short names a section, not
/// a page).
fn slug_words(url: &str) -> Option<Vec<String>> {
    let last = crate::page::url_path(url)
        .split('/')
        .rfind(|s| !s.is_empty())?;
    let last = last
        .rsplit_once('.')
        .filter(|(_, ext)| matches!(*ext, "html" | "htm" | "php" | "aspx" | "asp"))
        .map_or(last, |(stem, _)| stem);
    let mut words: Vec<String> = Vec::new();
    for t in last.split(|c: char| !c.is_alphanumeric()) {
        let numeric = t.bytes().all(|b| b.is_ascii_digit());
        if t.is_empty() || (numeric && t.len() != 4) {
            continue;
        }
        let t = t.to_lowercase();
        if !words.contains(&t) {
            words.push(t);
        }
    }
    (words.len() >= 3).then_some(words)
}

/// The headline of a text that was cut into segments (see `segment`), found by the URL's slug
/// inside a segment: a line there holds the headline glued to what was around it ("Sign in
/// Council approves new park The council voted ..."), so no whole line is the title. The
/// span of at most 30 words that covers the most of the slug's words (and is the shortest
/// such), starting and ending on one of them, among the first 80 content lines; at least 60%
/// of the slug must be covered. Returns the line and the span's text. On the WCXB dev pages
/// joined into one line, with their URLs, title accuracy 0.095 → 0.258 (`quality.py`'s joined
/// rows, before and after).
pub fn slug_span_title(page: &Page, url: &str) -> Option<(usize, String)> {
    let slug = slug_words(url)?;
    let n_slug = slug.len().min(64);
    let mut best: Option<((u32, i64), usize, usize, usize)> = None;
    let mut tokens = String::new();
    for &i in page.content.iter().take(80) {
        let line: &str = &page.lines[i];
        // each word's span and the bits of the slug words among its alphanumeric runs
        let words: Vec<(usize, usize, u64)> = line
            .split(' ')
            .scan(0usize, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, start + w.len()))
            })
            .filter(|(s, e)| e > s)
            .map(|(s, e)| {
                let mut bits = 0u64;
                for t in line[s..e].split(|c: char| !c.is_alphanumeric()) {
                    tokens.clear();
                    tokens.extend(t.chars().flat_map(char::to_lowercase));
                    if let Some(k) = slug[..n_slug].iter().position(|w| *w == tokens) {
                        bits |= 1 << k;
                    }
                }
                (s, e, bits)
            })
            .collect();
        for (a, &(start, _, first)) in words.iter().enumerate() {
            if first == 0 {
                continue;
            }
            let mut seen = 0u64;
            for (b, &(_, end, bits)) in words.iter().enumerate().skip(a).take(30) {
                if bits == 0 {
                    continue;
                }
                seen |= bits;
                let covered = seen.count_ones();
                let score = (covered, -((b - a) as i64));
                if 10 * covered as usize >= 6 * n_slug && best.is_none_or(|(bs, ..)| score > bs) {
                    best = Some((score, i, start, end));
                }
            }
        }
    }
    best.map(|(_, i, s, e)| (i, page.lines[i][s..e].to_string()))
}
