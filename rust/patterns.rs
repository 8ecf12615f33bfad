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
pub const SHAPE_NAMES: [&str; N_SHAPES] = [
    "temperature",
    "date",
    "time",
    "phone",
    "price",
    "count",
    "byline",
    "email",
];

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
    matched_shapes(line)
}

/// [`shapes`] of a line whose caller knows whether it has an ASCII digit (the fast pass
/// counts them).
pub fn shapes_knowing(line: &str, has_digit: bool) -> u16 {
    if line.len() > MAX_SHAPE_BYTES
        || !has_digit
            && memchr::memchr(b'@', line.as_bytes()).is_none()
            && !starts_like_byline(line)
    {
        return 0;
    }
    matched_shapes(line)
}

/// The shapes' regexes on a line that passed the tests above.
fn matched_shapes(line: &str) -> u16 {
    // most lines that get here match no shape: `is_match` tells so without the overlapping
    // search for every pattern and the match set it allocates (half the cost)
    if !SET.is_match(line) {
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
    let word_end = t
        .iter()
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(t.len());
    let w = &t[..word_end];
    ["by", "written", "posted", "von", "par", "por", "di", "door"]
        .iter()
        .any(|k| w.eq_ignore_ascii_case(k.as_bytes()))
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
    fn shapes_are_the_set_matches() {
        // `shapes` asks `is_match` before `matches`: the same mask either way
        for line in [
            "35.1 C",
            "Tuesday, April 23, 2024 at 10:00 am",
            "3 min read",
            "By Christian Roth | 3 May",
            "• 3 items",
            "+44 20 7330 7500",
            "In 2015, the dominant Chinese intelligence force was military.",
            "mär 2024",
            "poſted by Ann 3",
        ] {
            let mut want = 0u16;
            for i in SET.matches(line).iter() {
                want |= 1 << i;
            }
            assert_eq!(shapes(line), want, "{line:?}");
        }
    }

    #[test]
    fn prose_is_not_a_shape() {
        assert_eq!(
            shapes("In 2015, the dominant Chinese intelligence force was military."),
            0
        );
        assert_eq!(shapes("Trade Ties"), 0);
        assert!(!has(
            shapes("by the way this is not a byline"),
            Shape::Byline
        ));
    }
}

// --- notices and widgets: phrases precise enough to drop a line whatever the scores say ---

// ASCII word boundaries (`(?-u:\b)`): with Unicode ones the regex crate's lazy DFA gives up
// on any line with a non-ASCII byte and a slower engine scans it (the caption check runs on
// the line under every short unpunctuated line; the cost: benchmarks/README.md, fourth
// session). Every boundary here stands beside an ASCII letter of the phrase, so the two
// differ only where a non-ASCII letter touches the phrase.
static COOKIE_NOTICE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)(?-u:\b)we use cookies(?-u:\b)|(?-u:\b)(this|our) (web)?site uses cookies|(?-u:\b)uses? cookies (to|and)(?-u:\b)|(?-u:\b)accept (all )?cookies(?-u:\b)|(?-u:\b)cookie (settings|preferences|consent)(?-u:\b)|(?-u:\b)by continuing to (browse|use)(?-u:\b)|(?-u:\b)consent to (the use of )?cookies(?-u:\b)|(?-u:\b)manage (your )?cookies(?-u:\b)|partners can use this purpose|store and/or access information on a device|use limited data to select|precise geolocation data|actively scan device characteristics|we process your data to deliver content",
    )
    .expect("cookie regex")
});

static BROWSER_NOTICE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)(?-u:\b)(upgrade|update|out[- ]of[- ]date|outdated|unsupported|not supported|no longer supported|download one of)(?-u:\b)[^.]{0,40}(?-u:\b)browsers?(?-u:\b)|(?-u:\b)browsers?(?-u:\b)[^.]{0,40}(?-u:\b)(out[- ]of[- ]date|outdated|not (fully )?supported|no longer supported|is too old)|(?-u:\b)enable (javascript|js)(?-u:\b)|(?-u:\b)javascript (is )?(disabled|required|must be enabled)|(?-u:\b)turn on javascript(?-u:\b)",
    )
    .expect("browser regex")
});

static BROWSER_NAMES: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)(?-u:\b)(chrome|firefox|safari|opera|edge|internet explorer)(?-u:\b)")
        .expect("browser names regex")
});

static CAPTION_CREDIT: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)(?-u:\b)(photographer|photograph by|photo:|photo by|photos?:|image:|image credit|credit:|getty images|shutterstock|istock|reuters|ap photo|afp|courtesy of)",
    )
    .expect("caption regex")
});

