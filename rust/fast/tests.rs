use super::*;

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
    let hits = stop_hits(masks.iter().chain(&many));
    assert_eq!(hits[0], 3);
    assert_eq!(hits[1], 601);
    assert_eq!(hits[2], 3);
    assert_eq!(hits[3], 1);
    assert_eq!(hits[N_LANG - 1], 0);
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
