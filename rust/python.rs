//! The Python bindings; this module and its submodules in `python/` are the only code that
//! names PyO3. Every function converts its arguments, runs the core with the GIL released
//! (`py.detach`), and converts the result; batches go through in one call so the boundary is
//! crossed once per batch, not per line. This file holds what the submodules share (the
//! panic guard, string and byte conversions, thread pools) and the module registration.

mod dedup;
mod html;
mod template;
mod text;
mod training;

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use rayon::prelude::*;

use crate::reasons;

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

/// A model parsed from its JSON (`parse`, one of the cores' `from_json`) with the GIL
/// released; a bad model is a `ValueError`.
fn model_from_json<T: Send>(
    py: Python<'_>,
    data: &str,
    parse: fn(&str) -> Result<T, crate::gbdt::ModelError>,
) -> PyResult<T> {
    py.detach(|| parse(data))
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Borrow the UTF-8 of a Python string; strings with lone surrogates (which UTF-8 cannot
/// hold) are converted lossily instead of failing the whole batch.
fn text_of<'a>(s: &'a Bound<'_, PyString>) -> std::borrow::Cow<'a, str> {
    match s.to_str() {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => std::borrow::Cow::Owned(without_surrogates(s)),
    }
}

/// A str with lone surrogates, each as one U+FFFD (as the Python side's
/// `without_lone_surrogates`; `to_string_lossy` made three of each, one a byte).
fn without_surrogates(s: &Bound<'_, PyString>) -> String {
    let encoded = s
        .call_method1("encode", ("utf-8", "surrogatepass"))
        .and_then(|b| b.extract::<Vec<u8>>());
    let Ok(mut bytes) = encoded else {
        return s.to_string_lossy().into_owned();
    };
    // under surrogatepass a surrogate is ED A0..BF 80..BF, and 0xED is never a continuation
    // byte; U+FFFD is EF BF BD, of the same length, so the bytes are mended in place
    let mut i = 0;
    while i + 2 < bytes.len() {
        if bytes[i] == 0xED && (0xA0..=0xBF).contains(&bytes[i + 1]) {
            bytes[i..i + 3].copy_from_slice(&[0xEF, 0xBF, 0xBD]);
            i += 3;
        } else {
            i += 1;
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The texts of a batch, each borrowed or converted by `text_of`.
type Texts<'a> = Vec<std::borrow::Cow<'a, str>>;
/// One URL (or `None`) for each text of a batch.
type Urls = Vec<Option<String>>;

/// The texts of a batch call and one URL for each (`None`s without `urls`).
fn texts_and_urls<'a>(
    texts: &'a [Bound<'_, PyString>],
    urls: Option<Urls>,
) -> PyResult<(Texts<'a>, Urls)> {
    if let Some(u) = &urls {
        if u.len() != texts.len() {
            return Err(PyValueError::new_err(format!(
                "{} texts but {} urls",
                texts.len(),
                u.len()
            )));
        }
    }
    let owned: Texts = texts.iter().map(text_of).collect();
    let urls = urls.unwrap_or_else(|| vec![None; owned.len()]);
    Ok((owned, urls))
}

/// The line choice's threshold and floor (see `classify::decide_with_floor`) within [0, 1]:
/// a NaN would compare false with every score, a negative floor keep every line.
fn check_choice(threshold: Option<f32>, floor: f32) -> PyResult<()> {
    for (name, v) in [("threshold", threshold), ("floor", Some(floor))] {
        if let Some(v) = v.filter(|v| !(0.0..=1.0).contains(v)) {
            return Err(PyValueError::new_err(format!(
                "{name} must be within [0, 1], got {v}"
            )));
        }
    }
    Ok(())
}

/// The most threads a pool is built with: the results never depend on the count, and a
/// count of 100,000 built as many OS threads for one document (minutes, no error).
const MAX_THREADS: usize = 256;

fn pool(threads: usize) -> PyResult<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.min(MAX_THREADS))
        .build()
        .map_err(|e| CoreError::new_err(e.to_string()))
}

/// Run `f` on a pool of `threads` threads (0: every core).
fn on_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    Ok(pool(threads)?.install(f))
}

fn poisoned() -> PyErr {
    CoreError::new_err("this index is unusable after an earlier internal error")
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

fn f32s(b: &[u8]) -> Vec<f32> {
    b.chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

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

/// `f` of each item packed into one `bytes`: the per-line and per-document arrays of the
/// result types, so that no Python object is made per item.
fn le_bytes<'py, T, const N: usize>(
    py: Python<'py>,
    v: &[T],
    f: impl Fn(&T) -> [u8; N],
) -> Bound<'py, PyBytes> {
    let mut out = Vec::with_capacity(v.len() * N);
    for x in v {
        out.extend_from_slice(&f(x));
    }
    PyBytes::new(py, &out)
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("CoreError", m.py().get_type::<CoreError>())?;
    m.add("REASON_NAMES", reasons::REASON_NAMES.to_vec())?;
    m.add("MAX_PASSES", crate::classify::MAX_PASSES)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<text::PyModels>()?;
    m.add_class::<text::PyFastModel>()?;
    m.add_class::<text::PyTextResult>()?;
    m.add_function(wrap_pyfunction!(text::clean_text, m)?)?;
    m.add_function(wrap_pyfunction!(text::clean_text_batch, m)?)?;
    m.add_function(wrap_pyfunction!(text::split_lines, m)?)?;
    m.add_function(wrap_pyfunction!(text::normalize_text, m)?)?;
    m.add_function(wrap_pyfunction!(text::looks_binary, m)?)?;
    m.add_function(wrap_pyfunction!(text::word_count, m)?)?;
    m.add_function(wrap_pyfunction!(text::render_markdown, m)?)?;
    m.add_function(wrap_pyfunction!(text::looks_like_markdown, m)?)?;
    m.add_function(wrap_pyfunction!(text::dedup_key, m)?)?;
    m.add_function(wrap_pyfunction!(text::text_hash, m)?)?;
    m.add_function(wrap_pyfunction!(text::language_codes, m)?)?;
    m.add_function(wrap_pyfunction!(text::hash_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(training::line_features, m)?)?;
    m.add_function(wrap_pyfunction!(training::line_terms, m)?)?;
    m.add_function(wrap_pyfunction!(training::fast_features, m)?)?;
    m.add_function(wrap_pyfunction!(training::decide, m)?)?;
    m.add_function(wrap_pyfunction!(training::title_features, m)?)?;
    m.add_function(wrap_pyfunction!(training::feature_names, m)?)?;
    m.add_function(wrap_pyfunction!(text::parse_date, m)?)?;
    m.add_function(wrap_pyfunction!(text::has_builtin_models, m)?)?;
    m.add_function(wrap_pyfunction!(panic_for_tests, m)?)?;
    m.add_class::<html::PyHtmlModels>()?;
    m.add_class::<html::PyHtmlResult>()?;
    m.add_function(wrap_pyfunction!(html::clean_html_batch, m)?)?;
    m.add_function(wrap_pyfunction!(html::html_line_count, m)?)?;
    m.add_function(wrap_pyfunction!(training::html_features, m)?)?;
    // corpus: template counting, exact and near dedup
    m.add("VERDICT_NAMES", crate::dedup::VERDICT_NAMES.to_vec())?;
    m.add_class::<dedup::PyMinHasher>()?;
    m.add_class::<dedup::PyDeduper>()?;
    m.add_class::<dedup::PyDedupResult>()?;
    m.add_class::<template::PyTemplateCounter>()?;
    m.add_function(wrap_pyfunction!(dedup::estimate_jaccard, m)?)?;
    Ok(())
}
