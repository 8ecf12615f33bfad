//! Profile helper: clean every page of BOILERSTRIP_BENCH_PAGES once (see rust/benches), or
//! REPS times (the difference between REPS=2 and REPS=1 is the steady-state cost, without the
//! one-time model loading and regex compilation).
use boilerstrip::classify::{clean_text, TextOptions};
fn main() {
    let p = std::env::var("BOILERSTRIP_BENCH_PAGES").expect("set BOILERSTRIP_BENCH_PAGES");
    let all = std::fs::read_to_string(p).unwrap();
    let opts = TextOptions::default();
    let mode = std::env::args().nth(1).unwrap_or_default();
    let reps: usize = std::env::var("REPS").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    let mut n = 0usize;
    for _ in 0..reps {
        for page in all.split('\u{1e}') {
            if mode == "analyze" {
                n += boilerstrip::page::Page::analyze(page, None).content.len();
            } else {
                n += clean_text(page, None, &opts).text.len();
            }
        }
    }
    println!("{n}");
}
