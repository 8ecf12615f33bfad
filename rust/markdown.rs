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
/// be empty: `obj[Symbol.iterator]()` is JavaScript, not a link. The text may hold brackets
/// one level deep: Cloudflare's `[[email protected]](/cdn-cgi/l/email-protection)`, whose
/// text a browser shows as `[email protected]`, was left as it was, URL and all.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(!?)\[([^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]\((?:[^()\s]|\([^()\s]*\))+(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)"#)
        .unwrap()
});

/// A reference-style link `[text][id]` (group 1 is the text).
static REF_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\[\]]+)\]\[[^\[\]]*\]").unwrap());

/// An autolink `<https://...>` (group 1 the address).
static AUTOLINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<((?:https?|ftp|mailto):[^<>\s]+)>").unwrap());

/// `**strong**` and `__strong__` (group 1 the text), each closed by its own mark and as
/// soon as it can be: the shortest text first (`(?:.*?\S)??`), so that `__x__ and **y**` is
/// `x and y` (with a greedy optional part, and either mark closing either, it was `x__ and
/// **y`).
static STRONG: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        Regex::new(r"\*\*(\S(?:.*?\S)??)\*\*").unwrap(),
        Regex::new(r"__(\S(?:.*?\S)??)__").unwrap(),
    ]
});

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

