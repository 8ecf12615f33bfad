//! Hard-wrapped plain text joined back into its paragraphs.
//!
//! Text dumps of pages (html2text, lynx and w3m dumps, `fmt`, mail archives) cut every
//! paragraph into lines of at most a width, mostly 70 to 80 characters. The line pass judges
//! lines, and its models learnt lines that are whole paragraphs: a paragraph cut into pieces
//! of ten words reads as a run of short lines, which is what a menu is. Read line by line,
//! the dev pages wrapped at 78 lost 0.038 F1 (`benchmarks/quality.py`, `wrapped`), and
//! html2text's text without links scored 0.838 against 0.863 joined (`scrapers.py`).
//!
//! A greedy wrapper leaves a trace a text written line by line hardly does: a line is cut
//! where the next word would not fit, so the line is at most the width and its length plus
//! one space plus the next line's first word is more. [`join`] joins the lines that leave
//! that trace for one of the usual widths ([`WIDTHS`]), in runs that agree on one width,
//! each run into its first line with empty lines in the others' places (the line count stays,
//! so line `i`'s decision is still about input line `i`).
//!
//! A text is read as wrapped when at least [`MIN_EVIDENCE`] lines sit inside such a run, between
//! two joins that agree on a width, one of the two lines after the first starting with no
//! capital (a list of product names cut at a width has no such line). Dev pages as they are:
//! 17 of 1,358 pass, among them a man page and a site whose own text is wrapped; the same
//! pages wrapped at 78: 1,232.
//!
//! The line pass reads these functions on the page's normalised lines (`classify`), which its
//! clean text is made of: so cleaning again changes nothing. The evidence of lines that are
//! some of a text's lines (adjacent ones stay adjacent or are parted by a blank line) is at
//! most the text's own, and a joined text's lines leave no trace to join: a clean text reads
//! as wrapped only if its input did, and is then joined already.

/// The widths text wrappers cut at: 70 (Python's `textwrap`, Emacs), 72 (git, `par`), 75
/// (`fmt`), 76 (mail), 78 (html2text), 79 (lynx) and 80 (w3m, terminals).
const WIDTHS: [usize; 7] = [70, 72, 75, 76, 78, 79, 80];

/// Shortest line read as cut at a width: the narrowest width less a long word.
const MIN_CUT: usize = 55;

/// Lines inside runs of joins (see the module's doc) a text needs to be read as wrapped.
pub const MIN_EVIDENCE: usize = 3;

/// What the joins need to know of a line.
#[derive(Clone, Copy)]
struct Line<'a> {
    /// The line, its leading and trailing whitespace left out.
    text: &'a str,
    /// Characters (0 for a blank line; counted up to one more than [`MAX_CHARS`]).
    chars: usize,
    /// Characters of its first word.
    first_word: usize,
    /// It starts a block: a list item, a heading, a quote, a table row.
    block: bool,
}

