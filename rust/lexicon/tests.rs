//! Tests of `lexicon` (a file of their own: the module stays readable).
use super::*;
use crate::scan::Bitmaps;

fn hits_within(line: &str, max_bytes: usize) -> CueHits {
    let mut maps = Bitmaps::default();
    maps.fill(line);
    let mut words = LineWords::default();
    words.fill(line, &maps);
    cue_hits(line, &words, max_bytes)
}

fn hits(line: &str) -> CueHits {
    hits_within(line, 200)
}

#[test]
fn whole_words_only() {
    assert_eq!(hits("Share post:").get(Cue::Share), 1);
    assert_eq!(hits("The shareholders met.").get(Cue::Share), 0);
}

#[test]
fn several_families() {
    assert!(hits("Please upgrade your Browser").get(Cue::Browser) >= 1);
    assert!(hits("Copyright © 2025 Foo. All rights reserved.").get(Cue::Legal) >= 2);
    assert_eq!(hits("Related articles").get(Cue::Related), 1);
    assert_eq!(hits("Tuesday, April 23, 2024").get(Cue::Calendar), 2);
    // the longest phrase wins and takes its words: "read more" is one Related hit
    let h = hits("Read more");
    assert_eq!((h.get(Cue::Related), h.get(Cue::Navigation)), (1, 0));
    // unicode case, apostrophes of either kind, hyphens
    assert_eq!(hits("ÜBER UNS").get(Cue::Navigation), 1);
    assert_eq!(hits("Don’t miss").get(Cue::Related), 1);
    assert_eq!(hits("Your browser is out-of-date").get(Cue::Browser), 2);
}

#[test]
fn a_colon_phrase_needs_its_colon() {
    assert_eq!(hits("John said: this is great").get(Cue::Quote), 1);
    assert_eq!(hits("John said this is great").get(Cue::Quote), 0);
    assert_eq!(hits("Image: Getty").get(Cue::Caption), 1);
}

#[test]
fn only_words_ending_in_the_first_bytes_count() {
    let line = format!("{} share", "x".repeat(10));
    assert_eq!(hits_within(&line, 14).get(Cue::Share), 0);
    assert_eq!(hits_within(&line, 16).get(Cue::Share), 1);
    let _ = hits_within(&"é".repeat(300), 201);
}

#[test]
fn cjk_lines_take_the_general_words() {
    // "分享" (share) is a phrase of its own, and the English word beside it is read too
    assert_eq!(hits("分享 share").get(Cue::Share), 2);
    assert_eq!(hits("分享文章 share").get(Cue::Share), 1);
}

#[test]
fn phrases_of_other_scripts() {
    for (line, cue) in [
        ("首页", Cue::Navigation),
        ("联系我们", Cue::Navigation),
        ("登录", Cue::Account),
        ("ログイン", Cue::Account),
        ("Войти", Cue::Account),
        ("تسجيل الدخول", Cue::Account),
        ("เข้าสู่ระบบ", Cue::Account),
        ("分享这篇文章", Cue::Share),
        ("この記事をシェア", Cue::Share),
        ("แชร์บทความนี้", Cue::Share),
        ("相关文章", Cue::Related),
        ("関連記事", Cue::Related),
        ("Похожие статьи", Cue::Related),
        ("مقالات ذات صلة", Cue::Related),
        ("บทความที่เกี่ยวข้อง", Cue::Related),
        ("隐私政策", Cue::Legal),
        ("© 2024 Городская газета. Все права защищены.", Cue::Legal),
        ("سياسة الخصوصية", Cue::Legal),
        ("นโยบายความเป็นส่วนตัว", Cue::Legal),
        ("ลิขสิทธิ์ 2024 The Town Gazette สงวนลิขสิทธิ์", Cue::Legal),
    ] {
        assert!(hits(line).get(cue) >= 1, "{line}");
    }
    // a run of a script without spaces is one word: the phrase inside a sentence is no hit
    assert_eq!(
        hits("我们在首页上发布了相关文章和新闻。").get(Cue::Related),
        0
    );
}

#[test]
fn the_date_parsers_month_words_are_calendar_cues() {
    for line in ["5 марта 2024", "5 مارس 2024", "5 มีนาคม 2567", "5 Mart 2024"]
    {
        assert_eq!(hits(line).get(Cue::Calendar), 1, "{line}");
    }
    // (not the Thai abbreviations: "มีค่า", valuable, holds the runs of "มี.ค.")
    assert_eq!(hits("มีค่า").get(Cue::Calendar), 0);
}

fn about(line: &str) -> CueHits {
    let mut maps = Bitmaps::default();
    maps.fill(line);
    let mut words = LineWords::default();
    words.fill(line, &maps);
    cue_subjects(line, &words, 160)
}

#[test]
fn a_cue_names_a_line_it_opens_fills_or_is_strong_in() {
    // opens the line
    assert_eq!(about("Share this story on").get(Cue::Share), 1);
    assert_eq!(about("Next page").get(Cue::Pagination), 1);
    // a phrase of several words
    assert_eq!(
        about("Web Privacy Policy | Web Accessibility Policy | Site Map").get(Cue::Legal),
        1
    );
    // half of the words with a letter ("1", "10" and "20" have none)
    assert_eq!(about("1-10 of 20 replies").get(Cue::Comments), 1);
    // a word of widgets wherever it stands
    assert_eq!(about("See price on Amazon").get(Cue::Commerce), 1);
    // two hits
    assert_eq!(
        about("Click to share on Pinterest (Opens in new window) Pinterest").get(Cue::Share),
        1
    );
    // a `©`
    assert_eq!(about("Site by Studio X ©").get(Cue::Legal), 1);
}

#[test]
fn a_cue_word_inside_a_title_or_menu_item_names_nothing() {
    let birds = "How to Naturally Keep Birds Out of the Garden";
    assert_eq!(hits(birds).get(Cue::Pagination), 1);
    assert_eq!(about(birds).get(Cue::Pagination), 0);
    assert_eq!(about("• People First Organization").get(Cue::Pagination), 0);
    assert_eq!(about("Google Ads jobs").get(Cue::Advert), 0);
    assert_eq!(about("Get The Real World Picture").get(Cue::Caption), 0);
}

proptest::proptest! {
    /// The words of an ASCII line read off a whole text's maps are the words read off the
    /// line's own maps: the same runs, ends and hashes, at most `LineWords::MAX` of them.
    #[test]
    fn words_off_the_text_maps_are_the_line_words(
        before in "[a-zA-Z0-9 .,:'|-]{0,80}",
        line in "[a-zA-Z0-9 \t.,:'|/@()-]{0,300}",
        after in "[a-zA-Z0-9 .-]{0,40}",
    ) {
        let text = format!("{before}\n{line}\n{after}");
        let start = before.len() + 1;
        let mut maps = crate::fast::TextMaps::default();
        maps.fill(&text);
        let mut from_text = LineWords::default();
        from_text.fill_ascii_at(&text, maps.word(), start, start + line.len());
        let mut line_maps = Bitmaps::default();
        line_maps.fill(&line);
        let mut own = LineWords::default();
        own.fill(&line, &line_maps);
        proptest::prop_assert_eq!(&from_text.words, &own.words);
    }
}