/// A line's block marks: spaces, then block quotes (`> `), then a heading's `#`s or a bullet
/// (`*`, `-`, `+`), each followed by a space. (Any indent: a nested list's items are indented
/// four spaces a level and more, and a line indented so that is not code (see
/// `indented_code`) is rendered; its bullet was left, and `    * [x](/y)` became `* x`, which
/// read as a list item when the clean text was cleaned again.)
static BLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*(?:> ?)*(?:(#{1,6})[ \t]+|([*+\-])[ \t]+)?").unwrap());

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
    render_marking_code(text).0
}

/// [`render`], and per line of the rendering whether it is indented code shown as written
/// (not a fenced block's line: the clean text keeps a block's fences, which make it code again
/// when the clean text is read as Markdown; an indent may not be kept, see
/// `classify::assemble_with`).
pub fn render_marking_code(text: &str) -> (String, Vec<bool>) {
    let joined = join_wrapped(text);
    // Code is shown as written: the lines of a fenced block (its fences too) and of an
    // indented one (four spaces or a tab) are not rendered, where `if __name__ ==
    // "__main__":` lost its underscores as emphasis marks.
    let fenced = fenced_lines(&joined);
    let mut k = 0;
    let mut code = Vec::new();
    let mut out = crate::lines::map_lines(&joined, |line| {
        let fence = fenced.get(k).copied().unwrap_or(false);
        let indented = !fence && indented_code(line);
        k += 1;
        code.push(indented);
        if fence || indented {
            return Cow::Borrowed(line);
        }
        render_line(line)
    });
    // A final line break ends the last line and starts none, so an empty last line is a line
    // only when a break follows it: one is added when the input has a final break ("a\n\n")
    // or its last line renders to nothing ("a\n>", ">").
    if text.ends_with(['\n', '\r']) || out.ends_with('\n') || (out.is_empty() && !text.is_empty()) {
        out.push('\n');
    }
    (out, code)
}

/// Lines that html2text (whose default wraps at 78 columns) and the like cut inside a link or
/// a heading, joined again: the line cut inside a link's text or target takes the lines that
/// close it (at most [`MAX_JOINED`] of them, else nothing is joined), a heading line of 60
/// characters or more the one line of text after it, each continuation giving way to an empty
/// line so that the line count stays. Cut, `[Nutrition` / `2025](https://...)` rendered to
/// neither the link's text nor anything without the URL's pieces: on 300 dev pages in
/// html2text's default Markdown, 6,233 pieces of link syntax were kept in the clean text, and
/// F1 was 0.847 against 0.936 for the same pages unwrapped (a scratch run). A break inside a
/// link's text was a space; one inside its target, where the wrapper breaks only at a hyphen,
/// was none.
fn join_wrapped(text: &str) -> Cow<'_, str> {
    // (most texts: no line ends inside a link or after a long heading)
    let lines: Vec<&str> = crate::lines::split_lines(text).collect();
    // A fenced code block's lines are shown as written: none is joined or joins another (its
    // fences stay where they are, so the rendering has the same blocks).
    let fenced = fenced_lines(text);
    let code = |k: usize| fenced.get(k).copied().unwrap_or(false);
    // (paragraphs only in a text with links left to render, outside code: the rendering of a
    // text, which has none, is then not joined again, and rendering it again changes nothing;
    // a link in a fenced block is not rendered, and let a rendering whose menu of links had
    // become short lines pass as wrapped the second time, CI's hypothesis found)
    let wrapped = lines
        .iter()
        .enumerate()
        .any(|(k, l)| !code(k) && l.contains("]("))
        && looks_wrapped(&lines);
    // (a line that can continue the one before it, outside code)
    let goes_on = |k: usize| !code(k) && lines.get(k).is_some_and(|next| continues(next));
    let mut out: Option<Vec<Cow<str>>> = None;
    let mut k = 0;
    while k < lines.len() {
        let line = lines[k];
        let mut joined: Option<(String, usize)> = None;
        if code(k) {
            // (left as it is, below)
        } else if let Some(state) = open_link(line, LinkState::default()) {
            joined =
                close_link(&lines, k, state, &code).map(|(rest, n)| (format!("{line}{rest}"), n));
        } else if heading_level(line).is_some() && line.chars().count() >= 60 && goes_on(k + 1) {
            joined = Some((
                format!("{} {}", line.trim_end(), lines[k + 1].trim()),
                k + 1,
            ));
        }
        if wrapped && !code(k) {
            // a paragraph's lines cut at the width: the next line goes on while this one
            // reaches near the width (a short line ended its paragraph) and the next starts
            // no block (a list item, a heading, a quote); a link cut on a line taken, with
            // the lines that close it
            let (mut acc, mut last) = joined.take().unwrap_or_else(|| (line.to_string(), k));
            while lines[last].chars().count() >= WRAPPED_MIN && goes_on(last + 1) {
                last += 1;
                acc.push(' ');
                acc.push_str(lines[last].trim());
                if let Some(state) = open_link(lines[last], LinkState::default()) {
                    let Some((rest, n)) = close_link(&lines, last, state, &code) else {
                        break;
                    };
                    acc.push_str(&rest);
                    last = n;
                }
            }
            joined = (last > k).then_some((acc, last));
        }
        match joined {
            Some((acc, last)) => {
                let v = out
                    .get_or_insert_with(|| lines[..k].iter().map(|&l| Cow::Borrowed(l)).collect());
                v.push(Cow::Owned(acc));
                v.extend((k + 1..=last).map(|_| Cow::Borrowed("")));
                k = last + 1;
            }
            None => {
                if let Some(v) = out.as_mut() {
                    v.push(Cow::Borrowed(line));
                }
                k += 1;
            }
        }
    }
    match out {
        None => Cow::Borrowed(text),
        Some(v) => {
            let mut s = v.join("\n");
            // a final line break ends the last line; an empty last line (a joined line's
            // place) needs one to be a line at all
            if text.ends_with(['\n', '\r']) || v.last().is_some_and(|l| l.is_empty()) {
                s.push('\n');
            }
            Cow::Owned(s)
        }
    }
}

/// The lines after line `k` that close the link open at its end (`state`), as they join it
/// (a break inside a link's text is a space, one inside its target none), and the line that
/// closes it; `None` when no line within [`MAX_JOINED`] does, or a blank line or a line of
/// code (`code` of its number) comes first.
fn close_link(
    lines: &[&str],
    k: usize,
    mut state: LinkState,
    code: &impl Fn(usize) -> bool,
) -> Option<(String, usize)> {
    let mut rest = String::new();
    for (n, next) in lines.iter().enumerate().skip(k + 1).take(MAX_JOINED) {
        if next.trim().is_empty() || code(n) {
            return None;
        }
        if !state.in_target {
            rest.push(' ');
        }
        rest.push_str(next.trim_start());
        match open_link(next, state) {
            Some(s) => state = s,
            None => return Some((rest, n)),
        }
    }
    None
}

