//! Training-support bindings: the feature matrices, vocabulary terms and title rows that
//! `benchmarks/train.py`, `train_html.py` and `vocab_train.py` learn from, and the decisions
//! the line pass makes for given scores. Apart from the cleaning functions because nothing in
//! the package's runtime calls them.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use rayon::prelude::*;

use super::{f32s, guarded, text_of, texts_and_urls};
use crate::classify;
use crate::htmlclean::{self, line_hash_set};
use crate::{features, metadata, page::Page};

/// `f` on each (text, URL) of a batch on rayon's global pool, the GIL released and a panic
/// turned into `CoreError` (the training-support functions below).
fn per_page<T: Send>(
    py: Python<'_>,
    texts: &[std::borrow::Cow<'_, str>],
    urls: &[Option<String>],
    f: impl Fn(&str, Option<&str>) -> T + Sync,
) -> PyResult<Vec<T>> {
    py.detach(|| {
        guarded(|| {
            texts
                .par_iter()
                .zip(urls.par_iter())
                .map(|(t, u)| f(t, u.as_deref()))
                .collect()
        })
    })
}

/// A vocabulary (the `vocab` object of a text model bundle, as JSON), for the training
/// functions below.
fn vocab_of(json: Option<&str>) -> PyResult<Option<crate::vocab::Vocab>> {
    json.map(|j| {
        let v: crate::vocab::VocabJson = serde_json::from_str(j)
            .map_err(|e| PyValueError::new_err(format!("invalid vocabulary: {e}")))?;
        crate::vocab::Vocab::from_json(v).map_err(|e| PyValueError::new_err(e.to_string()))
    })
    .transpose()
}

/// Training support: line features of many pages. Returns per page the input line numbers
/// of its content lines and the row-major float32 matrix as bytes. `vocab`: the vocabulary
/// that scores the lines (JSON; without it the score is 0).
#[pyfunction]
#[pyo3(signature = (texts, urls=None, vocab=None))]
pub(super) fn line_features<'py>(
    py: Python<'py>,
    texts: Vec<Bound<'py, PyString>>,
    urls: Option<Vec<Option<String>>>,
    vocab: Option<&str>,
) -> PyResult<Vec<(Vec<usize>, Bound<'py, PyBytes>)>> {
    let (owned, urls) = texts_and_urls(&texts, urls)?;
    let vocab = vocab_of(vocab)?;
    let out = per_page(py, &owned, &urls, |t, u| {
        let p = Page::analyze_with(t, u, vocab.as_ref());
        (p.content.clone(), le_rows(&features::line_features(&p)))
    })?;
    Ok(rows_out(py, out))
}

/// Feature rows as little-endian float32 bytes.
fn le_rows(f: &[f32]) -> Vec<u8> {
    f.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// Per page, its content line numbers and its feature rows as Python bytes.
fn rows_out(
    py: Python<'_>,
    pages: Vec<(Vec<usize>, Vec<u8>)>,
) -> Vec<(Vec<usize>, Bound<'_, PyBytes>)> {
    pages
        .into_iter()
        .map(|(c, b)| (c, PyBytes::new(py, &b)))
        .collect()
}

/// Training support: the fast path's line features (see `fast::FastPage::features`) of many
/// pages. Per page: the input line numbers of its content lines and the row-major float32
/// matrix as bytes.
#[pyfunction]
pub(super) fn fast_features<'py>(
    py: Python<'py>,
    texts: Vec<Bound<'py, PyString>>,
) -> PyResult<Vec<(Vec<usize>, Bound<'py, PyBytes>)>> {
    let (owned, urls) = texts_and_urls(&texts, None)?;
    let out = per_page(py, &owned, &urls, |t, _| {
        let p = crate::fast::FastPage::read(t);
        (p.content.clone(), le_rows(&p.features()))
    })?;
    Ok(rows_out(py, out))
}

/// Training support: the vocabulary terms (hash buckets, see `vocab::line_terms`) of the
/// content lines of many pages. Per page: the start of each line's terms (one more than
/// lines) and the terms, as little-endian u32 bytes.
#[pyfunction]
#[pyo3(signature = (texts, urls=None))]
pub(super) fn line_terms<'py>(
    py: Python<'py>,
    texts: Vec<Bound<'py, PyString>>,
    urls: Option<Vec<Option<String>>>,
) -> PyResult<Vec<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)>> {
    let (owned, urls) = texts_and_urls(&texts, urls)?;
    let out = per_page(py, &owned, &urls, |t, u| {
        let p = Page::analyze(t, u);
        let (mut maps, mut words, mut terms) = (
            crate::scan::Bitmaps::default(),
            crate::lexicon::LineWords::default(),
            Vec::new(),
        );
        let mut seen = crate::vocab::TermSet::default();
        let (mut starts, mut flat) = (vec![0u32], Vec::new());
        for &i in &p.content {
            maps.fill(&p.lines[i]);
            words.fill(&p.lines[i], &maps);
            crate::vocab::line_terms(&words, &mut seen, &mut terms);
            terms.sort_unstable();
            flat.extend_from_slice(&terms);
            starts.push(flat.len() as u32);
        }
        let le = |v: &[u32]| v.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
        (le(&starts), le(&flat))
    })?;
    Ok(out
        .into_iter()
        .map(|(a, b)| (PyBytes::new(py, &a), PyBytes::new(py, &b)))
        .collect())
}

