//! Line splitting and the per-line statistics everything else is built from. One pass
//! over the bytes of each line; no allocation for ASCII lines.
//!
//! A line in normal form (see `normalize::normalize_line`) is read off its byte-class bitmaps
//! (`normal`, which also hands each word to a [`WordSink`]); any other line takes a byte loop
//! (`general`); both end with the line's shape: its bullet, numbering, URL and ending
//! (`shape`). This file holds the splitting, the statistics and the entry points.

mod general;
mod normal;
mod shape;

pub(crate) use general::{is_ascii_phone_punct, is_ascii_sep, is_separator};
pub use general::{is_cjk, is_sea, SEA_LETTERS_PER_WORD};
pub use normal::{CoreWord, NoWords, WordMasks, WordSink};
#[cfg(test)]
pub(crate) use shape::line_shape; // (the fast pass's reference in its tests)
pub use shape::Ending;
pub(crate) use shape::{line_shape_with_url, url_at};

use crate::scan::Bitmaps;
use crate::stopwords::StopCounts;
use general::general_stats;
use normal::{normal_stats, PendingLookups};

/// Split on `\n`, `\r\n` and lone `\r`. A trailing newline does not make an extra empty line,
/// so `split_lines(s).count()` is the number of lines a person would count.
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    LineSplitter { rest: Some(text) }
}

/// `text` with the line and paragraph separators of Unicode (U+2028, U+2029) and the C1 next
/// line (U+0085) written as `\n`, when it has any (`None` when not). [`split_lines`] cuts at
/// `\n` and `\r` only, as the readers and the line counts do; these separators, which text
/// from JavaScript strings and old mainframe exports carries, otherwise joined two paragraphs
/// into one line (normalisation makes them spaces).
pub fn unicode_breaks(text: &str) -> Option<String> {
    // (three scans for three byte strings: each at memchr's speed, and most texts have none)
    const SEPARATORS: [char; 3] = ['\u{2028}', '\u{2029}', '\u{85}'];
    if !SEPARATORS.iter().any(|c| {
        let mut b = [0; 4];
        memchr::memmem::find(text.as_bytes(), c.encode_utf8(&mut b).as_bytes()).is_some()
    }) {
        return None;
    }
    Some(text.replace(SEPARATORS, "\n"))
}

/// `n` lines joined in runs: line `k` starts a run that ends at line `run_end(k)` (itself
/// for none), whose text is `joined(k, end)`; each run is written in its first line's place
/// and an empty line in each other line's, so that line `i` is still about input line `i`
/// (the joins of [`crate::hardwrap`] and [`crate::fragments`]). `line(k)` is the text of a
/// line no run takes. The lines are joined by `\n`, as many as `n` as [`split_lines`] reads
/// them; `None` when no run is longer than one line.
pub(crate) fn join_runs<'a>(
    n: usize,
    mut run_end: impl FnMut(usize) -> usize,
    mut joined: impl FnMut(usize, usize) -> String,
    line: impl Fn(usize) -> &'a str,
) -> Option<String> {
    let mut out: Vec<std::borrow::Cow<'a, str>> = Vec::with_capacity(n);
    let mut joined_any = false;
    let mut k = 0;
    while k < n {
        let last = run_end(k).max(k);
        if last == k {
            out.push(line(k).into());
        } else {
            out.push(joined(k, last).into());
            out.extend((k + 1..=last).map(|_| "".into()));
            joined_any = true;
        }
        k = last + 1;
    }
    if !joined_any {
        return None;
    }
    let mut s = out.join("\n");
    // a final line break ends the last line: an empty last line (a joined line's place) needs
    // one to be a line at all
    if out.last().is_some_and(|l| l.is_empty()) {
        s.push('\n');
    }
    Some(s)
}

/// The lines of `text` (as [`split_lines`] cuts them) each mapped by `f`, joined by `\n`:
/// one output line per input line, so line numbers still point at the input.
pub fn map_lines<'a, F, S>(text: &'a str, mut f: F) -> String
where
    F: FnMut(&'a str) -> S,
    S: AsRef<str>,
{
    let mut out = String::with_capacity(text.len());
    for (i, line) in split_lines(text).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(f(line).as_ref());
    }
    out
}

/// Byte ranges of the lines, same rules as [`split_lines`].
pub fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let base = text.as_ptr() as usize;
    split_lines(text)
        .map(|l| {
            let s = l.as_ptr() as usize - base;
            (s, s + l.len())
        })
        .collect()
}

struct LineSplitter<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for LineSplitter<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        let bytes = rest.as_bytes();
        match memchr::memchr2(b'\n', b'\r', bytes) {
            None => {
                self.rest = None;
                if rest.is_empty() {
                    None
                } else {
                    Some(rest)
                }
            }
            Some(i) => {
                let skip = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                let next = &rest[i + skip..];
                self.rest = if next.is_empty() { None } else { Some(next) };
                Some(&rest[..i])
            }
        }
    }
}

/// Counts for one line. Ratios are derived later from these, so the struct stays cheap.
#[derive(Clone, Debug, Default)]
pub struct LineStats {
    pub n_bytes: u32,
    pub n_chars: u32,
    /// Leading whitespace, in characters (tabs count 4).
    pub indent: u32,
    pub letters: u32,
    pub upper: u32,
    pub digits: u32,
    pub punct: u32,
    /// Han, Hiragana, Katakana and Hangul characters: these scripts write no spaces.
    pub cjk: u32,
    pub words: u32,
    /// Words with at least one letter.
    pub alpha_words: u32,
    /// Alphabetic words starting with an upper-case letter.
    pub title_words: u32,
    /// Total length in chars of the words (for the mean word length).
    pub word_chars: u32,
    /// Menu separators inside the line: `|`, `·`, `»`, `›`, `>`, `/`, `•`.
    pub separators: u32,
    pub ending: Ending,
    /// Starts with a bullet glyph (`•`, `-`, `*`, `·`, `▪`, `►`, `–`, ...).
    pub bullet: bool,
    /// Starts with `1.`, `2)`, `a)` and the like.
    pub numbered: bool,
    pub has_at: bool,
    pub has_url: bool,
    pub longest_digit_run: u32,
    /// Stop words per language (see `stopwords`), counted on the words.
    pub stop: StopCounts,
}