/// A non-blank line that starts no block (a heading, a list item, a quote): it can continue
/// the line before it.
fn continues(line: &str) -> bool {
    !line.trim().is_empty()
        && BLOCK
            .find(line)
            .is_none_or(|m| m.as_str().trim().is_empty())
}

/// A wrapped line is at least this long (html2text wraps at 78 columns).
const WRAPPED_MIN: usize = 60;

/// Whether a text's lines were cut at a width: of its non-blank lines (ten at least), a
/// quarter or more between [`WRAPPED_MIN`] and 80 characters long, and hardly any longer than
/// 100 but for a link's unbreakable URL (a text of a paragraph a line has many).
fn looks_wrapped(lines: &[&str]) -> bool {
    let (mut n, mut near, mut long) = (0usize, 0usize, 0usize);
    for l in lines {
        if l.trim().is_empty() {
            continue;
        }
        n += 1;
        let c = l.chars().count();
        near += (WRAPPED_MIN..=80).contains(&c) as usize;
        long += (c > 100 && !l.contains("](")) as usize;
    }
    n >= 10 && 4 * near >= n && 20 * long <= n
}

/// Lines a cut link may take to close.
const MAX_JOINED: usize = 12;

/// Where a line leaves the link syntax it reads (see [`open_link`]).
#[derive(Clone, Copy, Default)]
struct LinkState {
    /// `[`s not closed yet.
    depth: u32,
    /// Inside a link's `(target)` (after `](`), its `(`s not closed yet.
    in_target: bool,
    parens: u32,
}

/// The state at the end of `line` read from `state`, if a link is open there (`None`: closed,
/// or never opened). A `[` that no `](` follows on the line is open only when it starts a
/// link's text on it (`[` then a letter), so that "[1" or "a[i" in prose join nothing that
/// does not close.
fn open_link(line: &str, mut st: LinkState) -> Option<LinkState> {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if st.in_target {
            match c {
                b'(' => st.parens += 1,
                b')' if st.parens > 0 => st.parens -= 1,
                b')' => {
                    st.in_target = false;
                    st.depth = st.depth.saturating_sub(1);
                }
                b' ' | b'\t' => return None, // a space ends no target: not a link
                _ => {}
            }
        } else {
            match c {
                b'[' => st.depth += 1,
                b']' if st.depth > 0 => {
                    if b.get(i + 1) == Some(&b'(') {
                        st.in_target = true;
                        st.parens = 0;
                        i += 1;
                    } else {
                        st.depth -= 1;
                    }
                }
                b'\\' => i += 1,
                _ => {}
            }
        }
        i += 1;
    }
    (st.in_target || st.depth > 0).then_some(st)
}

/// A line of an indented code block: four spaces or a tab, then no list item (html2text
/// indents a nested list two spaces a level: "    * [Item](/x)") and no link.
fn indented_code(line: &str) -> bool {
    if !(line.starts_with("    ") || line.starts_with('\t')) {
        return false;
    }
    let t = line.trim_start();
    let item = t.starts_with(['*', '-', '+']) && t[1..].starts_with([' ', '\t'])
        || t.split_once(['.', ')']).is_some_and(|(n, rest)| {
            !n.is_empty()
                && n.len() <= 9
                && n.bytes().all(|b| b.is_ascii_digit())
                && rest.starts_with(' ')
        });
    if item || t.contains("](") {
        return false;
    }
    // (html2text indents a definition's text and a list item's second paragraph too: a line
    // that reads as prose and not as code, its code spans left out, is rendered, or the clean
    // text kept docs.rs's "returning when **all** branches complete with `Ok(_)`")
    let spans = if t.contains('`') {
        code_spans(t)
    } else {
        Vec::new()
    };
    let words: Cow<str> = if spans.is_empty() {
        Cow::Borrowed(t)
    } else {
        let mut w = String::with_capacity(t.len());
        let mut at = 0;
        for (a, b) in spans {
            w.push_str(&t[at..a]);
            w.push(' ');
            at = b;
        }
        w.push_str(&t[at..]);
        Cow::Owned(w)
    };
    crate::hardwrap::code_like(&words) || !crate::hardwrap::prose_like(&words)
}

