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

/// A name as bylines write it: capitalised words (initials, hyphens, apostrophes and the
/// particles of names allowed), several names joined by `,` `and` `&`. The name is case
/// sensitive (so "By clicking Continue ..." is no byline), the words around it are not.
const NAME: &str = r"\p{Lu}[\p{L}\p{M}.'’\-]*(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}.'’\-]*|de|van|von|der|den|da|di|del|la|le|du|dos|bin|al|ibn))*(?:[ \t]*(?:,|&|(?i:and|und|et|y|e|en|i))[ \t]*\p{Lu}[\p{L}\p{M}.'’\-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}.'’\-]*)*)*";

/// A byline: a prefix (after bullets or a date), a colon or spaces, then the name
/// (`BYLINE_PREFIX` + `({NAME})`, read by [`byline_name`]).
const BYLINE_PREFIX: &str = r"^[\s•·*|>\-–—]*(?i:written[ \t]+by|posted[ \t]+by|published[ \t]+by|article[ \t]+by|words[ \t]+by|story[ \t]+by|text[ \t]+by|by|von|par|por|door|di|author|authors|autor|auteur|autore)[ \t]*(?::[ \t]*|[ \t]+)";

/// The same prefixes inside a short line, after a date or a separator: "May 3, 2024 by Ann
/// Lee", "News | By Ann Lee" (`BYLINE_INSIDE_PREFIX` + `({NAME})`).
const BYLINE_INSIDE_PREFIX: &str = r"(?:^|[\s•·|,\-–—])(?i:written[ \t]+by|posted[ \t]+by|by|von|par|por|door)[ \t]*(?::[ \t]*|[ \t]+)";

/// A byline prefix and the first letter of the name: where a byline (`PREFIX({NAME})`)
/// starts, and where its name does (see [`byline_name`]).
static BYLINE_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{BYLINE_PREFIX}\p{{Lu}}")).unwrap());
static BYLINE_INSIDE_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{BYLINE_INSIDE_PREFIX}\p{{Lu}}")).unwrap());

/// A name at the start of the haystack.
static NAME_AT: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"^(?:{NAME})")).unwrap());

/// The match of `PREFIX({NAME})` in `line`, `head` being `PREFIX\p{Lu}`: its start and the
/// name it captures.
///
/// Read with two searches rather than one capturing search of `PREFIX({NAME})`, which cost
/// ~60 k instructions a line (callgrind, 100 dev pages): that search ran the lazy DFA of the
/// reversed pattern from the match's end back to its start, and the reverse of NAME's Unicode
/// classes (compiled unminimised) made each new DFA transition an epsilon closure over
/// thousands of NFA states; then the capture engine ran on top. `head` is reversed through
/// one `\p{Lu}` only, and `NAME_AT`, anchored, needs no reverse search. They find the same
/// match:
/// - NAME matches wherever its first `\p{Lu}` does (all the rest of it may be empty), so
///   `PREFIX({NAME})` matches at a position iff `PREFIX\p{Lu}` does: the leftmost matches
///   start at the same place.
/// - From that start, leftmost-first takes the first way through PREFIX (in priority order)
///   that NAME can follow, that is, that a `\p{Lu}` follows: the way `head` takes. The name
///   so starts at the last character of `head`'s match.
/// - Nothing follows NAME in the pattern and NAME has no look-around, so its captured
///   extent is NAME's own leftmost-first match from there: `^(?:{NAME})` on the rest.
fn byline_name<'a>(head: &Regex, line: &'a str) -> Option<(usize, &'a str)> {
    let m = head.find(line)?;
    let initial = line[..m.end()].chars().next_back()?;
    let rest = &line[m.end() - initial.len_utf8()..];
    let name = NAME_AT.find(rest).map_or("", |n| n.as_str());
    Some((m.start(), name))
}

/// A line that is only a byline prefix: the name is on the next line.
static BYLINE_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s•·*|>\-–—]*(?i:written[ \t]+by|posted[ \t]+by|by|von|par|por|door|author|autor|auteur|autore)[ \t]*:?[ \t]*$").unwrap()
});

