//! What the profiling examples share: the pages and URLs they read from the environment.

/// The text of BOILERSTRIP_BENCH_PAGES (page texts separated by U+001E; `benchmarks/speed.py
/// --dump-pages FILE` writes one from the dev pack).
pub fn pages_file() -> String {
    let p = std::env::var("BOILERSTRIP_BENCH_PAGES").expect("set BOILERSTRIP_BENCH_PAGES");
    std::fs::read_to_string(p).expect("BOILERSTRIP_BENCH_PAGES is readable")
}

/// The URLs of BOILERSTRIP_URLS, one a line in page order (empty without it).
pub fn urls() -> Vec<String> {
    std::env::var("BOILERSTRIP_URLS")
        .ok()
        .map(|f| {
            std::fs::read_to_string(f)
                .expect("BOILERSTRIP_URLS is readable")
                .split('\n')
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}
