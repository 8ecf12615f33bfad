//! The author: bylines ("By Ann Lee", "May 3, 2024 by Ann Lee"), forum openers and names
//! standing alone beside a header's date, read near the headline. The name patterns, and the
//! rules that tell a name from a menu facet or a credit, are a concern of their own, apart
//! from the headline and date searches.

use std::sync::LazyLock;

use regex::Regex;

use super::date::{is_dated, parse_date, stem_month_number};
use crate::lexicon::Cue;
use crate::page::Page;
use crate::patterns::{has, Shape};

/// A name as bylines write it: capitalised words (initials, hyphens, apostrophes, underscores
/// and, after three letters, final digits of user names: "Mr_Enigmatic", "InsaneSnow45", not
/// "Q3") and the particles of names allowed: whole words, longer first, so "van der Merwe" is not cut at
/// "de"), several names joined by `,` `and` `&`. The name is case
/// sensitive (so "By clicking Continue ..." is no byline), the words around it are not.
pub(super) const NAME: &str = r"\p{Lu}(?:[\p{L}\p{M}.'’\-_]{2,}\d*|[\p{L}\p{M}.'’\-_]*)(?:[ \t]+(?:\p{Lu}(?:[\p{L}\p{M}.'’\-_]{2,}\d*|[\p{L}\p{M}.'’\-_]*)|(?:der|den|del|dos|de|van|von|da|di|la|le|du|bin|al|ibn)(?-u:\b)))*(?:[ \t]*(?:,(?:[ \t]*(?:&|(?i:and|und|et|y|e|en|i)[ \t]))?|&|(?i:and|und|et|y|e|en|i))[ \t]*\p{Lu}(?:[\p{L}\p{M}.'’\-_]{2,}\d*|[\p{L}\p{M}.'’\-_]*)(?:[ \t]+\p{Lu}(?:[\p{L}\p{M}.'’\-_]{2,}\d*|[\p{L}\p{M}.'’\-_]*))*)*";

/// A byline: a prefix (after bullets or a date), a colon or spaces, then the name
/// (`BYLINE_PREFIX` + `({NAME})`, read by [`byline_name`]).
/// A job's noun names the author only with its colon: "Writer: Ben", "Contributors: Ann Lee"
/// (not "Writer Tools").
pub(super) const BYLINE_PREFIX: &str = r"^[\s•·*|>\-–—]*(?:(?i:written[ \t]+by|posted[ \t]+by|published[ \t]+by|article[ \t]+by|words[ \t]+by|story[ \t]+by|text[ \t]+by|by|von|par|por|door|di|author|authors|autor|auteur|autore)[ \t]*(?::[ \t]*|[ \t]+)|(?i:writer|writers|contributor|contributors|reporter)[ \t]*:[ \t]*)";

/// The same prefixes inside a short line, after a date or a separator: "May 3, 2024 by Ann
/// Lee", "News | By Ann Lee" (`BYLINE_INSIDE_PREFIX` + `({NAME})`); and "Written by" glued to
/// the word before it and maybe to the name, as scrapes join inline elements ("Byline profile
/// imageWritten by Rebecca Lake", "Written byAAA Travel Editor"): its capital W marks where
/// an element began.
pub(super) const BYLINE_INSIDE_PREFIX: &str = r"(?:(?:^|[\s•·|,\-–—])(?i:written[ \t]+by|posted[ \t]+by|by|von|par|por|door)[ \t]*(?::[ \t]*|[ \t]+)|(?:^[\s•·*|>\-–—]*|\p{Ll})Written[ \t]+by[ \t]*:?[ \t]*)";

/// A byline prefix and the first letter of the name: where a byline (`PREFIX({NAME})`)
/// starts, and where its name does (see [`byline_name`]).
pub(super) static BYLINE_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{BYLINE_PREFIX}\p{{Lu}}")).unwrap());
pub(super) static BYLINE_INSIDE_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{BYLINE_INSIDE_PREFIX}\p{{Lu}}")).unwrap());

/// A name at the start of the haystack.
static NAME_AT: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"^(?:{NAME})")).unwrap());

/// The match of `PREFIX({NAME})` in `line`, `head` being `PREFIX\p{Lu}`: its start and the
/// name it captures.
///
/// Read with two searches rather than one capturing search of `PREFIX({NAME})`, which cost
/// ~60 k instructions a line (callgrind, 100 dev pages): that search ran the lazy DFA of the
/// reversed pattern from the match's end back to its start, and the reverse of NAME's Unicode
/// classes (compiled unminimised) made each new DFA transition an epsilon closure over
/// thousands of NFA states; then the capture engine ran on top. `head` is reversed through
/// one `\p{Lu}` only, and `NAME_AT`, anchored, needs no reverse search. They find the same
/// match:
/// - NAME matches wherever its first `\p{Lu}` does (all the rest of it may be empty), so
///   `PREFIX({NAME})` matches at a position iff `PREFIX\p{Lu}` does: the leftmost matches
///   start at the same place.
/// - From that start, leftmost-first takes the first way through PREFIX (in priority order)
///   that NAME can follow, that is, that a `\p{Lu}` follows: the way `head` takes. The name
///   so starts at the last character of `head`'s match.
/// - Nothing follows NAME in the pattern and NAME has no look-around, so its captured
///   extent is NAME's own leftmost-first match from there: `^(?:{NAME})` on the rest.
pub(super) fn byline_name<'a>(head: &Regex, line: &'a str) -> Option<(usize, &'a str)> {
    let m = head.find(line)?;
    let initial = line[..m.end()].chars().next_back()?;
    let rest = &line[m.end() - initial.len_utf8()..];
    let name = NAME_AT.find(rest).map_or("", |n| n.as_str());
    Some((m.start(), name))
}

/// `line` opens with a job's noun of [`BYLINE_PREFIX`] ("Writer: Ben"), whose colon makes
/// even one word after it a name. These nouns are no byline cues of the lexicon (a cue is a
/// feature of the line model, which was trained without them): the bytes are read here.
fn job_prefix(line: &str) -> bool {
    let b = line.as_bytes();
    let Some(k) = b.iter().position(|c| c.is_ascii_alphanumeric()) else {
        return false;
    };
    let rest = &b[k..];
    [
        "contributors",
        "contributor",
        "reporter",
        "writers",
        "writer",
    ]
    .iter()
    .find(|w| rest.len() > w.len() && rest[..w.len()].eq_ignore_ascii_case(w.as_bytes()))
    .is_some_and(|w| {
        // the noun, then spaces or tabs, then its colon
        rest[w.len()..]
            .iter()
            .find(|&&c| c != b' ' && c != b'\t')
            .is_some_and(|&c| c == b':')
    })
}

/// A line that is only a byline prefix, or an author box's heading ("About the author"): the
/// name is on the next line.
static BYLINE_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s•·*|>\-–—]*(?i:written[ \t]+by|posted[ \t]+by|by|von|par|por|door|about[ \t]+(?:the[ \t]+)?author|author|autor|auteur|autore)[ \t]*:?[ \t]*$").unwrap()
});

