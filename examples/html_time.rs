//! Time of the HTML fast path: `clean_html` (no vote, plain text) over the pages of
//! HTML_PAGES (HTML texts separated by U+001E), best of 5 rounds. For an A/B of two builds:
//! build this example in each (a `git worktree` with its own CARGO_TARGET_DIR; before
//! e469cee `clean_html` had no `markdown` argument: drop the `false`) and run them in turn.
//!
//!     HTML_PAGES=/tmp/html300.txt cargo run --release --example html_time
use std::time::Instant;

fn main() {
    let all = std::fs::read_to_string(std::env::var("HTML_PAGES").expect("set HTML_PAGES"))
        .expect("readable HTML_PAGES");
    let pages: Vec<&str> = all.split('\u{1e}').collect();
    let models = boilerstrip::htmlclean::HtmlModels::builtin().expect("trained models");
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        for p in &pages {
            std::hint::black_box(boilerstrip::htmlclean::clean_html(
                p,
                None,
                None,
                models,
                boilerstrip::htmlclean::Choice::default(),
                boilerstrip::htmlclean::TextFormat::Plain,
            ));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} pages, {:.1} MB: {best:.3} s",
        pages.len(),
        all.len() as f64 / 1e6
    );
}
