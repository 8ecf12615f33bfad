//! The Python bindings, and the only file that names PyO3. Every function converts its
//! arguments, runs the core with the GIL released (`py.detach`), and converts the result;
//! batches go through in one call so the boundary is crossed once per batch, not per line.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use rayon::prelude::*;

use crate::classify::{self, Models, Scorer, TextOptions, TextResult};
use crate::htmlclean::{self, line_hash_set, HtmlModels, HtmlResult};
use crate::{features, hash, lines, metadata, normalize, page::Page, reasons};

create_exception!(
    _core,
    CoreError,
    PyRuntimeError,
    "An internal error (a bug) in the Rust core of boilerstrip."
);

/// Run core work, turning a panic into `CoreError` instead of unwinding into Python.
fn guarded<T>(f: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|e| {
        let msg = e
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| e.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        CoreError::new_err(format!("boilerstrip core panicked: {msg}"))
    })
}

/// Borrow the UTF-8 of a Python string; strings with lone surrogates (which UTF-8 cannot
/// hold) are converted lossily instead of failing the whole batch.
fn text_of<'a>(s: &'a Bound<'_, PyString>) -> std::borrow::Cow<'a, str> {
    match s.to_str() {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => std::borrow::Cow::Owned(s.to_string_lossy().into_owned()),
    }
}

/// Trained models for the text path, loaded from their JSON (see `benchmarks/train.py`).
#[pyclass(frozen, module = "boilerstrip._core", name = "Models")]
pub struct PyModels {
    inner: Models,
}

#[pymethods]
impl PyModels {
    #[staticmethod]
    fn from_json(py: Python<'_>, data: &str) -> PyResult<PyModels> {
        let m = py
            .detach(|| Models::from_json(data))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(PyModels { inner: m })
    }
}

/// The decisions of the line pass for one document. Per-line arrays are packed bytes so that
/// no Python object is made per line unless someone asks for it.
#[pyclass(frozen, module = "boilerstrip._core", name = "TextResult")]
pub struct PyTextResult {
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
    /// One byte per input line: 1 kept, 0 dropped.
    #[getter]
    fn kept<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let v: Vec<u8> = self.r.lines.iter().map(|d| d.kept as u8).collect();
        PyBytes::new(py, &v)
    }
    /// One byte per input line: the reason code (see `REASON_NAMES`).
    #[getter]
    fn reasons<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let v: Vec<u8> = self.r.lines.iter().map(|d| d.reason as u8).collect();
        PyBytes::new(py, &v)
    }
    /// Little-endian float32 per input line: the content score.
    #[getter]
    fn scores<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let v: Vec<u8> = self
            .r
            .lines
            .iter()
            .flat_map(|d| d.score.to_le_bytes())
            .collect();
        PyBytes::new(py, &v)
    }
    /// Little-endian uint64 per input line: the hash of the line's dedup key (0 if blank).
    #[getter]
    fn line_hashes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let v: Vec<u8> = self
            .r
            .line_hashes
            .iter()
            .flat_map(|h| h.to_le_bytes())
            .collect();
        PyBytes::new(py, &v)
    }
}

fn make_options<'m>(
    scorer: &str,
    models: Option<&'m PyModels>,
    threshold: Option<f32>,
    fixpoint: bool,
    floor: f32,
) -> PyResult<TextOptions<'m>> {
    if let Some(t) = threshold {
        if !(0.0..=1.0).contains(&t) || t.is_nan() {
            return Err(PyValueError::new_err(format!(
                "threshold must be within [0, 1], got {t}"
            )));
        }
    }
    let scorer = match (scorer, models) {
        ("model", Some(m)) => Scorer::Model(&m.inner),
        ("model", None) => Scorer::Model(Models::builtin().ok_or_else(|| {
            PyValueError::new_err("this build has no trained model; use scorer='rules'")
        })?),
        ("rules", _) => Scorer::Rules,
        (other, _) => {
            return Err(PyValueError::new_err(format!(
                "scorer must be 'model' or 'rules', got {other:?}"
            )))
        }
    };
    Ok(TextOptions {
        scorer,
        threshold,
        fixpoint,
        floor,
    })
}

