//! Site templates: lines that recur across the pages of one site (menus, footers, "Share
//! post:", newsletter boxes) are boilerplate even where a single page cannot tell. The idea is
//! CCNet's paragraph dedup, counted per site: for every site, in how many of its documents
//! each normalised line (its dedup-key hash) occurs.
//!
//! A line of a site is template when the site has at least `min_site_docs` distinct documents
//! and the line occurs in at least `max(min_docs, ceil(min_fraction * site_docs))` of them.
//! Documents are counted once per distinct content (the hash of their line-hash sequence), so
//! a page crawled three times does not make its own text look like template. Counts are sums,
//! so they do not depend on the order documents come in, and two counters merge by adding.
//!
//! Memory: one hash-map entry (u64 key, u32 count) per distinct (site, line) pair, one per
//! distinct document and one per site; [`TemplateCounter::memory_bytes`] reports it.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use crate::hash::key_hash;
use crate::lexicon::Cue;
use crate::lines::split_lines;
use crate::normalize::{dedup_key_into, normalize_line};
use crate::reasons::Reason;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TemplateParams {
    /// A line must occur in at least this many documents of the site.
    pub min_docs: u32,
    /// ... and in at least this fraction of them.
    pub min_fraction: f64,
    /// Sites with fewer distinct documents are left alone.
    pub min_site_docs: u32,
    /// A template line inside the content (kept, non-template lines both before and after it)
    /// is dropped only in a run of at least this many consecutive kept template lines. An
    /// isolated recurring line amid content is usually a heading or label of the site's page
    /// type ("Features:", "Pros", "Specifications"), not chrome. 1 drops template lines
    /// wherever they are.
    pub min_run: u32,
}

impl Default for TemplateParams {
    fn default() -> Self {
        TemplateParams {
            min_docs: 3,
            min_fraction: 0.3,
            min_site_docs: 3,
            min_run: 2,
        }
    }
}

impl TemplateParams {
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.min_fraction) {
            return Err(format!(
                "min_fraction must be within [0, 1], got {}",
                self.min_fraction
            ));
        }
        if self.min_docs < 2 {
            return Err(format!(
                "min_docs must be at least 2 (a line in one document is not a template), got {}",
                self.min_docs
            ));
        }
        if self.min_site_docs < 2 {
            return Err(format!(
                "min_site_docs must be at least 2, got {}",
                self.min_site_docs
            ));
        }
        if self.min_run < 1 {
            return Err("min_run must be at least 1".into());
        }
        Ok(())
    }
}

pub fn site_hash(site: &str) -> u64 {
    xxh3_64(site.as_bytes())
}

#[inline]
fn site_line_key(site: u64, line: u64) -> u64 {
    xxh3_64_with_seed(&line.to_le_bytes(), site)
}

/// Dedup-key hashes of the lines of a text, as the line pass computes them (`Page::analyze`):
/// each line normalised, then keyed; 0 for lines without letters or digits.
pub fn line_hashes(text: &str, key: &mut String, out: &mut Vec<u64>) {
    out.clear();
    for raw in split_lines(text) {
        let norm = normalize_line(raw);
        dedup_key_into(&norm, key);
        out.push(key_hash(key));
    }
}

/// Seeds a document's kept-text identity apart from its all-lines one (see
/// [`TemplateCounter::add_cleaned`]).
const KEPT_SEED: u64 = 0x6b65_7074_6578_7421;

/// Lines of more words than this with a digit are counted with their digits (see
/// [`template_keys`]).
const FOLD_DIGITS_WORDS: usize = 6;

/// The keys a site's lines are counted by, and which lines are data (never template).
///
/// A key is the line's dedup-key hash, whose digits are folded to 0 (`12 comments` and
/// `3 comments`, `Page 2 of 9`, `© 2023` and `© 2024` are one line), but that hash with the
/// line's digits for a line of more than [`FOLD_DIGITS_WORDS`] words with an ASCII digit: a
/// sentence a site writes on every page with other numbers ("The winning numbers in draw 1000
/// were 12, 17, ...", a match's score, a day's prices) is each page's own content, and was
/// dropped from all of them.
///
/// A line is data when it is a value, a field or a line of code (see [`is_datum`]): such a
/// line recurs across a site's pages because they hold the same kind of data (a shop's
/// prices, sizes and spec fields, a spec table's `1`, `4 mm`, a doc site's `fn main() {`),
/// not because it is chrome. It is never counted and never template; its key, digits folded,
/// is part of the page's identity.
/// On the dev pack's 34 sites of 3 or more pages, the pass removed 451 lines before this
/// rule, 315 of them lines of the gold (mostly such data); 244 after it, 134 of the gold
/// (`benchmarks/template.py`).
///
/// `hashes` are the dedup-key hashes of `text`'s lines (0 for a line without a letter or
/// digit, kept 0); a count that does not match gives them back as they are, none data.
pub fn template_keys(text: &str, hashes: &[u64]) -> (Vec<u64>, Vec<bool>) {
    let mut keys = Vec::with_capacity(hashes.len());
    let mut data = Vec::with_capacity(hashes.len());
    let mut digits = Vec::new();
    for raw in split_lines(text) {
        let Some(&h) = hashes.get(keys.len()) else {
            return (hashes.to_vec(), vec![false; hashes.len()]); // more lines than hashes
        };
        let (k, d) = template_key(raw, h, &mut digits);
        keys.push(k);
        data.push(d);
    }
    if keys.len() != hashes.len() {
        return (hashes.to_vec(), vec![false; hashes.len()]);
    }
    (keys, data)
}

/// What one pass over a line's bytes tells [`template_key`].
#[derive(Default)]
struct LineCounts {
    words: usize,
    digit: bool,
    /// For a line of at most [`VALUE_BYTES`] bytes: its ASCII letters, and each byte of a
    /// character outside ASCII (a CJK character is three)...
    letters: usize,
    /// ... and its digits. (0 and 0 for a longer line.)
    digits: usize,
}

/// A value is a short line (see [`is_datum`]): only such lines have their letters counted
/// (counted on every line, they cost template counting 20-30% of its speed, a scratch A/B).
const VALUE_BYTES: usize = 48;