/// `line` without the bullet or dash a list item opens with, and its spaces.
fn unbulleted(line: &str) -> &str {
    line.trim_start_matches([' ', '\t', '•', '·', '*', '-', '–', '—'])
        .trim_end()
}

/// A byline whose name has no capital letters to find it by (Chinese, Japanese, Thai, Arabic),
/// or whose prefix is Russian: "作者：李明", "记者 张三", "文／田中花子", "โดย สมชาย ใจดี",
/// "بقلم: أحمد حسن", "Автор: Анна Иванова". The line is the prefix and a short name and
/// nothing else, so a sentence that opens with the word ("โดยทั่วไป ...") is no byline; a
/// one-letter prefix (文, "text") needs its separator.
static UNCASED_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^[\s•·*|>\-–—]*(?:",
        r"(?:(?:作者|记者|記者|撰文|撰稿|编辑|編集|著者|筆者|執筆|取材・文)(?:[ \t　]*[:：/／|｜][ \t　]*|[ \t　]+)",
        r"|文[ \t　]*[:：/／|｜][ \t　]*)",
        r"([\p{Han}\p{Hiragana}\p{Katakana}・·]{2,6}(?:[ \t　][\p{Han}\p{Hiragana}\p{Katakana}]{1,4})?)",
        r"|(?:โดย|ผู้เขียน|เขียนโดย)(?:[ \t]*:[ \t]*|[ \t]+)([\p{Thai}]{2,20}(?:[ \t][\p{Thai}]{2,20})?)",
        // ("كتب" is "books" too and "إعداد" "preparation": they need their colon)
        r"|(?:(?:بقلم|كتبه|كتبته|تأليف)(?:[ \t]*:[ \t]*|[ \t]+)|(?:كتب|إعداد)[ \t]*:[ \t]*)([\p{Arabic}\p{M}]{2,15}(?:[ \t][\p{Arabic}\p{M}]{2,15}){0,2})",
        r"|(?i:автор|текст)(?:[ \t]*:[ \t]*|[ \t]+)(\p{Lu}\p{Ll}+(?:[ \t]\p{Lu}\p{Ll}+){0,2})",
        r")[\s.。]*$"
    ))
    .unwrap()
});

/// The name of an [`UNCASED_BYLINE`], if `line` is one. Only a short line whose first letter
/// is not ASCII can be (the bytes say so before the regex runs).
fn uncased_byline(line: &str) -> Option<String> {
    let b = line.as_bytes();
    let first = b
        .iter()
        .position(|&c| c.is_ascii_alphanumeric() || c >= 0x80)?;
    if b[first] < 0x80 || line.len() > 160 {
        return None;
    }
    let c = UNCASED_BYLINE.captures(line)?;
    let name = (1..=4).find_map(|k| c.get(k))?.as_str().trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// "ByRhonda Krause": a byline whose space after "By" the scrape lost (an inline element
/// glued to the next). Case-sensitive, "By" then a capital: "Byron" has a small letter after
/// its "By", and "BY" starts a heading.
static GLUED_BY_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s•·*|>\-–—]*By\p{Lu}").unwrap());

/// An avatar's alt text, which scraped text keeps as a line of its own beside the post it
/// belongs to: "Avatar of Ann Lee", "An avatar representing Ann Lee", "Picture of Ann Lee
/// Ann Lee" (the alt text, then the name's link), "AtlanG's picture", "user447274's user
/// avatar", "Matt Fitzgerald's Profile Picture", "Will Judd avatar", "David Gracey
/// Headshot". A user name need not be capitalised after a "'s".
static AVATAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:[•·*\-][ \t]*)?(?:(?:(?i:an?[ \t]+)?(?i:avatar|picture|headshot|profile[ \t]+(?:picture|photo)))[ \t]+(?i:of|representing)[ \t]+(?i:(?:the[ \t]+)?author[ \t]+)?({NAME})|(\S+(?:[ \t]\S+){{0,2}})['’]s[ \t]+(?i:(?:user[ \t]+)?avatar|picture|image|photo|headshot|profile[ \t]+(?:picture|photo|image))|({NAME})[ \t]+(?i:avatar|headshot))$"
    ))
    .unwrap()
});

/// `line` holds "avatar", "picture", "profile" or "headshot" in any ASCII case, as every form
/// of [`AVATAR`] does (most lines have none, and skip the regex, which costs some 6 k
/// instructions a line with NAME's Unicode classes). Only the few t's and f's are looked at,
/// as in [`has_opener_word`].
fn has_avatar_word(line: &str) -> bool {
    let b = line.as_bytes();
    let at = |from: usize, word: &[u8]| {
        b.get(from..from + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    memchr::memchr3_iter(b't', b'T', b'f', b).any(|i| {
        (i >= 3 && (at(i - 3, b"avatar") || at(i - 3, b"picture") || at(i - 3, b"profile")))
            || (i >= 7 && at(i - 7, b"headshot"))
    }) || memchr::memchr_iter(b'F', b).any(|i| i >= 3 && at(i - 3, b"profile"))
        || memchr::memchr_iter(b's', b)
            .any(|i| at(i + 1, b" image") || at(i + 1, b" photo") || at(i + 1, b" headshot"))
}

/// A forum thread's opener: "Thread starter NAME", "Started by NAME" (user names need not be
/// capitalised; see also [`STARTER_AFTER`]).
static STARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s•·*|]*(?i:(?:thread[ \t]+starter[ \t]+)+|started[ \t]+by[ \t]+|original[ \t]+poster:?[ \t]+)(\S+(?:[ \t]\S+){0,2})[ \t]*$").unwrap()
});

/// A XenForo thread's header, "Discussion in 'Hosting Advice' started by pelex, May 26,
/// 2025.", and an old Reddit post's, "submitted 17 hours ago by InsaneSnow45": the name after
/// "started by" up to its comma, or after "ago by" (user names need not be capitalised).
static STARTED_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s•·*|]*(?:(?i:discussion[ \t]+in)[ \t]+['‘’][^'‘’]{1,80}['‘’][ \t]+(?i:started[ \t]+by)[ \t]+([^,\s]+(?:[ \t][^,\s]+){0,2}),|(?i:submitted)[ \t]+[^|]{1,40}?[ \t]ago[ \t]+by[ \t]+(\S+)[ \t]*$)").unwrap()
});

/// A NodeBB post's header, the poster's name, the letter of the avatar drawn for one without
/// a picture glued to it, and the poster's status: "julianJ Offline", "JonBJ Offline". Not
/// "Online", which menus write after a word ("Shop Online", "Pay Online": on the dev pack 11
/// pages were given such a word, 6 of them pages without an author).
static STATUS_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s•·*]*(\S{2,40})[ \t]+Offline$").unwrap());

