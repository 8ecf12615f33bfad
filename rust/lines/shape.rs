//! The shape of a line, after its counts: a leading bullet or number, a URL, and how it ends
//! (sentence, colon, ellipsis...). Shared by both statistics paths (`normal`, `general`); its
//! own file because these are questions about the line's text, not its byte classes.

use super::general::is_separator;
use super::LineStats;

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

#[inline]
pub(super) fn is_bullet_char(c: char) -> bool {
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

pub(super) fn ending_of(line: &str) -> Ending {
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
        _ if unmarked_sentence(line, c) => Ending::Sentence,
        _ => Ending::None,
    }
}

/// Thai and Lao write no mark at the end of a sentence (a space parts clauses and
/// sentences): a line that ends in one of their letters, with a space inside and 40
/// characters or more, ends as prose does. Without it every paragraph of a Thai page read as
/// a long headline to the line model (whose `ending` feature was learnt on scripts with full
/// stops), and a short Thai article kept half its paragraphs.
fn unmarked_sentence(line: &str, last: char) -> bool {
    if !matches!(last as u32, 0x0E01..=0x0E4E | 0x0E81..=0x0ECE) {
        return false;
    }
    let t = line.trim();
    t.contains(' ') && t.chars().nth(39).is_some()
}

/// How a line starts and ends, and whether it holds a URL (see [`line_shape`]).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LineShape {
    pub bullet: bool,
    /// The bullet is a menu separator glyph too (`•`, `·`, `»`, `›`, `>`...).
    pub bullet_is_separator: bool,
    pub numbered: bool,
    pub url: bool,
    pub ending: Ending,
}

/// Bullet, numbering, URL and ending of a line whose body (after the indent) starts at byte
/// `body`.
#[inline]
pub(crate) fn line_shape(line: &str, body: usize) -> LineShape {
    line_shape_with_url(line, body, contains_url(line.as_bytes()))
}

/// [`line_shape`] of a line already known to hold a URL or not (`url`).
#[inline]
pub(crate) fn line_shape_with_url(line: &str, body: usize, url: bool) -> LineShape {
    let mut sh = LineShape::default();
    if body < line.len() {
        let mut it = line[body..].chars();
        let f = it.next().unwrap_or(' ');
        let second_is_space = it.next().is_none_or(|c| c == ' ' || c == '\u{a0}');
        sh.bullet = matches!(f, '•' | '▪' | '■' | '●' | '◦' | '‣' | '►' | '▶')
            || (is_bullet_char(f) && second_is_space);
        sh.bullet_is_separator = sh.bullet && is_separator(f);
        sh.numbered = is_numbered(&line[body..]);
    }
    sh.url = url;
    sh.ending = ending_of(line);
    sh
}

/// [`line_shape`] written into a line's statistics (a bullet that is a separator glyph is
/// not counted as a separator); shared by both paths of [`line_stats`](super::line_stats).
#[inline]
pub(super) fn finish_shape(s: &mut LineStats, line: &str, body: usize) {
    let sh = line_shape(line, body);
    s.bullet = sh.bullet;
    if sh.bullet_is_separator {
        s.separators = s.separators.saturating_sub(1);
    }
    s.numbered = sh.numbered;
    s.has_url = sh.url;
    s.ending = sh.ending;
}

pub(super) fn is_numbered(t: &str) -> bool {
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

pub(super) fn contains_url(b: &[u8]) -> bool {
    // "http", "www." or a ".com"/".org"-style domain; memchr finds the few candidate bytes
    // (a `memmem::find` builds a searcher per call, which cost more than the search: lines
    // are short and most have no `:`)
    memchr::memchr_iter(b':', b).any(|i| url_at(b, i))
        || memchr::memchr_iter(b'.', b).any(|i| url_at(b, i))
}

/// Whether the `:` or `.` at byte `i` of line `b` is part of a URL (see [`contains_url`]):
/// a `://`, a `www.`, or a dot before `com`, `org`, `net`, `io`, `gov` or `edu` that ends
/// a word (`false` for any other byte).
#[inline]
pub(crate) fn url_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b':' => b[i + 1..].starts_with(b"//"),
        b'.' => {
            if i == 0 || !b[i - 1].is_ascii_alphanumeric() {
                return false;
            }
            if i >= 3
                && b[i - 3..i].eq_ignore_ascii_case(b"www")
                && (i == 3 || !b[i - 4].is_ascii_alphanumeric())
            {
                return true;
            }
            let rest = &b[i + 1..];
            [&b"com"[..], b"org", b"net", b"io", b"gov", b"edu"]
                .iter()
                .any(|tld| {
                    rest.len() >= tld.len()
                        && rest[..tld.len()].eq_ignore_ascii_case(tld)
                        && rest
                            .get(tld.len())
                            .is_none_or(|c| !c.is_ascii_alphanumeric())
                })
        }
        _ => false,
    }
}