/// The texts of a batch call and one URL for each (`None`s without `urls`).
fn texts_and_urls<'a>(
    texts: &'a [Bound<'_, PyString>],
    urls: Option<Vec<Option<String>>>,
) -> PyResult<(Vec<std::borrow::Cow<'a, str>>, Vec<Option<String>>)> {
    if let Some(u) = &urls {
        if u.len() != texts.len() {
            return Err(PyValueError::new_err(format!(
                "{} texts but {} urls",
                texts.len(),
                u.len()
            )));
        }
    }
    let owned: Vec<std::borrow::Cow<str>> = texts.iter().map(text_of).collect();
    let urls = urls.unwrap_or_else(|| vec![None; owned.len()]);
    Ok((owned, urls))
}

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

fn pool(threads: usize) -> PyResult<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| CoreError::new_err(e.to_string()))
}

/// Clean many raw texts in one call, the GIL released. `threads=0` uses every core.
#[pyfunction]
#[pyo3(signature = (texts, urls=None, *, scorer="model", models=None, threshold=None, threads=1, fixpoint=true, floor=1.0))]
fn clean_text_batch(
    py: Python<'_>,
    texts: Vec<Bound<'_, PyString>>,
    urls: Option<Vec<Option<String>>>,
    scorer: &str,
    models: Option<&PyModels>,
    threshold: Option<f32>,
    threads: usize,
    fixpoint: bool,
    floor: f32,
) -> PyResult<Vec<PyTextResult>> {
    let opts = make_options(scorer, models, threshold, fixpoint, floor)?;
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
#[pyo3(signature = (text, url=None, *, scorer="model", models=None, threshold=None, fixpoint=true, floor=1.0))]
fn clean_text(
    py: Python<'_>,
    text: Bound<'_, PyString>,
    url: Option<String>,
    scorer: &str,
    models: Option<&PyModels>,
    threshold: Option<f32>,
    fixpoint: bool,
    floor: f32,
) -> PyResult<PyTextResult> {
    let opts = make_options(scorer, models, threshold, fixpoint, floor)?;
    let t = text_of(&text);
    let r = py.detach(|| guarded(|| classify::clean_text(&t, url.as_deref(), &opts)))?;
    Ok(PyTextResult { r })
}

/// The normalised lines of a text (the `line` of each decision).
#[pyfunction]
fn split_lines(py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<Vec<String>> {
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
fn normalize_text(py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<String> {
    let t = text_of(&text);
    py.detach(|| guarded(|| normalize::normalize_text(&t)))
}

#[pyfunction]
fn dedup_key(py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<String> {
    let t = text_of(&text);
    py.detach(|| guarded(|| normalize::dedup_key(&t)))
}

/// xxh3-64 of a text's dedup key.
#[pyfunction]
fn text_hash(py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<u64> {
    let t = text_of(&text);
    py.detach(|| guarded(|| hash::text_hash(&t)))
}

/// xxh3-64 of raw bytes (with an optional seed).
#[pyfunction]
#[pyo3(signature = (data, seed=0))]
fn hash_bytes(data: &[u8], seed: u64) -> u64 {
    hash::hash_bytes_seeded(data, seed)
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
fn line_features<'py>(
    py: Python<'py>,
    texts: Vec<Bound<'py, PyString>>,
    urls: Option<Vec<Option<String>>>,
    vocab: Option<&str>,
) -> PyResult<Vec<(Vec<usize>, Bound<'py, PyBytes>)>> {
    let (owned, urls) = texts_and_urls(&texts, urls)?;
    let vocab = vocab_of(vocab)?;
    let out = per_page(py, &owned, &urls, |t, u| {
        let p = Page::analyze_with(t, u, vocab.as_ref());
        let f = features::line_features(&p);
        (
            p.content.clone(),
            f.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>(),
        )
    })?;
    Ok(out
        .into_iter()
        .map(|(c, b)| (c, PyBytes::new(py, &b)))
        .collect())
}

/// Training support: the vocabulary terms (hash buckets, see `vocab::line_terms`) of the
/// content lines of many pages. Per page: the start of each line's terms (one more than
/// lines) and the terms, as little-endian u32 bytes.
#[pyfunction]
#[pyo3(signature = (texts, urls=None))]
fn line_terms<'py>(
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

fn f32s(b: &[u8]) -> Vec<f32> {
    b.chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// Training support: title-candidate rows of one page given its line scores (float32 bytes)
/// and which content lines were kept (one byte each).
#[pyfunction]
#[pyo3(signature = (text, url, scores, keep, vocab=None))]
fn title_features<'py>(
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
fn decide<'py>(
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
fn feature_names(model: &str) -> PyResult<Vec<String>> {
    match model {
        "lines" => Ok(features::feature_names()),
        "title" => Ok(metadata::title_feature_names()),
        "html_fast" => Ok(htmlclean::html_feature_names(false)),
        "html_default" => Ok(htmlclean::html_feature_names(true)),
        _ => Err(PyValueError::new_err(
            "model must be 'lines', 'title', 'html_fast' or 'html_default'",
        )),
    }
}

/// Parse the first date in a string to ISO `YYYY-MM-DD`.
#[pyfunction]
fn parse_date(s: &str) -> PyResult<Option<String>> {
    guarded(|| metadata::parse_date(s))
}

/// Test-only, hidden: panic inside the core's guard, on this thread (`threads=1`) or inside
/// a rayon pool of `threads` threads, so the tests can check that a Rust panic reaches
/// Python as `CoreError` (never a `PanicException`, never an aborted interpreter). There is
/// no other way to make the (bug-free, we hope) core panic on purpose.
#[pyfunction]
#[pyo3(name = "_panic_for_tests", signature = (message, threads=1))]
fn panic_for_tests(py: Python<'_>, message: String, threads: usize) -> PyResult<()> {
    py.detach(|| {
        guarded(|| {
            if threads == 1 {
                panic!("{message}");
            }
            pool(threads).map(|p| {
                p.install(|| {
                    (0..threads * 4).into_par_iter().for_each(|i| {
                        if i == threads {
                            panic!("{message}")
                        }
                    })
                })
            })
        })
    })?
}

/// Whether this build has trained models built in.
#[pyfunction]
fn has_builtin_models() -> bool {
    Models::builtin().is_some()
}

// --- the HTML path ---------------------------------------------------------------------

/// Trained models for the HTML path, loaded from their JSON (see `benchmarks/train_html.py`).
#[pyclass(frozen, module = "boilerstrip._core", name = "HtmlModels")]
pub struct PyHtmlModels {
    inner: HtmlModels,
}

#[pymethods]
impl PyHtmlModels {
    #[staticmethod]
    fn from_json(py: Python<'_>, data: &str) -> PyResult<PyHtmlModels> {
        let m = py
            .detach(|| HtmlModels::from_json(data))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(PyHtmlModels { inner: m })
    }
}

/// The result of the HTML path for one page; per-line arrays refer to `page_text`.
#[pyclass(frozen, module = "boilerstrip._core", name = "HtmlResult")]
pub struct PyHtmlResult {
    r: HtmlResult,
}

#[pymethods]
impl PyHtmlResult {
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
    fn page_text(&self) -> &str {
        &self.r.page_text
    }
    #[getter]
    fn title(&self) -> Option<&str> {
        self.r.meta.title.as_deref()
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
    fn site(&self) -> Option<&str> {
        self.r.meta.site.as_deref()
    }
    #[getter]
    fn description(&self) -> Option<&str> {
        self.r.meta.description.as_deref()
    }
    #[getter]
    fn image(&self) -> Option<&str> {
        self.r.meta.image.as_deref()
    }
    #[getter]
    fn canonical(&self) -> Option<&str> {
        self.r.meta.canonical.as_deref()
    }
    #[getter]
    fn tags(&self) -> Vec<String> {
        self.r.meta.tags.clone()
    }
    #[getter]
    fn html_lang(&self) -> Option<&str> {
        self.r.meta.lang.as_deref()
    }
    #[getter]
    fn language(&self) -> Option<&str> {
        crate::lang::detect(&self.r.text).map(|l| l.0)
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
    fn n_lines(&self) -> usize {
        self.r.lines.len()
    }
    #[getter]
    fn kept<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let v: Vec<u8> = self.r.lines.iter().map(|d| d.kept as u8).collect();
        PyBytes::new(py, &v)
    }
    #[getter]
    fn reasons<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let v: Vec<u8> = self.r.lines.iter().map(|d| d.reason as u8).collect();
        PyBytes::new(py, &v)
    }
    #[getter]
    fn scores<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let v: Vec<u8> = self
            .r
            .lines
            .iter()
            .flat_map(|d| d.score.to_le_bytes())
            .collect();
        PyBytes::new(py, &v)
    }
    #[getter]
    fn line_hashes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let v: Vec<u8> = self
            .r
            .line_hashes
            .iter()
            .flat_map(|h| h.to_le_bytes())
            .collect();
        PyBytes::new(py, &v)
    }
}

fn html_models<'m>(models: Option<&'m PyHtmlModels>) -> PyResult<&'m HtmlModels> {
    match models {
        Some(m) => Ok(&m.inner),
        None => HtmlModels::builtin()
            .ok_or_else(|| PyValueError::new_err("this build has no trained HTML model")),
    }
}

/// Clean HTML pages in one call, the GIL released. `votes`: per page, trafilatura's text
/// (default mode) or None (fast mode). `threads=0` uses every core.
#[pyfunction]
#[pyo3(signature = (htmls, urls=None, votes=None, *, models=None, threshold=None, threads=1))]
fn clean_html_batch(
    py: Python<'_>,
    htmls: Vec<Bound<'_, PyString>>,
    urls: Option<Vec<Option<String>>>,
    votes: Option<Vec<Option<String>>>,
    models: Option<&PyHtmlModels>,
    threshold: Option<f32>,
    threads: usize,
) -> PyResult<Vec<PyHtmlResult>> {
    let n = htmls.len();
    let urls = urls.unwrap_or_else(|| vec![None; n]);
    let votes = votes.unwrap_or_else(|| vec![None; n]);
    if urls.len() != n || votes.len() != n {
        return Err(PyValueError::new_err(
            "htmls, urls and votes differ in length",
        ));
    }
    if let Some(t) = threshold {
        if !(0.0..=1.0).contains(&t) {
            return Err(PyValueError::new_err(format!(
                "threshold must be within [0, 1], got {t}"
            )));
        }
    }
    let models = html_models(models)?;
    let owned: Vec<std::borrow::Cow<str>> = htmls.iter().map(text_of).collect();
    let results = py.detach(|| {
        guarded(|| {
            let run = |k: usize| {
                let vote = votes[k].as_deref().map(line_hash_set);
                htmlclean::clean_html(
                    &owned[k],
                    urls[k].as_deref(),
                    vote.as_ref(),
                    models,
                    threshold,
                )
            };
            if threads == 1 {
                Ok((0..n).map(run).collect::<Vec<_>>())
            } else {
                pool(threads)
                    .map(|p| p.install(|| (0..n).into_par_iter().map(run).collect::<Vec<_>>()))
            }
        })
    })??;
    Ok(results.into_iter().map(|r| PyHtmlResult { r }).collect())
}

/// Training support: the block page text of each page, its content line numbers and the
/// feature rows (with the trafilatura vote when `votes` is given).
#[pyfunction]
#[pyo3(signature = (htmls, urls=None, votes=None, vocab=None))]
fn html_features<'py>(
    py: Python<'py>,
    htmls: Vec<Bound<'py, PyString>>,
    urls: Option<Vec<Option<String>>>,
    votes: Option<Vec<Option<String>>>,
    vocab: Option<&str>,
) -> PyResult<Vec<(String, Vec<usize>, Bound<'py, PyBytes>)>> {
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

// --- corpus: template counting, exact and near dedup ---

use std::sync::Mutex;

use crate::dedup::{DedupConfig, DedupResult, Deduper, DocIn, NearParams, VERDICT_NAMES};
use crate::minhash::{MinHashParams, MinHasher};
use crate::template::{TemplateCounter, TemplateParams};

fn u64s(b: &[u8], what: &str) -> PyResult<Vec<u64>> {
    if b.len() % 8 != 0 {
        return Err(PyValueError::new_err(format!(
            "{what}: {} bytes is not a whole number of uint64",
            b.len()
        )));
    }
    Ok(b.chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
        .collect())
}

fn u32s(b: &[u8], what: &str) -> PyResult<Vec<u32>> {
    if b.len() % 4 != 0 {
        return Err(PyValueError::new_err(format!(
            "{what}: {} bytes is not a whole number of uint32",
            b.len()
        )));
    }
    Ok(b.chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
        .collect())
}

fn le_bytes<'py, T: Copy, const N: usize>(
    py: Python<'py>,
    v: &[T],
    f: impl Fn(T) -> [u8; N],
) -> Bound<'py, PyBytes> {
    let out: Vec<u8> = v.iter().flat_map(|x| f(*x)).collect();
    PyBytes::new(py, &out)
}

/// Run `f` on a pool of `threads` threads (0: every core).
fn on_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    Ok(pool(threads)?.install(f))
}

