//! The line model alone: the first-pass feature rows of BOILERSTRIP_BENCH_PAGES scored R times
//! (default 30), best round printed (the trees' figure in benchmarks/README.md, third session).
//!
//!     BOILERSTRIP_BENCH_PAGES=/tmp/pages.txt cargo run --release --example trees
use boilerstrip::{classify, features::line_features, page::Page};
use std::hint::black_box;
use std::time::Instant;
fn main() {
    let all = std::fs::read_to_string(std::env::var("BOILERSTRIP_BENCH_PAGES").unwrap()).unwrap();
    let models = classify::Models::builtin().unwrap();
    let feats: Vec<Vec<f32>> = all
        .split('\u{1e}')
        .map(|p| line_features(&Page::analyze_with(p, None, models.vocab.as_ref())))
        .collect();
    let mut best = f64::MAX;
    for _ in 0..std::env::var("R")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30)
    {
        let t = Instant::now();
        for f in &feats {
            black_box(models.lines.predict(f));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("{:.2} ms", best * 1e3);
}
