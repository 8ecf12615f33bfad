//! Where the text path's time goes: each stage of `clean_text` timed on its own over the pages
//! of BOILERSTRIP_BENCH_PAGES (texts separated by U+001E), REPS rounds (default 3, best round
//! per stage). Stages are run in isolation on precomputed inputs, so the figures add up to
//! about one first line pass; `clean_text` itself is timed last for the total.
//!
//!     cargo run --release --example breakdown
use std::hint::black_box;
use std::time::Instant;

use boilerstrip::classify::{self, clean_text, TextOptions};
use boilerstrip::features::line_features;
use boilerstrip::lexicon::cue_hits;
use boilerstrip::lines::{line_stats, split_lines};
use boilerstrip::normalize::{dedup_key_into, normalize_line};
use boilerstrip::page::Page;

fn best<F: FnMut()>(reps: usize, mut f: F) -> f64 {
    let mut b = f64::MAX;
    for _ in 0..reps {
        let t = Instant::now();
        f();
        b = b.min(t.elapsed().as_secs_f64());
    }
    b
}

fn main() {
    let p = std::env::var("BOILERSTRIP_BENCH_PAGES").expect("set BOILERSTRIP_BENCH_PAGES");
    let all = std::fs::read_to_string(p).unwrap();
    let pages: Vec<&str> = all.split('\u{1e}').collect();
    let reps: usize = std::env::var("REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let mb = all.len() as f64 / 1e6;
    let opts = TextOptions::default();
    let models = classify::Models::builtin().expect("trained models");
    // warm up lazies (models, regexes, tables)
    for p in pages.iter().take(20) {
        black_box(clean_text(p, None, &opts));
    }
    let vocab = models.vocab.as_ref();
    let analysed: Vec<Page> = pages
        .iter()
        .map(|p| Page::analyze_with(p, None, vocab))
        .collect();
    let feats: Vec<Vec<f32>> = analysed.iter().map(line_features).collect();
    let mut rows: Vec<(&str, f64)> = Vec::new();
    let mut buf = boilerstrip::lines::LineScratch::default();
    rows.push((
        "split + normalize_line",
        best(reps, || {
            for p in &pages {
                for l in split_lines(p) {
                    black_box(normalize_line(l));
                }
            }
        }),
    ));
    rows.push((
        "line_stats (incl. stop words)",
        best(reps, || {
            for p in &pages {
                for l in split_lines(p) {
                    black_box(line_stats(l, &mut buf));
                }
            }
        }),
    ));
    rows.push((
        "split + normalise + line_stats (the line pass)",
        best(reps, || {
            for p in &pages {
                for l in split_lines(p) {
                    black_box(boilerstrip::lines::normalized_stats(l, &mut buf));
                }
            }
        }),
    ));
    let mut maps = boilerstrip::scan::Bitmaps::default();
    let mut words = boilerstrip::lexicon::LineWords::default();
    let mut terms = Vec::new();
    let mut seen = boilerstrip::vocab::TermSet::default();
    rows.push((
        "line words (hashed, for cues and vocabulary)",
        best(reps, || {
            for p in &pages {
                for l in split_lines(p) {
                    maps.fill(l);
                    words.fill(l, &maps);
                    black_box(&words);
                }
            }
        }),
    ));
    rows.push((
        "  + cue phrases",
        best(reps, || {
            for p in &pages {
                for l in split_lines(p) {
                    maps.fill(l);
                    words.fill(l, &maps);
                    black_box(cue_hits(l, &words, 160));
                }
            }
        }),
    ));
    if let Some(v) = vocab {
        rows.push((
            "  + vocabulary score",
            best(reps, || {
                for p in &pages {
                    for l in split_lines(p) {
                        maps.fill(l);
                        words.fill(l, &maps);
                        boilerstrip::vocab::line_terms(&words, &mut seen, &mut terms);
                        black_box(v.score(&terms));
                    }
                }
            }),
        ));
    }
    rows.push((
        "shapes",
        best(reps, || {
            for p in &pages {
                for l in split_lines(p) {
                    black_box(boilerstrip::patterns::shapes(l));
                }
            }
        }),
    ));
    let mut key = String::new();
    rows.push((
        "dedup_key + hash",
        best(reps, || {
            for p in &pages {
                for l in split_lines(p) {
                    dedup_key_into(l, &mut key);
                    black_box(boilerstrip::hash::key_hash(&key));
                }
            }
        }),
    ));
    rows.push((
        "Page::analyze (all of the above and more)",
        best(reps, || {
            for p in &pages {
                black_box(Page::analyze_with(p, None, vocab));
            }
        }),
    ));
    rows.push((
        "Unicode line separators (looked for)",
        best(reps, || {
            for p in &pages {
                black_box(boilerstrip::lines::unicode_breaks(p));
            }
        }),
    ));
    rows.push((
        "  joins' detection: lines broken at inline elements",
        best(reps, || {
            for (p, a) in pages.iter().zip(&analysed) {
                black_box(boilerstrip::fragments::looks_broken(p, &a.lines));
            }
        }),
    ));
    rows.push((
        "  joins' detection: hard-wrapped lines",
        best(reps, || {
            for a in &analysed {
                black_box(boilerstrip::hardwrap::looks_wrapped(&a.lines));
            }
        }),
    ));
    rows.push((
        "line_features",
        best(reps, || {
            for a in &analysed {
                black_box(line_features(a));
            }
        }),
    ));
    rows.push((
        "  of which cohesion",
        best(reps, || {
            for a in &analysed {
                let prose = vec![true; a.content.len()];
                black_box(boilerstrip::cohesion::cohesion(a, &prose, 99.0));
            }
        }),
    ));
    rows.push((
        "line model (trees)",
        best(reps, || {
            for f in &feats {
                black_box(models.lines.predict(f));
            }
        }),
    ));
    let scores: Vec<Vec<f32>> = feats.iter().map(|f| models.lines.predict(f)).collect();
    let keeps: Vec<Vec<bool>> = analysed
        .iter()
        .zip(&scores)
        .map(|(a, s)| {
            classify::decide(
                s,
                &a.content
                    .iter()
                    .map(|&i| a.stats[i].words)
                    .collect::<Vec<_>>(),
                None,
            )
        })
        .collect();
    rows.push((
        "decide (expected F1)",
        best(reps, || {
            for (a, s) in analysed.iter().zip(&scores) {
                let w: Vec<u32> = a.content.iter().map(|&i| a.stats[i].words).collect();
                black_box(classify::decide(s, &w, None));
            }
        }),
    ));
    rows.push((
        "metadata (title model, author, date)",
        best(reps, || {
            for (((a, f), s), k) in analysed.iter().zip(&feats).zip(&scores).zip(&keeps) {
                black_box(boilerstrip::metadata::extract_with_features(
                    a,
                    Some(f),
                    s,
                    k,
                    models.title.as_ref(),
                    None,
                    None,
                ));
            }
        }),
    ));
    let outs: Vec<String> = pages
        .iter()
        .map(|p| {
            clean_text(
                p,
                None,
                &TextOptions {
                    fixpoint: false,
                    ..opts
                },
            )
            .text
        })
        .collect();
    // as clean_text does: the stop-word counts of the kept lines decide, whatlang otherwise
    let mut sc = boilerstrip::lines::LineScratch::default();
    let hits: Vec<([u32; boilerstrip::stopwords::N_LANG], u32)> = outs
        .iter()
        .map(|o| {
            let mut h = [0u32; boilerstrip::stopwords::N_LANG];
            let mut w = 0;
            for l in split_lines(o) {
                let st = line_stats(l, &mut sc);
                w += st.words;
                for (a, b) in h.iter_mut().zip(st.stop.0.iter()) {
                    *a += *b as u32;
                }
            }
            (h, w)
        })
        .collect();
    let by_stops = hits
        .iter()
        .filter(|(h, w)| boilerstrip::lang::stop_language(h, *w).is_some())
        .count();
    eprintln!(
        "language: {by_stops} of {} outputs decided by stop words, the rest by whatlang",
        outs.len()
    );
    rows.push((
        "language (stop words, else whatlang)",
        best(reps, || {
            for (o, (h, w)) in outs.iter().zip(&hits) {
                black_box(boilerstrip::lang::detect_with_stops(o, h, *w));
            }
        }),
    ));
    rows.push((
        "clean_text, no fixed point",
        best(reps, || {
            for p in &pages {
                black_box(clean_text(
                    p,
                    None,
                    &TextOptions {
                        fixpoint: false,
                        ..opts
                    },
                ));
            }
        }),
    ));
    rows.push((
        "clean_text",
        best(reps, || {
            for p in &pages {
                black_box(clean_text(p, None, &opts));
            }
        }),
    ));
    // the fast path (`scorer="fast"`, see `boilerstrip::fast`)
    let (mut maps, mut masks, mut pending) = Default::default();
    rows.push((
        "fast: line pass (class maps, split, counts, stop words, shapes)",
        best(reps, || {
            for p in &pages {
                boilerstrip::fast::line_pass(
                    p,
                    &mut maps,
                    &mut masks,
                    &mut pending,
                    |_, _, st, clean, masks, _| {
                        black_box((st, clean));
                        masks.clear();
                    },
                );
            }
        }),
    ));
    rows.push((
        "fast: FastPage::read (+ dedup keys, repeats, language)",
        best(reps, || {
            for p in &pages {
                black_box(boilerstrip::fast::FastPage::read(p));
            }
        }),
    ));
    let fast_pages: Vec<_> = pages
        .iter()
        .map(|p| boilerstrip::fast::FastPage::read(p))
        .collect();
    rows.push((
        "fast: features",
        best(reps, || {
            for f in &fast_pages {
                black_box(f.features());
            }
        }),
    ));
    if let Some(m) = boilerstrip::fast::FastModel::builtin() {
        let fast_rows: Vec<Vec<f32>> = fast_pages.iter().map(|f| f.features()).collect();
        rows.push((
            "fast: trees",
            best(reps, || {
                for r in &fast_rows {
                    black_box(m.lines.predict(r));
                }
            }),
        ));
        let fast = TextOptions {
            scorer: classify::Scorer::Fast(m),
            ..opts
        };
        rows.push((
            "fast: clean_text (scorer=fast)",
            best(reps, || {
                for p in &pages {
                    black_box(clean_text(p, None, &fast));
                }
            }),
        ));
    }
    let total = rows.iter().find(|r| r.0 == "clean_text").expect("timed").1;
    println!("{} pages, {:.2} MB, best of {reps}", pages.len(), mb);
    println!("| stage | ms | MB/s | share of clean_text |");
    println!("|---|---|---|---|");
    for (name, t) in rows {
        println!(
            "| {name} | {:.1} | {:.1} | {:.1}% |",
            t * 1e3,
            mb / t,
            100.0 * t / total
        );
    }
}