fn poisoned() -> PyErr {
    CoreError::new_err("this index is unusable after an earlier internal error")
}

/// MinHash signatures over word n-grams of the dedup key (see `rust/minhash.rs`).
#[pyclass(frozen, module = "boilerstrip._core", name = "MinHasher")]
pub struct PyMinHasher {
    inner: MinHasher,
}

#[pymethods]
impl PyMinHasher {
    #[new]
    #[pyo3(signature = (num_perm=crate::minhash::DEFAULT_NUM_PERM, ngram=crate::minhash::DEFAULT_NGRAM, seed=crate::minhash::DEFAULT_SEED))]
    fn new(num_perm: usize, ngram: usize, seed: u64) -> PyResult<Self> {
        let inner = MinHasher::new(MinHashParams {
            num_perm,
            ngram,
            seed,
        })
        .map_err(PyValueError::new_err)?;
        Ok(PyMinHasher { inner })
    }
    #[getter]
    fn num_perm(&self) -> usize {
        self.inner.params.num_perm
    }
    #[getter]
    fn ngram(&self) -> usize {
        self.inner.params.ngram
    }
    #[getter]
    fn seed(&self) -> u64 {
        self.inner.params.seed
    }
    /// Signatures of many texts (little-endian uint32 x num_perm each); a text without a
    /// letter or digit gives all 0xFFFFFFFF. The GIL is released; `threads=0` uses every core.
    #[pyo3(signature = (texts, threads=1))]
    fn signatures<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Bound<'py, PyString>>,
        threads: usize,
    ) -> PyResult<Vec<Bound<'py, PyBytes>>> {
        let owned: Vec<std::borrow::Cow<str>> = texts.iter().map(text_of).collect();
        let h = &self.inner;
        let sigs = py.detach(|| {
            guarded(|| {
                on_pool(threads, || {
                    owned
                        .par_iter()
                        .map_init(crate::minhash::Scratch::default, |s, t| {
                            let mut sig = vec![0u32; h.num_perm()];
                            h.signature_into(t, s, &mut sig);
                            sig
                        })
                        .collect::<Vec<_>>()
                })
            })
        })??;
        Ok(sigs
            .iter()
            .map(|s| le_bytes(py, s, u32::to_le_bytes))
            .collect())
    }
}

