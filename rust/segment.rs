//! Unbroken text: scrapes that lost their line breaks. `" ".join(soup.stripped_strings)`,
//! `get_text(" ", strip=True)` and whitespace-collapsing dataset builders give a page as one
//! line, menu, article and footer run together. The line scorer can only keep or drop that
//! line whole (on the WCXB dev pages joined this way, `clean_text` kept everything: F1 0.683,
//! the same as keeping every line). Such a text is first cut into segments, each a line of
//! its own: at sentence ends, at menu separators standing between spaces (`Home | News`),
//! where a run of capitalised words meets a sentence ([`CAPS_RUN`]), and where a piece is
//! still longer than [`MAX_SEGMENT`] characters, at the last space before that; a run of
//! pieces shorter than [`MIN_SEGMENT`] is joined again. The scorer then
//! reads segments as it reads the lines of a scrape.
//!
//! Every segment is a piece of one input line: only the whitespace and the lone separators
//! between segments are left out, so a kept segment is text of the input. Lines of at most
//! [`MAX_SEGMENT`] characters are left as they are.
//!
//! Written by hand: sentence splitters (unicode-segmentation's sentence bounds, punkt-style
//! models) split every "Dr." and every lower-case sentence start alike and never split a menu,
//! and the cut here must also bound each piece's length.

use crate::lines::split_lines;

/// A line this long or longer (in characters) is not a line of a scrape that kept its breaks.
/// A text is read as unbroken when nine tenths of its characters are in such lines (see
/// [`looks_unbroken`]): a text joined into one line, or a few. Scrapes with some long lines
/// among many short ones are read as they are: 7 of the 1,358 WCXB dev pages, as scraped,
/// have between 56% and 83% of their characters in such lines (listing and product pages
/// whose cards were written on one line, and one article), and on each of them cutting the
/// long lines lost F1 (0.599 to 0.546 on one, 0.225 to 0.102 on another: `segment=True`
/// against `False`, a one-off check with a scratch script, not in the repository); the line
/// scorer keeps or drops such a card whole well enough.
pub const UNBROKEN_LINE: usize = 2000;

/// Segments are cut to at most this many characters: about two sentences' worth. Shorter
/// segments separate a run of menu words from the sentence it was joined to more often. On
/// the dev pages joined into one line, a Python prototype of this cut (sentence ends,
/// separators, then the length) gave F1 0.805 at 150 and 200 characters, 0.797 at 100, 0.791
/// at 300 and 0.780 at 600 (in-sample; the prototype was a scratch script, not in the
/// repository: `benchmarks/quality.py`'s joined-text rows give the shipped figure).
pub const MAX_SEGMENT: usize = 200;

/// A piece is also cut before a capitalised word that follows this many words that start
/// with a capital or with no letter, when the word after it starts lower case: where a run
/// of menu items joined by spaces ("Home News Sport Weather") meets the sentence after it
/// ("The council met"). On the dev pages joined into one line this cut took F1 from 0.790 to
/// 0.800 (a scratch prototype over the segments, while choosing, not in the repository: a run
/// of 3, 4 and 6 gave 0.800, 0.800 and 0.797; looking at the next three words instead of one,
/// the same; `quality.py`'s joined rows went from 0.788 to 0.798 with it, at b36e1e4 and
/// b355e72). A sentence
/// heavy with names ("... the United States Supreme Court Justice John Roberts said") is cut
/// in two, and both halves read as prose; a menu item with a lower-case word ("Sign in")
/// starts a segment of its own.
pub const CAPS_RUN: usize = 3;

/// Pieces shorter than this (in characters) are joined to the next piece of their line.
pub const MIN_SEGMENT: usize = 24;

