//! The fast path's line pass: each line's counts (characters, words, letters, capitals,
//! digits, punctuation, separators), its words' stop-word masks and its shape, read from
//! byte-class bitmaps of the whole text ([`TextMaps`], filled by the SIMD kernels of
//! `scan::text_masks`) instead of a loop over each line's bytes.
//!
//! A count is a popcount per chunk of the line's bit range, and a word two bits of the sets
//! of words' first and last bytes, trimmed to its letters and digits by a bit test at each
//! end (a scan only when it starts or ends with punctuation), so the cost goes with the
//! words, not the bytes. The byte loop it replaced (a table add per byte for the counts, a
//! compare per byte for the words, a scan each way per word for its letters, two `memchr`
//! scans for a URL) is kept in the tests as its reference. Criterion, first 300 dev pages
//! (`benchmarks/results/criterion-twenty-sixth.txt`): this pass 193 MiB/s where the byte loop
//! moved 140 (`criterion-twenty-fifth.txt`), 1.6x the default path's line pass in the same
//! run (1.26x before). What is left is mostly the stop-word lookups (about a third: one table
//! of 36 languages' lists, filtered, most of it outside L1) and the line shapes.

use crate::scan::{bit, next_set, prev_set, text_masks};
use crate::stopwords::{self, Pending};

use super::FastStats;

/// Byte-class bitmaps of a text (bit `i` of word `i / 64` for byte `i`), one vector per
/// class (reusable from text to text: `fill` keeps the allocations).
#[derive(Default)]
pub struct TextMaps {
    /// `' '` and `'\t'`: what words are cut at.
    ws: Vec<u64>,
    /// Letters and digits of ASCII and every byte outside it: what a word is trimmed to.
    word: Vec<u64>,
    upper: Vec<u64>,
    lower: Vec<u64>,
    digit: Vec<u64>,
    /// Printable ASCII but letters, digits and the space...
    punct: Vec<u64>,
    /// ...of which `| / >`...
    sep: Vec<u64>,
    /// ...and `:` and `.` (see `lines::url_at`).
    url: Vec<u64>,
    /// Control bytes, tabs included (a line with one is not in normal form).
    bad: Vec<u64>,
    /// Continuation bytes (`0x80..=0xbf`)...
    cont: Vec<u64>,
    /// ...and the first bytes of characters outside ASCII.
    lead: Vec<u64>,
}

impl TextMaps {
    /// The map of letters and digits (and every byte outside ASCII).
    pub fn word(&self) -> &[u64] {
        &self.word
    }

    /// The maps of `text`'s bytes.
    pub fn fill(&mut self, text: &str) {
        let n = text.len().div_ceil(64);
        for v in [
            &mut self.ws,
            &mut self.word,
            &mut self.upper,
            &mut self.lower,
            &mut self.digit,
            &mut self.punct,
            &mut self.sep,
            &mut self.url,
            &mut self.bad,
            &mut self.cont,
            &mut self.lead,
        ] {
            v.clear();
            v.resize(n, 0);
        }
        text_masks(text.as_bytes(), |k, m| {
            self.ws[k] = m.space | m.tab;
            self.word[k] = m.upper | m.lower | m.digit | m.cont | m.lead;
            self.upper[k] = m.upper;
            self.lower[k] = m.lower;
            self.digit[k] = m.digit;
            self.punct[k] = m.punct;
            self.sep[k] = m.sep;
            self.url[k] = m.url;
            self.bad[k] = m.ctrl | m.tab;
            self.cont[k] = m.cont;
            self.lead[k] = m.lead;
        });
    }
}

