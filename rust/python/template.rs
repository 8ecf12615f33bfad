//! The `TemplateCounter` binding: per-site line counts across a corpus, and dropping the
//! lines they mark as template from cleaned documents. Corpus-level state like the
//! deduper's, but its own concept (see `rust/template.rs`).

use std::sync::Mutex;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use rayon::prelude::*;

use super::{guarded, on_pool, poisoned, text_of, u64s};
use crate::template::{TemplateCounter, TemplateParams};

/// A document for `TemplateCounter.apply`: `(site, text, line_hashes, kept, reasons)`, or with
/// the clean text after the text: `(site, text, clean_text, line_hashes, kept, reasons)`.
#[derive(FromPyObject)]
enum ApplyItem<'py> {
    Rebuilt(String, Bound<'py, PyString>, Vec<u8>, Vec<u8>, Vec<u8>),
    Clean(
        String,
        Bound<'py, PyString>,
        Bound<'py, PyString>,
        Vec<u8>,
        Vec<u8>,
        Vec<u8>,
    ),
}
/// A result of `TemplateCounter.apply`: `(clean_text, kept, reasons, lines_removed)`.
type Applied<'py> = (String, Bound<'py, PyBytes>, Bound<'py, PyBytes>, usize);

/// Per-site counts of line hashes across documents (see `rust/template.rs`).
#[pyclass(frozen, module = "boilerstrip._core", name = "TemplateCounter")]
pub(super) struct PyTemplateCounter {
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
    /// `TextResult.line_hashes`). With `kept` (one byte per line, as `TextResult.kept`), a
    /// document counts once per distinct kept text (see `TemplateCounter::add_cleaned`).
    /// Returns how many were counted.
    ///
    /// With `texts` (the texts the hashes are of, and `kept`), a line of more than six words
    /// with a digit is counted with its digits, and data lines (values, fields, code) are not
    /// counted (see `template::template_keys`).
    #[pyo3(signature = (sites, hashes, kept=None, texts=None))]
    fn add_hashes(
        &self,
        py: Python<'_>,
        sites: Vec<String>,
        hashes: Vec<Vec<u8>>,
        kept: Option<Vec<Vec<u8>>>,
        texts: Option<Vec<Bound<'_, PyString>>>,
    ) -> PyResult<usize> {
        if texts.is_some() && kept.is_none() {
            return Err(PyValueError::new_err("texts are taken with kept"));
        }
        if sites.len() != hashes.len()
            || kept.as_ref().is_some_and(|k| k.len() != sites.len())
            || texts.as_ref().is_some_and(|t| t.len() != sites.len())
        {
            return Err(PyValueError::new_err(format!(
                "{} sites but {} hash arrays and {} kept arrays",
                sites.len(),
                hashes.len(),
                kept.as_ref().map_or(sites.len(), Vec::len)
            )));
        }
        let hs = hashes
            .iter()
            .map(|b| u64s(b, "hashes"))
            .collect::<PyResult<Vec<_>>>()?;
        let ks: Option<Vec<Vec<bool>>> = kept.map(|k| {
            k.iter()
                .map(|b| b.iter().map(|&x| x != 0).collect())
                .collect()
        });
        if let Some(ks) = &ks {
            if let Some((h, k)) = hs.iter().zip(ks).find(|(h, k)| h.len() != k.len()) {
                return Err(PyValueError::new_err(format!(
                    "{} line hashes but {} kept flags",
                    h.len(),
                    k.len()
                )));
            }
        }
        let owned: Option<Vec<std::borrow::Cow<str>>> =
            texts.as_ref().map(|t| t.iter().map(text_of).collect());
        py.detach(|| {
            guarded(|| {
                let mut c = self.get()?;
                Ok((0..sites.len())
                    .filter(|&j| match &ks {
                        Some(ks) => {
                            let text = owned.as_ref().map(|t| t[j].as_ref());
                            c.add_cleaned(&sites[j], text, &hs[j], &ks[j])
                        }
                        None => c.add_hashes(&sites[j], &hs[j]),
                    })
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

    /// One byte per line hash: 1 if that line is part of the site's template. With `text`
    /// (the text the hashes are of), a line of more than six words with a digit is looked up
    /// with its digits, and a data line (a value, a field, code) is never template, as
    /// `add_texts` and `apply` count and look them up.
    #[pyo3(signature = (site, hashes, text=None))]
    fn template_lines<'py>(
        &self,
        py: Python<'py>,
        site: &str,
        hashes: &[u8],
        text: Option<&str>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let hs = u64s(hashes, "hashes")?;
        let counter = self.get()?;
        let flags = match text {
            Some(t) => counter.template_lines_of_text(site, t, &hs),
            None => counter.template_lines(site, &hs),
        };
        let flags: Vec<u8> = flags.into_iter().map(u8::from).collect();
        Ok(PyBytes::new(py, &flags))
    }

    /// Drop template lines from many documents' kept lines. Each item is `(site, text,
    /// line_hashes, kept, reasons)` with the byte arrays of a `TextResult`, the clean text
    /// rebuilt from the kept lines; or `(site, text, clean_text, line_hashes, kept, reasons)`,
    /// the lines taken out of the document's clean text, whose layout stays (see
    /// `TemplateCounter::apply`). Each result is `(clean_text, kept, reasons, lines_removed)`.
    #[pyo3(signature = (items, threads=1))]
    fn apply<'py>(
        &self,
        py: Python<'py>,
        items: Vec<ApplyItem<'py>>,
        threads: usize,
    ) -> PyResult<Vec<Applied<'py>>> {
        let mut prepared = Vec::with_capacity(items.len());
        for item in &items {
            let (site, text, clean, hashes, kept, reasons) = match item {
                ApplyItem::Rebuilt(site, text, hashes, kept, reasons) => {
                    (site, text, None, hashes, kept, reasons)
                }
                ApplyItem::Clean(site, text, clean, hashes, kept, reasons) => {
                    (site, text, Some(text_of(clean)), hashes, kept, reasons)
                }
            };
            prepared.push((
                site.as_str(),
                text_of(text),
                clean,
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
                        .map(|(site, text, clean, hs, mut kept, mut reasons)| {
                            c.apply(site, &text, clean.as_deref(), &hs, &mut kept, &mut reasons)
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