/// The name of a [`STATUS_AFTER`] header: without the avatar's letter, the upper case of the
/// name's first, when one is glued to its end ("julianJ" is julian).
fn status_name(raw: &str) -> String {
    let (Some(first), Some(last)) = (raw.chars().next(), raw.chars().next_back()) else {
        return raw.to_string();
    };
    let glued = raw.chars().count() >= 3
        && last.is_uppercase()
        && first.to_uppercase().eq(std::iter::once(last));
    if glued {
        raw[..raw.len() - last.len_utf8()].to_string()
    } else {
        raw.to_string()
    }
}

/// A XenForo post's header, the name then its badge: "JosephF Discussion starter", "Ann Lee
/// Thread starter" (the first post's: the thread's author).
static STARTER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s•·*|]*(\S+(?:[ \t]\S+){0,2})[ \t]+(?i:discussion|thread)[ \t]+starter[ \t]*$")
        .unwrap()
});

/// A phpBB post's header, "Post by galitsyn » 11. Sep 2024, 18:36" ("Postby" or "by" in
/// older styles): the poster's name, then `»` and the post's date. The first post's is the
/// thread's author (see [`find_author`]); user names need not be capitalised.
static PHPBB_POST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s•·*|]*(?:Post[ \t]?by|by)[ \t]+(\S+(?:[ \t]\S+){0,2})[ \t]+»[ \t]+\D{0,12}\d")
        .unwrap()
});

/// `line` holds "tarte" or "oster" in any ASCII case, as "starter", "started" and "poster" do
/// in any case the [`STARTER`] regex reads them (most lines have neither, and skip it).
/// Both have a `t` (first in "tarte", third in "oster"): only the few t's are looked at, not
/// each of the line's five-byte windows twice.
pub(super) fn has_opener_word(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr2_iter(b't', b'T', b).any(|i| {
        b.get(i..i + 5)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"tarte"))
            || (i >= 2
                && b.get(i - 2..i + 3)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"oster")))
    })
}

/// A line that is a name and nothing else.
static NAME_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?:{NAME})$")).unwrap());

const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "ene", "abr", "ago", "dic", "okt", "dez", "mai", "juin", "mär", "janv", "févr", "avr", "juil",
    "déc", "gen", "mag", "giu", "lug", "ott", "set", "out", "mei",
];

/// `l` (lower case) is a month's full name or its exact abbreviation ("Jane" starts like
/// "jan" but is a name; "june" and "july" are as short as a name and months all the same).
fn is_month_word(l: &str) -> bool {
    stem_month_number(l.trim_end_matches('.')).is_some()
        && (l.len() > 4 || MONTH_ABBREVIATIONS.contains(&l) || matches!(l, "june" | "july"))
}

/// `l` (lower case) is a word of a header's date: a month, a weekday, "updated", "published"
/// or "posted". Such a word ends a name, also glued to it (see [`glued_stop`]).
fn is_date_word(l: &str) -> bool {
    is_month_word(l)
        || matches!(
            l,
            "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "updated"
                | "published"
                | "posted"
        )
}

/// A name's candidate holding a word of a page's furniture or sections, which names no person
/// and no publisher: the lines beside a headline and its date that the name rules took for one
/// ("Travel Tips", "Recent Posts", "Thread Tools", "Byte Sauna Logo", "Registered User",
/// "Team Size"). Two of the dev pack's 673 authors hold such a word ("News Desk", "Paycom Blog
/// Contributor"); neither was found before.
pub(super) fn has_ui_word(name: &str) -> bool {
    name.split_whitespace().any(|w| {
        // a byline's own words taken for the name ("Written By", "CategoryBy Manufacturer")
        let glued_by = w.len() > 2
            && w.ends_with("By")
            && w[..w.len() - 2]
                .chars()
                .next_back()
                .is_some_and(char::is_lowercase);
        glued_by
            || matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
                    .as_str(),
                "logo"
                    | "blog"
                    | "forum"
                    | "tips"
                    | "tools"
                    | "posts"
                    | "updates"
                    | "news"
                    | "ticker"
                    | "content"
                    | "download"
                    | "hosting"
                    | "analytics"
                    | "savings"
                    | "type"
                    | "size"
                    | "color"
                    | "colour"
                    | "user"
                    | "registered"
                    | "recent"
                    | "saved"
                    | "instant"
                    | "today"
                    | "manufacturer"
                    | "planning"
                    | "recruitment"
                    | "hardware"
                    | "category"
                    | "written"
                    | "by"
            )
    })
}

/// Words that end a name a byline runs on into: a date's (see [`is_date_word`]), "on", "in",
/// "at", and the words of a header's widgets.
fn is_name_stop(w: &str) -> bool {
    let l = w.trim_end_matches([',', '.']).to_lowercase();
    is_date_word(&l)
        || matches!(
            l.as_str(),
            "last"
                | "on"
                | "in"
                | "at"
                | "am"
                | "le"
                | "el"
                | "il"
                | "im"
                | "for"
                | "from"
                | "via"
                | "follow"
                | "share"
                | "read"
                | "min"
                | "mins"
                | "comments"
                | "comment"
                | "reviewed"
                | "edited"
                | "fact"
                | "photo"
                | "photos"
                | "image"
                | "images"
                | "video"
                | "updated:"
                | "published:"
        )
}

/// Where scraped text glued a date's or a header's word, or a word that ends a name ("In",
/// "Read"), to the word before it (a small letter then a capital: "UpdatedJanuary",
/// "KrauseUpdated", "SmithMarch", "BoucherIn"), the length of the part
/// before that word: 0 when the word starts with it; `None` when the word has no such join
/// (a name's own capitals, "McDonald" or "DeSiato", are not cut: their parts are no month,
/// weekday or "Updated"/"Published"/"Posted").
fn glued_stop(w: &str) -> Option<usize> {
    // (also a word that ends a name unglued, "In", "On", "Read", "Comments": "Gabby
    // BoucherIn Budget Travel", a byline glued to its category's link)
    let is_stop = |part: &str| {
        let l = part.trim_end_matches([',', '.', ':']).to_lowercase();
        is_date_word(&l) || l.len() >= 2 && is_name_stop(&l)
    };
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in w.char_indices() {
        if prev.is_some_and(char::is_lowercase) && c.is_uppercase() {
            if is_stop(&w[start..i]) {
                return Some(start);
            }
            start = i;
        }
        prev = Some(c);
    }
    // the last part, if the word had a join at all
    (start > 0 && is_stop(&w[start..])).then_some(start)
}

/// Where word `w` (a subslice of `raw`) ends in `raw`.
fn raw_end(raw: &str, w: &str) -> usize {
    w.as_ptr() as usize - raw.as_ptr() as usize + w.len()
}

