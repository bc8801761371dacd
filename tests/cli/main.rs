//! Tests that run the nook binary as a command, the way a shell or a script does.
//! One test binary (one link of nook) holding many modules: see
//! "Tests" in docs/architecture.md for how the tests are grouped.

// Tests and benchmarks drive nook from outside: they start it, git and
// shells, and print what they measure.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

#[path = "../common/mod.rs"]
mod common;
#[path = "../pty/mod.rs"]
mod pty;

mod change;
mod cli;
mod compact;
mod csv_import;
mod damaged;
mod data_sync;
mod describe;
mod due;
mod field_types;
mod figures;
mod formulas;
mod hostile_env;
mod items;
mod links;
mod migrate;
mod named_views;
mod numbers;
mod output;
mod polish;
mod records;
mod spec_bad;
mod sync;
mod templates;
mod timer_verbs;
mod upgrade;
mod views;