/// The statistics of the line `text[start..end]` (trimmed of spaces and tabs), read from
/// `maps` (of `text`), and the stop-word mask of each of its words pushed on `masks`
/// (`pending`: scratch). Words are cut at each space and tab and trimmed of what is not a
/// letter or a digit at both ends (a byte outside ASCII counts as a letter). Returns
/// whether the line is clean ASCII in normal form (no control byte or tab, no two spaces in
/// a row, nothing outside ASCII): `normalize::normalize_line` would leave it as it is.
pub fn line_stats_at(
    text: &str,
    maps: &TextMaps,
    start: usize,
    end: usize,
    masks: &mut Vec<u64>,
    pending: &mut Vec<Pending>,
) -> (FastStats, bool) {
    let b = text.as_bytes();
    let line = &text[start..end];
    let mut s = FastStats::default();
    pending.clear();
    if start == end {
        return (s, true);
    }
    // One walk over the line's 64-byte chunks: the class counts are popcounts of each
    // chunk's maps within the line, and the words come from two bit sets, their first bytes
    // (no space or tab, one before) and their last bytes (no space or tab, one after),
    // which alternate; a word may start in one chunk and end in the next.
    let (a, z) = (start >> 6, (end - 1) >> 6);
    let n = maps.ws.len();
    // the line's bits of chunk `k`
    let in_line = |k: usize| {
        let lo = if k == a { !0u64 << (start & 63) } else { !0 };
        let hi = if k == z {
            !0u64 >> (63 - ((end - 1) & 63))
        } else {
            !0
        };
        lo & hi
    };
    s.high = (a..=z)
        .map(|k| (maps.lead[k] & in_line(k)).count_ones())
        .sum();
    let ascii_line = s.high == 0;
    let stops = stopwords::stops();
    let first_mask = masks.len();
    let (mut cont, mut lower, mut bad, mut double) = (0, 0, 0, 0u64);
    let mut url = false;
    let mut open = None;
    for k in a..=z {
        let base = k << 6;
        let m = in_line(k);
        let ws = maps.ws[k];
        let before = (ws << 1) | if k > 0 { maps.ws[k - 1] >> 63 } else { 0 };
        let after = (ws >> 1) | if k + 1 < n { maps.ws[k + 1] << 63 } else { 0 };
        // (the line's first and last bytes start and end a word whatever is outside it)
        let first_bit = if k == a { 1u64 << (start & 63) } else { 0 };
        let last_bit = if k == z { 1u64 << ((end - 1) & 63) } else { 0 };
        let mut starts = !ws & (before | first_bit) & m;
        let mut ends = !ws & (after | last_bit) & m;
        // a space or tab after another, or one that starts the line
        double |= ws & (before & !first_bit | first_bit) & m;
        cont += (maps.cont[k] & m).count_ones();
        lower += (maps.lower[k] & m).count_ones();
        bad += (maps.bad[k] & m).count_ones();
        s.upper += (maps.upper[k] & m).count_ones();
        s.digits += (maps.digit[k] & m).count_ones();
        s.punct += (maps.punct[k] & m).count_ones();
        s.separators += (maps.sep[k] & m).count_ones();
        let mut dots = maps.url[k] & m;
        while dots != 0 && !url {
            url = crate::lines::url_at(
                line.as_bytes(),
                base + dots.trailing_zeros() as usize - start,
            );
            dots &= dots - 1;
        }
        loop {
            if open.is_none() {
                if starts == 0 {
                    break;
                }
                open = Some(base + starts.trailing_zeros() as usize);
                starts &= starts - 1;
            }
            if ends == 0 {
                break; // the open word goes on in the next chunk
            }
            let last = base + ends.trailing_zeros() as usize;
            ends &= ends - 1;
            let (w0, wl) = (open.take().expect("open"), last);
            s.words += 1;
            // the word trimmed to its letters and digits (mostly it starts with one, and ends
            // with one or a mark of punctuation)
            let first = if bit(&maps.word, w0) {
                w0
            } else if let Some(f) = next_set(&maps.word, w0, wl + 1) {
                f
            } else {
                pending.push(Pending::default());
                masks.push(0);
                continue;
            };
            let last_end = if bit(&maps.word, wl) {
                wl + 1
            } else {
                prev_set(&maps.word, first, wl + 1).expect("first") + 1
            };
            s.word_bytes += (last_end - first) as u32;
            s.title_words += b[first].is_ascii_uppercase() as u32;
            if ascii_line || next_set(&maps.lead, first, last_end).is_none() {
                // answered below, once the line's lookups are all started (see `Pending`)
                pending.push(stops.start_ascii_key_at(b, first, last_end).0);
                masks.push(0);
            } else {
                // the word as written: lower-casing it (as the default path does) costs more than
                // the rest of the pass, and a capital's stop word opens a sentence only
                pending.push(Pending::default());
                masks.push(stopwords::mask_of_lower(&text[first..last_end]));
            }
        }
    }
    for (m, p) in masks[first_mask..].iter_mut().zip(pending.iter()) {
        if *m == 0 {
            *m = stops.mask(*p);
        }
    }
    s.chars = (end - start) as u32 - cont;
    s.letters = s.upper + lower + s.high;
    let shape = crate::lines::line_shape_with_url(line, 0, url);
    s.bullet = shape.bullet;
    s.numbered = shape.numbered;
    s.url = shape.url;
    s.ending = shape.ending;
    let clean = ascii_line && bad == 0 && double == 0;
    (s, clean)
}

/// The line pass over a whole text: each line (as `lines::split_lines` cuts it, trimmed of
/// spaces and tabs) with its number, its statistics and whether it is clean (see
/// [`line_stats_at`]) handed to `f`, its words' stop-word masks pushed on `masks` (also
/// handed to `f`), with where the line starts in `text` and the text's maps. `maps` and
/// `pending` are scratch, kept between texts.
pub fn line_pass<'a>(
    text: &'a str,
    maps: &mut TextMaps,
    masks: &mut Vec<u64>,
    pending: &mut Vec<Pending>,
    mut f: impl FnMut(usize, &'a str, FastStats, bool, &mut Vec<u64>, (usize, &TextMaps)),
) {
    maps.fill(text);
    for (i, raw) in crate::lines::split_lines(text).enumerate() {
        let line = raw.trim_matches([' ', '\t']);
        // (where the line starts in `text`: it is a slice of it)
        let start = line.as_ptr().addr() - text.as_ptr().addr();
        let (st, clean) = line_stats_at(text, maps, start, start + line.len(), masks, pending);
        f(i, line, st, clean, masks, (start, maps));
    }
}

/// [`line_stats_at`] of one line on its own (trimmed of spaces and tabs), with maps of its
/// own: for a line that is not part of a text already mapped.
pub fn line_stats(
    line: &str,
    masks: &mut Vec<u64>,
    pending: &mut Vec<Pending>,
) -> (FastStats, bool) {
    let mut maps = TextMaps::default();
    maps.fill(line);
    line_stats_at(line, &maps, 0, line.len(), masks, pending)
}
