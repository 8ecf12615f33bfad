//! Criterion benchmarks of the core on real pages, each next to a plain copy of the same
//! bytes (the machine's floor, so the distance to it is visible) and a plain word count (the
//! floor of any pass that looks at each word).
//!
//! Pages: a file of page texts separated by U+001E, given by BOILERSTRIP_BENCH_PAGES
//! (`benchmarks/speed.py --dump-pages FILE` writes one from the dev pack); else the seeds.
//! Run: `cargo bench --manifest-path rust/benches/Cargo.toml` (a crate of its own).
use std::hint::black_box;

use boilerstrip::classify::{clean_text, TextOptions};
use boilerstrip::features::line_features;
use boilerstrip::lines::{normalized_stats, split_lines};
use boilerstrip::page::Page;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn pages() -> Vec<String> {
    if let Ok(p) = std::env::var("BOILERSTRIP_BENCH_PAGES") {
        let all = std::fs::read_to_string(&p).expect("BOILERSTRIP_BENCH_PAGES is readable");
        return all.split('\u{1e}').map(str::to_string).collect();
    }
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
    let mut v: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    v.sort();
    v
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let bytes: u64 = pages.iter().map(|p| p.len() as u64).sum();
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    g.bench_function("memcpy", |b| {
        let mut dst = Vec::with_capacity(bytes as usize);
        b.iter(|| {
            dst.clear();
            for p in &pages {
                dst.extend_from_slice(black_box(p.as_bytes()));
            }
            black_box(&dst);
        })
    });
    g.bench_function("split_words", |b| {
        // a floor for any per-word line pass: split the lines and count their words with the
        // standard library (`str::split_whitespace`), nothing else (no per-word work at all)
        b.iter(|| {
            let mut n = 0usize;
            for p in &pages {
                for l in split_lines(black_box(p)) {
                    n = n.wrapping_add(l.split_whitespace().count());
                }
            }
            black_box(n)
        })
    });
    g.bench_function("line_pass", |b| {
        // the per-line pass alone: split, normalise, byte classes and statistics (counts, word
        // shapes, stop words of 36 languages, ending, bullet, URL), as `Page::analyze` does
        let mut scratch = boilerstrip::lines::LineScratch::default();
        b.iter(|| {
            let mut n = 0u32;
            for p in &pages {
                for l in split_lines(black_box(p)) {
                    n = n.wrapping_add(normalized_stats(l, &mut scratch).1.words);
                }
            }
            black_box(n)
        })
    });
    g.bench_function("page_analyze", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(Page::analyze(black_box(p), None));
            }
        })
    });
    g.bench_function("features", |b| {
        let analysed: Vec<Page> = pages.iter().map(|p| Page::analyze(p, None)).collect();
        b.iter(|| {
            for p in &analysed {
                black_box(line_features(p));
            }
        })
    });
    g.bench_function("clean_text", |b| {
        let opts = TextOptions::default();
        b.iter(|| {
            for p in &pages {
                black_box(clean_text(black_box(p), None, &opts));
            }
        })
    });
    // the fast text path (`scorer="fast"`, `boilerstrip::fast`): its line pass (byte-class
    // maps of the page, split, counts, words, stop words, shapes) and its whole clean
    g.bench_function("fast_line_pass", |b| {
        let (mut maps, mut masks, mut pending) = Default::default();
        b.iter(|| {
            let mut n = 0u32;
            for p in &pages {
                boilerstrip::fast::line_pass(
                    black_box(p),
                    &mut maps,
                    &mut masks,
                    &mut pending,
                    |_, _, st, _, masks, _| {
                        n = n.wrapping_add(st.words);
                        masks.clear();
                    },
                );
            }
            black_box(n)
        })
    });
    if let Some(m) = boilerstrip::fast::FastModel::builtin() {
        g.bench_function("fast_clean_text", |b| {
            b.iter(|| {
                for p in &pages {
                    black_box(boilerstrip::fast::clean_text(
                        black_box(p),
                        m,
                        None,
                        1.0,
                        true,
                    ));
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