/// Words of a job title or an employer after a byline's comma ("Ann Lee, Staff Writer").
fn is_title_word(w: &str) -> bool {
    matches!(
        w.trim_end_matches([',', '.']).to_lowercase().as_str(),
        "staff"
            | "writer"
            | "editor"
            | "reporter"
            | "correspondent"
            | "contributor"
            | "columnist"
            | "director"
            | "manager"
            | "expert"
            | "team"
            | "desk"
            | "press"
            | "news"
            | "the"
            | "senior"
            | "chief"
            | "head"
            | "founder"
            | "co-founder"
            | "cofounder"
            | "owner"
            | "president"
            | "partner"
            | "officer"
            | "ceo"
            | "coo"
            | "cto"
            | "cfo"
            | "vp"
            | "md"
            | "phd"
            | "rn"
            | "author"
            | "journalist"
            | "analyst"
            | "specialist"
            | "associate"
    )
}

/// A capitalised word of a job title that is no part of a name: [`is_title_word`] but for
/// the words that end an organisation's name ("Everfit Team", "TOI Lifestyle Desk", "Podium
/// Staff", "Reuters News") or a person's degree, plus "Executive".
fn is_role_word(w: &str) -> bool {
    let l = w.trim_end_matches([',', '.']).to_lowercase();
    w.starts_with(|c: char| c.is_uppercase())
        && (l == "executive"
            || is_title_word(w)
                && !matches!(
                    l.as_str(),
                    "staff" | "team" | "desk" | "press" | "news" | "the" | "md" | "phd" | "rn"
                ))
}

/// After a byline's comma, the rest is more names: "Ann Lee, Bo Chan, and Cy Diaz", "Ann Lee,
/// Bo Chan & Cy Diaz" (a joiner ends the list), with no word of a job title among them.
fn names_follow(rest: &str) -> bool {
    let words: Vec<&str> = rest.split_whitespace().collect();
    let joined = words
        .iter()
        .any(|w| matches!(w.to_lowercase().as_str(), "and" | "&" | "und" | "et" | "y"));
    joined && !words.iter().any(|w| is_title_word(w))
}

/// Clean a captured name: cut at the first word that cannot be part of it, drop trailing
/// joiners, and refuse what is no name (a verb "By clicking", too long, no letters).
pub(super) fn clean_name(raw: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for w in raw.split_whitespace() {
        if is_name_stop(w) {
            break;
        }
        if words.len() >= 2 && is_role_word(w) {
            // "Catherine Boeckmann Executive Digital Editor", "Shivkumar M Head Product
            // Launches": a job title run on without a comma ends the name (after two words:
            // "Mike Head" is a name)
            break;
        }
        if let Some(keep) = glued_stop(w) {
            // "Krause UpdatedJanuary 25", "HartshorneUpdated on": the name ends at the join
            if keep > 0 {
                words.push(&w[..keep]);
            }
            break;
        }
        words.push(w);
        if w.ends_with(',') && words.len() >= 2 && !names_follow(&raw[raw_end(raw, w)..]) {
            // "Ann Lee, Staff Writer": the name ends at its comma unless more names follow,
            // joined by "and"/"&" (a comma and a job title are common)
            break;
        }
    }
    while let Some(last) = words.last() {
        let l = last.to_lowercase();
        if matches!(
            l.as_str(),
            "and" | "&" | "und" | "et" | "y" | "e" | "en" | "i" | "," | "-" | "|"
        ) {
            words.pop();
        } else {
            break;
        }
    }
    // "Cort Honey Cort Honey": an image's alt text and the name's link, side by side
    let half = words.len() / 2;
    fn bare<'a>(w: &&'a str) -> &'a str {
        w.trim_end_matches([',', '.', '|', '-', ':', ';'])
    }
    if words.len() % 2 == 0
        && half > 0
        && words[..half]
            .iter()
            .map(bare)
            .eq(words[half..].iter().map(bare))
    {
        words.truncate(half);
    }
    let name = words.join(" ");
    let name = name
        .trim()
        .trim_end_matches([',', '.', '|', '-', ':', ';'])
        .trim();
    // "Jonathan JonesJonathan Jones": the two glued by the scrape
    let h = name.len() / 2;
    let name = if name.len() % 2 == 0 && name.is_char_boundary(h) && name[..h] == name[h..] {
        &name[..h]
    } else {
        name
    };
    let first = name.split_whitespace().next()?;
    // "By clicking / continuing / using / signing up...": a gerund is no first name
    if first.chars().count() >= 5 && first.to_lowercase().ends_with("ing") {
        return None;
    }
    // "BY COMPANY SIZE", "BY CATEGORY": capitals throughout are a menu's, not a name's
    if name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        return None;
    }
    let n = name.split_whitespace().count();
    if !(1..=8).contains(&n) || name.len() > 80 || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(name.to_string())
}

// ASCII word boundaries, for the lazy DFA (see `DATE_RES` in `date`)
static READING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)\d+\s*(?:min|mins|minutes?)\.?\s+(?:read|de lecture|Lesezeit|lectura|di lettura)(?-u:\b)",
    )
    .unwrap()
});

/// Whether content line `j` is a date line or a reading-time / byline line: what stands
/// beside an author's name in an article header.
fn is_header_companion(page: &Page, j: usize) -> bool {
    let i = page.content[j];
    let st = &page.stats[i];
    // a date, a byline word or a reading time; not a relative time ("Asked 7 years ago" stands
    // beside a forum's "Ask Question" button) nor a bare weekday
    st.words <= 12
        && (has(page.shapes[i], Shape::Date)
            || page.cues[i].get(Cue::Byline) > 0
            || (st.digits >= 4 && parse_date(&page.lines[i]).is_some())
            || (st.digits > 0 && READING_TIME.is_match(&page.lines[i])))
}

/// A header companion (see [`is_header_companion`]) within two content lines of line `j`.
fn has_header_companion(page: &Page, j: usize) -> bool {
    (j.saturating_sub(2)..(j + 3).min(page.content.len()))
        .any(|k| k != j && is_header_companion(page, k))
}

/// A line that is a person's name alone (2 to 4 capitalised words, no stop word of the page's
/// language, no cue, no digit, no bullet), with evidence that it is the author's: it stands
/// beside a date or byline line, or under a "By" line. (Being repeated on the page is no
/// evidence: product names and menu items repeat as much as author boxes do, also on two
/// lines in a row, a product photo's alt text and its name: tried on the dev pages, 6 authors
/// gained, 20 false ones.)
fn standalone_name(page: &Page, j: usize) -> Option<String> {
    let i = page.content[j];
    let st = &page.stats[i];
    if st.digits > 0
        || (st.bullet && !in_bulleted_header(page, j))
        || page.shapes[i] != 0
        || st.upper == st.letters
    {
        return None;
    }
    let line = page.lines[i].trim();
    let line = if st.bullet { unbulleted(line) } else { line };
    // "Audrey Huang, Print Managing Editor": a name, then its job title after a comma (whose
    // words may be cues: "Print")
    let line = match line.split_once(',') {
        Some((name, role))
            if role.split_whitespace().count() <= 5
                && role.split_whitespace().any(is_title_word) =>
        {
            name.trim_end()
        }
        _ if page.cues[i].any() => return None,
        _ => line,
    };
    if !(2..=4).contains(&line.split_whitespace().count())
        || line.chars().count() > 40
        || !NAME_LINE.is_match(line)
        || line.split_whitespace().any(is_name_stop)
        || has_function_word(page, line)
    {
        return None;
    }
    let beside = has_header_companion(page, j);
    let after_by = j > 0 && BYLINE_ALONE.is_match(&page.lines[page.content[j - 1]]);
    if beside || after_by {
        clean_name(line)
    } else {
        None
    }
}

