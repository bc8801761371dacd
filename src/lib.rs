//! nook: a terminal workspace of personal micro apps described in RON.
//!
//! This package is the command line (`cli`) and the `nook` binary; the
//! layers below are crates of their own (docs/architecture.md): nook-core
//! (spec, model, overview), nook-store (the database), nook-home (files,
//! config, sync, use cases) and nook-tui (app, ui, runtime). They are
//! re-exported here under their module names, so `nook::spec` is one path
//! for the binary, the tests and the benchmarks.

#[macro_use]
extern crate nook_home;

pub mod cli;

pub use nook_core::{describe, figures, model, overview, theme};
pub use nook_home::{bounds, bundled, config, out, paths, spec, sync, usecase};
pub use nook_store as store;
pub use nook_tui::{app, runtime, ui};