/// A forum thread's opener: "Thread starter NAME", "Started by NAME" (user names need not be
/// capitalised).
static STARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s•·*|]*(?i:(?:thread[ \t]+starter[ \t]+)+|started[ \t]+by[ \t]+|original[ \t]+poster:?[ \t]+)(\S+(?:[ \t]\S+){0,2})[ \t]*$").unwrap()
});

/// `line` holds "tarte" or "oster" in any ASCII case, as "starter", "started" and "poster" do
/// in any case the [`STARTER`] regex reads them (most lines have neither, and skip it).
/// Both have a `t` (first in "tarte", third in "oster"): only the few t's are looked at, not
/// each of the line's five-byte windows twice.
fn has_opener_word(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr2_iter(b't', b'T', b).any(|i| {
        b.get(i..i + 5)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"tarte"))
            || (i >= 2
                && b.get(i - 2..i + 3)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"oster")))
    })
}

/// A line that is a name and nothing else.
static NAME_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?:{NAME})$")).unwrap());

const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "ene", "abr", "ago", "dic", "okt", "dez", "mai", "juin", "mär", "janv", "févr", "avr", "juil",
    "déc", "gen", "mag", "giu", "lug", "ott", "set", "out", "mei",
];

/// Words that end a name a byline runs on into: months, weekdays, "on", "in", "at".
fn is_name_stop(w: &str) -> bool {
    let l = w.trim_end_matches([',', '.']).to_lowercase();
    // a month's full name or its exact abbreviation ("Jane" starts like "jan" but is a name)
    let month =
        month_number(&l).is_some() && (l.len() > 4 || MONTH_ABBREVIATIONS.contains(&l.as_str()));
    month
        || matches!(
            l.as_str(),
            "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "updated"
                | "published"
                | "posted"
                | "last"
                | "on"
                | "in"
                | "at"
                | "am"
                | "le"
                | "el"
                | "il"
                | "im"
                | "for"
                | "from"
                | "via"
                | "follow"
                | "share"
                | "read"
                | "min"
                | "mins"
                | "comments"
                | "comment"
                | "reviewed"
                | "edited"
                | "fact"
                | "photo"
                | "photos"
                | "image"
                | "images"
                | "video"
                | "updated:"
                | "published:"
        )
}

/// Clean a captured name: cut at the first word that cannot be part of it, drop trailing
/// joiners, and refuse what is no name (a verb "By clicking", too long, no letters).
fn clean_name(raw: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for w in raw.split_whitespace() {
        if is_name_stop(w) {
            break;
        }
        words.push(w);
        if w.ends_with(',') && words.len() >= 2 {
            // "Ann Lee, Staff Writer": the name ends at its comma unless a second name follows
            // with "and"/"&" (a comma list of names is rare, a comma and a job title common)
            break;
        }
    }
    while let Some(last) = words.last() {
        let l = last.to_lowercase();
        if matches!(
            l.as_str(),
            "and" | "&" | "und" | "et" | "y" | "e" | "en" | "i" | "," | "-" | "|"
        ) {
            words.pop();
        } else {
            break;
        }
    }
    let name = words.join(" ");
    let name = name
        .trim()
        .trim_end_matches([',', '.', '|', '-', ':', ';'])
        .trim();
    let first = name.split_whitespace().next()?;
    // "By clicking / continuing / using / signing up...": a gerund is no first name
    if first.chars().count() >= 5 && first.to_lowercase().ends_with("ing") {
        return None;
    }
    // "BY COMPANY SIZE", "BY CATEGORY": capitals throughout are a menu's, not a name's
    if name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        return None;
    }
    let n = name.split_whitespace().count();
    if !(1..=8).contains(&n) || name.len() > 80 || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(name.to_string())
}

// ASCII word boundaries, for the lazy DFA (see `DATE_RES`)
static READING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)\d+\s*(?:min|mins|minutes?)\.?\s+(?:read|de lecture|Lesezeit|lectura|di lettura)(?-u:\b)",
    )
    .unwrap()
});