/// Training support: title-candidate rows of one page given its line scores (float32 bytes)
/// and which content lines were kept (one byte each).
#[pyfunction]
#[pyo3(signature = (text, url, scores, keep, vocab=None))]
pub(super) fn title_features<'py>(
    py: Python<'py>,
    text: Bound<'py, PyString>,
    url: Option<String>,
    scores: &[u8],
    keep: &[u8],
    vocab: Option<&str>,
) -> PyResult<(Vec<usize>, Bound<'py, PyBytes>)> {
    let t = text_of(&text);
    let s = f32s(scores);
    let k: Vec<bool> = keep.iter().map(|&b| b != 0).collect();
    let vocab = vocab_of(vocab)?;
    let out = py
        .detach(|| {
            guarded(|| {
                let p = Page::analyze_with(&t, url.as_deref(), vocab.as_ref());
                if s.len() != p.content.len() || k.len() != p.content.len() {
                    return Err(format!(
                        "{} scores and {} flags for {} content lines",
                        s.len(),
                        k.len(),
                        p.content.len()
                    ));
                }
                let f = features::line_features(&p);
                let (js, rows) = metadata::title_rows(&p, &f, &s, &k);
                let lines: Vec<usize> = js.iter().map(|&j| p.content[j]).collect();
                Ok((
                    lines,
                    rows.iter()
                        .flat_map(|x| x.to_le_bytes())
                        .collect::<Vec<u8>>(),
                ))
            })
        })?
        .map_err(PyValueError::new_err)?;
    Ok((out.0, PyBytes::new(py, &out.1)))
}

/// Training support: which content lines the line pass keeps for given scores (see
/// `classify::decide`); one byte per line.
#[pyfunction]
#[pyo3(signature = (scores, words, threshold=None))]
pub(super) fn decide<'py>(
    py: Python<'py>,
    scores: &[u8],
    words: Vec<u32>,
    threshold: Option<f32>,
) -> PyResult<Bound<'py, PyBytes>> {
    let s = f32s(scores);
    if s.len() != words.len() {
        return Err(PyValueError::new_err("scores and words differ in length"));
    }
    let k: Vec<u8> = guarded(|| classify::decide(&s, &words, threshold))?
        .into_iter()
        .map(u8::from)
        .collect();
    Ok(PyBytes::new(py, &k))
}

#[pyfunction]
pub(super) fn feature_names(model: &str) -> PyResult<Vec<String>> {
    match model {
        "lines" => Ok(features::feature_names()),
        "title" => Ok(metadata::title_feature_names()),
        "html_fast" => Ok(htmlclean::html_feature_names(false)),
        "html_default" => Ok(htmlclean::html_feature_names(true)),
        "fast" => Ok(crate::fast::FEATURE_NAMES.map(String::from).to_vec()),
        _ => Err(PyValueError::new_err(
            "model must be 'lines', 'title', 'html_fast', 'html_default' or 'fast'",
        )),
    }
}

/// One page of `html_features`: its block page text, content line numbers and feature rows.
type HtmlPageRows<'py> = (String, Vec<usize>, Bound<'py, PyBytes>);

/// Training support: the block page text of each page, its content line numbers and the
/// feature rows (with the trafilatura vote when `votes` is given).
#[pyfunction]
#[pyo3(signature = (htmls, urls=None, votes=None, vocab=None))]
pub(super) fn html_features<'py>(
    py: Python<'py>,
    htmls: Vec<Bound<'py, PyString>>,
    urls: Option<Vec<Option<String>>>,
    votes: Option<Vec<Option<String>>>,
    vocab: Option<&str>,
) -> PyResult<Vec<HtmlPageRows<'py>>> {
    let n = htmls.len();
    let (owned, urls) = texts_and_urls(&htmls, urls)?;
    let vocab = vocab_of(vocab)?;
    let with_vote = votes.is_some();
    let votes = votes.unwrap_or_else(|| vec![None; n]);
    let out = py.detach(|| {
        guarded(|| {
            (0..n)
                .into_par_iter()
                .map(|k| {
                    let bt = htmlclean::block_text(&owned[k]);
                    let page = Page::analyze_with(&bt.text, urls[k].as_deref(), vocab.as_ref());
                    let vote = if with_vote {
                        Some(votes[k].as_deref().map(line_hash_set).unwrap_or_default())
                    } else {
                        None
                    };
                    let f = htmlclean::html_features(&page, &bt, vote.as_ref());
                    let bytes: Vec<u8> = f.iter().flat_map(|x| x.to_le_bytes()).collect();
                    let content = page.content.clone();
                    drop(page);
                    (bt.text, content, bytes)
                })
                .collect::<Vec<_>>()
        })
    })?;
    Ok(out
        .into_iter()
        .map(|(t, c, b)| (t, c, PyBytes::new(py, &b)))
        .collect())
}
