//! Metadata read off the lines of a page: the headline, the author (from a byline) and the
//! publication date (ISO `YYYY-MM-DD`), located relative to the main content the scorer found.

use std::sync::LazyLock;

use regex::Regex;

use crate::features::{self, N_FEATURES};
use crate::gbdt::Gbdt;
use crate::lexicon::Cue;
use crate::lines::Ending;
use crate::page::Page;
use crate::patterns::{has, Shape};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    /// Input line number of the headline.
    pub title_line: Option<usize>,
    pub author: Option<String>,
    /// ISO date.
    pub date: Option<String>,
}

/// Features of a headline candidate: its line features and where it stands relative to
/// the content the scorer kept.
pub fn title_feature_names() -> Vec<String> {
    let mut v = features::feature_names();
    for s in ["t_score", "t_to_first_kept", "t_before_first_kept", "t_rank_before", "t_dup_of_title_like"] {
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
    st.words >= 1 && st.words <= MAX_TITLE_WORDS && !st.bullet && st.letters >= 3 && page.shapes[i] == 0
}

/// Title-model feature rows for the candidates of `page`; returns (content positions, rows).
pub fn title_rows(page: &Page, f1: &[f32], scores: &[f32], keep: &[bool]) -> (Vec<usize>, Vec<f32>) {
    let m = page.content.len();
    let first_kept = main_start(keep);
    let mut js = Vec::new();
    let mut rows = Vec::new();
    let mut rank_before = 0u32;
    // the headline is near the top: candidates from the first MAX_TITLE_SCAN content lines only
    // (a page of a million short lines would otherwise build a title row for each)
    for j in (0..m.min(MAX_TITLE_SCAN)).rev() {
        let i = page.content[j];
        if !is_title_candidate(page, i) {
            continue;
        }
        js.push(j);
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
        let best = p.iter().enumerate().filter(|&(k, _)| !excluded(js[k])).max_by(|a, b| a.1.total_cmp(b.1))?;
        // candidates are many and headlines one: the best candidate is taken unless even it is unlikely
        return if *best.1 >= TITLE_MIN_SCORE { Some(page.content[js[best.0]]) } else { None };
    }
    let first_kept = main_start(keep);
    let lo = first_kept.saturating_sub(20);
    let mut best: Option<(f32, usize)> = None;
    for j in lo..first_kept.min(m) {
        let i = page.content[j];
        let st = &page.stats[i];
        if excluded(j) || !is_title_candidate(page, i) || st.words < 3 || st.words > 25 || st.ending == Ending::Sentence || page.cues[i].any() {
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

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:written\s+by|posted\s+by|reviewed\s+by|by|von|par|por|door|author:|autor:|auteur\s*:)\s+(\p{Lu}[\p{L}.'\-]*(?:\s+(?:\p{Lu}[\p{L}.'\-]*|de|van|von|da|di|del|la|le))*(?:\s*(?:,|and|&|und|et|y)\s*\p{Lu}[\p{L}.'\-]*(?:\s+\p{Lu}[\p{L}.'\-]*)*)*)").unwrap()
});

fn find_author(page: &Page, near: usize) -> Option<String> {
    let m = page.content.len();
    let lo = near.saturating_sub(10);
    let hi = (near + 15).min(m);
    // prefer lines near the headline, then anywhere in the first part of the page
    let order = (lo..hi).chain(0..m.min(60));
    for j in order {
        let i = page.content[j];
        if page.stats[i].words > 20 {
            continue;
        }
        if let Some(c) = BYLINE.captures(&page.lines[i]) {
            let name = c[1].trim().trim_end_matches([',', '.', '|', '-']).trim();
            let words = name.split_whitespace().count();
            if (1..=12).contains(&words) && name.len() <= 120 {
                return Some(name.to_string());
            }
        }
    }
    None
}

