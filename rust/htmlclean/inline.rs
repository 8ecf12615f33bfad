//! Inline markup in Markdown output: a block's bold, italic and inline-code elements (the
//! walk's [`Mark`]s) written as `**bold**`, `*italic*` and `` `code` `` around their words,
//! and its links as `[text](target)` when asked for.
//!
//! Written by hand: the marks are byte ranges of the block's text, and no Markdown library
//! writes Markdown from such ranges (they render Markdown to HTML, or walk their own trees).

use std::borrow::Cow;

use crate::html::{HtmlBlock, Mark, MarkKind};

/// Whether links are written, and the page's URL their targets are resolved against.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Links<'a> {
    pub write: bool,
    pub base: Option<&'a str>,
}

/// `text` with the inline marks of `block` written in, when `text` is that block's text as
/// the walk read it (a line whose normalisation changed it keeps no marks: the ranges would
/// not fit it). `heading`: a heading's bold and italic are left out (it is bold already),
/// its code is not. With marks, the text's own `*` and `` ` `` outside code are escaped, so
/// that they cannot pair with the marks; without any, the text comes back as it is.
pub(super) fn with_marks<'t>(
    text: &'t str,
    block: Option<&HtmlBlock>,
    heading: bool,
    links: Links<'_>,
) -> Cow<'t, str> {
    let Some(b) = block.filter(|b| !b.marks.is_empty() && b.text == text) else {
        return Cow::Borrowed(text);
    };
    let marks = usable(text, &b.marks, heading, links.write);
    if marks.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4 * marks.len());
    // the marks open, innermost last
    let mut open: Vec<Mark> = Vec::new();
    let mut at = 0;
    let mut next = marks.iter().peekable();
    loop {
        // the next place something opens or closes
        let close = open.last().map(|m| m.end as usize);
        let start = next.peek().map(|m| m.start as usize);
        let to = match (close, start) {
            (Some(c), Some(s)) => c.min(s),
            (Some(c), None) => c,
            (None, Some(s)) => s,
            (None, None) => text.len(),
        };
        let in_code = open.last().is_some_and(|m| m.kind == MarkKind::Code);
        if !in_code {
            let in_link = open.iter().any(|m| m.kind == MarkKind::Link);
            escape_into(&mut out, &text[at..to], in_link);
        }
        at = to;
        if close == Some(to) {
            let m = open.pop().expect("a mark is open");
            match m.kind {
                MarkKind::Code => {}
                MarkKind::Link => {
                    let href = b.hrefs.get(m.href as usize - 1).map_or("", String::as_str);
                    out.push_str("](");
                    out.push_str(&super::links::resolve(links.base, href));
                    out.push(')');
                }
                kind => out.push_str(marker(kind)),
            }
            continue;
        }
        match next.next_if(|m| m.start as usize == to) {
            Some(m) if m.kind == MarkKind::Code => {
                code_span(&mut out, &text[m.start as usize..m.end as usize]);
                open.push(*m);
            }
            Some(m) => {
                out.push_str(marker(m.kind));
                open.push(*m);
            }
            None => break,
        }
    }
    Cow::Owned(out)
}

