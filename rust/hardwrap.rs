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
//! Only prose is cut: a line cut at a width reads as prose ([`prose_like`]: stop words, or small
//! initials), and neither it nor the next line reads as code ([`code_like`]), nor do the two
//! start with the same word (a log's records, a list of products). Code, tables and lists
//! leave the trace by chance: before these tests, 12 dev pages of code, tables and products
//! were read as wrapped and had their lines joined (the Python logging HOWTO's example, two
//! calls, made one line).
//!
//! A text is read as wrapped when at least [`MIN_EVIDENCE`] lines sit inside such a run, between
//! two joins that agree on a width, one of the two lines after the first starting with no
//! capital (a list of product names cut at a width has no such line). Dev pages as they are:
//! 5 of 1,358 pass (a man page, an old page of mail wrapped by its writers, two sites whose own
//! text is wrapped, a shop; `benchmarks/scrapers.py`'s first row); the same pages wrapped at
//! 78: 1,222 (a scratch count).
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
    /// It starts a block: a list item, a heading, a quote, a table row, a fence.
    block: bool,
    /// It is a line of a fenced code block, its fences included: it is neither cut nor
    /// continued (see [`join`]).
    fenced: bool,
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
            fenced: false,
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

/// A list item (`* `, `- `, `• `, `1. `, `2) `), a heading (`#`), a quote (`>`), a table row
/// (`|`) or a code fence (```` ``` ````, `~~~`): a line that starts a block of its own, so it
/// continues no line.
pub(crate) fn starts_block(t: &str) -> bool {
    if t.starts_with("```") || t.starts_with("~~~") {
        return true;
    }
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

/// Whether a line reads as code rather than as a piece of prose, so that it is neither cut
/// nor continued: code pages leave the trace of a cut by chance (a call of 72 characters, then
/// a line starting with a long identifier), and joining two lines of code breaks the code
/// (`logging.warning('Watch out!')  # ...` and `logging.info(...)` made one line of the
/// Python logging HOWTO; `Filename: src/main.rs` and `use std::fs::File;` one of the Rust
/// book's). The signs: a brace, `=`, `<` or `>` (assignments, comparisons, tags); `::`,
/// `->`, `&&`, `||`, a comment's `//` or `/*`, a command's ` --flag`; a last character `;`,
/// `(` or `[`; a call, a
/// name then `(` with no space (`print(x)`, not `file(s)`); a name with `_` inside
/// (`is_ok_and`); a shell, REPL or decorator prompt at the start (`$ `, `>>>`, `@`). Prose
/// wrapped at a width has none of these but in rare places (a `;` where a cut falls), which
/// then stay two lines.
pub(crate) fn code_like(t: &str) -> bool {
    let b = t.as_bytes();
    if t.starts_with("$ ") || t.starts_with('@') || matches!(b.last(), Some(b';' | b'(' | b'[')) {
        return true;
    }
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    // one pass over the bytes (asked of many lines: a search per sign cost a tenth of a clean
    // more on the pages with code), the signs' bytes are ASCII
    for (k, &c) in b.iter().enumerate() {
        let before = if k > 0 { b[k - 1] } else { 0 };
        let code = match c {
            b'{' | b'}' | b'=' | b'<' | b'>' => true,
            b':' => at(k + 1) == b':',
            b'&' => at(k + 1) == b'&',
            b'|' => at(k + 1) == b'|',
            // `->`; a command's ` --flag`
            b'-' => {
                at(k + 1) == b'>'
                    || before == b' ' && at(k + 1) == b'-' && at(k + 2).is_ascii_alphabetic()
            }
            // a comment's `/*`, or `//` (not a URL's `://`)
            b'/' => at(k + 1) == b'*' || at(k + 1) == b'/' && before != b':',
            // a call: a name, `(`, no space; `file(s)` and `(es)` are words' plurals
            b'(' => {
                k > 0 && word(before) && {
                    let inside = &b[k + 1..];
                    !(inside.starts_with(b"s)") || inside.starts_with(b"es)"))
                }
            }
            // a name with `_` inside (`snake_case`)
            b'_' => k > 0 && word(before) && word(at(k + 1)),
            _ => false,
        };
        if code {
            return true;
        }
    }
    false
}

/// Whether two lines start with the same word of 4 characters or more: the records of a log
/// (`2005-03-19 15:38:55,977 - simpleExample - DEBUG ...`) or of a list of products (`Coleman
/// Skydome ...`, `Coleman Skylodge ...`), which a width may cut by chance; the lines of a
/// paragraph hardly ever do.
fn same_head(a: &str, b: &str) -> bool {
    fn head(t: &str) -> &str {
        t.split(' ').next().unwrap_or("")
    }
    let (x, y) = (head(a), head(b));
    x == y && x.chars().nth(3).is_some()
}

/// Whether a line reads as a line of prose: in the way of jusText, two of its words or more,
/// and a quarter of them or more, are stop words of one language (jusText's lists, which hold
/// a language's few hundred most frequent words); or, for a language without a list, five of
/// its words or more start with a cased letter, three in five of them a small one, and a tenth
/// of its characters at most are digits. A line cut from a paragraph holds ten words or so,
/// and prose holds 40-60% of stop words (technical prose fewer: `Regular expressions are
/// constructed analogously to arithmetic`, 2 of 7); a table row (`1 Chicago Booth School of
/// Business 1 37% / 40% ...`: 3 of 14 English ones, one small initial), a product's name, a
/// menu, a log record or a line of code holds fewer and starts its words with capitals.
pub(crate) fn prose_like(t: &str) -> bool {
    let mut words = 0u32;
    let mut stops = crate::stopwords::StopCounts::default();
    let mut lower = String::new();
    let (mut cased, mut small) = (0u32, 0u32);
    for w in t.split(' ') {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else {
            continue;
        };
        words += 1;
        if first.is_lowercase() {
            small += 1;
            cased += 1;
        } else if first.is_uppercase() {
            cased += 1;
        }
        stops.add(if w.is_ascii() {
            crate::stopwords::mask_of_ascii(w.as_bytes())
        } else {
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            crate::stopwords::mask_of_lower(&lower)
        });
    }
    let most = stops.total();
    if most >= 2 && most * 4 >= words {
        return true;
    }
    let digits = t.bytes().filter(u8::is_ascii_digit).count();
    cased >= 5 && small * 5 >= cased * 3 && digits * 10 <= t.len()
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
    if a.fenced || b.fenced || sentence_break(a.text, b.text) {
        return None;
    }
    cut_widths(a, b).filter(|_| cut_lines(a.text, b.text))
}

/// The length tests of [`cut`]: the widths that agree with a cut of `a` before `b`.
fn cut_widths(a: &Line, b: &Line) -> Option<(usize, usize)> {
    if a.blank() || b.blank() || b.block || !(MIN_CUT..=MAX_CHARS).contains(&a.chars) {
        return None;
    }
    let (lo, hi) = (a.chars, a.chars + b.first_word);
    holds_width(lo, hi).then_some((lo, hi))
}

/// The tests of [`cut`] on what the two lines say (prose, no code, not a record after a
/// record), asked after the length tests: they read every word.
fn cut_lines(a: &str, b: &str) -> bool {
    !(a == b || same_head(a, b) || code_like(a) || code_like(b)) && prose_like(a)
}

/// `a` ends a sentence and `b` starts one with a capital: a wrapper may have cut there, but
/// lines written one sentence each (a text cut into segments, see [`crate::segment`]) are cut
/// there too, and the line break is as good as the space. Such a cut is evidence that a text
/// is wrapped (see [`evidence`]), but [`join`] leaves it: the paragraph's other cuts are
/// joined, and cleaning the clean text again joins no more (two lines of a text cut into
/// segments were joined when cleaned again, when its neighbours made it look wrapped).
fn sentence_break(a: &str, b: &str) -> bool {
    a.ends_with(['.', '!', '?']) && b.starts_with(char::is_uppercase)
}

/// The widths a cut agrees with, and the line cut.
type Cut<'a> = ((usize, usize), &'a str);

