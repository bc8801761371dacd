//! In-process tests of the library: the spec language, the store, the operations and their properties.
//! One test binary (one link of nook) holding many modules: see
//! "Tests" in docs/architecture.md for how the tests are grouped.

// Tests and benchmarks drive nook from outside: they start it, git and
// shells, and print what they measure.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

#[path = "../common/mod.rs"]
mod common;
#[path = "../pty/mod.rs"]
mod pty;

mod bundled;
mod change;
mod convergence;
mod describe;
mod due_index;
mod figures;
mod multi_app;
mod props;
mod rollups;
mod ron_oracle;
mod spec_docs;
mod spec_good;
mod spec_hostile;
mod store;
mod view_index;
