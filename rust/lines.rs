//! Line splitting and the per-line statistics everything else is built from. One pass
//! over the bytes of each line; no allocation for ASCII lines.

use crate::scan::{self, Bitmaps};
use crate::stopwords::{self, StopCounts};

/// Split on `\n`, `\r\n` and lone `\r`. A trailing newline does not make an extra empty line,
/// so `split_lines(s).count()` is the number of lines a person would count.
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    LineSplitter { rest: Some(text) }
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

/// How a line ends, after trailing spaces and closing quotes/brackets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum Ending {
    #[default]
    None = 0,
    /// `.`, `!`, `?` and their CJK/Arabic forms
    Sentence = 1,
    Colon = 2,
    /// `...` or `…`: typical of teasers
    Ellipsis = 3,
    /// `,` `;` `-`: a line broken mid-sentence
    Continuation = 4,
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

#[inline]
fn is_bullet_char(c: char) -> bool {
    matches!(
        c,
        '•' | '·'
            | '▪'
            | '■'
            | '►'
            | '▶'
            | '●'
            | '◦'
            | '○'
            | '‣'
            | '⁃'
            | '–'
            | '—'
            | '-'
            | '*'
            | '→'
            | '»'
            | '›'
            | '✓'
            | '✔'
            | '★'
            | '☆'
            | '>'
    )
}

#[inline]
pub(crate) fn is_separator(c: char) -> bool {
    matches!(c, '|' | '·' | '»' | '›' | '>' | '/' | '•' | '¦')
}

#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK ext A
        | 0x4E00..=0x9FFF // CJK unified
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF)
}

#[inline]
fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '۔' | '।')
}

#[inline]
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*' | '」' | '』' | '）'
    )
}

