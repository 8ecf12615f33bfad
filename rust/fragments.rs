//! Lines broken at inline elements, joined back into their paragraphs.
//!
//! `BeautifulSoup.get_text("\n")` and the scrapers built like it put every text node on a line
//! of its own, so a paragraph with links in it comes out in pieces: `: Scott Keatley, R.D., is
//! co-owner of ` / `Keatley Medical Nutrition Therapy` / `; Keri Gans, R.D.N., is author of ` /
//! `The Small Change Diet` / `.`. Read line by line, a link's text is a short line among short
//! lines (a menu item) and the pieces around it are not sentences: the dev pages so converted scored F1 0.828 against 0.870 for the
//! pack's own text, the loss mostly recall (`benchmarks/scrapers.py`).
//!
//! A text node cut off by an inline element keeps its whitespace, which no line of text written
//! line by line has. Line `b` continues line `a` (see [`joins`]) when `a` ends in words
//! (a letter, a digit, a closing quote) and `a` ends with one space (`favorite `), or `b`
//! starts with one space and a lower-case letter (` shows that`) after a line that is not
//! indented, or `b` is a piece of a sentence that a punctuation mark starts (`, functional
//! teas`, `.`). Such runs are joined into their first line as they were written (`a` then `b`,
//! no space added), an empty line in each other line's place (the line count stays, so line
//! `i`'s decision is still about input line `i`). A list item, a heading, a quote or a line of
//! code (`hardwrap::code_like`: braces, `=`, a tag, a call, `::`, a command's flag, ...)
//! continues no line and is continued by none, nor does a line indented by more than one
//! space continue one.
//!
//! A text is read as broken so when [`MIN_EVIDENCE`] lines or more continue the one before:
//! none of the first 400 dev pages as they are, most of them as `get_text("\n")` gives them
//! (a quarter of them have 10 or fewer). Cleaning again changes nothing: the clean text's
//! lines are normalised, with no space at either end, so only the punctuation rule can join
//! them, and it is read off the normalised lines ([`evidence`] takes both the raw and the
//! normalised lines): the clean text of a text not read as broken has fewer such lines than
//! its input, and a joined text has none left.

use crate::hardwrap::{code_like, starts_block};

/// Lines continuing the one before a text needs to be read as broken at inline elements.
pub const MIN_EVIDENCE: usize = 5;

/// Whether a line is a piece of a sentence that a punctuation mark starts: `.` or `,` alone,
/// or one of `, ; : . ! ?` then a space and a letter (`, and`, `; the`, `: Scott`). No line
/// of text written line by line starts so; code does (`? x`, `: y`, `;`), but not with a
/// letter after a space.
fn continues_sentence(norm: &str) -> bool {
    if norm == "." || norm == "," {
        return true;
    }
    let mut cs = norm.chars();
    matches!(cs.next(), Some(',' | ';' | ':' | '.' | '!' | '?'))
        && cs.next() == Some(' ')
        && cs.next().is_some_and(char::is_alphabetic)
}

/// Whether a line ends as a piece of a sentence cut by an inline element does: with a letter,
/// a digit or a closing quote (a link's text: `Keatley Medical Nutrition Therapy`, `2008`).
fn ends_in_words(norm: &str) -> bool {
    norm.chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '’' | '”' | '»'))
}

/// Leading spaces, tabs and no-break spaces of a raw line.
fn lead(raw: &str) -> usize {
    raw.chars()
        .take_while(|c| matches!(c, ' ' | '\t' | '\u{a0}'))
        .count()
}

/// Whether line `b` continues line `a` (see the module's doc), from their raw text and their
/// normalised text. Only the first two tests read the raw lines' spaces, which the normalised
/// lines (a clean text's) do not have.
fn joins((raw_a, norm_a): (&str, &str), (raw_b, norm_b): (&str, &str)) -> bool {
    if norm_a.is_empty() || norm_b.is_empty() {
        return false;
    }
    // the signs of a cut first (asked of every pair of lines, and most have none): a
    // sentence's punctuation starting `b`, a space ending `a` or starting `b`
    let punctuation = continues_sentence(norm_b);
    let end_space = raw_a.ends_with(' ') && !raw_a.ends_with("  ");
    let start_space = raw_b.starts_with(' ');
    if !(punctuation || end_space || start_space)
        || starts_block(norm_b)
        || !ends_in_words(norm_a)
        || code_like(norm_a)
        || code_like(norm_b)
    {
        return false;
    }
    if punctuation {
        return true;
    }
    if lead(raw_b) > 1 {
        return false;
    }
    end_space
        || (start_space
            && lead(raw_a) == 0
            && norm_b.chars().next().is_some_and(char::is_lowercase))
}