/// Whether bulleted content line `j` is one of a header's items: a list of at most three
/// bulleted lines, an item next to it being a date ("• Bence Kovács", "• 02-12-2025"; a
/// menu's bullets are more, and stand beside no date, a version's "• 2026-02-25.clover" at
/// most).
fn in_bulleted_header(page: &Page, j: usize) -> bool {
    // the bulleted lines in a row around `j`
    let item = |k: usize| page.stats[page.content[k]].bullet;
    let adjacent = |k: usize| page.content[k + 1] == page.content[k] + 1;
    let mut lo = j;
    while lo > 0 && adjacent(lo - 1) && item(lo - 1) {
        lo -= 1;
    }
    let mut hi = j;
    while hi + 1 < page.content.len() && adjacent(hi) && item(hi + 1) {
        hi += 1;
    }
    // (its neighbours in the run are bulleted lines next to it)
    hi - lo < 3
        && (lo..=hi).any(|k| {
            k.abs_diff(j) == 1
                && page.stats[page.content[k]].digits >= 4
                && is_header_companion(page, k)
        })
}

/// Whether the words of `line` (a name's candidate) hold a stop word of the page's language
/// that is no name's word: "About Us", "Our Team", "All Posts" are a menu's. jusText's lists
/// are a language's frequent words, and the English one holds given names and surnames
/// ("David", "John", "King", "Young") and an organisation's "Team", which are no evidence
/// against a name ("Everfit Team", "Stephen King" were refused).
fn has_function_word(page: &Page, line: &str) -> bool {
    let en = crate::stopwords::lang_index("en");
    let mut buf = String::new();
    line.split_whitespace().any(|w| {
        buf.clear();
        buf.extend(
            w.trim_end_matches([',', '.'])
                .chars()
                .flat_map(char::to_lowercase),
        );
        // (possessives, which the English list lacks: "Our Team", "Your Account")
        matches!(buf.as_str(), "our" | "your" | "my")
            || page.stop_lang.is_some_and(|l| {
                crate::stopwords::mask_of_lower(&buf) >> l & 1 == 1
                    && !(Some(l) == en && NAME_WORDS_EN.contains(&buf.as_str()))
            })
    })
}

/// The words of the English stop list that are given names, surnames or an organisation's
/// last word (see [`has_function_word`]).
const NAME_WORDS_EN: &[&str] = &[
    "david", "george", "james", "john", "robert", "william", "king", "young", "long", "west",
    "field", "church", "house", "miles", "team",
];

/// Where a content line names the author, and how surely: an explicit byline (3), a forum
/// thread's opener (3), a "By" line and the name under it (3), a byline inside a dated line
/// (2), a name alone beside the header's date (1).
fn author_at(
    page: &Page,
    j: usize,
    near: usize,
    keep: &[bool],
    title: Option<usize>,
) -> Option<(u8, String)> {
    let i = page.content[j];
    let st = &page.stats[i];
    if st.words > LONG_HEADER {
        return None;
    }
    let line = &page.lines[i];
    // every byline prefix is a byline cue word (`lexicon`), which the analysis has counted:
    // the regexes run only on the lines that have one
    let job = job_prefix(line);
    let cue = page.cues[i].get(Cue::Byline) > 0 || job;
    if st.words > 20 {
        return if cue { byline_inside(page, j) } else { None };
    }
    // (forum openers have no cue word: "Thread starter", "Started by", "Original poster")
    if has_opener_word(line) {
        if let Some(c) = STARTER
            .captures(line)
            .or_else(|| STARTER_AFTER.captures(line))
        {
            if let Some(n) = clean_name(&c[1]) {
                return Some((3, n));
            }
        }
    }
    if has_opener_word(line) || memchr::memmem::find(line.as_bytes(), b"ago by").is_some() {
        if let Some(c) = STARTED_IN.captures(line) {
            if let Some(n) = c
                .get(1)
                .or_else(|| c.get(2))
                .and_then(|m| clean_name(m.as_str()))
            {
                return Some((3, n));
            }
        }
    }
    if line.ends_with("Offline") {
        if let Some(c) = STATUS_AFTER.captures(line) {
            if let Some(n) = clean_name(&status_name(&c[1])) {
                return Some((3, n));
            }
        }
    }
    if let Some(n) = uncased_byline(line) {
        return Some((3, n));
    }
    if !cue {
        // (only a line whose first letter or digit is the B of "By" can be one: the bytes
        // say so before the regex runs)
        let b = line.as_bytes();
        let first = b
            .iter()
            .position(|&c| c.is_ascii_alphanumeric() || c >= 0x80);
        let glued = first.is_some_and(|k| b[k..].starts_with(b"By"));
        // "Written byAAA Travel Editor": "by" glued to the name, which no cue word is
        if memchr::memmem::find(b, b"Written by").is_some() {
            if let Some(found) = byline_inside(page, j) {
                return Some(found);
            }
        }
        if let Some((_, name)) = glued.then(|| byline_name(&GLUED_BY_HEAD, line)).flatten() {
            if let Some(n) = clean_name(name) {
                // as for "By Name" below: one word needs a date beside it
                if n.contains(' ') || is_dated(page, j) || has_header_companion(page, j) {
                    return Some((3, n));
                }
            }
        }
        return standalone_near(page, j, near, keep, title);
    }
    if let Some((_, name)) = byline_name(&BYLINE_HEAD, line) {
        if let Some(n) = clean_name(name) {
            // one word after "By" is as often a facet ("By Industry") as a name: a date beside it decides
            if n.contains(' ') || job || is_dated(page, j) || has_header_companion(page, j) {
                return Some((3, n));
            }
        }
    }
    if BYLINE_ALONE.is_match(line) && j + 1 < page.content.len() {
        if let Some(n) = name_opening(&page.lines[page.content[j + 1]]) {
            return Some((3, n));
        }
    }
    byline_inside(page, j).or_else(|| standalone_near(page, j, near, keep, title))
}

