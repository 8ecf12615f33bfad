//! boilerstrip core: line splitting and features, boilerplate scoring, normalisation,
//! hashing, MinHash and counting. Plain Rust with no Python in it; the bindings live in
//! `python.rs` and `python/` behind the `python` feature so `cargo test` needs no interpreter.

pub mod classify;
pub mod cohesion;
pub mod dedup;
pub mod fast;
pub mod features;
pub mod fragments;
pub mod gbdt;
pub mod hardwrap;
pub mod hash;
pub mod html;
pub mod htmlclean;
pub mod lang;
pub mod lexicon;
pub mod lines;
pub mod markdown;
pub mod metadata;
pub mod minhash;
pub mod normalize;
pub mod page;
pub mod patterns;
pub mod reasons;
pub mod scan;
pub mod segment;
pub mod stopwords;
pub mod template;
pub mod tokens;
pub mod vocab;

#[cfg(feature = "python")]
mod python;