fn ending_of(line: &str) -> Ending {
    let mut it = line.trim_end().chars().rev();
    let mut c = match it.next() {
        Some(c) => c,
        None => return Ending::None,
    };
    // look through closing quotes and brackets: `...end."` ends a sentence
    let mut guard = 0;
    while is_closer(c) && guard < 3 {
        match it.next() {
            Some(p) => c = p,
            None => return Ending::None,
        }
        guard += 1;
    }
    if c == '…' {
        return Ending::Ellipsis;
    }
    if c == '.' {
        let mut dots = 1;
        for p in it.by_ref().take(2) {
            if p == '.' {
                dots += 1
            } else {
                break;
            }
        }
        return if dots >= 3 {
            Ending::Ellipsis
        } else {
            Ending::Sentence
        };
    }
    if is_sentence_end(c) {
        return Ending::Sentence;
    }
    match c {
        ':' | '：' => Ending::Colon,
        ',' | ';' | '-' | '，' | '、' => Ending::Continuation,
        _ => Ending::None,
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
    /// (index in `word_masks`, lookup); see [`stopwords::Pending`].
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

/// A word of a normal line, as the statistics scan reads it: the bytes `first..end` from its
/// first to the end of its last letter or digit (its punctuation trimmed), handed to a
/// [`WordSink`] in line order.
#[derive(Clone, Copy, Debug)]
pub struct CoreWord {
    pub first: usize,
    pub end: usize,
    /// No byte >= 0x80 in `first..end`.
    pub ascii: bool,
    /// For an ASCII word of at most 16 bytes: its bytes lower-cased and packed (see
    /// `stopwords::packed_lower_at`), the key its stop-word lookup used; else 0.
    pub key: u128,
    /// Where its stop mask will be in [`LineScratch::word_masks`] once the line is read.
    pub slot: u32,
    /// When the word lies in one 64-byte word of the maps: that word's index and the mask of
    /// `first..end` in it, so that a question about the word's bytes is one mask operation.
    pub in_map: Option<(usize, u64)>,
}

/// What sees the words of a normal line during [`normalized_stats_with`].
pub trait WordSink {
    fn word(&mut self, line: &str, maps: &Bitmaps, w: CoreWord);
}

/// The sink that looks at nothing.
pub struct NoWords;

impl WordSink for NoWords {
    #[inline(always)]
    fn word(&mut self, _: &str, _: &Bitmaps, _: CoreWord) {}
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

/// [`line_stats`] of a normal line: words separated by one space, no leading or trailing
/// space (so no indent, and every space ends a word), no whitespace but spaces.
fn normal_stats<S: WordSink>(
    line: &str,
    m: &Bitmaps,
    word_buf: &mut String,
    masks: &mut WordMasks,
    pending: &mut PendingLookups,
    sink: &mut S,
) -> LineStats {
    pending.clear();
    let stops = stopwords::stops();
    let b = line.as_bytes();
    let n = b.len();
    // (no bit counts where the answer is known: the x86-64 baseline has no POPCNT)
    let chars = n as u32
        - if m.is_clean_ascii() {
            0
        } else {
            scan::count(m.cont())
        };
    let mut s = LineStats {
        n_bytes: n as u32,
        n_chars: chars,
        ..Default::default()
    };
    if n == 0 {
        return s;
    }
    s.letters = scan::count(m.alpha());
    s.upper = scan::count(m.upper());
    s.digits = scan::count(m.digit());
    s.cjk = m.cjk;
    s.separators = scan::count(m.sep());
    s.has_at = m.at;
    // a normal line's spaces are single and inside it: one fewer than its space-separated parts
    let mut parts = 0;
    let mut start = 0;
    while start < n {
        parts += 1;
        let end = scan::next_set(m.space(), start, n).unwrap_or(n);
        let k = start >> 6;
        // the word's letters and digits (first..end), if any: its statistics are counted here
        // and its stop-word lookup and the sink's part below
        let word = if (end - 1) >> 6 == k {
            // the word lies in one word of the maps: every question is a mask and a bit count
            let win = (!0u64 >> (64 - (end - start))) << (start & 63);
            let an = m.alnum()[k] & win;
            (an != 0).then(|| {
                let first = (k << 6) + an.trailing_zeros() as usize;
                let last = (k << 6) + 63 - an.leading_zeros() as usize;
                let last_end = last + utf8_len(b[last]);
                let core = win & (!0u64 << (first & 63)) & (!0u64 >> (63 - ((last_end - 1) & 63)));
                let ascii = m.high()[k] & core == 0;
                s.words += 1;
                // an ASCII word has no continuation bytes: no bit count (the x86-64 baseline
                // has no POPCNT, and most words are ASCII)
                let cont = if ascii {
                    0
                } else {
                    (m.cont()[k] & core).count_ones()
                };
                s.word_chars += (last_end - first) as u32 - cont;
                s.alpha_words += (m.alpha()[k] & core != 0) as u32;
                let cased = m.cased()[k] & core;
                if cased != 0 {
                    s.title_words += (m.upper()[k] >> cased.trailing_zeros() & 1) as u32;
                }
                (first, last_end, ascii, Some((k, core)))
            })
        } else {
            word_across_map_words(line, m, (start, end), &mut s)
        };
        if let Some(w) = word {
            core_word(
                line,
                m,
                w,
                stops,
                &mut s.stop,
                (word_buf, masks, pending),
                sink,
            );
        }
        start = end + 1;
    }
    debug_assert_eq!(parts - 1, scan::count(m.space()));
    s.punct = chars - (parts - 1) - s.letters - s.digits;
    // the ASCII words' stop-word lookups, all started above (see `stopwords::Pending`;
    // prefetching the table slots of the words that pass the filter as a third step was
    // tried and measured no faster)
    for &(w, p) in pending.iter() {
        let mask = stops.mask(p);
        s.stop.add(mask);
        masks[w as usize].2 = mask;
    }
    if s.digits > 0 {
        // digit runs: `- . ( )` neither count nor end a run; anything else that is not a digit ends it
        let mut p = 0;
        while let Some(d) = scan::next_set(m.digit(), p, n) {
            let mut e = d;
            loop {
                e = scan::next_clear(m.digit(), e, n);
                if e < n && scan::bit(m.phone(), e) {
                    e += 1;
                } else {
                    break;
                }
            }
            s.longest_digit_run = s.longest_digit_run.max(scan::count_range(m.digit(), d, e));
            p = e;
        }
    }
    finish_shape(&mut s, line, 0);
    s
}

/// The statistics of the word `line[start..end]` of [`normal_stats`], for words that cross a
/// 64-byte boundary of the maps; its letters and digits as [`core_word`] takes them, if any.
fn word_across_map_words(
    line: &str,
    m: &Bitmaps,
    (start, end): (usize, usize),
    s: &mut LineStats,
) -> Option<WordSpan> {
    let b = line.as_bytes();
    let first = scan::next_set(m.alnum(), start, end)?;
    let last = scan::prev_set(m.alnum(), first, end).expect("first is set");
    let last_end = last + utf8_len(b[last]);
    s.words += 1;
    s.word_chars += (last_end - first) as u32 - scan::count_range(m.cont(), first, last_end);
    if scan::next_set(m.alpha(), first, last_end).is_some() {
        s.alpha_words += 1;
    }
    if let Some(fl) = scan::next_set(m.cased(), first, last_end) {
        s.title_words += scan::bit(m.upper(), fl) as u32;
    }
    let ascii = scan::next_set(m.high(), first, last_end).is_none();
    Some((first, last_end, ascii, None))
}

/// A word's letters and digits as the statistics scan found them: (first byte, end, ASCII,
/// index and mask of the map word holding it whole, if one does; see [`CoreWord`]).
type WordSpan = (usize, usize, bool, Option<(usize, u64)>);

/// (start, end, stop mask) of each word of a line (see [`LineScratch::word_masks`]).
pub type WordMasks = Vec<(u32, u32, u64)>;
/// The stop-word lookups of a line started and not answered yet: (index in the word masks,
/// lookup).
type PendingLookups = Vec<(u32, stopwords::Pending)>;

/// The stop-word lookup of the word `first..end` of a normal line (an ASCII word's is started
/// here and answered after the line's scan, see `stopwords::Pending`; another's counted at
/// once), its entry in `masks`, and the word handed to `sink`.
#[inline(always)]
fn core_word<S: WordSink>(
    line: &str,
    m: &Bitmaps,
    (first, end, ascii, in_map): WordSpan,
    stops: stopwords::Stops,
    stop: &mut StopCounts,
    (word_buf, masks, pending): (&mut String, &mut WordMasks, &mut PendingLookups),
    sink: &mut S,
) {
    let slot = masks.len() as u32;
    let (mask, key) = if ascii {
        let (p, key) = stops.start_ascii_key_at(line.as_bytes(), first, end);
        pending.push((slot, p));
        (0, key) // answered after the scan
    } else {
        (stopwords::count_word(&line[first..end], stop, word_buf), 0)
    };
    let w = CoreWord {
        first,
        end,
        ascii,
        key,
        slot,
        in_map,
    };
    sink.word(line, m, w);
    masks.push((first as u32, end as u32, mask));
}

/// Length of the UTF-8 sequence that starts with `lead`.
#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// The general byte loop of [`line_stats`] (any line).
fn general_stats(line: &str, word_buf: &mut String) -> LineStats {
    let b = line.as_bytes();
    let n = b.len();
    let mut s = LineStats {
        n_bytes: n as u32,
        ..Default::default()
    };
    let mut p = 0;
    // leading indent
    while p < n {
        match b[p] {
            b' ' => s.indent += 1,
            b'\t' => s.indent += 4,
            0xC2 if b.get(p + 1) == Some(&0xA0) => {
                s.indent += 1;
                p += 1;
            }
            0xE3 if b.get(p + 1) == Some(&0x80) && b.get(p + 2) == Some(&0x80) => {
                s.indent += 1;
                p += 2;
            }
            _ => break,
        }
        p += 1;
    }
    let body = p;
    let mut chars = 0u32; // chars of the body seen so far
    let mut digit_run = 0u32;
    let mut in_word = false;
    let mut first = usize::MAX; // first alphanumeric byte of the word
    let mut last_end = 0; // end of the last alphanumeric char of the word
    let (mut first_c, mut last_c) = (0u32, 0u32); // their char counts
    let mut w_letters = 0u32;
    let mut w_first_letter = 0u8; // 0 none yet, 1 lower, 2 upper
    let mut w_ascii = true;
    macro_rules! finish_word {
        () => {
            if first != usize::MAX {
                s.words += 1;
                s.word_chars += last_c - first_c + 1;
                if w_letters > 0 {
                    s.alpha_words += 1;
                    if w_first_letter == 2 {
                        s.title_words += 1;
                    }
                }
                if w_ascii {
                    stopwords::count_ascii_word(&b[first..last_end], &mut s.stop);
                } else {
                    stopwords::count_word(&line[first..last_end], &mut s.stop, word_buf);
                }
            }
        };
    }
    while p < n {
        let c0 = b[p];
        // classify one char: (is_space, alnum, letter, upper, digit, separator, phone-punct)
        let (len, k, ch) = if c0 < 0x80 {
            (1, CLASS[c0 as usize], c0 as char)
        } else {
            let ch = line[p..].chars().next().unwrap_or('\u{FFFD}');
            let k = if ch.is_whitespace() {
                SPACE
            } else if is_cjk(ch) {
                ALPHA | CJK
            } else if ch.is_alphabetic() {
                ALPHA | if ch.is_uppercase() { UPPER } else { 0 }
            } else if ch.is_numeric() {
                DIGIT
            } else if is_separator(ch) {
                SEP
            } else {
                0
            };
            (ch.len_utf8(), k, ch)
        };
        chars += 1;
        if k & SPACE != 0 {
            if in_word {
                finish_word!();
                in_word = false;
            }
            digit_run = 0;
            p += len;
            continue;
        }
        if !in_word {
            in_word = true;
            first = usize::MAX;
            w_letters = 0;
            w_first_letter = 0;
            w_ascii = true;
        }
        if len > 1 {
            w_ascii = false;
        }
        if k & (ALPHA | DIGIT) != 0 {
            if first == usize::MAX {
                first = p;
                first_c = chars;
            }
            last_end = p + len;
            last_c = chars;
        }
        if k & ALPHA != 0 {
            s.letters += 1;
            w_letters += 1;
            if k & CJK != 0 {
                s.cjk += 1;
            } else {
                if k & UPPER != 0 {
                    s.upper += 1;
                }
                if w_first_letter == 0 {
                    w_first_letter = if k & UPPER != 0 { 2 } else { 1 };
                }
            }
            digit_run = 0;
        } else if k & DIGIT != 0 {
            s.digits += 1;
            digit_run += 1;
            s.longest_digit_run = s.longest_digit_run.max(digit_run);
        } else {
            s.punct += 1;
            if ch == '@' {
                s.has_at = true;
            }
            if k & SEP != 0 {
                s.separators += 1;
            }
            if k & PHONE == 0 {
                digit_run = 0;
            }
        }
        p += len;
    }
    if in_word {
        finish_word!();
    }
    s.n_chars = s.indent_chars(body, line) + chars;
    finish_shape(&mut s, line, body);
    s
}

/// Bullet, numbering, URL and ending of a line whose body (after the indent) starts at byte
/// `body`; shared by both paths of [`line_stats`].
#[inline]
fn finish_shape(s: &mut LineStats, line: &str, body: usize) {
    if body < line.len() {
        let mut it = line[body..].chars();
        let f = it.next().unwrap_or(' ');
        let second_is_space = it.next().is_none_or(|c| c == ' ' || c == '\u{a0}');
        s.bullet = matches!(f, '•' | '▪' | '■' | '●' | '◦' | '‣' | '►' | '▶')
            || (is_bullet_char(f) && second_is_space);
        if s.bullet && is_separator(f) {
            s.separators = s.separators.saturating_sub(1);
        }
        s.numbered = is_numbered(&line[body..]);
    }
    s.has_url = contains_url(line.as_bytes());
    s.ending = ending_of(line);
}

impl LineStats {
    /// Number of chars of the leading indent (tabs are 1 char but 4 columns of indent).
    fn indent_chars(&self, body: usize, line: &str) -> u32 {
        line[..body].chars().count() as u32
    }
}

// Byte classes of the ASCII table (and of classified non-ASCII chars).
const ALPHA: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 4;
const SPACE: u8 = 8;
const SEP: u8 = 16;
/// `-`, `.`, `(`, `)`: they split a phone number's digits without ending the digit run
const PHONE: u8 = 32;
const CJK: u8 = 64;

/// ASCII separators of menus and breadcrumbs (`|`, `>`, `/`); shared with `scan`'s byte
/// classes, so that both statistics paths agree.
pub(crate) const fn is_ascii_sep(b: u8) -> bool {
    matches!(b, b'|' | b'>' | b'/')
}

/// ASCII punctuation inside phone numbers (see [`PHONE`]); shared with `scan`.
pub(crate) const fn is_ascii_phone_punct(b: u8) -> bool {
    matches!(b, b'-' | b'.' | b'(' | b')')
}

static CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_uppercase() {
            ALPHA | UPPER
        } else if b.is_ascii_lowercase() {
            ALPHA
        } else if b.is_ascii_digit() {
            DIGIT
        } else if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f) {
            SPACE
        } else if is_ascii_sep(b) {
            SEP
        } else if is_ascii_phone_punct(b) {
            PHONE
        } else {
            0
        };
        c += 1;
    }
    t
};

