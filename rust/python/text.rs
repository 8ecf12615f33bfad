//! The text path's bindings: the `Models` and `TextResult` classes, `clean_text(_batch)`, and
//! the small text utilities (normalisation, dedup keys, hashes, dates) that work on one
//! string. Separate from the HTML path and the corpus types, which share none of its options.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use rayon::prelude::*;

use super::{guarded, le_bytes, model_from_json, pool, text_of, texts_and_urls};
use crate::classify::{self, Models, Scorer, TextOptions, TextResult};
use crate::fast::FastModel;
use crate::{hash, lines, metadata, normalize};

/// Trained models for the text path, loaded from their JSON (see `benchmarks/train.py`).
#[pyclass(frozen, module = "boilerstrip._core", name = "Models")]
pub(super) struct PyModels {
    inner: Models,
}

#[pymethods]
impl PyModels {
    #[staticmethod]
    fn from_json(py: Python<'_>, data: &str) -> PyResult<PyModels> {
        let inner = model_from_json(py, data, Models::from_json)?;
        Ok(PyModels { inner })
    }
}

/// The fast path's model (see `fast::FastModel`), for `scorer="fast"`.
#[pyclass(frozen, module = "boilerstrip._core", name = "FastModel")]
pub(super) struct PyFastModel {
    inner: FastModel,
}

#[pymethods]
impl PyFastModel {
    #[staticmethod]
    fn from_json(py: Python<'_>, data: &str) -> PyResult<PyFastModel> {
        let inner = model_from_json(py, data, FastModel::from_json)?;
        Ok(PyFastModel { inner })
    }
}

/// The decisions of the line pass for one document. Per-line arrays are packed bytes so that
/// no Python object is made per line unless someone asks for it.
#[pyclass(frozen, module = "boilerstrip._core", name = "TextResult")]
pub(super) struct PyTextResult {
    r: TextResult,
}

#[pymethods]
impl PyTextResult {
    #[getter]
    fn text(&self) -> &str {
        &self.r.text
    }
    /// xxh3-64 of the clean text's UTF-8 bytes (`hash_bytes(text.encode())`, without the copy).
    #[getter]
    fn text_hash(&self) -> u64 {
        hash::hash_bytes(self.r.text.as_bytes())
    }
    #[getter]
    fn title(&self) -> Option<&str> {
        self.r.meta.title.as_deref()
    }
    #[getter]
    fn title_line(&self) -> Option<usize> {
        self.r.meta.title_line
    }
    #[getter]
    fn author(&self) -> Option<&str> {
        self.r.meta.author.as_deref()
    }
    #[getter]
    fn date(&self) -> Option<&str> {
        self.r.meta.date.as_deref()
    }
    #[getter]
    fn stop_lang(&self) -> Option<&str> {
        self.r.stop_lang
    }
    #[getter]
    fn language(&self) -> Option<&str> {
        self.r.language.map(|l| l.0)
    }
    #[getter]
    fn language_score(&self) -> f32 {
        self.r.language.map_or(0.0, |l| l.1)
    }
    #[getter]
    fn words_in(&self) -> u32 {
        self.r.words_in
    }
    #[getter]
    fn words_out(&self) -> u32 {
        self.r.words_out
    }
    #[getter]
    fn passes(&self) -> u32 {
        self.r.passes
    }
    #[getter]
    fn n_lines(&self) -> usize {
        self.r.lines.len()
    }
    /// The text the decisions are about when it is not the input (the lines of `kept`,
    /// `reasons` and `scores`): the Markdown input rendered line by line, pieces of
    /// paragraphs joined (lines broken at inline elements, hard-wrapped lines), or the input's long lines cut into segments, or several of these;
    /// else None.
    #[getter]
    fn rendered(&self) -> Option<&str> {
        self.r.rendered.as_deref()
    }
    /// The input was read as Markdown.
    #[getter]
    fn markdown(&self) -> bool {
        self.r.markdown
    }
    /// The input's long lines were cut into segments (text that lost its line breaks).
    #[getter]
    fn segmented(&self) -> bool {
        self.r.segmented
    }
    /// The input's hard-wrapped paragraphs were joined (each into its first line).
    #[getter]
    fn unwrapped(&self) -> bool {
        self.r.unwrapped
    }
    /// The input's lines broken at inline elements were joined (each run into its first line).
    #[getter]
    fn rejoined(&self) -> bool {
        self.r.rejoined
    }
    /// Not cleaned: cut into segments, the text has more lines than `max_lines`.
    #[getter]
    fn too_many_lines(&self) -> bool {
        self.r.too_many_lines
    }
    /// One byte per input line: 1 kept, 0 dropped.
    #[getter]
    fn kept<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        le_bytes(py, &self.r.lines, |d| [d.kept as u8])
    }
    /// One byte per input line: the reason code (see `REASON_NAMES`).
    #[getter]
    fn reasons<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        le_bytes(py, &self.r.lines, |d| [d.reason as u8])
    }
    /// Little-endian float32 per input line: the content score.
    #[getter]
    fn scores<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        le_bytes(py, &self.r.lines, |d| d.score.to_le_bytes())
    }
    /// Little-endian uint64 per input line: the hash of the line's dedup key (0 if blank).
    #[getter]
    fn line_hashes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        le_bytes(py, &self.r.line_hashes, |h| h.to_le_bytes())
    }
}

