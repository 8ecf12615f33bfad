//! The Rust HTML pass (`html::parse_html`, `htmlclean::block_text`, `htmlclean::clean_html`)
//! on any input, in both modes. The trained HTML model is not needed (nor always present in
//! a build): a small fixed model with trees over every feature is made here, so that every
//! feature is computed and the selection sees varied scores.
#![no_main]

use std::sync::LazyLock;

use boilerstrip::htmlclean::{
    block_text, clean_html, html_feature_names, line_hash_set, Choice, HtmlModels, TextFormat,
};
use libfuzzer_sys::fuzz_target;

fn model_json(names: &[String]) -> serde_json::Value {
    let n = names.len();
    let trees: Vec<serde_json::Value> = (0..n)
        .map(|k| {
            let f = [k, (k * 7 + 3) % n, (k * 13 + 5) % n];
            let t = [0.5 * k as f32 % 3.0, 0.1, 1.0 + k as f32 % 5.0];
            let v: Vec<f32> = (0..8)
                .map(|i| ((i * 5 + k) % 8) as f32 / 8.0 - 0.45)
                .collect();
            serde_json::json!({"f": f, "t": t, "v": v})
        })
        .collect();
    serde_json::json!({"feature_names": names, "bias": 0.1, "trees": trees})
}

static MODELS: LazyLock<HtmlModels> = LazyLock::new(|| {
    // a vocabulary of weight 1 in every bucket (base64 of 2^18 bytes 0x01): the trees split
    // on its score, so the bundle must carry one
    let weights = format!("{}AQ==", "AQEB".repeat((1 << 18) / 3));
    let j = serde_json::json!({
        "format": "boilerstrip-html-1",
        "fast": model_json(&html_feature_names(false)),
        "default": model_json(&html_feature_names(true)),
        "vocab": {"bits": 18, "bias": -0.5, "scale": 0.25, "weights": weights},
    });
    HtmlModels::from_json(&j.to_string()).expect("the fuzz model is valid")
});

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let html = String::from_utf8_lossy(rest);
    let bt = block_text(&html);
    if bt.text.is_empty() {
        assert!(bt.line_block.len() <= 1);
    } else {
        assert_eq!(
            bt.line_block.len(),
            bt.text.split('\n').count(),
            "one block index per line of the block text"
        );
    }
    let url = (flags & 1 == 1).then_some("https://example.org/a/b-c-d");
    // default mode: the "trafilatura vote" is the block text of a part of the page
    let mid = (0..=html.len() / 2)
        .rev()
        .find(|&i| html.is_char_boundary(i))
        .unwrap_or(0);
    let vote = (flags & 2 == 2).then(|| line_hash_set(&block_text(&html[..mid]).text));
    let threshold = (flags & 4 == 4).then_some(f32::from(flags >> 3) / 31.0);
    let r = clean_html(
        &html,
        url,
        vote.as_ref(),
        &MODELS,
        Choice {
            threshold,
            ..Choice::default()
        },
        TextFormat::Plain,
    );
    assert!(r.words_out <= r.words_in);
    assert_eq!(r.lines.len(), r.line_hashes.len());
    // Markdown is the same decisions written otherwise
    let links = flags & 128 == 128;
    let m = clean_html(
        &html,
        url,
        vote.as_ref(),
        &MODELS,
        Choice {
            threshold,
            ..Choice::default()
        },
        TextFormat::Markdown { links },
    );
    assert!(r
        .lines
        .iter()
        .map(|d| d.kept)
        .eq(m.lines.iter().map(|d| d.kept)));
    assert_eq!(r.text.is_empty(), m.text.is_empty());
});