fn line_counts(line: &str) -> LineCounts {
    // Two loops, one per kind of line, each branch-free (vectorised): a first loop over every
    // line and a second over the short ones for their letters was about 4% slower (a scratch
    // A/B of `template.py --speed`'s measure).
    let mut c = LineCounts::default();
    let mut in_word = false;
    if line.len() <= VALUE_BYTES {
        for b in line.bytes() {
            let space = b == b' ' || b == b'\t';
            c.words += usize::from(!space && !in_word);
            in_word = !space;
            c.digits += usize::from(b.is_ascii_digit());
            c.letters += usize::from(b.is_ascii_alphabetic() || b >= 0x80);
        }
        c.digit = c.digits > 0;
    } else {
        for b in line.bytes() {
            let space = b == b' ' || b == b'\t';
            c.words += usize::from(!space && !in_word);
            in_word = !space;
            c.digit |= b.is_ascii_digit();
        }
    }
    c
}

/// Whether a line is data, not chrome: a value (a line of at most [`VALUE_BYTES`] bytes with a
/// digit and fewer than four letters, or no more than two letters per digit: `$29.99`, `1`,
/// `4 mm`, `-90%`, `compared to $160.00`, `eBay item number:365999454668`), a field (see
/// [`is_field`]) or a line of code (ending in `{`, `}` or `;`, holding `()`, or opening with
/// `#!`, `//` or `/*`), and no chrome's cue: no `©`, and no cue phrase of a family but
/// commerce's (`Tel: +49 30 1234`, `Home > Blog > 2024`, `Follow us:` are chrome). Menus,
/// footers and notices are words.
fn is_datum(line: &str, c: &LineCounts) -> bool {
    let t = line.trim_matches([' ', '\t']);
    let b = t.as_bytes();
    // (`c` counts the letters and digits of short lines only: a longer line is no value)
    let value = c.digits > 0 && (c.letters < 4 || c.letters <= 2 * c.digits);
    let shaped = value
        || t.ends_with(['{', '}', ';'])
        || t.starts_with("#!")
        || t.starts_with("//")
        || t.starts_with("/*")
        || memchr::memchr_iter(b')', b).any(|i| i > 0 && b[i - 1] == b'(')
        || (memchr::memchr(b':', b).is_some() && is_field(t));
    shaped && !chrome_cue(t)
}

/// Whether a line names chrome: a `©`, or a cue phrase of any family but commerce (its words
/// read again, so asked only of the lines shaped as data).
fn chrome_cue(line: &str) -> bool {
    if line.contains('©') {
        return true;
    }
    let mut hits = crate::classify::hits(line);
    hits.0[Cue::Commerce as usize] = 0;
    hits.any()
}

/// A field of a record: a label of at most three words and a colon, alone (`Condition:`,
/// `Minimum:`: its value is the next line) or with a value holding a digit (`• Storage: 60 GB
/// available space`, `• OS: Windows 10`). A shop's or a spec sheet's fields recur across the
/// site's pages, with values that often recur too; they are the page's data. (A URL's scheme
/// is no label, nor the heading of a list of links, `Tags:`, `Quick Links:`, see
/// [`CHROME_LABELS`]: on the dev pack's real sites, a scratch variant counting every label
/// alone as chrome cost F1 0.0014 in `benchmarks/template.py`.)
fn is_field(line: &str) -> bool {
    let body = line.trim_start_matches(['•', '*', '-', ' ']);
    let Some(k) = body.find(':') else {
        return false;
    };
    let (label, value) = (&body[..k], body[k + 1..].trim());
    if label.trim().is_empty() || label.split(' ').count() > 3 || value.starts_with('/') {
        return false;
    }
    if value.is_empty() {
        // a label alone: the heading of a list of links is chrome ("Tags:", "Quick Links:")
        let last = label.split(' ').next_back().unwrap_or("").to_lowercase();
        return !CHROME_LABELS.contains(&last.as_str());
    }
    value.bytes().any(|b| b.is_ascii_digit())
}

/// The last words of the labels that head a list of links (see [`is_field`]); the chrome cue
/// phrases (`Share:`, `Follow us:`) are vetoed by [`chrome_cue`]. A list of its own, not
/// phrases of the lexicon's navigation family: the lexicon's hits are features of the text
/// path's models, which a new phrase would change (and need training again).
const CHROME_LABELS: [&str; 24] = [
    "tags",
    "tag",
    "categories",
    "category",
    "topics",
    "links",
    "contact",
    "menu",
    "navigation",
    "schlagwörter",
    "kategorien",
    "kategorie",
    "themen",
    "kontakt",
    "étiquettes",
    "catégories",
    "catégorie",
    "liens",
    "etiquetas",
    "categorías",
    "categoría",
    "temas",
    "enlaces",
    "contacto",
];

/// One line's key of [`template_keys`], from its dedup-key hash `folded`, and whether it is
/// data.
fn template_key(line: &str, folded: u64, digits: &mut Vec<u8>) -> (u64, bool) {
    if folded == 0 {
        return (folded, false);
    }
    let c = line_counts(line);
    let datum = is_datum(line, &c);
    // (a data line keeps its digits folded: it is part of the page's identity, and a page
    // crawled again with another price or time stamp is the same page)
    if !c.digit || c.words <= FOLD_DIGITS_WORDS || datum {
        return (folded, datum);
    }
    // the line's numbers (ASCII digits: other scripts' digits stay folded), each run ended
    // by a mark, hashed with the key that folded them: cheaper than keying the line again,
    // which cost template counting a quarter of its speed
    digits.clear();
    let mut run = false;
    for b in line.bytes() {
        if b.is_ascii_digit() {
            digits.push(b);
            run = true;
        } else if run {
            digits.push(b'|');
            run = false;
        }
    }
    (xxh3_64_with_seed(digits, folded).max(1), datum)
}

/// [`line_hashes`] and [`template_keys`] of a text in one pass: `out` gets each line's
/// template key, `data` whether it is data.
fn line_keys(
    text: &str,
    key: &mut String,
    digits: &mut Vec<u8>,
    out: &mut Vec<u64>,
    data: &mut Vec<bool>,
) {
    out.clear();
    data.clear();
    for raw in split_lines(text) {
        let norm = normalize_line(raw);
        dedup_key_into(&norm, key);
        let (k, d) = template_key(raw, key_hash(key), digits);
        out.push(k);
        data.push(d);
    }
}

