//! The deduplication bindings: `MinHasher` and `estimate_jaccard` (near-duplicate
//! signatures) and `Deduper` with its `DedupResult` (URL, exact and near dedup of a corpus).
//! Corpus-level state across batches, unlike the per-document cleaning functions.

use std::sync::Mutex;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use rayon::prelude::*;

use super::{guarded, le_bytes, on_pool, poisoned, text_of, u32s};
use crate::dedup::{DedupConfig, DedupResult, Deduper, DocIn, NearParams};
use crate::minhash::{MinHashParams, MinHasher};

/// MinHash signatures over word n-grams of the dedup key (see `rust/minhash.rs`).
#[pyclass(frozen, module = "boilerstrip._core", name = "MinHasher")]
pub(super) struct PyMinHasher {
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
            .map(|s| le_bytes(py, s, |x| x.to_le_bytes()))
            .collect())
    }
}

/// The estimated Jaccard similarity of two signatures (the fraction of equal values).
#[pyfunction]
pub(super) fn estimate_jaccard(a: &[u8], b: &[u8]) -> PyResult<f64> {
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
pub(super) struct PyDeduper {
    inner: Mutex<Option<Deduper>>,
}

#[pymethods]
impl PyDeduper {
    #[new]
    #[pyo3(signature = (*, urls=true, exact=true, near=true, num_perm=crate::minhash::DEFAULT_NUM_PERM, bands=crate::minhash::DEFAULT_BANDS,
                        rows=None, ngram=crate::minhash::DEFAULT_NGRAM, seed=crate::minhash::DEFAULT_SEED, threshold=None))]
    // The arguments are the Python signature's.
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
pub(super) struct PyDedupResult {
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
        le_bytes(py, &self.r.verdict, |v| [*v as u8])
    }
    /// Little-endian uint32 per document: the index of the kept document it belongs to.
    #[getter]
    fn representatives<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        le_bytes(py, &self.r.representative, |x| x.to_le_bytes())
    }
    /// Little-endian uint64 per document: the cluster id (a hash of the kept document's id).
    #[getter]
    fn clusters<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        le_bytes(py, &self.r.cluster, |x| x.to_le_bytes())
    }
    /// Little-endian uint32 per document: the cluster's size at the kept document, else 0.
    #[getter]
    fn cluster_sizes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        le_bytes(py, &self.r.cluster_size, |x| x.to_le_bytes())
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