fn find_date(page: &Page, near: usize) -> Option<String> {
    let m = page.content.len();
    let lo = near.saturating_sub(8);
    let hi = (near + 12).min(m);
    // dates beside the headline or byline first, then short lines of the first part
    for j in (lo..hi).chain(0..m.min(80)) {
        let i = page.content[j];
        let st = &page.stats[i];
        if st.words > 25 || st.digits < 2 {
            continue;
        }
        let dated = has(page.shapes[i], Shape::Date) || page.cues[i].get(Cue::Calendar) > 0 || st.digits >= 6;
        if !dated {
            continue;
        }
        if let Some(d) = parse_date(&page.lines[i]) {
            return Some(d);
        }
    }
    None
}

pub fn extract(page: &Page, scores: &[f32], keep: &[bool], title_model: Option<&Gbdt>) -> Metadata {
    extract_with_features(page, None, scores, keep, title_model, None)
}

/// [`extract`] with the page's line features already at hand (see [`find_title`]).
pub fn extract_with_features(
    page: &Page,
    feats: Option<&[f32]>,
    scores: &[f32],
    keep: &[bool],
    title_model: Option<&Gbdt>,
    not_title: Option<&[bool]>,
) -> Metadata {
    let title_line = find_title(page, feats, scores, keep, title_model, not_title);
    let m = page.content.len();
    let near = match title_line {
        Some(t) => page.content.iter().position(|&i| i == t).unwrap_or(0),
        None => (0..m).find(|&j| keep[j]).unwrap_or(0),
    };
    Metadata {
        title: title_line.map(|t| page.lines[t].trim_start_matches(['#', ' ']).to_string()),
        title_line,
        author: if m > 0 { find_author(page, near) } else { None },
        date: if m > 0 { find_date(page, near) } else { None },
    }
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    const TABLE: &[(&str, u32)] = &[
        ("jan", 1), ("ene", 1), ("gen", 1), ("janv", 1), ("feb", 2), ("fév", 2), ("fev", 2), ("févr", 2), ("mar", 3),
        ("mär", 3), ("apr", 4), ("avr", 4), ("abr", 4), ("may", 5), ("mai", 5), ("mag", 5), ("mei", 5), ("jun", 6),
        ("juin", 6), ("giu", 6), ("jul", 7), ("juil", 7), ("lug", 7), ("aug", 8), ("aoû", 8), ("aou", 8), ("ago", 8),
        ("sep", 9), ("set", 9), ("oct", 10), ("okt", 10), ("out", 10), ("ott", 10), ("nov", 11), ("dec", 12),
        ("déc", 12), ("dez", 12), ("dic", 12),
    ];
    // full names start with one of these stems
    let mut best: Option<(usize, u32)> = None;
    for (stem, num) in TABLE {
        if n.starts_with(stem) && best.is_none_or(|(l, _)| stem.len() > l) {
            best = Some((stem.len(), *num));
        }
    }
    // "mar" also starts "martes" (Tuesday) etc.: only accept words that are month names
    let (_, num) = best?;
    const FULL: &[&str] = &[
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember", "janvier", "février", "mars",
        "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "enero", "febrero",
        "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
        "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "janeiro",
        "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro", "novembro", "dezembro", "sept",
    ];
    if n.len() <= 4 || FULL.contains(&n) {
        Some(num)
    } else {
        None
    }
}

static DATE_RES: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    [
        // 2024-04-23, 2024/04/23, 2024.04.23 (also inside ISO timestamps)
        Regex::new(r"\b((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:\D|$)").unwrap(),
        // April 23, 2024 / Apr. 23rd 2024
        Regex::new(r"(?i)\b(\p{L}{3,10}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b").unwrap(),
        // 23 April 2024 / 23. April 2024 / 23 de abril de 2024
        Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+|of\s+)?(\p{L}{3,10}\.?),?\s+(?:de\s+)?((?:19|20)\d{2})\b").unwrap(),
        // 23.04.2024, 04/23/2024, 23-04-2024
        Regex::new(r"\b(\d{1,2})[./\-](\d{1,2})[./\-]((?:19|20)\d{2})\b").unwrap(),
    ]
});

