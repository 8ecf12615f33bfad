//! Profile helper: the line pass (split + normalise + statistics, as the criterion line_pass bench) over BOILERSTRIP_BENCH_PAGES, 20 times.
fn main() {
    let p = std::env::var("BOILERSTRIP_BENCH_PAGES").expect("set BOILERSTRIP_BENCH_PAGES");
    let all = std::fs::read_to_string(p).unwrap();
    let mut buf = boilerstrip::lines::LineScratch::default();
    let mut n = 0u32;
    for _ in 0..std::env::var("REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
    {
        for page in all.split('\u{1e}') {
            for l in boilerstrip::lines::split_lines(page) {
                n = n.wrapping_add(boilerstrip::lines::normalized_stats(l, &mut buf).1.words);
            }
        }
    }
    println!("{n}");
}
