//! App specs: the RON language, its checks, and the apps folder.

pub mod calendar;
pub mod contact;
pub mod diagnostic;
pub mod due;
pub mod duration;
pub mod formula;
pub mod highlight;
pub mod input;
pub mod kind;
pub mod links;
pub mod load;
pub mod rewrite;
pub mod slug;
pub mod suggest;
pub mod syntax;
pub mod template;
pub mod types;
pub mod value;

pub use diagnostic::{Diagnostic, SpecError};
pub use kind::{KindTag, StoredKind};
pub use load::load;
pub use types::*;

/// Reads a spec from text, reporting problems against `path`.
pub fn parse_str(path: &str, text: &str) -> Result<Spec, SpecError> {
    let stem = std::path::Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("app");
    load(stem, text.as_bytes()).map_err(|diagnostics| SpecError {
        path: path.to_string(),
        diagnostics,
    })
}
