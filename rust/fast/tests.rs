use super::*;
use crate::lines::split_lines;

// The byte loop the bitmap pass (`pass::line_stats_at`) replaced, kept as its reference: the
// same counts, masks and cleanliness on any line.
// The byte classes of the pass, each counted in its own 8-bit lane of one `u64` (see
// `line_stats`).
const SEP: u32 = 0; // `|`, `/` and `>` (menu separators), also in the punctuation lane
const UPPER: u32 = 1;
const LOWER: u32 = 2;
const DIGIT: u32 = 3;
const PUNCT: u32 = 4;
const LEAD: u32 = 5; // the first byte of a character outside ASCII: counted as a letter
const CONT: u32 = 6; // a continuation byte
const CTRL: u32 = 7; // control bytes and tabs: a line with one is not in normal form

/// Per byte, a 1 in the lane of its class.
static LANE: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut i = 0;
    while i < 256 {
        let k = match i as u8 {
            b'A'..=b'Z' => UPPER,
            b'a'..=b'z' => LOWER,
            b'0'..=b'9' => DIGIT,
            0x21..=0x7e => PUNCT,
            0x80..=0xbf => CONT,
            0xc0..=0xff => LEAD,
            b' ' => {
                i += 1;
                continue; // a space is in no lane: the word loop reads the spaces
            }
            _ => CTRL,
        };
        t[i] = 1u64 << (8 * k);
        if matches!(i as u8, b'|' | b'/' | b'>') {
            t[i] |= 1u64 << (8 * SEP);
        }
        i += 1;
    }
    t
};

/// The byte-class counts of `b`, one per class. Hand-written: a histogram loop
/// (`counts[class] += 1`) waits at each byte on the store of the last one to the same
/// counter; adding one table word per byte to a register does not (on the lines of the first
/// 300 dev pages, a scratch A/B: 1.83 GB/s against 370 MB/s). Lanes hold 255, so the sum is
/// taken every 255 bytes.
#[inline]
fn class_counts(b: &[u8]) -> [u32; 8] {
    let mut counts = [0u32; 8];
    for chunk in b.chunks(255) {
        let acc = chunk.iter().fold(0u64, |a, &c| a + LANE[c as usize]);
        for (k, c) in counts.iter_mut().enumerate() {
            *c += (acc >> (8 * k) & 0xff) as u32;
        }
    }
    counts
}

/// The statistics of one line (trimmed of spaces and tabs), and the stop-word mask of each
/// of its words pushed on `masks`. Hand-written rather than built on the default path's
/// byte-class maps (ten bit planes filled per line): one table add per byte, then the words
/// cut at the spaces and tabs, each trimmed of its punctuation at both ends. Returns
/// whether the line is clean ASCII in normal form (no control byte or tab, no two spaces in a
/// row, nothing outside ASCII): `normalize::normalize_line` would leave it as it is.
fn byte_loop_line_stats(
    line: &str,
    masks: &mut Vec<u64>,
    pending: &mut Vec<stopwords::Pending>,
) -> (FastStats, bool) {
    let b = line.as_bytes();
    let mut s = FastStats::default();
    let counts = class_counts(b);
    let ascii_line = counts[LEAD as usize] == 0;
    let stops = stopwords::stops();
    let mut double_space = false;
    let first_mask = masks.len();
    pending.clear();
    // (a plain loop, not `memchr`: words are a few bytes long, shorter than its set-up)
    let n = b.len();
    let mut i = 0;
    while i < n {
        let start = i;
        while i < n && b[i] != b' ' && b[i] != b'\t' {
            i += 1;
        }
        let end = i;
        i += 1;
        if end == start {
            double_space = true;
            continue;
        }
        let w = &b[start..end];
        s.words += 1;
        // the word's letters and digits: from its first to its last (any byte >= 0x80 counts
        // as a letter)
        let Some(f) = w
            .iter()
            .position(|c| c.is_ascii_alphanumeric() || *c >= 0x80)
        else {
            pending.push(stopwords::Pending::default());
            masks.push(0);
            continue;
        };
        let l = w
            .iter()
            .rposition(|c| c.is_ascii_alphanumeric() || *c >= 0x80)
            .expect("f");
        let (first, mut last_end) = (start + f, start + l + 1);
        while last_end < end && b[last_end] & 0xc0 == 0x80 {
            last_end += 1; // the rest of a last character outside ASCII
        }
        s.word_bytes += (last_end - first) as u32;
        s.title_words += b[first].is_ascii_uppercase() as u32;
        if ascii_line || b[first..last_end].is_ascii() {
            // answered below, once the line's lookups are all started (see `stopwords::Pending`)
            pending.push(stops.start_ascii_key_at(b, first, last_end).0);
            masks.push(0);
        } else {
            // the word as written: lower-casing it (as the default path does) costs more than
            // the rest of the pass, and a capital's stop word opens a sentence only
            pending.push(stopwords::Pending::default());
            masks.push(stopwords::mask_of_lower(&line[first..last_end]));
        }
    }
    for (m, p) in masks[first_mask..].iter_mut().zip(pending.iter()) {
        if *m == 0 {
            *m = stops.mask(*p);
        }
    }
    s.chars = b.len() as u32 - counts[CONT as usize];
    s.letters = counts[UPPER as usize] + counts[LOWER as usize] + counts[LEAD as usize];
    s.upper = counts[UPPER as usize];
    s.digits = counts[DIGIT as usize];
    s.punct = counts[PUNCT as usize];
    s.high = counts[LEAD as usize];
    s.separators = counts[SEP as usize];
    let shape = crate::lines::line_shape(line, 0);
    s.bullet = shape.bullet;
    s.numbered = shape.numbered;
    s.url = shape.url;
    s.ending = shape.ending;
    let clean = ascii_line && counts[CTRL as usize] == 0 && !double_space;
    (s, clean)
}

