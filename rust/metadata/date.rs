//! The publication date: the line that carries it, found near the headline or announced
//! under the text, and [`parse_date`], which reads a date in the numeric and month-word forms
//! of several languages (with the month tables). Apart from the headline and author searches:
//! the parsing is a reader of its own, which the author search and the HTML path use too.

use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::Cue;
use crate::page::Page;
use crate::patterns::{has, Shape};

/// A line that introduces the publication date (a question's "asked Jan 4, 2024 at 11:30" on
/// the Q&A sites, whose "edited" and "answered" dates stand around it, too).
pub(super) static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s•·*|]*(?i:posted|published|publication date|date published|first published|publié|veröffentlicht|publicado|pubblicato|gepubliceerd|date:|dated|asked)\b").unwrap()
});

/// [`PUBLISHED`] matches `line`. Its words all start with p, d, f, v, g or a, letters that
/// Unicode case folding pairs with their capital only (`announcement_letters_fold_to_themselves`),
/// and the bullets and spaces before them are no letters or digits: the first alphanumeric
/// character of a line it matches is one of these twelve. Most lines of a page's tail fail that
/// test, and never reach the regex (whose Unicode `\b` sends lines with a non-ASCII
/// character to the backtracker).
pub(super) fn is_published_line(line: &str) -> bool {
    matches!(
        line.chars().find(|c| c.is_alphanumeric()),
        Some('p' | 'P' | 'd' | 'D' | 'f' | 'F' | 'v' | 'V' | 'g' | 'G' | 'a' | 'A')
    ) && PUBLISHED.is_match(line)
}

/// Content line `j` carries a date (a date shape or a calendar word: the calendar cues hold
/// the month words of [`month_words`] too, "5 марта 2024", "5 มีนาคม 2567").
pub(super) fn is_dated(page: &Page, j: usize) -> bool {
    let i = page.content[j];
    has(page.shapes[i], Shape::Date) || page.cues[i].get(Cue::Calendar) > 0
}

pub(super) fn find_date(page: &Page, near: usize, keep: &[bool]) -> Option<String> {
    let m = page.content.len();
    let lo = near.saturating_sub(8);
    let hi = (near + 12).min(m);
    // the text's own end: a "Posted on ..." line under the article
    let last_kept = (0..m)
        .rev()
        .find(|&j| keep.get(j).copied().unwrap_or(false))
        .unwrap_or(0);
    let tail = hi.max(80).min(m)..(last_kept + 4).min(m);
    // dates beside the headline or byline first, then short lines of the first part, then
    // the lines down to the end of the text
    let in_tail = |j: usize| j >= hi.max(80);
    // (a line of the window, which gave no date, is not parsed again in the first part)
    let mut later = None;
    for j in (lo..hi)
        .chain((0..m.min(80)).filter(|j| !(lo..hi).contains(j)))
        .chain(tail)
    {
        // far from the headline only a line that says it is the publication date counts
        match date_on(page, j, in_tail(j)) {
            Some((d, DateRole::Other)) => return Some(d),
            Some((d, DateRole::Later)) => {
                later.get_or_insert(d);
            }
            _ => {}
        }
    }
    later
}

/// The date content line `j` shows and what the line says it is; with `announced`, only
/// on a line that introduces the publication date ("Posted on ...", [`is_published_line`]).
fn date_on(page: &Page, j: usize, announced: bool) -> Option<(String, DateRole)> {
    let i = page.content[j];
    let st = &page.stats[i];
    let line = &page.lines[i];
    // the counts first, then the announcement (the tail is most of the page, and the regex
    // costs more), then the date words and shapes, then the parse
    // (a line over 25 words must announce its date, and may then go on: "Posted on November
    // 25, 2024 in College of Health Sciences, General, ..." lists its categories; the regex
    // runs once)
    if st.words > 60
        || st.digits < 2
        || ((announced || st.words > 25) && !is_published_line(line))
        || !(is_dated(page, j) || st.digits >= 6)
    {
        return None;
    }
    parse_date_in(line, page.day_first).map(|d| (d, date_role(line)))
}

