//! The spec language (nook-core's `spec`) and the spec files of the apps
//! folder: the catalog that reads them (through the parsed-spec cache, by
//! each file's stamp), whole-file saves, and the archive.

pub use nook_core::spec::*;

pub mod archive;
pub mod catalog;
pub mod parse_cache;
pub mod save;
pub mod stamp;

pub use catalog::{Catalog, Entry};