/// The estimated Jaccard similarity of two signatures (the fraction of equal values).
#[pyfunction]
fn estimate_jaccard(a: &[u8], b: &[u8]) -> PyResult<f64> {
    let (a, b) = (u32s(a, "a")?, u32s(b, "b")?);
    if a.len() != b.len() {
        return Err(PyValueError::new_err(format!(
            "signatures of different lengths: {} and {}",
            a.len(),
            b.len()
        )));
    }
    Ok(crate::minhash::estimate_jaccard(&a, &b))
}

/// URL, exact and near-duplicate detection (see `rust/dedup.rs`). Add documents in batches,
/// then `finish()` once.
#[pyclass(frozen, module = "boilerstrip._core", name = "Deduper")]
pub struct PyDeduper {
    inner: Mutex<Option<Deduper>>,
}

#[pymethods]
impl PyDeduper {
    #[new]
    #[pyo3(signature = (*, urls=true, exact=true, near=true, num_perm=crate::minhash::DEFAULT_NUM_PERM, bands=crate::minhash::DEFAULT_BANDS,
                        rows=None, ngram=crate::minhash::DEFAULT_NGRAM, seed=crate::minhash::DEFAULT_SEED, threshold=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        urls: bool,
        exact: bool,
        near: bool,
        num_perm: usize,
        bands: usize,
        rows: Option<usize>,
        ngram: usize,
        seed: u64,
        threshold: Option<f64>,
    ) -> PyResult<Self> {
        if bands == 0 {
            return Err(PyValueError::new_err("bands must be at least 1"));
        }
        let near = near.then(|| NearParams {
            minhash: MinHashParams {
                num_perm,
                ngram,
                seed,
            },
            bands,
            rows: rows.unwrap_or(num_perm / bands),
            verify: threshold,
        });
        let d = Deduper::new(DedupConfig { urls, exact, near }).map_err(PyValueError::new_err)?;
        Ok(PyDeduper {
            inner: Mutex::new(Some(d)),
        })
    }

    /// Add documents: `ids` decide which copy is kept (the smallest id; then the smallest
    /// tiebreak); `urls` may hold None. Hashing runs with the GIL released on `threads`.
    #[pyo3(signature = (ids, texts, urls=None, tiebreaks=None, threads=1))]
    fn add(
        &self,
        py: Python<'_>,
        ids: Vec<String>,
        texts: Vec<Bound<'_, PyString>>,
        urls: Option<Vec<Option<String>>>,
        tiebreaks: Option<Vec<u64>>,
        threads: usize,
    ) -> PyResult<()> {
        let n = texts.len();
        let urls = urls.unwrap_or_else(|| vec![None; n]);
        let tiebreaks = tiebreaks.unwrap_or_else(|| vec![0; n]);
        if ids.len() != n || urls.len() != n || tiebreaks.len() != n {
            return Err(PyValueError::new_err(format!(
                "{n} texts but {} ids, {} urls and {} tiebreaks",
                ids.len(),
                urls.len(),
                tiebreaks.len()
            )));
        }
        let owned: Vec<std::borrow::Cow<str>> = texts.iter().map(text_of).collect();
        py.detach(|| {
            guarded(|| {
                let mut g = self.inner.lock().map_err(|_| poisoned())?;
                let d: &mut Deduper = g.as_mut().ok_or_else(|| {
                    PyValueError::new_err("this Deduper is finished; make a new one")
                })?;
                let docs: Vec<DocIn> = (0..n)
                    .map(|i| DocIn {
                        id: &ids[i],
                        tiebreak: tiebreaks[i],
                        text: &owned[i],
                        url: urls[i].as_deref(),
                    })
                    .collect();
                on_pool(threads, || d.add_batch(&docs))?.map_err(PyValueError::new_err)
            })
        })?
    }

    fn __len__(&self) -> PyResult<usize> {
        Ok(self
            .inner
            .lock()
            .map_err(|_| poisoned())?
            .as_ref()
            .map_or(0, |d| d.len()))
    }

    /// Bytes held by each index, from the capacities of its arrays.
    fn memory_bytes(&self) -> PyResult<Vec<(String, usize)>> {
        let g = self.inner.lock().map_err(|_| poisoned())?;
        Ok(g.as_ref()
            .map(|d| {
                d.memory_bytes()
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Decide which documents are kept. Ends the Deduper (its memory moves to the result).
    #[pyo3(signature = (threads=1))]
    fn finish(&self, py: Python<'_>, threads: usize) -> PyResult<PyDedupResult> {
        let d = self
            .inner
            .lock()
            .map_err(|_| poisoned())?
            .take()
            .ok_or_else(|| PyValueError::new_err("this Deduper is already finished"))?;
        let r = py.detach(|| guarded(|| on_pool(threads, || d.finish())))??;
        Ok(PyDedupResult { r })
    }
}

/// What `Deduper.finish()` decided, per document in the order they were added.
#[pyclass(frozen, module = "boilerstrip._core", name = "DedupResult")]
pub struct PyDedupResult {
    r: DedupResult,
}

#[pymethods]
impl PyDedupResult {
    fn __len__(&self) -> usize {
        self.r.len()
    }
    /// One byte per document: an index into `VERDICT_NAMES` (0 kept).
    #[getter]
    fn verdicts<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let v: Vec<u8> = self.r.verdict.iter().map(|v| *v as u8).collect();
        PyBytes::new(py, &v)
    }
    /// Little-endian uint32 per document: the index of the kept document it belongs to.
    #[getter]
    fn representatives<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        le_bytes(py, &self.r.representative, u32::to_le_bytes)
    }
    /// Little-endian uint64 per document: the cluster id (a hash of the kept document's id).
    #[getter]
    fn clusters<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        le_bytes(py, &self.r.cluster, u64::to_le_bytes)
    }
    /// Little-endian uint32 per document: the cluster's size at the kept document, else 0.
    #[getter]
    fn cluster_sizes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        le_bytes(py, &self.r.cluster_size, u32::to_le_bytes)
    }
    /// The id of the document added `i`-th.
    fn id(&self, i: usize) -> PyResult<String> {
        if i >= self.r.len() {
            return Err(pyo3::exceptions::PyIndexError::new_err(format!(
                "index {i} out of range for {} documents",
                self.r.len()
            )));
        }
        Ok(self.r.id(i).to_string())
    }
}