/// A photo's caption that ends in its credit: "The building stands in Beijing. Photographer:
/// Nelson Ching/Bloomberg", "Photo Credit: Screenshot from the site", "Image: Courtesy of Ann
/// Lee". The credit starts the line or follows a sentence's end or a separator, and runs to the
/// line's end without a sentence. On the dev pack 210 lines of four words or more end so, 4 of
/// them content (a one-off scan of the pack's `page_text` with this pattern, script not kept).
static CREDIT_TAIL: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r#"(?i)(?:^|[.!?)\]”"][ \t]+|[ \t][|–—\-][ \t])(?:photographer|photograph by|photo:|photo by|photos?:|image:|image credits?|credit:|photo credits?:?|courtesy of)[^.!?]{0,80}$"#,
    )
    .expect("credit regex")
});

/// An image's description kept by the scrape as a line (its alt text): "Screenshot of a
/// dashboard ...", "Overhead view of hands holding a gift box", "Headshot of Ann Lee". A one-off
/// scan of the dev pack's lines (script not kept): 226 lines open so, 64 of them kept by the
/// model, 1 of those content. (Not "A woman ...", "A man ...": a news story opens so.)
static IMAGE_DESCRIPTION: LazyLock<regex::Regex> = LazyLock::new(|| {
    let words: Vec<String> = IMAGE_WORDS
        .iter()
        .map(|w| regex::escape(std::str::from_utf8(w).expect("ASCII")))
        .collect();
    regex::Regex::new(&format!(
        r"(?i)^(?:[•·*\-][ \t]*)?(?:an? )?(?:{}) of(?-u:\b)",
        words.join("|")
    ))
    .expect("image description regex")
});

/// Whether a line is an image's description (see [`IMAGE_DESCRIPTION`]).
pub fn is_image_description(line: &str) -> bool {
    may_describe_an_image(line.as_bytes()) && IMAGE_DESCRIPTION.is_match(line)
}

/// The words [`IMAGE_DESCRIPTION`] opens with (after its bullet and article), in ASCII
/// lower case: the regex's and its prefilter's (`may_describe_an_image`) one list.
const IMAGE_WORDS: [&[u8]; 13] = [
    b"screenshot",
    b"overhead view",
    b"close-up",
    b"closeup",
    b"photo",
    b"image",
    b"picture",
    b"illustration",
    b"graphic",
    b"headshot",
    b"portrait",
    b"logo",
    b"icon",
];

/// A necessary condition of [`IMAGE_DESCRIPTION`], read without the regex: past an optional
/// bullet (with the spaces and tabs after it) and an optional "a " or "an ", the line goes on
/// with one of [`IMAGE_WORDS`], in any case. The rules ask nearly every line of a page, and
/// the regex's start-up on a line it turns down was most of its cost (callgrind of the fast
/// path on 300 dev pages: 400 instructions a line, 4% of the path). A byte outside ASCII in
/// the word's first four bytes, or in its first sixteen once those four match a word's,
/// answers yes and the regex decides: Unicode's case folding matches `ſ` to `s` (and `K`, the Kelvin sign, to
/// `k`, which none of the words has).
fn may_describe_an_image(b: &[u8]) -> bool {
    let bullet = if b.starts_with("•".as_bytes()) {
        3
    } else if b.starts_with("·".as_bytes()) {
        2
    } else {
        usize::from(matches!(b.first(), Some(b'*' | b'-')))
    };
    let mut i = bullet;
    if bullet > 0 {
        while matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
    }
    let starts = |at: usize, word: &[u8]| {
        b.len() >= at + word.len() && b[at..at + word.len()].eq_ignore_ascii_case(word)
    };
    let word_at = |at: usize| {
        let Some(head) = b.get(at..at + 4) else {
            return false; // (every word has 4 bytes at least)
        };
        if head.is_ascii() {
            // the first four bytes with letters in lower case (no other byte becomes a
            // letter so), against the words': most lines fail here
            let h = u32::from_le_bytes(head.try_into().expect("4 bytes")) | 0x2020_2020;
            if !IMAGE_WORDS
                .iter()
                .any(|w| u32::from_le_bytes(w[..4].try_into().expect("4 bytes")) == h)
            {
                return false;
            }
        }
        b[at..(at + 16).min(b.len())].iter().any(|c| !c.is_ascii())
            || IMAGE_WORDS.iter().any(|w| starts(at, w))
    };
    // with the article or without it (the regex tries both)
    word_at(i) || (starts(i, b"a ") && word_at(i + 2)) || (starts(i, b"an ") && word_at(i + 3))
}

/// Whether a line ends in a photo credit (see [`CREDIT_TAIL`]).
pub fn ends_in_photo_credit(line: &str) -> bool {
    line.len() <= 600 && CREDIT_TAIL.is_match(line.trim_end())
}