/// The publication date on content line `j`, if it shows one (a date of an edit or of
/// something else is none).
pub(super) fn page_date_at(page: &Page, j: usize) -> Option<String> {
    date_on(page, j, false).and_then(|(d, role)| (role == DateRole::Other).then_some(d))
}

/// What a date line says its date is (see [`date_role`]).
#[derive(Debug, PartialEq)]
enum DateRole {
    /// The publication date, or a date with nothing said (the common header date).
    Other,
    /// A date after the publication: "edited", "Updated on", "last post by ... Sep 26, 2024"
    /// (a question's edit stands above its "asked" line, a thread's last post above its first).
    /// Taken only when the page shows no other.
    Later,
    /// A date of something else: "Joined: Sun Dec 17, 2023" (a forum member's), "Founded",
    /// "Expires", a forum's "Stats: ... Date:" (today's), an offer's "Offer valid ...", "Sale
    /// ends ...", a product's "Release date: ...", a form's "Deadline to apply: ...", "Due by"
    /// (8 false dates of the dev pages' listings and shops, none of a gold date).
    NotThePage,
}

static LATER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:edited|updated|modified|revised|last[ \t]+(?:post|reply|activity|active|edit)|latest[ \t]+(?:post|reply))(?-u:\b)").unwrap()
});
static NOT_THE_PAGE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:joined|member[ \t]+since|registered|founded|established|expires?|expiry|valid[ \t]+until|stats|valid[ \t]+(?:through|thru|from)|offer[ \t]+valid|ends|release[ \t]+date|released|deadline|due[ \t]+(?:date|by|on))(?-u:\b)").unwrap()
});

/// The role of the date of `line`, read off the words before its first year (`19xx` or `20xx`,
/// which every date [`parse_date`] reads has): "6.3K views 23 replies last post by ggery Sep
/// 26, 2024" is a last post's date.
fn date_role(line: &str) -> DateRole {
    let b = line.as_bytes();
    let year = (0..b.len().saturating_sub(3)).find(|&k| {
        matches!(&b[k..k + 2], b"19" | b"20")
            && b[k + 2].is_ascii_digit()
            && b[k + 3].is_ascii_digit()
            && (k == 0 || !b[k - 1].is_ascii_digit())
    });
    let head = &line[..year.unwrap_or(line.len())];
    if !head.bytes().any(|b| b.is_ascii_alphabetic()) {
        DateRole::Other
    } else if NOT_THE_PAGE_WORDS.is_match(head) {
        DateRole::NotThePage
    } else if LATER_WORDS.is_match(head) {
        DateRole::Later
    } else {
        DateRole::Other
    }
}

pub(super) fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    if let Some(&(_, num)) = OTHER_MONTHS.iter().find(|(w, _)| *w == n) {
        return Some(num);
    }
    stem_month_number(n)
}

/// [`month_number`] of the months its stems cover (English, German, French, Spanish, Italian,
/// Portuguese); `n` is lower case, without a final dot. A byline's name stops at one of these
/// (see `author::is_month_word`), not at the words of [`OTHER_MONTHS`], several of which are
/// given names as well ("Maja", "Mart", "Nisan").
pub(super) fn stem_month_number(n: &str) -> Option<u32> {
    const TABLE: &[(&str, u32)] = &[
        ("jan", 1),
        ("ene", 1),
        ("gen", 1),
        ("janv", 1),
        ("feb", 2),
        ("fév", 2),
        ("fev", 2),
        ("févr", 2),
        ("mar", 3),
        ("mär", 3),
        ("apr", 4),
        ("avr", 4),
        ("abr", 4),
        ("may", 5),
        ("mai", 5),
        ("mag", 5),
        ("mei", 5),
        ("jun", 6),
        ("juin", 6),
        ("giu", 6),
        ("jul", 7),
        ("juil", 7),
        ("lug", 7),
        ("aug", 8),
        ("aoû", 8),
        ("aou", 8),
        ("ago", 8),
        ("sep", 9),
        ("set", 9),
        ("oct", 10),
        ("okt", 10),
        ("out", 10),
        ("ott", 10),
        ("nov", 11),
        ("dec", 12),
        ("déc", 12),
        ("dez", 12),
        ("dic", 12),
    ];
    // full names start with one of these stems
    let mut best: Option<(usize, u32)> = None;
    for (stem, num) in TABLE {
        if n.starts_with(stem) && best.is_none_or(|(l, _)| stem.len() > l) {
            best = Some((stem.len(), *num));
        }
    }
    // "mar" also starts "martes" (Tuesday) etc.: only accept words that are month names
    let (_, num) = best?;
    const FULL: &[&str] = &[
        "januar",
        "februar",
        "märz",
        "juni",
        "juli",
        "oktober",
        "dezember",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "gennaio",
        "febbraio",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "settembre",
        "ottobre",
        "dicembre",
        "janeiro",
        "fevereiro",
        "março",
        "maio",
        "junho",
        "julho",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
        "sept",
    ];
    if n.len() <= 4 || ENGLISH_MONTHS.contains(&n) || FULL.contains(&n) {
        Some(num)
    } else {
        None
    }
}

