//! Markdown input: scrapes written as Markdown (html2text, Jina Reader, Firecrawl, crawl4ai)
//! carry every link's URL and every image's address inside the line, so a menu item reads as
//! "[Home](https://example.org/)" and a nav line has as many words of URL as of text. The
//! line scorer was trained on the text a browser shows, so such lines are first rendered to
//! that text, line by line: links and images to their text, heading marks, emphasis, list
//! markers (to "• ", as plain scrapes write them), block quotes and escapes taken off. The
//! line count is kept, so every decision still points at its input line.
//!
//! Not a Markdown parser (pulldown-cmark and the like parse blocks and drop the line
//! structure the cleaner keeps): only the inline forms that put non-text into a line.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// `[text](url "title")` and `![alt](url)`: group 1 is the `!` of an image, group 2 the text.
/// The URL may hold one level of balanced parentheses (Wikipedia's `Foo_(bar)`); it may not
/// be empty: `obj[Symbol.iterator]()` is JavaScript, not a link.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(!?)\[([^\[\]]*)\]\((?:[^()\s]|\([^()\s]*\))+(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)"#)
        .unwrap()
});

/// A reference-style link `[text][id]` (group 1 is the text).
static REF_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\[\]]+)\]\[[^\[\]]*\]").unwrap());

/// An autolink `<https://...>` (group 1 the address).
static AUTOLINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<((?:https?|ftp|mailto):[^<>\s]+)>").unwrap());

/// `**strong**` and `__strong__` (group 2 the text).
static STRONG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\*\*|__)(\S(?:.*?\S)?)(?:\*\*|__)").unwrap());

/// `*emphasis*` and `_emphasis_` (group 2 the text) between a non-word character (or the
/// line's ends) outside and a non-space inside, so `snake_case`, `2*3*4`, `a * b` and the
/// escaped `\*x\*` stay.
/// (The regex crate has no look-around: the characters outside are groups 1 and 3, put back.)
static EMPH: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        Regex::new(r"(^|[^\w*\\])\*([^\s*](?:[^*]*?[^\s*\\])?)\*($|[^\w*])").unwrap(),
        Regex::new(r"(^|[^\w_\\])_([^\s_](?:[^_]*?[^\s_\\])?)_($|[^\w_])").unwrap(),
    ]
});

