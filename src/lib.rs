//! nook: a terminal workspace of personal micro apps described in RON.
//!
//! `spec` reads app specs, `model` holds the pure data model, `store` is the
//! only module that touches the database, `cli` implements the commands.

#[macro_use]
pub mod out;

pub mod app;
pub mod bounds;
pub mod bundled;
pub mod cli;
pub mod config;
pub mod model;
pub mod overview;
pub mod paths;
pub mod runtime;
pub mod spec;
pub mod store;
pub mod sync;
pub mod theme;
pub mod ui;
pub mod usecase;