/// What one document contributes: its content hash and its distinct non-zero line hashes.
pub fn doc_lines(hashes: &[u64]) -> (u64, Vec<u64>) {
    (doc_hash(hashes), distinct_keys(hashes, |_| true))
}

/// The distinct non-zero keys of the lines `pick` takes (by position), sorted.
fn distinct_keys(keys: &[u64], pick: impl Fn(usize) -> bool) -> Vec<u64> {
    let mut v: Vec<u64> = keys
        .iter()
        .enumerate()
        .filter(|&(i, &h)| h != 0 && pick(i))
        .map(|(_, &h)| h)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// A document's content hash: of its non-zero line hashes in order.
fn doc_hash(hashes: &[u64]) -> u64 {
    let mut bytes = Vec::with_capacity(8 * hashes.len());
    for h in hashes.iter().filter(|&&h| h != 0) {
        bytes.extend_from_slice(&h.to_le_bytes());
    }
    xxh3_64(&bytes)
}

#[derive(Clone, Debug, Default)]
pub struct TemplateCounter {
    pub params: TemplateParams,
    sites: FxHashMap<u64, u32>,
    seen: FxHashSet<u64>,
    lines: FxHashMap<u64, u32>,
}

impl TemplateCounter {
    pub fn new(params: TemplateParams) -> Result<TemplateCounter, String> {
        params.validate()?;
        Ok(TemplateCounter {
            params,
            ..Default::default()
        })
    }

    /// Count one document of `site` given its line hashes (any order, zeros ignored). Returns
    /// false when a document with the same lines was already counted for the site, or it has
    /// no line with a letter or digit.
    pub fn add_hashes(&mut self, site: &str, hashes: &[u64]) -> bool {
        let (doc, distinct) = doc_lines(hashes);
        self.add_prepared(site_hash(site), doc, &distinct)
    }

    /// [`add_hashes`](Self::add_hashes) of a cleaned document. Its *kept* lines count once
    /// per distinct kept text of the site (the lines `kept` marks), so a page crawled again
    /// with another menu, teaser or ad (lines the page cleaner dropped) is the same page, and
    /// its article does not recur in three of the site's pages because it was crawled three
    /// times; its other lines count once per distinct document (all its lines), as
    /// [`add_hashes`](Self::add_hashes) counts them. Both are sets, so the counts do not
    /// depend on which copy comes first (counting a copy's dropped lines under its kept text
    /// made a footer that only the first copy had count or not by the input's order). A page
    /// counts toward the site's size once per distinct kept text (by all its lines when it
    /// kept none).
    ///
    /// With `text` (the text the hashes are of), its lines are counted by their
    /// [`template_keys`].
    pub fn add_cleaned(
        &mut self,
        site: &str,
        text: Option<&str>,
        hashes: &[u64],
        kept: &[bool],
    ) -> bool {
        let (keys, data) = match text {
            Some(t) => template_keys(t, hashes),
            None => (hashes.to_vec(), vec![false; hashes.len()]),
        };
        let all = doc_hash(&keys);
        let kept_keys: Vec<u64> = keys
            .iter()
            .zip(kept)
            .filter(|&(&h, &k)| k && h != 0)
            .map(|(&h, _)| h)
            .collect();
        let kept_doc = doc_hash(&kept_keys);
        // (data lines are part of a page's identity, above, but never counted)
        let kept_distinct = distinct_keys(&keys, |i| kept[i] && !data[i]);
        let other: Vec<u64> = distinct_keys(&keys, |i| !data[i])
            .into_iter()
            .filter(|h| kept_distinct.binary_search(h).is_err())
            .collect();
        if kept_distinct.is_empty() && other.is_empty() {
            return false; // nothing to count (as `add_texts` skips such a page)
        }
        let s = site_hash(site);
        // (the two kinds of identity apart: a page's kept text is not another's whole text)
        let new_kept = !kept_keys.is_empty()
            && self
                .seen
                .insert(xxh3_64_with_seed(&kept_doc.to_le_bytes(), s ^ KEPT_SEED));
        let new_all = self.seen.insert(xxh3_64_with_seed(&all.to_le_bytes(), s));
        if new_kept || (kept_keys.is_empty() && new_all) {
            *self.sites.entry(s).or_insert(0) += 1;
        }
        if new_kept {
            for &h in &kept_distinct {
                *self.lines.entry(site_line_key(s, h)).or_insert(0) += 1;
            }
        }
        if new_all {
            for &h in &other {
                *self.lines.entry(site_line_key(s, h)).or_insert(0) += 1;
            }
        }
        new_kept || new_all
    }

    fn add_prepared(&mut self, site: u64, doc: u64, distinct: &[u64]) -> bool {
        if distinct.is_empty()
            || !self
                .seen
                .insert(xxh3_64_with_seed(&doc.to_le_bytes(), site))
        {
            return false;
        }
        *self.sites.entry(site).or_insert(0) += 1;
        for &h in distinct {
            *self.lines.entry(site_line_key(site, h)).or_insert(0) += 1;
        }
        true
    }

    /// Count many documents given as texts; the line hashing runs on the current rayon pool.
    /// Returns how many were counted.
    pub fn add_texts(&mut self, docs: &[(&str, &str)]) -> usize {
        let prepared: Vec<(u64, u64, Vec<u64>)> = docs
            .par_iter()
            .map_init(
                || (String::new(), Vec::new(), Vec::new(), Vec::new()),
                |(key, digits, hs, data), (site, text)| {
                    line_keys(text, key, digits, hs, data);
                    // (data lines are part of the document's identity, but never counted)
                    let distinct = distinct_keys(hs, |i| !data[i]);
                    (site_hash(site), doc_hash(hs), distinct)
                },
            )
            .collect();
        prepared
            .iter()
            .filter(|(s, d, l)| self.add_prepared(*s, *d, l))
            .count()
    }

    /// Add another counter's counts (counters of shards of one corpus merge into the corpus's).
    /// A document counted in both shards is counted twice: shard by site, or accept that.
    pub fn merge(&mut self, other: &TemplateCounter) {
        for (k, v) in &other.sites {
            *self.sites.entry(*k).or_insert(0) += v;
        }
        self.seen.extend(other.seen.iter().copied());
        for (k, v) in &other.lines {
            *self.lines.entry(*k).or_insert(0) += v;
        }
    }

    pub fn site_docs(&self, site: &str) -> u32 {
        self.sites.get(&site_hash(site)).copied().unwrap_or(0)
    }

    /// In how many of the site's documents a line (by its hash) occurs.
    pub fn line_docs(&self, site: &str, line_hash: u64) -> u32 {
        self.lines
            .get(&site_line_key(site_hash(site), line_hash))
            .copied()
            .unwrap_or(0)
    }

    /// The number of documents a line of `site` must occur in to be template, or `None` when
    /// the site is too small to judge.
    pub fn threshold(&self, site: &str) -> Option<u32> {
        self.threshold_of(site_hash(site))
    }

    fn threshold_of(&self, site: u64) -> Option<u32> {
        let n = self.sites.get(&site).copied().unwrap_or(0);
        if n < self.params.min_site_docs {
            return None;
        }
        let frac = (self.params.min_fraction * n as f64 - 1e-9).ceil() as u32;
        Some(self.params.min_docs.max(frac))
    }

    /// Which lines of a document are template: `flags[i]` for every line hash.
    pub fn template_lines(&self, site: &str, hashes: &[u64]) -> Vec<bool> {
        let s = site_hash(site);
        match self.threshold_of(s) {
            None => vec![false; hashes.len()],
            Some(t) => hashes
                .iter()
                .map(|&h| {
                    h != 0
                        && self
                            .lines
                            .get(&site_line_key(s, h))
                            .is_some_and(|&c| c >= t)
                })
                .collect(),
        }
    }

    /// [`template_lines`](Self::template_lines) of the lines of `text`, whose dedup-key
    /// hashes are `hashes`: looked up by their [`template_keys`], and data lines never
    /// template.
    pub fn template_lines_of_text(&self, site: &str, text: &str, hashes: &[u64]) -> Vec<bool> {
        let (keys, data) = template_keys(text, hashes);
        self.flags(site, &keys, &data)
    }

    fn flags(&self, site: &str, keys: &[u64], data: &[bool]) -> Vec<bool> {
        let mut flags = self.template_lines(site, keys);
        for (f, d) in flags.iter_mut().zip(data) {
            *f &= !d;
        }
        flags
    }

    /// Drop the template lines among a document's kept lines: `kept` and `reasons` (reason
    /// codes) are updated in place. Returns the new clean text and how many lines were dropped.
    ///
    /// `text` is the text the decisions refer to. With `clean`, the document's clean text as
    /// its cleaner wrote it (an HTML page's layout, Markdown, code's indents), the dropped
    /// lines are taken out of that text (see [`remove_from_clean`]), and a line that is not
    /// a line of its own there (a cell of a table's row, a line of a `<pre>`, a line the
    /// Markdown marks up inline) stays kept: a block is kept or dropped as one. Without it,
    /// the clean text is rebuilt from the kept lines, each normalised.
    pub fn apply(
        &self,
        site: &str,
        text: &str,
        clean: Option<&str>,
        hashes: &[u64],
        kept: &mut [bool],
        reasons: &mut [u8],
    ) -> Result<(String, usize), String> {
        if hashes.len() != kept.len() || reasons.len() != kept.len() {
            return Err(format!(
                "{} line hashes, {} kept flags and {} reasons",
                hashes.len(),
                kept.len(),
                reasons.len()
            ));
        }
        let (keys, data) = template_keys(text, hashes);
        let flags = self.flags(site, &keys, &data);
        // (a data line is neither template nor the page's own line between template lines)
        let own: Vec<bool> = kept.iter().zip(&data).map(|(&k, &d)| k && !d).collect();
        let mut drop = drop_positions(&flags, &own, hashes, self.params.min_run);
        let out = match clean {
            Some(c) => {
                let (out, taken) = remove_from_clean(c, text, kept, &drop)?;
                drop = taken;
                out
            }
            None => String::new(),
        };
        for &i in &drop {
            kept[i] = false;
            reasons[i] = Reason::SiteTemplate as u8;
        }
        let out = match clean {
            Some(_) => out,
            None => assemble_kept(text, kept)?,
        };
        Ok((out, drop.len()))
    }

    /// Distinct (site, line) pairs counted.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn n_sites(&self) -> usize {
        self.sites.len()
    }

    pub fn n_docs(&self) -> usize {
        self.seen.len()
    }

    /// Bytes held by each table, from its capacity (hashbrown: key + value + one control byte
    /// per bucket).
    pub fn memory_bytes(&self) -> Vec<(&'static str, usize)> {
        vec![
            (
                "lines",
                self.lines.capacity() * (std::mem::size_of::<(u64, u32)>() + 1),
            ),
            ("documents", self.seen.capacity() * (8 + 1)),
            (
                "sites",
                self.sites.capacity() * (std::mem::size_of::<(u64, u32)>() + 1),
            ),
        ]
    }
}