fn is_numbered(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() && i < 3 && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == 0 {
        // `a)` / `b.`
        if b.len() >= 3
            && b[0].is_ascii_lowercase()
            && (b[1] == b')' || b[1] == b'.')
            && b[2] == b' '
        {
            return true;
        }
        return false;
    }
    i + 1 < b.len() && (b[i] == b'.' || b[i] == b')') && b[i + 1] == b' '
}

fn contains_url(b: &[u8]) -> bool {
    // "http", "www." or a ".com"/".org"-style domain; memchr finds the few candidate bytes
    // (a `memmem::find` builds a searcher per call, which cost more than the search: lines
    // are short and most have no `:`)
    if memchr::memchr_iter(b':', b).any(|i| b[i + 1..].starts_with(b"//")) {
        return true;
    }
    for i in memchr::memchr_iter(b'.', b) {
        if i == 0 || !b[i - 1].is_ascii_alphanumeric() {
            continue;
        }
        if i >= 3
            && b[i - 3..i].eq_ignore_ascii_case(b"www")
            && (i == 3 || !b[i - 4].is_ascii_alphanumeric())
        {
            return true;
        }
        let rest = &b[i + 1..];
        for tld in [&b"com"[..], b"org", b"net", b"io", b"gov", b"edu"] {
            if rest.len() >= tld.len()
                && rest[..tld.len()].eq_ignore_ascii_case(tld)
                && rest
                    .get(tld.len())
                    .is_none_or(|c| !c.is_ascii_alphanumeric())
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain char-by-char definition the fast [`line_stats`] must agree with.
    fn reference_stats(line: &str, word_buf: &mut String) -> LineStats {
        let mut s = LineStats {
            n_bytes: line.len() as u32,
            ..Default::default()
        };
        let mut leading = true;
        let mut first_visible: Option<char> = None;
        let mut second_visible: Option<char> = None;
        let mut digit_run = 0u32;
        // current word
        let mut in_word = false;
        let mut w_start = 0usize;
        let mut w_letters = 0u32;
        let mut w_first_upper = false;
        let mut w_first_letter_seen = false;

        let bytes = line.as_bytes();
        let finish_word = |s: &mut LineStats,
                           start: usize,
                           end: usize,
                           letters: u32,
                           first_upper: bool,
                           buf: &mut String| {
            let w = &line[start..end];
            // the CJK blocks count as letters whole, unassigned code points included
            let core = w.trim_matches(|c: char| !(c.is_alphanumeric() || is_cjk(c)));
            if core.is_empty() {
                return;
            }
            s.words += 1;
            s.word_chars += core.chars().count() as u32;
            if letters > 0 {
                s.alpha_words += 1;
                if first_upper {
                    s.title_words += 1;
                }
            }
            stopwords::count_word(core, &mut s.stop, buf);
        };

        for (i, c) in line.char_indices() {
            s.n_chars += 1;
            if leading {
                if c == ' ' || c == '\u{a0}' || c == '\u{3000}' {
                    s.indent += 1;
                    continue;
                } else if c == '\t' {
                    s.indent += 4;
                    s.n_chars += 0;
                    continue;
                }
                leading = false;
            }
            if first_visible.is_none() {
                first_visible = Some(c);
            } else if second_visible.is_none() {
                second_visible = Some(c);
            }
            let ws = c.is_whitespace();
            if ws {
                if in_word {
                    finish_word(&mut s, w_start, i, w_letters, w_first_upper, word_buf);
                    in_word = false;
                }
                digit_run = 0;
                continue;
            }
            if !in_word {
                in_word = true;
                w_start = i;
                w_letters = 0;
                w_first_upper = false;
                w_first_letter_seen = false;
            }
            if c.is_ascii() {
                let b = c as u8;
                if b.is_ascii_alphabetic() {
                    s.letters += 1;
                    w_letters += 1;
                    let up = b.is_ascii_uppercase();
                    if up {
                        s.upper += 1;
                    }
                    if !w_first_letter_seen {
                        w_first_upper = up;
                        w_first_letter_seen = true;
                    }
                    digit_run = 0;
                } else if b.is_ascii_digit() {
                    s.digits += 1;
                    digit_run += 1;
                    s.longest_digit_run = s.longest_digit_run.max(digit_run);
                } else {
                    s.punct += 1;
                    if b == b'@' {
                        s.has_at = true;
                    }
                    if is_separator(c) {
                        s.separators += 1;
                    }
                    // a phone number's digits are split by spaces, dashes and dots: keep the run
                    if !(b == b'-' || b == b'.' || b == b'(' || b == b')') {
                        digit_run = 0;
                    }
                }
            } else if is_cjk(c) {
                s.cjk += 1;
                s.letters += 1;
                w_letters += 1;
                digit_run = 0;
            } else if c.is_alphabetic() {
                s.letters += 1;
                w_letters += 1;
                let up = c.is_uppercase();
                if up {
                    s.upper += 1;
                }
                if !w_first_letter_seen {
                    w_first_upper = up;
                    w_first_letter_seen = true;
                }
                digit_run = 0;
            } else if c.is_numeric() {
                s.digits += 1;
                digit_run += 1;
                s.longest_digit_run = s.longest_digit_run.max(digit_run);
            } else {
                s.punct += 1;
                if is_separator(c) {
                    s.separators += 1;
                }
                digit_run = 0;
            }
        }
        if in_word {
            finish_word(
                &mut s,
                w_start,
                line.len(),
                w_letters,
                w_first_upper,
                word_buf,
            );
        }
        if let Some(f) = first_visible {
            let second_is_space = second_visible.is_none_or(|c| c == ' ' || c == '\u{a0}');
            s.bullet = (f == '•'
                || f == '▪'
                || f == '■'
                || f == '●'
                || f == '◦'
                || f == '‣'
                || f == '►'
                || f == '▶')
                || (is_bullet_char(f) && second_is_space);
            if s.bullet {
                // a leading bullet glyph is not a separator inside the line
                if is_separator(f) {
                    s.separators = s.separators.saturating_sub(1);
                }
            }
            s.numbered = is_numbered(line.trim_start());
        }
        s.has_url = contains_url(bytes);
        s.ending = ending_of(line);
        s
    }

    #[test]
    fn splits_all_newline_kinds() {
        let v: Vec<_> = split_lines("a\nb\r\nc\rd\n").collect();
        assert_eq!(v, ["a", "b", "c", "d"]);
        let v: Vec<_> = split_lines("\n\nx").collect();
        assert_eq!(v, ["", "", "x"]);
        assert_eq!(split_lines("").count(), 0);
    }

    #[test]
    fn spans_point_into_text() {
        let t = "ab\r\ncd\n\nef";
        let spans = line_spans(t);
        let got: Vec<&str> = spans.iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(got, ["ab", "cd", "", "ef"]);
    }

    #[test]
    fn stats_of_a_sentence() {
        let mut buf = LineScratch::default();
        let s = line_stats("The cat sat on the mat, said Dr. Who.", &mut buf);
        assert_eq!(s.words, 9);
        assert_eq!(s.alpha_words, 9);
        assert_eq!(s.title_words, 3);
        assert_eq!(s.ending, Ending::Sentence);
        assert!(!s.bullet);
        assert!(s.stop.total() >= 3, "the/on/the are English stop words");
    }

    #[test]
    fn bullets_indent_and_phone() {
        let mut buf = LineScratch::default();
        let s = line_stats("    +1 212 318 2000", &mut buf);
        assert_eq!(s.indent, 4);
        assert!(s.longest_digit_run >= 3);
        let s = line_stats("  • Americas", &mut buf);
        assert!(s.bullet);
        assert_eq!(s.indent, 2);
        assert_eq!(s.separators, 0);
        let s = line_stats("10. Duolingo: A language app.", &mut buf);
        assert!(s.numbered);
    }

    #[test]
    fn endings() {
        assert_eq!(ending_of("Read more..."), Ending::Ellipsis);
        assert_eq!(ending_of("He said “no.”"), Ending::Sentence);
        assert_eq!(ending_of("that report states: "), Ending::Colon);
        assert_eq!(ending_of("Trade Ties"), Ending::None);
        assert_eq!(ending_of("and Jammu and Kashmir’s…"), Ending::Ellipsis);
    }

    proptest::proptest! {
        #[test]
        fn fast_path_equals_reference_on_any_line(l in "[ -~\u{a0}-\u{3000}]{0,60}|[ a-zA-Z0-9.()\u{3040}-\u{30ff}\u{4e00}-\u{4e40}\u{660}-\u{669}\u{2022}\u{e9}]{0,60}") {
            let mut buf = LineScratch::default();
            let a = line_stats(&l, &mut buf);
            let g = reference_stats(&l, &mut String::new());
            proptest::prop_assert_eq!(format!("{a:?}"), format!("{g:?}"));
        }
    }

    #[test]
    fn urls() {
        assert!(contains_url(b"visit www.example.org now"));
        assert!(contains_url(b"see https://x.y/z"));
        assert!(contains_url(b"www.thing"));
        assert!(contains_url(b"GoaChronicle.com investigates"));
        assert!(!contains_url(b"no link here."));
    }

    #[test]
    fn fast_path_equals_reference() {
        let mut buf = LineScratch::default();
        for l in [
            "The cat sat on the mat, said Dr. Who.",
            "    +1 212 318 2000",
            "  - Home | News > World / Asia",
            "\tx@y.com (555) 123-4567 ... 10. a) b",
            "A1b2 'quoted' \"words\" don't stop-words",
            "",
            "   ",
            "1. First item",
            "* star bullet",
            "|",
            "  • Americas",
            "\u{a0}\u{3000}Größe: 12 € — “quoted” 中文字符 and Ünïcode…",
            "Ⅻ ½ ٣ numbers · bullet › sep",
            "\u{2003}em space",
        ] {
            let a = line_stats(l, &mut buf);
            let g = reference_stats(l, &mut String::new());
            assert_eq!(format!("{a:?}"), format!("{g:?}"), "{l:?}");
        }
    }

    #[test]
    fn blank() {
        let mut buf = LineScratch::default();
        assert!(line_stats("   \t ", &mut buf).is_blank());
        assert!(!line_stats(" x ", &mut buf).is_blank());
    }
}
