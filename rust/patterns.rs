//! Shapes of short lines that are almost never article text on their own: a temperature, a
//! bare date or time, a phone number, a price, a count ("6 Comments", "3 min read"), a byline.
//! Checked only on short lines, with one `RegexSet` pass.

use std::sync::LazyLock;

use regex::RegexSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Shape {
    Temperature = 0,
    Date,
    Time,
    Phone,
    Price,
    Count,
    Byline,
    Email,
}
pub const N_SHAPES: usize = 8;
pub const SHAPE_NAMES: [&str; N_SHAPES] = ["temperature", "date", "time", "phone", "price", "count", "byline", "email"];

/// Lines longer than this are never matched (the shapes describe short lines).
pub const MAX_SHAPE_BYTES: usize = 120;

const MONTHS: &str = r"(?:jan(?:uary|uar|vier|eiro)?|feb(?:ruary|ruar|rero)?|f[ée]vr(?:ier)?|mar(?:ch|s|zo|ço)?|m[äa]rz|apr(?:il)?|avr(?:il)?|abr(?:il)?|may|mai|mayo|maio|jun(?:e|i|io|ho)?|juin|jul(?:y|i|io|ho)?|juil(?:let)?|aug(?:ust)?|ao[ûu]t|ago(?:sto)?|sep(?:t|tember|tembre|tiembre)?|set(?:embro|tembre)?|oct(?:ober|obre|ubre)?|okt(?:ober)?|out(?:ubro)?|nov(?:ember|embre|iembre)?|dec(?:ember)?|d[ée]c(?:embre)?|dez(?:ember|embro)?|dic(?:iembre|embre)?)\.?";
const WEEKDAYS: &str = r"(?:mon|tue|tues|wed|thu|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo";

static SET: LazyLock<RegexSet> = LazyLock::new(|| {
    let date = format!(
        r"(?i)^\s*(?:(?:{wd}),?\s*)?(?:\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}|(?:{m})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?:{m}),?\s+\d{{4}}|(?:{m})\s+\d{{4}})(?:[,\s]+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?)?\s*$",
        wd = WEEKDAYS,
        m = MONTHS
    );
    RegexSet::new([
        // 35.1 C, -3°, 72 °F, 21ºC
        r"(?i)^\s*[-+−]?\d{1,3}(?:[.,]\d)?\s*(?:°|º|˚)?\s*(?:[CF]|°|º)\s*$",
        date.as_str(),
        r"(?i)^\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s*$",
        r"^\s*(?:[A-Za-z .:]{0,12})?\+?\(?\d{1,4}\)?(?:[\s.\-]?\(?\d{2,5}\)?){2,5}\s*$",
        r"^\s*(?:[A-Z]{0,3}\s?)?[$€£¥₹]\s?\d[\d,.]*(?:\s?[A-Z]{3})?\s*$|^\s*\d[\d,.]*\s?(?:[$€£¥₹]|USD|EUR|GBP)\s*$",
        r"(?i)^\s*[\d.,]+\s*[kmb]?\s+(?:comments?|replies|reply|views?|likes?|shares?|min(?:ute)?s?\s+read|reviews?|ratings?|votes?|followers|answers?|posts?|items?|results?|photos?|kommentare?|commentaires?|comentarios?)\s*$",
        r"^\s*(?i:by|written by|posted by|von|par|por|di|door)\s+\p{Lu}[\p{L}.'\-]*(?:\s+(?:\p{Lu}[\p{L}.'\-]*|de|van|von|da|di|del|la|le|and|&|und|et|y|e))*\s*(?:[,|·\-–]\s*.{0,40})?$",
        r"^\s*[\w.+\-]+@[\w\-]+\.[\w.\-]+\s*$",
    ])
    .expect("shape regexes compile")
});

/// Bit mask of the [`Shape`]s `line` matches.
pub fn shapes(line: &str) -> u16 {
    if line.len() > MAX_SHAPE_BYTES {
        return 0;
    }
    // every shape but the byline needs a digit or an '@'; the byline starts with its word.
    // Most lines fail both tests, and never reach the regexes.
    let b = line.as_bytes();
    if !b.iter().any(|c| c.is_ascii_digit() || *c == b'@') && !starts_like_byline(line) {
        return 0;
    }
    let mut m = 0u16;
    for i in SET.matches(line).iter() {
        m |= 1 << i;
    }
    m
}

fn starts_like_byline(line: &str) -> bool {
    let t = line.trim_start().as_bytes();
    let word_end = t.iter().position(|c| !c.is_ascii_alphabetic()).unwrap_or(t.len());
    let w = &t[..word_end];
    ["by", "written", "posted", "von", "par", "por", "di", "door"].iter().any(|k| w.eq_ignore_ascii_case(k.as_bytes()))
}

#[inline]
pub fn has(mask: u16, s: Shape) -> bool {
    mask & (1 << s as u16) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines() {
        assert!(has(shapes("35.1 C"), Shape::Temperature));
        assert!(has(shapes("-3 °C"), Shape::Temperature));
        assert!(has(shapes("Tuesday, April 23, 2024"), Shape::Date));
        assert!(has(shapes("23 April 2024"), Shape::Date));
        assert!(has(shapes("2024-04-23"), Shape::Date));
        assert!(has(shapes("14:35"), Shape::Time));
        assert!(has(shapes("    +1 212 318 2000"), Shape::Phone));
        assert!(has(shapes("+44 20 7330 7500"), Shape::Phone));
        assert!(has(shapes("$1,299.00"), Shape::Price));
        assert!(has(shapes("6 Comments"), Shape::Count));
        assert!(has(shapes("3 min read"), Shape::Count));
        assert!(has(shapes("By Christian Roth"), Shape::Byline));
        assert!(has(shapes("info@example.com"), Shape::Email));
    }

    #[test]
    fn prose_is_not_a_shape() {
        assert_eq!(shapes("In 2015, the dominant Chinese intelligence force was military."), 0);
        assert_eq!(shapes("Trade Ties"), 0);
        assert!(!has(shapes("by the way this is not a byline"), Shape::Byline));
    }
}
