//! Output check for speed work: dump every decision `clean_text` makes on a set of pages, so
//! that an optimisation can be shown to change nothing (`diff` the dumps before and after).
//!
//! Pages: BOILERSTRIP_BENCH_PAGES (texts separated by U+001E). Optional BOILERSTRIP_URLS: one
//! URL per line, same order; each page is then also cleaned with its URL (slug features,
//! headline). Per page and run: passes, words, languages, metadata, a hash of the text, and
//! per line kept / reason / exact score bits / line hash; also a hash of the first pass's
//! feature matrix (exact f32 bits), which the scores alone would not pin down.
//!
//!     cargo run --release --example dump_decisions > /tmp/digest.txt
mod common;
use std::fmt::Write as _;

use boilerstrip::classify::{clean_text, TextOptions};
use boilerstrip::features::line_features;
use boilerstrip::hash::hash_bytes;
use boilerstrip::page::Page;

fn main() {
    let all = common::pages_file();
    let urls = common::urls();
    let defaults = TextOptions::default();
    let fast = boilerstrip::classify::Scorer::Fast(
        boilerstrip::fast::FastModel::builtin().expect("the fast model"),
    );
    let variants: [(&str, TextOptions); 5] = [
        ("default", defaults),
        (
            "no-fixpoint",
            TextOptions {
                fixpoint: false,
                ..defaults
            },
        ),
        (
            "threshold-0.5",
            TextOptions {
                threshold: Some(0.5),
                ..defaults
            },
        ),
        (
            "fast",
            TextOptions {
                scorer: fast,
                ..defaults
            },
        ),
        (
            "fast-no-fixpoint",
            TextOptions {
                scorer: fast,
                fixpoint: false,
                ..defaults
            },
        ),
    ];
    let mut out = String::new();
    for (k, page) in all.split('\u{1e}').enumerate() {
        let url = urls.get(k).map(String::as_str).filter(|u| !u.is_empty());
        for u in [None, url] {
            let pg = Page::analyze(page, u);
            let f = line_features(&pg);
            let fb: Vec<u8> = f.iter().flat_map(|x| x.to_bits().to_le_bytes()).collect();
            writeln!(
                out,
                "page {k} url={:?} features={:016x} n={}",
                u,
                hash_bytes(&fb),
                f.len()
            )
            .unwrap();
            for (name, opts) in &variants {
                // the variants other than the default only without URL, to keep the dump small
                if *name != "default" && u.is_some() {
                    continue;
                }
                let r = clean_text(page, u, opts);
                writeln!(
                    out,
                    " {name} passes={} words={}/{} stop_lang={:?} language={:?} text={:016x} len={}",
                    r.passes,
                    r.words_in,
                    r.words_out,
                    r.stop_lang,
                    r.language.map(|(l, c)| (l, c.to_bits())),
                    hash_bytes(r.text.as_bytes()),
                    r.text.len()
                )
                .unwrap();
                writeln!(out, "  meta {:?}", r.meta).unwrap();
                for (i, d) in r.lines.iter().enumerate() {
                    writeln!(
                        out,
                        "  {i} {} {:?} {:08x} {:016x}",
                        d.kept as u8,
                        d.reason,
                        d.score.to_bits(),
                        r.line_hashes[i]
                    )
                    .unwrap();
                }
            }
            if url.is_none() {
                break;
            }
        }
    }
    print!("{out}");
}