/// A byline inside content line `j`, read once for both of its forms; each "by" of the line
/// in turn, as a credit may come first ("Medically reviewed by Ann Lee — Written by Bo Ek").
fn byline_inside(page: &Page, j: usize) -> Option<(u8, String)> {
    let i = page.content[j];
    let st = &page.stats[i];
    let line = &page.lines[i];
    for (start, name) in bylines_inside(line) {
        let n = clean_name(name);
        // "Picture of Liam Austin By Liam Austin", "Benjamin Preston By Benjamin Preston": an
        // avatar's alt text, then the byline, the same name twice
        if let Some(n) = n.as_ref().filter(|n| {
            start > 0 && n.contains(' ') && line[..start].trim_end().ends_with(n.as_str())
        }) {
            return Some((3, n.clone()));
        }
        // "May 3, 2024 by Ann Lee": a short dated or separated line; or "Written by" with its
        // capital, which no sentence has mid-line
        if st.words <= LONG_HEADER
            && (is_dated(page, j) || st.separators > 0 || written_by_at(line, start, name))
        {
            let before = line[..start].split_whitespace().next_back().unwrap_or("");
            if is_credit_verb(before) {
                continue;
            }
            if st.words <= 14 || short_segment(line, start) {
                return n.map(|n| (2, n));
            }
        }
        break;
    }
    None
}

/// The byline prefix of `line` that [`BYLINE_INSIDE_HEAD`] matched from `start` to the name
/// `name` (a subslice of `line`) is "Written by" with its capital (after bullets or
/// separators, or glued to the word before it).
fn written_by_at(line: &str, start: usize, name: &str) -> bool {
    let at = name.as_ptr() as usize - line.as_ptr() as usize;
    line[start..at].contains("Written")
}

/// Words of the longest header line read for a byline inside it: "Posted on December 20,
/// 2025 by Jean-Luc Aufranc (CNXSoft) - 5 Comments on ..." repeats the headline after its
/// byline. Other bylines are read on lines of at most 20 words.
const LONG_HEADER: u32 = 30;

/// Every match of [`BYLINE_INSIDE_HEAD`]'s byline in `line`, left to right (as
/// [`byline_name`] reads the first): its start and its name. At most four, which a header
/// line does not exceed.
fn bylines_inside(line: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let (start, name) = byline_name(&BYLINE_INSIDE_HEAD, line.get(from..)?)?;
        if name.is_empty() {
            // (never: the head ends with the name's capital, which NAME matches)
            return None;
        }
        let at = from + start;
        // past the name's first letter: the next search starts after this byline's prefix
        from = name.as_ptr() as usize - line.as_ptr() as usize + 1;
        while from < line.len() && !line.is_char_boundary(from) {
            from += 1;
        }
        Some((at, name))
    })
    .take(4)
}

/// The name a line under a "By" line opens with: the whole line ("Ann Lee"), or the name
/// before a separator and what follows it ("Eliz - Product marketer", "Sergio Martínez |
/// The Texas Newsroom"), after a bullet ("• Taya Iv"). At most six words in all.
fn name_opening(line: &str) -> Option<String> {
    let line = unbulleted(line);
    if line.split_whitespace().count() > 6 {
        return None;
    }
    let name = NAME_AT.find(line)?.as_str();
    let rest = line[name.len()..].trim_start();
    let separated = rest.is_empty() || rest.starts_with(['|', ',', '-', '–', '—', '•', '·']);
    separated.then(|| clean_name(name)).flatten()
}