/// The fenced code blocks of a text given as its lines: (opening fence, closing fence) line
/// numbers. A fence opens a block only when a fence that closes it (the same character, at
/// least as long) follows: CommonMark runs an unclosed block to the end of the document, but
/// in a scrape an unclosed fence is a seller's `~~~~~~~~` rule under a product text (an Etsy
/// listing in html2text's Markdown left the rest of its page unrendered, links and all) or a
/// block the scraper cut off. The clean text keeps a block's fences with its lines (see
/// `classify::keep_fences`), so that it is read the same way when cleaned again.
pub(crate) fn fence_pairs<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<(usize, usize)> {
    let fences: Vec<Option<(u8, usize)>> = lines.map(code_fence).collect();
    // (for each fence, the next fence of the same character at least as long, found from the
    // end with the nearest fence of each character and length seen so far: one pass, where a
    // search forward from each opening fence would go quadratic over a page of unclosed ones)
    const LONGEST: usize = 32;
    let mut nearest = [[usize::MAX; LONGEST + 1]; 2];
    let mut closer = vec![usize::MAX; fences.len()];
    for (i, f) in fences.iter().enumerate().rev() {
        if let Some((c, n)) = *f {
            let (t, n) = ((c == b'~') as usize, n.min(LONGEST));
            closer[i] = nearest[t][n];
            nearest[t][3..=n].fill(i);
        }
    }
    let mut pairs = Vec::new();
    let mut i = 0;
    while i < fences.len() {
        if fences[i].is_some() && closer[i] != usize::MAX {
            pairs.push((i, closer[i]));
            i = closer[i] + 1;
        } else {
            i += 1;
        }
    }
    pairs
}

/// Per line of `text` (as [`crate::lines::split_lines`] cuts it), whether it is a line of a
/// fenced code block, its fences included (see [`fence_pairs`]); empty when the text has no
/// fence at all.
fn fenced_lines(text: &str) -> Vec<bool> {
    let mut fenced = Vec::new();
    if text.contains("```") || text.contains("~~~") {
        let lines: Vec<&str> = crate::lines::split_lines(text).collect();
        fenced = vec![false; lines.len()];
        for (a, b) in fence_pairs(lines.into_iter()) {
            fenced[a..=b].fill(true);
        }
    }
    fenced
}

/// A code fence (up to three spaces, then three or more backticks or tildes): its character
/// and length.
fn code_fence(line: &str) -> Option<(u8, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = *t.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = t.bytes().take_while(|&b| b == c).count();
    // (a backtick fence's info string has no backtick: "```x```" is inline code)
    (n >= 3 && !(c == b'`' && t[n..].contains('`'))).then_some((c, n))
}

/// Code spans (`` `x` ``, ``` ``x`` ```: a run of backticks to the next run of the same
/// length) of `line`, as byte ranges with their backticks.
fn code_spans(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'`', &b[i..]) {
        let start = i + k;
        let n = b[start..].iter().take_while(|&&c| c == b'`').count();
        let mut j = start + n;
        let mut close = None;
        while let Some(k2) = memchr::memchr(b'`', &b[j..]) {
            let at = j + k2;
            let m = b[at..].iter().take_while(|&&c| c == b'`').count();
            if m == n {
                close = Some(at + m);
                break;
            }
            j = at + m;
        }
        match close {
            Some(end) => {
                spans.push((start, end));
                i = end;
            }
            // an unmatched run is literal backticks
            None => i = start + n,
        }
    }
    spans
}