/// The months' English names, in order.
const ENGLISH_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month names, whole words, of languages whose names the stems of [`month_number`] do not
/// cover: Russian and Ukrainian (the genitive a date writes, "5 марта 2024", and the
/// nominative), Polish (genitive), Dutch, Turkish, Arabic (the Egyptian and Gulf names, and the
/// one-word Levantine ones). The words come from the date's own regexes, so a word here is only
/// taken between a day and a year.
const OTHER_MONTHS: &[(&str, u32)] = &[
    ("января", 1),
    ("январь", 1),
    ("янв", 1),
    ("февраля", 2),
    ("февраль", 2),
    ("фев", 2),
    ("марта", 3),
    ("март", 3),
    ("мар", 3),
    ("апреля", 4),
    ("апрель", 4),
    ("апр", 4),
    ("мая", 5),
    ("май", 5),
    ("июня", 6),
    ("июнь", 6),
    ("июн", 6),
    ("июля", 7),
    ("июль", 7),
    ("июл", 7),
    ("августа", 8),
    ("август", 8),
    ("авг", 8),
    ("сентября", 9),
    ("сентябрь", 9),
    ("сен", 9),
    ("сент", 9),
    ("октября", 10),
    ("октябрь", 10),
    ("окт", 10),
    ("ноября", 11),
    ("ноябрь", 11),
    ("ноя", 11),
    ("декабря", 12),
    ("декабрь", 12),
    ("дек", 12),
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("augustus", 8),
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("أيلول", 9),
];

/// The month words [`parse_date`] reads besides the stems of [`month_number`]: those of
/// [`OTHER_MONTHS`] and the Thai names. The lexicon makes them calendar cues, so a line that
/// holds one counts as dated ([`is_dated`]) as a line with "March" does. Not the Thai
/// abbreviations: the lexicon reads "มี.ค." as the runs "ม" "ค", which "มีค่า" (valuable)
/// holds too.
pub fn month_words() -> impl Iterator<Item = &'static str> {
    OTHER_MONTHS
        .iter()
        .map(|&(w, _)| w)
        .chain(THAI_MONTHS[..12].iter().copied())
}

/// Dates of scripts whose month is no word the other patterns read: Chinese and Japanese
/// "2024年3月5日", Korean "2024년 3월 5일" (year, month, day); Thai "5 มีนาคม 2567" (day, a
/// month's name or abbreviation, the year of the Buddhist era or the common one).
static ASIAN_DATES: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        // (digits ASCII or full-width, as Japanese often writes them: "２０２４年３月５日")
        Regex::new(r"((?:19|20|１９|２０)[0-9０-９]{2})\s*[年년]\s*([0-9０-９]{1,2})\s*[月월]\s*([0-9０-９]{1,2})\s*[日일]").unwrap(),
        Regex::new(concat!(
            r"([0-9๐-๙]{1,2})\s*(มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม",
            r"|ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.)",
            r"\s*(25[3-9][0-9]|19[0-9]{2}|20[0-9]{2}|๒๕[๓-๙][๐-๙])(?:[^0-9๐-๙]|$)"
        ))
        .unwrap(),
    ]
});