// The options are the Python signature's.
#[allow(clippy::too_many_arguments)]
fn make_options<'m>(
    scorer: &str,
    models: Option<&'m PyModels>,
    fast_model: Option<&'m PyFastModel>,
    threshold: Option<f32>,
    fixpoint: bool,
    floor: f32,
    markdown: Option<bool>,
    segment: Option<bool>,
    unwrap: Option<bool>,
    max_lines: Option<usize>,
) -> PyResult<TextOptions<'m>> {
    super::check_choice(threshold, floor)?;
    let scorer = match (scorer, models) {
        ("model", Some(m)) => Scorer::Model(&m.inner),
        ("model", None) => Scorer::Model(Models::builtin().ok_or_else(|| {
            PyValueError::new_err("this build has no trained model; use scorer='rules'")
        })?),
        ("rules", _) => Scorer::Rules,
        ("fast", _) => Scorer::Fast(match fast_model {
            Some(m) => &m.inner,
            None => FastModel::builtin().ok_or_else(|| {
                PyValueError::new_err("this build has no fast model; use scorer='model'")
            })?,
        }),
        (other, _) => {
            return Err(PyValueError::new_err(format!(
                "scorer must be 'model', 'fast' or 'rules', got {other:?}"
            )))
        }
    };
    Ok(TextOptions {
        scorer,
        threshold,
        fixpoint,
        floor,
        markdown,
        segment,
        unwrap,
        max_lines: max_lines.unwrap_or(usize::MAX),
    })
}

/// Clean many raw texts in one call, the GIL released. `threads=0` uses every core.
#[pyfunction]
#[pyo3(signature = (texts, urls=None, *, scorer="model", models=None, fast_model=None, threshold=None, threads=1, fixpoint=true, floor=1.0, markdown=None, segment=None, unwrap=None, max_lines=None))]
// The arguments are the Python signature's.
#[allow(clippy::too_many_arguments)]
pub(super) fn clean_text_batch(
    py: Python<'_>,
    texts: Vec<Bound<'_, PyString>>,
    urls: Option<Vec<Option<String>>>,
    scorer: &str,
    models: Option<&PyModels>,
    fast_model: Option<&PyFastModel>,
    threshold: Option<f32>,
    threads: usize,
    fixpoint: bool,
    floor: f32,
    markdown: Option<bool>,
    segment: Option<bool>,
    unwrap: Option<bool>,
    max_lines: Option<usize>,
) -> PyResult<Vec<PyTextResult>> {
    let opts = make_options(
        scorer, models, fast_model, threshold, fixpoint, floor, markdown, segment, unwrap,
        max_lines,
    )?;
    let (owned, urls) = texts_and_urls(&texts, urls)?;
    let results = py.detach(|| {
        guarded(|| {
            let run = |(t, u): (&std::borrow::Cow<str>, &Option<String>)| {
                classify::clean_text(t, u.as_deref(), &opts)
            };
            if threads == 1 {
                Ok(owned.iter().zip(urls.iter()).map(run).collect::<Vec<_>>())
            } else {
                pool(threads).map(|p| {
                    p.install(|| {
                        owned
                            .par_iter()
                            .zip(urls.par_iter())
                            .map(run)
                            .collect::<Vec<_>>()
                    })
                })
            }
        })
    })??;
    Ok(results.into_iter().map(|r| PyTextResult { r }).collect())
}