/// A page's lines through the page-wide maps, and each line on its own, against the byte
/// loop.
fn assert_same_as_byte_loop(text: &str) {
    let mut maps = TextMaps::default();
    maps.fill(text);
    for raw in split_lines(text) {
        for line in [raw, raw.trim_matches([' ', '\t'])] {
            let start = line.as_ptr().addr() - text.as_ptr().addr();
            let (mut m1, mut m2, mut m3) = (Vec::new(), Vec::new(), Vec::new());
            let (a, ca) = line_stats_at(
                text,
                &maps,
                start,
                start + line.len(),
                &mut m1,
                &mut Vec::new(),
            );
            let (b, cb) = byte_loop_line_stats(line, &mut m2, &mut Vec::new());
            let (c, cc) = line_stats(line, &mut m3, &mut Vec::new());
            assert_eq!(
                format!("{a:?} {ca} {m1:?}"),
                format!("{b:?} {cb} {m2:?}"),
                "{line:?}"
            );
            assert_eq!(
                format!("{c:?} {cc} {m3:?}"),
                format!("{b:?} {cb} {m2:?}"),
                "{line:?}"
            );
        }
    }
}

#[test]
fn the_bitmap_pass_equals_the_byte_loop() {
    assert_same_as_byte_loop(
        "The cat sat on the Mat, 2024.\n Home | News / Sport > Local\na\tb\na  b \n\t x\n\
         café “ok” — Über die Brücke, à la carte!\n\u{7f}ctrl\u{1}\n  \n((--))\n\
         a-very-long-hyphenated-word-of-more-than-sixteen-bytes and so ON\n\
         see https://x.y/z, www.example.org or GoaChronicle.com. Not www-x.comet:\n",
    );
    // lines across the 64-byte chunks, and a last chunk that is short
    let long = "word ".repeat(40) + "Ende. “Fin” 終わり\n" + &"x".repeat(70);
    assert_same_as_byte_loop(&long);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
    #[test]
    fn the_bitmap_pass_equals_the_byte_loop_on_any_text(
        text in concat!(
            "([ \t\n]|[a-zA-Z]{1,8}|[0-9]{1,3}|[.,;:!?|/>()“”—-]",
            "|é|ß|ü|終|\u{7f}|\u{1}|\u{a0}|www|WWW|com|io|://){0,200}",
        )
    ) {
        assert_same_as_byte_loop(&text);
    }
}

