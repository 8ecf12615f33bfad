//! Tests of `lines` (a file of their own: the module stays readable).
use super::shape::{contains_url, ending_of, is_bullet_char, is_numbered};
use super::*;
use crate::stopwords;

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
    // two letters of a script without spaces in three are a word, in place of the
    // space-separated words that hold them
    if s.cjk > 0 {
        let holding = line
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !(c.is_alphanumeric() || is_cjk(c))))
            .filter(|core| !core.is_empty() && core.chars().any(is_cjk))
            .count() as u32;
        let sea = line.chars().filter(|&c| super::general::is_sea(c)).count() as u32;
        let est = (2 * (s.cjk - sea)).div_ceil(3) + sea.div_ceil(3);
        s.words = s.words - holding + est;
        s.alpha_words = s.alpha_words - holding + est;
    }
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
fn unicode_separators_become_line_breaks() {
    assert_eq!(unicode_breaks("a\nb é “x”"), None);
    assert_eq!(
        unicode_breaks("a\u{2028}b\u{2029}\u{2029}c\u{85}d").as_deref(),
        Some("a\nb\n\nc\nd")
    );
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
fn scripts_without_spaces_count_as_cjk() {
    // a Thai, a Japanese and a Chinese sentence: one space-split word each, all letters of a
    // script that writes no spaces, two letters in three counted as a word
    let mut buf = LineScratch::default();
    for line in [
        "\u{e23}\u{e31}\u{e10}\u{e1a}\u{e32}\u{e25}\u{e1b}\u{e23}\u{e30}\u{e01}\u{e32}\u{e28}",
        "\u{4eca}\u{65e5}\u{306f}\u{6674}\u{308c}\u{3067}\u{3059}",
        "\u{8bb0}\u{8005}\u{4ece}\u{4e2d}\u{56fd}\u{79d1}\u{5b66}\u{9662}",
    ] {
        let s = line_stats(line, &mut buf);
        assert!(
            s.cjk > 0 && s.cjk == s.letters,
            "{line}: {} of {}",
            s.cjk,
            s.letters
        );
        let want = if line.starts_with('\u{e23}') {
            // (Thai: three characters a word)
            s.cjk.div_ceil(3)
        } else {
            (2 * s.cjk).div_ceil(3)
        };
        assert_eq!(s.words, want, "{line}");
    }
    // the estimate replaces the space-separated words that hold such letters, not the others
    let s = line_stats("2024 \u{5e74} Tokyo \u{6771}\u{4eac}\u{90fd}", &mut buf);
    assert_eq!((s.cjk, s.words), (4, 2 + 3));
    // Latin, Cyrillic, Arabic and Korean write spaces
    for line in [
        "caf\u{e9}",
        "\u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430}",
        "\u{627}\u{644}\u{628}\u{646}\u{643}",
        "\u{d55c}\u{ad6d}\u{c5b4} \u{d14d}\u{c2a4}\u{d2b8}",
    ] {
        let s = line_stats(line, &mut buf);
        assert_eq!(s.cjk, 0, "{line}");
        assert_eq!(s.words, line.split(' ').count() as u32, "{line}");
    }
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
    // Thai and Lao end no sentence with a mark: a long line with a space inside ends as prose,
    // a label or a headline without one does not
    let para = "สวนแห่งนี้จะครอบคลุมพื้นที่สิบสองเฮกตาร์ บนที่ดินอุตสาหกรรมเก่าริมแม่น้ำ";
    assert_eq!(ending_of(para), Ending::Sentence);
    assert_eq!(
        ending_of("สภาเมืองอนุมัติสวนสาธารณะริมแม่น้ำแห่งใหม่หลังการถกเถียงนานหนึ่งปี"),
        Ending::None
    );
    assert_eq!(ending_of("ลิขสิทธิ์ 2024 สงวนลิขสิทธิ์"), Ending::None);
    assert_eq!(ending_of("งบประมาณ"), Ending::None);
    assert_eq!(
        ending_of("ສະພາເມືອງລົງມະຕິອະນຸມັດສວນສາທາລະນະ ແຫ່ງໃໝ່ຢູ່ແຄມແມ່ນ້ຳຂອງເມືອງ"),
        Ending::Sentence
    );
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

#[test]
fn count_words_is_the_sum_of_the_lines_words() {
    let t = "The council approved the park.\n\n  • Home  \n北京市政府周一宣布将在明年春天开始建设一座新的城市公园。";
    let mut scratch = LineScratch::default();
    let by_line: u32 = split_lines(t)
        .map(|l| normalized_stats(l, &mut scratch).1.words)
        .sum();
    assert_eq!(count_words(t), by_line);
    // a sentence of Chinese is many words, not one (as a split on whitespace counts it)
    assert!(count_words("北京市政府周一宣布将在明年春天开始建设一座新的城市公园。") > 10);
    assert_eq!(count_words(""), 0);
}