/// Whether content line `j` is a date line or a reading-time / byline line: what stands
/// beside an author's name in an article header.
fn is_header_companion(page: &Page, j: usize) -> bool {
    let i = page.content[j];
    let st = &page.stats[i];
    // a date, a byline word or a reading time; not a relative time ("Asked 7 years ago" stands
    // beside a forum's "Ask Question" button) nor a bare weekday
    st.words <= 12
        && (has(page.shapes[i], Shape::Date)
            || page.cues[i].get(Cue::Byline) > 0
            || (st.digits >= 4 && parse_date(&page.lines[i]).is_some())
            || (st.digits > 0 && READING_TIME.is_match(&page.lines[i])))
}

/// A header companion (see [`is_header_companion`]) within two content lines of line `j`.
fn has_header_companion(page: &Page, j: usize) -> bool {
    (j.saturating_sub(2)..(j + 3).min(page.content.len()))
        .any(|k| k != j && is_header_companion(page, k))
}

/// A line that is a person's name alone (2 to 4 capitalised words, no stop word of the page's
/// language, no cue, no digit, no bullet), with evidence that it is the author's: it stands
/// beside a date or byline line, or under a "By" line. (Being repeated on the page is no
/// evidence: product names and menu items repeat as much as author boxes do.)
fn standalone_name(page: &Page, j: usize) -> Option<String> {
    let i = page.content[j];
    let st = &page.stats[i];
    if !(2..=4).contains(&st.words)
        || st.digits > 0
        || st.n_chars > 40
        || st.bullet
        || page.shapes[i] != 0
        || page.cues[i].any()
    {
        return None;
    }
    if page.stop_lang.is_some_and(|l| st.stop.get(l) > 0) || st.upper == st.letters {
        return None;
    }
    let line = page.lines[i].trim();
    if !NAME_LINE.is_match(line) || line.split_whitespace().any(is_name_stop) {
        return None;
    }
    let beside = has_header_companion(page, j);
    let after_by = j > 0 && BYLINE_ALONE.is_match(&page.lines[page.content[j - 1]]);
    if beside || after_by {
        clean_name(line)
    } else {
        None
    }
}

/// Where a content line names the author, and how surely: an explicit byline (3), a forum
/// thread's opener (3), a "By" line and the name under it (3), a byline inside a dated line
/// (2), a name alone beside the header's date (1).
fn author_at(
    page: &Page,
    j: usize,
    near: usize,
    keep: &[bool],
    title: Option<usize>,
) -> Option<(u8, String)> {
    let i = page.content[j];
    let st = &page.stats[i];
    if st.words > 20 {
        return None;
    }
    let line = &page.lines[i];
    // every byline prefix is a byline cue word (`lexicon`), which the analysis has counted:
    // the regexes run only on the lines that have one
    let cue = page.cues[i].get(Cue::Byline) > 0;
    // (forum openers have no cue word: "Thread starter", "Started by", "Original poster")
    if has_opener_word(line) {
        if let Some(c) = STARTER.captures(line) {
            if let Some(n) = clean_name(&c[1]) {
                return Some((3, n));
            }
        }
    }
    if !cue {
        return standalone_near(page, j, near, keep, title);
    }
    if let Some((_, name)) = byline_name(&BYLINE_HEAD, line) {
        if let Some(n) = clean_name(name) {
            // one word after "By" is as often a facet ("By Industry") as a name: a date beside it decides
            if n.contains(' ') || is_dated(page, j) || has_header_companion(page, j) {
                return Some((3, n));
            }
        }
    }
    if BYLINE_ALONE.is_match(line) && j + 1 < page.content.len() {
        let next = page.lines[page.content[j + 1]].trim();
        if NAME_LINE.is_match(next) && page.stats[page.content[j + 1]].words <= 6 {
            if let Some(n) = clean_name(next) {
                return Some((3, n));
            }
        }
    }
    if st.words <= 14 && (is_dated(page, j) || st.separators > 0) {
        if let Some((start, name)) = byline_name(&BYLINE_INSIDE_HEAD, line) {
            let before = line[..start].split_whitespace().next_back().unwrap_or("");
            if !is_credit_verb(before) {
                if let Some(n) = clean_name(name) {
                    return Some((2, n));
                }
            }
        }
    }
    standalone_near(page, j, near, keep, title)
}

