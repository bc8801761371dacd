//! nook's home on disk and what happens to it: where things live (paths,
//! bounds), config.ron, the first-run install, the spec files, what the CLI
//! prints (out), the apps folder with git (sync), and the use cases that
//! write the store and the files together (usecase). Programs start here
//! only: git, from sync/git.rs.

#[macro_use]
pub mod out;

pub mod bounds;
pub mod bundled;
pub mod config;
pub mod model_command;
pub mod paths;
pub mod spec;
pub mod sync;
pub mod usecase;

pub use nook_core::{describe, figures, model, overview, theme};
pub use nook_store as store;