/// The Thai months in their order, full names then abbreviations (see [`ASIAN_DATES`]).
const THAI_MONTHS: [&str; 24] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// The number written with ASCII, full-width or Thai digits.
fn wide_number(s: &str) -> Option<u32> {
    s.chars().try_fold(0u32, |n, c| {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            '๐'..='๙' => c as u32 - '๐' as u32,
            _ => return None,
        };
        n.checked_mul(10)?.checked_add(d)
    })
}

/// The first date of [`ASIAN_DATES`] in `s`: its start, end and ISO form.
fn first_asian_date(s: &str) -> Option<(usize, usize, String)> {
    let mut found: Option<(usize, usize, String)> = None;
    if let Some(c) = ASIAN_DATES[0].captures(s) {
        let ymd = (wide_number(&c[1]), wide_number(&c[2]), wide_number(&c[3]));
        if let (Some(y), Some(m), Some(d)) = ymd {
            if let Some(v) = valid(y as i32, m, d) {
                let m = c.get(0).unwrap();
                found = Some((m.start(), m.end(), v));
            }
        }
    }
    if let Some(c) = ASIAN_DATES[1].captures(s) {
        let month = THAI_MONTHS
            .iter()
            .position(|m| *m == &c[2])
            .map(|k| k % 12 + 1);
        if let (Some(mo), Some(d), Some(y)) = (month, wide_number(&c[1]), wide_number(&c[3])) {
            // the Buddhist era is 543 years ahead of the common one
            let y = if y >= 2500 { y - 543 } else { y };
            if let Some(v) = valid(y as i32, mo as u32, d) {
                let (start, end) = (c.get(0).unwrap().start(), c.get(3).unwrap().end());
                if found.as_ref().is_none_or(|f| start < f.0) {
                    found = Some((start, end, v));
                }
            }
        }
    }
    found
}

/// `s` with a space where scraped text glued two elements together: a lower-case letter
/// and a capital ("calendarApr 16", "EditorialNovember 22"), or a digit and a capital
/// ("April 26, 2024Updated on"). Word boundaries then fall where the page's layout had them.
pub(super) fn unglue(s: &str) -> std::borrow::Cow<'_, str> {
    let glued = |a: char, b: char| (a.is_lowercase() || a.is_ascii_digit()) && b.is_uppercase();
    let mut prev: Option<char> = None;
    if !s
        .chars()
        .any(|c| prev.replace(c).is_some_and(|p| glued(p, c)))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev = None;
    for c in s.chars() {
        if prev.is_some_and(|p| glued(p, c)) {
            out.push(' ');
        }
        out.push(c);
        prev = Some(c);
    }
    std::borrow::Cow::Owned(out)
}

// ASCII word boundaries (`(?-u:\b)`): with Unicode ones the regex crate's lazy DFA gives up
// on a line with any non-ASCII byte (by design, rust-lang/regex#768) and a slower engine
// scans it (the cost: benchmarks/README.md, fourth session). Every digit and month prefix
// these patterns read starts with an ASCII character, so the two differ only beside a
// non-ASCII letter: "于2024-03-05" (Chinese) now has a boundary before the year, as it should.
pub(super) static DATE_RES: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    [
        // 2024-04-23, 2024/04/23, 2024.04.23 (also inside ISO timestamps)
        Regex::new(r"(?-u:\b)((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:\D|$)").unwrap(),
        // April 23, 2024 / Apr. 23rd 2024
        Regex::new(&month_date(DATE_MONTH_DAY, UNICODE)).unwrap(),
        // 23 April 2024 / 23. April 2024 / 23 de abril de 2024
        Regex::new(&month_date(DATE_DAY_MONTH, UNICODE)).unwrap(),
        // 23.04.2024, 04/23/2024, 23-04-2024
        Regex::new(r"(?-u:\b)(\d{1,2})[./\-](\d{1,2})[./\-]((?:19|20)\d{2})(?-u:\b)").unwrap(),
    ]
});

// The dates with a month word, as templates: `{flags}` and `{letter}` are filled in by
// `month_date`, for any text or for ASCII text.
pub(super) const DATE_MONTH_DAY: &str =
    r"{flags}(?-u:\b)({letter}{3,10}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2}){end}";