/// Per-site counts of line hashes across documents (see `rust/template.rs`).
#[pyclass(frozen, module = "boilerstrip._core", name = "TemplateCounter")]
pub struct PyTemplateCounter {
    inner: Mutex<TemplateCounter>,
}

impl PyTemplateCounter {
    fn get(&self) -> PyResult<std::sync::MutexGuard<'_, TemplateCounter>> {
        self.inner.lock().map_err(|_| poisoned())
    }
}

#[pymethods]
impl PyTemplateCounter {
    #[new]
    #[pyo3(signature = (min_docs=3, min_fraction=0.3, min_site_docs=3, min_run=2))]
    fn new(min_docs: u32, min_fraction: f64, min_site_docs: u32, min_run: u32) -> PyResult<Self> {
        let c = TemplateCounter::new(TemplateParams {
            min_docs,
            min_fraction,
            min_site_docs,
            min_run,
        })
        .map_err(PyValueError::new_err)?;
        Ok(PyTemplateCounter {
            inner: Mutex::new(c),
        })
    }

    /// Count documents given as texts (their lines are split, normalised and hashed here, with
    /// the GIL released). Returns how many were counted (repeats of a counted document and
    /// documents without words are not).
    #[pyo3(signature = (sites, texts, threads=1))]
    fn add_texts(
        &self,
        py: Python<'_>,
        sites: Vec<String>,
        texts: Vec<Bound<'_, PyString>>,
        threads: usize,
    ) -> PyResult<usize> {
        if sites.len() != texts.len() {
            return Err(PyValueError::new_err(format!(
                "{} sites but {} texts",
                sites.len(),
                texts.len()
            )));
        }
        let owned: Vec<std::borrow::Cow<str>> = texts.iter().map(text_of).collect();
        py.detach(|| {
            guarded(|| {
                let docs: Vec<(&str, &str)> = sites
                    .iter()
                    .map(String::as_str)
                    .zip(owned.iter().map(|t| t.as_ref()))
                    .collect();
                let mut c = self.get()?;
                let c: &mut TemplateCounter = &mut c;
                on_pool(threads, || c.add_texts(&docs))
            })
        })?
    }