/// Whether `text` reads as unbroken: at least nine tenths of its characters are in lines of
/// [`UNBROKEN_LINE`] characters or more. A text of segments (what [`segment`] gives) never
/// does, so cleaning clean output reads it as it is.
pub fn looks_unbroken(text: &str) -> bool {
    // (a line of UNBROKEN_LINE characters has at least that many bytes)
    if text.len() < UNBROKEN_LINE {
        return false;
    }
    let mut long = 0usize;
    let mut shorter_bytes = 0usize;
    for l in split_lines(text) {
        if l.len() >= UNBROKEN_LINE {
            let n = l.chars().count();
            if n >= UNBROKEN_LINE {
                long += n;
                continue;
            }
        }
        shorter_bytes += l.len() + 1;
        // asked of every text: stop once the other lines are too many for it to be true (the
        // long lines' characters are at most the rest's bytes, the others' at least a quarter
        // of theirs), which in a scrape is a third of the way through
        if 4 * (text.len() - shorter_bytes.min(text.len())) < 9 * shorter_bytes {
            return false;
        }
    }
    // the other lines' characters (with their line breaks) are at most their bytes: counted
    // only when that bound does not decide
    long > 0 && (long >= 9 * shorter_bytes || long >= 9 * (text.chars().count() - long))
}

/// A text cut into segments (see [`segment`]).
pub struct Segments {
    /// The lines, each long line replaced by its segments, joined by `\n`.
    pub text: String,
    /// For each input line, the index of its first line in `text`.
    pub first: Vec<usize>,
    /// The number of lines of `text`.
    pub lines: usize,
    /// Whether any line was cut.
    pub cut: bool,
}

/// The lines of `text`, each line longer than [`MAX_SEGMENT`] characters cut into segments.
/// A long line is cut as the line pass will read it, normalised
/// (`normalize::normalize_line`): normalisation can lengthen a line (NFC writes some
/// characters as two), and a segment must stay within [`MAX_SEGMENT`] for the text of
/// segments to be cut to itself again.
pub fn segment(text: &str) -> Segments {
    let mut out = Segments {
        text: String::with_capacity(text.len() + text.len() / 64),
        first: Vec::new(),
        lines: 0,
        cut: false,
    };
    let push = |out: &mut Segments, p: &str| {
        if out.lines > 0 {
            out.text.push('\n');
        }
        out.text.push_str(p);
        out.lines += 1;
    };
    for line in split_lines(text) {
        out.first.push(out.lines);
        if line.len() <= MAX_SEGMENT || line.chars().nth(MAX_SEGMENT).is_none() {
            push(&mut out, line);
            continue;
        }
        let norm = crate::normalize::normalize_line(line);
        if norm.chars().nth(MAX_SEGMENT).is_none() {
            push(&mut out, &norm);
            continue;
        }
        out.cut = true;
        let mut pieces = Vec::new(); // (borrowing `norm`: one for each line cut)
        segment_line(&norm, &mut pieces);
        if pieces.is_empty() {
            // a line of separators and spaces only: one empty line keeps its place
            push(&mut out, "");
        }
        for p in pieces {
            push(&mut out, p);
        }
    }
    out
}

/// Cut one line into its segments (appended to `out`; each non-empty and without spaces at
/// its ends).
fn segment_line<'a>(line: &'a str, out: &mut Vec<&'a str>) {
    // the line's words: (start, end) of each run of non-space characters
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, line.len()));
    }
    // pieces: runs of words between breaks, a lone separator dropped with the breaks around it
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut piece: Option<(usize, usize)> = None;
    let flush = |piece: &mut Option<(usize, usize)>, spans: &mut Vec<(usize, usize)>| {
        spans.extend(piece.take());
    };
    // words at the end of the current piece that start with a capital or with no letter
    let mut caps = 0usize;
    for (k, &(s, e)) in words.iter().enumerate() {
        let w = &line[s..e];
        if is_lone_separator(w) {
            flush(&mut piece, &mut spans);
            caps = 0;
            continue;
        }
        let first = w.chars().next().expect("words are not empty");
        if piece.is_some() && caps >= CAPS_RUN && first.is_uppercase() && w != "I" {
            // a run of capitalised words (a menu: "Home News Sport Weather"), then a capital
            // that a lower-case word follows: prose starts here
            let prose = words
                .get(k + 1)
                .is_some_and(|&(s2, _)| line[s2..].chars().next().is_some_and(char::is_lowercase));
            if prose {
                flush(&mut piece, &mut spans);
                caps = 0;
            }
        }
        caps = if first.is_uppercase() || !first.is_alphabetic() {
            caps + 1
        } else {
            0
        };
        // sentence ends of scripts without spaces (`。`), inside the word or at its end
        let mut from = s;
        for (i, c) in w.char_indices() {
            if matches!(c, '。' | '！' | '？') {
                let end = s + i + c.len_utf8();
                piece = Some((piece.map_or(from, |p| p.0), end));
                flush(&mut piece, &mut spans);
                caps = 0;
                from = end;
            }
        }
        if from < e {
            piece = Some((piece.map_or(from, |p| p.0), e));
            let next = words.get(k + 1).map(|&(s2, e2)| &line[s2..e2]);
            if next.is_some_and(|nx| ends_sentence(&line[from..e], nx)) {
                flush(&mut piece, &mut spans);
                caps = 0; // (counted afresh in the next sentence)
            }
        }
    }
    flush(&mut piece, &mut spans);
    // a run of pieces shorter than MIN_SEGMENT is joined (with what lies between them) into
    // segments of at least that length: a line then has at most two segments for every
    // MIN_SEGMENT characters, which bounds the line pass's memory (about 1 KB a line) by the
    // text's size, where "A. B. C. ..." would otherwise give a line for every 3 bytes
    let short = |(s, e): (usize, usize)| line[s..e].chars().nth(MIN_SEGMENT - 1).is_none();
    let mut k = 0;
    while k < spans.len() {
        let (s, mut e) = spans[k];
        k += 1;
        while k < spans.len() && short((s, e)) && short(spans[k]) {
            e = spans[k].1;
            k += 1;
        }
        cut_long(&line[s..e], out);
    }
}