/// A line's block marks: up to three spaces, then block quotes (`> `), then a heading's `#`s
/// or a bullet (`*`, `-`, `+`), each followed by a space.
static BLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}(?:> ?)*(?:(#{1,6})[ \t]+|([*+\-])[ \t]+)?").unwrap());

/// Whether `text` reads as Markdown: a heading line (`# Title`) and a link or an image in the
/// `[text](url)` form, or three lines that start with one (a menu of `* [Home](/)` items, an
/// image on its own line). Links inside sentences alone do not count (a page that quotes a
/// few), nor `[x]()` (code). One of the 1,358 pages of the WCXB dev split passes as its
/// `page_text` has it (a post whose CMS printed its Markdown, headings and all), where 1,346
/// of their html2text renderings do (`benchmarks/scrapers.py`).
pub fn looks_like_markdown(text: &str) -> bool {
    // Asked of every plain text the text path cleans, which mostly has neither `#` nor `](`:
    // two byte searches over the whole text (memchr's vector loops) instead of a walk over its
    // lines, and only the lines they hit are looked at.
    let b = text.as_bytes();
    let line_of = |at: usize| {
        let start = memchr::memrchr2(b'\n', b'\r', &b[..at]).map_or(0, |k| k + 1);
        let end = memchr::memchr2(b'\n', b'\r', &b[at..]).map_or(b.len(), |k| at + k);
        (start, end)
    };
    let mut leading = 0;
    let mut any_link = false;
    let mut done_to = 0; // a line with several links counts once
    for at in memchr::memmem::find_iter(b, b"](") {
        if at < done_to {
            continue;
        }
        let (start, end) = line_of(at);
        done_to = end;
        let line = &text[start..end];
        if let Some(m) = LINK.find(line) {
            any_link = true;
            // what stands before the link: nothing, or a list item's or quote's marks
            leading += line[..m.start()]
                .trim()
                .trim_matches(|c: char| c.is_ascii_digit() || "*-+>.) ".contains(c))
                .is_empty() as u32;
            if leading >= 3 {
                return true;
            }
        }
    }
    if !any_link {
        return false;
    }
    // a heading: a line whose first non-blank byte is `#` (each line looked at once, so a line
    // of many `#`s costs one look, not one per `#`)
    let mut from = 0;
    while let Some(k) = memchr::memchr(b'#', &b[from..]) {
        let at = from + k;
        let (start, end) = line_of(at);
        let line = &text[start..end];
        // (the line's first `#` starts it, after its indent)
        if at == end - line.trim_start().len() && heading_level(line).is_some() {
            return true;
        }
        from = end;
    }
    false
}

/// The level of an ATX heading line (`# Title` is 1, `### Part` 3): one to six `#` after any
/// indent, then a space or a tab; `None` for any other line ("#hashtag").
fn heading_level(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let hashes = t.bytes().take_while(|&c| c == b'#').count();
    ((1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t'])).then_some(hashes)
}

/// The line number of the first level-one heading (`# Title`) of Markdown `text`: the page's
/// headline as the Markdown marks it (a `<h1>`), which the title search takes over its own
/// guess (`benchmarks/scrapers.py` measures the titles of html2text's Markdown with and
/// without the rendering).
pub fn first_heading(text: &str) -> Option<usize> {
    crate::lines::split_lines(text).position(|line| {
        heading_level(line) == Some(1) && line.trim_start()[1..].chars().any(char::is_alphanumeric)
    })
}

/// The text a browser shows for each line of Markdown `text`: one output line per input
/// line (as [`crate::lines::split_lines`] cuts them), joined by `\n`.
pub fn render(text: &str) -> String {
    let mut out = crate::lines::map_lines(text, render_line);
    // A final line break ends the last line and starts none, so an empty last line is a line
    // only when a break follows it: one is added when the input has a final break ("a\n\n")
    // or its last line renders to nothing ("a\n>", ">").
    if text.ends_with(['\n', '\r']) || out.ends_with('\n') || (out.is_empty() && !text.is_empty()) {
        out.push('\n');
    }
    out
}

/// One line of [`render`].
pub fn render_line(line: &str) -> Cow<'_, str> {
    // the block marks, if the line has any (leading spaces alone are left as they are)
    let (marks, bullet) = match BLOCK.captures(line) {
        Some(c) if c.get(1).is_some() || c.get(2).is_some() || c[0].contains('>') => {
            (c[0].len(), c.get(2).is_some())
        }
        _ => (0, false),
    };
    // (one scan for the bytes every inline form starts with)
    if marks == 0
        && !line
            .bytes()
            .any(|c| matches!(c, b'[' | b'<' | b'\\' | b'*' | b'_'))
    {
        return Cow::Borrowed(line);
    }
    let mut s: Cow<str> = Cow::Borrowed(&line[marks..]);
    if s.contains('[') {
        // innermost first: a linked image `[![alt](src)](href)` is its alt text
        for _ in 0..4 {
            let next = LINK.replace_all(&s, "$2");
            if let Cow::Owned(n) = next {
                s = Cow::Owned(n);
            } else {
                break;
            }
        }
        if let Cow::Owned(n) = REF_LINK.replace_all(&s, "$1") {
            s = Cow::Owned(n);
        }
    }
    if s.contains('<') {
        if let Cow::Owned(n) = AUTOLINK.replace_all(&s, "$1") {
            s = Cow::Owned(n);
        }
    }
    if s.contains("**") || s.contains("__") {
        if let Cow::Owned(n) = STRONG.replace_all(&s, "$2") {
            s = Cow::Owned(n);
        }
    }
    for (mark, re) in [('*', &EMPH[0]), ('_', &EMPH[1])] {
        // twice: two emphases one character apart ("*a* *b*") share the character between
        for _ in 0..2 {
            if !s.contains(mark) {
                break;
            }
            match re.replace_all(&s, "$1$2$3") {
                Cow::Owned(n) => s = Cow::Owned(n),
                Cow::Borrowed(_) => break,
            }
        }
    }
    if s.contains('\\') {
        s = Cow::Owned(unescape(&s));
    }
    if bullet {
        return Cow::Owned(format!("• {s}"));
    }
    s
}

/// Markdown's backslash escapes of ASCII punctuation (`\*`, `\_`, `\#`, `\[`): the character
/// itself. A backslash before anything else stays.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&n) = chars.peek() {
                if n.is_ascii_punctuation() {
                    out.push(n);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_render_to_their_text() {
        let cases = [
            ("* [Home](https://example.org/)", "• Home"),
            ("  - [About us](/about \"About\")", "• About us"),
            ("## The [big](https://x.org/a_(b)) news", "The big news"),
            ("[![Logo](/logo.png)](https://example.org/)", "Logo"),
            ("![A cat on a mat](cat.jpg)", "A cat on a mat"),
            (
                "See [the docs][1] and <https://example.org/x>.",
                "See the docs and https://example.org/x.",
            ),
            ("> **Note:** it is __done__", "Note: it is done"),
            (
                "This has *single star emphasis* and _an underscore one_, *a* *b*.",
                "This has single star emphasis and an underscore one, a b.",
            ),
            (
                "*args and **kwargs, a * b * c, 2*3*4",
                "*args and **kwargs, a * b * c, 2*3*4",
            ),
            ("\\*not emphasis\\*", "*not emphasis*"),
            (
                "Price: 5 \\* 3 \\- 1 \\\\ C:\\path",
                "Price: 5 * 3 - 1 \\ C:\\path",
            ),
            (
                "Plain prose stays as it is, with snake_case and 2*3.",
                "Plain prose stays as it is, with snake_case and 2*3.",
            ),
            ("#hashtag is no heading", "#hashtag is no heading"),
            (
                "Promise[Symbol.species]() stays code",
                "Promise[Symbol.species]() stays code",
            ),
            ("1. An ordered item", "1. An ordered item"),
        ];
        for (md, want) in cases {
            assert_eq!(render_line(md), want, "{md}");
        }
    }

    #[test]
    fn rendering_keeps_the_line_count() {
        for md in [
            "# Title\r\n\r\n[a](b)\rtext\n\n* [c](d)\n",
            "* [a](b)\n\n",
            "x\r\n\r\n",
            "x",
            "",
            ">",
            "a\n>",
            "a\n>\n",
            "\n",
        ] {
            let lines_in = crate::lines::split_lines(md).count();
            assert_eq!(
                crate::lines::split_lines(&render(md)).count(),
                lines_in,
                "{md:?}"
            );
        }
    }

    #[test]
    fn the_first_level_one_heading_is_the_headline() {
        assert_eq!(
            first_heading("* [Home](/)\n## Menu\n# The story\n# Another"),
            Some(2)
        );
        assert_eq!(first_heading("#hashtag\n##  Sub\n#  \nText"), None);
        assert_eq!(first_heading("Menu\n  # Indented title\n"), Some(1));
        assert_eq!(heading_level("### Part"), Some(3));
        assert_eq!(heading_level("####### Seven"), None);
        assert_eq!(heading_level("#\tTab"), Some(1));
    }

    #[test]
    fn markdown_is_told_from_plain_text() {
        assert!(looks_like_markdown(
            "# Title\n\nSome text with a [link](https://x.org).\n"
        ));
        assert!(looks_like_markdown(
            "* [Home](/)\n* [News](/news)\n* [About](/about)\n"
        ));
        assert!(!looks_like_markdown(
            "Title\n\nSome text [1] and (a) list.\nMore [text] here (really).\n"
        ));
        assert!(!looks_like_markdown("# one heading and no link\n"));
        assert!(!looks_like_markdown(
            "Only one [link](x) here.\nAnd [another](y).\n"
        ));
    }
}