fn valid(y: i32, m: u32, d: u32) -> Option<String> {
    const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1990..=2100).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > DAYS[m as usize - 1] {
        return None;
    }
    if m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The first date in `s`, as ISO `YYYY-MM-DD`. Numeric dates with both parts ≤ 12 are read
/// day-first unless a slash suggests the US order.
pub fn parse_date(s: &str) -> Option<String> {
    let r = &*DATE_RES;
    let mut found: Vec<(usize, String)> = Vec::new();
    if let Some(c) = r[0].captures(s) {
        if let Some(d) = valid(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?) {
            found.push((c.get(0).unwrap().start(), d));
        }
    }
    for c in r[1].captures_iter(s) {
        if let (Some(mo), Ok(d), Ok(y)) = (month_number(&c[1]), c[2].parse(), c[3].parse()) {
            if let Some(v) = valid(y, mo, d) {
                found.push((c.get(0).unwrap().start(), v));
                break;
            }
        }
    }
    for c in r[2].captures_iter(s) {
        if let (Ok(d), Some(mo), Ok(y)) = (c[1].parse(), month_number(&c[2]), c[3].parse()) {
            if let Some(v) = valid(y, mo, d) {
                found.push((c.get(0).unwrap().start(), v));
                break;
            }
        }
    }
    if let Some(c) = r[3].captures(s) {
        let (a, b, y): (u32, u32, i32) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        let us = s[c.get(0).unwrap().range()].contains('/');
        let v = if a > 12 {
            valid(y, b, a)
        } else if b > 12 || us {
            valid(y, a, b)
        } else {
            valid(y, b, a)
        };
        if let Some(v) = v {
            found.push((c.get(0).unwrap().start(), v));
        }
    }
    found.sort_by_key(|(p, _)| *p);
    found.into_iter().next().map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_start_skips_a_lone_kept_line() {
        let k = |v: &[u8]| v.iter().map(|&b| b == 1).collect::<Vec<bool>>();
        assert_eq!(main_start(&k(&[0, 1, 0, 0, 0, 0, 1, 0, 1, 1])), 6);
        assert_eq!(main_start(&k(&[1, 1, 0])), 0);
        assert_eq!(main_start(&k(&[0, 1, 0, 0, 0, 0])), 1);
        assert_eq!(main_start(&k(&[0, 0])), 2);
        assert_eq!(main_start(&[]), 0);
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("Tuesday, April 23, 2024").as_deref(), Some("2024-04-23"));
        assert_eq!(parse_date("Published 23 April 2024 at 10:00").as_deref(), Some("2024-04-23"));
        assert_eq!(parse_date("2024-04-23T10:00:00Z").as_deref(), Some("2024-04-23"));
        assert_eq!(parse_date("23.04.2024").as_deref(), Some("2024-04-23"));
        assert_eq!(parse_date("04/23/2024").as_deref(), Some("2024-04-23"));
        assert_eq!(parse_date("12 de marzo de 2023").as_deref(), Some("2023-03-12"));
        assert_eq!(parse_date("3. März 2021").as_deref(), Some("2021-03-03"));
        assert_eq!(parse_date("February 30, 2024"), None);
        assert_eq!(parse_date("no date here"), None);
        assert_eq!(parse_date("martes 5 2024"), None);
    }

    #[test]
    fn bylines() {
        let p = Page::analyze("A Big Headline About Things\nBy Jane Q. Doe | March 3, 2024\n\nThe text of the story is here and it is long enough to be prose, with words.\n", None);
        assert_eq!(find_author(&p, 0).as_deref(), Some("Jane Q. Doe"));
        assert_eq!(find_date(&p, 0).as_deref(), Some("2024-03-03"));
    }
}
