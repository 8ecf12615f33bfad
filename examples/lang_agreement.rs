//! How often the stop-word counts alone name the language of `clean_text`'s output
//! (`lang::stop_language`), and whether whatlang on the same text agrees, over the pages of
//! BOILERSTRIP_BENCH_PAGES (texts separated by U+001E). Disagreements are listed.
//!
//!     cargo run --release --example lang_agreement
use boilerstrip::classify::{clean_text, TextOptions};
use boilerstrip::lang;
use boilerstrip::page::Page;
use boilerstrip::stopwords::N_LANG;

fn main() {
    let p = std::env::var("BOILERSTRIP_BENCH_PAGES").expect("set BOILERSTRIP_BENCH_PAGES");
    let all = std::fs::read_to_string(p).unwrap();
    let opts = TextOptions::default();
    let (mut n, mut decided, mut agree) = (0, 0, 0);
    for (k, page) in all.split('\u{1e}').enumerate() {
        n += 1;
        let text = clean_text(page, None, &opts).text;
        let pg = Page::analyze(&text, None);
        let mut hits = [0u32; N_LANG];
        for st in &pg.stats {
            for (t, &c) in hits.iter_mut().zip(st.stop.0.iter()) {
                *t += c as u32;
            }
        }
        if let Some((l, _)) = lang::stop_language(&hits, pg.total_words) {
            decided += 1;
            let w = lang::detect(&text).map(|x| x.0);
            if w == Some(l) {
                agree += 1;
            } else {
                let best = hits.iter().max().copied().unwrap_or(0);
                println!(
                    "page {k}: stop words say {l} ({best} hits of {} words), whatlang {w:?}",
                    pg.total_words
                );
            }
        }
    }
    println!("{n} pages: the stop words decide {decided}, whatlang agrees on {agree}; the other {} go to whatlang", n - decided);
}