impl LineStats {
    #[inline]
    pub fn is_blank(&self) -> bool {
        self.letters == 0 && self.digits == 0 && self.punct == 0
    }
}

/// Scratch space of [`line_stats`], reused from line to line.
#[derive(Default)]
pub struct LineScratch {
    /// The byte classes of the last line given to [`LineScratch::classify`].
    pub maps: Bitmaps,
    word_buf: String,
    /// The words of the last line [`line_stats_classified`] read off the maps, as (start,
    /// end, stop mask) of each word's letters and digits: the topic-word pass reuses the
    /// masks instead of looking the words up again (empty after the general path).
    pub word_masks: WordMasks,
    /// Stop-word lookups of the ASCII words of `word_masks` started but not answered yet:
    /// (index in `word_masks`, lookup); see [`stopwords::Pending`](crate::stopwords::Pending).
    pending: PendingLookups,
}

impl LineScratch {
    /// Classify `line`'s bytes; [`line_stats_classified`] then reads them.
    #[inline]
    pub fn classify(&mut self, line: &str) {
        self.maps.fill(line);
    }
}

/// A raw line normalised (see `normalize::normalize_line`) and the statistics of the
/// normalised line: statistics are taken on the normalised line, so that a line looks the
/// same to the scorer in the input and in clean output (the caller adds the raw line's
/// indent). A line in normal form but for its indent and trailing spaces (most lines of
/// scraped text) is normalised by trimming them, and the byte classes that checked it give
/// its statistics; other lines are normalised in full. After the call `scratch` holds the
/// byte classes of the normalised line. This is the per-line work of the line pass
/// (the criterion bench `rust/benches/line_pass.rs` times it).
#[inline]
pub fn normalized_stats<'a>(
    raw: &'a str,
    scratch: &mut LineScratch,
) -> (std::borrow::Cow<'a, str>, LineStats) {
    let (norm, st, _) = normalized_stats_with(raw, scratch, &mut NoWords);
    (norm, st)
}

/// [`normalized_stats`], also handing every word of a normal line to `sink` as it is read
/// (see [`WordSink`]): the page analysis builds its hashed words, topic words and dedup key in
/// the same scan. The flag says whether the sink saw the line's words: false when the
/// normalised line is not normal (the general byte loop read it), and then the caller reads
/// the words its own way.
#[inline]
pub fn normalized_stats_with<'a, S: WordSink>(
    raw: &'a str,
    scratch: &mut LineScratch,
    sink: &mut S,
) -> (std::borrow::Cow<'a, str>, LineStats, bool) {
    let trimmed = raw.trim_matches([' ', '\t']);
    scratch.classify(trimmed);
    if scratch.maps.is_normal() {
        let (st, seen) = line_stats_classified_with(trimmed, scratch, sink);
        (std::borrow::Cow::Borrowed(trimmed), st, seen)
    } else {
        let norm = crate::normalize::normalize_line(raw);
        scratch.classify(&norm);
        let (st, seen) = line_stats_classified_with(&norm, scratch, sink);
        (norm, st, seen)
    }
}

/// The words of a text as the line pass counts them (the sum of its lines' [`LineStats::words`],
/// normalised): the `words_out` of a clean text, whose words in scripts without spaces are
/// estimated from their letters (see `general::count_no_space_words`), where a split on
/// whitespace makes a paragraph of Chinese one word.
pub fn count_words(text: &str) -> u32 {
    let mut scratch = LineScratch::default();
    split_lines(text)
        .map(|l| normalized_stats(l, &mut scratch).1.words)
        .sum()
}

/// Compute the statistics of one line (without its newline).
#[inline]
pub fn line_stats(line: &str, scratch: &mut LineScratch) -> LineStats {
    scratch.classify(line);
    line_stats_classified(line, scratch)
}

/// [`line_stats`] of the line last given to [`LineScratch::classify`].
///
/// A line in normal form (see `normalize::normalize_line`; the line pass only ever reads
/// normalised lines) is read off its byte-class bitmaps: counts are popcounts and each word
/// costs a few bit scans, with no branch per byte. Other lines take the general byte loop.
/// Both give the same statistics (tested on random lines against a plain char-by-char
/// definition).
#[inline]
pub fn line_stats_classified(line: &str, scratch: &mut LineScratch) -> LineStats {
    line_stats_classified_with(line, scratch, &mut NoWords).0
}

/// [`line_stats_classified`] with a [`WordSink`]; the flag says whether the sink saw the words.
#[inline]
fn line_stats_classified_with<S: WordSink>(
    line: &str,
    scratch: &mut LineScratch,
    sink: &mut S,
) -> (LineStats, bool) {
    debug_assert_eq!(scratch.maps.len, line.len());
    scratch.word_masks.clear();
    if scratch.maps.is_normal() {
        let st = normal_stats(
            line,
            &scratch.maps,
            &mut scratch.word_buf,
            &mut scratch.word_masks,
            &mut scratch.pending,
            sink,
        );
        (st, true)
    } else {
        (general_stats(line, &mut scratch.word_buf), false)
    }
}

#[cfg(test)]
mod tests;