/// Which kept lines to drop as template: the kept, non-blank lines form a sequence; flagged
/// lines before the first or after the last unflagged one go, and flagged lines between
/// unflagged ones go when they form a run of at least `min_run`.
fn drop_positions(flags: &[bool], kept: &[bool], hashes: &[u64], min_run: u32) -> Vec<usize> {
    let seq: Vec<usize> = (0..kept.len())
        .filter(|&i| kept[i] && hashes[i] != 0)
        .collect();
    let (Some(first), Some(last)) = (
        seq.iter().position(|&i| !flags[i]),
        seq.iter().rposition(|&i| !flags[i]),
    ) else {
        return seq.into_iter().filter(|&i| flags[i]).collect(); // nothing but template
    };
    let mut out: Vec<usize> = seq[..first]
        .iter()
        .chain(&seq[last + 1..])
        .copied()
        .filter(|&i| flags[i])
        .collect();
    let mut k = first;
    while k <= last {
        if !flags[seq[k]] {
            k += 1;
            continue;
        }
        let start = k;
        while k <= last && flags[seq[k]] {
            k += 1;
        }
        if (k - start) as u32 >= min_run {
            out.extend(&seq[start..k]);
        }
    }
    out.sort_unstable();
    out
}

/// The clean text from per-line keep flags, the way the line pass assembles it: kept lines
/// normalised, adjacent ones joined by a newline, a blank line where dropped lines were.
/// `clean` without the lines of `drop` (positions of lines of `text`, among those `kept`
/// marks): each kept line of `text` is found, in order, as a whole line of `clean` (both
/// normalised; a Markdown heading's, list item's or quote's mark aside), and the lines of
/// `drop` found so are taken out, with a blank line next to them where it would leave two.
/// Returns the new text and the positions of `drop` that were taken out; a line that is no
/// line of its own in `clean` (a cell of a row, a line of a `<pre>` block, a line with inline
/// Markdown) is not. Written here because the clean text's layout is made by the cleaner
/// that wrote it (the HTML blocks' renderer, the text path's code runs), which the corpus
/// stage does not run again.
pub fn remove_from_clean(
    clean: &str,
    text: &str,
    kept: &[bool],
    drop: &[usize],
) -> Result<(String, Vec<usize>), String> {
    if drop.is_empty() {
        return Ok((clean.to_string(), Vec::new()));
    }
    let src: Vec<&str> = split_lines(text).collect();
    if src.len() != kept.len() {
        return Err(format!(
            "the text has {} lines but {} decisions",
            src.len(),
            kept.len()
        ));
    }
    let out_lines: Vec<&str> = clean.split('\n').collect();
    // each line's key as it is, and without a Markdown block's mark; none for a line of a
    // block written verbatim: a fenced block's, or one whose indent or inner spacing the
    // cleaner kept (a `<pre>`'s line, code)
    // each line normalised, and, for a line not written verbatim, without its Markdown
    // block's mark (`None` where it has none); a line of a block written verbatim (a fenced
    // block's, or one whose indent or inner spacing the cleaner kept: a `<pre>`'s line, code)
    // is no key
    let norms: Vec<String> = out_lines
        .iter()
        .map(|l| normalize_line(l).into_owned())
        .collect();
    let mut fenced = false;
    let mut at_lines: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (q, (l, norm)) in out_lines.iter().zip(&norms).enumerate() {
        let fence = l.starts_with("```") || l.starts_with("~~~");
        fenced ^= fence;
        let marked = strip_block_mark(l);
        if fence || fenced || (marked.len() == l.len() && norm != l) {
            continue;
        }
        // where each key is, in order (a kept line that is no line of `clean` is looked
        // up, not searched for: a table of 10,000 cells would cost 10,000 scans)
        at_lines.entry(norm.clone()).or_default().push(q);
        if marked.len() != l.len() {
            let m = normalize_line(marked).into_owned();
            if m != *norm {
                at_lines.entry(m).or_default().push(q);
            }
        }
    }
    let mut removed = vec![false; out_lines.len()];
    let mut taken = Vec::new();
    let mut drops = drop.iter().copied().peekable();
    let mut at = 0;
    for (i, line) in src.iter().enumerate() {
        if !kept[i] {
            continue;
        }
        let key = normalize_line(line);
        if key.is_empty() {
            continue;
        }
        // (a list item's line reads "• x"; Markdown writes it "- x", its mark taken off above)
        let bare = key.strip_prefix("• ").unwrap_or(&key);
        let next = |k: &str| {
            at_lines
                .get(k)
                .and_then(|qs| qs.get(qs.partition_point(|&q| q < at)))
                .copied()
        };
        let found = match (next(&key), next(bare)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
        // not a later line of the same words past a line that holds them (a row's cell is
        // part of its row, a line of a code block part of the block: the paragraph that
        // repeats it further on is another line)
        .filter(|&q| !norms[at..q].iter().any(|n| n.contains(bare)));
        let dropped = drops.next_if_eq(&i).is_some();
        if let Some(q) = found {
            at = q + 1;
            if dropped {
                removed[q] = true;
                taken.push(i);
            }
        }
    }
    let mut out: Vec<&str> = Vec::with_capacity(out_lines.len());
    let mut gap = false; // a line was taken out since the last line written
    for (q, l) in out_lines.iter().enumerate() {
        if removed[q] {
            gap = true;
            continue;
        }
        let blank = l.trim().is_empty();
        let after_blank = out.last().is_none_or(|p: &&str| p.trim().is_empty());
        // a blank line after a gap, where a blank line (or the start) is before it
        if gap && blank && after_blank {
            continue;
        }
        // lines taken out between two lines of text leave a blank line, as the cleaner
        // writes one where it dropped lines (the paragraphs around them ran together)
        if gap && !blank && !after_blank {
            out.push("");
        }
        gap = false;
        out.push(l);
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    Ok((out.join("\n"), taken))
}

/// A Markdown block's mark at the start of a line of clean text (`## `, `- `, `* `, `3. `,
/// `> `), taken off with the indent before it; other lines as they are.
fn strip_block_mark(line: &str) -> &str {
    let t = line.trim_start();
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        return &t[hashes + 1..];
    }
    for mark in ["- ", "* ", "> "] {
        if let Some(rest) = t.strip_prefix(mark) {
            return rest;
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) && t[digits..].starts_with(". ") {
        return &t[digits + 2..];
    }
    line
}

pub fn assemble_kept(text: &str, kept: &[bool]) -> Result<String, String> {
    let mut out = String::new();
    let mut last: Option<usize> = None;
    let mut n = 0;
    for (i, raw) in split_lines(text).enumerate() {
        n += 1;
        if !kept.get(i).copied().unwrap_or(false) {
            continue;
        }
        if let Some(l) = last {
            out.push_str(if l + 1 == i { "\n" } else { "\n\n" });
        }
        out.push_str(&normalize_line(raw));
        last = Some(i);
    }
    if n != kept.len() {
        return Err(format!(
            "the text has {n} lines but {} decisions",
            kept.len()
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{clean_text, Scorer, TextOptions};

    const TREES: [&str; 10] = [
        "alder", "birch", "cedar", "daphne", "elm", "fir", "gorse", "hazel", "ivy", "juniper",
    ];
    const BIRDS: [&str; 10] = [
        "owl", "wren", "crow", "finch", "heron", "kite", "lark", "robin", "swift", "teal",
    ];

    fn site_pages(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                format!(
                    "Home | Products | About us\nShare post:\n\nArticle number {i} tells the story of the {} trees in the valley of the {}.\nIt continues with the {} that only this page mentions.\n\nCopyright 2024 Example Ltd. All rights reserved.",
                    TREES[i % 10],
                    ["Rhine", "Loire", "Po", "Ebro", "Tagus"][i % 5],
                    BIRDS[(i * 3) % 10]
                )
            })
            .collect()
    }

    #[test]
    fn assemble_matches_the_line_pass() {
        let opts = TextOptions {
            scorer: Scorer::Rules,
            threshold: None,
            fixpoint: false,
            floor: 1.0,
            markdown: None,
            segment: None,
            unwrap: None,
            max_lines: usize::MAX,
        };
        for t in site_pages(3).iter().chain(
            [
                "  a  b \r\n\r\nThe council approved the park after a long debate.\n\tx"
                    .to_string(),
            ]
            .iter(),
        ) {
            let r = clean_text(t, None, &opts);
            let kept: Vec<bool> = r.lines.iter().map(|d| d.kept).collect();
            assert_eq!(assemble_kept(t, &kept).unwrap(), r.text);
        }
        assert!(assemble_kept("a\nb", &[true]).is_err());
    }

    #[test]
    fn line_hashes_match_the_page() {
        let t = "Hello,  World\n\n...\nCafe\u{301} 42";
        let p = crate::page::Page::analyze(t, None);
        let mut hs = Vec::new();
        line_hashes(t, &mut String::new(), &mut hs);
        assert_eq!(hs, p.hashes);
    }

    #[test]
    fn template_lines_of_a_site() {
        let mut c = TemplateCounter::new(TemplateParams::default()).unwrap();
        let pages = site_pages(10);
        let docs: Vec<(&str, &str)> = pages.iter().map(|p| ("example.com", p.as_str())).collect();
        assert_eq!(c.add_texts(&docs), 10);
        assert_eq!(c.site_docs("example.com"), 10);
        assert_eq!(c.threshold("example.com"), Some(3));
        let mut hs = Vec::new();
        line_hashes(&pages[0], &mut String::new(), &mut hs);
        let flags = c.template_lines_of_text("example.com", &pages[0], &hs);
        // menu, share, copyright are template; the article's lines and blanks are not
        assert_eq!(flags, vec![true, true, false, false, false, false, true]);
        // the same lines on another site are not that site's template
        assert!(c.template_lines("other.org", &hs).iter().all(|f| !f));
    }

    #[test]
    fn small_sites_and_repeated_documents_are_left_alone() {
        let mut c = TemplateCounter::new(TemplateParams::default()).unwrap();
        let pages = site_pages(2);
        let mut docs: Vec<(&str, &str)> = pages.iter().map(|p| ("small.com", p.as_str())).collect();
        // the same page five more times: counted once
        docs.extend(std::iter::repeat_n(("small.com", pages[0].as_str()), 5));
        assert_eq!(c.add_texts(&docs), 2);
        assert_eq!(c.threshold("small.com"), None);
        let mut hs = Vec::new();
        line_hashes(&pages[0], &mut String::new(), &mut hs);
        assert!(c.template_lines("small.com", &hs).iter().all(|f| !f));
    }

    #[test]
    fn threshold_scales_with_site_size() {
        let mut c = TemplateCounter::new(TemplateParams {
            min_docs: 3,
            min_fraction: 0.5,
            min_site_docs: 3,
            min_run: 2,
        })
        .unwrap();
        for i in 0..40u64 {
            c.add_hashes("big.com", &[1000 + i, 7]);
        }
        assert_eq!(c.threshold("big.com"), Some(20));
        assert_eq!(c.line_docs("big.com", 7), 40);
    }

    #[test]
    fn apply_drops_kept_template_lines_and_rebuilds_text() {
        let mut c = TemplateCounter::new(TemplateParams::default()).unwrap();
        let pages = site_pages(6);
        let docs: Vec<(&str, &str)> = pages.iter().map(|p| ("example.com", p.as_str())).collect();
        c.add_texts(&docs);
        let t = &pages[1];
        let mut hs = Vec::new();
        line_hashes(t, &mut String::new(), &mut hs);
        let mut kept = vec![true; hs.len()];
        kept[2] = false;
        kept[5] = false;
        let mut reasons = vec![Reason::Content as u8; hs.len()];
        let (text, removed) = c
            .apply("example.com", t, None, &hs, &mut kept, &mut reasons)
            .unwrap();
        assert_eq!(removed, 3);
        assert!(
            text.starts_with("Article number 1 tells")
                && text.ends_with("that only this page mentions."),
            "{text}"
        );
        assert_eq!(reasons[0], Reason::SiteTemplate as u8);
        assert!(c
            .apply("example.com", t, None, &hs[1..], &mut kept, &mut reasons)
            .is_err());
    }

    #[test]
    fn removing_from_the_clean_text_keeps_its_layout() {
        // lines of the text the decisions refer to: a heading, a cell of a row, two lines of
        // a code block, a paragraph, two template lines
        let text = "Title\nCell a\nCell b\nx  =  1\nShare this post\nBody text here.\nSign up now\nFollow us";
        let kept = [true, true, true, true, true, true, true, true];
        let clean = "## Title\n\nCell a | Cell b\n\n```\nx  =  1\n```\n\nShare this post\n\nBody text here.\n\nSign up now\n\nFollow us";
        // the second cell and the code line are no lines of their own: not taken out
        let (out, taken) = remove_from_clean(clean, text, &kept, &[2, 3, 4, 6, 7]).unwrap();
        assert_eq!(taken, vec![4, 6, 7]);
        assert_eq!(
            out,
            "## Title\n\nCell a | Cell b\n\n```\nx  =  1\n```\n\nBody text here."
        );
        // a heading's mark is no part of the line; the first line goes with its blank line
        let (out, taken) = remove_from_clean(clean, text, &kept, &[0]).unwrap();
        assert_eq!(taken, vec![0]);
        assert!(out.starts_with("Cell a | Cell b\n\n```"), "{out:?}");
        // a line written twice is matched in order
        let text = "Menu\nBody one.\nMenu";
        let clean = "Menu\nBody one.\n\nMenu";
        let (out, taken) = remove_from_clean(clean, text, &[true; 3], &[2]).unwrap();
        assert_eq!((out.as_str(), taken), ("Menu\nBody one.", vec![2]));
        assert!(remove_from_clean(clean, text, &[true; 2], &[1]).is_err());
    }

    #[test]
    fn a_long_line_with_other_numbers_on_every_page_is_no_template() {
        let mut c = TemplateCounter::new(TemplateParams::default()).unwrap();
        let pages: Vec<String> = (0..6)
            .map(|i| {
                format!(
                    "{} comments\nThe winning numbers in draw {} were {}, {} and {}.\nPage {i} of the archive tells the story of draw {i} in its own words.",
                    i + 3,
                    1000 + i,
                    i * 7 + 1,
                    i * 3 + 2,
                    i + 30
                )
            })
            .collect();
        let docs: Vec<(&str, &str)> = pages.iter().map(|p| ("lotto.com", p.as_str())).collect();
        assert_eq!(c.add_texts(&docs), 6);
        let mut hs = Vec::new();
        line_hashes(&pages[0], &mut String::new(), &mut hs);
        // the counter line, digits folded, is one line on every page; the long one is not
        let flags = c.template_lines_of_text("lotto.com", &pages[0], &hs);
        assert_eq!(flags, vec![true, false, false]);
        assert_eq!(template_keys(&pages[0], &hs[..2]).0, hs[..2].to_vec());
    }

    /// A counter of `pages` as the site shop.com (all counted), and the line hashes of the first.
    fn shop(pages: &[String]) -> (TemplateCounter, Vec<u64>) {
        let mut c = TemplateCounter::new(TemplateParams::default()).unwrap();
        let docs: Vec<(&str, &str)> = pages.iter().map(|p| ("shop.com", p.as_str())).collect();
        assert_eq!(c.add_texts(&docs), pages.len());
        let mut hs = Vec::new();
        line_hashes(&pages[0], &mut String::new(), &mut hs);
        (c, hs)
    }

    #[test]
    fn data_lines_are_never_template() {
        let datum = |l: &str| is_datum(l, &line_counts(l));
        for l in [
            "$29.99",
            "1",
            "4 mm",
            "-90%",
            "compared to $160.00",
            "eBay item number:365999454668",
            "fn main() {",
            "import { useState } from 'react';",
            "#![allow(unused)]",
            "• Using the fetch() API",
            "• Storage: 60 GB available space",
            "OS: Windows 10",
            "Condition:",
        ] {
            assert!(datum(l), "{l:?} is data");
        }
        for l in [
            "Home",
            "FAQ",
            "EN",
            "홈",
            "Privacy policy",
            "Share post:",
            "Follow us:",
            "Tags:",
            "Quick Links:",
            "Kategorien:",
            "Follow us on Facebook",
            "12 comments",
            "© 2024",
            "© 2024 ACME",
            "Tel: +49 30 1234",
            "Home > Blog > 2024",
            "Copyright 2024 Example Ltd. All rights reserved.",
            "Read more: https://example.com/a",
            "Shipping: free over fifty dollars",
            "The developers describe the content like this:",
        ] {
            assert!(!datum(l), "{l:?} is no data");
        }
        // a shop whose pages share a menu, a price and a field's label: the price and the
        // label are never template
        let pages: Vec<String> = (0..6)
            .map(|i| {
                format!(
                    "Home\nShop all\n$29.99\nCondition:\nNew\nThe {} is a tool that page {i} sells.",
                    TREES[i]
                )
            })
            .collect();
        let (c, hs) = shop(&pages);
        let flags = c.template_lines_of_text("shop.com", &pages[0], &hs);
        assert_eq!(flags, vec![true, true, false, false, true, false]);
        let (keys, data) = template_keys(&pages[0], &hs);
        assert_eq!(data, vec![false, false, true, true, false, false]);
        assert_eq!(c.line_docs("shop.com", keys[2]), 0); // the price is not counted
    }

    #[test]
    fn a_page_crawled_again_with_another_time_stamp_counts_once() {
        // the stamp is data, and its digits are folded in the page's identity: three crawls
        // of one article are one page, whose paragraphs are no template of the site
        let mut c = TemplateCounter::new(TemplateParams::default()).unwrap();
        let mut hs = Vec::new();
        for k in 0..3 {
            let t =
                format!("Updated: 10:3{k}\nThe council met on Monday to decide on the new park.");
            line_hashes(&t, &mut String::new(), &mut hs);
            assert_eq!(c.add_cleaned("s.com", Some(&t), &hs, &[true, true]), k == 0);
        }
        assert_eq!(c.site_docs("s.com"), 1);
    }

    #[test]
    fn a_data_line_is_no_boundary_of_a_template_run_and_a_page_of_data_is_not_counted() {
        let pages: Vec<String> = (0..6)
            .map(|i| {
                format!(
                    "$2{i}.99\nFree delivery on every order, every day of the year.\nThe {} is the tool page {i} sells, and this line is its own.",
                    TREES[i]
                )
            })
            .collect();
        let (mut c, mut hs) = shop(&pages);
        let (mut kept, mut reasons) = (vec![true; 3], vec![0u8; 3]);
        let (out, n) = c
            .apply("shop.com", &pages[0], None, &hs, &mut kept, &mut reasons)
            .unwrap();
        // the price stays; the delivery line before the page's own line goes
        assert_eq!((n, kept.clone()), (1, vec![true, false, true]));
        assert!(out.starts_with("$20.99\n"));
        // a page of data lines only counts in neither way
        let data_only = "$29.99\n4 mm";
        line_hashes(data_only, &mut String::new(), &mut hs);
        assert!(!c.add_cleaned("shop.com", Some(data_only), &hs, &[true, true]));
        assert_eq!(c.add_texts(&[("shop.com", data_only)]), 0);
        assert_eq!(c.site_docs("shop.com"), 6);
    }

    #[test]
    fn removal_finds_the_line_itself_leaves_a_paragraph_break_and_reads_list_marks() {
        // a cell that is template is part of its row; the paragraph repeating it later is
        // another line, and stays
        let text = "Shared words here\nCell b\nBody text.\nShared words here\nEnd text.";
        let clean = "Shared words here | Cell b\n\nBody text.\n\nShared words here\n\nEnd text.";
        let (out, taken) = remove_from_clean(clean, text, &[true; 5], &[0]).unwrap();
        assert_eq!((out.as_str(), taken), (clean, vec![]));
        // lines taken out between lines of one paragraph leave a blank line
        let text = "A one.\nB two.\nT1 x.\nT2 y.\nC three.";
        let clean = "A one.\nB two.\nT1 x.\nT2 y.\nC three.";
        let (out, taken) = remove_from_clean(clean, text, &[true; 5], &[2, 3]).unwrap();
        assert_eq!(
            (out.as_str(), taken),
            ("A one.\nB two.\n\nC three.", vec![2, 3])
        );
        // a list item's line "• x" is the Markdown item "- x"
        let text = "Intro.\n• Join our club\n• Read more";
        let clean = "Intro.\n\n- Join our club\n- Read more";
        let (out, taken) = remove_from_clean(clean, text, &[true; 3], &[1, 2]).unwrap();
        assert_eq!((out.as_str(), taken), ("Intro.", vec![1, 2]));
    }

    #[test]
    fn a_page_crawled_again_with_another_menu_counts_once() {
        let mut c = TemplateCounter::new(TemplateParams::default()).unwrap();
        // kept: lines 1 and 2 (the article); line 0 (a teaser) differs between the crawls
        for teaser in [11u64, 12, 13] {
            assert!(c.add_cleaned("s.com", None, &[teaser, 21, 22], &[false, true, true]));
        }
        // one page; its kept lines once, each crawl's own dropped line once
        assert_eq!(c.site_docs("s.com"), 1);
        assert_eq!((c.line_docs("s.com", 21), c.line_docs("s.com", 12)), (1, 1));
        assert!(!c.add_cleaned("s.com", None, &[12, 21, 22], &[false, true, true]));
        // the same counts whichever copy comes first: a footer only one copy has counts once
        let mut e = TemplateCounter::new(TemplateParams::default()).unwrap();
        for teaser in [13u64, 12, 11] {
            e.add_cleaned("s.com", None, &[teaser, 21, 22], &[false, true, true]);
        }
        for h in [11, 12, 13, 21, 22] {
            assert_eq!(e.line_docs("s.com", h), c.line_docs("s.com", h));
        }
        // without the kept lines, each crawl is a document of its own
        let mut d = TemplateCounter::new(TemplateParams::default()).unwrap();
        for teaser in [11u64, 12, 13] {
            assert!(d.add_hashes("s.com", &[teaser, 21, 22]));
        }
        assert_eq!(d.line_docs("s.com", 21), 3);
        // a document that kept nothing is told apart by all its lines
        assert!(c.add_cleaned("s.com", None, &[31, 32], &[false, false]));
        assert!(c.add_cleaned("s.com", None, &[31, 33], &[false, false]));
    }

    #[test]
    fn counts_do_not_depend_on_order_and_merge_adds() {
        let pages = site_pages(9);
        let mut fwd = TemplateCounter::new(TemplateParams::default()).unwrap();
        let docs: Vec<(&str, &str)> = pages.iter().map(|p| ("e.com", p.as_str())).collect();
        fwd.add_texts(&docs);
        let mut a = TemplateCounter::new(TemplateParams::default()).unwrap();
        let mut b = TemplateCounter::new(TemplateParams::default()).unwrap();
        let rev: Vec<(&str, &str)> = docs.iter().rev().copied().collect();
        a.add_texts(&rev[..4]);
        b.add_texts(&rev[4..]);
        a.merge(&b);
        assert_eq!(a.site_docs("e.com"), fwd.site_docs("e.com"));
        assert_eq!(a.len(), fwd.len());
        let mut hs = Vec::new();
        line_hashes(&pages[3], &mut String::new(), &mut hs);
        for h in hs {
            assert_eq!(a.line_docs("e.com", h), fwd.line_docs("e.com", h));
        }
    }

    #[test]
    fn bad_params_are_errors() {
        assert!(TemplateCounter::new(TemplateParams {
            min_fraction: 1.5,
            ..Default::default()
        })
        .is_err());
        assert!(TemplateCounter::new(TemplateParams {
            min_docs: 1,
            ..Default::default()
        })
        .is_err());
        assert!(TemplateCounter::new(TemplateParams {
            min_site_docs: 1,
            ..Default::default()
        })
        .is_err());
        assert!(TemplateCounter::new(TemplateParams {
            min_run: 0,
            ..Default::default()
        })
        .is_err());
    }

    #[test]
    fn isolated_template_lines_amid_content_are_kept() {
        let f = |v: &[u8]| v.iter().map(|&x| x == 1).collect::<Vec<bool>>();
        // lines: T T c T c T T c T   (T template, c content), all kept, none blank
        let flags = f(&[1, 1, 0, 1, 0, 1, 1, 0, 1]);
        let kept = vec![true; 9];
        let hs = vec![1u64; 9];
        assert_eq!(drop_positions(&flags, &kept, &hs, 2), vec![0, 1, 5, 6, 8]);
        assert_eq!(
            drop_positions(&flags, &kept, &hs, 1),
            vec![0, 1, 3, 5, 6, 8]
        );
        assert_eq!(drop_positions(&flags, &kept, &hs, 3), vec![0, 1, 8]);
        // blank and dropped lines do not break a run or count as content
        let flags = f(&[0, 1, 0, 1, 0]);
        let kept = vec![true, true, true, true, true];
        let hs = vec![1, 1, 0, 1, 1];
        assert_eq!(drop_positions(&flags, &kept, &hs, 2), vec![1, 3]);
        // only template: all of it goes
        assert_eq!(
            drop_positions(&f(&[1, 1]), &[true, true], &[1, 1], 2),
            vec![0, 1]
        );
    }
}