/// The marks that will be written, sorted outermost first: each trimmed of the spaces at its
/// ends (`** bold**` is no bold in Markdown), none empty, neighbours of a kind joined, none inside an inline code span,
/// none inside a mark of its own kind (`<b><strong>x</strong></b>` is bold once), none
/// crossing another (the walk nests them; this is the guard).
fn usable(text: &str, marks: &[Mark], heading: bool, links: bool) -> Vec<Mark> {
    let b = text.as_bytes();
    let mut ms: Vec<Mark> = marks
        .iter()
        .filter(|m| match m.kind {
            MarkKind::Code => true,
            MarkKind::Link => links && m.href > 0,
            MarkKind::Strong | MarkKind::Em => !heading,
        })
        .filter_map(|m| {
            let (mut s, mut e) = (m.start as usize, (m.end as usize).min(b.len()));
            while s < e && b[s] == b' ' {
                s += 1;
            }
            while e > s && b[e - 1] == b' ' {
                e -= 1;
            }
            (s < e && text.is_char_boundary(s) && text.is_char_boundary(e)).then_some(Mark {
                start: s as u32,
                end: e as u32,
                ..*m
            })
        })
        .collect();
    ms.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut nested: Vec<Mark> = Vec::with_capacity(ms.len());
    let mut open: Vec<Mark> = Vec::new();
    for m in ms {
        while open.last().is_some_and(|o| o.end <= m.start) {
            open.pop();
        }
        let crosses = open.last().is_some_and(|o| m.end > o.end);
        let nested_badly = open
            .iter()
            .any(|o| o.kind == m.kind || o.kind == MarkKind::Code);
        if !crosses && !nested_badly {
            open.push(m);
            nested.push(m);
        }
    }
    // bold or italic runs apart by spaces only, each its own element (`<b>a</b> <b>b</b>`),
    // are one mark: `**a b**`, not `**a** **b**`
    let mut out: Vec<Mark> = Vec::with_capacity(nested.len());
    for m in nested {
        if matches!(m.kind, MarkKind::Code | MarkKind::Link) || !join_earlier(&mut out, m, b) {
            out.push(m);
        }
    }
    out
}

/// Extend the mark of `m`'s kind that ends just before it (spaces apart, the same marks
/// around both) to the end of `m`; whether there was one. `marks`: outermost first, so the
/// ones after that mark lie inside it.
fn join_earlier(marks: &mut [Mark], m: Mark, text: &[u8]) -> bool {
    for k in (0..marks.len()).rev() {
        let q = marks[k];
        if q.end > m.start {
            return false; // a mark around m: nothing earlier is its neighbour
        }
        if q.kind != m.kind {
            continue; // inside the neighbour, or of another kind
        }
        let spaces = text[q.end as usize..m.start as usize]
            .iter()
            .all(|&c| c == b' ');
        // a mark around q that ends before m would cross the joined one
        let fits = marks[..k]
            .iter()
            .all(|r| !(r.start <= q.start && r.end >= q.end) || r.end >= m.end);
        if spaces && fits {
            marks[k].end = m.end;
            return true;
        }
        return false;
    }
    false
}

/// What opens a mark (and closes bold and italic).
fn marker(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Strong => "**",
        MarkKind::Em => "*",
        MarkKind::Code => "`",
        MarkKind::Link => "[",
    }
}

