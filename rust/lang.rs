//! Language identification of the clean text with whatlang (trigram and script models
//! compiled into the crate: nothing to download at run time). Codes are ISO 639-1 where
//! one exists, as most corpus tools use them.

use whatlang::{Detector, Lang};

/// Only this much text is looked at: identification settles long before, and pages can be huge.
const SAMPLE_BYTES: usize = 3000;

fn iso639_1(l: Lang) -> &'static str {
    use Lang::*;
    match l {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
        #[allow(unreachable_patterns)]
        _ => l.code(),
    }
}

/// Every code [`detect_with_stops`] and [`detect`] can answer, sorted: what a language filter
/// may ask for (a code outside it, "eng" for "en", would match no text).
pub fn codes() -> Vec<&'static str> {
    let mut c: Vec<&'static str> = Lang::all().iter().map(|&l| iso639_1(l)).collect();
    c.extend(crate::stopwords::LANGS);
    c.sort_unstable();
    c.dedup();
    c
}

/// Stop-word hits a language needs in the text to be named from them alone, and the share
/// of the text's words they must be. On the dev pack's clean texts these settle 1,110 of
/// 1,358 pages, every one as whatlang names it (`examples/lang_agreement.rs`); the rest go
/// to whatlang.
const MIN_STOP_HITS: u32 = 20;
const MIN_STOP_SHARE: f32 = 0.25;
/// How far ahead of the runner-up the best stop list must be.
const MIN_STOP_LEAD: f32 = 2.0;

/// The language of a text whose stop-word hits per language (`stopwords::LANGS` order) and
/// word count are known, as the line pass knows them for its output. When one stop list
/// clearly leads (at least `MIN_STOP_HITS` hits, `MIN_STOP_SHARE` of the words, and
/// `MIN_STOP_LEAD` times the next list's hits) that language is the answer, with the
/// confidence `1 - (runner_up / best)²` (0.75 at the least lead taken, 0.89 at a lead of 3);
/// otherwise whatlang decides, as in [`detect`].
///
/// Why not whatlang always: it costs ~150 µs a page (a trigram table and its sort per call,
/// then a distance to every profile of the script), as much as the whole line pass, while
/// function-word counts settle the language of a few sentences of prose in the 36 languages
/// with a stop list. Texts too short, mixed, or in a language without a list (whose text
/// can match a related list only weakly) still go to whatlang.
pub fn detect_with_stops(text: &str, stop_hits: &[u32], words: u32) -> Option<(&'static str, f32)> {
    stop_language(stop_hits, words).or_else(|| detect(text))
}

/// The stop-word half of [`detect_with_stops`]: the language, if one stop list clearly leads.
pub fn stop_language(stop_hits: &[u32], words: u32) -> Option<(&'static str, f32)> {
    let mut best = (0usize, 0u32);
    let mut second = 0u32;
    for (l, &c) in stop_hits.iter().enumerate() {
        if c > best.1 {
            second = best.1;
            best = (l, c);
        } else if c > second {
            second = c;
        }
    }
    let (l, c) = best;
    let clear = c >= MIN_STOP_HITS
        && c as f32 >= MIN_STOP_SHARE * words as f32
        && c as f32 >= MIN_STOP_LEAD * second as f32;
    let r = second as f32 / c as f32;
    clear.then(|| (crate::stopwords::LANGS[l], 1.0 - r * r))
}

/// The language of `text` and whatlang's confidence in it (0..1), or `None` when there is
/// too little text to tell.
pub fn detect(text: &str) -> Option<(&'static str, f32)> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(10)
        .count()
        < 10
    {
        return None;
    }
    let info = Detector::new().detect(sample)?;
    Some((iso639_1(info.lang()), info.confidence() as f32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_decide_clear_cases_and_whatlang_the_rest() {
        let mut hits = vec![0u32; crate::stopwords::N_LANG];
        let de = crate::stopwords::lang_index("de").unwrap();
        hits[de] = 40;
        hits[crate::stopwords::lang_index("nl").unwrap()] = 10;
        assert_eq!(
            detect_with_stops("whatever", &hits, 100),
            Some(("de", 0.9375))
        );
        // too close a race: whatlang reads the text
        hits[crate::stopwords::lang_index("nl").unwrap()] = 30;
        let en = "The quick brown fox jumps over the lazy dog while the farmer watches.";
        assert_eq!(detect_with_stops(en, &hits, 100).unwrap().0, "en");
    }

    #[test]
    fn codes_hold_every_answer() {
        let c = codes();
        for l in ["en", "de", "zh", "ja", "ko", "ms", "eo"] {
            assert!(c.contains(&l), "{l}");
        }
        assert!(!c.contains(&"eng"));
        assert!(c.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn common_languages() {
        assert_eq!(
            detect("The quick brown fox jumps over the lazy dog while the farmer watches.")
                .unwrap()
                .0,
            "en"
        );
        assert_eq!(
            detect(
                "Der schnelle braune Fuchs springt über den faulen Hund, und der Bauer schaut zu."
            )
            .unwrap()
            .0,
            "de"
        );
        assert_eq!(detect("Le renard brun rapide saute par-dessus le chien paresseux pendant que le fermier regarde.").unwrap().0, "fr");
        assert_eq!(
            detect("中华人民共和国是世界上人口最多的国家之一，首都是北京。")
                .unwrap()
                .0,
            "zh"
        );
        assert!(detect("ok").is_none());
    }
}