/// The evidence that `lines` are wrapped (see the module's doc): the lines that continue a cut
/// line and are cut again, the two cuts agreeing on a width, one of the two continuing lines
/// starting with no capital. Stops counting at `enough`.
fn evidence<S: AsRef<str>>(lines: &[S], enough: usize) -> usize {
    let mut n = 0;
    // the line before this one, and the widths of its cut from the line before that (and that
    // line); lines are read only after a line that can be cut (asked of every text: most lines
    // are too short or too long to be, and are not looked at), and what they say only where
    // the lengths of two cuts agree
    let mut prev: Option<(&str, Option<Cut>)> = None;
    for line in lines {
        let line = line.as_ref();
        let from_p = match prev {
            // (the line's length decides most: both lines are read only after a line of 55
            // to 80 characters)
            Some((p, _))
                if may_be_cut(p) && (MIN_CUT..=MAX_CHARS).contains(&chars_to_max(p.trim())) =>
            {
                cut_widths(&Line::new(p), &Line::new(line)).map(|w| (w, p))
            }
            _ => None,
        };
        if let (Some((p, Some(((lo1, hi1), pp)))), Some(((lo2, hi2), _))) = (prev, from_p) {
            let upper = |t: &str| {
                t.trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            };
            if holds_width(lo1.max(lo2), hi1.min(hi2))
                && !(upper(p) && upper(line))
                && cut_lines(pp.trim(), p.trim())
                && cut_lines(p.trim(), line.trim())
            {
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
    let mut lines: Vec<Line> = lines.iter().map(|l| Line::new(l.as_ref())).collect();
    // a fenced block is code, written line by line, whatever its lines say (prose or Markdown
    // in a block joined to its neighbours left the block without fences, read differently
    // when cleaned again)
    if lines
        .iter()
        .any(|l| l.block && l.text.starts_with(['`', '~']))
    {
        for (a, b) in crate::markdown::fence_pairs(lines.iter().map(|l| l.text)) {
            for l in &mut lines[a..=b] {
                l.fenced = true;
            }
        }
    }
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
    fn fenced_blocks_and_sentence_ends_are_not_joined() {
        let para = wrap(PARA2, 72);
        // a fence and the block's lines, prose or not, stay lines of their own (the fence was
        // joined to the line before, and the block lost it)
        let fenced = format!("{para}\n~~~\n{para}\n~~~\n{para}\n");
        let j = join(&lines(&fenced)).expect("joined");
        let out = lines(&j);
        assert_eq!(out.iter().filter(|l| **l == "~~~").count(), 2, "{j}");
        let (open, close) = (
            out.iter().position(|l| *l == "~~~").unwrap(),
            out.iter().rposition(|l| *l == "~~~").unwrap(),
        );
        assert_eq!(out[open + 1..close], lines(&wrap(PARA2, 72))[..], "{j}");
        // lines of one sentence each (a text cut into segments) are no wrapped paragraph
        let a = "Her who harbour by only her could which park be new what do so for were!";
        let b = "No with would not up its be with than if time that market.";
        assert!(cut(&Line::new(a), &Line::new(b)).is_none());
        let a = a.trim_end_matches('!');
        assert!(cut(&Line::new(a), &Line::new(b)).is_some());
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
    fn code_tables_and_records_in_a_wrapped_text_stay_lines() {
        // each pair leaves the trace of a cut at a width (the first line 55-80 characters, the
        // next one's first word past the width) and is no paragraph's pieces
        let pairs = [
            // code (the Python logging HOWTO, the Rust book)
            (
                "logging.warning('Watch out!')  # will print a message to the console",
                "logging.info('I told you so')  # will not print anything",
            ),
            (
                "let greeting_file_result = File::open(\"hello.txt\") and some more",
                "greeting_file_result.unwrap_or_else(|e| panic!(\"{e}\"));",
            ),
            // a table row (3 stop words of 14)
            (
                "1 Chicago Booth School of Business 1 37% / 40% 30% 48% 3.6 729 $175,000",
                "2 Kellogg School of Management 3 (tie) 38% / 48% 31% 38% 3.7 729",
            ),
            // records of a log: the same first word
            (
                "2005-03-19 15:10:26,618 - simple_example - DEBUG - debug message",
                "2005-03-19 15:10:26,620 - simple_example - INFO - info message",
            ),
            // a product list
            (
                "Hydro Flask Wide-Mouth Vacuum Water Bottle with Flex Straw Cap 32 oz",
                "Hydro Flask Micro Hydro Vacuum Water Bottle with Screw Cap - 6.7 fl. oz.",
            ),
        ];
        for (a, b) in pairs {
            // a cut by the widths alone: only what the lines are tells them apart
            let (la, lb) = (Line::new(a), Line::new(b));
            assert!((MIN_CUT..=MAX_CHARS).contains(&la.chars), "{a}");
            assert!(holds_width(la.chars, la.chars + lb.first_word), "{a} / {b}");
            let text = format!(
                "{}\n\n{}\n\n{a}\n{b}\n\n{}\n",
                wrap(PARA, 72),
                wrap(PARA2, 72),
                wrap(PARA, 72)
            );
            assert!(looks_wrapped(&lines(&text)), "{a}");
            let j = join(&lines(&text)).expect("the paragraphs are joined");
            let out = lines(&j);
            assert!(out.contains(&PARA), "{j}");
            assert!(out.contains(&a) && out.contains(&b), "{a} / {b}: {j}");
        }
    }

    #[test]
    fn code_and_prose_lines() {
        for t in [
            "logging.warning('Watch out!')",
            "if x == 1:",
            "use std::fs::File;",
            "fn main() -> Result<(), Error>",
            "let x = 5",
            "func init MyProjFolder --worker-runtime dotnet-isolated",
            "$ cargo build --release",
            "@app.route('/')",
            "// a comment",
            "value_list.append(i)",
            "call_me",
        ] {
            assert!(code_like(t), "{t}");
        }
        for t in [
            "The council voted on Tuesday to approve the new park (and the road).",
            "See https://example.com/page for the file(s) and the rest;",
            "which the mayor had asked for, and the council - after a debate -",
        ] {
            let last_semicolon = t.ends_with(';');
            assert_eq!(code_like(t), last_semicolon, "{t}");
        }
        assert!(prose_like(
            "Regular expressions are constructed analogously to arithmetic"
        ));
        assert!(prose_like(&PARA[..70]));
        assert!(!prose_like(
            "1 Chicago Booth School of Business 1 37% / 40% 30% 48% 3.6 729 $175,000"
        ));
        assert!(!prose_like("Home News Sport Weather Contact"));
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