/// [`standalone_name`] of content line `j` if it is near the headline. A name alone is taken
/// only from the lines the scorer dropped (an author's name is chrome to it; a heading of the
/// text, which looks the same, is kept) and never from the headline.
fn standalone_near(
    page: &Page,
    j: usize,
    near: usize,
    keep: &[bool],
    title: Option<usize>,
) -> Option<(u8, String)> {
    let i = page.content[j];
    if j.abs_diff(near) <= 6 && !keep.get(j).copied().unwrap_or(false) && title != Some(i) {
        return standalone_name(page, j).map(|n| (1, n));
    }
    None
}

/// The word before "by" in "Updated by", "Photo by", "Powered by": whoever follows is not
/// the author.
fn is_credit_verb(w: &str) -> bool {
    matches!(
        w.trim_end_matches([':', ',']).to_lowercase().as_str(),
        "updated"
            | "edited"
            | "reviewed"
            | "checked"
            | "verified"
            | "photo"
            | "photos"
            | "photograph"
            | "photography"
            | "image"
            | "images"
            | "illustration"
            | "illustrations"
            | "video"
            | "designed"
            | "powered"
            | "developed"
            | "built"
            | "made"
            | "hosted"
            | "sponsored"
            | "presented"
            | "brought"
            | "curated"
            | "translated"
            | "produced"
            | "narrated"
            | "read"
            | "sold"
            | "shipped"
            | "fulfilled"
            | "owned"
            | "operated"
    )
}

/// Content line `j` carries a date (a date shape or a calendar word).
fn is_dated(page: &Page, j: usize) -> bool {
    let i = page.content[j];
    has(page.shapes[i], Shape::Date) || page.cues[i].get(Cue::Calendar) > 0
}

/// The author: the surest byline near the headline (`near`, a content position), else the
/// first explicit byline in the first part of the page.
fn find_author(page: &Page, near: usize, keep: &[bool], title: Option<usize>) -> Option<String> {
    let m = page.content.len();
    let lo = near.saturating_sub(10);
    let hi = (near + 15).min(m);
    let mut best: Option<(u8, usize, String)> = None;
    for j in lo..hi {
        if let Some((sure, name)) = author_at(page, j, near, keep, title) {
            let dist = j.abs_diff(near);
            if best
                .as_ref()
                .is_none_or(|(s, d, _)| sure > *s || (sure == *s && dist < *d))
            {
                best = Some((sure, dist, name));
            }
        }
    }
    if let Some((_, _, n)) = best {
        return Some(n);
    }
    // (the lines of the window, which named no one, are not read again)
    (0..m.min(60))
        .filter(|j| !(lo..hi).contains(j))
        .find_map(|j| {
            author_at(page, j, near, keep, title)
                .filter(|(sure, _)| *sure >= 2)
                .map(|(_, n)| n)
        })
}

/// A line that introduces the publication date.
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s•·*|]*(?i:posted|published|publication date|date published|first published|publié|veröffentlicht|publicado|pubblicato|gepubliceerd|date:|dated)\b").unwrap()
});

/// [`PUBLISHED`] matches `line`. Its words all start with p, d, f, v or g, letters that
/// Unicode case folding pairs with their capital only (`p_d_f_v_g_fold_to_themselves`), and
/// the bullets and spaces before them are no letters or digits: the first alphanumeric
/// character of a line it matches is one of these ten. Most lines of a page's tail fail that
/// test, and never reach the regex (whose Unicode `\b` sends lines with a non-ASCII
/// character to the backtracker).
fn is_published_line(line: &str) -> bool {
    matches!(
        line.chars().find(|c| c.is_alphanumeric()),
        Some('p' | 'P' | 'd' | 'D' | 'f' | 'F' | 'v' | 'V' | 'g' | 'G')
    ) && PUBLISHED.is_match(line)
}