pub(super) const DATE_DAY_MONTH: &str = r"{flags}(?-u:\b)(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+|of\s+)?({letter}{3,10}\.?),?\s+(?:de\s+)?((?:19|20)\d{2}){end}";
/// What may follow the year of a date with a month word: a word boundary, or the next element
/// of the page glued to it by the scrape, a time ("202410:30") or a duration ("Mar 27,
/// 20255 mins" read time, "June 14, 20241 yr" a forum post's age).
const DATE_END: &str = r"(?:(?-u:\b)|\d{1,2}:\d\d|\d{1,2}\s?(?:yrs?|years?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|mo)(?-u:\b))";
pub(super) const UNICODE: (&str, &str) = ("(?i)", r"\p{L}");
pub(super) const ASCII: (&str, &str) = ("(?i-u)", "[a-z]");

pub(super) fn month_date(template: &str, (flags, letter): (&str, &str)) -> String {
    template
        .replace("{flags}", flags)
        .replace("{letter}", letter)
        .replace("{end}", DATE_END)
}

/// `DATE_RES[1]` and `[2]` for ASCII text. On an ASCII haystack the two patterns are the same
/// pattern, piece by piece: the same structure (so the same leftmost-first matches and
/// captures), each class restricted to the ASCII characters it holds (`\p{L}` to `[a-zA-Z]`,
/// `\s` to `[\t\n\v\f\r ]`, `\d` to `[0-9]`; Unicode case folding adds no ASCII letter to an
/// ASCII one, only `ſ` to `s` and the Kelvin sign to `k`), the same ASCII word boundaries.
/// Their automata are far smaller: with ten copies of `\p{L}`, the capturing searches of the
/// Unicode ones cost ~30 k instructions a parsed line (callgrind, 100 dev pages): the lazy
/// DFA of the reversed pattern (run back from a match's end to its start) building
/// transitions over thousands of NFA states, the backtracker clearing a visited set as large.
pub(super) static DATE_RES_ASCII: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        Regex::new(&month_date(DATE_MONTH_DAY, ASCII)).unwrap(),
        Regex::new(&month_date(DATE_DAY_MONTH, ASCII)).unwrap(),
    ]
});

fn valid(y: i32, m: u32, d: u32) -> Option<String> {
    const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1990..=2100).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > DAYS[m as usize - 1] {
        return None;
    }
    if m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The first date in `s`, as ISO `YYYY-MM-DD`. Numeric dates with both parts ≤ 12 are read
/// day-first unless a slash suggests the US order.
pub fn parse_date(s: &str) -> Option<String> {
    parse_date_in(s, false)
}

/// [`parse_date`], with `day_first` reading slashed dates day first too (see
/// [`crate::page::slashes_day_first`]).
pub fn parse_date_in(s: &str, day_first: bool) -> Option<String> {
    // every pattern has a year `(?:19|20)\d{2}`, and `unglue` only inserts spaces before
    // capitals: a line without `19` or `20` has no date (most lines parsed have none, and four
    // capturing searches cost more than this scan)
    if !has_century(s) {
        return None;
    }
    let s = &*unglue(s);
    let (_, mut end, mut date) = first_date(s, day_first)?;
    // dates side by side, nothing but spaces and separators between them, are one header's:
    // "May 21, 2025April 24, 2025" (a post's update and publication, in either order), "March
    // 3, 2024 - March 1, 2024" (a span): the earliest is the publication's
    loop {
        let rest = &s[end..];
        let Some(gap) = rest.find(char::is_alphanumeric) else {
            break;
        };
        if !has_century(&rest[gap..]) {
            break;
        }
        match first_date(rest, day_first) {
            Some((p, e, d)) if p <= gap => {
                date = date.min(d);
                end += e;
            }
            _ => break,
        }
    }
    Some(date)
}

/// `s` holds `19` or `20`, as every date [`parse_date`] reads does.
fn has_century(s: &str) -> bool {
    // (a Thai date's year of the Buddhist era starts with 25, or with ๒ in Thai digits; a
    // Japanese year may be written in full-width digits, "２０２４年": its 年 is looked for)
    let wide = !s.is_ascii();
    s.as_bytes()
        .windows(2)
        .any(|w| w == b"19" || w == b"20" || (wide && w == b"25"))
        || (wide && s.contains(['年', '년', '๒']))
}

