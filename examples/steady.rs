//! Steady-state profile helper for callgrind: cleans the first 20 pages of
//! BOILERSTRIP_BENCH_PAGES once (models, regexes and tables are built then), and then every
//! page inside `measured`, so that
//!
//!     valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*steady*measured*' \
//!         ./target/release/examples/steady
//!
//! counts only the steady state of `clean_text`, function by function
//! (`callgrind_annotate --inclusive=yes`). With BOILERSTRIP_URLS (one URL per line, in page
//! order) each page is cleaned with its URL.
mod common;
use boilerstrip::classify::{clean_text, TextOptions};

#[inline(never)]
fn measured(pages: &[&str], urls: &[String], opts: &TextOptions) -> usize {
    let mut n = 0;
    for (k, page) in pages.iter().enumerate() {
        let url = urls.get(k).map(String::as_str).filter(|u| !u.is_empty());
        n += clean_text(page, url, opts).text.len();
    }
    n
}

fn main() {
    let all = common::pages_file();
    let pages: Vec<&str> = all.split('\u{1e}').collect();
    let urls = common::urls();
    let opts = TextOptions::default();
    let warm: usize = pages
        .iter()
        .take(20)
        .map(|p| clean_text(p, None, &opts).text.len())
        .sum();
    println!("{} {}", warm, measured(&pages, &urls, &opts));
}
