//! The HTML path's bindings: the `HtmlModels` and `HtmlResult` classes and
//! `clean_html_batch`. Separate from the text path: other models, other options, and a
//! result with the page's metadata.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use rayon::prelude::*;

use super::{guarded, le_bytes, model_from_json, pool, text_of};
use crate::hash;
use crate::htmlclean::{self, line_hash_set, HtmlModels, HtmlResult};

/// Trained models for the HTML path, loaded from their JSON (see `benchmarks/train_html.py`).
#[pyclass(frozen, module = "boilerstrip._core", name = "HtmlModels")]
pub(super) struct PyHtmlModels {
    inner: HtmlModels,
}

#[pymethods]
impl PyHtmlModels {
    #[staticmethod]
    fn from_json(py: Python<'_>, data: &str) -> PyResult<PyHtmlModels> {
        let inner = model_from_json(py, data, HtmlModels::from_json)?;
        Ok(PyHtmlModels { inner })
    }
}

/// The result of the HTML path for one page; per-line arrays refer to `page_text`.
#[pyclass(frozen, module = "boilerstrip._core", name = "HtmlResult")]
pub(super) struct PyHtmlResult {
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
        self.r.language.map(|l| l.0)
    }
    /// Confidence in `language`, 0..1 (0 when none was found).
    #[getter]
    fn language_score(&self) -> f32 {
        self.r.language.map_or(0.0, |l| l.1)
    }
    #[getter]
    fn words_in(&self) -> u32 {
        self.r.words_in
    }
    /// Bytes of text past the 1 MiB a block holds, not read.
    #[getter]
    fn cut_bytes(&self) -> u64 {
        self.r.cut_bytes
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
        le_bytes(py, &self.r.lines, |d| [d.kept as u8])
    }
    #[getter]
    fn reasons<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        le_bytes(py, &self.r.lines, |d| [d.reason as u8])
    }
    #[getter]
    fn scores<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        le_bytes(py, &self.r.lines, |d| d.score.to_le_bytes())
    }
    #[getter]
    fn line_hashes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        le_bytes(py, &self.r.line_hashes, |h| h.to_le_bytes())
    }
}

fn html_models(models: Option<&PyHtmlModels>) -> PyResult<&HtmlModels> {
    match models {
        Some(m) => Ok(&m.inner),
        None => HtmlModels::builtin()
            .ok_or_else(|| PyValueError::new_err("this build has no trained HTML model")),
    }
}

/// Clean HTML pages in one call, the GIL released. `votes`: per page, trafilatura's text
/// (default mode) or None (fast mode). `threads=0` uses every core. `markdown`: the clean
/// text as Markdown (headings, lists, quotes, code fences, pipe tables, bold, italic, inline
/// code); `links`: with Markdown, links as `[text](target)`, targets made absolute against
/// the page's URL.
/// The lines of a page's block text (blank separators included), as `clean_html_batch` scores
/// them: for a line limit checked before the page is cleaned (the features of a line hold
/// about 500 bytes; a 16 MB page of `<p>x` was 4 million lines and 7 GB).
#[pyfunction]
pub(super) fn html_line_count(py: Python<'_>, html: Bound<'_, PyString>) -> PyResult<usize> {
    let text = text_of(&html);
    py.detach(|| guarded(|| htmlclean::block_text(&text).line_block.len()))
}

#[pyfunction]
#[pyo3(signature = (htmls, urls=None, votes=None, *, models=None, threshold=None, threads=1, markdown=false, links=false, floor=1.0, comments=false))]
#[allow(clippy::too_many_arguments)] // the keyword arguments of the Python signature
pub(super) fn clean_html_batch(
    py: Python<'_>,
    htmls: Vec<Bound<'_, PyString>>,
    urls: Option<Vec<Option<String>>>,
    votes: Option<Vec<Option<String>>>,
    models: Option<&PyHtmlModels>,
    threshold: Option<f32>,
    threads: usize,
    markdown: bool,
    links: bool,
    floor: f32,
    comments: bool,
) -> PyResult<Vec<PyHtmlResult>> {
    let format = match (markdown, links) {
        (false, false) => htmlclean::TextFormat::Plain,
        (false, true) => {
            return Err(PyValueError::new_err(
                "links=True needs markdown=True: plain text has no way to write a link",
            ))
        }
        (true, links) => htmlclean::TextFormat::Markdown { links },
    };
    let n = htmls.len();
    let urls = urls.unwrap_or_else(|| vec![None; n]);
    let votes = votes.unwrap_or_else(|| vec![None; n]);
    if urls.len() != n || votes.len() != n {
        return Err(PyValueError::new_err(
            "htmls, urls and votes differ in length",
        ));
    }
    super::check_choice(threshold, floor)?;
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
                    htmlclean::Choice {
                        threshold,
                        floor,
                        comments,
                    },
                    format,
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