/// A word made of one menu separator (`|`, `·`, `•`, `»`, `›`, `¦`, `▪`, `►`).
fn is_lone_separator(w: &str) -> bool {
    let mut cs = w.chars();
    matches!(
        (cs.next(), cs.next()),
        (Some('|' | '·' | '•' | '»' | '›' | '¦' | '▪' | '►'), None)
    )
}

/// Whether a sentence ends after the word `w` when `next` follows it: `w` ends in `.`, `!`,
/// `?` or `…` (closing quotes and brackets after it allowed) and `next` starts with an
/// upper-case letter or a digit (opening quotes and brackets before it allowed). Not after
/// an initial (`J.`), a dotted abbreviation (`U.S.`) or a title before a name (`Dr.`).
fn ends_sentence(w: &str, next: &str) -> bool {
    let core = w.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    let Some(stop) = core.chars().next_back() else {
        return false;
    };
    if !matches!(stop, '.' | '!' | '?' | '…') {
        return false;
    }
    let starts_upper = next
        .trim_start_matches(['"', '\'', '“', '‘', '(', '[', '«', '¿', '¡'])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    if !starts_upper {
        return false;
    }
    if stop == '.' {
        let stem = core[..core.len() - 1].trim_start_matches(['"', '\'', '“', '‘', '(', '[']);
        if stem.chars().count() <= 1 || stem.contains('.') || is_abbreviation(stem) {
            return false;
        }
    }
    true
}

/// Abbreviations after which a full stop ends no sentence: titles written before a name, and
/// those written before a number (`No. 5`, `Fig. 3`, `14 Mio. Euro`).
fn is_abbreviation(stem: &str) -> bool {
    const TITLES: [&str; 28] = [
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Mt", "Gen", "Col", "Lt", "Rev", "Hon",
        "Sgt", "vs", "Capt", "Gov", "Sen", "Rep", "Cllr", "No", "Nos", "Nr", "Fig", "Vol", "Mio",
        "Mrd",
    ];
    TITLES.contains(&stem)
}

