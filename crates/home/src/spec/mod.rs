//! The spec language (nook-core's `spec`) and the spec files of the apps
//! folder: the catalog that reads them, whole-file saves, and the archive.

pub use nook_core::spec::*;

pub mod archive;
pub mod catalog;
pub mod save;

pub use catalog::{Catalog, Entry};
