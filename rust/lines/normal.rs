//! The statistics of a line in normal form, read off its byte-class bitmaps: counts are
//! popcounts and each word costs a few bit scans. Its words are handed, as they are read, to
//! a [`WordSink`] (the page analysis builds its hashed words in the same scan) and their
//! stop-word lookups are started here and answered after the scan. Apart from `general`:
//! this is the line pass's hottest loop.

use super::general::count_no_space_words;
use super::shape::finish_shape;
use super::LineStats;
use crate::scan::{self, Bitmaps};
use crate::stopwords::{self, StopCounts};

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
    /// Where its stop mask will be in
    /// [`LineScratch::word_masks`](super::LineScratch::word_masks) once the line is read.
    pub slot: u32,
    /// When the word lies in one 64-byte word of the maps: that word's index and the mask of
    /// `first..end` in it, so that a question about the word's bytes is one mask operation.
    pub in_map: Option<(usize, u64)>,
}

/// What sees the words of a normal line during
/// [`normalized_stats_with`](super::normalized_stats_with).
pub trait WordSink {
    fn word(&mut self, line: &str, maps: &Bitmaps, w: CoreWord);
}

/// The sink that looks at nothing.
pub struct NoWords;

impl WordSink for NoWords {
    #[inline(always)]
    fn word(&mut self, _: &str, _: &Bitmaps, _: CoreWord) {}
}

/// [`line_stats`](super::line_stats) of a normal line: words separated by one space, no
/// leading or trailing space (so no indent, and every space ends a word), no whitespace but
/// spaces.
pub(super) fn normal_stats<S: WordSink>(
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
    // words holding a letter of a script without spaces: CJK letters are the letters that
    // are not cased (see `Bitmaps::cased`); only looked for in a line that has some
    let mut cjk_words = 0u32;
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
                if m.cjk > 0 {
                    cjk_words += (m.alpha()[k] & !m.cased()[k] & core != 0) as u32;
                }
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
            let w = word_across_map_words(line, m, (start, end), &mut s);
            if let Some((first, last_end, ..)) = w.filter(|_| m.cjk > 0) {
                // (the cased letters are the letters less the CJK ones)
                let (a, c) = (m.alpha(), m.cased());
                cjk_words += (scan::count_range(a, first, last_end)
                    != scan::count_range(c, first, last_end)) as u32;
            }
            w
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
    count_no_space_words(&mut s, cjk_words, line);
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

/// (start, end, stop mask) of each word of a line (see
/// [`LineScratch::word_masks`](super::LineScratch::word_masks)).
pub type WordMasks = Vec<(u32, u32, u64)>;
/// The stop-word lookups of a line started and not answered yet: (index in the word masks,
/// lookup).
pub(super) type PendingLookups = Vec<(u32, stopwords::Pending)>;

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