    /// Count documents given by their line hashes (little-endian uint64 each, as
    /// `TextResult.line_hashes`). Returns how many were counted.
    fn add_hashes(
        &self,
        py: Python<'_>,
        sites: Vec<String>,
        hashes: Vec<Vec<u8>>,
    ) -> PyResult<usize> {
        if sites.len() != hashes.len() {
            return Err(PyValueError::new_err(format!(
                "{} sites but {} hash arrays",
                sites.len(),
                hashes.len()
            )));
        }
        let hs = hashes
            .iter()
            .map(|b| u64s(b, "hashes"))
            .collect::<PyResult<Vec<_>>>()?;
        py.detach(|| {
            guarded(|| {
                let mut c = self.get()?;
                Ok(sites
                    .iter()
                    .zip(&hs)
                    .filter(|(s, h)| c.add_hashes(s, h))
                    .count())
            })
        })?
    }

    /// Add the counts of another counter (of another shard of the same corpus).
    fn merge(&self, other: &PyTemplateCounter) -> PyResult<()> {
        if std::ptr::eq(self, other) {
            return Err(PyValueError::new_err("cannot merge a counter into itself"));
        }
        let o = other.get()?.clone();
        self.get()?.merge(&o);
        Ok(())
    }

    fn site_docs(&self, site: &str) -> PyResult<u32> {
        Ok(self.get()?.site_docs(site))
    }