/// Text outside code, its `*` and `` ` `` escaped, and in a link's text its brackets.
fn escape_into(out: &mut String, s: &str, in_link: bool) {
    for c in s.chars() {
        if matches!(c, '*' | '`') || in_link && matches!(c, '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// An inline code span: fenced by one more backtick than the longest run inside it, with a
/// space inside the fences when the code starts or ends with a backtick (CommonMark's rule).
fn code_span(out: &mut String, code: &str) {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    out.push_str(&fence);
    out.push_str(pad);
    out.push_str(code);
    out.push_str(pad);
    out.push_str(&fence);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, marks: &[(u32, u32, MarkKind)]) -> HtmlBlock {
        HtmlBlock {
            text: text.to_string(),
            marks: marks
                .iter()
                .map(|&(start, end, kind)| Mark {
                    start,
                    end,
                    kind,
                    href: (kind == MarkKind::Link) as u32,
                })
                .collect(),
            hrefs: vec!["../docs/a b.html".to_string()],
            ..HtmlBlock::default()
        }
    }

    fn marked(text: &str, marks: &[(u32, u32, MarkKind)]) -> String {
        let links = Links {
            write: true,
            base: Some("https://example.org/guide/intro.html"),
        };
        with_marks(text, Some(&block(text, marks)), false, links).into_owned()
    }

    #[test]
    fn bold_italic_and_code_around_their_words() {
        use MarkKind::*;
        let t = "Call sorted(x) with a key, not a cmp.";
        assert_eq!(
            marked(t, &[(5, 14, Code), (22, 25, Strong), (27, 36, Em)]),
            "Call `sorted(x)` with a **key**, *not a cmp*."
        );
        // spaces at a mark's ends stay outside it; an empty mark is no mark
        assert_eq!(
            marked("a bold b", &[(1, 7, Strong), (0, 0, Em)]),
            "a **bold** b"
        );
        // nested: outermost first; the same kind inside itself once
        assert_eq!(
            marked(
                "very very bold",
                &[(0, 14, Strong), (5, 14, Em), (10, 14, Strong)]
            ),
            "**very *very bold***"
        );
    }

    #[test]
    fn code_is_literal_and_the_text_around_marks_is_escaped() {
        use MarkKind::*;
        assert_eq!(
            marked("use a*b or `x` in f(*args)", &[(19, 26, Code), (0, 3, Em)]),
            "*use* a\\*b or \\`x\\` in f`(*args)`"
        );
        // a backtick in the code: a longer fence, padded when at an end
        assert_eq!(marked("x `y` z", &[(2, 5, Code)]), "x `` `y` `` z");
        assert_eq!(marked("a`b", &[(0, 3, Code)]), "``a`b``");
        // marks inside code are left out
        assert_eq!(
            marked("f(x) ok", &[(0, 4, Code), (2, 3, Strong)]),
            "`f(x)` ok"
        );
    }

    #[test]
    fn text_the_marks_do_not_fit_and_headings() {
        use MarkKind::*;
        let b = block("a bold b", &[(2, 6, Strong)]);
        // a line changed by normalisation: no marks
        assert_eq!(
            with_marks("a bold  b", Some(&b), false, Links::default()),
            "a bold  b"
        );
        // a heading keeps its code only
        let h = block("The key() call", &[(4, 9, Code), (0, 3, Strong)]);
        assert_eq!(
            with_marks("The key() call", Some(&h), true, Links::default()),
            "The `key()` call"
        );
        // no marks: the text itself, not escaped
        assert!(matches!(
            with_marks("5 * 3", Some(&block("5 * 3", &[])), false, Links::default()),
            Cow::Borrowed("5 * 3")
        ));
        // bold words apart by a space only: one bold, also when each is bold twice over and
        // has italic inside; not across the end of a mark around one of them
        assert_eq!(
            marked("a b c", &[(0, 1, Strong), (2, 3, Strong), (4, 5, Em)]),
            "**a b** *c*"
        );
        assert_eq!(
            marked(
                "a b",
                &[
                    (0, 1, Strong),
                    (0, 1, Strong),
                    (0, 1, Em),
                    (2, 3, Strong),
                    (2, 3, Em)
                ]
            ),
            "***a b***"
        );
        assert_eq!(
            marked("a b", &[(0, 1, Em), (0, 1, Strong), (2, 3, Strong)]),
            "***a*** **b**"
        );
        // a crossing pair (the walk never makes one): the second is left out
        assert_eq!(
            marked("abcdef", &[(0, 4, Strong), (2, 6, Em)]),
            "**abcd**ef"
        );
    }

    #[test]
    fn links_with_their_targets_resolved() {
        use MarkKind::*;
        assert_eq!(
            marked("see the [old] docs now", &[(4, 18, Link), (8, 13, Strong)]),
            "see [the **\\[old\\]** docs](https://example.org/docs/a%20b.html) now"
        );
        // not asked for: the text alone; a link inside a link once
        let b = block("a b", &[(0, 3, Link), (2, 3, Link)]);
        assert_eq!(with_marks("a b", Some(&b), false, Links::default()), "a b");
        assert_eq!(
            marked("a b", &[(0, 3, Link), (2, 3, Link)]),
            "[a b](https://example.org/docs/a%20b.html)"
        );
    }

    proptest::proptest! {
        /// Whatever the marks (crossing, empty, repeated, at spaces), bold and italic only
        /// add `*`s: taking them off gives the text back, and they come in pairs.
        #[test]
        fn bold_and_italic_only_add_stars(
            text in "[ab ]{0,40}",
            raw in proptest::collection::vec((0u32..44, 0u32..44, proptest::bool::ANY), 0..8),
        ) {
            let marks: Vec<(u32, u32, MarkKind)> = raw
                .iter()
                .map(|&(s, e, strong)| (s.min(e), s.max(e), if strong { MarkKind::Strong } else { MarkKind::Em }))
                .collect();
            let out = marked(&text, &marks);
            proptest::prop_assert_eq!(out.replace('*', ""), text.clone());
            proptest::prop_assert_eq!(out.matches('*').count() % 2, 0);
        }
    }
}