#[test]
fn a_line_s_counts() {
    let mut masks = Vec::new();
    let (s, clean) = line_stats("The cat sat on the Mat, 2024.", &mut masks, &mut Vec::new());
    assert!(clean);
    assert_eq!(s.words, 7);
    assert_eq!(s.chars, 29);
    assert_eq!(s.digits, 4);
    assert_eq!(s.upper, 2);
    assert_eq!(s.title_words, 2);
    assert_eq!(s.ending, Ending::Sentence);
    assert_eq!(masks.len(), 7);
    // "the" and "on" are English stop words; "Mat" is not
    let en = 1u64 << stopwords::LANGS.iter().position(|&l| l == "en").unwrap();
    assert!(masks[0] & en != 0 && masks[3] & en != 0);
    assert_eq!(masks[5] & en, 0);
}

#[test]
fn stop_hits_count_each_language_s_bits() {
    let masks = [
        0b101u64,
        0b1,
        0,
        0b100,
        u64::from(u32::MAX) & ((1 << N_LANG) - 1),
    ];
    let many = [0b10u64; 600];
    let hits = stop_hits([&masks[..], &many]);
    assert_eq!(hits[0], 3);
    assert_eq!(hits[1], 601);
    assert_eq!(hits[2], 3);
    assert_eq!(hits[3], 1);
    assert_eq!(hits[N_LANG - 1], 0);
    assert_eq!(stop_hits_sliced(masks.iter().chain(&many)), hits);
}

proptest::proptest! {
    /// The counts of `stop_hits` (AVX2's byte counters where the CPU has them) are the
    /// bit-sliced ones and each language's bits counted one by one, over lines of masks
    /// long enough to fill a byte counter many times over.
    #[test]
    fn stop_hits_are_each_language_s_bits_counted(
        lines in proptest::collection::vec(
            proptest::collection::vec(
                proptest::prop_oneof![
                    2 => proptest::strategy::Just(0u64),
                    1 => proptest::strategy::Just(1u64),
                    2 => 0u64..(1 << N_LANG),
                ],
                0..200,
            ),
            0..12,
        )
    ) {
        let hits = stop_hits(lines.iter().map(|l| &l[..]));
        let mut want = [0u32; N_LANG];
        for &m in lines.iter().flatten() {
            for (l, w) in want.iter_mut().enumerate() {
                *w += (m >> l & 1) as u32;
            }
        }
        proptest::prop_assert_eq!(hits, want);
        proptest::prop_assert_eq!(stop_hits_sliced(lines.iter().flatten()), want);
    }
}

#[test]
fn separators_tabs_and_double_spaces() {
    let mut masks = Vec::new();
    let (s, clean) = line_stats("Home | News / Sport > Local", &mut masks, &mut Vec::new());
    assert_eq!((s.separators, s.punct, s.words), (3, 3, 7));
    assert!(clean);
    // a word of punctuation alone has no letters: no stop-word lookup, a 0 mask
    assert_eq!(masks[1], 0);
    let (s, clean) = line_stats("a\tb", &mut masks, &mut Vec::new());
    assert_eq!(s.words, 2);
    assert!(!clean);
    let (s, clean) = line_stats("a  b", &mut masks, &mut Vec::new());
    assert_eq!(s.words, 2);
    assert!(!clean);
    let (s, clean) = line_stats("café “ok”", &mut masks, &mut Vec::new());
    assert_eq!((s.words, s.chars, s.high), (2, 9, 3));
    assert!(!clean); // outside ASCII: `normalized` asks `is_normal_line`
}

#[test]
fn the_kept_lines_are_read_again_until_they_stay() {
    let Some(m) = FastModel::builtin() else {
        return;
    };
    let page = "Home\nNews\nSport\n\nThe council approved the new park on Monday after a long debate, and work on it will start in the spring of next year.\nThe mayor said that the park would be open to everyone and that the trees along the river would stay where they are.\n\nShare this\nCopyright 2024";
    let r = clean_text(page, m, None, 1.0, true);
    assert!(r.text.starts_with("The council approved"), "{}", r.text);
    assert!(!r.text.contains("Share this"));
    let again = clean_text(&r.text, m, None, 1.0, true);
    assert_eq!(again.text, r.text);
    assert!(r.passes >= 1);
    // every line has a decision; the blank ones are blank
    assert_eq!(r.lines.len(), split_lines(page).count());
    assert_eq!(r.lines[3].reason, Reason::Blank);
}