fn find_date(page: &Page, near: usize, keep: &[bool]) -> Option<String> {
    let m = page.content.len();
    let lo = near.saturating_sub(8);
    let hi = (near + 12).min(m);
    // the text's own end: a "Posted on ..." line under the article
    let last_kept = (0..m)
        .rev()
        .find(|&j| keep.get(j).copied().unwrap_or(false))
        .unwrap_or(0);
    let tail = hi.max(80).min(m)..(last_kept + 4).min(m);
    // dates beside the headline or byline first, then short lines of the first part, then
    // the lines down to the end of the text
    let in_tail = |j: usize| j >= hi.max(80);
    // (a line of the window, which gave no date, is not parsed again in the first part)
    for j in (lo..hi)
        .chain((0..m.min(80)).filter(|j| !(lo..hi).contains(j)))
        .chain(tail)
    {
        let i = page.content[j];
        let st = &page.stats[i];
        if st.words > 25 || st.digits < 2 {
            continue;
        }
        // far from the headline only a line that says it is the publication date counts
        // (tested after the counts: the tail is most of the page, and the regex costs more)
        if in_tail(j) && !is_published_line(&page.lines[i]) {
            continue;
        }
        if !(is_dated(page, j) || st.digits >= 6) {
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
        author: if m > 0 {
            find_author(page, near, keep, title_line)
        } else {
            None
        },
        date: if m > 0 {
            find_date(page, near, keep)
        } else {
            None
        },
    }
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    const TABLE: &[(&str, u32)] = &[
        ("jan", 1),
        ("ene", 1),
        ("gen", 1),
        ("janv", 1),
        ("feb", 2),
        ("fév", 2),
        ("fev", 2),
        ("févr", 2),
        ("mar", 3),
        ("mär", 3),
        ("apr", 4),
        ("avr", 4),
        ("abr", 4),
        ("may", 5),
        ("mai", 5),
        ("mag", 5),
        ("mei", 5),
        ("jun", 6),
        ("juin", 6),
        ("giu", 6),
        ("jul", 7),
        ("juil", 7),
        ("lug", 7),
        ("aug", 8),
        ("aoû", 8),
        ("aou", 8),
        ("ago", 8),
        ("sep", 9),
        ("set", 9),
        ("oct", 10),
        ("okt", 10),
        ("out", 10),
        ("ott", 10),
        ("nov", 11),
        ("dec", 12),
        ("déc", 12),
        ("dez", 12),
        ("dic", 12),
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
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "januar",
        "februar",
        "märz",
        "juni",
        "juli",
        "oktober",
        "dezember",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "gennaio",
        "febbraio",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "settembre",
        "ottobre",
        "dicembre",
        "janeiro",
        "fevereiro",
        "março",
        "maio",
        "junho",
        "julho",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
        "sept",
    ];
    if n.len() <= 4 || FULL.contains(&n) {
        Some(num)
    } else {
        None
    }
}

/// `s` with a space where scraped text glued two elements together: a lower-case letter
/// and a capital ("calendarApr 16", "EditorialNovember 22"), or a digit and a capital
/// ("April 26, 2024Updated on"). Word boundaries then fall where the page's layout had them.
fn unglue(s: &str) -> std::borrow::Cow<'_, str> {
    let glued = |a: char, b: char| (a.is_lowercase() || a.is_ascii_digit()) && b.is_uppercase();
    let mut prev: Option<char> = None;
    if !s
        .chars()
        .any(|c| prev.replace(c).is_some_and(|p| glued(p, c)))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev = None;
    for c in s.chars() {
        if prev.is_some_and(|p| glued(p, c)) {
            out.push(' ');
        }
        out.push(c);
        prev = Some(c);
    }
    std::borrow::Cow::Owned(out)
}

// ASCII word boundaries (`(?-u:\b)`): with Unicode ones the regex crate's lazy DFA gives up
// on a line with any non-ASCII byte (by design, rust-lang/regex#768) and a slower engine
// scans it (the cost: benchmarks/README.md, fourth session). Every digit and month prefix
// these patterns read starts with an ASCII character, so the two differ only beside a
// non-ASCII letter: "于2024-03-05" (Chinese) now has a boundary before the year, as it should.
static DATE_RES: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    [
        // 2024-04-23, 2024/04/23, 2024.04.23 (also inside ISO timestamps)
        Regex::new(r"(?-u:\b)((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:\D|$)").unwrap(),
        // April 23, 2024 / Apr. 23rd 2024
        Regex::new(&month_date(DATE_MONTH_DAY, UNICODE)).unwrap(),
        // 23 April 2024 / 23. April 2024 / 23 de abril de 2024
        Regex::new(&month_date(DATE_DAY_MONTH, UNICODE)).unwrap(),
        // 23.04.2024, 04/23/2024, 23-04-2024
        Regex::new(r"(?-u:\b)(\d{1,2})[./\-](\d{1,2})[./\-]((?:19|20)\d{2})(?-u:\b)").unwrap(),
    ]
});

