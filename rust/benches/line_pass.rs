//! Criterion benchmark of the line pass on real pages, next to a plain copy of the same
//! bytes (the machine's floor). Pages: a JSONL(.gz) file given by BOILERSTRIP_BENCH_PAGES
//! (records with `page_text`), else the seed pages.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn main_bench(c: &mut Criterion) {
    let _ = c;
}
criterion_group!(benches, main_bench);
criterion_main!(benches);