/// Append `piece`, cut into parts of at most [`MAX_SEGMENT`] characters, as few as that
/// allows and of about equal length (a greedy cut left tails of a word or two, which read as
/// fragments and were dropped): each at the last space before its share of the piece, or at
/// the share itself when the part has no space in its second half (a run of text without
/// spaces, as Chinese is written).
fn cut_long<'a>(piece: &'a str, out: &mut Vec<&'a str>) {
    let mut piece = piece.trim();
    let mut n = piece.chars().count();
    while n > MAX_SEGMENT {
        let target = n.div_ceil(n.div_ceil(MAX_SEGMENT)); // <= MAX_SEGMENT, and < n
        let at = |k: usize| piece.char_indices().nth(k).map_or(piece.len(), |(i, _)| i);
        let (half, limit) = (at(target / 2), at(target));
        let cut = piece[half..limit]
            .char_indices()
            .rfind(|(_, c)| c.is_whitespace())
            .map_or(limit, |(i, _)| half + i);
        out.push(piece[..cut].trim_end());
        let rest = piece[cut..].trim_start();
        n -= piece[..piece.len() - rest.len()].chars().count();
        piece = rest;
    }
    if !piece.is_empty() {
        out.push(piece);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(line: &str) -> Vec<&str> {
        let mut v = Vec::new();
        segment_line(line, &mut v);
        v
    }

    #[test]
    fn cuts_at_sentence_ends_and_separators() {
        let t = "Home | News | Sport The council met on Monday evening. It approved the new \
                 riverside park! Work starts in May next year. Dr. Smith said so to the \
                 reporters. J. K. Rowling agreed with all of it.";
        assert_eq!(
            segs(t),
            [
                "Home | News",
                "Sport The council met on Monday evening.",
                "It approved the new riverside park!",
                "Work starts in May next year.",
                "Dr. Smith said so to the reporters.",
                "J. K. Rowling agreed with all of it."
            ]
        );
    }

    #[test]
    fn no_break_before_lower_case_or_inside_abbreviations() {
        assert_eq!(
            segs("It rose 3.5 per cent. in May, said the U.S. Army and e.g. more."),
            ["It rose 3.5 per cent. in May, said the U.S. Army and e.g. more."]
        );
        assert_eq!(
            segs("He said “Stop the works now.” “Why would we?” she asked him."),
            [
                "He said “Stop the works now.”",
                "“Why would we?” she asked him."
            ]
        );
    }

    #[test]
    fn a_run_of_capitalised_menu_words_is_cut_from_the_prose_after_it() {
        // a menu item with a lower-case word in it ("Sign in") reads as prose starting there
        assert_eq!(
            segs("Home News Sport Weather Sign in The council met on Monday evening at the town hall."),
            [
                "Home News Sport Weather",
                "Sign in The council met on Monday evening at the town hall."
            ]
        );
        assert_eq!(
            segs("Home News Sport Weather Subscribe The council met on Monday evening at the town hall."),
            [
                "Home News Sport Weather Subscribe",
                "The council met on Monday evening at the town hall."
            ]
        );
        // names inside a sentence: two capitals are no run
        assert_eq!(
            segs("The mayor of New York said the park would open in the spring of next year."),
            ["The mayor of New York said the park would open in the spring of next year."]
        );
    }

    #[test]
    fn segments_are_cut_from_the_normalised_line_and_stay_within_the_limit() {
        // NFC writes U+0958 (Devanagari qa) as two characters: cut on the raw line, a
        // segment of 200 characters became 230 in the line pass
        let hindi = "\u{0958}\u{093e}\u{0928}\u{0942}\u{0928} ".repeat(60);
        let Segments { text: out, cut, .. } = segment(&hindi);
        assert!(cut);
        for l in out.split('\n') {
            let norm = crate::normalize::normalize_line(l);
            assert_eq!(norm, l, "a segment is in normal form");
            assert!(l.chars().count() <= MAX_SEGMENT);
        }
        assert_eq!(segment(&out).text, out);
        // a line that is not cut stays as it is
        let same = segment("short\n  line  ");
        assert!(!same.cut);
        assert_eq!(same.text, "short\n  line  ");
    }

    #[test]
    fn a_name_after_a_sentence_end_is_not_a_run_of_capitals() {
        let t = "It is paid by the National Lottery Heritage Fund. Dr. Amira Khan, an ecologist, said so.";
        assert_eq!(
            segs(t),
            [
                "It is paid by the National Lottery Heritage Fund.",
                "Dr. Amira Khan, an ecologist, said so."
            ]
        );
        assert_eq!(
            segs("Registered in England No. 123456 and in Wales. See Fig. 3 for the plan of the park."),
            ["Registered in England No. 123456 and in Wales.", "See Fig. 3 for the plan of the park."]
        );
    }

    #[test]
    fn long_pieces_are_cut_into_parts_of_about_equal_length() {
        let t = format!("{} tail words.", "word ".repeat(41)); // 216 characters, no sentence end inside
        let parts = segs(&t);
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| p.chars().count() >= 90), "{parts:?}");
    }

    #[test]
    fn short_pieces_are_joined_so_segments_stay_few() {
        let t = "A. B. C. D. E. F. G. H. I. J. K. L. M. N. O. P. Q. R. S. T. ".repeat(20);
        let parts = segs(&t);
        // (initials do not end sentences: the line is cut by length alone)
        assert!(parts.len() <= 2 * t.len() / MIN_SEGMENT + 1);
        let t = "Yes. No. Maybe. Sure. Fine. Okay. ".repeat(50);
        let parts = segs(&t);
        assert!(
            parts.len() <= 2 * t.len() / MIN_SEGMENT + 1,
            "{}",
            parts.len()
        );
        assert!(parts[..parts.len() - 1]
            .iter()
            .all(|p| p.chars().count() >= MIN_SEGMENT));
    }

    #[test]
    fn long_pieces_are_cut_at_spaces_and_text_without_spaces_at_the_limit() {
        let words = "word ".repeat(100);
        let parts = segs(words.trim());
        assert!(parts.len() >= 3);
        for p in &parts {
            assert!(p.chars().count() <= MAX_SEGMENT, "{p}");
            assert!(!p.starts_with(' ') && !p.ends_with(' '));
            assert!(p.split(' ').all(|w| w == "word"), "a word was cut: {p}");
        }
        let han = "汉".repeat(450);
        let parts = segs(&han);
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_SEGMENT));
        assert_eq!(parts.concat(), han);
        // Chinese sentence ends cut inside a run without spaces
        let zh = format!("{}。{}。", "字".repeat(150), "文".repeat(150));
        assert_eq!(
            segs(&zh),
            [
                format!("{}。", "字".repeat(150)),
                format!("{}。", "文".repeat(150))
            ]
        );
    }

    #[test]
    fn segments_are_text_of_the_line_and_short_lines_stay() {
        let long = format!(
            "Menu » About » Contact {} The end.",
            "This is a sentence of the article. ".repeat(20)
        );
        let text = format!("Short line\n\n{long}\nLast line");
        let Segments {
            text: out,
            first,
            lines,
            cut,
        } = segment(&text);
        assert!(cut);
        assert_eq!(lines, out.split('\n').count());
        let lines: Vec<&str> = out.split('\n').collect();
        assert_eq!(lines[0], "Short line");
        assert_eq!(lines[1], "");
        assert_eq!(first, vec![0, 1, 2, lines.len() - 1]);
        assert_eq!(*lines.last().unwrap(), "Last line");
        for l in &lines[2..lines.len() - 1] {
            assert!(long.contains(l) && !l.is_empty(), "{l:?}");
        }
        assert_eq!(lines[2], "Menu » About");
        // a text of segments is not read as unbroken again, and segments it to itself
        assert!(!looks_unbroken(&out));
        assert_eq!(segment(&out).text, out);
    }

    #[test]
    fn unbroken_texts_are_told_from_scrapes() {
        let para = "A sentence of ordinary prose, as scrapes have them. ".repeat(10);
        let scrape = format!("Home\nNews\n{para}\n{para}\nFooter");
        assert!(!looks_unbroken(&scrape));
        let joined = scrape.replace('\n', " ");
        assert!(joined.chars().count() < UNBROKEN_LINE || looks_unbroken(&joined));
        let big = format!("Home News {} Footer", para.repeat(5));
        assert!(looks_unbroken(&big));
        // a few short lines beside it, as a scrape's title line: still unbroken
        assert!(looks_unbroken(&format!("Title\n{big}\nA last line")));
        // long lines among short ones (cards written on one line): a scrape
        let cards = format!("{big}\n{}", "A short line of a menu\n".repeat(30));
        assert!(!looks_unbroken(&cards));
        // one long line among many ordinary ones is a long paragraph, not an unbroken text
        let mixed = format!(
            "{}\n{}",
            para.repeat(5),
            "An ordinary line of text.\n".repeat(200)
        );
        assert!(!looks_unbroken(&mixed));
        assert!(!looks_unbroken(""));
        let han = "汉".repeat(UNBROKEN_LINE - 1); // 3 bytes a character, fewer characters
        assert!(!looks_unbroken(&han));
    }
}
