//! Profile helper: clean every page of BOILERSTRIP_BENCH_PAGES once (see rust/benches), or
//! REPS times (the difference between REPS=2 and REPS=1 is the steady-state cost, without the
//! one-time model loading and regex compilation). `profile_pages fast` cleans with the fast
//! path (`scorer="fast"`), `profile_pages analyze` only analyses the pages. With BOILERSTRIP_URLS (one URL per line, in
//! page order) each page is cleaned with its URL.
mod common;
use boilerstrip::classify::{clean_text, TextOptions};
fn main() {
    let all = common::pages_file();
    let mut opts = TextOptions::default();
    let mode = std::env::args().nth(1).unwrap_or_default();
    let reps: usize = std::env::var("REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    if mode == "fast" {
        let m = boilerstrip::fast::FastModel::builtin().expect("the fast model");
        opts.scorer = boilerstrip::classify::Scorer::Fast(m);
    }
    let urls = common::urls();
    let mut n = 0usize;
    for _ in 0..reps {
        for (k, page) in all.split('\u{1e}').enumerate() {
            let url = urls.get(k).map(String::as_str).filter(|u| !u.is_empty());
            if mode == "analyze" {
                n += boilerstrip::page::Page::analyze(page, url).content.len();
            } else {
                n += clean_text(page, url, &opts).text.len();
            }
        }
    }
    println!("{n}");
}