/// Lines continuing the one before (see [`joins`]), counted up to `enough`; `raw` and `norm`
/// give the same lines, raw and normalised.
fn evidence<'r, S: AsRef<str>>(
    raw: impl IntoIterator<Item = &'r str>,
    norm: &[S],
    enough: usize,
) -> usize {
    let mut n = 0;
    let mut prev: Option<(&str, &str)> = None;
    for (r, l) in raw.into_iter().zip(norm) {
        let here = (r, l.as_ref());
        if prev.is_some_and(|p| joins(p, here)) {
            n += 1;
            if n >= enough {
                break;
            }
        }
        prev = Some(here);
    }
    n
}

/// Whether the lines of `text` (`norm`: the same, normalised) read as broken at inline
/// elements (see the module's doc).
pub fn looks_broken<S: AsRef<str>>(text: &str, norm: &[S]) -> bool {
    evidence(crate::lines::split_lines(text), norm, MIN_EVIDENCE) >= MIN_EVIDENCE
}

/// The lines of `text` (`norm`: the same, normalised) with each run of lines that continue
/// one another joined into its first line (as written: no space added), an empty line in each
/// other line's place (see [`crate::lines::join_runs`]); `None` when no line continues another.
pub fn join<S: AsRef<str>>(text: &str, norm: &[S]) -> Option<String> {
    let raw: Vec<&str> = crate::lines::split_lines(text).collect();
    let n = raw.len().min(norm.len());
    let continues = |k: usize| {
        joins(
            (raw[k], norm[k].as_ref()),
            (raw[k + 1], norm[k + 1].as_ref()),
        )
    };
    crate::lines::join_runs(
        n,
        |k| (k..n - 1).find(|&j| !continues(j)).unwrap_or(n - 1),
        |k, last| raw[k..=last].concat(),
        |k| raw[k],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;
    use crate::normalize::normalize_line;

    fn both(t: &str) -> (Vec<&str>, Vec<String>) {
        let raw: Vec<&str> = split_lines(t).collect();
        let norm = raw.iter().map(|l| normalize_line(l).into_owned()).collect();
        (raw, norm)
    }

    const BROKEN: &str = "Menu\nHome\n\nExpect protein (see our favorite \nhigh-protein snacks\n\
        , to continue to be an it macronutrient.\nMeet the experts\n: Scott Keatley, R.D., is co-owner of \n\
        Keatley Medical Nutrition Therapy\n; Keri Gans is author of \nThe Small Change Diet\n.\n\
        Research\n shows that more people view alcohol as unhealthy.";

    #[test]
    fn text_nodes_are_joined_as_written() {
        let (raw, norm) = both(BROKEN);
        assert!(looks_broken(BROKEN, &norm));
        let j = join(BROKEN, &norm).expect("joined");
        let out: Vec<&str> = split_lines(&j).collect();
        assert_eq!(out.len(), raw.len(), "{j}");
        assert_eq!(out[0], "Menu");
        assert!(out.contains(
            &"Expect protein (see our favorite high-protein snacks, to continue to be an it macronutrient."
        ));
        assert!(out.contains(
            &"Meet the experts: Scott Keatley, R.D., is co-owner of Keatley Medical Nutrition \
              Therapy; Keri Gans is author of The Small Change Diet."
        ));
        assert!(out.contains(&"Research shows that more people view alcohol as unhealthy."));
        // the joined text, normalised (as the clean text is), leaves nothing to join
        let (raw2, norm2) = both(&j);
        let norm_text = norm2.join("\n");
        let raw3: Vec<&str> = split_lines(&norm_text).collect();
        assert_eq!(evidence(raw3.iter().copied(), &norm2, 99), 0);
        assert_eq!(evidence(raw2.iter().copied(), &norm2, 99), 0);
    }

    #[test]
    fn lines_written_line_by_line_are_not_joined() {
        for t in [
            "Home\nNews\nSport\n\nThe council met on Tuesday.\nIt voted for the park.",
            // code: indented lines, closing brackets, operators at line starts
            "fn main() {\n    let x = f(a,\n        b);\n    )\n}",
            "\t\tname &= name.len()\n\t\t\t? \" #user.firstName#\"\n\t\t\t: user.firstName\n\t\t;",
            "assert_eq!(x.is_ok(), \nprintln!(\"still alive\");",
            "Example: Send email \nimport type { Context } from \"@netlify/functions\";",
            // a countdown
            "DAYS\n:\n00\nHOURS\n:\n00",
            // list items and nested lists
            "Prices \n* one\n* two\n  - three",
            // the next line is indented more than one space
            "Webmaster \n    December 19, 2025",
        ] {
            let (raw, norm) = both(t);
            assert_eq!(evidence(raw.iter().copied(), &norm, 99), 0, "{t:?}");
            assert_eq!(join(t, &norm), None, "{t:?}");
        }
    }

    #[test]
    fn sentence_punctuation() {
        for t in [", and", "; the", ": Scott", "! And", ".", ",", ". But"] {
            assert!(continues_sentence(t), "{t}");
        }
        for t in [
            ".NET", "...", ")", "] x", "a, b", "- x", ";", ":", "? \"x\"", "!) to",
        ] {
            assert!(!continues_sentence(t), "{t}");
        }
    }
}
