//! The text path (`classify::clean_text`, the line pass behind `boilerstrip.clean_text`) on
//! any input, with the trained model, the rules scorer and the fast path (`scorer="fast"`,
//! its SIMD byte classes and bit walks over the page). Besides not panicking it checks
//! the documented guarantees: one decision per input line, the output is made of input lines
//! (normalised, or with their spacing kept: lines of code), and cleaning the output again
//! changes nothing. (The lines of a Markdown input are those of
//! its rendering, those of a hard-wrapped text its joined paragraphs, and those of a text that
//! lost its line breaks its segments: the text the
//! decisions are about, `rendered`.)
#![no_main]

use boilerstrip::classify::{clean_text, Models, Scorer, TextOptions};
use boilerstrip::fast::FastModel;
use boilerstrip::{lines, normalize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let url =
        (flags & 1 == 1).then_some("https://www.example.org/news/2024/04/council-approves-park");
    // (the fast path on a third of the inputs the model would get, by their length)
    let scorer = match (flags & 2 == 2, Models::builtin(), FastModel::builtin()) {
        (false, _, Some(f)) if rest.len() % 3 == 0 => Scorer::Fast(f),
        (false, Some(m), _) => Scorer::Model(m),
        _ => Scorer::Rules,
    };
    let threshold = (flags & 4 == 4).then_some(f32::from(flags >> 3) / 31.0);
    let opts = TextOptions {
        scorer,
        threshold,
        fixpoint: true,
        floor: 1.0,
        markdown: None,
        segment: None,
        unwrap: None,
        max_lines: usize::MAX,
    };
    let r = clean_text(&text, url, &opts);
    let view = r.rendered.as_deref().unwrap_or(&text);
    // (a line of code is written with its spacing: `normalize_line_spaced`)
    let inputs: Vec<(String, String)> = lines::split_lines(view)
        .map(|l| {
            (
                normalize::normalize_line(l).into_owned(),
                normalize::normalize_line_spaced(l).into_owned(),
            )
        })
        .collect();
    assert_eq!(r.lines.len(), inputs.len(), "one decision per input line");
    for line in r.text.split('\n').filter(|l| !l.is_empty()) {
        assert!(
            inputs.iter().any(|(n, s)| n == line || s == line),
            "output line {line:?} is not an input line"
        );
    }
    assert!(r.words_out <= r.words_in);
    let again = clean_text(&r.text, url, &opts);
    assert_eq!(again.text, r.text, "clean_text is not idempotent");
});