/// Clean one raw text.
#[pyfunction]
#[pyo3(signature = (text, url=None, *, scorer="model", models=None, fast_model=None, threshold=None, fixpoint=true, floor=1.0, markdown=None, segment=None, unwrap=None, max_lines=None))]
// The arguments are the Python signature's.
#[allow(clippy::too_many_arguments)]
pub(super) fn clean_text(
    py: Python<'_>,
    text: Bound<'_, PyString>,
    url: Option<String>,
    scorer: &str,
    models: Option<&PyModels>,
    fast_model: Option<&PyFastModel>,
    threshold: Option<f32>,
    fixpoint: bool,
    floor: f32,
    markdown: Option<bool>,
    segment: Option<bool>,
    unwrap: Option<bool>,
    max_lines: Option<usize>,
) -> PyResult<PyTextResult> {
    let opts = make_options(
        scorer, models, fast_model, threshold, fixpoint, floor, markdown, segment, unwrap,
        max_lines,
    )?;
    let t = text_of(&text);
    let r = py.detach(|| guarded(|| classify::clean_text(&t, url.as_deref(), &opts)))?;
    Ok(PyTextResult { r })
}

/// The normalised lines of a text (the `line` of each decision).
#[pyfunction]
pub(super) fn split_lines(py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<Vec<String>> {
    let t = text_of(&text);
    py.detach(|| {
        guarded(|| {
            lines::split_lines(&t)
                .map(|l| normalize::normalize_line(l).into_owned())
                .collect()
        })
    })
}

#[pyfunction]
pub(super) fn normalize_text(py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<String> {
    let t = text_of(&text);
    py.detach(|| guarded(|| normalize::normalize_text(&t)))
}

/// Markdown rendered line by line to the text a browser shows (the text path's reading of a
/// Markdown scrape; same line count).
#[pyfunction]
pub(super) fn render_markdown(py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<String> {
    let t = text_of(&text);
    py.detach(|| guarded(|| crate::markdown::render(&t)))
}

/// Whether the text path reads `text` as Markdown when `markdown=None`.
#[pyfunction]
pub(super) fn looks_like_markdown(py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<bool> {
    let t = text_of(&text);
    py.detach(|| guarded(|| crate::markdown::looks_like_markdown(&t)))
}

/// The words of a text as `words_out` counts them (see `lines::count_words`).
#[pyfunction]
pub(super) fn word_count(py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<u32> {
    let t = text_of(&text);
    py.detach(|| guarded(|| lines::count_words(&t)))
}

/// Whether a text (str, as its UTF-8) or bytes look like binary data (see
/// `normalize::looks_binary`).
#[pyfunction]
pub(super) fn looks_binary(data: &Bound<'_, PyAny>) -> PyResult<bool> {
    if let Ok(b) = data.cast::<PyBytes>() {
        return Ok(normalize::looks_binary(b.as_bytes()));
    }
    let s = data.cast::<PyString>().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "expected str or bytes, got {}",
            data.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    Ok(normalize::looks_binary(text_of(s).as_bytes()))
}

#[pyfunction]
pub(super) fn dedup_key(py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<String> {
    let t = text_of(&text);
    py.detach(|| guarded(|| normalize::dedup_key(&t)))
}

/// Every language code the detector can answer (ISO 639-1 where one exists), sorted.
#[pyfunction]
pub(super) fn language_codes() -> Vec<&'static str> {
    crate::lang::codes()
}

/// xxh3-64 of a text's dedup key.
#[pyfunction]
pub(super) fn text_hash(py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<u64> {
    let t = text_of(&text);
    py.detach(|| guarded(|| hash::text_hash(&t)))
}

/// xxh3-64 of raw bytes (with an optional seed).
#[pyfunction]
#[pyo3(signature = (data, seed=0))]
pub(super) fn hash_bytes(data: &[u8], seed: u64) -> u64 {
    hash::hash_bytes_seeded(data, seed)
}

/// Parse the first date in a string to ISO `YYYY-MM-DD`.
#[pyfunction]
pub(super) fn parse_date(s: &str) -> PyResult<Option<String>> {
    guarded(|| metadata::parse_date(s))
}

/// Whether this build has trained models built in.
#[pyfunction]
pub(super) fn has_builtin_models() -> bool {
    Models::builtin().is_some()
}