/// A cookie-consent notice (on the dev pack: 230 lines, 228 of them boilerplate).
pub fn is_cookie_notice(line: &str) -> bool {
    line.len() <= 600 && COOKIE_NOTICE.is_match(line)
}

/// An "upgrade your browser" / "enable JavaScript" notice (short lines only).
pub fn is_browser_notice(line: &str, words: u32) -> bool {
    words <= 20 && BROWSER_NOTICE.is_match(line)
}

/// A short list of browser names ("Chrome, Firefox, Safari, Opera or Internet Explorer.").
pub fn is_browser_list(line: &str, words: u32) -> bool {
    words <= 10 && BROWSER_NAMES.find_iter(line).take(3).count() >= 3
}

/// A photo caption or credit line ("Photographer: ...", "Image: Getty Images").
pub fn is_caption_credit(line: &str) -> bool {
    line.len() <= 600 && CAPTION_CREDIT.is_match(line)
}

#[cfg(test)]
mod notice_tests {
    use super::*;

    #[test]
    fn notices() {
        assert!(is_cookie_notice(
            "We use cookies to ensure that we give you the best experience on our website."
        ));
        assert!(!is_cookie_notice("Bake the cookies for twelve minutes."));
        assert!(ends_in_photo_credit(
            "The building stands in Beijing on June 3, 2010. Photographer: Nelson Ching/Bloomberg"
        ));
        assert!(ends_in_photo_credit(
            "Photo Credit: Screenshot from the site"
        ));
        assert!(is_image_description(
            "Overhead view of hands holding a small gift box"
        ));
        assert!(is_image_description(
            "A screenshot of a ClickHouse dashboard"
        ));
        assert!(!is_image_description("A woman was arrested on Tuesday."));
        assert!(is_image_description("• \tAn ICON of a bell"));
        assert!(is_image_description("-Close-up of a leaf"));
        // Unicode's case folding: the long s is an s (the prefilter leaves it to the regex)
        assert!(is_image_description("ſcreenshot of the page"));
        assert!(!is_image_description("  Photo of a cat")); // (callers trim the line)
        assert!(!is_image_description(
            "The photo of the year was taken in May."
        ));
        assert!(!ends_in_photo_credit(
            "The photographer: a woman who spent ten years in the mountains. She came back."
        ));
        assert!(!ends_in_photo_credit(
            "She said the photo by the window was her favourite."
        ));
        // the consent framework's purposes, listed in a consent dialog
        assert!(is_cookie_notice(
            "Store and/or access information on a device 301 partners can use this purpose"
        ));
        assert!(is_cookie_notice(
            "Use precise geolocation data. Actively scan device characteristics for identification."
        ));
        assert!(is_browser_notice(
            "Your browser is out-of-date. Please download one of these excellent browsers:",
            13
        ));
        assert!(is_browser_notice("Please upgrade your Browser", 4));
        assert!(!is_browser_notice(
            "Promises work in the latest versions of all modern browsers.",
            10
        ));
        assert!(is_browser_list(
            "Chrome, Firefox, Safari, Opera or Internet Explorer.",
            7
        ));
        assert!(is_caption_credit(
            "The building in Beijing on June 3, 2010. Photographer: Nelson Ching/Bloomberg"
        ));
    }
}

#[cfg(test)]
mod image_prefilter_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The prefilter never turns down a line the regex takes: lines built of the
        /// pattern's own parts (bullets, spaces, articles, its words in any case) and noise.
        #[test]
        fn never_turns_down_a_match(
            bullet in prop::sample::select(vec!["", "•", "·", "*", "-", "+"]),
            gap in "[ \t]{0,3}",
            article in prop::sample::select(vec!["", "a ", "An ", "AN ", "an", "a  "]),
            word in prop::sample::select(IMAGE_WORDS.to_vec()),
            upper in prop::collection::vec(any::<bool>(), 16),
            tail in prop::sample::select(vec![" of a cat", " OF", " of", "s of", " ofx", ""]),
            noise in "[a-zA-Z ſK\u{e9}-]{0,6}",
            noise_first in any::<bool>(),
        ) {
            let word: String = std::str::from_utf8(word)
                .expect("ASCII")
                .chars()
                .zip(upper.iter().cycle())
                .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                .collect();
            let body = if noise_first {
                format!("{noise}{word}{tail}")
            } else {
                format!("{word}{noise}{tail}")
            };
            let line = format!("{bullet}{gap}{article}{body}");
            if IMAGE_DESCRIPTION.is_match(&line) {
                prop_assert!(may_describe_an_image(line.as_bytes()), "{line:?}");
            }
        }
    }
}