/// The first date of `s` (unglued): its start, end and ISO form.
fn first_date(s: &str, day_first: bool) -> Option<(usize, usize, String)> {
    let r = &*DATE_RES;
    let (month_day, day_month) = if s.is_ascii() {
        (&DATE_RES_ASCII[0], &DATE_RES_ASCII[1])
    } else {
        (&r[1], &r[2])
    };
    let span = |c: &regex::Captures| {
        let m = c.get(0).unwrap();
        (m.start(), m.end())
    };
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    if let Some(c) = r[0].captures(s) {
        if let Some(d) = valid(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?) {
            // (its end is the day's: the pattern also takes the character after the date)
            found.push((span(&c).0, c.get(3).unwrap().end(), d));
        }
    }
    for c in month_day.captures_iter(s) {
        if let (Some(mo), Ok(d), Ok(y)) = (month_number(&c[1]), c[2].parse(), c[3].parse()) {
            if let Some(v) = valid(y, mo, d) {
                found.push((span(&c).0, span(&c).1, v));
                break;
            }
        }
    }
    for c in day_month.captures_iter(s) {
        if let (Ok(d), Some(mo), Ok(y)) = (c[1].parse(), month_number(&c[2]), c[3].parse()) {
            if let Some(v) = valid(y, mo, d) {
                found.push((span(&c).0, span(&c).1, v));
                break;
            }
        }
    }
    if let Some(c) = r[3].captures(s) {
        let (a, b, y): (u32, u32, i32) =
            (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        let us = !day_first && s[c.get(0).unwrap().range()].contains('/');
        let v = if a > 12 {
            valid(y, b, a)
        } else if b > 12 || us {
            valid(y, a, b)
        } else {
            valid(y, b, a)
        };
        if let Some(v) = v {
            found.push((span(&c).0, span(&c).1, v));
        }
    }
    if !s.is_ascii() {
        found.extend(first_asian_date(s));
    }
    found.into_iter().min_by_key(|&(p, _, _)| p)
}

/// The date a URL's path shows: `/2024/05/17/` (year, month and day as path segments, the
/// month and day of one or two digits; the month may be its English name, `/2023/october/03/`)
/// or `2024-05-17` inside a segment (two digits each, not beside other digits:
/// "2024-4-4-2024-5-0" is a version range). On the dev pages a
/// URL with such a date gives the gold date on 32 of 33, the page's text on 25 (a date line
/// near the headline may be an update's or a comment's), so it comes first.
pub fn url_date(url: &str) -> Option<String> {
    static SLASHED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)").unwrap());
    static DASHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})-(\d{2})-(\d{2})(?:$|[^0-9])").unwrap()
    });
    // the path only: a date in the host or the query is not the page's
    let path = crate::page::url_path(url);
    if !has_century(path) {
        return None;
    }
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d{2})/([A-Za-z]{3,9})/(\d{1,2})(?:/|$)").unwrap()
    });
    [&*SLASHED, &*DASHED]
        .into_iter()
        .find_map(|re| {
            let c = re.captures(path)?;
            valid(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
        })
        .or_else(|| {
            // the month's English name or abbreviation as a segment: `/2023/october/03/`
            let c = NAMED.captures(path)?;
            let word = c[2].to_ascii_lowercase();
            let m = ENGLISH_MONTHS
                .iter()
                .position(|name| *name == word || (word.len() == 3 && name.starts_with(&word)))
                .or_else(|| (word == "sept").then_some(8))?;
            valid(c[1].parse().ok()?, m as u32 + 1, c[3].parse().ok()?)
        })
}

/// The one date the page announces as its publication date ("Published August 13, 2025",
/// "Posted on ...", see [`is_published_line`]) anywhere: the fallback when the searches
/// near the headline and down to the end of the text found none (the announcement can stand
/// in a sidebar or under the comments). A page announcing two different dates is a list of
/// posts, and has none.
pub(super) fn announced_date(page: &Page) -> Option<String> {
    let dates = (0..page.content.len()).filter_map(|j| match date_on(page, j, true) {
        Some((d, DateRole::Other)) => Some(d),
        _ => None,
    });
    super::only_one(dates, |d| d)
}