impl<'a> Line<'a> {
    fn new(line: &'a str) -> Line<'a> {
        let text = line.trim();
        let chars = chars_to_max(text);
        let word = text.split(char::is_whitespace).next().unwrap_or("");
        Line {
            text,
            chars,
            first_word: word.chars().count(),
            block: starts_block(text),
        }
    }

    fn blank(&self) -> bool {
        self.chars == 0
    }
}

/// The characters of a trimmed line, counted up to one more than [`MAX_CHARS`]: only a line
/// of 55 to 80 characters can be cut at a width (a line of more than 80 bytes of ASCII is
/// not counted).
fn chars_to_max(text: &str) -> usize {
    if text.len() > MAX_CHARS && text.is_ascii() {
        MAX_CHARS + 1
    } else {
        text.chars().take(MAX_CHARS + 1).count()
    }
}

/// The longest line read as cut at a width.
const MAX_CHARS: usize = WIDTHS[WIDTHS.len() - 1];

/// A list item (`* `, `- `, `• `, `1. `, `2) `), a heading (`#`), a quote (`>`) or a table row
/// (`|`): a line that starts a block of its own, so it continues no line.
pub(crate) fn starts_block(t: &str) -> bool {
    let mut cs = t.chars();
    match cs.next() {
        Some('#' | '>' | '|') => true,
        Some('*' | '-' | '+' | '•' | '·' | '▪' | '◦' | '‣' | '–' | '—') => {
            cs.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &t.as_bytes()[digits..];
            digits <= 3
                && matches!(rest.first(), Some(b'.' | b')'))
                && rest.get(1).is_some_and(u8::is_ascii_whitespace)
        }
        _ => false,
    }
}

/// The widths `lo..=hi` that hold one of [`WIDTHS`].
fn holds_width(lo: usize, hi: usize) -> bool {
    WIDTHS.iter().any(|w| (lo..=hi).contains(w))
}

/// Whether line `b` continues line `a` cut at a width: `a` is 55 to 80 characters long,
/// `b` starts no block and is not `a` again, and its first word would have made `a` longer
/// than one of [`WIDTHS`] that `a` is within. The widths that agree with the cut:
/// `a.chars..=a.chars + b.first_word`. (Indents are not read: the line pass reads lines
/// normalised, without them.)
fn cut(a: &Line, b: &Line) -> Option<(usize, usize)> {
    if a.blank() || b.blank() || b.block || !(MIN_CUT..=MAX_CHARS).contains(&a.chars) {
        return None;
    }
    if a.text == b.text {
        return None;
    }
    let (lo, hi) = (a.chars, a.chars + b.first_word);
    holds_width(lo, hi).then_some((lo, hi))
}

/// The evidence that `lines` are wrapped (see the module's doc): the lines that continue a cut
/// line and are cut again, the two cuts agreeing on a width, one of the two continuing lines
/// starting with no capital. Stops counting at `enough`.
fn evidence<S: AsRef<str>>(lines: &[S], enough: usize) -> usize {
    let mut n = 0;
    // the line before this one, and the widths of its cut from the line before it; lines are
    // read only after a line that can be cut (asked of every text: most lines are too short
    // or too long to be, and are not looked at)
    let mut prev: Option<(&str, Option<(usize, usize)>)> = None;
    for line in lines {
        let line = line.as_ref();
        let from_p = match prev {
            // (the line's length decides most: both lines are read only after a line of 55
            // to 80 characters)
            Some((p, _))
                if may_be_cut(p) && (MIN_CUT..=MAX_CHARS).contains(&chars_to_max(p.trim())) =>
            {
                cut(&Line::new(p), &Line::new(line))
            }
            _ => None,
        };
        if let (Some((p, Some((lo1, hi1)))), Some((lo2, hi2))) = (prev, from_p) {
            let upper = |t: &str| {
                t.trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            };
            if holds_width(lo1.max(lo2), hi1.min(hi2)) && !(upper(p) && upper(line)) {
                n += 1;
                if n >= enough {
                    return n;
                }
            }
        }
        prev = Some((line, from_p));
    }
    n
}

/// Whether a line's length in bytes allows it to be cut at a width (55 characters or more;
/// at most 80 of at most 4 bytes each, and its whitespace).
fn may_be_cut(line: &str) -> bool {
    line.len() >= MIN_CUT && line.trim().len() <= 4 * MAX_CHARS
}

/// Whether `lines` read as hard-wrapped (see the module's doc).
pub fn looks_wrapped<S: AsRef<str>>(lines: &[S]) -> bool {
    evidence(lines, MIN_EVIDENCE) >= MIN_EVIDENCE
}

/// `lines` with each run of lines cut at one width joined into its first line (its
/// whitespace trimmed, a space between two lines) and an empty line in the place of each
/// other line of the run, joined by `\n` (as many lines as `lines`, as
/// [`crate::lines::split_lines`] reads them); `None` when no line continues another.
pub fn join<S: AsRef<str>>(lines: &[S]) -> Option<String> {
    let lines: Vec<Line> = lines.iter().map(|l| Line::new(l.as_ref())).collect();
    let run_end = |k: usize| {
        // (the run goes on while its cuts agree on a width)
        let (mut lo, mut hi) = (0, usize::MAX);
        let mut last = k;
        while let Some((l, h)) = lines.get(last + 1).and_then(|next| cut(&lines[last], next)) {
            if !holds_width(lo.max(l), hi.min(h)) {
                break;
            }
            (lo, hi) = (lo.max(l), hi.min(h));
            last += 1;
        }
        last
    };
    let joined = |k: usize, last: usize| {
        let texts: Vec<&str> = lines[k..=last].iter().map(|l| l.text).collect();
        texts.join(" ")
    };
    crate::lines::join_runs(lines.len(), run_end, joined, |k| lines[k].text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    fn lines(t: &str) -> Vec<&str> {
        split_lines(t).collect()
    }

    /// `words` wrapped greedily at `width` (as Python's `textwrap` does).
    fn wrap(words: &str, width: usize) -> String {
        let mut out = String::new();
        let mut line = String::new();
        for w in words.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + w.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
        out.push_str(&line);
        out
    }

    const PARA: &str = "Городские власти утвердили проект создания парка площадью 25 гектаров \
        на территории бывшего машиностроительного завода. Работы начнутся летом и должны \
        завершиться к 2026 году, сообщили в мэрии города.";
    const PARA2: &str = "Stoimost proekta otsenivaetsya v 1,8 milliarda rublei. Sredstva vydelyat \
        iz gorodskogo byudzheta i federalnoi programmy po sozdaniyu komfortnoi gorodskoi sredy.";

    #[test]
    fn wrapped_paragraphs_are_joined_line_count_kept() {
        for width in [70, 72, 78, 80] {
            // (three paragraphs of three lines or more: one line of evidence each)
            let text = format!(
                "Menu Home News\n\n{}\n\n{}\n\n{}\n",
                wrap(PARA, width),
                wrap(PARA2, width),
                wrap(PARA, width)
            );
            assert!(looks_wrapped(&lines(&text)), "width {width}");
            let j = join(&lines(&text)).expect("joined");
            let out = lines(&j);
            assert_eq!(out.len(), lines(&text).len(), "width {width}");
            assert!(out.contains(&PARA), "width {width}: {j}");
            assert!(out.contains(&PARA2), "width {width}: {j}");
            assert_eq!(out[0], "Menu Home News");
            // joined text leaves nothing to join
            assert!(!looks_wrapped(&out));
            assert_eq!(join(&out), None);
        }
    }

    #[test]
    fn text_written_line_by_line_is_not_wrapped() {
        // lines of 55-80 characters, each a paragraph of its own: the next first word would
        // have fitted, or every line starts with a capital
        let text = "Anti-Tangle Main Brush for X11/X9/T80S OMNI/T50 MAX PRO OMNI and more\n\
                    Antibacterial Dust Bag for X9/X8/T80S OMNI/T80 OMNI/T50 Family/T30C\n\
                    Mopping Roller for X9 PRO OMNI/X8 PRO OMNI/T80 OMNI and the rest of it\n\
                    Antibacterial roller mop for X9 PRO OMNI/X8 PRO OMNI/T80 OMNI\n\
                    Washable Filter Kit for the whole range of these machines sold here";
        assert!(!looks_wrapped(&lines(text)));
        let prose = "The council met on Tuesday.\nIt voted.\nThe park opens in May.";
        assert!(!looks_wrapped(&lines(prose)));
        assert_eq!(join(&lines(prose)), None);
    }

    #[test]
    fn blocks_part_lines() {
        let cut_line = "The council voted on Tuesday to approve the new park after a long debate";
        assert!((MIN_CUT..=MAX_CHARS).contains(&cut_line.chars().count()));
        for next in [
            "* a list item",
            "# Heading",
            "> quoted",
            "12. item",
            "| a | b |",
        ] {
            let text = format!("{cut_line}\n{next}");
            assert_eq!(join(&lines(&text)), None, "{next:?}");
        }
        // a list item's text goes on under the item
        let item = format!("* {cut_line}\n  which the mayor had asked for.");
        assert_eq!(
            join(&lines(&item)).as_deref(),
            // (the item's second line's place: an empty last line, ended by a line break)
            Some(format!("* {cut_line} which the mayor had asked for.\n\n").as_str())
        );
    }

    #[test]
    fn a_repeated_line_is_no_continuation() {
        let l = "Anti-Tangle Main Brush for X11/X9/T80S OMNI/T50 MAX PRO OMNI series";
        assert_eq!(join(&[l, l]), None);
    }

    #[test]
    fn block_starts() {
        for t in [
            "* x",
            "- x",
            "• x",
            "1. x",
            "12) x",
            "#x",
            "> x",
            "| a | b |",
        ] {
            assert!(starts_block(t), "{t}");
        }
        for t in ["*x", "-1", "2024 was", "1234. x", "x"] {
            assert!(!starts_block(t), "{t}");
        }
    }
}
