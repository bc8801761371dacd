//! nook's terminal UI: the app state and its one mutator (app), drawing
//! (ui), and the event loop that joins them to the terminal, the store and
//! the files (runtime). Programs start here only: the user's editor, from
//! runtime/terminal.rs.

#[macro_use]
extern crate nook_home;

pub mod app;
pub mod runtime;
pub mod ui;

pub use nook_core::{describe, figures, model, overview, theme};
pub use nook_home::{bounds, bundled, config, model_command, out, paths, spec, sync, usecase};
pub use nook_store as store;