/// The part of a long header line between the menu separators around byte `at` (`·`, `•`,
/// `|`, ...) is short: "Published: Mar 8, 2024 · Modified: May 19, 2025 by Jessica Robinson ·
/// This post may contain affiliate links · 52 Comments" is a header of short parts, where a
/// sentence of prose that says "by" is one long part.
fn short_segment(line: &str, at: usize) -> bool {
    // the menu separators, and a dash between spaces: "Posted on May 3, 2024 by Ann Lee - 5
    // Comments on ..." (a dash inside a word, "Jean-Luc", separates nothing)
    let spaced_dash = |k: usize, c: char| {
        matches!(c, '-' | '–' | '—')
            && line[..k].ends_with(' ')
            && line[k + c.len_utf8()..].starts_with(' ')
    };
    let sep = |k: usize, c: char| crate::lines::is_separator(c) || spaced_dash(k, c);
    let from = line[..at]
        .char_indices()
        .rev()
        .find(|&(k, c)| sep(k, c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let to = line[at..]
        .char_indices()
        .find(|&(k, c)| sep(at + k, c))
        .map_or(line.len(), |(k, _)| at + k);
    line[from..to].split_whitespace().count() <= 10
}

/// [`standalone_name`] of content line `j` if it is near the headline. A name alone is taken
/// only from the lines the scorer dropped (an author's name is chrome to it; a heading of the
/// text, which looks the same, is kept) and never from the headline.
fn standalone_near(
    page: &Page,
    j: usize,
    near: usize,
    keep: &[bool],
    title: Option<usize>,
) -> Option<(u8, String)> {
    let i = page.content[j];
    if j.abs_diff(near) <= 6 && !keep.get(j).copied().unwrap_or(false) && title != Some(i) {
        return standalone_name(page, j)
            .or_else(|| avatar_name(page, j))
            .or_else(|| name_before_date(page, j))
            .or_else(|| name_part_of_dated(page, j))
            .map(|n| (1, n));
    }
    None
}

/// The name in an avatar's alt text (see [`AVATAR`]) on content line `j`.
fn avatar_name(page: &Page, j: usize) -> Option<String> {
    let i = page.content[j];
    let line = page.lines[i].trim();
    if page.stats[i].words > 20 || !has_avatar_word(line) {
        return None;
    }
    // "Headshot of Lisa Pham, Associate Content Marketing Writer at Jobber": the name's alt
    // text goes on with its job title after a comma
    let line = match line.split_once(',') {
        Some((head, _)) if page.stats[i].words > 8 => head,
        _ => line,
    };
    if line.split_whitespace().count() > 8 {
        return None;
    }
    let c = AVATAR.captures(line)?;
    let k = (1..=3).find(|&k| c.get(k).is_some())?;
    let name = clean_name(&c[k])?;
    // a forum's "User avatar", "Default Avatar": the image's role, not a name
    let generic = matches!(
        name.to_lowercase().as_str(),
        "user" | "default" | "profile" | "author" | "member" | "guest" | "your" | "my" | "no"
    );
    // ("The company's image", "Our team's photo": the words before a "'s" need not be a
    // name's, those of the other forms are capitalised words)
    let not_a_name = generic || (k == 2 && has_function_word(page, &name));
    (!not_a_name).then_some(name)
}

/// A name at the head of a dated line, the date right after it: "Camille Cunningham 25 March
/// 2025", "David Hartshorne•Updated on Jul 4, 2024", "Silverback Strategies | October 15,
/// 2025". Two words at least: one capitalised word before a date is as often a section's or
/// a weekday's. (Stop words are no test here: jusText's lists are frequent words, "david"
/// among the English ones.)
fn name_before_date(page: &Page, j: usize) -> Option<String> {
    let i = page.content[j];
    let st = &page.stats[i];
    if st.words > 14 || st.digits < 4 || !is_dated(page, j) {
        return None;
    }
    let line = page.lines[i].trim();
    let name = clean_name(NAME_AT.find(line)?.as_str())?;
    // (a comma joins a category list, "Sides, Sourdough · December 9, 2021", as often as names)
    if name.split_whitespace().count() < 2 || name.contains(',') || !line.starts_with(name.as_str())
    {
        return None;
    }
    let rest =
        line[name.len()..].trim_start_matches([' ', '\t', '•', '·', '|', ',', '-', '–', '—']);
    let head = rest.split_whitespace().next().unwrap_or("");
    let date_first = head.starts_with(|c: char| c.is_ascii_digit())
        || is_month_word(&head.trim_end_matches([',', '.']).to_lowercase())
        || glued_stop(head) == Some(0)
        || ["updated", "published", "posted"]
            .iter()
            .any(|w| head.to_lowercase().starts_with(w));
    (date_first && parse_date(rest).is_some()).then_some(name)
}

/// A name as one of the parts of a dated header line, between its separators: "December
/// 15, 2025 · 30 min · 6279 words · Ash Vardanian", "109 Comments | Jill Winger | Last
/// Updated: March 11, 2019". The part is a name alone (2 to 4 capitalised words, no digit,
/// no `&` or comma, no stop word of the page's language, no date or widget word), and the
/// only such part. On the dev pack: 3 authors gained, none lost; one page without an author
/// was given a section's name with `&` before `&` was refused, and a page whose author was
/// missed is still wrong, given a section's ("Products Liability").
fn name_part_of_dated(page: &Page, j: usize) -> Option<String> {
    let i = page.content[j];
    let st = &page.stats[i];
    if st.words > 20 || st.separators == 0 || st.digits < 4 || !is_dated(page, j) {
        return None;
    }
    let line = page.lines[i].trim();
    let mut names = line
        .split(['|', '·', '•', '/', '¦'])
        .map(str::trim)
        .filter(|part| {
            (2..=4).contains(&part.split_whitespace().count())
                // (sections join words as names are joined: "Wellness & Prevention", "Sides,
                // Sourdough")
                && !part.contains(|c: char| c.is_ascii_digit() || c == '&' || c == ',')
                && NAME_LINE.is_match(part)
                && !part.split_whitespace().any(is_name_stop)
                && !has_function_word(page, part)
        });
    let name = names.next()?;
    if names.next().is_some() {
        return None;
    }
    clean_name(name)
}

/// The word before "by" in "Updated by", "Photo by", "Powered by": whoever follows is not
/// the author.
fn is_credit_verb(w: &str) -> bool {
    matches!(
        w.trim_end_matches([':', ',']).to_lowercase().as_str(),
        "updated"
            | "edited"
            | "reviewed"
            | "checked"
            | "verified"
            | "photo"
            | "photos"
            | "photograph"
            | "photography"
            | "image"
            | "images"
            | "illustration"
            | "illustrations"
            | "video"
            | "designed"
            | "powered"
            | "developed"
            | "built"
            | "made"
            | "hosted"
            | "sponsored"
            | "presented"
            | "brought"
            | "curated"
            | "translated"
            | "produced"
            | "narrated"
            | "read"
            | "sold"
            | "shipped"
            | "fulfilled"
            | "owned"
            | "operated"
    )
}

/// The author: the surest byline near the headline (`near`, a content position), else the
/// first explicit byline in the first part of the page.
pub(super) fn find_author(
    page: &Page,
    near: usize,
    keep: &[bool],
    title: Option<usize>,
) -> Option<String> {
    let m = page.content.len();
    // a phpBB thread: the first post's header names the author, however far from the
    // headline the scorer put it (each reply has a header of the same form)
    let phpbb = (0..m.min(120)).find_map(|j| {
        let line = &page.lines[page.content[j]];
        // `»` is C2 BB in UTF-8: a byte search skips the lines without one
        memchr::memchr(0xBB, line.as_bytes())?;
        PHPBB_POST.captures(line).and_then(|c| clean_name(&c[1]))
    });
    if phpbb.is_some() {
        return phpbb;
    }
    // a Stack Exchange question: "asked Jan 4, 2024 at 11:30", then the asker's avatar (an
    // editor's block, "edited ...", with an avatar of its own, may stand above it)
    let asker = (0..m.min(150)).find_map(|j| {
        let line = &page.lines[page.content[j]];
        if !line.starts_with("asked ") || page.stats[page.content[j]].digits < 4 {
            return None;
        }
        (j + 1..(j + 3).min(m)).find_map(|k| avatar_name(page, k))
    });
    if asker.is_some() {
        return asker;
    }
    let lo = near.saturating_sub(10);
    let hi = (near + 15).min(m);
    let mut best: Option<(u8, usize, String)> = None;
    for j in lo..hi {
        if let Some((sure, name)) =
            author_at(page, j, near, keep, title).filter(|(_, n)| !has_ui_word(n))
        {
            let dist = j.abs_diff(near);
            if best
                .as_ref()
                .is_none_or(|(s, d, _)| sure > *s || (sure == *s && dist < *d))
            {
                best = Some((sure, dist, name));
            }
        }
    }
    if let Some((_, _, n)) = best {
        return Some(n);
    }
    // (the lines of the window, which named no one, are not read again)
    (0..m.min(60))
        .filter(|j| !(lo..hi).contains(j))
        .find_map(|j| {
            author_at(page, j, near, keep, title)
                .filter(|(sure, n)| *sure >= 2 && !has_ui_word(n))
                .map(|(_, n)| n)
        })
}

/// A byline block anywhere on the page: an explicit byline ("Written by X", "By X") with a
/// publication date on its line or within two content lines of it. Such a block names the
/// article's author and date wherever it stands (under the text, or under a headline the
/// title search did not take), so it is the fallback of both searches when the lines around
/// the headline name none. Only a page's one such block counts: blocks of two or more names
/// are a list (reviews under a product, teasers of other posts, a store's publishers).
/// Returns the name and the date.
pub(super) fn byline_block(page: &Page, keep: &[bool]) -> Option<(String, String)> {
    let m = page.content.len();
    let blocks = (0..m).filter_map(|j| {
        let i = page.content[j];
        // only a line with a byline cue word can hold an explicit byline (see `author_at`)
        if page.cues[i].get(Cue::Byline) == 0 || page.stats[i].words > 20 {
            return None;
        }
        let Some((3, name)) = author_at(page, j, j, keep, None) else {
            return None;
        };
        let date = (j.saturating_sub(2)..(j + 3).min(m))
            .find_map(|k| super::date::page_date_at(page, k))?;
        Some((name, date))
    });
    super::only_one(blocks, |(name, _)| name)
}

/// A line that is a byline and nothing else: "Written by Ann Lee", "By Ann Lee", "Author:
/// Ann Lee" (the name may end in `.` or `,`). Its name, cleaned, and whether it names an
/// author: a single-word name only after "written by" or "posted by", as "By Industry" is a
/// menu's facet, and no names joined by "&" or "and", which under no date are as often a
/// facet ("By Door Locks & Smart Locks") as an author box of two.
fn whole_line_byline(line: &str) -> Option<(String, bool)> {
    let (start, name) = byline_name(&BYLINE_HEAD, line)?;
    let rest = &line[name.as_ptr() as usize - line.as_ptr() as usize + name.len()..];
    if start != 0 || !rest.trim_matches([' ', '\t', '.', ',']).is_empty() {
        return None;
    }
    let n = clean_name(name)?;
    if n.contains('&') || n.split_whitespace().any(|w| w.eq_ignore_ascii_case("and")) {
        return Some((n, false));
    }
    let head = line
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .as_bytes();
    let explicit = head.len() >= 9
        && (head[..9].eq_ignore_ascii_case(b"written b")
            || head[..9].eq_ignore_ascii_case(b"posted by"));
    let taken = n.contains(' ') || explicit;
    Some((n, taken))
}

/// An author box's heading anywhere on the page (see [`BYLINE_ALONE`]), the next content
/// line a name and nothing else (of two words at least: "Written by" then "Admin" is a
/// role's). The page must have one such name, as in [`author_box`].
pub(super) fn heading_box(page: &Page) -> Option<String> {
    let m = page.content.len();
    let boxes = (0..m.saturating_sub(1)).filter_map(|j| {
        let i = page.content[j];
        // (every heading is a byline cue word, which the analysis has counted)
        if page.stats[i].words > 3
            || page.cues[i].get(Cue::Byline) == 0
            || !BYLINE_ALONE.is_match(&page.lines[i])
        {
            return None;
        }
        let k = page.content[j + 1];
        let st = &page.stats[k];
        if st.words > 5 || st.digits > 0 || page.shapes[k] != 0 {
            return None;
        }
        let line = unbulleted(&page.lines[k]);
        if !NAME_LINE.is_match(line) || line.split_whitespace().any(is_name_stop) {
            return None;
        }
        clean_name(line).filter(|n| n.contains(' '))
    });
    super::only_one(boxes, |name| name)
}

/// An author box anywhere on the page whose name stands alone and whose biography opens with
/// it, or with its first name, and a verb: "Alban Brooke", then "Alban Brooke is the Head of
/// Marketing at Buzzsprout..."; "Maria Mathioudaki", then "Maria is a growth analyst...". The
/// biography must read as a person's (a pronoun or a job's word: "Sony Bravia" then "Sony
/// Bravia is a line of TVs" is a product's). The page must have one such name, as in
/// [`author_box`].
pub(super) fn bio_box(page: &Page) -> Option<String> {
    const VERBS: &[&str] = &[
        "is",
        "was",
        "has",
        "writes",
        "covers",
        "comes",
        "joined",
        "leads",
        "holds",
        "works",
        "specializes",
        "specialises",
        "brings",
        "loves",
    ];
    const PERSON: &[&str] = &[
        "he",
        "she",
        "his",
        "her",
        "writer",
        "editor",
        "author",
        "journalist",
        "analyst",
        "founder",
        "co-founder",
        "expert",
        "specialist",
        "reporter",
        "contributor",
        "manager",
        "director",
        "freelance",
        "researcher",
        "consultant",
    ];
    let m = page.content.len();
    let boxes = (0..m.saturating_sub(1)).filter_map(|j| {
        let (i, k) = (page.content[j], page.content[j + 1]);
        let st = &page.stats[i];
        if st.words < 2 || st.words > 4 || st.digits > 0 || st.bullet || page.shapes[i] != 0 {
            return None;
        }
        if page.stats[k].words < 8 {
            return None;
        }
        let (line, bio) = (page.lines[i].trim(), page.lines[k].trim());
        let first = line.split_whitespace().next()?;
        let rest = bio
            .strip_prefix(line)
            .or_else(|| bio.strip_prefix(first))?
            .strip_prefix(' ')?;
        let verb = rest.split_whitespace().next()?;
        // (the name's regex last: most lines of two to four words are a menu's)
        if !VERBS.contains(&verb)
            || !NAME_LINE.is_match(line)
            || line.split_whitespace().any(is_name_stop)
            || has_function_word(page, line)
        {
            return None;
        }
        // (a word of the name itself says nothing: "Cross-Channel Marketing Experts is ...")
        let own = |w: &str| line.split_whitespace().any(|n| n.eq_ignore_ascii_case(w));
        let person = bio
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .take(40)
            .any(|w| PERSON.contains(&w.to_lowercase().as_str()) && !own(w));
        person.then(|| clean_name(line)).flatten()
    });
    super::only_one(boxes, |name| name)
}

/// An author's photo anywhere on the page, its alt text (see [`AVATAR`]) followed within two
/// content lines by the name alone, the link of the photo's author box: "Picture of Ahmet
/// Serhan", "Ahmet Serhan" (blogs print it under the text, out of reach of the search near
/// the headline). As in [`author_box`], the page must have one such name: two or more are
/// a list (comments, reviews, a team).
pub(super) fn avatar_box(page: &Page) -> Option<String> {
    let m = page.content.len();
    let boxes = (0..m).filter_map(|j| {
        let name = avatar_name(page, j)?;
        (j + 1..(j + 3).min(m))
            .any(|k| unbulleted(&page.lines[page.content[k]]).eq_ignore_ascii_case(&name))
            .then_some(name)
    });
    super::only_one(boxes, |name| name)
}

/// An author box anywhere on the page: a line that is a byline and nothing else (see
/// [`whole_line_byline`]), as blogs print under the text ("Written by Ann Lee", then a
/// biography) where no date stands beside it (else [`byline_block`] takes it). The fallback
/// of the searches near the headline and of the byline block, so it only fills an author
/// none of them found. As in the byline block, the page must have one such name: two or more
/// are a list (teasers of other posts, reviews, a menu's facets, "By Company Size" beside "By
/// Role", which counts as a name here though it names no author).
pub(super) fn author_box(page: &Page) -> Option<String> {
    let boxes = page.content.iter().filter_map(|&i| {
        let st = &page.stats[i];
        // (a menu's facet is an item of a list, "• By Company Size"; a teaser's byline is cut
        // short, "By Ann Lee, MD..."; a byline starts with a capital, where "by Kim K" is
        // the end of a sentence the scrape broke)
        if page.cues[i].get(Cue::Byline) == 0 || st.words > 8 || st.bullet {
            return None;
        }
        let line = page.lines[i].trim();
        if !line.starts_with(|c: char| c.is_uppercase())
            || line.ends_with("..")
            || line.ends_with('…')
        {
            return None;
        }
        whole_line_byline(line)
    });
    super::only_one(boxes, |(name, _)| name)
        .filter(|(_, taken)| *taken)
        .map(|(n, _)| n)
}