    fn line_docs(&self, site: &str, line_hash: u64) -> PyResult<u32> {
        Ok(self.get()?.line_docs(site, line_hash))
    }

    /// Documents a line of `site` must occur in to be template; None if the site is too small.
    fn threshold(&self, site: &str) -> PyResult<Option<u32>> {
        Ok(self.get()?.threshold(site))
    }

    /// One byte per line hash: 1 if that line is part of the site's template.
    fn template_lines<'py>(
        &self,
        py: Python<'py>,
        site: &str,
        hashes: &[u8],
    ) -> PyResult<Bound<'py, PyBytes>> {
        let hs = u64s(hashes, "hashes")?;
        let flags: Vec<u8> = self
            .get()?
            .template_lines(site, &hs)
            .into_iter()
            .map(u8::from)
            .collect();
        Ok(PyBytes::new(py, &flags))
    }

    /// Drop template lines from many documents' kept lines. Each item is `(site, text,
    /// line_hashes, kept, reasons)` with the byte arrays of a `TextResult`; each result is
    /// `(clean_text, kept, reasons, lines_removed)`.
    #[pyo3(signature = (items, threads=1))]
    #[allow(clippy::type_complexity)]
    fn apply<'py>(
        &self,
        py: Python<'py>,
        items: Vec<(String, Bound<'py, PyString>, Vec<u8>, Vec<u8>, Vec<u8>)>,
        threads: usize,
    ) -> PyResult<Vec<(String, Bound<'py, PyBytes>, Bound<'py, PyBytes>, usize)>> {
        let mut prepared = Vec::with_capacity(items.len());
        for (site, text, hashes, kept, reasons) in &items {
            prepared.push((
                site.as_str(),
                text_of(text),
                u64s(hashes, "line_hashes")?,
                kept.iter().map(|&k| k != 0).collect::<Vec<bool>>(),
                reasons.clone(),
            ));
        }
        let out = py.detach(|| {
            guarded(|| {
                let c = self.get()?;
                let c = &*c;
                on_pool(threads, || {
                    prepared
                        .into_par_iter()
                        .map(|(site, text, hs, mut kept, mut reasons)| {
                            c.apply(site, &text, &hs, &mut kept, &mut reasons)
                                .map(|(t, n)| (t, kept, reasons, n))
                        })
                        .collect::<Result<Vec<_>, String>>()
                })?
                .map_err(PyValueError::new_err)
            })
        })??;
        Ok(out
            .into_iter()
            .map(|(t, kept, reasons, n)| {
                let k: Vec<u8> = kept.into_iter().map(u8::from).collect();
                (t, PyBytes::new(py, &k), PyBytes::new(py, &reasons), n)
            })
            .collect())
    }

    /// Distinct (site, line) pairs counted.
    fn __len__(&self) -> PyResult<usize> {
        Ok(self.get()?.len())
    }

    #[getter]
    fn n_sites(&self) -> PyResult<usize> {
        Ok(self.get()?.n_sites())
    }

    #[getter]
    fn n_docs(&self) -> PyResult<usize> {
        Ok(self.get()?.n_docs())
    }

    fn memory_bytes(&self) -> PyResult<Vec<(String, usize)>> {
        Ok(self
            .get()?
            .memory_bytes()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect())
    }
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("CoreError", m.py().get_type::<CoreError>())?;
    m.add("REASON_NAMES", reasons::REASON_NAMES.to_vec())?;
    m.add("MAX_PASSES", crate::classify::MAX_PASSES)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyModels>()?;
    m.add_class::<PyTextResult>()?;
    m.add_function(wrap_pyfunction!(clean_text, m)?)?;
    m.add_function(wrap_pyfunction!(clean_text_batch, m)?)?;
    m.add_function(wrap_pyfunction!(split_lines, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_text, m)?)?;
    m.add_function(wrap_pyfunction!(dedup_key, m)?)?;
    m.add_function(wrap_pyfunction!(text_hash, m)?)?;
    m.add_function(wrap_pyfunction!(hash_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(line_features, m)?)?;
    m.add_function(wrap_pyfunction!(line_terms, m)?)?;
    m.add_function(wrap_pyfunction!(decide, m)?)?;
    m.add_function(wrap_pyfunction!(title_features, m)?)?;
    m.add_function(wrap_pyfunction!(feature_names, m)?)?;
    m.add_function(wrap_pyfunction!(parse_date, m)?)?;
    m.add_function(wrap_pyfunction!(has_builtin_models, m)?)?;
    m.add_function(wrap_pyfunction!(panic_for_tests, m)?)?;
    m.add_class::<PyHtmlModels>()?;
    m.add_class::<PyHtmlResult>()?;
    m.add_function(wrap_pyfunction!(clean_html_batch, m)?)?;
    m.add_function(wrap_pyfunction!(html_features, m)?)?;
    // corpus: template counting, exact and near dedup
    m.add("VERDICT_NAMES", VERDICT_NAMES.to_vec())?;
    m.add_class::<PyMinHasher>()?;
    m.add_class::<PyDeduper>()?;
    m.add_class::<PyDedupResult>()?;
    m.add_class::<PyTemplateCounter>()?;
    m.add_function(wrap_pyfunction!(estimate_jaccard, m)?)?;
    Ok(())
}