// The dates with a month word, as templates: `{flags}` and `{letter}` are filled in by
// `month_date`, for any text or for ASCII text.
const DATE_MONTH_DAY: &str = r"{flags}(?-u:\b)({letter}{3,10}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?:(?-u:\b)|\d{1,2}:\d\d)";
const DATE_DAY_MONTH: &str = r"{flags}(?-u:\b)(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+|of\s+)?({letter}{3,10}\.?),?\s+(?:de\s+)?((?:19|20)\d{2})(?:(?-u:\b)|\d{1,2}:\d\d)";
const UNICODE: (&str, &str) = ("(?i)", r"\p{L}");
const ASCII: (&str, &str) = ("(?i-u)", "[a-z]");

fn month_date(template: &str, (flags, letter): (&str, &str)) -> String {
    template
        .replace("{flags}", flags)
        .replace("{letter}", letter)
}

/// `DATE_RES[1]` and `[2]` for ASCII text. On an ASCII haystack the two patterns are the same
/// pattern, piece by piece: the same structure (so the same leftmost-first matches and
/// captures), each class restricted to the ASCII characters it holds (`\p{L}` to `[a-zA-Z]`,
/// `\s` to `[\t\n\v\f\r ]`, `\d` to `[0-9]`; Unicode case folding adds no ASCII letter to an
/// ASCII one, only `ſ` to `s` and the Kelvin sign to `k`), the same ASCII word boundaries.
/// Their automata are far smaller: with ten copies of `\p{L}`, the capturing searches of the
/// Unicode ones cost ~30 k instructions a parsed line (callgrind, 100 dev pages): the lazy
/// DFA of the reversed pattern (run back from a match's end to its start) building
/// transitions over thousands of NFA states, the backtracker clearing a visited set as large.
static DATE_RES_ASCII: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        Regex::new(&month_date(DATE_MONTH_DAY, ASCII)).unwrap(),
        Regex::new(&month_date(DATE_DAY_MONTH, ASCII)).unwrap(),
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
    // every pattern has a year `(?:19|20)\d{2}`, and `unglue` only inserts spaces before
    // capitals: a line without `19` or `20` has no date (most lines parsed have none, and four
    // capturing searches cost more than this scan)
    if !s.as_bytes().windows(2).any(|w| w == b"19" || w == b"20") {
        return None;
    }
    let s = &*unglue(s);
    let r = &*DATE_RES;
    let (month_day, day_month) = if s.is_ascii() {
        (&DATE_RES_ASCII[0], &DATE_RES_ASCII[1])
    } else {
        (&r[1], &r[2])
    };
    let mut found: Vec<(usize, String)> = Vec::new();
    if let Some(c) = r[0].captures(s) {
        if let Some(d) = valid(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?) {
            found.push((c.get(0).unwrap().start(), d));
        }
    }
    for c in month_day.captures_iter(s) {
        if let (Some(mo), Ok(d), Ok(y)) = (month_number(&c[1]), c[2].parse(), c[3].parse()) {
            if let Some(v) = valid(y, mo, d) {
                found.push((c.get(0).unwrap().start(), v));
                break;
            }
        }
    }
    for c in day_month.captures_iter(s) {
        if let (Ok(d), Some(mo), Ok(y)) = (c[1].parse(), month_number(&c[2]), c[3].parse()) {
            if let Some(v) = valid(y, mo, d) {
                found.push((c.get(0).unwrap().start(), v));
                break;
            }
        }
    }
    if let Some(c) = r[3].captures(s) {
        let (a, b, y): (u32, u32, i32) =
            (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
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
mod tests;
