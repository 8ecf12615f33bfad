//! Language identification of the clean text with whatlang (trigram and script models
//! compiled into the crate: nothing to download at run time). Codes are ISO 639-1 where
//! one exists, as most corpus tools use them.

use whatlang::{Detector, Lang};

/// Only this much text is looked at: identification settles long before, and pages can be huge.
const SAMPLE_BYTES: usize = 3000;

fn iso639_1(l: Lang) -> &'static str {
    use Lang::*;
    match l {
        Epo => "eo", Eng => "en", Rus => "ru", Cmn => "zh", Spa => "es", Por => "pt", Ita => "it", Ben => "bn",
        Fra => "fr", Deu => "de", Ukr => "uk", Kat => "ka", Ara => "ar", Hin => "hi", Jpn => "ja", Heb => "he",
        Yid => "yi", Pol => "pl", Amh => "am", Jav => "jv", Kor => "ko", Nob => "nb", Dan => "da", Swe => "sv",
        Fin => "fi", Tur => "tr", Nld => "nl", Hun => "hu", Ces => "cs", Ell => "el", Bul => "bg", Bel => "be",
        Mar => "mr", Kan => "kn", Ron => "ro", Slv => "sl", Hrv => "hr", Srp => "sr", Mkd => "mk", Lit => "lt",
        Lav => "lv", Est => "et", Tam => "ta", Vie => "vi", Urd => "ur", Tha => "th", Guj => "gu", Uzb => "uz",
        Pan => "pa", Aze => "az", Ind => "id", Tel => "te", Pes => "fa", Mal => "ml", Ori => "or", Mya => "my",
        Nep => "ne", Sin => "si", Khm => "km", Tuk => "tk", Aka => "ak", Zul => "zu", Sna => "sn", Afr => "af",
        Lat => "la", Slk => "sk", Cat => "ca", Tgl => "tl", Hye => "hy", Cym => "cy",
        #[allow(unreachable_patterns)]
        _ => l.code(),
    }
}

/// The language of `text` and whatlang's confidence in it (0..1), or `None` when there is
/// too little text to tell.
pub fn detect(text: &str) -> Option<(&'static str, f32)> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).take(10).count() < 10 {
        return None;
    }
    let info = Detector::new().detect(sample)?;
    Some((iso639_1(info.lang()), info.confidence() as f32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_languages() {
        assert_eq!(detect("The quick brown fox jumps over the lazy dog while the farmer watches.").unwrap().0, "en");
        assert_eq!(detect("Der schnelle braune Fuchs springt über den faulen Hund, und der Bauer schaut zu.").unwrap().0, "de");
        assert_eq!(detect("Le renard brun rapide saute par-dessus le chien paresseux pendant que le fermier regarde.").unwrap().0, "fr");
        assert_eq!(detect("中华人民共和国是世界上人口最多的国家之一，首都是北京。").unwrap().0, "zh");
        assert!(detect("ok").is_none());
    }
}