/// One line of [`render`]: its code spans (see [`code_spans`]) as written, the rest rendered
/// (see [`render_inline`]).
pub fn render_line(line: &str) -> Cow<'_, str> {
    if !line.contains('`') {
        return render_inline(line);
    }
    let spans = code_spans(line);
    if spans.is_empty() {
        return render_inline(line);
    }
    // the spans stand aside as placeholders (private-use characters) while the rest renders,
    // so that no inline form starts or ends inside one; a line holding such characters
    // already is rendered whole
    const OPEN: char = '\u{E000}';
    const CLOSE: char = '\u{E001}';
    if line.contains([OPEN, CLOSE]) {
        return render_inline(line);
    }
    let mut masked = String::with_capacity(line.len());
    let mut last = 0;
    for (k, &(a, b)) in spans.iter().enumerate() {
        masked.push_str(&line[last..a]);
        masked.push(OPEN);
        masked.push_str(&k.to_string());
        masked.push(CLOSE);
        last = b;
    }
    masked.push_str(&line[last..]);
    let rendered = render_inline(&masked);
    let mut out = String::with_capacity(line.len());
    let mut rest = rendered.as_ref();
    // (a placeholder inside a link's target goes with the target, whole)
    while let Some(p) = rest.find(OPEN) {
        out.push_str(&rest[..p]);
        let after = &rest[p + OPEN.len_utf8()..];
        let placeholder = after
            .find(CLOSE)
            .and_then(|q| Some((q, *spans.get(after[..q].parse::<usize>().ok()?)?)));
        match placeholder {
            Some((q, (a, b))) => {
                out.push_str(&line[a..b]);
                rest = &after[q + CLOSE.len_utf8()..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// [`render_line`] of a line without code spans.
fn render_inline(line: &str) -> Cow<'_, str> {
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
    // Emphasis until none is left to take (at most four rounds): a strong emphasis around
    // words that hold `__` ("**__init__ ... x**") is taken one layer per round, and a line
    // rendered only once would render again when its clean text is cleaned (the clean text
    // of Markdown would not be a fixed point).
    for _ in 0..4 {
        let before = s.len();
        for (mark, re) in [("**", &STRONG[0]), ("__", &STRONG[1])] {
            if s.contains(mark) {
                if let Cow::Owned(n) = re.replace_all(&s, "$1") {
                    s = Cow::Owned(n);
                }
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
        // (every replacement takes marks away: an unchanged length is no change)
        if s.len() == before || !(s.contains('*') || s.contains('_')) {
            break;
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
    fn code_is_shown_as_written() {
        // a code span's underscores and stars are no emphasis marks, outside it they are
        assert_eq!(
            render_line("Define `__init__` and **bold** `a*b*c` here"),
            "Define `__init__` and bold `a*b*c` here"
        );
        assert_eq!(
            render_line("run ``x ` __y__`` now"),
            "run ``x ` __y__`` now"
        );
        // an unmatched backtick is literal, and the rest renders
        assert_eq!(render_line("a ` b __c__"), "a ` b c");
        // a span inside a link's text stays, one inside its target goes with it
        assert_eq!(render_line("[`__x__`](https://a.org/`y`) z"), "`__x__` z");
        // fenced and indented blocks are not rendered; the lines after them are
        let md =
            "Intro **a**\n```python\nif __name__ == \"__main__\":\n```\n    x = __y__\nEnd __b__";
        assert_eq!(
            render(md),
            "Intro a\n```python\nif __name__ == \"__main__\":\n```\n    x = __y__\nEnd b"
        );
    }

    #[test]
    fn an_unclosed_fence_is_no_fence_and_indented_prose_is_rendered() {
        // a seller's rule of tildes under a product text: the rest of the page is rendered
        assert_eq!(
            render("A mug **made** by hand\n~~~~~~~~~~\n* [Shop](https://a.org/s) **now**"),
            "A mug made by hand\n~~~~~~~~~~\n• Shop now"
        );
        // a closed one is code; a longer fence closes a shorter one, not the reverse (an open
        // fence no fence closes is text)
        assert_eq!(render("~~~\n**x**\n~~~~\n**y**"), "~~~\n**x**\n~~~~\ny");
        assert_eq!(render("````\n**x**\n```\n**y**"), "````\nx\n```\ny");
        assert_eq!(
            fence_pairs(["```", "a", "````", "```", "~~~", "b"].into_iter()),
            [(0, 2)]
        );
        // a fenced block's lines are not joined as wrapped prose, nor does its link (kept as
        // written) make the rendering of a menu wrapped text the second time
        let text = "* [Home](/)\n* [News](/news)\n* [About](/about)\n```\n    the the the the \
                    the the the the the the the the the = __x__\nthe\nthe\n* [the the the the \
                    the the the the the the council council](/x)\n```\n* [the the the the the \
                    the the council council council council council council](/x)";
        let once = render(text);
        assert!(once.contains("= __x__\nthe\nthe\n* [the"), "{once}");
        assert_eq!(render(&once), once);
        // html2text indents a definition's text: prose (its code spans aside) is rendered,
        // code is not
        assert_eq!(
            render(
                "    Waits until **all** branches complete with `Ok(_)` or on the first `Err(_)`."
            ),
            "    Waits until all branches complete with `Ok(_)` or on the first `Err(_)`."
        );
        assert_eq!(
            render("    if __name__ == \"__main__\":"),
            "    if __name__ == \"__main__\":"
        );
        assert_eq!(render("    **Total** 12 34 56"), "    **Total** 12 34 56");
        // a nested list's items, however deep, are items: `* x` was left of `    * [x](/y)`,
        // and read as an item when cleaned again
        assert_eq!(
            render("    * [x](/y)\n      - nested **b**"),
            "• x\n• nested b"
        );
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
    fn lines_cut_inside_a_link_or_a_long_heading_are_joined() {
        // html2text's default output: wrapped at 78 columns, inside links too
        let md = "The [Nutrition\n2025](https://e.org/a) meeting, see [here](https://e.org/b?trk=little-text-\nblock) now.\n\nEnd";
        let r = render(md);
        assert_eq!(r, "The Nutrition 2025 meeting, see here now.\n\n\n\nEnd");
        assert_eq!(
            crate::lines::split_lines(&r).count(),
            crate::lines::split_lines(md).count()
        );
        // a long heading's second line
        let h = "## Top Nutrition Trends for Fall 2025: What Fitness Experts Are Eating (and\nHow Scratch Makes It Easy)\n\nText";
        assert!(render(h).starts_with("Top Nutrition Trends for Fall 2025: What Fitness Experts Are Eating (and How Scratch Makes It Easy)\n\n"));
        // a "[" of prose that nothing closes joins nothing; nor does a short heading
        let p = "a[i] and [1\nnext line\n# Short\ntext";
        assert_eq!(render(p), "a[i] and [1\nnext line\nShort\ntext");
        // the last line joined: the line count stays
        let last = "x [a\nb](c)";
        assert_eq!(crate::lines::split_lines(&render(last)).count(), 2);
    }

    #[test]
    fn a_link_s_text_may_hold_brackets() {
        assert_eq!(
            render_line("Email us at [[email protected]](https://x.org/cdn-cgi/l/email-protection#d0b1) today"),
            "Email us at [email protected] today"
        );
        assert_eq!(render_line("[![logo](/l.png)](/)"), "logo");
        assert_eq!(
            render_line("obj[Symbol.iterator]()"),
            "obj[Symbol.iterator]()"
        );
    }

    #[test]
    fn a_wrapped_paragraph_is_one_line_again() {
        let para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor";
        let md = format!(
            "{para}\n{para}\nincididunt.\n\n* a [list](/l) item\n\n{}",
            [para; 10].join("\n\n")
        );
        let r = render(&md);
        assert!(
            r.starts_with(&format!("{para} {para} incididunt.\n\n\n\n• a list item")),
            "{r}"
        );
        // rendering it again changes nothing (no link is left: no paragraph is joined)
        assert_eq!(render(&r), r);
        // not wrapped (few lines near a width): lines stay as they are
        let short = "Home\nNews\nA line of text.\nAnother one.";
        assert_eq!(render(short), short);
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
